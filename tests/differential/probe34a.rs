//! Probe round 34a: protocol handlers and state machines kept in structs and enums, driven
//! by async methods: a connection or session struct with a `state` enum field, `&mut self`
//! methods matching `self.state` by copy, by `&mut` and through `mem::replace`/`mem::take`,
//! transitions assigned after awaits, `Option<Box<..>>` fields taken and put back, retries
//! and timeouts counted in fields, handlers dispatching an `enum Msg` by value and by
//! reference, lowered drivers stepping a struct until a `Done` state, builders consumed by
//! `self` methods, nested enums holding `Tracker`s, enum methods matching `self` and
//! writing `*self = ..`; and a few larger machines (an HTTP-ish request parser, a TCP-ish
//! handshake, a traffic light, a vending machine, a download with resume).
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::mem;

twin! {
    /// A `Copy` state enum matched by value in `&mut self`, the next state assigned after an await.
    p34a_copy_state_match {
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub enum State { Idle, Open(u32), Closed }
        pub struct Conn { pub state: State, pub t: Tracker }
        impl Conn {
            lower! {
                pub async fn step(&mut self) -> u32 {
                    match self.state {
                        State::Idle => {
                            step("connect").await;
                            self.state = State::Open(0);
                            0
                        }
                        State::Open(n) => {
                            let v = leaf("read", n + 1).await;
                            self.state = if n + v > 4 { State::Closed } else { State::Open(n + v) };
                            v
                        }
                        State::Closed => 99,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<u32>, State) {
                let mut c = Conn { state: State::Idle, t: Tracker::new("conn") };
                let mut out = vec![];
                while c.state != State::Closed {
                    out.push(c.step().await);
                }
                (out, c.state)
            }
        }
    }
    run { go() }
}

twin! {
    /// `match &mut self.state` with a counter bumped through the binding after an await.
    p34a_ref_mut_state_bump {
        #[derive(Debug)]
        pub enum State { Idle, Open(u32), Closed }
        pub struct Conn { pub state: State }
        impl Conn {
            lower! {
                pub async fn step(&mut self) -> u32 {
                    match &mut self.state {
                        State::Idle => { step("idle").await; 0 }
                        State::Open(n) => {
                            *n += leaf("more", 2).await;
                            *n
                        }
                        State::Closed => 7,
                    }
                }
            }
        }
        pub async fn go() -> (u32, u32, u32) {
            let mut c = Conn { state: State::Open(1) };
            let a = c.step().await;
            let b = c.step().await;
            c.state = State::Closed;
            let d = c.step().await;
            (a, b, d)
        }
    }
    run { go() }
}

twin! {
    /// `match &mut self.state`, binding used after an await, then `self.state = ..` in the arm.
    p34a_ref_mut_state_then_assign {
        #[derive(Debug)]
        pub enum State { Open(u32), Closed }
        pub struct Conn { pub state: State }
        impl Conn {
            lower! {
                pub async fn step(&mut self) -> bool {
                    match &mut self.state {
                        State::Open(n) => {
                            *n += leaf("more", 2).await;
                            if *n > 4 {
                                self.state = State::Closed;
                            }
                            true
                        }
                        State::Closed => false,
                    }
                }
            }
        }
        pub async fn go() -> (u32, State) {
            let mut c = Conn { state: State::Open(1) };
            let mut k = 0;
            while c.step().await { k += 1; }
            (k, c.state)
        }
    }
    run { go() }
}

twin! {
    /// `mem::replace(&mut self.state, Idle)` matched by value, a job's trackers moved into the next state after an await.
    p34a_replace_state_busy_job {
        #[derive(Debug)]
        pub struct Job { pub a: Tracker, pub b: Tracker, pub n: u32 }
        #[derive(Debug)]
        pub enum State { Idle, Busy(Job), Done(Job) }
        pub struct Worker { pub state: State }
        impl Worker {
            lower! {
                pub async fn step(&mut self) -> &'static str {
                    match mem::replace(&mut self.state, State::Idle) {
                        State::Idle => {
                            step("pick").await;
                            self.state = State::Busy(Job { a: Tracker::new("a"), b: Tracker::new("b"), n: 0 });
                            "picked"
                        }
                        State::Busy(mut job) => {
                            job.n += leaf("work", 1).await;
                            if job.n >= 2 {
                                self.state = State::Done(job);
                                "done"
                            } else {
                                self.state = State::Busy(job);
                                "busy"
                            }
                        }
                        State::Done(job) => {
                            step("finish").await;
                            log(format!("finished {}", job.n));
                            "reset"
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<&'static str> {
                let mut w = Worker { state: State::Idle };
                let mut out = vec![];
                for _ in 0..5 {
                    out.push(w.step().await);
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// `mem::take` of a `Default` state, matched, and put back after an await.
    p34a_take_state_default {
        #[derive(Debug, Default)]
        pub enum State { #[default] Empty, Holding(Tracker, u32) }
        pub struct Slot { pub state: State }
        impl Slot {
            lower! {
                pub async fn cycle(&mut self) -> u32 {
                    let s = mem::take(&mut self.state);
                    let v = leaf("io", 3).await;
                    match s {
                        State::Empty => {
                            self.state = State::Holding(Tracker::new("h"), v);
                            0
                        }
                        State::Holding(t, n) => {
                            step("release").await;
                            drop(t);
                            n + v
                        }
                    }
                }
            }
        }
        pub async fn go() -> (u32, u32, u32) {
            let mut s = Slot { state: State::Empty };
            let a = s.cycle().await;
            let b = s.cycle().await;
            let c = s.cycle().await;
            (a, b, c)
        }
    }
    run { go() }
}

twin! {
    /// An `Option<Box<Tracker>>` field taken before an await and put back after it.
    p34a_option_box_take_put_back {
        pub struct Conn { pub buf: Option<Box<Tracker>>, pub n: u32 }
        impl Conn {
            lower! {
                pub async fn flush(&mut self) -> bool {
                    let b = self.buf.take();
                    let ok = leaf("write", b.is_some()).await;
                    self.n += 1;
                    self.buf = b;
                    ok
                }
            }
        }
        pub async fn go() -> (bool, bool, u32) {
            let mut c = Conn { buf: Some(Box::new(Tracker::new("buf"))), n: 0 };
            let a = c.flush().await;
            c.buf = None;
            let b = c.flush().await;
            (a, b, c.n)
        }
    }
    run { go() }
}

twin! {
    /// `if let Some(b) = self.buf.take()` with awaits inside, the box put back only on one path.
    p34a_option_box_if_let_take {
        pub struct Conn { pub buf: Option<Box<Tracker>>, pub sent: u32 }
        impl Conn {
            lower! {
                pub async fn flush(&mut self, keep: bool) -> u32 {
                    if let Some(b) = self.buf.take() {
                        step("send").await;
                        self.sent += 1;
                        if keep {
                            self.buf = Some(b);
                        } else {
                            log(format!("release {}", b.name()));
                        }
                        step("after").await;
                    }
                    self.sent
                }
            }
        }
        pub async fn go() -> u32 {
            let mut c = Conn { buf: Some(Box::new(Tracker::new("b1"))), sent: 0 };
            c.flush(true).await;
            c.flush(false).await;
            c.flush(true).await
        }
    }
    run { go() }
}

twin! {
    /// Retries counted in a field: try, back off, try again until a leaf says ok.
    p34a_retry_counter_field {
        pub struct Client { pub attempts: u32, pub t: Tracker }
        impl Client {
            lower! {
                pub async fn connect(&mut self) -> u32 {
                    loop {
                        self.attempts += 1;
                        let _g = Tracker::new("attempt");
                        let ok = leaf("try", self.attempts >= 3).await;
                        if ok {
                            break self.attempts;
                        }
                        step("backoff").await;
                    }
                }
            }
        }
        pub async fn go() -> u32 {
            let mut c = Client { attempts: 0, t: Tracker::new("client") };
            c.connect().await
        }
    }
    run { go() }
}

twin! {
    /// A timeout counted in a field: ticks until a deadline, returning `Err` on timeout through `?`.
    p34a_timeout_ticks_question {
        #[derive(Debug)]
        pub struct Timeout(pub u32);
        pub struct Waiter { pub ticks: u32, pub limit: u32 }
        impl Waiter {
            lower! {
                pub async fn tick(&mut self) -> Result<u32, Timeout> {
                    self.ticks += 1;
                    step("tick").await;
                    if self.ticks > self.limit { Err(Timeout(self.ticks)) } else { Ok(self.ticks) }
                }
            }
            lower! {
                pub async fn wait(&mut self, ready_at: u32) -> Result<u32, Timeout> {
                    let _g = Tracker::new("wait");
                    loop {
                        let t = self.tick().await?;
                        if leaf("ready?", t >= ready_at).await {
                            return Ok(t);
                        }
                    }
                }
            }
        }
        pub async fn go() -> (Result<u32, Timeout>, Result<u32, Timeout>) {
            let mut w = Waiter { ticks: 0, limit: 3 };
            let a = w.wait(2).await;
            let b = w.wait(9).await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// A handler dispatching a `Msg` by value to methods; payload trackers moved into the handlers.
    p34a_dispatch_msg_by_value {
        #[derive(Debug)]
        pub enum Msg { Ping(u32), Data(Tracker, u32), Close }
        pub struct Session { pub seen: Vec<u32>, pub open: bool }
        impl Session {
            lower! {
                pub async fn on_data(&mut self, t: Tracker, n: u32) -> u32 {
                    let v = leaf("store", n * 2).await;
                    self.seen.push(v);
                    log(format!("stored {}", t.name()));
                    v
                }
            }
            lower! {
                pub async fn handle(&mut self, msg: Msg) -> u32 {
                    match msg {
                        Msg::Ping(k) => { step("pong").await; k }
                        Msg::Data(t, n) => self.on_data(t, n).await,
                        Msg::Close => { self.open = false; step("bye").await; 0 }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<u32>, Vec<u32>, bool) {
                let mut s = Session { seen: vec![], open: true };
                let msgs = vec![Msg::Ping(1), Msg::Data(Tracker::new("d1"), 2), Msg::Data(Tracker::new("d2"), 3), Msg::Close];
                let mut out = vec![];
                for m in msgs {
                    out.push(s.handle(m).await);
                }
                (out, s.seen.clone(), s.open)
            }
        }
    }
    run { go() }
}

twin! {
    /// A handler dispatching a `&Msg` by reference; the reference held across awaits.
    p34a_dispatch_msg_by_ref {
        #[derive(Debug)]
        pub enum Msg { Ping(u32), Data(Tracker, u32), Close }
        pub struct Session { pub total: u32 }
        impl Session {
            lower! {
                pub async fn handle(&mut self, msg: &Msg) -> u32 {
                    match msg {
                        Msg::Ping(k) => { step("pong").await; *k }
                        Msg::Data(t, n) => {
                            let v = leaf("read", *n).await;
                            log(format!("data {}", t.name()));
                            self.total += v;
                            v
                        }
                        Msg::Close => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<u32>, u32) {
                let mut s = Session { total: 0 };
                let msgs = vec![Msg::Data(Tracker::new("d1"), 2), Msg::Ping(5), Msg::Close, Msg::Data(Tracker::new("d2"), 4)];
                let mut out = vec![];
                for m in &msgs {
                    out.push(s.handle(m).await);
                }
                step("end").await;
                (out, s.total)
            }
        }
    }
    run { go() }
}

twin! {
    /// A lowered driver stepping a machine until `is_done()`.
    p34a_driver_until_done {
        #[derive(Debug, PartialEq)]
        pub enum State { Start, Mid(u32), Done }
        pub struct M { pub state: State, pub g: Tracker }
        impl M {
            pub fn is_done(&self) -> bool { self.state == State::Done }
            lower! {
                pub async fn advance(&mut self) {
                    self.state = match self.state {
                        State::Start => { step("s").await; State::Mid(0) }
                        State::Mid(n) if n < 2 => State::Mid(leaf("m", n + 1).await),
                        State::Mid(_) => State::Done,
                        State::Done => State::Done,
                    };
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut m = M { state: State::Start, g: Tracker::new("m") };
                let mut steps = 0;
                while !m.is_done() {
                    m.advance().await;
                    steps += 1;
                }
                let _tail = Tracker::new("tail");
                step("last").await;
                steps
            }
        }
    }
    run { go() }
}

twin! {
    /// A builder consumed by an awaited `self` method, producing a connection.
    p34a_builder_consumed_by_self {
        pub struct Builder { pub host: String, pub retries: u32, pub guard: Tracker }
        #[derive(Debug)]
        pub struct Conn { pub host: String, pub retries: u32, pub guard: Tracker }
        impl Builder {
            pub fn retries(mut self, n: u32) -> Self { self.retries = n; self }
            lower! {
                pub async fn connect(self) -> Conn {
                    step("dns").await;
                    let port = leaf("port", 80).await;
                    Conn { host: format!("{}:{}", self.host, port), retries: self.retries, guard: self.guard }
                }
            }
        }
        lower! {
            pub async fn go() -> Conn {
                let b = Builder { host: "h".to_string(), retries: 0, guard: Tracker::new("g") };
                let c = b.retries(3).connect().await;
                step("connected").await;
                c
            }
        }
    }
    run { go() }
}

twin! {
    /// A builder whose `self` method drops part of it before an await (the rest moves on).
    p34a_builder_self_partial {
        pub struct Builder { pub a: Tracker, pub b: Tracker, pub n: u32 }
        impl Builder {
            lower! {
                pub async fn finish(self) -> (Tracker, u32) {
                    let Builder { a, b, n } = self;
                    drop(a);
                    let k = leaf("k", n).await;
                    step("s").await;
                    (b, k)
                }
            }
        }
        pub async fn go() -> u32 {
            let (t, k) = Builder { a: Tracker::new("a"), b: Tracker::new("b"), n: 4 }.finish().await;
            log(format!("got {}", t.name()));
            k
        }
    }
    run { go() }
}

twin! {
    /// Known shape: `match self` on an enum, a binding used after an await, then `*self = ..`.
    p34a_enum_self_bind_after_await_assign {
        #[derive(Debug)]
        pub enum Light { Red(u32), Green(u32), Off }
        impl Light {
            lower! {
                pub async fn tick(&mut self) -> u32 {
                    match self {
                        Light::Red(n) => {
                            *n += leaf("wait", 1).await;
                            if *n >= 2 { *self = Light::Green(0); }
                            1
                        }
                        Light::Green(n) => {
                            *n += leaf("go", 1).await;
                            if *n >= 1 { *self = Light::Off; }
                            2
                        }
                        Light::Off => 0,
                    }
                }
            }
        }
        pub async fn go() -> (Vec<u32>, Light) {
            let mut l = Light::Red(0);
            let mut v = vec![];
            for _ in 0..4 { v.push(l.tick().await); }
            (v, l)
        }
    }
    run { go() }
}

twin! {
    /// `match self` with the binding copied out before the await, `*self = ..` after it.
    p34a_enum_self_copy_before_await {
        #[derive(Debug)]
        pub enum Phase { Wait(u32), Run(u32), End }
        impl Phase {
            lower! {
                pub async fn next(&mut self) -> u32 {
                    match self {
                        Phase::Wait(n) => {
                            let k = *n;
                            step("w").await;
                            *self = Phase::Run(k + 1);
                            k
                        }
                        Phase::Run(n) => {
                            let k = *n;
                            let v = leaf("r", k * 10).await;
                            *self = Phase::End;
                            v
                        }
                        Phase::End => 0,
                    }
                }
            }
        }
        pub async fn go() -> (Vec<u32>, Phase) {
            let mut p = Phase::Wait(3);
            let mut v = vec![];
            for _ in 0..3 { v.push(p.next().await); }
            (v, p)
        }
    }
    run { go() }
}

twin! {
    /// `match *self` on a `Copy` enum, `*self = ..` after an await.
    p34a_enum_star_self_copy {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Light { Red, Yellow, Green }
        impl Light {
            lower! {
                pub async fn next(&mut self) -> u32 {
                    match *self {
                        Light::Red => { let d = leaf("red", 3).await; *self = Light::Green; d }
                        Light::Green => { let d = leaf("green", 2).await; *self = Light::Yellow; d }
                        Light::Yellow => { step("yellow").await; *self = Light::Red; 1 }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, Light) {
                let mut l = Light::Red;
                let mut total = 0;
                for _ in 0..4 { total += l.next().await; }
                (total, l)
            }
        }
    }
    run { go() }
}

twin! {
    /// `match mem::replace(self, Idle)` on an enum with trackers; the payload moved into the next variant after an await.
    p34a_enum_replace_self {
        #[derive(Debug)]
        pub enum Conn { Idle, Open(Tracker, u32), Closing(Tracker) }
        impl Conn {
            lower! {
                pub async fn step(&mut self) -> u32 {
                    match mem::replace(self, Conn::Idle) {
                        Conn::Idle => { step("open").await; *self = Conn::Open(Tracker::new("sock"), 0); 0 }
                        Conn::Open(t, n) => {
                            let v = leaf("recv", n + 1).await;
                            *self = if v >= 2 { Conn::Closing(t) } else { Conn::Open(t, v) };
                            v
                        }
                        Conn::Closing(t) => {
                            step("fin").await;
                            log(format!("closing {}", t.name()));
                            9
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut c = Conn::Idle;
                let mut v = vec![];
                for _ in 0..5 { v.push(c.step().await); }
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// `if let State::Open(ref mut n) = self.state` with an await before writing through the `ref mut`.
    p34a_if_let_ref_mut_field {
        pub enum State { Open(u32), Closed }
        pub struct Conn { pub state: State, pub t: Tracker }
        impl Conn {
            lower! {
                pub async fn bump(&mut self) -> u32 {
                    if let State::Open(ref mut n) = self.state {
                        let k = leaf("k", 2).await;
                        *n += k;
                        *n
                    } else {
                        step("closed").await;
                        0
                    }
                }
            }
        }
        pub async fn go() -> (u32, u32, u32) {
            let mut c = Conn { state: State::Open(1), t: Tracker::new("c") };
            let a = c.bump().await;
            let b = c.bump().await;
            c.state = State::Closed;
            (a, b, c.bump().await)
        }
    }
    run { go() }
}

twin! {
    /// `let State::Open(n) = &mut self.state else { return .. }` then awaits and writes through `n`.
    p34a_let_else_ref_mut_state {
        pub enum State { Open(u32), Closed }
        pub struct Conn { pub state: State }
        impl Conn {
            lower! {
                pub async fn bump(&mut self) -> Option<u32> {
                    let _g = Tracker::new("g");
                    let State::Open(n) = &mut self.state else {
                        step("closed").await;
                        return None;
                    };
                    *n += leaf("k", 3).await;
                    step("s").await;
                    Some(*n)
                }
            }
        }
        pub async fn go() -> (Option<u32>, Option<u32>) {
            let mut c = Conn { state: State::Open(1) };
            let a = c.bump().await;
            c.state = State::Closed;
            (a, c.bump().await)
        }
    }
    run { go() }
}

twin! {
    /// An inbox `VecDeque<Msg>` field drained with `while let Some(m) = self.inbox.pop_front()`, each handled by an awaited method.
    p34a_inbox_drain_loop {
        #[derive(Debug)]
        pub enum Msg { Add(u32), Tagged(Tracker), Stop }
        pub struct Actor { pub inbox: VecDeque<Msg>, pub sum: u32 }
        impl Actor {
            lower! {
                pub async fn handle(&mut self, m: Msg) -> bool {
                    match m {
                        Msg::Add(k) => { self.sum += leaf("add", k).await; true }
                        Msg::Tagged(t) => { step("tag").await; log(format!("tag {}", t.name())); true }
                        Msg::Stop => false,
                    }
                }
            }
            lower! {
                pub async fn run(&mut self) -> u32 {
                    while let Some(m) = self.inbox.pop_front() {
                        if !self.handle(m).await {
                            break;
                        }
                    }
                    self.sum
                }
            }
        }
        pub async fn go() -> (u32, usize) {
            let mut a = Actor { inbox: VecDeque::new(), sum: 0 };
            a.inbox.push_back(Msg::Add(2));
            a.inbox.push_back(Msg::Tagged(Tracker::new("t1")));
            a.inbox.push_back(Msg::Add(5));
            a.inbox.push_back(Msg::Stop);
            a.inbox.push_back(Msg::Tagged(Tracker::new("t2")));
            let s = a.run().await;
            (s, a.inbox.len())
        }
    }
    run { go() }
}

twin! {
    /// A guard on the state binding (`State::Open(n) if *n > 2`) with an awaiting arm.
    p34a_guarded_state_arm {
        pub enum State { Open(u32), Closed }
        pub struct Conn { pub state: State }
        impl Conn {
            lower! {
                pub async fn step(&mut self) -> u32 {
                    match &self.state {
                        State::Open(n) if *n > 2 => { step("big").await; self.state = State::Closed; 100 }
                        State::Open(n) => { let k = leaf("small", *n).await; self.state = State::Open(k + 2); k }
                        State::Closed => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut c = Conn { state: State::Open(1) };
                let mut v = vec![];
                for _ in 0..4 { v.push(c.step().await); }
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// A `matches!` condition on the state field driving a `while` loop with awaits.
    p34a_matches_loop_condition {
        #[derive(Debug)]
        pub enum State { Handshake(u8), Ready, Failed }
        pub struct Conn { pub state: State, pub log: Vec<u8> }
        impl Conn {
            lower! {
                pub async fn establish(&mut self) -> bool {
                    while matches!(self.state, State::Handshake(_)) {
                        let b = leaf("byte", 1u8).await;
                        self.log.push(b);
                        if let State::Handshake(k) = &mut self.state {
                            *k += b;
                            if *k >= 3 { self.state = State::Ready; }
                        }
                    }
                    matches!(self.state, State::Ready)
                }
            }
        }
        pub async fn go() -> (bool, usize, bool) {
            let mut c = Conn { state: State::Handshake(0), log: vec![] };
            let ok = c.establish().await;
            c.state = State::Failed;
            let again = c.establish().await;
            (ok, c.log.len(), again)
        }
    }
    run { go() }
}

twin! {
    /// A state holding a tracker replaced after an await: the old state's tracker drops at the assignment.
    p34a_state_replaced_drops_old {
        #[derive(Debug)]
        pub enum State { A(Tracker), B(Tracker), C }
        pub struct M { pub state: State }
        impl M {
            lower! {
                pub async fn step(&mut self) {
                    let next = match self.state {
                        State::A(_) => State::B(Tracker::new("b")),
                        State::B(_) => State::C,
                        State::C => State::A(Tracker::new("a2")),
                    };
                    step("io").await;
                    log("assign");
                    self.state = next;
                    log("assigned");
                }
            }
        }
        pub async fn go() {
            let mut m = M { state: State::A(Tracker::new("a")) };
            for _ in 0..3 { m.step().await; }
            log(format!("{:?}", m.state));
        }
    }
    run { go() }
}

twin! {
    /// A session method returning early with `?` from a nested lowered call, trackers in scope.
    p34a_session_question_early {
        #[derive(Debug)]
        pub enum Err { Refused(u32) }
        pub struct Session { pub id: u32, pub t: Tracker }
        impl Session {
            lower! {
                pub async fn auth(&self, tok: u32) -> Result<u32, Err> {
                    step("check").await;
                    if tok % 2 == 0 { Ok(tok / 2) } else { Err(Err::Refused(tok)) }
                }
            }
            lower! {
                pub async fn login(&mut self, tok: u32) -> Result<u32, Err> {
                    let _a = Tracker::new("attempt");
                    let uid = self.auth(tok).await?;
                    let _b = Tracker::new("granted");
                    self.id = leaf("session", uid + 100).await;
                    Ok(self.id)
                }
            }
        }
        lower! {
            pub async fn go() -> (Result<u32, Err>, Result<u32, Err>, u32) {
                let mut s = Session { id: 0, t: Tracker::new("s") };
                let a = s.login(3).await;
                let b = s.login(8).await;
                (a, b, s.id)
            }
        }
    }
    run { go() }
}

twin! {
    /// An `Option<Box<Job>>` current job taken, worked across awaits, and put back unless finished.
    p34a_current_job_box {
        #[derive(Debug)]
        pub struct Job { pub t: Tracker, pub left: u32 }
        pub struct Worker { pub current: Option<Box<Job>>, pub done: u32 }
        impl Worker {
            lower! {
                pub async fn work(&mut self) -> bool {
                    let Some(mut job) = self.current.take() else { return false; };
                    job.left -= leaf("unit", 1).await;
                    if job.left == 0 {
                        self.done += 1;
                        step("report").await;
                        log(format!("finished {}", job.t.name()));
                    } else {
                        self.current = Some(job);
                    }
                    true
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut w = Worker { current: Some(Box::new(Job { t: Tracker::new("j1"), left: 2 })), done: 0 };
                while w.work().await {}
                w.current = Some(Box::new(Job { t: Tracker::new("j2"), left: 1 }));
                while w.work().await {}
                w.done
            }
        }
    }
    run { go() }
}

twin! {
    /// A method matching a tuple `(&self.state, msg)` to pick a transition.
    p34a_tuple_state_msg_match {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum State { Closed, Listen, Open }
        #[derive(Debug, Clone, Copy)]
        pub enum Ev { Listen, Syn, Fin }
        pub struct Sock { pub state: State, pub t: Tracker }
        impl Sock {
            lower! {
                pub async fn on(&mut self, ev: Ev) -> State {
                    let next = match (&self.state, ev) {
                        (State::Closed, Ev::Listen) => { step("bind").await; State::Listen }
                        (State::Listen, Ev::Syn) => { step("synack").await; State::Open }
                        (State::Open, Ev::Fin) => { step("ack").await; State::Closed }
                        (s, _) => { log(format!("ignored in {:?}", s)); *s }
                    };
                    self.state = next;
                    next
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<State> {
                let mut s = Sock { state: State::Closed, t: Tracker::new("sock") };
                let mut v = vec![];
                for e in [Ev::Syn, Ev::Listen, Ev::Syn, Ev::Syn, Ev::Fin] {
                    v.push(s.on(e).await);
                }
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// A typestate-ish machine: `async fn next(self) -> Self` consumed and reassigned in a loop.
    p34a_self_by_value_transition {
        #[derive(Debug)]
        pub enum St { Init(Tracker), Run(Tracker, u32), Done(u32) }
        impl St {
            lower! {
                pub async fn next(self) -> St {
                    match self {
                        St::Init(t) => { step("init").await; St::Run(t, 0) }
                        St::Run(t, n) => {
                            let k = leaf("run", n + 1).await;
                            if k >= 2 { drop(t); St::Done(k) } else { St::Run(t, k) }
                        }
                        St::Done(n) => St::Done(n),
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut s = St::Init(Tracker::new("t"));
                loop {
                    s = s.next().await;
                    if let St::Done(n) = s { break n; }
                }
            }
        }
    }
    run { go() }
}

twin! {
    /// A traffic light with timers counted in fields and a pedestrian request flag.
    p34a_traffic_light {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Color { Red, Green, Yellow }
        pub struct Light { pub color: Color, pub timer: u32, pub ped: bool, pub cycles: u32, pub lamp: Tracker }
        impl Light {
            pub fn dur(&self) -> u32 {
                match self.color { Color::Red => 3, Color::Green => if self.ped { 1 } else { 2 }, Color::Yellow => 1 }
            }
            lower! {
                pub async fn tick(&mut self) -> Color {
                    step("tick").await;
                    self.timer += 1;
                    if self.timer >= self.dur() {
                        self.timer = 0;
                        self.color = match self.color {
                            Color::Red => { self.cycles += 1; Color::Green }
                            Color::Green => { self.ped = false; Color::Yellow }
                            Color::Yellow => Color::Red,
                        };
                        log(format!("switch to {:?}", self.color));
                    }
                    if leaf("button", self.timer == 1).await {
                        self.ped = true;
                    }
                    self.color
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, Vec<Color>) {
                let mut l = Light { color: Color::Red, timer: 0, ped: false, cycles: 0, lamp: Tracker::new("lamp") };
                let mut seen = vec![];
                while l.cycles < 2 {
                    let c = l.tick().await;
                    if seen.last() != Some(&c) { seen.push(c); }
                }
                (l.cycles, seen)
            }
        }
    }
    run { go() }
}

twin! {
    /// A vending machine: coins inserted, items (trackers) dispensed, change returned, states in an enum.
    p34a_vending_machine {
        #[derive(Debug)]
        pub enum Vm { Idle, Paying { paid: u32 }, Dispensing(Tracker), OutOfStock }
        pub struct Machine { pub state: Vm, pub stock: Vec<Tracker>, pub bank: u32, pub price: u32 }
        impl Machine {
            lower! {
                pub async fn insert(&mut self, coin: u32) -> Option<u32> {
                    let accepted = leaf("coin", coin).await;
                    match mem::replace(&mut self.state, Vm::Idle) {
                        Vm::Idle => { self.state = Vm::Paying { paid: accepted }; None }
                        Vm::Paying { paid } => {
                            let paid = paid + accepted;
                            if paid >= self.price {
                                match self.stock.pop() {
                                    Some(item) => {
                                        self.bank += self.price;
                                        self.state = Vm::Dispensing(item);
                                        Some(paid - self.price)
                                    }
                                    None => { self.state = Vm::OutOfStock; Some(paid) }
                                }
                            } else {
                                self.state = Vm::Paying { paid };
                                None
                            }
                        }
                        other => { self.state = other; Some(accepted) }
                    }
                }
            }
            lower! {
                pub async fn take(&mut self) -> Option<Tracker> {
                    step("door").await;
                    match mem::replace(&mut self.state, Vm::Idle) {
                        Vm::Dispensing(t) => Some(t),
                        other => { self.state = other; None }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<Option<u32>>, u32, usize) {
                let mut m = Machine { state: Vm::Idle, stock: vec![Tracker::new("cola")], bank: 0, price: 5 };
                let mut change = vec![];
                for c in [2, 2, 2] { change.push(m.insert(c).await); }
                let got = m.take().await;
                log(format!("got {:?}", got));
                drop(got);
                for c in [5, 5] { change.push(m.insert(c).await); }
                let none = m.take().await;
                (change, m.bank, none.into_iter().count())
            }
        }
    }
    run { go() }
}

twin! {
    /// An HTTP-ish request parser: chunks arrive from awaited reads; states for the request line, headers and a sized body.
    p34a_http_parser {
        #[derive(Debug)]
        pub enum PState { Line, Headers, Body { need: usize }, Done }
        #[derive(Debug, Default)]
        pub struct Request { pub method: String, pub path: String, pub headers: Vec<(String, String)>, pub body: String }
        pub struct Parser { pub state: PState, pub req: Request, pub buf: String, pub conn: Tracker }
        impl Parser {
            lower! {
                pub async fn feed(&mut self, chunk: &'static str) -> bool {
                    self.buf.push_str(leaf("read", chunk).await);
                    loop {
                        match self.state {
                            PState::Line => {
                                let Some(i) = self.buf.find('\n') else { return false };
                                let line: String = self.buf.drain(..=i).collect();
                                let mut parts = line.trim().split(' ');
                                self.req.method = parts.next().unwrap_or("").to_string();
                                self.req.path = parts.next().unwrap_or("").to_string();
                                step("line").await;
                                self.state = PState::Headers;
                            }
                            PState::Headers => {
                                let Some(i) = self.buf.find('\n') else { return false };
                                let line: String = self.buf.drain(..=i).collect();
                                let line = line.trim();
                                if line.is_empty() {
                                    let need = self.req.headers.iter().find(|(k, _)| k == "len").map(|(_, v)| v.parse().unwrap()).unwrap_or(0);
                                    self.state = if need == 0 { PState::Done } else { PState::Body { need } };
                                } else {
                                    let (k, v) = line.split_once(':').unwrap();
                                    let _h = Tracker::new("header");
                                    step("header").await;
                                    self.req.headers.push((k.to_string(), v.trim().to_string()));
                                }
                            }
                            PState::Body { need } => {
                                if self.buf.len() < need { return false; }
                                let body: String = self.buf.drain(..need).collect();
                                self.req.body = body;
                                step("body").await;
                                self.state = PState::Done;
                            }
                            PState::Done => return true,
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (bool, String, String, Vec<(String, String)>, String) {
                let mut p = Parser { state: PState::Line, req: Request::default(), buf: String::new(), conn: Tracker::new("conn") };
                let chunks = ["GET /ind", "ex HTTP\nhost: x\nle", "n: 4\n\nab", "cd"];
                let mut done = false;
                for c in chunks {
                    done = p.feed(c).await;
                    log(format!("fed {c:?} -> {done}"));
                }
                let r = mem::take(&mut p.req);
                (done, r.method, r.path, r.headers, r.body)
            }
        }
    }
    run { go() }
}

twin! {
    /// A TCP-ish handshake: SYN with retransmits on timeout, SYN-ACK, ACK; segments are trackers; fields count retries.
    p34a_tcp_handshake {
        #[derive(Debug, PartialEq)]
        pub enum Tcp { Closed, SynSent { tries: u32 }, Established, Failed }
        #[derive(Debug)]
        pub enum Seg { SynAck(u32), Rst, Nothing }
        pub struct Sock { pub state: Tcp, pub seq: u32, pub inflight: Option<Box<Tracker>>, pub max_tries: u32 }
        impl Sock {
            lower! {
                pub async fn recv(&mut self, round: u32) -> Seg {
                    let r = leaf("recv", round).await;
                    match r { 0 | 1 => Seg::Nothing, 2 => Seg::SynAck(self.seq + 1), _ => Seg::Rst }
                }
            }
            lower! {
                pub async fn connect(&mut self) -> Result<u32, &'static str> {
                    let mut round = 0;
                    loop {
                        match self.state {
                            Tcp::Closed => {
                                self.inflight = Some(Box::new(Tracker::new("syn")));
                                step("send syn").await;
                                self.state = Tcp::SynSent { tries: 1 };
                            }
                            Tcp::SynSent { tries } => {
                                let seg = self.recv(round).await;
                                round += 1;
                                match seg {
                                    Seg::SynAck(ack) => {
                                        let syn = self.inflight.take();
                                        step("send ack").await;
                                        drop(syn);
                                        self.seq = ack;
                                        self.state = Tcp::Established;
                                    }
                                    Seg::Nothing if tries < self.max_tries => {
                                        log(format!("timeout {tries}"));
                                        self.inflight = Some(Box::new(Tracker::new("syn again")));
                                        step("retransmit").await;
                                        self.state = Tcp::SynSent { tries: tries + 1 };
                                    }
                                    Seg::Nothing | Seg::Rst => {
                                        self.inflight = None;
                                        self.state = Tcp::Failed;
                                    }
                                }
                            }
                            Tcp::Established => return Ok(self.seq),
                            Tcp::Failed => return Err("failed"),
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Result<u32, &'static str>, Result<u32, &'static str>) {
                let mut a = Sock { state: Tcp::Closed, seq: 10, inflight: None, max_tries: 5 };
                let ra = a.connect().await;
                let mut b = Sock { state: Tcp::Closed, seq: 20, inflight: None, max_tries: 1 };
                let rb = b.connect().await;
                (ra, rb)
            }
        }
    }
    run { go() }
}

twin! {
    /// A download with resume: chunks appended, a failure mid-way keeps the offset, a retry resumes from it.
    p34a_download_resume {
        #[derive(Debug)]
        pub enum Dl { Pending, Fetching { offset: u32, part: Tracker }, Paused { offset: u32 }, Complete(u32) }
        pub struct Download { pub state: Dl, pub total: u32, pub fail_at: Option<u32>, pub retries: u32 }
        impl Download {
            lower! {
                pub async fn run(&mut self) -> Result<u32, u32> {
                    loop {
                        match mem::replace(&mut self.state, Dl::Pending) {
                            Dl::Pending => {
                                step("head").await;
                                self.state = Dl::Fetching { offset: 0, part: Tracker::new("part0") };
                            }
                            Dl::Paused { offset } => {
                                self.retries += 1;
                                step("reconnect").await;
                                self.state = Dl::Fetching { offset, part: Tracker::new("part-resume") };
                            }
                            Dl::Fetching { offset, part } => {
                                let got = leaf("chunk", 3).await;
                                let offset = offset + got;
                                if self.fail_at.is_some_and(|f| offset >= f) {
                                    self.fail_at = None;
                                    drop(part);
                                    self.state = Dl::Paused { offset };
                                    return Err(offset);
                                }
                                if offset >= self.total {
                                    log(format!("complete with {}", part.name()));
                                    self.state = Dl::Complete(self.total);
                                } else {
                                    self.state = Dl::Fetching { offset, part };
                                }
                            }
                            Dl::Complete(n) => {
                                self.state = Dl::Complete(n);
                                return Ok(n);
                            }
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Result<u32, u32>, Result<u32, u32>, u32) {
                let mut d = Download { state: Dl::Pending, total: 10, fail_at: Some(6), retries: 0 };
                let first = d.run().await;
                let second = d.run().await;
                (first, second, d.retries)
            }
        }
    }
    run { go() }
}

twin! {
    /// A circuit breaker: Closed/Open/HalfOpen with failure counts in fields and awaited calls.
    p34a_circuit_breaker {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Br { Closed { fails: u32 }, Open { cool: u32 }, HalfOpen }
        pub struct Breaker { pub state: Br, pub calls: u32 }
        impl Breaker {
            lower! {
                pub async fn call(&mut self, ok: bool) -> Result<u32, &'static str> {
                    match self.state {
                        Br::Open { cool } => {
                            step("rejected").await;
                            self.state = if cool <= 1 { Br::HalfOpen } else { Br::Open { cool: cool - 1 } };
                            return Err("open");
                        }
                        _ => {}
                    }
                    self.calls += 1;
                    let _c = Tracker::new("call");
                    let res = leaf("remote", ok).await;
                    self.state = match (self.state, res) {
                        (_, true) => Br::Closed { fails: 0 },
                        (Br::Closed { fails }, false) if fails + 1 < 2 => Br::Closed { fails: fails + 1 },
                        (_, false) => Br::Open { cool: 2 },
                    };
                    if res { Ok(self.calls) } else { Err("fail") }
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<Result<u32, &'static str>>, Br) {
                let mut b = Breaker { state: Br::Closed { fails: 0 }, calls: 0 };
                let mut out = vec![];
                for ok in [true, false, false, true, true, true, true] {
                    out.push(b.call(ok).await);
                }
                (out, b.state)
            }
        }
    }
    run { go() }
}

twin! {
    /// Known shape: `match self` binding a struct variant's field, used after an await, then `*self = ..`.
    p34a_enum_self_struct_variant_assign {
        #[derive(Debug)]
        pub enum Conn { Busy { job: Tracker, n: u32 }, Idle }
        impl Conn {
            lower! {
                pub async fn work(&mut self) -> u32 {
                    match self {
                        Conn::Busy { n, .. } => {
                            let k = leaf("k", 1).await;
                            *n += k;
                            let v = *n;
                            if v >= 2 { *self = Conn::Idle; }
                            v
                        }
                        Conn::Idle => 0,
                    }
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let mut c = Conn::Busy { job: Tracker::new("job"), n: 0 };
            let mut v = vec![];
            for _ in 0..3 { v.push(c.work().await); }
            v
        }
    }
    run { go() }
}

twin! {
    /// `match self` with a `&mut` binding used after an await, no `*self = ..` afterwards.
    p34a_enum_self_bind_after_no_assign {
        #[derive(Debug)]
        pub enum Counter { Up(u32), Down(u32) }
        impl Counter {
            lower! {
                pub async fn tick(&mut self) -> u32 {
                    match self {
                        Counter::Up(n) => { *n += leaf("up", 2).await; *n }
                        Counter::Down(n) => { step("down").await; *n -= 1; *n }
                    }
                }
            }
        }
        pub async fn go() -> (u32, u32, u32) {
            let mut a = Counter::Up(0);
            let mut b = Counter::Down(5);
            let x = a.tick().await;
            let y = a.tick().await;
            let z = b.tick().await;
            (x, y, z)
        }
    }
    run { go() }
}

twin! {
    /// `match self` binding nothing (`E::A(_)`), await, then `*self = ..`; the old payload drops at the assignment.
    p34a_enum_self_wild_assign {
        #[derive(Debug)]
        pub enum Slot { Full(Tracker), Empty }
        impl Slot {
            lower! {
                pub async fn clear(&mut self) -> bool {
                    match self {
                        Slot::Full(_) => {
                            step("flush").await;
                            log("before assign");
                            *self = Slot::Empty;
                            log("after assign");
                            true
                        }
                        Slot::Empty => false,
                    }
                }
            }
        }
        pub async fn go() -> (bool, bool) {
            let mut s = Slot::Full(Tracker::new("data"));
            let a = s.clear().await;
            let b = s.clear().await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// `match self` binding a tracker read before the await only, `*self = ..` after.
    p34a_enum_self_tracker_read_before {
        #[derive(Debug)]
        pub enum Slot { Full(Tracker), Empty }
        impl Slot {
            lower! {
                pub async fn clear(&mut self) -> &'static str {
                    match self {
                        Slot::Full(t) => {
                            let name = t.name();
                            step("flush").await;
                            *self = Slot::Empty;
                            name
                        }
                        Slot::Empty => "empty",
                    }
                }
            }
        }
        pub async fn go() -> (&'static str, &'static str) {
            let mut s = Slot::Full(Tracker::new("data"));
            let a = s.clear().await;
            let b = s.clear().await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// Known shape through `if let`: `if let E::A(n) = self { *n += x.await; *self = E::B }`.
    p34a_enum_self_if_let_assign {
        #[derive(Debug)]
        pub enum Gate { Counting(u32), Open }
        impl Gate {
            lower! {
                pub async fn push(&mut self) -> bool {
                    if let Gate::Counting(n) = self {
                        *n += leaf("push", 1).await;
                        if *n >= 3 {
                            *self = Gate::Open;
                        }
                        false
                    } else {
                        step("open").await;
                        true
                    }
                }
            }
        }
        pub async fn go() -> (u32, Gate) {
            let mut g = Gate::Counting(0);
            let mut k = 0;
            while !g.push().await { k += 1; }
            (k, g)
        }
    }
    run { go() }
}

twin! {
    /// Known shape through `while let` on `self`: the binding bumped after an await, `*self = ..` to leave.
    p34a_enum_self_while_let_assign {
        #[derive(Debug)]
        pub enum Gate { Counting(u32), Open }
        impl Gate {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    let mut rounds = 0;
                    while let Gate::Counting(n) = self {
                        *n += leaf("push", 1).await;
                        rounds += 1;
                        if *n >= 3 {
                            *self = Gate::Open;
                        }
                    }
                    rounds
                }
            }
        }
        pub async fn go() -> u32 {
            let mut g = Gate::Counting(0);
            g.run().await
        }
    }
    run { go() }
}

twin! {
    /// Known shape with a nested job struct: `match self { Node::Busy(job) => { job.n += x.await; .. *self = Node::Idle } }`.
    p34a_enum_self_nested_job_assign {
        #[derive(Debug)]
        pub struct Job { pub t: Tracker, pub n: u32 }
        #[derive(Debug)]
        pub enum Node { Busy(Job), Idle }
        impl Node {
            lower! {
                pub async fn work(&mut self) -> u32 {
                    match self {
                        Node::Busy(job) => {
                            job.n += leaf("unit", 1).await;
                            if job.n >= 2 {
                                log(format!("done {}", job.t.name()));
                                *self = Node::Idle;
                                return 2;
                            }
                            1
                        }
                        Node::Idle => { step("idle").await; 0 }
                    }
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let mut n = Node::Busy(Job { t: Tracker::new("job"), n: 0 });
            let mut v = vec![];
            for _ in 0..3 { v.push(n.work().await); }
            v
        }
    }
    run { go() }
}

twin! {
    /// `match self` whose arm awaits and then calls another `&mut self` method (no binding live).
    p34a_enum_self_arm_calls_method {
        #[derive(Debug)]
        pub enum Door { Closed(u32), Open }
        impl Door {
            pub fn toggle(&mut self) {
                *self = match self { Door::Closed(_) => Door::Open, Door::Open => Door::Closed(0) };
            }
            lower! {
                pub async fn knock(&mut self) -> u32 {
                    match self {
                        Door::Closed(k) => {
                            *k += 1;
                            let kk = *k;
                            step("knock").await;
                            if kk >= 2 { self.toggle(); }
                            kk
                        }
                        Door::Open => { step("enter").await; self.toggle(); 0 }
                    }
                }
            }
        }
        pub async fn go() -> (Vec<u32>, Door) {
            let mut d = Door::Closed(0);
            let mut v = vec![];
            for _ in 0..4 { v.push(d.knock().await); }
            (v, d)
        }
    }
    run { go() }
}

twin! {
    /// `match &self.state` binding a tracker read after an await (shared borrow only).
    p34a_shared_state_binding_after_await {
        pub enum State { Holding(Tracker, u32), Empty }
        pub struct Box1 { pub state: State, pub reads: u32 }
        impl Box1 {
            lower! {
                pub async fn peek(&self) -> String {
                    match &self.state {
                        State::Holding(t, n) => {
                            let k = leaf("look", *n).await;
                            format!("{}:{}", t.name(), k)
                        }
                        State::Empty => { step("nothing").await; String::new() }
                    }
                }
            }
        }
        pub async fn go() -> (String, String) {
            let mut b = Box1 { state: State::Holding(Tracker::new("x"), 4), reads: 0 };
            let a = b.peek().await;
            b.state = State::Empty;
            b.reads += 1;
            (a, b.peek().await)
        }
    }
    run { go() }
}

twin! {
    /// `match &mut self.state` writing another field of `self` while the binding is live across an await.
    p34a_ref_mut_state_disjoint_field {
        pub enum State { Open(u32), Closed }
        pub struct Conn { pub state: State, pub count: u32, pub t: Tracker }
        impl Conn {
            lower! {
                pub async fn step(&mut self) -> u32 {
                    match &mut self.state {
                        State::Open(n) => {
                            self.count += 1;
                            *n += leaf("k", 2).await;
                            self.count += *n;
                            *n
                        }
                        State::Closed => 0,
                    }
                }
            }
        }
        pub async fn go() -> (u32, u32, u32) {
            let mut c = Conn { state: State::Open(1), count: 0, t: Tracker::new("c") };
            let a = c.step().await;
            let b = c.step().await;
            (a, b, c.count)
        }
    }
    run { go() }
}

twin! {
    /// `match &mut self.state` copying the binding before an await, then assigning the state after it.
    p34a_ref_mut_state_dead_binding_assign {
        #[derive(Debug)]
        pub enum State { Open(u32), Closed }
        pub struct Conn { pub state: State }
        impl Conn {
            lower! {
                pub async fn step(&mut self) -> u32 {
                    match &mut self.state {
                        State::Open(n) => {
                            *n += 1;
                            let k = *n;
                            step("io").await;
                            self.state = if k > 2 { State::Closed } else { State::Open(k) };
                            k
                        }
                        State::Closed => 0,
                    }
                }
            }
        }
        pub async fn go() -> (Vec<u32>, State) {
            let mut c = Conn { state: State::Open(0) };
            let mut v = vec![];
            for _ in 0..4 { v.push(c.step().await); }
            (v, c.state)
        }
    }
    run { go() }
}

twin! {
    /// `match &mut self.state` replacing a tracker inside the variant through the binding after an await.
    p34a_ref_mut_state_swap_tracker {
        pub enum State { Holding(Tracker), Empty }
        pub struct Conn { pub state: State }
        impl Conn {
            lower! {
                pub async fn rotate(&mut self, name: &'static str) -> bool {
                    match &mut self.state {
                        State::Holding(t) => {
                            step("prep").await;
                            let old = mem::replace(t, Tracker::new(name));
                            step("between").await;
                            drop(old);
                            true
                        }
                        State::Empty => false,
                    }
                }
            }
        }
        pub async fn go() -> (bool, bool) {
            let mut c = Conn { state: State::Holding(Tracker::new("t0")) };
            let a = c.rotate("t1").await;
            let b = c.rotate("t2").await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// `mem::take` of a `Vec<Tracker>` outbox field, flushed item by item across awaits.
    p34a_take_outbox_vec {
        pub struct Conn { pub outbox: Vec<Tracker>, pub sent: u32 }
        impl Conn {
            lower! {
                pub async fn flush(&mut self) -> u32 {
                    let pending = mem::take(&mut self.outbox);
                    for t in pending {
                        step("send").await;
                        log(format!("sent {}", t.name()));
                        self.sent += 1;
                    }
                    self.sent
                }
            }
        }
        pub async fn go() -> u32 {
            let mut c = Conn { outbox: vec![Tracker::new("m1"), Tracker::new("m2"), Tracker::new("m3")], sent: 0 };
            let a = c.flush().await;
            c.outbox.push(Tracker::new("m4"));
            a * 10 + c.flush().await
        }
    }
    run { go() }
}

twin! {
    /// Nested enums: `State::Busy(Job::Fetch(t))` / `Job::Parse { t, n }`, matched by value after `mem::replace`.
    p34a_nested_enum_job {
        #[derive(Debug)]
        pub enum Job { Fetch(Tracker), Parse { t: Tracker, n: u32 } }
        #[derive(Debug)]
        pub enum State { Idle, Busy(Job), Done(u32) }
        pub struct W { pub state: State }
        impl W {
            lower! {
                pub async fn step(&mut self) -> bool {
                    let next = match mem::replace(&mut self.state, State::Idle) {
                        State::Idle => State::Busy(Job::Fetch(Tracker::new("fetch"))),
                        State::Busy(Job::Fetch(t)) => {
                            let n = leaf("fetch", 3).await;
                            log(format!("fetched by {}", t.name()));
                            State::Busy(Job::Parse { t: Tracker::new("parse"), n })
                        }
                        State::Busy(Job::Parse { t, n }) => {
                            step("parse").await;
                            let _keep = t;
                            State::Done(n * 2)
                        }
                        State::Done(n) => { self.state = State::Done(n); return false; }
                    };
                    self.state = next;
                    true
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut w = W { state: State::Idle };
                while w.step().await {}
                match w.state { State::Done(n) => n, _ => 0 }
            }
        }
    }
    run { go() }
}

twin! {
    /// Nested match on `&mut self.state` then on the inner job by `&mut`, a counter bumped after an await.
    p34a_nested_ref_mut_job_counter {
        pub enum Job { Count(u32), Hold(Tracker) }
        pub enum State { Busy(Job), Idle }
        pub struct W { pub state: State }
        impl W {
            lower! {
                pub async fn poke(&mut self) -> u32 {
                    match &mut self.state {
                        State::Busy(job) => match job {
                            Job::Count(n) => { *n += leaf("n", 1).await; *n }
                            Job::Hold(t) => { step("hold").await; log(format!("hold {}", t.name())); 100 }
                        },
                        State::Idle => 0,
                    }
                }
            }
        }
        pub async fn go() -> (u32, u32, u32) {
            let mut w = W { state: State::Busy(Job::Count(0)) };
            let a = w.poke().await;
            let b = w.poke().await;
            w.state = State::Busy(Job::Hold(Tracker::new("h")));
            (a, b, w.poke().await)
        }
    }
    run { go() }
}

twin! {
    /// A stack of states in a `Vec` field: push on enter, pop on leave, awaits in between.
    p34a_state_stack {
        #[derive(Debug)]
        pub enum Mode { Normal, Insert(Tracker), Command(u32) }
        pub struct Editor { pub modes: Vec<Mode>, pub keys: u32 }
        impl Editor {
            lower! {
                pub async fn key(&mut self, k: char) -> usize {
                    let c = leaf("key", k).await;
                    self.keys += 1;
                    match c {
                        'i' => self.modes.push(Mode::Insert(Tracker::new("ins"))),
                        ':' => self.modes.push(Mode::Command(self.keys)),
                        'q' => {
                            if let Some(m) = self.modes.pop() {
                                step("leave").await;
                                log(format!("left {:?}", m));
                            }
                        }
                        _ => {}
                    }
                    self.modes.len()
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<usize>, u32) {
                let mut e = Editor { modes: vec![Mode::Normal], keys: 0 };
                let mut v = vec![];
                for k in "i:xqqq".chars() { v.push(e.key(k).await); }
                (v, e.keys)
            }
        }
    }
    run { go() }
}

twin! {
    /// A panic in a handler after an await: the state's and locals' trackers drop during unwinding.
    p34a_panic_in_handler {
        pub enum State { Open(Tracker), Closed }
        pub struct Conn { pub state: State, pub t: Tracker }
        impl Conn {
            lower! {
                pub async fn handle(&mut self, bad: bool) -> u32 {
                    let _local = Tracker::new("local");
                    match &self.state {
                        State::Open(t) => {
                            step("read").await;
                            log(format!("in {}", t.name()));
                            if bad { boom("bad").await } else { 1 }
                        }
                        State::Closed => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut c = Conn { state: State::Open(Tracker::new("st")), t: Tracker::new("conn") };
                let a = c.handle(false).await;
                let b = c.handle(true).await;
                a + b
            }
        }
    }
    run { go() }
}

twin! {
    /// An early `return` from inside a `match self.state` arm with trackers in several scopes.
    p34a_early_return_in_state_arm {
        #[derive(Clone, Copy)]
        pub enum State { A, B, C }
        pub struct M { pub state: State }
        impl M {
            lower! {
                pub async fn run(&mut self, stop: u32) -> u32 {
                    let _outer = Tracker::new("outer");
                    let mut n = 0;
                    loop {
                        let _round = Tracker::new("round");
                        match self.state {
                            State::A => { n += leaf("a", 1).await; self.state = State::B; }
                            State::B => {
                                let _b = Tracker::new("b");
                                n += leaf("b", 2).await;
                                if n >= stop { return n; }
                                self.state = State::C;
                            }
                            State::C => { step("c").await; self.state = State::A; if n > 10 { break; } }
                        }
                    }
                    n * 100
                }
            }
        }
        pub async fn go() -> (u32, u32) {
            let mut m = M { state: State::A };
            let a = m.run(3).await;
            let mut m2 = M { state: State::C };
            let b = m2.run(100).await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// A free lowered fn driving a `&mut Conn` parameter's methods in a loop.
    p34a_free_fn_drives_mut_param {
        #[derive(Debug, PartialEq)]
        pub enum State { Start, Run(u32), Done }
        pub struct Conn { pub state: State, pub t: Tracker }
        impl Conn {
            lower! {
                pub async fn step(&mut self) {
                    self.state = match self.state {
                        State::Start => State::Run(leaf("start", 0).await),
                        State::Run(n) if n >= 2 => { step("fin").await; State::Done }
                        State::Run(n) => State::Run(n + leaf("inc", 1).await),
                        State::Done => State::Done,
                    }
                }
            }
        }
        lower! {
            pub async fn pump(c: &mut Conn, limit: u32) -> u32 {
                let mut k = 0;
                while c.state != State::Done && k < limit {
                    c.step().await;
                    k += 1;
                }
                k
            }
        }
        lower! {
            pub async fn go() -> (u32, u32) {
                let mut c = Conn { state: State::Start, t: Tracker::new("c") };
                let a = pump(&mut c, 2).await;
                let b = pump(&mut c, 10).await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// Two connections stepped alternately, each with its own state and tracker.
    p34a_two_conns_alternate {
        #[derive(Debug)]
        pub enum State { Open(u32), Closed }
        pub struct Conn { pub name: &'static str, pub state: State, pub t: Tracker }
        impl Conn {
            lower! {
                pub async fn step(&mut self) -> bool {
                    match self.state {
                        State::Open(n) => {
                            let k = leaf(self.name, n + 1).await;
                            self.state = if k >= 2 { State::Closed } else { State::Open(k) };
                            true
                        }
                        State::Closed => false,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut a = Conn { name: "a", state: State::Open(0), t: Tracker::new("ta") };
                let mut b = Conn { name: "b", state: State::Open(1), t: Tracker::new("tb") };
                let mut rounds = 0;
                loop {
                    let x = a.step().await;
                    let y = b.step().await;
                    if !x && !y { break; }
                    rounds += 1;
                }
                drop(a);
                step("after a").await;
                rounds
            }
        }
    }
    run { go() }
}

twin! {
    /// A backoff policy in a boxed closure field, called between awaited attempts.
    p34a_boxed_backoff_field {
        pub struct Retry { pub backoff: Box<dyn Fn(u32) -> u32>, pub waited: u32, pub attempts: u32 }
        impl Retry {
            lower! {
                pub async fn run(&mut self, succeed_at: u32) -> u32 {
                    loop {
                        self.attempts += 1;
                        if leaf("attempt", self.attempts >= succeed_at).await {
                            return self.attempts;
                        }
                        let d = (self.backoff)(self.attempts);
                        for _ in 0..d { step("sleep").await; }
                        self.waited += d;
                    }
                }
            }
        }
        pub async fn go() -> (u32, u32) {
            let mut r = Retry { backoff: Box::new(|a| a.min(2)), waited: 0, attempts: 0 };
            let a = r.run(3).await;
            (a, r.waited)
        }
    }
    run { go() }
}

twin! {
    /// Reading state holding a `String` pushed into through a `&mut` binding after an await, then the state assigned.
    p34a_string_state_push_then_assign {
        #[derive(Debug)]
        pub enum Rd { Reading(String), Got(String) }
        pub struct R { pub state: Rd }
        impl R {
            lower! {
                pub async fn read(&mut self, part: &'static str) -> bool {
                    match &mut self.state {
                        Rd::Reading(s) => {
                            s.push_str(leaf("part", part).await);
                            if s.ends_with('.') {
                                let all = mem::take(s);
                                self.state = Rd::Got(all);
                                true
                            } else {
                                false
                            }
                        }
                        Rd::Got(_) => true,
                    }
                }
            }
        }
        pub async fn go() -> Rd {
            let mut r = R { state: Rd::Reading(String::new()) };
            for p in ["ab", "cd.", "ef"] { r.read(p).await; }
            r.state
        }
    }
    run { go() }
}

twin! {
    /// A `HashMap<u32, State>` of sessions: `get_mut` held across an await, then another session inserted.
    p34a_session_map_get_mut {
        #[derive(Debug)]
        pub enum St { New, Active(u32) }
        pub struct Server { pub sessions: BTreeMap<u32, St>, pub t: Tracker }
        impl Server {
            lower! {
                pub async fn touch(&mut self, id: u32) -> u32 {
                    if let Some(st) = self.sessions.get_mut(&id) {
                        let k = leaf("touch", id).await;
                        *st = match st { St::New => St::Active(k), St::Active(n) => St::Active(*n + k) };
                        return k;
                    }
                    step("create").await;
                    self.sessions.insert(id, St::New);
                    0
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<u32>, String) {
                let mut s = Server { sessions: BTreeMap::new(), t: Tracker::new("srv") };
                let mut v = vec![];
                for id in [1, 1, 2, 1, 2] { v.push(s.touch(id).await); }
                (v, format!("{:?}", s.sessions))
            }
        }
    }
    run { go() }
}

twin! {
    /// A session removed from a map, awaited on, and reinserted in its next state.
    p34a_session_map_remove_reinsert {
        #[derive(Debug)]
        pub enum St { Open(Tracker, u32), Closed }
        pub struct Server { pub sessions: BTreeMap<u32, St> }
        impl Server {
            lower! {
                pub async fn step(&mut self, id: u32) -> bool {
                    let Some(st) = self.sessions.remove(&id) else { return false };
                    let next = match st {
                        St::Open(t, n) => {
                            let k = leaf("io", n + 1).await;
                            if k >= 2 { log(format!("closing {}", t.name())); St::Closed } else { St::Open(t, k) }
                        }
                        St::Closed => { step("gone").await; return true; }
                    };
                    self.sessions.insert(id, next);
                    true
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut s = Server { sessions: BTreeMap::new() };
                s.sessions.insert(1, St::Open(Tracker::new("s1"), 0));
                s.sessions.insert(2, St::Open(Tracker::new("s2"), 1));
                let mut k = 0;
                while s.step(1).await | s.step(2).await { k += 1; }
                k
            }
        }
    }
    run { go() }
}

twin! {
    /// A `Vec` of machines stepped through `iter_mut()` with an awaited method per element.
    p34a_iter_mut_machines {
        #[derive(Debug)]
        pub enum St { Run(u32), Done }
        pub struct Unit { pub st: St, pub t: Tracker }
        impl Unit {
            lower! {
                pub async fn step(&mut self) -> bool {
                    if let St::Run(n) = self.st {
                        let k = leaf(self.t.name(), n + 1).await;
                        self.st = if k >= 2 { St::Done } else { St::Run(k) };
                        true
                    } else { false }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut units = vec![Unit { st: St::Run(0), t: Tracker::new("u1") }, Unit { st: St::Run(1), t: Tracker::new("u2") }];
                let mut rounds = 0;
                loop {
                    let mut any = false;
                    for u in units.iter_mut() {
                        any |= u.step().await;
                    }
                    if !any { break; }
                    rounds += 1;
                }
                units.pop();
                step("end").await;
                rounds
            }
        }
    }
    run { go() }
}

twin! {
    /// Machines stepped by index, `self.units[i].step().await` inside a method of the owner.
    p34a_index_machines_in_owner {
        #[derive(Debug, PartialEq)]
        pub enum St { Run(u32), Done }
        pub struct Unit { pub st: St }
        impl Unit {
            lower! {
                pub async fn step(&mut self) {
                    if let St::Run(n) = self.st {
                        let k = leaf("u", n + 1).await;
                        self.st = if k >= 2 { St::Done } else { St::Run(k) };
                    }
                }
            }
        }
        pub struct Pool { pub units: Vec<Unit>, pub g: Tracker }
        impl Pool {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    let mut r = 0;
                    while self.units.iter().any(|u| u.st != St::Done) {
                        for i in 0..self.units.len() {
                            self.units[i].step().await;
                        }
                        r += 1;
                    }
                    r
                }
            }
        }
        pub async fn go() -> u32 {
            let mut p = Pool { units: vec![Unit { st: St::Run(0) }, Unit { st: St::Run(1) }, Unit { st: St::Done }], g: Tracker::new("pool") };
            p.run().await
        }
    }
    run { go() }
}

twin! {
    /// A transition computed by a closure from an awaited value.
    p34a_closure_transition {
        #[derive(Debug, PartialEq)]
        pub enum St { Run(u32), Done }
        pub struct M { pub st: St, pub limit: u32 }
        impl M {
            lower! {
                pub async fn step(&mut self) -> bool {
                    let limit = self.limit;
                    let next = |n: u32| if n >= limit { St::Done } else { St::Run(n) };
                    let cur = match self.st { St::Run(n) => n, St::Done => return false };
                    self.st = next(cur + leaf("inc", 1).await);
                    true
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut m = M { st: St::Run(0), limit: 3 };
                let _g = Tracker::new("g");
                let mut k = 0;
                while m.step().await { k += 1; }
                k
            }
        }
    }
    run { go() }
}

twin! {
    /// `while let St::Run(n) = self.st` on a `Copy` payload, with the state assigned after an await.
    p34a_while_let_state_copy {
        #[derive(Debug, Clone, Copy)]
        pub enum St { Run(u32), Done }
        pub struct M { pub st: St, pub t: Tracker }
        impl M {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    let mut steps = 0;
                    while let St::Run(n) = self.st {
                        let _s = Tracker::new("iter");
                        let k = leaf("k", n + 1).await;
                        self.st = if k >= 3 { St::Done } else { St::Run(k) };
                        steps += 1;
                    }
                    steps
                }
            }
        }
        pub async fn go() -> u32 {
            let mut m = M { st: St::Run(0), t: Tracker::new("m") };
            m.run().await
        }
    }
    run { go() }
}

twin! {
    /// `let r = loop { match self.state { .. => break value } }` with awaits in the arms.
    p34a_loop_match_break_value {
        #[derive(Debug, Clone, Copy)]
        pub enum St { Wait(u32), Ready(u32) }
        pub struct M { pub st: St }
        impl M {
            lower! {
                pub async fn get(&mut self) -> u32 {
                    let _g = Tracker::new("get");
                    let r = loop {
                        match self.st {
                            St::Wait(0) => { step("ready").await; self.st = St::Ready(7); }
                            St::Wait(n) => { step("wait").await; self.st = St::Wait(n - 1); }
                            St::Ready(v) => break v + leaf("plus", 1).await,
                        }
                    };
                    r * 2
                }
            }
        }
        pub async fn go() -> u32 {
            let mut m = M { st: St::Wait(2) };
            m.get().await
        }
    }
    run { go() }
}

twin! {
    /// A struct with a `Drop` impl whose state is taken with `mem::replace` in a `&mut self` method across awaits.
    p34a_drop_struct_replace_state {
        #[derive(Debug)]
        pub enum St { Open(Tracker), Closed }
        pub struct Conn { pub st: St, pub id: u32 }
        impl Drop for Conn {
            fn drop(&mut self) { log(format!("drop conn {}", self.id)); }
        }
        impl Conn {
            lower! {
                pub async fn close(&mut self) -> bool {
                    match mem::replace(&mut self.st, St::Closed) {
                        St::Open(t) => {
                            step("fin").await;
                            log(format!("closed {}", t.name()));
                            step("ack").await;
                            true
                        }
                        St::Closed => false,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (bool, bool) {
                let mut c = Conn { st: St::Open(Tracker::new("sock")), id: 1 };
                let a = c.close().await;
                let b = c.close().await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// `async fn shutdown(mut self)` on a struct with `Drop`: its state replaced, awaits, then `self` drops at the end.
    p34a_drop_struct_self_by_value {
        #[derive(Debug)]
        pub enum St { Open(Tracker), Closed }
        pub struct Conn { pub st: St, pub id: u32 }
        impl Drop for Conn {
            fn drop(&mut self) { log(format!("drop conn {}", self.id)); }
        }
        impl Conn {
            lower! {
                pub async fn shutdown(mut self) -> u32 {
                    let st = mem::replace(&mut self.st, St::Closed);
                    step("flush").await;
                    if let St::Open(t) = st {
                        log(format!("closing {}", t.name()));
                    }
                    step("bye").await;
                    self.id
                }
            }
        }
        pub async fn go() -> u32 {
            let c = Conn { st: St::Open(Tracker::new("sock")), id: 3 };
            let id = c.shutdown().await;
            log("after shutdown");
            id
        }
    }
    run { go() }
}

twin! {
    /// A `match &msg` binding a tracker and a count: a field of `self` updated before an await, a vector after.
    p34a_msg_ref_binding_self_mut {
        pub enum Msg { Data(Tracker, u32), Ping }
        pub struct S { pub total: u32, pub names: Vec<&'static str> }
        impl S {
            lower! {
                pub async fn handle(&mut self, msg: Msg) -> u32 {
                    match &msg {
                        Msg::Data(t, n) => {
                            self.total += n;
                            step("ack").await;
                            self.names.push(t.name());
                        }
                        Msg::Ping => step("pong").await,
                    }
                    log("handled");
                    self.total
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, Vec<&'static str>) {
                let mut s = S { total: 0, names: vec![] };
                s.handle(Msg::Data(Tracker::new("d1"), 3)).await;
                s.handle(Msg::Ping).await;
                let t = s.handle(Msg::Data(Tracker::new("d2"), 4)).await;
                (t, s.names.clone())
            }
        }
    }
    run { go() }
}

twin! {
    /// An or-pattern over message variants binding the same payload, awaited in the arm.
    p34a_msg_or_pattern {
        pub enum Msg { Get(Tracker, u32), Head(Tracker, u32), Quit }
        pub struct S { pub served: u32 }
        impl S {
            lower! {
                pub async fn handle(&mut self, m: Msg) -> u32 {
                    match m {
                        Msg::Get(t, n) | Msg::Head(t, n) => {
                            let k = leaf("serve", n).await;
                            log(format!("served {}", t.name()));
                            self.served += 1;
                            k
                        }
                        Msg::Quit => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, u32) {
                let mut s = S { served: 0 };
                let a = s.handle(Msg::Get(Tracker::new("g"), 2)).await;
                let b = s.handle(Msg::Head(Tracker::new("h"), 3)).await;
                s.handle(Msg::Quit).await;
                (a + b, s.served)
            }
        }
    }
    run { go() }
}

twin! {
    /// An `m @ Msg::Data(..)` binding kept across an await and then pushed into a queue field.
    p34a_msg_at_binding_queue {
        #[derive(Debug)]
        pub enum Msg { Data(Tracker), Flush }
        pub struct S { pub queue: Vec<Msg>, pub flushed: u32 }
        impl S {
            lower! {
                pub async fn handle(&mut self, m: Msg) {
                    match m {
                        m @ Msg::Data(..) => {
                            step("buffer").await;
                            self.queue.push(m);
                        }
                        Msg::Flush => {
                            let q = mem::take(&mut self.queue);
                            step("flush").await;
                            self.flushed += q.len() as u32;
                            drop(q);
                            log("flushed");
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, usize) {
                let mut s = S { queue: vec![], flushed: 0 };
                s.handle(Msg::Data(Tracker::new("a"))).await;
                s.handle(Msg::Data(Tracker::new("b"))).await;
                s.handle(Msg::Flush).await;
                s.handle(Msg::Data(Tracker::new("c"))).await;
                (s.flushed, s.queue.len())
            }
        }
    }
    run { go() }
}

twin! {
    /// A nested `match` on the state (by copy) then on the message (by value), awaits in the inner arms.
    p34a_nested_state_then_msg {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum St { Idle, Busy }
        pub enum Msg { Start(Tracker), Stop, Tick }
        pub struct S { pub st: St, pub job: Option<Tracker>, pub ticks: u32 }
        impl S {
            lower! {
                pub async fn on(&mut self, m: Msg) -> St {
                    match self.st {
                        St::Idle => match m {
                            Msg::Start(t) => { step("start").await; self.job = Some(t); self.st = St::Busy; }
                            _ => { step("ignored").await; }
                        },
                        St::Busy => match m {
                            Msg::Tick => { self.ticks += leaf("tick", 1).await; }
                            Msg::Stop => { step("stop").await; self.job = None; self.st = St::Idle; }
                            Msg::Start(t) => { log(format!("busy, drop {}", t.name())); }
                        },
                    }
                    self.st
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<St>, u32) {
                let mut s = S { st: St::Idle, job: None, ticks: 0 };
                let mut v = vec![];
                v.push(s.on(Msg::Tick).await);
                v.push(s.on(Msg::Start(Tracker::new("j1"))).await);
                v.push(s.on(Msg::Tick).await);
                v.push(s.on(Msg::Start(Tracker::new("j2"))).await);
                v.push(s.on(Msg::Stop).await);
                (v, s.ticks)
            }
        }
    }
    run { go() }
}

twin! {
    /// A trait with an `async fn handle`, implemented with a lowered method on a stateful handler.
    p34a_trait_handler_impl {
        pub trait Handler {
            async fn handle(&mut self, n: u32) -> u32;
        }
        pub struct Echo { pub seen: u32, pub t: Tracker }
        impl Handler for Echo {
            lower! {
                async fn handle(&mut self, n: u32) -> u32 {
                    let v = leaf("echo", n).await;
                    self.seen += 1;
                    step("ack").await;
                    v + self.seen
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = Echo { seen: 0, t: Tracker::new("echo") };
                let a = e.handle(1).await;
                let b = e.handle(10).await;
                a + b
            }
        }
    }
    run { go() }
}

twin! {
    /// A generic machine `M<S>` stepping a state of a type parameter through a trait method.
    p34a_generic_machine {
        pub trait Step: Sized { fn next(self, k: u32) -> Self; fn done(&self) -> bool; }
        #[derive(Debug)]
        pub struct Count(pub u32);
        impl Step for Count {
            fn next(self, k: u32) -> Self { Count(self.0 + k) }
            fn done(&self) -> bool { self.0 >= 3 }
        }
        pub struct M<S> { pub st: Option<S>, pub t: Tracker }
        lower! {
            pub async fn drive<S: Step>(m: &mut M<S>) -> u32 {
                let mut n = 0;
                while !m.st.as_ref().unwrap().done() {
                    let k = leaf("k", 1).await;
                    let s = m.st.take().unwrap();
                    m.st = Some(s.next(k));
                    n += 1;
                }
                n
            }
        }
        pub async fn go() -> (u32, u32) {
            let mut m = M { st: Some(Count(0)), t: Tracker::new("m") };
            let n = drive(&mut m).await;
            (n, m.st.unwrap().0)
        }
    }
    run { go() }
}

twin! {
    /// `let b = self.buf.as_mut()?;` in an `Option`-returning method, pushed to after an await.
    p34a_option_as_mut_question {
        pub struct Conn { pub buf: Option<Vec<u32>>, pub t: Tracker }
        impl Conn {
            lower! {
                pub async fn append(&mut self, n: u32) -> Option<usize> {
                    let _g = Tracker::new("g");
                    let b = self.buf.as_mut()?;
                    b.push(leaf("n", n).await);
                    step("s").await;
                    Some(b.len())
                }
            }
        }
        pub async fn go() -> (Option<usize>, Option<usize>, Option<usize>) {
            let mut c = Conn { buf: Some(vec![]), t: Tracker::new("c") };
            let a = c.append(1).await;
            let b = c.append(2).await;
            c.buf = None;
            (a, b, c.append(3).await)
        }
    }
    run { go() }
}

twin! {
    /// `self.counts.entry(k).or_insert(0)` held across an await and written after it.
    p34a_entry_ref_across_await {
        pub struct Stats { pub counts: BTreeMap<&'static str, u32>, pub t: Tracker }
        impl Stats {
            lower! {
                pub async fn hit(&mut self, k: &'static str) -> u32 {
                    let e = self.counts.entry(k).or_insert(0);
                    *e += leaf("w", 1).await;
                    step("s").await;
                    *e
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<u32>, usize) {
                let mut s = Stats { counts: BTreeMap::new(), t: Tracker::new("st") };
                let mut v = vec![];
                for k in ["a", "b", "a", "a"] { v.push(s.hit(k).await); }
                (v, s.counts.len())
            }
        }
    }
    run { go() }
}

twin! {
    /// `mem::swap` of two tracker fields (active/standby) across awaits.
    p34a_swap_active_standby {
        pub struct Ha { pub active: Tracker, pub standby: Tracker, pub flips: u32 }
        impl Ha {
            lower! {
                pub async fn failover(&mut self) -> &'static str {
                    step("detect").await;
                    mem::swap(&mut self.active, &mut self.standby);
                    self.flips += leaf("flip", 1).await;
                    self.active.name()
                }
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str, u32) {
                let mut h = Ha { active: Tracker::new("p"), standby: Tracker::new("s"), flips: 0 };
                let a = h.failover().await;
                let b = h.failover().await;
                (a, b, h.flips)
            }
        }
    }
    run { go() }
}

twin! {
    /// `match self.state.take()` of an `Option<St>` with tracker payloads, the next state put back after awaits.
    p34a_option_state_take_match {
        #[derive(Debug)]
        pub enum St { A(Tracker), B(Tracker, u32) }
        pub struct M { pub state: Option<St> }
        impl M {
            lower! {
                pub async fn step(&mut self) -> u32 {
                    match self.state.take() {
                        Some(St::A(t)) => { step("a").await; self.state = Some(St::B(t, 1)); 1 }
                        Some(St::B(t, n)) if n < 2 => { let k = leaf("b", n + 1).await; self.state = Some(St::B(t, k)); k }
                        Some(St::B(t, n)) => { step("end").await; log(format!("end {}", t.name())); n * 10 }
                        None => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut m = M { state: Some(St::A(Tracker::new("t"))) };
                let mut v = vec![];
                for _ in 0..5 { v.push(m.step().await); }
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// A wrapped message `Msg::Wrap(Box<Msg>)` unwrapped in a loop with `m = *inner` after an await.
    p34a_msg_box_unwrap_loop {
        #[derive(Debug)]
        pub enum Msg { Wrap(Box<Msg>, Tracker), Leaf(u32) }
        lower! {
            pub async fn open(msg: Msg) -> (u32, u32) {
                let mut m = msg;
                let mut depth = 0;
                loop {
                    match m {
                        Msg::Wrap(inner, t) => {
                            step("unwrap").await;
                            log(format!("layer {}", t.name()));
                            depth += 1;
                            m = *inner;
                        }
                        Msg::Leaf(n) => break (depth, leaf("leaf", n).await),
                    }
                }
            }
        }
        pub async fn go() -> (u32, u32) {
            let m = Msg::Wrap(Box::new(Msg::Wrap(Box::new(Msg::Leaf(7)), Tracker::new("in"))), Tracker::new("out"));
            open(m).await
        }
    }
    run { go() }
}

twin! {
    /// A token-bucket rate limiter: tokens refilled per awaited tick, requests queued while empty.
    p34a_rate_limiter {
        pub struct Bucket { pub tokens: u32, pub cap: u32, pub waiting: VecDeque<Tracker>, pub served: Vec<&'static str> }
        impl Bucket {
            lower! {
                pub async fn tick(&mut self) {
                    step("tick").await;
                    self.tokens = (self.tokens + 1).min(self.cap);
                    while self.tokens > 0 {
                        let Some(r) = self.waiting.pop_front() else { break };
                        self.tokens -= 1;
                        step("serve").await;
                        self.served.push(r.name());
                    }
                }
            }
            lower! {
                pub async fn request(&mut self, r: Tracker) {
                    if self.tokens > 0 && self.waiting.is_empty() {
                        self.tokens -= 1;
                        leaf("direct", ()).await;
                        self.served.push(r.name());
                    } else {
                        self.waiting.push_back(r);
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<&'static str> {
                let mut b = Bucket { tokens: 1, cap: 2, waiting: VecDeque::new(), served: vec![] };
                b.request(Tracker::new("r1")).await;
                b.request(Tracker::new("r2")).await;
                b.request(Tracker::new("r3")).await;
                b.tick().await;
                b.request(Tracker::new("r4")).await;
                b.tick().await;
                b.tick().await;
                b.served.clone()
            }
        }
    }
    run { go() }
}

twin! {
    /// An IRC-ish chat session: commands parsed from lines, states Registering/Joined/Quit with a channel guard.
    p34a_chat_session {
        #[derive(Debug)]
        pub enum Chat { Registering, Named(String), Joined { nick: String, chan: String, guard: Tracker }, Quit }
        pub struct Session { pub state: Chat, pub out: Vec<String>, pub errors: u32 }
        impl Session {
            lower! {
                pub async fn line(&mut self, l: &'static str) -> bool {
                    let l = leaf("recv", l).await;
                    let (cmd, arg) = l.split_once(' ').unwrap_or((l, ""));
                    let state = mem::replace(&mut self.state, Chat::Quit);
                    self.state = match (state, cmd) {
                        (Chat::Registering, "NICK") => { step("nick ok").await; Chat::Named(arg.to_string()) }
                        (Chat::Named(nick), "JOIN") => {
                            let guard = Tracker::new("chan");
                            step("join").await;
                            self.out.push(format!("{nick} joined {arg}"));
                            Chat::Joined { nick, chan: arg.to_string(), guard }
                        }
                        (Chat::Joined { nick, chan, guard }, "MSG") => {
                            step("relay").await;
                            self.out.push(format!("<{nick}@{chan}> {arg}"));
                            Chat::Joined { nick, chan, guard }
                        }
                        (Chat::Joined { nick, chan, guard }, "PART") => {
                            drop(guard);
                            step("part").await;
                            self.out.push(format!("{nick} left {chan}"));
                            Chat::Named(nick)
                        }
                        (_, "QUIT") => { step("bye").await; Chat::Quit }
                        (other, _) => { self.errors += 1; other }
                    };
                    !matches!(self.state, Chat::Quit)
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<String>, u32) {
                let mut s = Session { state: Chat::Registering, out: vec![], errors: 0 };
                for l in ["JOIN #x", "NICK ann", "JOIN #rust", "MSG hi", "BOGUS", "PART", "JOIN #b", "QUIT", "MSG late"] {
                    if !s.line(l).await { break; }
                }
                (s.out.clone(), s.errors)
            }
        }
    }
    run { go() }
}

twin! {
    /// An SMTP-ish session: greeting, MAIL, RCPT (several), DATA collected in a buffer field, a transaction guard tracker.
    p34a_smtp_session {
        #[derive(Debug)]
        pub enum Smtp { Greet, Ready, Mail { from: String, rcpt: Vec<String>, tx: Tracker }, Data { from: String, rcpt: Vec<String>, tx: Tracker, body: String }, Closed }
        pub struct Server { pub st: Smtp, pub delivered: Vec<String> }
        impl Server {
            lower! {
                pub async fn cmd(&mut self, c: &'static str) -> u32 {
                    let c = leaf("line", c).await;
                    match mem::replace(&mut self.st, Smtp::Closed) {
                        Smtp::Greet if c.starts_with("HELO") => { self.st = Smtp::Ready; 250 }
                        Smtp::Ready if c.starts_with("MAIL ") => {
                            self.st = Smtp::Mail { from: c[5..].to_string(), rcpt: vec![], tx: Tracker::new("tx") };
                            250
                        }
                        Smtp::Mail { from, mut rcpt, tx } if c.starts_with("RCPT ") => {
                            step("lookup").await;
                            rcpt.push(c[5..].to_string());
                            self.st = Smtp::Mail { from, rcpt, tx };
                            250
                        }
                        Smtp::Mail { from, rcpt, tx } if c == "DATA" && !rcpt.is_empty() => {
                            self.st = Smtp::Data { from, rcpt, tx, body: String::new() };
                            354
                        }
                        Smtp::Data { from, rcpt, tx, body } if c == "." => {
                            for r in &rcpt {
                                step("deliver").await;
                                self.delivered.push(format!("{from}->{r}: {body}"));
                            }
                            drop(tx);
                            self.st = Smtp::Ready;
                            250
                        }
                        Smtp::Data { from, rcpt, tx, mut body } => {
                            body.push_str(c);
                            self.st = Smtp::Data { from, rcpt, tx, body };
                            0
                        }
                        _ if c == "QUIT" => { step("bye").await; 221 }
                        other => { self.st = other; 500 }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<u32>, Vec<String>) {
                let mut s = Server { st: Smtp::Greet, delivered: vec![] };
                let mut codes = vec![];
                for c in ["HELO x", "MAIL a", "DATA", "RCPT b", "RCPT c", "DATA", "hi", "!", ".", "MAIL z", "QUIT"] {
                    codes.push(s.cmd(c).await);
                }
                (codes, s.delivered.clone())
            }
        }
    }
    run { go() }
}

twin! {
    /// An elevator: requests in a `VecDeque`, a door tracker held only while open, a direction enum.
    p34a_elevator {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Dir { Up, Down, Still }
        pub struct Lift { pub floor: i32, pub dir: Dir, pub queue: VecDeque<i32>, pub door: Option<Tracker>, pub visited: Vec<i32> }
        impl Lift {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    let mut moves = 0;
                    while let Some(&target) = self.queue.front() {
                        self.dir = if target > self.floor { Dir::Up } else if target < self.floor { Dir::Down } else { Dir::Still };
                        match self.dir {
                            Dir::Up => { step("up").await; self.floor += 1; moves += 1; }
                            Dir::Down => { step("down").await; self.floor -= 1; moves += 1; }
                            Dir::Still => {
                                self.door = Some(Tracker::new("door"));
                                leaf("open", ()).await;
                                self.visited.push(self.floor);
                                self.queue.pop_front();
                                step("close").await;
                                self.door = None;
                            }
                        }
                    }
                    moves
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, Vec<i32>) {
                let mut l = Lift { floor: 0, dir: Dir::Still, queue: VecDeque::from([2, 1, 1, 3]), door: None, visited: vec![] };
                let m = l.run().await;
                (m, l.visited.clone())
            }
        }
    }
    run { go() }
}

twin! {
    /// A connection pool of `Vec<Option<Box<Conn>>>`: checkout takes a slot, awaits, checkin puts it back.
    p34a_conn_pool {
        #[derive(Debug)]
        pub struct Conn { pub id: u32, pub t: Tracker, pub uses: u32 }
        pub struct Pool { pub slots: Vec<Option<Box<Conn>>> }
        impl Pool {
            lower! {
                pub async fn with_conn(&mut self, q: u32) -> Option<u32> {
                    let i = self.slots.iter().position(|s| s.is_some())?;
                    let mut c = self.slots[i].take()?;
                    c.uses += 1;
                    let r = leaf("query", q * 10 + c.id).await;
                    if r % 3 == 0 {
                        log(format!("broken {}", c.t.name()));
                        step("reconnect").await;
                        self.slots[i] = Some(Box::new(Conn { id: c.id + 10, t: Tracker::new("fresh"), uses: 0 }));
                    } else {
                        self.slots[i] = Some(c);
                    }
                    Some(r)
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<Option<u32>> {
                let mut p = Pool { slots: vec![None, Some(Box::new(Conn { id: 1, t: Tracker::new("c1"), uses: 0 })), Some(Box::new(Conn { id: 2, t: Tracker::new("c2"), uses: 0 }))] };
                let mut v = vec![];
                for q in [1, 2, 5] { v.push(p.with_conn(q).await); }
                p.slots.clear();
                v.push(p.with_conn(9).await);
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// Known shape with a `Vec` payload: `match self { Buf::Filling(v) => { v.push(x.await); if full { *self = Buf::Full } } }`.
    p34a_enum_self_vec_push_assign {
        #[derive(Debug)]
        pub enum Buf { Filling(Vec<u32>), Full(u32) }
        impl Buf {
            lower! {
                pub async fn push(&mut self, n: u32) -> bool {
                    match self {
                        Buf::Filling(v) => {
                            v.push(leaf("n", n).await);
                            if v.len() >= 3 {
                                let s = v.iter().sum();
                                *self = Buf::Full(s);
                            }
                            true
                        }
                        Buf::Full(_) => false,
                    }
                }
            }
        }
        pub async fn go() -> Buf {
            let mut b = Buf::Filling(vec![]);
            let mut i = 0;
            while b.push(i).await { i += 1; }
            b
        }
    }
    run { go() }
}

twin! {
    /// Known shape with a guard: `match self { E::A(n) if *n > 0 => { *n -= x.await; if *n == 0 { *self = E::Z } } .. }`.
    p34a_enum_self_guard_assign {
        #[derive(Debug)]
        pub enum Fuse { Lit(u32), Out }
        impl Fuse {
            lower! {
                pub async fn burn(&mut self) -> u32 {
                    match self {
                        Fuse::Lit(n) if *n > 0 => {
                            *n -= leaf("burn", 1).await;
                            if *n == 0 { *self = Fuse::Out; }
                            1
                        }
                        Fuse::Lit(_) => { *self = Fuse::Out; 0 }
                        Fuse::Out => 0,
                    }
                }
            }
        }
        pub async fn go() -> (u32, Fuse) {
            let mut f = Fuse::Lit(2);
            let mut s = 0;
            for _ in 0..3 { s += f.burn().await; }
            (s, f)
        }
    }
    run { go() }
}

twin! {
    /// An enum method awaiting another lowered method of the same enum twice.
    p34a_enum_self_method_chain {
        #[derive(Debug, Clone, Copy)]
        pub enum Sig { Low(u32), High(u32) }
        impl Sig {
            lower! {
                pub async fn flip(&mut self) -> u32 {
                    let v = leaf("flip", 1).await;
                    *self = match *self { Sig::Low(n) => Sig::High(n + v), Sig::High(n) => Sig::Low(n + v) };
                    v
                }
            }
            lower! {
                pub async fn twice(&mut self) -> u32 {
                    let _g = Tracker::new("twice");
                    let a = self.flip().await;
                    let b = self.flip().await;
                    a + b
                }
            }
        }
        pub async fn go() -> (u32, Sig) {
            let mut s = Sig::Low(0);
            let r = s.twice().await;
            (r, s)
        }
    }
    run { go() }
}

twin! {
    /// `match mem::take(self)` on a `Default` enum with tracker payloads, `*self` rebuilt after an await.
    p34a_enum_take_self_default {
        #[derive(Debug, Default)]
        pub enum Slot { #[default] Empty, One(Tracker), Two(Tracker, Tracker) }
        impl Slot {
            lower! {
                pub async fn add(&mut self, name: &'static str) -> usize {
                    let t = Tracker::new(name);
                    step("alloc").await;
                    let (next, n) = match mem::take(self) {
                        Slot::Empty => (Slot::One(t), 1),
                        Slot::One(a) => (Slot::Two(a, t), 2),
                        Slot::Two(a, b) => { drop(a); (Slot::Two(b, t), 2) }
                    };
                    step("commit").await;
                    *self = next;
                    n
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<usize> {
                let mut s = Slot::Empty;
                let mut v = vec![];
                for n in ["a", "b", "c", "d"] { v.push(s.add(n).await); }
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// `if let State::Open { ref mut sent, .. } = self.state` bumped by an awaited value.
    p34a_struct_variant_ref_mut_field {
        pub enum St { Open { sent: u32, peer: Tracker }, Closed }
        pub struct C { pub st: St }
        impl C {
            lower! {
                pub async fn send(&mut self, n: u32) -> u32 {
                    if let St::Open { ref mut sent, .. } = self.st {
                        *sent += leaf("send", n).await;
                        *sent
                    } else {
                        step("closed").await;
                        0
                    }
                }
            }
        }
        pub async fn go() -> (u32, u32, u32) {
            let mut c = C { st: St::Open { sent: 0, peer: Tracker::new("peer") } };
            let a = c.send(2).await;
            let b = c.send(3).await;
            c.st = St::Closed;
            (a, b, c.send(4).await)
        }
    }
    run { go() }
}

twin! {
    /// A labelled driver loop broken from inside a `match` on the machine's state.
    p34a_labelled_break_driver {
        #[derive(Debug, Clone, Copy)]
        pub enum St { A(u32), B, Halt }
        pub struct M { pub st: St }
        impl M {
            lower! {
                pub async fn step(&mut self) {
                    self.st = match self.st {
                        St::A(n) if n < 2 => St::A(n + leaf("a", 1).await),
                        St::A(_) => { step("to b").await; St::B }
                        St::B => St::Halt,
                        St::Halt => St::Halt,
                    };
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut m = M { st: St::A(0) };
                let mut n = 0;
                'outer: loop {
                    let _r = Tracker::new("round");
                    m.step().await;
                    n += 1;
                    match m.st {
                        St::Halt => break 'outer,
                        St::B => { step("b seen").await; continue 'outer; }
                        St::A(_) => {}
                    }
                    log("not b");
                }
                n
            }
        }
    }
    run { go() }
}

twin! {
    /// `let v = self.read().await?;` then the state assigned; an `Err` leaves the state untouched.
    p34a_read_question_then_assign {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum St { Wait, Got(u32) }
        pub struct R { pub st: St, pub left: u32 }
        impl R {
            lower! {
                pub async fn read(&mut self) -> Result<u32, String> {
                    step("read").await;
                    if self.left == 0 { return Err("eof".to_string()); }
                    self.left -= 1;
                    Ok(self.left)
                }
            }
            lower! {
                pub async fn next(&mut self) -> Result<St, String> {
                    let _g = Tracker::new("next");
                    let v = self.read().await?;
                    self.st = St::Got(leaf("decode", v).await);
                    Ok(self.st)
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<Result<St, String>>, St) {
                let mut r = R { st: St::Wait, left: 2 };
                let mut v = vec![];
                for _ in 0..3 { v.push(r.next().await); }
                (v, r.st)
            }
        }
    }
    run { go() }
}

twin! {
    /// `match self.poll_state().await` on a lowered method returning an event enum with a tracker.
    p34a_match_awaited_event {
        #[derive(Debug)]
        pub enum Ev { Data(Tracker, u32), Idle, Eof }
        pub struct S { pub n: u32, pub got: u32 }
        impl S {
            lower! {
                pub async fn poll_state(&mut self) -> Ev {
                    self.n += 1;
                    step("poll").await;
                    match self.n { 1 | 3 => Ev::Data(Tracker::new("ev"), self.n), 2 => Ev::Idle, _ => Ev::Eof }
                }
            }
            lower! {
                pub async fn run(&mut self) -> u32 {
                    loop {
                        match self.poll_state().await {
                            Ev::Data(t, k) => { step("consume").await; self.got += k; log(format!("got {}", t.name())); }
                            Ev::Idle => continue,
                            Ev::Eof => break self.got,
                        }
                    }
                }
            }
        }
        pub async fn go() -> u32 {
            let mut s = S { n: 0, got: 0 };
            s.run().await
        }
    }
    run { go() }
}

twin! {
    /// A reference to the state passed to a helper together with an awaited argument.
    p34a_state_ref_into_helper {
        #[derive(Debug)]
        pub enum St { Open(Tracker), Closed }
        pub fn describe(s: &St, n: u32) -> String {
            match s { St::Open(t) => format!("open {} {}", t.name(), n), St::Closed => format!("closed {n}") }
        }
        pub struct C { pub st: St }
        impl C {
            lower! {
                pub async fn show(&self) -> String {
                    describe(&self.st, leaf("n", 5).await)
                }
            }
        }
        pub async fn go() -> (String, String) {
            let mut c = C { st: St::Open(Tracker::new("o")) };
            let a = c.show().await;
            c.st = St::Closed;
            (a, c.show().await)
        }
    }
    run { go() }
}

twin! {
    /// A child machine in a `Box` field stepped by the owner's lowered method.
    p34a_boxed_child_machine {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum St { Run(u32), Done }
        pub struct Child { pub st: St, pub t: Tracker }
        impl Child {
            lower! {
                pub async fn step(&mut self) -> bool {
                    if let St::Run(n) = self.st {
                        self.st = if n >= 2 { St::Done } else { St::Run(n + leaf("c", 1).await) };
                        true
                    } else { false }
                }
            }
        }
        pub struct Parent { pub child: Box<Child>, pub ticks: u32 }
        impl Parent {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    while self.child.step().await {
                        self.ticks += 1;
                        step("parent").await;
                    }
                    self.ticks
                }
            }
        }
        pub async fn go() -> u32 {
            let mut p = Parent { child: Box::new(Child { st: St::Run(0), t: Tracker::new("child") }), ticks: 0 };
            p.run().await
        }
    }
    run { go() }
}

twin! {
    /// `if let Some(c) = &mut self.child { c.step().await }` then `self.child = None` once it is done.
    p34a_option_child_then_clear {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum St { Run(u32), Done }
        pub struct Child { pub st: St, pub t: Tracker }
        impl Child {
            lower! {
                pub async fn step(&mut self) -> bool {
                    if let St::Run(n) = self.st {
                        let k = leaf("c", n + 1).await;
                        self.st = if k >= 2 { St::Done } else { St::Run(k) };
                    }
                    self.st == St::Done
                }
            }
        }
        pub struct Parent { pub child: Option<Child>, pub n: u32 }
        impl Parent {
            lower! {
                pub async fn tick(&mut self) -> bool {
                    if let Some(c) = &mut self.child {
                        if c.step().await {
                            log("child done");
                            self.child = None;
                        }
                        self.n += 1;
                        true
                    } else {
                        step("no child").await;
                        false
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut p = Parent { child: Some(Child { st: St::Run(0), t: Tracker::new("kid") }), n: 0 };
                while p.tick().await {}
                p.n
            }
        }
    }
    run { go() }
}

twin! {
    /// A batch state `St::Batch(Vec<Tracker>)` popped through a `&mut` binding in a loop with awaits.
    p34a_batch_state_pop_loop {
        pub enum St { Batch(Vec<Tracker>), Idle }
        pub struct W { pub st: St, pub done: Vec<&'static str> }
        impl W {
            lower! {
                pub async fn drain(&mut self) -> usize {
                    if let St::Batch(items) = &mut self.st {
                        while let Some(t) = items.pop() {
                            step("process").await;
                            self.done.push(t.name());
                        }
                    }
                    self.done.len()
                }
            }
        }
        pub async fn go() -> (usize, Vec<&'static str>) {
            let mut w = W { st: St::Batch(vec![Tracker::new("i1"), Tracker::new("i2"), Tracker::new("i3")]), done: vec![] };
            let n = w.drain().await;
            w.st = St::Idle;
            (n, w.done.clone())
        }
    }
    run { go() }
}

twin! {
    /// A builder configured by `&mut Self`-returning setters, then consumed by an awaited `build(self)`.
    p34a_builder_mut_setters_then_build {
        #[derive(Debug)]
        pub struct Conn { pub host: String, pub port: u32, pub guard: Tracker }
        pub struct Builder { pub host: String, pub port: u32, pub guard: Option<Tracker> }
        impl Builder {
            pub fn host(&mut self, h: &str) -> &mut Self { self.host = h.to_string(); self }
            pub fn port(&mut self, p: u32) -> &mut Self { self.port = p; self }
            lower! {
                pub async fn build(self) -> Conn {
                    let g = self.guard.unwrap_or_else(|| Tracker::new("default guard"));
                    step("resolve").await;
                    Conn { host: self.host, port: leaf("port", self.port).await, guard: g }
                }
            }
        }
        lower! {
            pub async fn go() -> (Conn, Conn) {
                let mut b = Builder { host: String::new(), port: 0, guard: None };
                b.host("a").port(1);
                let c1 = b.build().await;
                let mut b2 = Builder { host: "b".into(), port: 2, guard: Some(Tracker::new("g2")) };
                b2.port(3);
                let c2 = b2.build().await;
                (c1, c2)
            }
        }
    }
    run { go() }
}

twin! {
    /// A builder rebound by `let b = b.with(..);` twice before an awaited consuming `connect(self)`.
    p34a_builder_rebind_then_connect {
        pub struct B { pub n: u32, pub g: Tracker, pub extra: Option<Tracker> }
        impl B {
            pub fn with(mut self, k: u32) -> B { self.n += k; self }
            pub fn extra(mut self, t: Tracker) -> B { self.extra = Some(t); self }
            lower! {
                pub async fn connect(self) -> u32 {
                    step("connect").await;
                    self.n + leaf("n", 1).await
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let b = B { n: 0, g: Tracker::new("g"), extra: None };
                step("prep").await;
                let b = b.with(2);
                let b = b.extra(Tracker::new("x"));
                let r = b.connect().await;
                step("after").await;
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// A linked list of stages walked by a reborrowing cursor `cur = next` with awaits in the loop.
    p34a_list_cursor_reborrow {
        #[derive(Debug)]
        pub enum Stage { Node(u32, Box<Stage>), End }
        lower! {
            pub async fn bump_all(s: &mut Stage) -> u32 {
                let mut cur = s;
                let mut n = 0;
                while let Stage::Node(v, next) = cur {
                    *v += leaf("bump", 1).await;
                    n += 1;
                    cur = next;
                }
                n
            }
        }
        pub async fn go() -> (u32, Stage) {
            let mut s = Stage::Node(1, Box::new(Stage::Node(5, Box::new(Stage::End))));
            let n = bump_all(&mut s).await;
            (n, s)
        }
    }
    run { go() }
}

twin! {
    /// Two-phase commit: a coordinator collects votes from participants (each with a state) and commits or aborts.
    p34a_two_phase_commit {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Ps { Init, Prepared, Committed, Aborted }
        pub struct Part { pub name: &'static str, pub st: Ps, pub lock: Option<Tracker>, pub vote_yes: bool }
        impl Part {
            lower! {
                pub async fn prepare(&mut self) -> bool {
                    self.lock = Some(Tracker::new(self.name));
                    let yes = leaf("vote", self.vote_yes).await;
                    self.st = if yes { Ps::Prepared } else { Ps::Aborted };
                    if !yes { self.lock = None; }
                    yes
                }
            }
            lower! {
                pub async fn finish(&mut self, commit: bool) {
                    if self.st == Ps::Prepared {
                        step("finish").await;
                        self.st = if commit { Ps::Committed } else { Ps::Aborted };
                        self.lock = None;
                    }
                }
            }
        }
        lower! {
            pub async fn round(parts: &mut Vec<Part>) -> bool {
                let mut all = true;
                for p in parts.iter_mut() {
                    if !p.prepare().await { all = false; break; }
                }
                for p in parts.iter_mut() {
                    p.finish(all).await;
                }
                all
            }
        }
        lower! {
            pub async fn go() -> (bool, bool, Vec<Ps>) {
                let mut a = vec![Part { name: "p1", st: Ps::Init, lock: None, vote_yes: true }, Part { name: "p2", st: Ps::Init, lock: None, vote_yes: true }];
                let ok = round(&mut a).await;
                let mut b = vec![Part { name: "q1", st: Ps::Init, lock: None, vote_yes: true }, Part { name: "q2", st: Ps::Init, lock: None, vote_yes: false }, Part { name: "q3", st: Ps::Init, lock: None, vote_yes: true }];
                let ok2 = round(&mut b).await;
                (ok, ok2, b.iter().map(|p| p.st).collect())
            }
        }
    }
    run { go() }
}

twin! {
    /// A lexer state machine over chars: an accumulating token state, each token emitted with an await.
    p34a_lexer_states {
        #[derive(Debug)]
        pub enum Lx { Start, Num(u32), Word(String) }
        pub struct Lexer { pub st: Lx, pub out: Vec<String>, pub g: Tracker }
        impl Lexer {
            lower! {
                pub async fn emit(&mut self) {
                    match mem::replace(&mut self.st, Lx::Start) {
                        Lx::Start => {}
                        Lx::Num(n) => { step("num").await; self.out.push(format!("N{n}")); }
                        Lx::Word(w) => { step("word").await; self.out.push(format!("W{w}")); }
                    }
                }
            }
            lower! {
                pub async fn feed(&mut self, c: char) {
                    match (&mut self.st, c) {
                        (Lx::Num(n), '0'..='9') => { *n = *n * 10 + c.to_digit(10).unwrap(); }
                        (Lx::Word(w), 'a'..='z') => w.push(c),
                        (_, '0'..='9') => { self.emit().await; self.st = Lx::Num(c.to_digit(10).unwrap()); }
                        (_, 'a'..='z') => { self.emit().await; self.st = Lx::Word(c.to_string()); }
                        _ => self.emit().await,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let mut l = Lexer { st: Lx::Start, out: vec![], g: Tracker::new("lexer") };
                for c in "ab 12c3 x".chars() { l.feed(c).await; }
                l.emit().await;
                mem::take(&mut l.out)
            }
        }
    }
    run { go() }
}

twin! {
    /// A heartbeat monitor: missed beats counted in a field, the peer dropped after three misses.
    p34a_heartbeat_monitor {
        pub struct Mon { pub peer: Option<Tracker>, pub missed: u32, pub beats: u32 }
        impl Mon {
            lower! {
                pub async fn check(&mut self, beat: bool) -> bool {
                    if self.peer.is_none() { return false; }
                    if leaf("beat", beat).await {
                        self.missed = 0;
                        self.beats += 1;
                    } else {
                        self.missed += 1;
                        if self.missed >= 3 {
                            log("peer lost");
                            self.peer = None;
                            step("notify").await;
                            return false;
                        }
                    }
                    true
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, u32) {
                let mut m = Mon { peer: Some(Tracker::new("peer")), missed: 0, beats: 0 };
                let mut n = 0;
                for b in [true, false, true, false, false, false, true] {
                    if !m.check(b).await { break; }
                    n += 1;
                }
                (n, m.beats)
            }
        }
    }
    run { go() }
}

twin! {
    /// `match self` binding a tracker whose `.0` is copied before the await, `*self = ..` after (no method on the binding).
    p34a_enum_self_field_copy_before {
        #[derive(Debug)]
        pub enum Slot { Full(Tracker), Empty }
        impl Slot {
            lower! {
                pub async fn clear(&mut self) -> &'static str {
                    match self {
                        Slot::Full(t) => {
                            let name = t.0;
                            step("flush").await;
                            *self = Slot::Empty;
                            name
                        }
                        Slot::Empty => "empty",
                    }
                }
            }
        }
        pub async fn go() -> (&'static str, &'static str) {
            let mut s = Slot::Full(Tracker::new("data"));
            let a = s.clear().await;
            let b = s.clear().await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// `match self` binding a `Vec` whose `len()` is read before the await, `*self = ..` after.
    p34a_enum_self_len_before {
        #[derive(Debug)]
        pub enum Q { Items(Vec<u32>), Drained(usize) }
        impl Q {
            lower! {
                pub async fn drain(&mut self) -> usize {
                    match self {
                        Q::Items(v) => {
                            let n = v.len();
                            step("drain").await;
                            *self = Q::Drained(n);
                            n
                        }
                        Q::Drained(n) => *n,
                    }
                }
            }
        }
        pub async fn go() -> (usize, usize) {
            let mut q = Q::Items(vec![1, 2, 3]);
            let a = q.drain().await;
            (a, q.drain().await)
        }
    }
    run { go() }
}

twin! {
    /// `&self` method on an enum: `match self` binding a tracker read after an await (shared, no write).
    p34a_enum_shared_self_binding_after {
        #[derive(Debug)]
        pub enum Peer { Known(Tracker, u32), Unknown }
        impl Peer {
            lower! {
                pub async fn describe(&self) -> String {
                    match self {
                        Peer::Known(t, n) => {
                            let k = leaf("rtt", *n).await;
                            format!("{} rtt {}", t.name(), k)
                        }
                        Peer::Unknown => { step("?").await; "unknown".into() }
                    }
                }
            }
        }
        pub async fn go() -> (String, String) {
            let a = Peer::Known(Tracker::new("p"), 3);
            let b = Peer::Unknown;
            (a.describe().await, b.describe().await)
        }
    }
    run { go() }
}

twin! {
    /// `if let Some(t) = self.slot.take()`: moved into another field on one branch only, then an await.
    p34a_take_move_one_branch_field {
        pub struct S { pub slot: Option<Tracker>, pub parked: Option<Tracker> }
        impl S {
            lower! {
                pub async fn shuffle(&mut self, park: bool) -> bool {
                    if let Some(t) = self.slot.take() {
                        if park {
                            self.parked = Some(t);
                        }
                        log("decided");
                        step("io").await;
                        log("after io");
                        return true;
                    }
                    false
                }
            }
        }
        pub async fn go() -> (bool, bool, bool) {
            let mut s = S { slot: Some(Tracker::new("a")), parked: None };
            let x = s.shuffle(false).await;
            s.slot = Some(Tracker::new("b"));
            let y = s.shuffle(true).await;
            let z = s.shuffle(true).await;
            (x, y, z)
        }
    }
    run { go() }
}

twin! {
    /// A message payload queued on one branch only (urgent), otherwise kept to the end of the arm across an await.
    p34a_msg_payload_move_one_branch {
        pub enum Msg { Data(Tracker, bool), Tick }
        pub struct S { pub urgent: Vec<Tracker> }
        impl S {
            lower! {
                pub async fn handle(&mut self, m: Msg) {
                    match m {
                        Msg::Data(t, urgent) => {
                            if urgent { self.urgent.push(t); }
                            step("ack").await;
                            log("acked");
                        }
                        Msg::Tick => step("tick").await,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut s = S { urgent: vec![] };
                s.handle(Msg::Data(Tracker::new("lazy"), false)).await;
                s.handle(Msg::Data(Tracker::new("hot"), true)).await;
                s.handle(Msg::Tick).await;
                s.urgent.len()
            }
        }
    }
    run { go() }
}

twin! {
    /// A future kept in the state (`St::Waiting(Pin<Box<dyn Future>>)`) awaited through `as_mut()`, then the state assigned.
    p34a_future_in_state_as_mut {
        pub enum St { Waiting(Pin<Box<dyn Future<Output = u32>>>), Ready(u32) }
        pub struct C { pub st: St, pub t: Tracker }
        impl C {
            lower! {
                pub async fn resolve(&mut self) -> u32 {
                    if let St::Waiting(f) = &mut self.st {
                        let v = f.as_mut().await;
                        self.st = St::Ready(v);
                    }
                    step("after").await;
                    match self.st { St::Ready(v) => v, St::Waiting(_) => 0 }
                }
            }
        }
        pub async fn go() -> (u32, u32) {
            let mut c = C { st: St::Waiting(Box::pin(leaf("inner", 42))), t: Tracker::new("c") };
            let a = c.resolve().await;
            (a, c.resolve().await)
        }
    }
    run { go() }
}

twin! {
    /// A future taken out of the state by `mem::replace` and awaited by value.
    p34a_future_in_state_taken {
        pub enum St { Waiting(Pin<Box<dyn Future<Output = u32>>>), Ready(u32), Empty }
        pub struct C { pub st: St }
        impl C {
            lower! {
                pub async fn resolve(&mut self) -> u32 {
                    let _g = Tracker::new("resolve");
                    match mem::replace(&mut self.st, St::Empty) {
                        St::Waiting(f) => { let v = f.await; self.st = St::Ready(v); v }
                        St::Ready(v) => { step("cached").await; self.st = St::Ready(v); v }
                        St::Empty => 0,
                    }
                }
            }
        }
        pub async fn go() -> (u32, u32) {
            let mut c = C { st: St::Waiting(Box::pin(leaf("inner", 7))) };
            let a = c.resolve().await;
            (a, c.resolve().await)
        }
    }
    run { go() }
}

twin! {
    /// A key-value protocol: lines parsed into `enum Cmd`, dispatched by value to `Store` methods, some awaited.
    p34a_kv_protocol {
        #[derive(Debug)]
        pub enum Cmd { Set(String, u32), Get(String), Del(String), Bad(String) }
        pub fn parse(l: &str) -> Cmd {
            let p: Vec<&str> = l.split(' ').collect();
            match p.as_slice() {
                ["SET", k, v] => Cmd::Set(k.to_string(), v.parse().unwrap()),
                ["GET", k] => Cmd::Get(k.to_string()),
                ["DEL", k] => Cmd::Del(k.to_string()),
                _ => Cmd::Bad(l.to_string()),
            }
        }
        pub struct Store { pub map: BTreeMap<String, (u32, Tracker)>, pub ops: u32 }
        impl Store {
            lower! {
                pub async fn exec(&mut self, c: Cmd) -> String {
                    self.ops += 1;
                    match c {
                        Cmd::Set(k, v) => {
                            let t = Tracker::new("val");
                            step("wal").await;
                            match self.map.insert(k, (v, t)) { Some((old, _)) => format!("old {old}"), None => "new".into() }
                        }
                        Cmd::Get(k) => {
                            let v = self.map.get(&k).map(|e| e.0);
                            leaf("read", format!("{v:?}")).await
                        }
                        Cmd::Del(k) => {
                            let e = self.map.remove(&k);
                            step("wal").await;
                            format!("del {}", e.is_some())
                        }
                        Cmd::Bad(l) => format!("bad {l}"),
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<String>, u32) {
                let mut s = Store { map: BTreeMap::new(), ops: 0 };
                let mut out = vec![];
                for l in ["SET a 1", "GET a", "SET a 2", "NOPE", "DEL a", "GET a", "SET b 3"] {
                    let c = parse(l);
                    out.push(s.exec(c).await);
                }
                (out, s.ops)
            }
        }
    }
    run { go() }
}

twin! {
    /// An order workflow: `pay`, `ship`, `deliver` methods check the state through `match &self.state` and fail with `Err`.
    p34a_order_workflow {
        #[derive(Debug)]
        pub enum Order { Created, Paid(u32), Shipped { amount: u32, parcel: Tracker }, Delivered(u32) }
        pub struct Shop { pub state: Order, pub log: Vec<String> }
        impl Shop {
            lower! {
                pub async fn pay(&mut self, amount: u32) -> Result<(), String> {
                    match &self.state { Order::Created => {}, s => return Err(format!("pay in {s:?}")) }
                    let ok = leaf("charge", amount).await;
                    self.state = Order::Paid(ok);
                    Ok(())
                }
            }
            lower! {
                pub async fn ship(&mut self) -> Result<(), String> {
                    let amount = match self.state { Order::Paid(a) => a, _ => return Err("ship unpaid".into()) };
                    let parcel = Tracker::new("parcel");
                    step("label").await;
                    self.state = Order::Shipped { amount, parcel };
                    Ok(())
                }
            }
            lower! {
                pub async fn deliver(&mut self) -> Result<u32, String> {
                    match mem::replace(&mut self.state, Order::Created) {
                        Order::Shipped { amount, parcel } => {
                            step("truck").await;
                            self.log.push(format!("delivered {}", parcel.name()));
                            drop(parcel);
                            self.state = Order::Delivered(amount);
                            Ok(amount)
                        }
                        other => { self.state = other; Err("not shipped".into()) }
                    }
                }
            }
            lower! {
                pub async fn flow(&mut self) -> Result<u32, String> {
                    self.pay(5).await?;
                    self.ship().await?;
                    self.deliver().await
                }
            }
        }
        lower! {
            pub async fn go() -> (Result<u32, String>, Result<(), String>, Result<u32, String>) {
                let mut s = Shop { state: Order::Created, log: vec![] };
                let a = s.flow().await;
                let b = s.ship().await;
                let mut s2 = Shop { state: Order::Created, log: vec![] };
                s2.pay(3).await.unwrap();
                let c = s2.deliver().await;
                (a, b, c)
            }
        }
    }
    run { go() }
}

twin! {
    /// A cancellation flag field checked at the top of each loop iteration of a worker with a job tracker.
    p34a_cancel_flag_field {
        pub struct W { pub cancelled: bool, pub done: u32, pub job: Option<Tracker> }
        impl W {
            lower! {
                pub async fn run(&mut self, cancel_at: u32) -> u32 {
                    self.job = Some(Tracker::new("job"));
                    loop {
                        if self.cancelled {
                            log("cancelled");
                            self.job.take();
                            break;
                        }
                        self.done += leaf("unit", 1).await;
                        if self.done == cancel_at { self.cancelled = true; }
                        step("yield").await;
                    }
                    self.done
                }
            }
        }
        pub async fn go() -> u32 {
            let mut w = W { cancelled: false, done: 0, job: None };
            w.run(2).await
        }
    }
    run { go() }
}

twin! {
    /// A turn-based game: players with hit points in a `Vec`, a `Turn(usize)`/`Over(usize)` state.
    p34a_game_turns {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum G { Turn(usize), Over(usize) }
        pub struct P { pub hp: i32, pub t: Tracker }
        pub struct Game { pub players: Vec<P>, pub st: G, pub rounds: u32 }
        impl Game {
            lower! {
                pub async fn play(&mut self) -> usize {
                    loop {
                        match self.st {
                            G::Turn(i) => {
                                let target = (i + 1) % self.players.len();
                                let dmg = leaf("roll", (i as i32 + 2) * 2).await;
                                self.players[target].hp -= dmg;
                                if self.players[target].hp <= 0 {
                                    step("ko").await;
                                    self.st = G::Over(i);
                                } else {
                                    self.st = G::Turn(target);
                                    self.rounds += 1;
                                }
                            }
                            G::Over(w) => return w,
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (usize, u32) {
                let mut g = Game { players: vec![P { hp: 9, t: Tracker::new("p0") }, P { hp: 7, t: Tracker::new("p1") }], st: G::Turn(0), rounds: 0 };
                let w = g.play().await;
                g.players.remove(1 - w);
                step("end").await;
                (w, g.rounds)
            }
        }
    }
    run { go() }
}

twin! {
    /// `match &mut self.state` pushing to a `Vec` binding before and reading its length after an await.
    p34a_ref_mut_vec_binding_len_after {
        pub enum St { Buf(Vec<u32>), Off }
        pub struct C { pub st: St, pub flushes: u32 }
        impl C {
            lower! {
                pub async fn add(&mut self, n: u32) -> usize {
                    match &mut self.st {
                        St::Buf(v) => {
                            v.push(n);
                            step("store").await;
                            if v.len() > 2 { v.clear(); self.flushes += 1; }
                            v.len()
                        }
                        St::Off => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<usize>, u32) {
                let mut c = C { st: St::Buf(vec![]), flushes: 0 };
                let mut r = vec![];
                for i in 0..5 { r.push(c.add(i).await); }
                (r, c.flushes)
            }
        }
    }
    run { go() }
}

twin! {
    /// A reconnecting client: a connection guard in an `Option<Box<..>>`, dropped on error and rebuilt with counted attempts.
    p34a_reconnecting_client {
        pub struct Sock { pub id: u32, pub t: Tracker }
        pub struct Client { pub sock: Option<Box<Sock>>, pub next_id: u32, pub reconnects: u32, pub sent: Vec<u32> }
        impl Client {
            lower! {
                pub async fn ensure(&mut self) -> &mut Sock {
                    if self.sock.is_none() {
                        step("dial").await;
                        self.next_id += 1;
                        self.reconnects += 1;
                        self.sock = Some(Box::new(Sock { id: self.next_id, t: Tracker::new("sock") }));
                    }
                    self.sock.as_mut().unwrap()
                }
            }
            lower! {
                pub async fn send(&mut self, m: u32) -> u32 {
                    loop {
                        let id = self.ensure().await.id;
                        let ok = leaf("write", m % 2 == 0 || id > 1).await;
                        if ok {
                            self.sent.push(m);
                            return id;
                        }
                        log("write failed");
                        self.sock = None;
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<u32>, u32, Vec<u32>) {
                let mut c = Client { sock: None, next_id: 0, reconnects: 0, sent: vec![] };
                let mut ids = vec![];
                for m in [2, 3, 5] { ids.push(c.send(m).await); }
                (ids, c.reconnects, c.sent.clone())
            }
        }
    }
    run { go() }
}

twin! {
    /// A state matched with mixed `ref` and by-value arms on a non-`Copy` enum field (no move out).
    p34a_state_mixed_ref_arms {
        pub enum St { Named(String), Anon, Tagged(Tracker) }
        pub struct C { pub st: St, pub hits: u32 }
        impl C {
            lower! {
                pub async fn label(&mut self) -> String {
                    self.hits += 1;
                    match self.st {
                        St::Named(ref s) => { step("named").await; s.clone() }
                        St::Tagged(ref t) => { let k = leaf("tag", self.hits).await; format!("{}{}", t.name(), k) }
                        St::Anon => { step("anon").await; "anon".into() }
                    }
                }
            }
        }
        pub async fn go() -> Vec<String> {
            let mut c = C { st: St::Named("n".into()), hits: 0 };
            let mut v = vec![c.label().await];
            c.st = St::Tagged(Tracker::new("tg"));
            v.push(c.label().await);
            c.st = St::Anon;
            v.push(c.label().await);
            v
        }
    }
    run { go() }
}

twin! {
    /// A session that times out after a number of idle ticks, its token dropped when the state turns `Expired`.
    p34a_session_idle_timeout {
        #[derive(Debug)]
        pub enum Sess { Active { token: Tracker, idle: u32 }, Expired }
        pub struct Mgr { pub s: Sess, pub limit: u32 }
        impl Mgr {
            lower! {
                pub async fn tick(&mut self, activity: bool) -> bool {
                    let act = leaf("activity", activity).await;
                    let expire = match &mut self.s {
                        Sess::Active { idle, .. } => {
                            if act { *idle = 0 } else { *idle += 1 }
                            *idle >= self.limit
                        }
                        Sess::Expired => return false,
                    };
                    if expire {
                        log("expiring");
                        self.s = Sess::Expired;
                        step("notify").await;
                    }
                    true
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut m = Mgr { s: Sess::Active { token: Tracker::new("token"), idle: 0 }, limit: 2 };
                let mut n = 0;
                for a in [false, true, false, false, false, true] {
                    if m.tick(a).await { n += 1; }
                }
                n
            }
        }
    }
    run { go() }
}

twin! {
    /// Reduced: a binding moved on one branch of an `if` and left on the other drops at the following await, not at the end of its scope.
    p34a_min_if_let_move_one_branch {
        lower! {
            pub async fn f(o: Option<Tracker>, keep: bool) -> Option<Tracker> {
                let mut out = None;
                if let Some(b) = o {
                    if keep { out = Some(b); }
                    step("after").await;
                    log("end of scope");
                }
                out
            }
        }
        pub async fn go() -> bool {
            let a = f(Some(Tracker::new("a")), false).await;
            let b = f(Some(Tracker::new("b")), true).await;
            a.is_none() && b.is_some()
        }
    }
    run { go() }
}

twin! {
    /// Reduced: the same with a `let`-bound local moved on one branch of an `if`, then an await.
    p34a_min_let_move_one_branch {
        lower! {
            pub async fn f(keep: bool) -> Option<Tracker> {
                let mut out = None;
                let b = Tracker::new("b");
                if keep { out = Some(b); }
                step("after").await;
                log("end of scope");
                out
            }
        }
        pub async fn go() -> bool {
            let a = f(false).await;
            let b = f(true).await;
            a.is_none() && b.is_some()
        }
    }
    run { go() }
}

twin! {
    /// Reduced: a parameter moved by `drop` on one branch of an `if`, then an await.
    p34a_min_param_drop_one_branch {
        lower! {
            pub async fn f(t: Tracker, early: bool) -> u32 {
                if early { drop(t); }
                step("after").await;
                log("end of scope");
                1
            }
        }
        pub async fn go() -> u32 {
            f(Tracker::new("x"), false).await + f(Tracker::new("y"), true).await
        }
    }
    run { go() }
}

twin! {
    /// Reduced: a local moved on one branch of an `if` and borrowed on the other drops at the next await, not at the end of its scope.
    p34a_min_move_or_borrow_then_await {
        lower! {
            pub async fn f(keep: bool) -> Option<Tracker> {
                let mut out = None;
                let b = Tracker::new("b");
                if keep { out = Some(b); } else { log(b.name()); }
                step("after").await;
                log("end of scope");
                out
            }
        }
        pub async fn go() -> bool {
            let a = f(false).await;
            let b = f(true).await;
            a.is_none() && b.is_some()
        }
    }
    run { go() }
}

twin! {
    /// The same through `if let Some(b) = o`, as in a field taken with `.take()`.
    p34a_min_if_let_move_or_borrow {
        lower! {
            pub async fn f(o: Option<Tracker>, keep: bool) -> Option<Tracker> {
                let mut out = None;
                if let Some(b) = o {
                    if keep { out = Some(b); } else { log(b.name()); }
                    step("after").await;
                    log("end of scope");
                }
                out
            }
        }
        pub async fn go() -> bool {
            let a = f(Some(Tracker::new("a")), false).await;
            let b = f(Some(Tracker::new("b")), true).await;
            a.is_none() && b.is_some()
        }
    }
    run { go() }
}

twin! {
    /// Reduced: `match self` (on `&mut self`) binding a non-`Copy` payload read only before the await, `*self = ..` after it.
    p34a_min_self_binding_dead_before_await {
        pub enum Slot { Full(Tracker), Empty }
        impl Slot {
            lower! {
                pub async fn clear(&mut self) {
                    match self {
                        Slot::Full(t) => {
                            log(t.0);
                            step("s").await;
                            *self = Slot::Empty;
                        }
                        Slot::Empty => {}
                    }
                }
            }
        }
        pub async fn go() {
            let mut s = Slot::Full(Tracker::new("t"));
            s.clear().await;
            log("cleared");
        }
    }
    run { go() }
}

twin! {
    /// The same on a `&mut Slot` parameter instead of `self`.
    p34a_min_param_binding_dead_before_await {
        pub enum Slot { Full(Tracker), Empty }
        lower! {
            pub async fn clear(s: &mut Slot) {
                match s {
                    Slot::Full(t) => {
                        log(t.0);
                        step("s").await;
                        *s = Slot::Empty;
                    }
                    Slot::Empty => {}
                }
            }
        }
        pub async fn go() {
            let mut s = Slot::Full(Tracker::new("t"));
            clear(&mut s).await;
            log("cleared");
        }
    }
    run { go() }
}

twin! {
    /// The same through `match &mut self.state` and `self.state = ..`.
    p34a_min_field_binding_dead_before_await {
        pub enum Slot { Full(Tracker), Empty }
        pub struct C { pub state: Slot }
        impl C {
            lower! {
                pub async fn clear(&mut self) {
                    match &mut self.state {
                        Slot::Full(t) => {
                            log(t.0);
                            step("s").await;
                            self.state = Slot::Empty;
                        }
                        Slot::Empty => {}
                    }
                }
            }
        }
        pub async fn go() {
            let mut c = C { state: Slot::Full(Tracker::new("t")) };
            c.clear().await;
            log("cleared");
        }
    }
    run { go() }
}

twin! {
    /// Reduced: a `&mut` local reassigned (`cur = b`) from a `&mut Box<u32>` after an await: the deref coercion is lost.
    p34a_min_ref_local_reassigned_coerced {
        lower! {
            pub async fn f(a: &mut u32, b: &mut Box<u32>) -> u32 {
                let mut cur = a;
                *cur += leaf("x", 1).await;
                cur = b;
                *cur += leaf("y", 10).await;
                *cur
            }
        }
        pub async fn go() -> u32 {
            let mut a = 1;
            let mut b = Box::new(5);
            f(&mut a, &mut b).await + a
        }
    }
    run { go() }
}

twin! {
    /// The cursor without a loop: `if let Stage::Node(v, next) = cur { ..; cur = next; }` around awaits.
    p34a_min_cursor_step_coerced {
        #[derive(Debug)]
        pub enum Stage { Node(u32, Box<Stage>), End }
        lower! {
            pub async fn f(s: &mut Stage) -> bool {
                let mut cur = s;
                if let Stage::Node(v, next) = cur {
                    *v += leaf("a", 1).await;
                    cur = next;
                }
                step("b").await;
                matches!(cur, Stage::End)
            }
        }
        pub async fn go() -> (bool, Stage) {
            let mut s = Stage::Node(1, Box::new(Stage::End));
            let r = f(&mut s).await;
            (r, s)
        }
    }
    run { go() }
}

twin! {
    /// Reduced: a `while let` cursor over `&mut` nodes reassigned from a `&mut Box<Node>` binding (`cur = next`), an await in the loop: E0308.
    p34a_min_while_let_cursor_coerced {
        #[derive(Debug)]
        pub enum Stage { Node(u32, Box<Stage>), End }
        lower! {
            pub async fn f(s: &mut Stage) {
                let mut cur = s;
                while let Stage::Node(v, next) = cur {
                    *v += leaf("a", 1).await;
                    cur = next;
                }
            }
        }
        pub async fn go() -> Stage {
            let mut s = Stage::Node(1, Box::new(Stage::Node(2, Box::new(Stage::End))));
            f(&mut s).await;
            s
        }
    }
    run { go() }
}

twin! {
    /// The cursor loop with the await after the loop only.
    p34a_min_while_let_cursor_await_after {
        #[derive(Debug)]
        pub enum Stage { Node(u32, Box<Stage>), End }
        lower! {
            pub async fn f(s: &mut Stage) -> u32 {
                let mut cur = s;
                let mut n = 0;
                while let Stage::Node(v, next) = cur {
                    *v += 1;
                    n += 1;
                    cur = next;
                }
                step("after").await;
                n
            }
        }
        pub async fn go() -> (u32, Stage) {
            let mut s = Stage::Node(1, Box::new(Stage::Node(2, Box::new(Stage::End))));
            let n = f(&mut s).await;
            (n, s)
        }
    }
    run { go() }
}

twin! {
    /// The cursor written as `loop { match cur { .. } }` with an await in the arm.
    p34a_min_loop_match_cursor_coerced {
        #[derive(Debug)]
        pub enum Stage { Node(u32, Box<Stage>), End }
        lower! {
            pub async fn f(s: &mut Stage) {
                let mut cur = s;
                loop {
                    match cur {
                        Stage::Node(v, next) => {
                            *v += leaf("a", 1).await;
                            cur = next;
                        }
                        Stage::End => break,
                    }
                }
            }
        }
        pub async fn go() -> Stage {
            let mut s = Stage::Node(1, Box::new(Stage::Node(2, Box::new(Stage::End))));
            f(&mut s).await;
            s
        }
    }
    run { go() }
}
