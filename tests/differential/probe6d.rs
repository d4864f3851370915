//! Probe round 6d: what a teacher of async/await would write to check that a lowered
//! `async fn` behaves like the native one: CopyStream loops with a lent buffer, a
//! "breakfast" of sequential steps, retry loops, `&mut self` state machines, a line and
//! token parser over a reader, a producer/consumer queue, `pair` joins, guards in nested
//! scopes under cancellation, Drop structs with fields read across awaits, references
//! (shared and `&mut`) held across several awaits, methods returning references, `move`
//! closures and `async move` blocks, Option/Result combinators across awaits.
use crate::prelude::*;
#[allow(unused_imports)]
use std::cell::RefCell;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::io;
#[allow(unused_imports)]
use std::rc::Rc;

/// A logged reader over `pattern(len)`, at most `chunk` bytes per read, pending per the seed.
pub fn src(len: usize, chunk: usize) -> MemReader {
    MemReader::new(pattern(len)).with_chunk(chunk).with_pending_fn(draw_pending).with_log(log)
}

/// A logged reader over text.
pub fn text_src(text: &str, chunk: usize) -> MemReader {
    MemReader::new(text.as_bytes().to_vec()).with_chunk(chunk).with_pending_fn(draw_pending).with_log(log)
}

/// A logged writer, pending per the seed.
pub fn dst() -> MemWriter {
    MemWriter::new().with_chunk(5).with_pending_fn(draw_pending).with_log(log)
}

/// The breakfast being prepared.
#[derive(Debug, Default)]
pub struct Breakfast {
    pub coffee: Option<String>,
    pub eggs: u32,
    pub bacon: Vec<String>,
    pub toast: u32,
    pub juice: bool,
    pub steps: Vec<&'static str>,
}

/// A connection with a Drop impl whose fields are read.
pub struct Conn {
    pub id: u32,
    pub name: String,
    pub sent: u32,
    pub open: bool,
}

impl Conn {
    pub fn new(id: u32, name: &str) -> Conn {
        log(format!("open conn {id} {name}"));
        Conn { id, name: name.to_string(), sent: 0, open: true }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        log(format!("drop conn {} {} sent={} open={}", self.id, self.name, self.sent, self.open));
    }
}

impl std::fmt::Debug for Conn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Conn({}, {})", self.id, self.name)
    }
}

/// A map-backed holder whose async getter returns a reference into itself.
pub struct Holder {
    pub map: BTreeMap<String, String>,
    pub t: Tracker,
}

impl Holder {
    pub fn new() -> Holder {
        let mut map = BTreeMap::new();
        map.insert("a".to_string(), "alpha".to_string());
        map.insert("b".to_string(), "beta".to_string());
        map.insert("c".to_string(), "gamma".to_string());
        Holder { map, t: Tracker("holder") }
    }
}

#[derive(Debug, PartialEq)]
pub enum PState {
    Idle,
    Connecting(u32),
    Ready { session: String, count: u32 },
    Closed(Tracker),
}

// ---------------------------------------------------------------------------------------
// CopyStream variants
// ---------------------------------------------------------------------------------------

twin! {
    /// CopyStream that counts newlines in each `&buf[..n]` and keeps a guard alive.
    p6d_copy_count_lines {
        lower! {
            pub async fn copy_count(source: &mut MemReader, dest: &mut MemWriter) -> io::Result<(u64, usize)> {
                let _g = Tracker("copy-guard");
                let mut buf = vec![0u8; 16];
                let mut total = 0u64;
                let mut lines = 0usize;
                loop {
                    let n = source.read(&mut buf).await?;
                    if n == 0 {
                        break;
                    }
                    lines += buf[..n].iter().filter(|&&b| b % 7 == 0).count();
                    dest.write_all(&buf[..n]).await?;
                    total += n as u64;
                }
                Ok((total, lines))
            }
        }
    }
    run {
        pair(
            copy_count(leak(src(40, 9)), leak(dst())),
            copy_count(leak(src(40, 9).failing_at(20)), leak(dst())),
        )
    }
}

twin! {
    /// A stack array lent to every read; a slice of it held across the write await and used
    /// after it.
    p6d_copy_array_slice_held {
        lower! {
            pub async fn copy_arr(source: &mut MemReader, dest: &mut MemWriter) -> io::Result<Vec<u8>> {
                let mut buf = [0u8; 7];
                let mut firsts = Vec::new();
                loop {
                    let n = source.read(&mut buf).await?;
                    if n == 0 {
                        return Ok(firsts);
                    }
                    let chunk = &buf[..n];
                    let first = &chunk[0];
                    dest.write_all(chunk).await?;
                    step("after-write").await;
                    firsts.push(*first);
                    log(format!("chunk len {} first {}", chunk.len(), first));
                }
            }
        }
    }
    run { copy_arr(leak(src(20, 5)), leak(dst())) }
}

twin! {
    /// Partial writes: the written count advances a slice over the lent buffer.
    p6d_copy_partial_writes {
        lower! {
            pub async fn copy_partial(source: &mut MemReader, dest: &mut MemWriter) -> io::Result<u64> {
                let mut buffer = vec![0u8; 12];
                let mut total = 0;
                while let n @ 1.. = source.read(&mut buffer[..]).await? {
                    let mut rest = &buffer[..n];
                    let t = Tracker("chunk");
                    while !rest.is_empty() {
                        let w = dest.write(rest).await?;
                        rest = &rest[w..];
                        log(format!("rest {}", rest.len()));
                    }
                    drop(t);
                    total += n as u64;
                }
                Ok(total)
            }
        }
    }
    run {
        pair(
            copy_partial(leak(src(30, 8)), leak(dst())),
            copy_partial(leak(src(30, 8)), leak(dst().failing_after(13))),
        )
    }
}

twin! {
    /// A lowered `read_exact` helper reborrowing a `&mut [u8]` parameter across awaits,
    /// used to read a header then a body sized by it.
    p6d_read_exact_header_body {
        lower! {
            pub async fn read_exact(r: &mut MemReader, buf: &mut [u8]) -> io::Result<()> {
                let mut filled = 0;
                while filled < buf.len() {
                    let n = r.read(&mut buf[filled..]).await?;
                    if n == 0 {
                        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "short"));
                    }
                    filled += n;
                }
                Ok(())
            }
        }
        lower! {
            pub async fn frame(r: &mut MemReader) -> io::Result<(u8, Vec<u8>)> {
                let _t = Tracker("frame");
                let mut header = [0u8; 2];
                read_exact(r, &mut header).await?;
                let len = (header[1] % 5) as usize;
                let mut body = vec![0u8; len];
                read_exact(r, &mut body[..]).await?;
                Ok((header[0], body))
            }
        }
    }
    run {
        pair(frame(leak(src(30, 1))), frame(leak(src(3, 1))))
    }
}

twin! {
    /// `for chunk in data.chunks(3)` writing each chunk: the iterator borrows a local
    /// across the awaits.
    p6d_chunks_write {
        lower! {
            pub async fn write_chunks(dest: &mut MemWriter, n: usize) -> io::Result<usize> {
                let data: Vec<u8> = (0..n as u8).collect();
                let mut count = 0;
                for (i, chunk) in data.chunks(3).enumerate() {
                    let g = Tracker(if i % 2 == 0 { "even" } else { "odd" });
                    dest.write_all(chunk).await?;
                    if chunk.len() < 3 {
                        log(format!("short chunk {i}"));
                        return Ok(count);
                    }
                    count += chunk.len();
                    drop(g);
                }
                Ok(count)
            }
        }
    }
    run { pair(write_chunks(leak(dst()), 10), write_chunks(leak(dst().failing_after(4)), 9)) }
}

// ---------------------------------------------------------------------------------------
// Breakfast
// ---------------------------------------------------------------------------------------

twin! {
    /// Breakfast, each step awaited in sequence, results accumulated in a struct.
    p6d_breakfast_sequential {
        lower! {
            pub async fn make_breakfast(eggs: u32) -> Breakfast {
                let mut b = Breakfast::default();
                let pan = Tracker("pan");
                b.coffee = Some(leaf("coffee", "black".to_string()).await);
                b.steps.push("coffee");
                for i in 0..eggs {
                    b.eggs += leaf("egg", 1).await;
                    log(format!("egg {i} of {eggs}"));
                }
                b.steps.push("eggs");
                drop(pan);
                let toaster = Tracker("toaster");
                b.toast = leaf("toast", 2).await;
                b.bacon.push(leaf("bacon", "crispy".to_string()).await);
                b.bacon.push(leaf("bacon", "soft".to_string()).await);
                b.juice = leaf("juice", true).await;
                b.steps.push("rest");
                log(format!("coffee is {:?}, toaster {:?}", b.coffee.as_deref(), toaster));
                b
            }
        }
    }
    run { make_breakfast(2) }
}

twin! {
    /// Breakfast as `&mut self` async methods awaited in sequence.
    p6d_breakfast_methods {
        #[derive(Debug, Default)]
        pub struct Bf { pub coffee: Option<String>, pub eggs: u32, pub bacon: Vec<String>, pub toast: u32, pub juice: bool, pub steps: Vec<&'static str> }
        impl Bf {
            lower! {
                pub async fn pour_coffee(&mut self) -> &str {
                    let cup = Tracker("cup");
                    let c = leaf("coffee", String::from("latte")).await;
                    self.steps.push("coffee");
                    self.coffee = Some(c);
                    drop(cup);
                    self.coffee.as_deref().unwrap()
                }
            }
            lower! {
                pub async fn fry(&mut self, eggs: u32, strips: &[&str]) -> u32 {
                    let _pan = Tracker("pan");
                    for s in strips {
                        step("bacon").await;
                        self.bacon.push(s.to_string());
                    }
                    while self.eggs < eggs {
                        self.eggs += leaf("egg", 1).await;
                    }
                    self.steps.push("fried");
                    self.eggs + self.bacon.len() as u32
                }
            }
            lower! {
                pub async fn toast(&mut self, slices: u32) -> Result<u32, String> {
                    if slices > 3 {
                        return Err(format!("too many slices: {slices}"));
                    }
                    for _ in 0..slices {
                        self.toast += leaf("slice", 1).await;
                    }
                    Ok(self.toast)
                }
            }
        }
        lower! {
            pub async fn breakfast(slices: u32) -> Result<(String, u32, Bf), String> {
                let mut b = Bf::default();
                let kitchen = Tracker("kitchen");
                let coffee = b.pour_coffee().await.to_string();
                let fried = b.fry(2, &["one", "two"]).await;
                let toast = b.toast(slices).await?;
                b.juice = true;
                log(format!("{coffee} {fried} {toast} {:?}", kitchen));
                Ok((coffee, fried, b))
            }
        }
    }
    run { pair(breakfast(2), breakfast(5)) }
}

twin! {
    /// Breakfast steps run with `pair`, the outputs destructured, guards inside each step.
    p6d_breakfast_pair {
        lower! {
            pub async fn eggs(n: u32) -> (u32, Tracker) {
                let pan = Tracker::new("egg-pan");
                let mut done = 0;
                while done < n {
                    done += leaf("egg", 1).await;
                }
                (done, pan)
            }
        }
        lower! {
            pub async fn bacon(strips: Vec<&'static str>) -> Vec<String> {
                let _pan = Tracker::new("bacon-pan");
                let mut out = Vec::new();
                for s in strips {
                    out.push(leaf("strip", s).await.to_uppercase());
                }
                out
            }
        }
        lower! {
            pub async fn breakfast() -> Breakfast {
                let mut b = Breakfast::default();
                let ((e, pan), strips) = pair(eggs(2), bacon(vec!["x", "y"])).await;
                b.eggs = e;
                b.bacon = strips;
                step("plate").await;
                log(format!("pan {:?} still here", pan));
                let (c, t) = pair(leaf("coffee", "mocha".to_string()), async { leaf("toast", 3).await }).await;
                b.coffee = Some(c);
                b.toast = t;
                b
            }
        }
    }
    run { breakfast() }
}

twin! {
    /// A breakfast step that panics with guards alive at several depths.
    p6d_breakfast_burns {
        lower! {
            pub async fn burn() -> Breakfast {
                let mut b = Breakfast::default();
                let _kitchen = Tracker("kitchen");
                b.eggs = leaf("egg", 2).await;
                {
                    let _pan = Tracker("pan");
                    for i in 0..3u32 {
                        let _strip = Tracker("strip");
                        if i == 1 {
                            b.toast = boom("toaster").await;
                        }
                        b.bacon.push(leaf("bacon", format!("b{i}")).await);
                    }
                }
                b
            }
        }
    }
    run { burn() }
}

// ---------------------------------------------------------------------------------------
// Retry loops
// ---------------------------------------------------------------------------------------

twin! {
    /// A retry loop with early return from a match on the awaited result, a guard per attempt.
    p6d_retry_match_return {
        lower! {
            pub async fn attempt(i: u32, ok_at: u32) -> Result<String, String> {
                step("attempt").await;
                if i >= ok_at { Ok(format!("ok@{i}")) } else { Err(format!("fail@{i}")) }
            }
        }
        lower! {
            pub async fn retry(ok_at: u32, max: u32) -> Result<String, String> {
                let _session = Tracker("session");
                let mut errors = Vec::new();
                let mut i = 0;
                loop {
                    let _try = Tracker("try");
                    match attempt(i, ok_at).await {
                        Ok(v) => return Ok(v),
                        Err(e) if i + 1 < max => {
                            errors.push(e);
                            step("backoff").await;
                        }
                        Err(e) => {
                            errors.push(e);
                            return Err(errors.join(","));
                        }
                    }
                    i += 1;
                }
            }
        }
    }
    run { pair(retry(2, 4), retry(5, 2)) }
}

twin! {
    /// A retry helper taking an async-returning closure; `?` inside, `if let Ok` early return.
    p6d_retry_closure {
        lower! {
            pub async fn with_retry<F, Fut>(mut op: F, max: u32) -> Result<u32, String>
            where
                F: FnMut(u32) -> Fut,
                Fut: Future<Output = Result<u32, String>>,
            {
                let mut last = String::new();
                for i in 0..max {
                    let guard = Tracker("attempt");
                    if let Ok(v) = op(i).await {
                        log(format!("succeeded at {i} with {guard:?}"));
                        return Ok(v);
                    } else {
                        last = format!("attempt {i}");
                    }
                    step("wait").await;
                }
                Err(last)
            }
        }
        lower! {
            pub async fn main_op(ok_at: u32) -> Result<u32, String> {
                let base = 10;
                let v = with_retry(|i| async move {
                    let x = leaf("op", i).await;
                    if x >= ok_at { Ok(base + x) } else { Err("no".to_string()) }
                }, 4).await?;
                step("after").await;
                Ok(v * 2)
            }
        }
    }
    run { pair(main_op(2), main_op(9)) }
}

// ---------------------------------------------------------------------------------------
// State machines
// ---------------------------------------------------------------------------------------

twin! {
    /// A protocol state machine: `&mut self` async methods read and update fields across awaits.
    p6d_state_machine_conn {
        pub struct Proto {
            pub state: PState,
            pub history: Vec<String>,
            pub retries: u32,
        }
        impl Proto {
            lower! {
                pub async fn connect(&mut self, id: u32) -> Result<(), String> {
                    self.state = PState::Connecting(id);
                    let ok = leaf("handshake", id % 3 != 0).await;
                    if !ok {
                        self.retries += 1;
                        self.state = PState::Idle;
                        return Err(format!("handshake {id} failed"));
                    }
                    let session = leaf("session", format!("s{id}")).await;
                    self.history.push(format!("connected {session}"));
                    self.state = PState::Ready { session, count: 0 };
                    Ok(())
                }
            }
            lower! {
                pub async fn send(&mut self, msg: &str) -> Result<u32, String> {
                    match &mut self.state {
                        PState::Ready { session, count } => {
                            step("send").await;
                            *count += 1;
                            self.history.push(format!("{session}:{msg}"));
                            Ok(*count)
                        }
                        other => Err(format!("not ready: {other:?}")),
                    }
                }
            }
            lower! {
                pub async fn close(&mut self) -> u32 {
                    let old = std::mem::replace(&mut self.state, PState::Closed(Tracker("closed")));
                    step("fin").await;
                    match old {
                        PState::Ready { count, .. } => count,
                        _ => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn run_proto(ids: Vec<u32>) -> (Vec<String>, u32, u32) {
                let mut p = Proto { state: PState::Idle, history: Vec::new(), retries: 0 };
                for id in ids {
                    if let Err(e) = p.connect(id).await {
                        log(e);
                        continue;
                    }
                    break;
                }
                let _ = p.send("hello").await;
                let n = p.send("world").await.unwrap_or(99);
                let closed = p.close().await;
                let e = p.send("late").await.unwrap_err();
                log(e);
                (p.history, n, closed + p.retries)
            }
        }
    }
    run { pair(run_proto(vec![3, 6, 4]), run_proto(vec![3])) }
}

twin! {
    /// A state machine driven by `mem::replace` on its own enum, with awaits in the arms.
    p6d_state_machine_replace {
        pub struct Machine { pub st: PState, pub ticks: u32 }
        impl Machine {
            lower! {
                pub async fn tick(&mut self) -> bool {
                    self.ticks += 1;
                    self.st = match std::mem::replace(&mut self.st, PState::Idle) {
                        PState::Idle => PState::Connecting(leaf("dial", 7).await),
                        PState::Connecting(n) => {
                            let s = leaf("accept", format!("sess{n}")).await;
                            PState::Ready { session: s, count: n }
                        }
                        PState::Ready { session, count } if count > 8 => {
                            log(format!("closing {session}"));
                            PState::Closed(Tracker::new("closed"))
                        }
                        PState::Ready { session, count } => {
                            step("work").await;
                            PState::Ready { session, count: count + 1 }
                        }
                        PState::Closed(t) => {
                            log(format!("already closed {t:?}"));
                            return false;
                        }
                    };
                    true
                }
            }
        }
        lower! {
            pub async fn drive() -> (u32, String) {
                let mut m = Machine { st: PState::Idle, ticks: 0 };
                while m.tick().await {
                    if m.ticks > 10 { break; }
                }
                (m.ticks, format!("{:?}", m.st))
            }
        }
    }
    run { drive() }
}

// ---------------------------------------------------------------------------------------
// Parsers
// ---------------------------------------------------------------------------------------

twin! {
    /// A line reader over a MemReader: `&mut self` method filling an internal buffer across
    /// awaits; the caller parses tokens of each line with `?`.
    p6d_line_parser {
        pub struct Lines { pub r: MemReader, pub pending: Vec<u8>, pub eof: bool }
        impl Lines {
            lower! {
                pub async fn next_line(&mut self) -> io::Result<Option<String>> {
                    loop {
                        if let Some(pos) = self.pending.iter().position(|&b| b == b'\n') {
                            let line: Vec<u8> = self.pending.drain(..=pos).collect();
                            return Ok(Some(String::from_utf8_lossy(&line[..pos]).into_owned()));
                        }
                        if self.eof {
                            if self.pending.is_empty() {
                                return Ok(None);
                            }
                            let rest = std::mem::take(&mut self.pending);
                            return Ok(Some(String::from_utf8_lossy(&rest).into_owned()));
                        }
                        let mut buf = [0u8; 4];
                        let n = self.r.read(&mut buf).await?;
                        if n == 0 {
                            self.eof = true;
                        }
                        self.pending.extend_from_slice(&buf[..n]);
                    }
                }
            }
        }
        lower! {
            pub async fn sum_lines(text: &'static str) -> Result<Vec<u32>, String> {
                let mut lines = Lines { r: text_src(text, 3), pending: Vec::new(), eof: false };
                let mut sums = Vec::new();
                while let Some(line) = lines.next_line().await.map_err(|e| e.to_string())? {
                    let _t = Tracker("line");
                    let mut sum = 0;
                    for tok in line.split_whitespace() {
                        step("tok").await;
                        sum += tok.parse::<u32>().map_err(|e| format!("{tok}: {e}"))?;
                    }
                    log(format!("line {line:?} -> {sum}"));
                    sums.push(sum);
                }
                Ok(sums)
            }
        }
    }
    run { pair(sum_lines("1 2 3\n40 5\n\n6"), sum_lines("7 8\nx 9\n10")) }
}

twin! {
    /// Tokens borrowed from a `String` local held across awaits, peeked iterator.
    p6d_token_peek {
        lower! {
            pub async fn tokens(input: String) -> Vec<(String, u32)> {
                let mut out = Vec::new();
                let mut it = input.split(',').map(str::trim).peekable();
                while let Some(key) = it.next() {
                    let g = Tracker("tok");
                    let val = match it.peek() {
                        Some(v) if v.starts_with('#') => {
                            let v = it.next().unwrap();
                            leaf("num", v[1..].parse::<u32>().unwrap_or(0)).await
                        }
                        _ => leaf("default", 0).await,
                    };
                    out.push((key.to_string(), val));
                    drop(g);
                }
                out
            }
        }
    }
    run { tokens("a, #3, b, c, #12".to_string()) }
}

// ---------------------------------------------------------------------------------------
// Producer / consumer
// ---------------------------------------------------------------------------------------

twin! {
    /// A channel-like queue struct with async `push`/`pop`; a producer and consumer over a
    /// shared `Rc<RefCell<..>>` joined with `pair`.
    p6d_producer_consumer {
        pub struct Chan { pub q: VecDeque<(u32, Tracker)>, pub closed: bool }
        lower! {
            pub async fn produce(ch: Rc<RefCell<Chan>>, n: u32) -> u32 {
                let _p = Tracker("producer");
                for i in 0..n {
                    let v = leaf("make", i * 10).await;
                    ch.borrow_mut().q.push_back((v, Tracker("item")));
                    step("yield").await;
                }
                ch.borrow_mut().closed = true;
                n
            }
        }
        lower! {
            pub async fn consume(ch: Rc<RefCell<Chan>>) -> Vec<u32> {
                let _c = Tracker("consumer");
                let mut got = Vec::new();
                loop {
                    let next = ch.borrow_mut().q.pop_front();
                    match next {
                        Some((v, t)) => {
                            step("process").await;
                            got.push(v);
                            drop(t);
                        }
                        None if ch.borrow().closed => break,
                        None => step("idle").await,
                    }
                }
                got
            }
        }
    }
    run {
        let ch = Rc::new(RefCell::new(Chan { q: VecDeque::new(), closed: false }));
        pair(produce(ch.clone(), 3), consume(ch))
    }
}

twin! {
    /// A queue with lowered `&mut self` async methods; `while let Some(x) = q.pop().await`.
    p6d_queue_methods {
        pub struct Queue { pub items: VecDeque<String>, pub popped: u32 }
        impl Queue {
            lower! {
                pub async fn push(&mut self, s: &str) {
                    step("push").await;
                    self.items.push_back(s.to_string());
                }
            }
            lower! {
                pub async fn pop(&mut self) -> Option<String> {
                    let item = self.items.pop_front()?;
                    step("pop").await;
                    self.popped += 1;
                    Some(item)
                }
            }
        }
        lower! {
            pub async fn pump() -> (Vec<String>, u32) {
                let mut q = Queue { items: VecDeque::new(), popped: 0 };
                for w in ["a", "bb", "ccc", "skip", "dddd"] {
                    q.push(w).await;
                }
                let mut out = Vec::new();
                while let Some(item) = q.pop().await {
                    let _g = Tracker("item");
                    if item == "skip" {
                        continue;
                    }
                    if item.len() > 3 && item != "late" {
                        q.push("late").await;
                    }
                    out.push(item);
                }
                (out, q.popped)
            }
        }
    }
    run { pump() }
}

// ---------------------------------------------------------------------------------------
// Cancellation with guards in nested scopes
// ---------------------------------------------------------------------------------------

twin! {
    /// Guards in nested blocks, loops and match arms, each with awaits (cancelled at every poll).
    p6d_nested_guards {
        lower! {
            pub async fn nested(n: u32) -> u32 {
                let outer = Tracker("outer");
                let mut acc = 0;
                {
                    let _b1 = Tracker("block1");
                    acc += leaf("a", 1).await;
                    {
                        let _b2 = Tracker("block2");
                        acc += leaf("b", 2).await;
                    }
                    step("c").await;
                }
                for i in 0..n {
                    let _l = Tracker("loop");
                    match leaf("m", i % 3).await {
                        0 => {
                            let _z = Tracker("zero");
                            step("z").await;
                        }
                        1 => {
                            let one = Tracker("one");
                            acc += leaf("o", 10).await;
                            drop(one);
                            step("o2").await;
                        }
                        _ => continue,
                    }
                    acc += 1;
                }
                log(format!("{outer:?}"));
                acc
            }
        }
    }
    run { nested(4) }
}

twin! {
    /// Guards in `if`/`else` branches, `while` with break, and a labeled block.
    p6d_guards_branches_labeled {
        lower! {
            pub async fn branches(flag: bool) -> Vec<&'static str> {
                let mut seen = vec![];
                let t = if flag {
                    let a = Tracker("then");
                    step("t").await;
                    seen.push("then");
                    a
                } else {
                    let b = Tracker("else");
                    step("e").await;
                    seen.push("else");
                    b
                };
                let r = 'blk: {
                    let _inner = Tracker("inner");
                    if leaf("check", flag).await {
                        break 'blk "early";
                    }
                    step("late").await;
                    "late"
                };
                seen.push(r);
                let mut k = 0;
                while k < 5 {
                    let _w = Tracker("while");
                    k += leaf("k", 2).await;
                    if k == 4 {
                        break;
                    }
                }
                seen.push(t.name());
                seen
            }
        }
    }
    run { pair(branches(true), branches(false)) }
}

// ---------------------------------------------------------------------------------------
// Drop structs with fields read
// ---------------------------------------------------------------------------------------

twin! {
    /// A Drop struct whose Copy and String fields are read before and after awaits.
    p6d_drop_struct_fields {
        lower! {
            pub async fn use_conn(id: u32) -> (u32, usize, String) {
                let mut c = Conn::new(id, "db");
                let before = c.id;
                let len_before = c.name.len();
                step("query").await;
                c.sent += leaf("rows", 3).await;
                c.name.push_str("-primary");
                let after = c.id + c.sent;
                step("more").await;
                let name = c.name.clone();
                log(format!("before {before} {len_before} after {after} {name}"));
                c.open = false;
                (after, c.name.len(), name)
            }
        }
    }
    run { use_conn(5) }
}

twin! {
    /// References into a Drop struct's fields held across awaits.
    p6d_drop_struct_field_refs {
        lower! {
            pub async fn refs(c: Conn) -> usize {
                let name: &String = &c.name;
                let id = &c.id;
                step("a").await;
                let n = name.len() + *id as usize;
                step("b").await;
                log(format!("{name} {id}"));
                n + c.sent as usize
            }
        }
    }
    run { refs(Conn::new(2, "cache")) }
}

twin! {
    /// A Drop struct passed by `&mut` to a lowered helper, fields updated there, then
    /// read by the caller after the await; early return keeps it alive to the end.
    p6d_drop_struct_mut_helper {
        lower! {
            pub async fn bump(c: &mut Conn, by: u32) -> Result<u32, String> {
                step("bump").await;
                if c.sent + by > 10 {
                    c.open = false;
                    return Err(format!("{} overflow", c.name));
                }
                c.sent += by;
                Ok(c.sent)
            }
        }
        lower! {
            pub async fn session(start: u32) -> Result<u32, String> {
                let mut c = Conn::new(1, "s");
                c.sent = start;
                let g = Tracker("g");
                let a = bump(&mut c, 4).await?;
                let b = bump(&mut c, 4).await?;
                log(format!("{} {a} {b} {:?}", c.name, g));
                Ok(c.sent)
            }
        }
    }
    run { pair(session(0), session(5)) }
}

twin! {
    /// Conns in a Vec, read by index across awaits, one removed and dropped in the middle.
    p6d_drop_struct_vec {
        lower! {
            pub async fn pool() -> u32 {
                let mut conns = vec![Conn::new(1, "a"), Conn::new(2, "b"), Conn::new(3, "c")];
                let mut sum = 0;
                for c in conns.iter_mut() {
                    c.sent = leaf("s", c.id * 2).await;
                    sum += c.sent;
                }
                let removed = conns.remove(1);
                step("mid").await;
                log(format!("removed {}", removed.name));
                drop(removed);
                step("end").await;
                sum + conns.len() as u32
            }
        }
    }
    run { pool() }
}

// ---------------------------------------------------------------------------------------
// References held across awaits
// ---------------------------------------------------------------------------------------

twin! {
    /// `let first = &v[0]` held across several awaits, then used.
    p6d_ref_first_across {
        lower! {
            pub async fn first_ref(v: Vec<Tracker>) -> String {
                let first = &v[0];
                let last = v.last().unwrap();
                step("a").await;
                let x = leaf("b", 2).await;
                step("c").await;
                format!("{:?} {:?} {}", first, last, x)
            }
        }
    }
    run { first_ref(vec![Tracker("v0"), Tracker("v1"), Tracker("v2")]) }
}

twin! {
    /// `&mut` to a local and to an element held across awaits.
    p6d_mut_ref_across {
        lower! {
            pub async fn mut_refs() -> (Vec<u32>, u32, String) {
                let mut v = vec![1, 2, 3];
                let mut count = 0u32;
                let mut s = String::from("x");
                {
                    let slot = &mut v[1];
                    let c = &mut count;
                    *slot += leaf("a", 10).await;
                    *c += 1;
                    step("b").await;
                    *slot *= 2;
                    *c += 1;
                }
                let sr = &mut s;
                sr.push_str(&leaf("s", "yz".to_string()).await);
                step("c").await;
                sr.push('!');
                (v, count, s)
            }
        }
    }
    run { mut_refs() }
}

twin! {
    /// An async method returning a reference into the holder, awaited, then used after
    /// more awaits.
    p6d_method_returns_ref {
        pub struct Store(pub Holder);
        impl Store {
            lower! {
                pub async fn get(&self, key: &str) -> Option<&String> {
                    step("lookup").await;
                    self.0.map.get(key)
                }
            }
            lower! {
                pub async fn get_or<'a>(&'a self, key: &str, dflt: &'a String) -> &'a String {
                    match self.get(key).await {
                        Some(v) => v,
                        None => dflt,
                    }
                }
            }
        }
        lower! {
            pub async fn lookups() -> (usize, String) {
                let holder = Store(Holder::new());
                let key = String::from("b");
                let r = holder.get(&key).await;
                step("between").await;
                let n = r.map(|s| s.len()).unwrap_or(0);
                let missing = holder.get("zz").await;
                let dflt = String::from("none");
                let got = holder.get_or("zz", &dflt).await;
                let got2 = holder.get_or("c", &dflt).await;
                log(format!("{r:?} {missing:?} {got} {got2}"));
                (n, got2.clone())
            }
        }
    }
    run { lookups() }
}

twin! {
    /// `if let Some(v) = holder.get(&key).await { .. await .. }` and `match` on the same.
    p6d_if_let_ref_from_await {
        pub struct Store(pub Holder);
        impl Store {
            lower! {
                pub async fn find(&self, key: &str) -> Option<&str> {
                    step("find").await;
                    self.0.map.get(key).map(|s| s.as_str())
                }
            }
        }
        lower! {
            pub async fn walk(keys: Vec<&'static str>) -> Vec<String> {
                let h = Store(Holder::new());
                let mut out = Vec::new();
                for k in keys {
                    if let Some(v) = h.find(k).await {
                        let t = Tracker("hit");
                        step("use").await;
                        out.push(format!("{k}={v}"));
                        drop(t);
                    } else {
                        match h.find("a").await {
                            Some(a) if a.len() > 3 => {
                                step("fallback").await;
                                out.push(format!("{k}~{a}"));
                            }
                            _ => out.push("?".into()),
                        }
                    }
                }
                out
            }
        }
    }
    run { walk(vec!["a", "q", "c"]) }
}

twin! {
    /// A struct holding a reference to a local, the struct held across awaits.
    p6d_struct_borrowing_local {
        pub struct View<'a> { pub data: &'a [u32], pub name: &'a str }
        impl<'a> View<'a> {
            pub fn total(&self) -> u32 { self.data.iter().sum() }
        }
        lower! {
            pub async fn view(n: u32) -> u32 {
                let data: Vec<u32> = (1..=n).collect();
                let label = format!("v{n}");
                let _t = Tracker("t");
                let v = View { data: &data[1..], name: &label };
                step("a").await;
                let extra = leaf("b", v.data.len() as u32).await;
                log(format!("{} {}", v.name, v.total()));
                v.total() + extra
            }
        }
    }
    run { view(4) }
}

// ---------------------------------------------------------------------------------------
// Closures and async blocks
// ---------------------------------------------------------------------------------------

twin! {
    /// Locals moved into `move` closures (a String, a Tracker, a Vec) before awaits; the
    /// closures called after them.
    p6d_move_closures {
        lower! {
            pub async fn closures() -> (usize, u32) {
                let name = String::from("hello");
                let t = Tracker("captured");
                let mut hist = vec![1u32];
                let describe = move |x: usize| {
                    log(format!("describe {:?}", t));
                    name.len() + x
                };
                let mut record = move |x: u32| {
                    hist.push(x);
                    hist.iter().sum::<u32>()
                };
                step("a").await;
                let a = describe(leaf("x", 2).await);
                let b = record(leaf("y", 5).await);
                step("b").await;
                let c = record(3);
                drop(describe);
                step("c").await;
                (a, b + c)
            }
        }
    }
    run { closures() }
}

twin! {
    /// Locals moved into `async move` blocks, built before other awaits and awaited later.
    p6d_async_move_blocks {
        lower! {
            pub async fn blocks(flag: bool) -> (usize, u32) {
                let s = String::from("abc");
                let t = Tracker("in-block");
                let v = vec![1u32, 2, 3];
                let fut = async move {
                    step("inner").await;
                    log(format!("{:?}", t));
                    s.len()
                };
                let sum_fut = async move {
                    let mut total = 0;
                    for x in &v {
                        total += leaf("x", *x).await;
                    }
                    total
                };
                step("before").await;
                if flag {
                    let a = fut.await;
                    let b = sum_fut.await;
                    (a, b)
                } else {
                    drop(fut);
                    (0, sum_fut.await)
                }
            }
        }
    }
    run { pair(blocks(true), blocks(false)) }
}

twin! {
    /// A non-move async block borrowing locals, joined with pair against an async move one.
    p6d_async_borrow_pair {
        lower! {
            pub async fn join_borrow() -> (u32, usize, Vec<u32>) {
                let mut acc = vec![0u32];
                let label = String::from("lbl");
                let owned = Tracker("owned");
                let (a, b) = pair(
                    async {
                        acc.push(leaf("p", 4).await);
                        acc.len() as u32
                    },
                    async move {
                        step("q").await;
                        log(format!("{owned:?}"));
                        7usize
                    },
                ).await;
                step("after").await;
                log(format!("{label} {a} {b}"));
                (a, b + label.len(), acc)
            }
        }
    }
    run { join_borrow() }
}

twin! {
    /// Option/Result combinators over locals across awaits (`as_ref`, `take`, `map`,
    /// `and_then`, `ok_or`, `unwrap_or_else`, `?` on Option).
    p6d_option_combinators {
        lower! {
            pub async fn combos(x: Option<u32>) -> Option<(u32, String, usize)> {
                let mut slot = Some(Tracker("slot"));
                let name = leaf("name", Some(String::from("nm"))).await;
                let len = name.as_ref().map(|s| s.len());
                step("a").await;
                let r: Result<u32, String> = x.ok_or_else(|| "missing".to_string());
                let doubled = r.as_ref().map(|v| v * 2).unwrap_or(0);
                let t = slot.take();
                step("b").await;
                log(format!("{:?} {:?} {:?}", t, slot, len));
                let v = r.ok()?;
                let s = name.and_then(|n| if n.len() > 1 { Some(n + "!") } else { None }).unwrap_or_else(|| "none".into());
                let z = leaf("z", v).await;
                Some((doubled + z, s, len.unwrap_or_default()))
            }
        }
    }
    run { pair(combos(Some(3)), combos(None)) }
}

twin! {
    /// Result combinators with `?` on io::Result across awaits.
    p6d_result_combinators {
        lower! {
            pub async fn parse_all(r: &mut MemReader) -> Result<u32, String> {
                let mut buf = vec![0u8; 8];
                let _t = Tracker("parse");
                let n = r.read(&mut buf).await.map_err(|e| e.kind().to_string())?;
                let text = std::str::from_utf8(&buf[..n]).map_err(|e| e.to_string())?;
                step("validate").await;
                let nums: Result<Vec<u32>, _> = text.split(',').map(|p| p.trim().parse::<u32>()).collect();
                let nums = nums.map_err(|e| format!("{text:?}: {e}"))?;
                let extra = leaf("extra", nums.first().copied()).await.unwrap_or(0);
                Ok(nums.iter().sum::<u32>() + extra)
            }
        }
    }
    run {
        pair(
            pair(parse_all(leak(text_src("1,2,3", 8))), parse_all(leak(text_src("4,x", 8)))),
            parse_all(leak(text_src("1,2,3", 8).failing_at(1))),
        )
    }
}

twin! {
    /// A progress callback closure borrowing a local mutably, called between awaits in a
    /// copy loop; the local is read after the closure's last use.
    p6d_copy_progress_closure {
        lower! {
            pub async fn copy_progress(source: &mut MemReader, dest: &mut MemWriter) -> io::Result<(u64, Vec<usize>)> {
                let mut sizes = Vec::new();
                let mut on_chunk = |n: usize| {
                    sizes.push(n);
                    log(format!("progress {n}"));
                };
                let mut buf = vec![0u8; 10];
                let mut total = 0;
                loop {
                    let n = source.read(&mut buf).await?;
                    if n == 0 { break; }
                    dest.write_all(&buf[..n]).await?;
                    on_chunk(n);
                    total += n as u64;
                }
                Ok((total, sizes))
            }
        }
    }
    run { copy_progress(leak(src(25, 10)), leak(dst())) }
}

twin! {
    /// A struct accumulating results from several awaited calls through `&mut` fields and
    /// `entry` API across awaits.
    p6d_accumulate_map {
        lower! {
            pub async fn tally(words: Vec<&'static str>) -> BTreeMap<String, (u32, Vec<usize>)> {
                let mut map: BTreeMap<String, (u32, Vec<usize>)> = BTreeMap::new();
                for (i, w) in words.iter().enumerate() {
                    let e = map.entry(w.to_string()).or_default();
                    e.0 += leaf("count", 1).await;
                    step("idx").await;
                    e.1.push(i);
                }
                if let Some((n, idx)) = map.get_mut("a") {
                    *n += leaf("bonus", 100).await;
                    idx.clear();
                }
                map
            }
        }
    }
    run { tally(vec!["a", "b", "a", "c", "b", "a"]) }
}

twin! {
    /// Early returns from inside nested loops and matches with `?`, guards at each level.
    p6d_early_return_nested {
        lower! {
            pub async fn check(rows: Vec<Vec<i32>>) -> Result<i32, String> {
                let _all = Tracker("all");
                let mut sum = 0;
                'rows: for (r, row) in rows.iter().enumerate() {
                    let _row = Tracker("row");
                    for &x in row {
                        let _cell = Tracker("cell");
                        let v = leaf("cell", x).await;
                        match v {
                            0 => continue 'rows,
                            v if v < 0 => return Err(format!("negative at row {r}")),
                            v => {
                                let checked = i32::checked_mul(v, 1000).ok_or("overflow")?;
                                sum += checked;
                            }
                        }
                    }
                    step("row-done").await;
                }
                Ok(sum)
            }
        }
    }
    run {
        pair(
            check(vec![vec![1, 2], vec![0, 9], vec![3]]),
            pair(check(vec![vec![1], vec![2, -1, 5]]), check(vec![vec![i32::MAX]])),
        )
    }
}

twin! {
    /// A generic awaiter helper taking a future and a Tracker, used on futures borrowing
    /// locals (`timed(name, fut)`).
    p6d_timed_helper {
        lower! {
            pub async fn timed<F: Future>(label: &'static str, fut: F) -> F::Output {
                let g = Tracker(label);
                log(format!("start {label}"));
                let out = fut.await;
                log(format!("end {label}"));
                drop(g);
                out
            }
        }
        lower! {
            pub async fn main_timed() -> (u32, usize) {
                let v = vec![Tracker("e0"), Tracker("e1")];
                let first = &v[0];
                let a = timed("leaf", leaf("a", 3)).await;
                let b = timed("borrowing", async { step("s").await; first.name().len() + v.len() }).await;
                log(format!("{first:?}"));
                (a, b)
            }
        }
    }
    run { main_timed() }
}

twin! {
    /// A state struct with a `&mut self` async method reading a Copy field before an await
    /// and writing it after, called in a loop with an early exit.
    p6d_counter_state {
        pub struct Counter { pub n: u32, pub max: u32, pub g: Tracker, pub log: Vec<u32> }
        impl Counter {
            lower! {
                pub async fn advance(&mut self) -> Option<u32> {
                    let cur = self.n;
                    if cur >= self.max {
                        return None;
                    }
                    let inc = leaf("inc", cur + 1).await;
                    self.n = inc;
                    self.log.push(cur);
                    step("commit").await;
                    Some(self.n)
                }
            }
        }
        lower! {
            pub async fn count_up(max: u32) -> (Vec<u32>, u32) {
                let mut c = Counter { n: 0, max, g: Tracker("counter"), log: vec![] };
                let mut seen = vec![];
                while let Some(v) = c.advance().await {
                    seen.push(v);
                }
                let again = c.advance().await;
                log(format!("again {again:?} {:?}", c.g));
                (seen, c.log.len() as u32)
            }
        }
    }
    run { count_up(3) }
}

twin! {
    /// Shadowing a buffer slice and string across awaits in a parser loop; `let else`.
    p6d_let_else_parser {
        lower! {
            pub async fn kv(r: &mut MemReader) -> Result<Vec<(String, u32)>, String> {
                let mut buf = vec![0u8; 64];
                let n = r.read(&mut buf).await.map_err(|e| e.to_string())?;
                let text = String::from_utf8_lossy(&buf[..n]).into_owned();
                let mut out = vec![];
                for part in text.split(';') {
                    let _g = Tracker("part");
                    let Some((k, v)) = part.split_once('=') else {
                        step("skip").await;
                        continue;
                    };
                    let k = k.trim();
                    let v: u32 = leaf("v", v.trim()).await.parse().map_err(|_| format!("bad {k}"))?;
                    out.push((k.to_string(), v));
                }
                Ok(out)
            }
        }
    }
    run { pair(kv(leak(text_src("a=1;junk;b = 2", 64))), kv(leak(text_src("a=1;b=q;c=3", 64)))) }
}

twin! {
    /// A Drop struct moved into an `async move` block, its fields read inside after awaits;
    /// the block itself awaited after another await.
    p6d_drop_struct_into_async_block {
        lower! {
            pub async fn handoff() -> (u32, String) {
                let mut c = Conn::new(9, "moved");
                c.sent = leaf("pre", 2).await;
                let task = async move {
                    step("task").await;
                    c.sent += 1;
                    (c.sent, c.name.clone())
                };
                step("before-task").await;
                task.await
            }
        }
    }
    run { handoff() }
}

twin! {
    /// Options of guards: `if let Some(ref mut ..)`, `as_mut`, `replace`, `get_or_insert_with`
    /// across awaits.
    p6d_option_guard_slot {
        lower! {
            pub async fn slots(k: u32) -> Vec<String> {
                let mut cur: Option<Conn> = None;
                let mut out = vec![];
                for i in 0..k {
                    let c = cur.get_or_insert_with(|| Conn::new(i, "lazy"));
                    c.sent += leaf("send", 1).await;
                    if let Some(ref mut c) = cur {
                        if c.sent >= 2 {
                            out.push(format!("rotate {}", c.id));
                            let old = cur.replace(Conn::new(100 + i, "fresh"));
                            step("rotate").await;
                            drop(old);
                        }
                    }
                    if let Some(c) = cur.as_mut() {
                        c.name.push('.');
                    }
                }
                out.push(cur.as_ref().map(|c| c.name.clone()).unwrap_or_default());
                out
            }
        }
    }
    run { slots(4) }
}

// ---------------------------------------------------------------------------------------
// Minimal forms
// ---------------------------------------------------------------------------------------

twin! {
    p6d_min_let_else_await_slotted_a {
        lower! {
            pub async fn f(s: &'static str) -> usize {
                let Some((k, v)) = s.split_once('=') else {
                    step("skip").await;
                    return 0;
                };
                let n = leaf("v", v.trim()).await.len();
                n + k.len()
            }
        }
    }
    run { pair(f("ab=cd"), f("x")) }
}

twin! {
    p6d_min_let_else_await_slotted_b {
        lower! {
            pub async fn f(s: String) -> usize {
                let Some(t) = s.get(1..) else {
                    step("skip").await;
                    return 0;
                };
                let r = &t;
                step("a").await;
                r.len()
            }
        }
    }
    run { pair(f("abc".to_string()), f(String::new())) }
}

twin! {
    p6d_min_let_else_await_no_slot {
        lower! {
            pub async fn f(s: &'static str) -> usize {
                let Some((k, v)) = s.split_once('=') else {
                    step("skip").await;
                    return 0;
                };
                step("a").await;
                k.len() + v.len()
            }
        }
    }
    run { pair(f("ab=cd"), f("x")) }
}

twin! {
    p6d_min_result_ok_after_as_ref {
        lower! {
            pub async fn f(x: Option<u32>) -> Option<u32> {
                let r: Result<u32, String> = x.ok_or_else(|| "missing".to_string());
                let d = r.as_ref().map(|v| v * 2).unwrap_or(0);
                step("b").await;
                let v = r.ok()?;
                Some(v + d)
            }
        }
    }
    run { pair(f(Some(3)), f(None)) }
}

twin! {
    p6d_min_result_ok_no_as_ref {
        lower! {
            pub async fn f(x: Option<u32>) -> Option<u32> {
                let r: Result<u32, String> = x.ok_or_else(|| "missing".to_string());
                step("b").await;
                let v = r.ok()?;
                Some(v)
            }
        }
    }
    run { pair(f(Some(3)), f(None)) }
}

twin! {
    p6d_min_option_unwrap_after_as_ref {
        lower! {
            pub async fn f() -> usize {
                let o = Some(Tracker("o"));
                let n = o.as_ref().map(|t| t.0.len()).unwrap_or(0);
                step("b").await;
                let t = o.unwrap();
                step("c").await;
                n + t.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    p6d_scan_consuming_methods {
        lower! {
            pub async fn f() -> usize {
                let a: Result<u32, String> = Ok(1);
                let b: Result<u32, String> = Err("e".into());
                let c: Option<String> = Some("c".into());
                let d: Option<String> = Some("d".into());
                let e: Option<String> = Some("e".into());
                let g: Result<String, String> = Ok("g".into());
                let h: Option<String> = None;
                let i: Vec<String> = vec!["i".into()];
                let j: Option<String> = Some("j".into());
                let k: Result<String, String> = Ok("k".into());
                let ra = a.as_ref().map(|v| *v as usize).unwrap_or(0);
                let rb = b.as_ref().map(|v| *v as usize).unwrap_or(0);
                let rc = c.as_ref().map(|v| v.len()).unwrap_or(0);
                let rd = d.as_ref().map(|v| v.len()).unwrap_or(0);
                let re = e.as_ref().map(|v| v.len()).unwrap_or(0);
                let rg = g.as_ref().map(|v| v.len()).unwrap_or(0);
                let rh = h.as_ref().map(|v| v.len()).unwrap_or(0);
                let ri = i.first().map(|v| v.len()).unwrap_or(0);
                let rj = j.as_ref().map(|v| v.len()).unwrap_or(0);
                let rk = k.as_ref().map(|v| v.len()).unwrap_or(0);
                step("s").await;
                let x1 = a.ok().unwrap_or(0) as usize;
                let x2 = b.err().map(|s| s.len()).unwrap_or(0);
                let x3 = c.map(|s| s.len()).unwrap_or(0);
                let x4 = d.unwrap_or_default().len();
                let x5 = e.expect("e").len();
                let x6 = g.unwrap_or_else(|s| s).len();
                let x7 = h.ok_or(0u8).unwrap_or_default().len();
                let x8 = i.into_iter().count();
                let x9 = j.filter(|s| !s.is_empty()).map(|s| s.len()).unwrap_or(0);
                let x10 = k.map(|s| s.len()).unwrap_or(0);
                ra + rb + rc + rd + re + rg + rh + ri + rj + rk + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------------------------------
// More: locals borrowed across awaits, then moved, returned, consumed
// ---------------------------------------------------------------------------------------

twin! {
    /// Double buffering: `mem::swap` of two buffers between reads, slices of both held.
    p6d_double_buffer {
        lower! {
            pub async fn double(source: &mut MemReader, dest: &mut MemWriter) -> io::Result<(usize, usize)> {
                let mut front = vec![0u8; 6];
                let mut back = vec![0u8; 6];
                let mut nf = source.read(&mut front).await?;
                let mut rounds = 0;
                while nf > 0 {
                    let nb = source.read(&mut back).await?;
                    dest.write_all(&front[..nf]).await?;
                    std::mem::swap(&mut front, &mut back);
                    nf = nb;
                    rounds += 1;
                }
                Ok((rounds, front.len() + back.len()))
            }
        }
    }
    run { double(leak(src(20, 6)), leak(dst())) }
}

twin! {
    /// A local borrowed across an await, then moved into a function, a struct literal, and
    /// returned.
    p6d_borrowed_then_moved {
        #[derive(Debug)]
        pub struct Wrap { pub inner: Vec<Tracker>, pub label: String }
        pub fn consume(v: Vec<Tracker>) -> usize { log("consume"); v.len() }
        lower! {
            pub async fn moves() -> (usize, Wrap) {
                let a = vec![Tracker("a0"), Tracker("a1")];
                let b = vec![Tracker("b0")];
                let label = String::from("lbl");
                let ra = &a[0];
                let rb = &b;
                let rl = &label;
                step("s1").await;
                log(format!("{ra:?} {} {rl}", rb.len()));
                let n = consume(a);
                step("s2").await;
                let w = Wrap { inner: b, label };
                step("s3").await;
                (n, w)
            }
        }
    }
    run { moves() }
}

twin! {
    /// A slotted local consumed by `for` after a borrow across an await.
    p6d_borrowed_then_for {
        lower! {
            pub async fn iterate() -> Vec<String> {
                let names = vec![Tracker("n0"), Tracker("n1"), Tracker("n2")];
                let first = &names[0];
                step("a").await;
                let mut out = vec![first.name().to_string()];
                for t in names {
                    step("item").await;
                    out.push(t.name().to_uppercase());
                }
                step("after").await;
                out
            }
        }
    }
    run { iterate() }
}

twin! {
    /// `&mut` parameter reborrowed into two awaited calls through a `&mut` local.
    p6d_mut_reborrow_chain {
        lower! {
            pub async fn fill(buf: &mut Vec<u8>, n: u8) -> usize {
                for i in 0..n {
                    buf.push(leaf("byte", i).await);
                }
                buf.len()
            }
        }
        lower! {
            pub async fn outer() -> (usize, usize, Vec<u8>) {
                let mut buf = Vec::new();
                let b = &mut buf;
                let x = fill(b, 2).await;
                let y = fill(&mut *b, 3).await;
                b.push(99);
                (x, y, buf)
            }
        }
    }
    run { outer() }
}

twin! {
    /// Futures built in a Vec first, then awaited one by one in a for loop; one dropped
    /// unpolled by `break`.
    p6d_vec_of_futures {
        lower! {
            pub async fn all(n: u32) -> u32 {
                let _g = Tracker("all");
                let futs: Vec<_> = (0..n).map(|i| leaf("f", i * 3)).collect();
                let mut sum = 0;
                for f in futs {
                    let v = f.await;
                    if v > 4 {
                        break;
                    }
                    sum += v;
                }
                sum
            }
        }
    }
    run { all(4) }
}

twin! {
    /// Shadowing a slotted local with a value computed from it and a reference to it.
    p6d_shadow_slotted {
        lower! {
            pub async fn shadow() -> usize {
                let s = String::from("abc");
                let r = &s;
                step("a").await;
                let s = s.len() + r.len();
                step("b").await;
                let t = Tracker("t");
                let rt = &t;
                step("c").await;
                let t = rt.name().len();
                step("d").await;
                s + t
            }
        }
    }
    run { shadow() }
}

twin! {
    /// An async method returning `&mut` into self, awaited and assigned through.
    p6d_method_returns_mut_ref {
        pub struct Slots { pub v: Vec<u32>, pub t: Tracker }
        impl Slots {
            lower! {
                pub async fn slot(&mut self, i: usize) -> &mut u32 {
                    step("locate").await;
                    &mut self.v[i]
                }
            }
        }
        lower! {
            pub async fn update() -> Vec<u32> {
                let mut s = Slots { v: vec![1, 2, 3], t: Tracker("slots") };
                *s.slot(1).await += 10;
                let r = s.slot(2).await;
                *r *= leaf("mul", 5).await;
                let x = s.slot(0).await;
                step("x").await;
                *x = 7;
                s.v.clone()
            }
        }
    }
    run { update() }
}

twin! {
    /// An awaited async block returning a reference into a local.
    p6d_async_block_returns_ref {
        lower! {
            pub async fn refb() -> String {
                let v = vec![String::from("zero"), String::from("one")];
                let r: &String = async { step("inner").await; &v[1] }.await;
                step("outer").await;
                let len = async { r.len() }.await;
                format!("{r} {len}")
            }
        }
    }
    run { refb() }
}

twin! {
    /// `?` converting io::Error into a user error with a From impl; a guard in each scope.
    p6d_question_from_io {
        #[derive(Debug)]
        pub enum AppErr { Io(String), Short(usize) }
        impl From<io::Error> for AppErr {
            fn from(e: io::Error) -> Self { log("convert"); AppErr::Io(e.to_string()) }
        }
        lower! {
            pub async fn load(r: &mut MemReader) -> Result<Vec<u8>, AppErr> {
                let _outer = Tracker("outer");
                let mut out = Vec::new();
                let mut buf = [0u8; 4];
                loop {
                    let _inner = Tracker("inner");
                    let n = r.read(&mut buf).await?;
                    if n == 0 { break; }
                    if n < 4 && out.len() < 8 {
                        return Err(AppErr::Short(n));
                    }
                    out.extend_from_slice(&buf[..n]);
                }
                Ok(out)
            }
        }
    }
    run {
        pair(
            pair(load(leak(src(11, 4))), load(leak(src(6, 4)))),
            load(leak(src(12, 4).failing_at(9))),
        )
    }
}

twin! {
    /// A match on a reference to a slotted enum local, with awaits in the arms using the
    /// bindings.
    p6d_match_ref_enum_local {
        lower! {
            pub async fn describe(k: u32) -> String {
                let st = match k {
                    0 => PState::Idle,
                    1 => PState::Connecting(5),
                    2 => PState::Ready { session: "s".into(), count: 3 },
                    _ => PState::Closed(Tracker("closed")),
                };
                let out = match &st {
                    PState::Idle => leaf("idle", "idle".to_string()).await,
                    PState::Connecting(n) => {
                        step("conn").await;
                        format!("connecting {n}")
                    }
                    PState::Ready { session, count } => {
                        let c = leaf("count", *count).await;
                        format!("{session} {c}")
                    }
                    PState::Closed(t) => {
                        step("closed").await;
                        format!("{t:?}")
                    }
                };
                step("end").await;
                format!("{out} / {st:?}")
            }
        }
    }
    run { pair(pair(describe(0), describe(1)), pair(describe(2), describe(3))) }
}

twin! {
    /// Index loop with an element reference held across an await, `&mut` to another.
    p6d_index_loop_refs {
        lower! {
            pub async fn walk(mut v: Vec<u32>) -> Vec<u32> {
                let mut i = 0;
                while i + 1 < v.len() {
                    let cur = v[i];
                    let next = &mut v[i + 1];
                    step("w").await;
                    *next += cur;
                    i += 1;
                }
                let last = v.last();
                step("end").await;
                log(format!("last {last:?}"));
                v
            }
        }
    }
    run { walk(vec![1, 2, 3, 4]) }
}

twin! {
    /// A tuple of a shared and a mutable reference held across awaits.
    p6d_tuple_of_refs {
        lower! {
            pub async fn tup() -> (u32, String) {
                let x = 5u32;
                let mut y = 1u32;
                let mut s = String::from("s");
                let (a, b) = (&x, &mut y);
                step("a").await;
                *b += *a;
                let (p, q) = (&mut s, b);
                p.push_str(&leaf("t", "tail".to_string()).await);
                *q += 1;
                (y, s)
            }
        }
    }
    run { tup() }
}

twin! {
    /// A guard with a reference held across the await.
    p6d_guard_ref_across {
        lower! {
            pub async fn guards(v: Vec<u32>) -> Vec<&'static str> {
                let first = &v[0];
                let mut out = vec![];
                for i in 0..3u32 {
                    match leaf("n", i + 1).await {
                        n if n > *first => {
                            step("big").await;
                            out.push("big");
                        }
                        n if n == *first => out.push("eq"),
                        _ => {
                            let _t = Tracker("small");
                            step("small").await;
                            out.push("small");
                        }
                    }
                }
                log(format!("{first}"));
                out
            }
        }
    }
    run { guards(vec![2, 9]) }
}

twin! {
    /// `loop` with `break value` from a retry, `Err` returned on the last attempt.
    p6d_retry_break_value {
        lower! {
            pub async fn fetch(fail_times: u32) -> Result<(u32, u32), String> {
                let _conn = Conn::new(1, "retry");
                let mut tries = 0;
                let v = loop {
                    let _t = Tracker("try");
                    let r: Result<u32, String> = if tries < fail_times {
                        step("fail").await;
                        Err(format!("e{tries}"))
                    } else {
                        Ok(leaf("ok", 40).await)
                    };
                    match r {
                        Ok(v) => break v,
                        Err(_) if tries < 3 => {
                            tries += 1;
                            continue;
                        }
                        Err(e) => return Err(e),
                    }
                };
                Ok((v, tries))
            }
        }
    }
    run { pair(fetch(2), fetch(7)) }
}

twin! {
    /// Two readers read alternately into two buffers, bytes compared.
    p6d_two_readers_compare {
        lower! {
            pub async fn same(a: &mut MemReader, b: &mut MemReader) -> io::Result<Option<usize>> {
                let mut ba = [0u8; 5];
                let mut bb = [0u8; 5];
                let mut offset = 0;
                loop {
                    let na = a.read(&mut ba).await?;
                    let nb = b.read(&mut bb[..na.max(1)]).await?;
                    if na == 0 && nb == 0 {
                        return Ok(None);
                    }
                    let sa = &ba[..na];
                    let sb = &bb[..nb];
                    if let Some(p) = sa.iter().zip(sb).position(|(x, y)| x != y) {
                        step("mismatch").await;
                        return Ok(Some(offset + p));
                    }
                    if na != nb {
                        return Ok(Some(offset + na.min(nb)));
                    }
                    offset += na;
                }
            }
        }
    }
    run {
        pair(
            same(leak(src(12, 5)), leak(src(12, 5))),
            same(leak(text_src("hello world", 5)), leak(text_src("hello wOrld", 5))),
        )
    }
}

twin! {
    /// `ok_or(..)?` and `filter`/`map` on Options of Trackers without slots.
    p6d_option_chain_trackers {
        lower! {
            pub async fn chain(k: u32) -> Result<usize, String> {
                let o = leaf("o", if k > 0 { Some(Tracker("o")) } else { None }).await;
                let t = o.ok_or("none".to_string())?;
                step("a").await;
                let m = Some(t).filter(|t| t.0.len() == 1).map(|t| t.0.len());
                step("b").await;
                Ok(m.unwrap_or(0) + k as usize)
            }
        }
    }
    run { pair(chain(1), chain(0)) }
}

twin! {
    /// A struct with Drop created in a match arm and dropped at the arm's end, while an
    /// outer Drop struct's fields are read after each await.
    p6d_drop_structs_in_arms {
        lower! {
            pub async fn arms(k: u32) -> String {
                let mut outer = Conn::new(0, "outer");
                for i in 0..k {
                    match leaf("k", i % 2).await {
                        0 => {
                            let c = Conn::new(i, "even");
                            outer.sent += c.id;
                            step("e").await;
                            outer.name.push('e');
                        }
                        _ => {
                            let c = Conn::new(i, "odd");
                            step("o").await;
                            outer.sent += c.id * 10;
                            drop(c);
                            outer.name.push('o');
                        }
                    }
                }
                format!("{} {}", outer.name, outer.sent)
            }
        }
    }
    run { arms(3) }
}

twin! {
    /// A closure capturing a reference to a local, held across awaits (not called before).
    p6d_closure_ref_capture {
        lower! {
            pub async fn cl() -> usize {
                let data = vec![Tracker("d0"), Tracker("d1")];
                let name = String::from("nm");
                let count = || data.len() + name.len();
                let pick = |i: usize| &data[i];
                step("a").await;
                let n = count();
                let p = pick(1);
                step("b").await;
                log(format!("{p:?}"));
                n
            }
        }
    }
    run { cl() }
}

twin! {
    /// A `while let` over `pop()` of a Vec of Drop structs, break with a live item.
    p6d_stack_of_conns {
        lower! {
            pub async fn stack() -> Vec<u32> {
                let mut st = vec![Conn::new(1, "a"), Conn::new(2, "b"), Conn::new(3, "c"), Conn::new(4, "d")];
                let mut ids = vec![];
                while let Some(mut c) = st.pop() {
                    c.sent = leaf("send", c.id).await;
                    if c.id == 2 {
                        step("stop").await;
                        break;
                    }
                    ids.push(c.id + c.sent);
                }
                ids.push(st.len() as u32);
                ids
            }
        }
    }
    run { stack() }
}

// ---------------------------------------------------------------------------------------
// Batch 3
// ---------------------------------------------------------------------------------------

twin! {
    /// `if let Some(x) = opt.take()` on a local that is borrowed across an earlier await.
    p6d_take_after_borrow {
        lower! {
            pub async fn take() -> usize {
                let mut opt = Some(Tracker("opt"));
                let r = opt.as_ref().map(|t| t.name());
                step("a").await;
                log(format!("{r:?}"));
                let mut n = 0;
                if let Some(t) = opt.take() {
                    step("b").await;
                    n = t.name().len();
                }
                step("c").await;
                n + opt.is_none() as usize
            }
        }
    }
    run { take() }
}

twin! {
    /// An async getter called with a temporary `&format!(..)` key, result held across awaits.
    p6d_get_with_temp_key {
        pub struct Store(pub Holder);
        impl Store {
            lower! {
                pub async fn get(&self, key: &str) -> Option<&String> {
                    step("lookup").await;
                    self.0.map.get(key)
                }
            }
        }
        lower! {
            pub async fn temp_keys() -> Vec<String> {
                let s = Store(Holder::new());
                let mut out = vec![];
                for k in ["a", "x", "c"] {
                    let r = s.get(&format!("{k}")).await;
                    step("hold").await;
                    out.push(r.cloned().unwrap_or_default());
                    match s.get(&k.to_string()).await {
                        Some(v) => out.push(v.to_uppercase()),
                        None => out.push("-".into()),
                    }
                }
                out
            }
        }
    }
    run { temp_keys() }
}

twin! {
    /// Fields of a Drop struct borrowed disjointly (`&mut c.sent`, `&c.name`) across awaits,
    /// `c.name.as_str()` held too.
    p6d_disjoint_field_borrows {
        lower! {
            pub async fn disjoint() -> (u32, String) {
                let mut c = Conn::new(4, "disj");
                let nm = c.name.as_str();
                let (a, b) = (&mut c.sent, &c.id);
                step("a").await;
                *a += *b + nm.len() as u32;
                step("b").await;
                c.open = false;
                let id = c.id;
                let c2 = c;
                step("c").await;
                (id + c2.sent, c2.name.clone())
            }
        }
    }
    run { disjoint() }
}

twin! {
    /// A `&mut self` async method on a Drop struct keeping a reference to its own field
    /// across awaits, then updating other fields.
    p6d_self_field_ref_across {
        pub struct Session { pub name: String, pub hits: Vec<u32>, pub g: Tracker }
        impl Session {
            lower! {
                pub async fn hit(&mut self, n: u32) -> usize {
                    let nm = &self.name;
                    step("a").await;
                    let l = nm.len();
                    self.hits.push(leaf("hit", n).await);
                    let last = self.hits.last().unwrap();
                    step("b").await;
                    l + *last as usize
                }
            }
            lower! {
                pub async fn rename(&mut self, to: &str) -> String {
                    let old = std::mem::replace(&mut self.name, to.to_string());
                    step("rename").await;
                    old
                }
            }
        }
        lower! {
            pub async fn use_session() -> (usize, usize, String, String) {
                let mut s = Session { name: "abc".into(), hits: vec![], g: Tracker("session") };
                let a = s.hit(3).await;
                let b = s.hit(4).await;
                let old = s.rename("xyz").await;
                (a, b, old, s.name.clone())
            }
        }
    }
    run { use_session() }
}

twin! {
    /// Loop variable moved into an `async move` block built in a loop, collected, then
    /// awaited in reverse.
    p6d_async_move_in_loop {
        lower! {
            pub async fn spawnish() -> Vec<String> {
                let mut tasks = Vec::new();
                for i in 0..3u32 {
                    let t = Tracker(["t0", "t1", "t2"][i as usize]);
                    let label = format!("task{i}");
                    tasks.push(async move {
                        step("task").await;
                        log(format!("{t:?}"));
                        label
                    });
                    step("spawned").await;
                }
                let mut out = vec![];
                while let Some(task) = tasks.pop() {
                    out.push(task.await);
                }
                out
            }
        }
    }
    run { spawnish() }
}

twin! {
    /// `pair` of two borrowing async blocks reading one local and writing another.
    p6d_pair_read_write_locals {
        lower! {
            pub async fn rw() -> (usize, Vec<u32>) {
                let src = vec![1u32, 2, 3];
                let mut dst: Vec<u32> = Vec::new();
                let reader = async {
                    let mut n = 0;
                    for x in &src {
                        n += leaf("r", *x as usize).await;
                    }
                    n
                };
                let writer = async {
                    for x in src.iter().rev() {
                        dst.push(leaf("w", x * 10).await);
                    }
                };
                let (n, ()) = pair(reader, writer).await;
                step("done").await;
                (n, dst)
            }
        }
    }
    run { rw() }
}

twin! {
    /// `Option<&mut T>` from `iter_mut().find(..)` held across awaits.
    p6d_find_mut_across {
        lower! {
            pub async fn find() -> Vec<(u32, u32)> {
                let mut items = vec![(1u32, 0u32), (2, 0), (3, 0)];
                for key in [2u32, 5, 1] {
                    let found = items.iter_mut().find(|(k, _)| *k == key);
                    step("search").await;
                    match found {
                        Some((_, v)) => *v += leaf("v", key * 100).await,
                        None => log(format!("missing {key}")),
                    }
                }
                items
            }
        }
    }
    run { find() }
}

twin! {
    /// A parser using `Peekable<Chars>` over a local String, across awaits.
    p6d_char_parser {
        lower! {
            pub async fn parse(input: String) -> Result<Vec<i64>, String> {
                let mut chars = input.chars().peekable();
                let mut out = vec![];
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() {
                        chars.next();
                        continue;
                    }
                    let neg = if c == '-' { chars.next(); true } else { false };
                    let mut n: i64 = 0;
                    let mut any = false;
                    while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                        chars.next();
                        n = n * 10 + d as i64;
                        any = true;
                        step("digit").await;
                    }
                    if !any {
                        return Err(format!("unexpected {:?}", chars.peek()));
                    }
                    out.push(leaf("num", if neg { -n } else { n }).await);
                }
                Ok(out)
            }
        }
    }
    run { pair(parse("12 -3  45".to_string()), parse("1 x".to_string())) }
}

// Known gap: a `move` closure or `async move` block naming a `Copy` field of a local whose type implements `Drop` (precise capture copies the field): the local is taken to be moved into it and drops at the next await.
#[cfg(feature = "known-gaps")]
twin! {
    /// A Drop struct moved into a `move` closure, the closure called after awaits and
    /// then dropped explicitly; another one captured by reference.
    p6d_drop_struct_closures {
        lower! {
            pub async fn cls() -> (u32, usize) {
                let mut a = Conn::new(1, "moved");
                let b = Conn::new(2, "borrowed");
                a.sent = leaf("pre", 3).await;
                let mut bump = move |x: u32| { a.sent += x; a.sent };
                let peek = || b.name.len();
                step("s").await;
                let v = bump(leaf("x", 2).await);
                let w = bump(1);
                step("t").await;
                drop(bump);
                let p = peek();
                step("u").await;
                (v + w, p)
            }
        }
    }
    run { cls() }
}

twin! {
    /// A read loop where the buffer is resized between reads (`resize`, `truncate`),
    /// capacity doubling; `buf.as_mut_slice()` lent to each read.
    p6d_growing_buffer {
        lower! {
            pub async fn read_all(r: &mut MemReader) -> io::Result<Vec<u8>> {
                let mut buf = vec![0u8; 2];
                let mut len = 0;
                loop {
                    if len == buf.len() {
                        buf.resize(buf.len() * 2, 0);
                        log(format!("grow {}", buf.len()));
                    }
                    let n = r.read(&mut buf.as_mut_slice()[len..]).await?;
                    if n == 0 { break; }
                    len += n;
                }
                buf.truncate(len);
                Ok(buf)
            }
        }
    }
    run { pair(read_all(leak(src(13, 4))), read_all(leak(src(13, 4).failing_at(7)))) }
}

twin! {
    /// Result combinators chained on an awaited value: `and_then` with a nested async call
    /// result, `map_err`, `or_else`, `unwrap_or_else` with a closure reading a local.
    p6d_result_chain_awaited {
        lower! {
            pub async fn lookup(k: u32) -> Result<u32, String> {
                step("lookup").await;
                if k % 2 == 0 { Ok(k * 10) } else { Err(format!("odd {k}")) }
            }
        }
        lower! {
            pub async fn chain(k: u32) -> u32 {
                let fallback = Tracker("fallback");
                let a = lookup(k).await.map(|v| v + 1).map_err(|e| e.len());
                let b = lookup(k + 1).await.or_else(|e| if e.len() > 4 { Ok(1) } else { Err(e) });
                step("mid").await;
                let c = a.unwrap_or_else(|n| n as u32 + fallback.name().len() as u32);
                c + b.unwrap_or(0)
            }
        }
    }
    run { pair(chain(2), chain(3)) }
}

twin! {
    /// A "with_resource" helper taking an async closure-like `FnOnce(&mut Conn) -> Fut`
    /// pattern via a boxed future borrowing the conn.
    p6d_with_resource_boxed {
        lower! {
            pub async fn with_conn<T>(name: &str, f: impl FnOnce(&mut Conn) -> Pin<Box<dyn Future<Output = T> + '_>>) -> T {
                let mut c = Conn::new(7, name);
                step("open").await;
                let out = f(&mut c).await;
                step("close").await;
                c.open = false;
                out
            }
        }
    }
    run {
        with_conn("res", |c: &mut Conn| -> Pin<Box<dyn Future<Output = u32> + '_>> {
            Box::pin(async move {
                c.sent += leaf("use", 5).await;
                c.sent
            })
        })
    }
}

twin! {
    p6d_min_fnonce_param_awaited_call {
        lower! {
            pub async fn f(make: impl FnOnce(u32) -> Leaf<u32>) -> u32 {
                make(1).await
            }
        }
    }
    run { let t = Tracker("cap"); f(move |n| { log(format!("{t:?}")); leaf("made", n) }) }
}

twin! {
    p6d_min_fnonce_param_awaited_call_local_arg {
        lower! {
            pub async fn f(make: impl FnOnce(&mut u32) -> Leaf<u32>) -> u32 {
                let mut n = 1;
                make(&mut n).await + n
            }
        }
    }
    run { let t = Tracker("cap"); f(move |n: &mut u32| { *n += 1; log(format!("{t:?}")); leaf("made", *n) }) }
}

twin! {
    p6d_min_fnonce_generic_awaited_call {
        lower! {
            pub async fn f<F: FnOnce() -> Fut, Fut: Future<Output = u32>>(make: F) -> u32 {
                make().await
            }
        }
    }
    run { let t = Tracker("cap"); f(move || { log(format!("{t:?}")); leaf("made", 2) }) }
}

twin! {
    p6d_min_inline_fmt_in_async_move_a {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker("t");
                let fut = async move {
                    log(format!("{t:?}"));
                    1
                };
                step("out").await;
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_inline_fmt_in_async_move_b {
        lower! {
            pub async fn f() -> usize {
                let mut v = Vec::new();
                let t = Tracker("t");
                v.push(async move {
                    log(format!("{t:?}"));
                    1
                });
                step("out").await;
                v.pop().unwrap().await
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_inline_fmt_in_async_move_c {
        lower! {
            pub async fn f() -> usize {
                let mut v = Vec::new();
                let t = Tracker("t");
                let s = String::from("s");
                v.push(async move {
                    log(format!("{t:?}"));
                    s.len()
                });
                step("out").await;
                v.pop().unwrap().await
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_inline_fmt_in_move_closure {
        lower! {
            pub async fn f() -> usize {
                let mut v: Vec<Box<dyn Fn() -> usize>> = Vec::new();
                let t = Tracker("t");
                let s = String::from("s");
                v.push(Box::new(move || {
                    log(format!("{t:?}"));
                    s.len()
                }));
                step("out").await;
                v[0]()
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_move_closure_copy_field_of_drop_struct {
        lower! {
            pub async fn f() -> u32 {
                let a = Conn::new(1, "a");
                let get = move || a.id;
                step("s").await;
                get()
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_inline_fmt_in_async_move_d {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker("t");
                let s = String::from("s");
                let fut = async move {
                    log(format!("{t:?}"));
                    s.len()
                };
                step("out").await;
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_inline_fmt_in_closure_borrow {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker("t");
                let r = &t;
                let show = || log(format!("{t:?}"));
                step("out").await;
                show();
                r.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_inline_fmt_in_async_block_borrow {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker("t");
                let s = String::from("s");
                let fut = async {
                    step("in").await;
                    log(format!("{t:?}"));
                    s.len()
                };
                step("out").await;
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_move_closure_string_field_of_drop_struct {
        lower! {
            pub async fn f() -> usize {
                let a = Conn::new(1, "a");
                let b = Tracker("b");
                let get = move || a.name.len();
                step("s").await;
                let n = get();
                step("t").await;
                log(format!("{b:?}"));
                n
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_async_move_string_field_of_drop_struct {
        lower! {
            pub async fn f() -> usize {
                let a = Conn::new(1, "a");
                let fut = async move { step("in").await; a.name.len() };
                step("s").await;
                let n = fut.await;
                step("t").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_async_move_copy_field_of_drop_struct {
        lower! {
            pub async fn f() -> u32 {
                let a = Conn::new(1, "a");
                let fut = async move { step("in").await; a.id };
                step("s").await;
                let n = fut.await;
                step("t").await;
                n
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------------------------------
// Batch 4
// ---------------------------------------------------------------------------------------

twin! {
    /// A byte-level tokenizer struct with a lifetime, holding `&mut MemReader`, whose async
    /// methods call each other.
    p6d_tokenizer_struct_lifetime {
        pub struct Tok<'a> { pub r: &'a mut MemReader, pub buf: [u8; 4], pub pos: usize, pub len: usize, pub g: Tracker }
        impl<'a> Tok<'a> {
            lower! {
                pub async fn next_byte(&mut self) -> io::Result<Option<u8>> {
                    if self.pos == self.len {
                        self.len = self.r.read(&mut self.buf).await?;
                        self.pos = 0;
                        if self.len == 0 {
                            return Ok(None);
                        }
                    }
                    let b = self.buf[self.pos];
                    self.pos += 1;
                    Ok(Some(b))
                }
            }
            lower! {
                pub async fn next_token(&mut self) -> io::Result<Option<String>> {
                    let mut tok = String::new();
                    while let Some(b) = self.next_byte().await? {
                        if b == b' ' {
                            if tok.is_empty() { continue; }
                            return Ok(Some(tok));
                        }
                        tok.push(b as char);
                    }
                    Ok(if tok.is_empty() { None } else { Some(tok) })
                }
            }
        }
        lower! {
            pub async fn tokens(r: &mut MemReader) -> io::Result<Vec<String>> {
                let mut t = Tok { r, buf: [0; 4], pos: 0, len: 0, g: Tracker("tok") };
                let mut out = vec![];
                while let Some(tok) = t.next_token().await? {
                    out.push(tok);
                }
                Ok(out)
            }
        }
    }
    run {
        pair(
            tokens(leak(text_src("ab  cde f ghijk", 3))),
            tokens(leak(text_src("ab cde fgh", 3).failing_at(5))),
        )
    }
}

twin! {
    /// A trait with an `async fn`, implemented with a lowered method, called generically.
    p6d_trait_async_step {
        pub trait Stage { async fn run(&mut self, input: u32) -> Result<u32, String>; }
        pub struct Add(pub u32, pub Tracker);
        pub struct Check(pub u32);
        impl Stage for Add {
            lower! {
                async fn run(&mut self, input: u32) -> Result<u32, String> {
                    step("add").await;
                    self.0 += 1;
                    Ok(input + self.0)
                }
            }
        }
        impl Stage for Check {
            lower! {
                async fn run(&mut self, input: u32) -> Result<u32, String> {
                    let v = leaf("check", input).await;
                    if v > self.0 { Err(format!("{v} > {}", self.0)) } else { Ok(v) }
                }
            }
        }
        lower! {
            pub async fn pipeline<A: Stage, B: Stage>(a: &mut A, b: &mut B, xs: &[u32]) -> Result<Vec<u32>, String> {
                let mut out = vec![];
                for &x in xs {
                    let _g = Tracker("stage");
                    let y = a.run(x).await?;
                    out.push(b.run(y).await?);
                }
                Ok(out)
            }
        }
    }
    run {
        pair(
            pipeline(leak(Add(0, Tracker("add"))), leak(Check(10)), &[1, 2, 3]),
            pipeline(leak(Add(0, Tracker("add2"))), leak(Check(4)), &[1, 2, 3]),
        )
    }
}

twin! {
    /// `if let` / `match` on `split_once` with slotted bindings and awaits in both branches
    /// (the `let else` failure's neighbours).
    p6d_if_let_match_slotted_bindings {
        lower! {
            pub async fn f(s: &'static str) -> usize {
                let a = if let Some((k, v)) = s.split_once('=') {
                    let r = &k;
                    step("a").await;
                    r.len() + v.len()
                } else {
                    step("b").await;
                    0
                };
                let b = match s.split_once('=') {
                    Some((k, v)) => {
                        let r = &v;
                        step("c").await;
                        r.len() + k.len()
                    }
                    None => {
                        step("d").await;
                        0
                    }
                };
                a + b
            }
        }
    }
    run { pair(f("ab=cde"), f("x")) }
}

twin! {
    /// `let else` on a reference pattern of a slotted local with an await in the else.
    p6d_let_else_ref_pattern {
        lower! {
            pub async fn f(opt: Option<Tracker>) -> usize {
                let Some(t) = &opt else {
                    step("none").await;
                    return 0;
                };
                step("some").await;
                t.0.len()
            }
        }
    }
    run { pair(f(Some(Tracker("t"))), f(None)) }
}

twin! {
    /// `let else` without an await in the else, with slotted bindings.
    p6d_let_else_no_await_slotted {
        lower! {
            pub async fn f(s: &'static str) -> usize {
                let Some((k, v)) = s.split_once('=') else {
                    return 0;
                };
                let r = &k;
                step("a").await;
                r.len() + leaf("v", v).await.len()
            }
        }
    }
    run { pair(f("ab=cde"), f("x")) }
}

twin! {
    /// Futures built by a closure from items (`map(|x| async move {..})`), collected, and
    /// awaited one at a time; a `?` inside the blocks.
    p6d_map_to_async_blocks {
        lower! {
            pub async fn each(xs: Vec<u32>) -> Result<u32, String> {
                let _g = Tracker("each");
                let futs: Vec<_> = xs.into_iter().map(|x| async move {
                    let t = Tracker("job");
                    let v = leaf("job", x).await;
                    if v == 0 { return Err(format!("zero with {t:?}")); }
                    Ok::<u32, String>(v * 2)
                }).collect();
                let mut sum = 0;
                for f in futs {
                    sum += f.await?;
                    step("between").await;
                }
                Ok(sum)
            }
        }
    }
    run { pair(each(vec![1, 2]), each(vec![1, 0, 3])) }
}

twin! {
    /// `mem::take` of a buffer field inside an async `&mut self` method, then restored.
    p6d_take_field_buffer {
        pub struct Flusher { pub pending: Vec<u8>, pub flushed: usize, pub g: Tracker }
        impl Flusher {
            lower! {
                pub async fn flush(&mut self, w: &mut MemWriter) -> io::Result<usize> {
                    let mut buf = std::mem::take(&mut self.pending);
                    let r = w.write_all(&buf).await;
                    if let Err(e) = r {
                        self.pending = buf;
                        return Err(e);
                    }
                    self.flushed += buf.len();
                    buf.clear();
                    self.pending = buf;
                    Ok(self.flushed)
                }
            }
        }
        lower! {
            pub async fn run_flush(w: &mut MemWriter) -> (Vec<String>, usize) {
                let mut f = Flusher { pending: vec![], flushed: 0, g: Tracker("flusher") };
                let mut out = vec![];
                for chunk in [&b"abc"[..], b"defgh", b"ij"] {
                    f.pending.extend_from_slice(chunk);
                    match f.flush(w).await {
                        Ok(n) => out.push(format!("ok {n}")),
                        Err(e) => out.push(format!("err {e} kept {}", f.pending.len())),
                    }
                }
                (out, f.pending.len())
            }
        }
    }
    run { run_flush(leak(dst().failing_after(6))) }
}

twin! {
    /// A labeled outer loop over lines with a slice of the read buffer held across awaits
    /// and `break 'outer` from the inner loop.
    p6d_labeled_slices {
        lower! {
            pub async fn scan(r: &mut MemReader) -> io::Result<(usize, Vec<u8>)> {
                let mut buf = [0u8; 8];
                let mut seen = vec![];
                let mut reads = 0;
                'outer: loop {
                    let n = r.read(&mut buf).await?;
                    reads += 1;
                    if n == 0 { break; }
                    let chunk = &buf[..n];
                    for (i, b) in chunk.iter().enumerate() {
                        let _g = Tracker("byte");
                        if *b == b'!' {
                            step("bang").await;
                            seen.push(chunk[i.saturating_sub(1)]);
                            break 'outer;
                        }
                        if i % 3 == 0 {
                            step("every3").await;
                        }
                    }
                    seen.push(chunk[0]);
                }
                Ok((reads, seen))
            }
        }
    }
    run { pair(scan(leak(text_src("hello world!xyz", 5))), scan(leak(text_src("abc", 2)))) }
}

twin! {
    /// A FnMut parameter called in an awaited expression repeatedly.
    p6d_fnmut_param_awaited {
        lower! {
            pub async fn drive<F, Fut>(mut op: F, n: u32) -> Vec<u32>
            where
                F: FnMut(u32) -> Fut,
                Fut: Future<Output = u32>,
            {
                let mut out = vec![];
                for i in 0..n {
                    out.push(op(i).await);
                }
                out
            }
        }
    }
    run { let mut k = 0; drive(move |i| { k += 1; leaf("op", i * 10 + k) }, 3) }
}

twin! {
    p6d_min_slotted_moved_by_assign_deref {
        lower! {
            pub async fn f(w: &mut MemWriter, dst: &mut Vec<u8>) -> usize {
                let buf = vec![1u8, 2];
                let r = w.write_all(&buf).await;
                log(format!("{r:?}"));
                *dst = buf;
                dst.len()
            }
        }
    }
    run { f(leak(dst()), leak(Vec::new())) }
}

twin! {
    p6d_min_slotted_moved_by_assign_local {
        lower! {
            pub async fn f(w: &mut MemWriter) -> Vec<u8> {
                let buf = vec![1u8, 2];
                let out;
                let r = w.write_all(&buf).await;
                log(format!("{r:?}"));
                out = buf;
                out
            }
        }
    }
    run { f(leak(dst())) }
}

twin! {
    p6d_min_slotted_moved_by_let {
        lower! {
            pub async fn f(w: &mut MemWriter) -> Vec<u8> {
                let buf = vec![1u8, 2];
                let r = w.write_all(&buf).await;
                log(format!("{r:?}"));
                let out = buf;
                out
            }
        }
    }
    run { f(leak(dst())) }
}

twin! {
    p6d_min_slotted_moved_by_field_assign {
        pub struct Hold { pub v: Vec<Tracker> }
        lower! {
            pub async fn f() -> usize {
                let mut h = Hold { v: vec![] };
                let t = vec![Tracker("t")];
                let n = leaf("n", t.len()).await;
                let r = &t;
                step("s").await;
                log(format!("{}", r.len()));
                h.v = t;
                step("after").await;
                h.v.len() + n
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_slotted_moved_by_tail {
        lower! {
            pub async fn f(w: &mut MemWriter) -> Vec<u8> {
                let buf = vec![1u8, 2];
                let r = w.write_all(&buf).await;
                log(format!("{r:?}"));
                buf
            }
        }
    }
    run { f(leak(dst())) }
}

twin! {
    p6d_scan_move_positions {
        lower! {
            pub async fn f(flag: bool) -> usize {
                let a = vec![Tracker("a")];
                let b = vec![Tracker("b")];
                let c = vec![Tracker("c")];
                let d = vec![Tracker("d")];
                let e = vec![Tracker("e")];
                let g = vec![Tracker("g")];
                let h = vec![Tracker("h")];
                let i = vec![Tracker("i")];
                let (ra, rb, rc, rd, re, rg, rh, ri) = (&a, &b, &c, &d, &e, &g, &h, &i);
                step("s").await;
                log(format!("{}", ra.len() + rb.len() + rc.len() + rd.len() + re.len() + rg.len() + rh.len() + ri.len()));
                let mut sink: Vec<Vec<Tracker>> = Vec::new();
                sink.push(a);
                let o = Some(b);
                let t = (c, 1);
                let arr = [d];
                let cl = |v: Vec<Tracker>| v.len();
                let n = cl(e);
                let bx = Box::new(g);
                let r = if flag { h } else { Vec::new() };
                let m = match flag { true => i, false => Vec::new() };
                step("after").await;
                sink.len() + o.map(|v| v.len()).unwrap_or(0) + t.1 + arr.len() + n + bx.len() + r.len() + m.len()
            }
        }
    }
    run { f(true) }
}

twin! {
    p6d_min_slotted_moved_by_match_arm {
        lower! {
            pub async fn f(flag: bool) -> usize {
                let v = vec![Tracker("v")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let m = match flag {
                    true => v,
                    false => Vec::new(),
                };
                step("after").await;
                m.len()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    p6d_min_slotted_moved_by_break_value {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker("v")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let m = loop {
                    break v;
                };
                step("after").await;
                m.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A Copy struct local kept in a slot, "moved" (copied) by `let`, then used again.
    p6d_slotted_copy_used_after_let {
        #[derive(Clone, Copy, Debug)]
        pub struct P { pub x: u32, pub y: u32 }
        lower! {
            pub async fn f() -> u32 {
                let p = P { x: 1, y: 2 };
                let r = &p;
                step("s").await;
                let q = p;
                let o = Some(p);
                step("t").await;
                let z = { p };
                step("u").await;
                p.x + q.y + r.x + o.unwrap().y + z.x
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&mut` local kept in a slot, reborrowed by a typed `let` (not a move), used again.
    p6d_slotted_mut_ref_reborrow_let {
        lower! {
            pub async fn f() -> usize {
                let mut data = vec![1u32];
                let v: &mut Vec<u32> = &mut data;
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let y: &mut Vec<u32> = v;
                y.push(2);
                step("t").await;
                v.push(3);
                let w: &mut Vec<u32> = { v };
                w.push(4);
                step("u").await;
                v.push(5);
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&mut` local kept in a slot, passed to a function expecting `&mut` (implicit
    /// reborrow), used again after an await.
    p6d_slotted_mut_ref_reborrow_call {
        pub fn push_one(v: &mut Vec<u32>) { v.push(1); }
        lower! {
            pub async fn f() -> usize {
                let mut data = vec![];
                let v = &mut data;
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                push_one(v);
                step("t").await;
                push_one(v);
                let o = Some(&mut *v);
                o.unwrap().push(9);
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A Copy field read from a Drop struct while a reference into another field is held
    /// across the await.
    p6d_copy_field_read_with_ref_held {
        lower! {
            pub async fn f() -> usize {
                let c = Conn::new(1, "conn-name");
                let name = &c.name;
                let id = c.id;
                step("s").await;
                log(format!("{name} {id}"));
                name.len() + id as usize
            }
        }
    }
    run { f() }
}

twin! {
    /// As above with a plain struct (no Drop impl) holding a String and a Tracker.
    p6d_copy_field_read_with_ref_held_plain {
        pub struct Rec { pub id: u32, pub name: String, pub t: Tracker }
        lower! {
            pub async fn f() -> usize {
                let c = Rec { id: 3, name: "rec-name".to_string(), t: Tracker("rec") };
                let name = &c.name;
                let id = c.id;
                step("s").await;
                step("t").await;
                log(format!("{name} {id}"));
                name.len() + id as usize
            }
        }
    }
    run { f() }
}

twin! {
    /// A Copy field read while a reference into the same struct is held in a struct.
    p6d_copy_field_read_with_view_held {
        pub struct Rec2 { pub id: u32, pub items: Vec<String> }
        lower! {
            pub async fn f() -> String {
                let c = Rec2 { id: 3, items: vec!["x".to_string(), "yy".to_string()] };
                let first: &String = &c.items[0];
                let last = c.items.last();
                let id = c.id;
                step("s").await;
                let extra = leaf("e", id).await;
                format!("{first} {last:?} {extra}")
            }
        }
    }
    run { f() }
}

// Known gap: a `move` closure or `async move` block capturing one field of a local kept in a frame slot (E0507).
#[cfg(feature = "known-gaps")]
twin! {
    /// A `move` closure capturing one field (precise capture) of a slotted local; the
    /// other fields are used after.
    p6d_move_closure_field_of_slotted {
        pub struct Rec3 { pub id: u32, pub name: String, pub t: Tracker }
        lower! {
            pub async fn f() -> usize {
                let s = Rec3 { id: 3, name: "nm".to_string(), t: Tracker("rec") };
                let r = &s.id;
                step("a").await;
                let c = move || s.name.len();
                step("b").await;
                let n = c();
                log(format!("{:?}", s.t));
                n + s.id as usize + *r as usize
            }
        }
    }
    run { f() }
}

// Known gap: a `move` closure or `async move` block capturing one field of a local kept in a frame slot (E0507).
#[cfg(feature = "known-gaps")]
twin! {
    /// An `async move` block capturing one field of a slotted local; the others used after.
    p6d_async_move_field_of_slotted {
        pub struct Rec4 { pub id: u32, pub name: String, pub t: Tracker }
        lower! {
            pub async fn f() -> usize {
                let s = Rec4 { id: 3, name: "nm".to_string(), t: Tracker("rec") };
                let r = &s.id;
                step("a").await;
                let fut = async move { step("in").await; s.name.len() };
                step("b").await;
                let n = fut.await;
                log(format!("{:?}", s.t));
                n + s.id as usize + *r as usize
            }
        }
    }
    run { f() }
}

// Known gap: a `move` closure or `async move` block capturing one field of a local kept in a frame slot (E0507).
#[cfg(feature = "known-gaps")]
twin! {
    /// A `move` closure capturing a Tracker field of a slotted tuple.
    p6d_move_closure_tuple_field_of_slotted {
        lower! {
            pub async fn f() -> usize {
                let s = (Tracker("zero"), Tracker("one"), 5usize);
                let r = &s.2;
                step("a").await;
                let c = move || s.1.0.len();
                step("b").await;
                let n = c();
                drop(c);
                step("c").await;
                n + *r + s.0.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Slotted locals (borrowed across awaits) per loop iteration with `continue`, `break`,
    /// early return and a panicking leaf, in nested scopes.
    p6d_slotted_in_loops_panics {
        lower! {
            pub async fn f(stop: u32, blow: bool) -> Result<usize, String> {
                let outer = vec![Tracker("outer")];
                let ro = &outer;
                let mut total = 0;
                for i in 0..5u32 {
                    let item = (Tracker(["i0", "i1", "i2", "i3", "i4"][i as usize]), format!("item{i}"));
                    let name = &item.1;
                    step("iter").await;
                    if i % 2 == 1 {
                        let inner = String::from("inner");
                        let ri = &inner;
                        step("odd").await;
                        total += ri.len();
                        continue;
                    }
                    if i == stop {
                        let last = vec![Tracker("last")];
                        let rl = &last;
                        step("stop").await;
                        if blow {
                            total += boom("blow").await as usize;
                        }
                        return Err(format!("{name} {} {}", rl.len(), ro.len()));
                    }
                    total += name.len();
                    if total > 100 {
                        break;
                    }
                }
                step("end").await;
                Ok(total + ro.len())
            }
        }
    }
    run { pair(pair(f(9, false), f(2, false)), f(4, true)) }
}

twin! {
    /// A slotted `&mut` buffer lent to reads in a loop, with a panic (index out of range)
    /// after an await while slices are held.
    p6d_slotted_buffer_panic {
        lower! {
            pub async fn f(r: &mut MemReader, at: usize) -> usize {
                let _g = Tracker("g");
                let mut buf = vec![0u8; 4];
                let mut sum = 0usize;
                loop {
                    let n = r.read(&mut buf).await.unwrap();
                    if n == 0 { break; }
                    let chunk = &buf[..n];
                    step("between").await;
                    sum += chunk[at] as usize;
                }
                sum
            }
        }
    }
    run { pair(f(leak(src(8, 4)), 1), f(leak(src(7, 4)), 3)) }
}

/// A guard whose Drop reads the local it borrows.
pub struct Lock<'a> {
    pub journal: &'a RefCell<Vec<String>>,
    pub name: &'static str,
}

impl Drop for Lock<'_> {
    fn drop(&mut self) {
        self.journal.borrow_mut().push(format!("unlock {}", self.name));
        log(format!("unlock {} ({} entries)", self.name, self.journal.borrow().len()));
    }
}

/// A guard whose Drop reads a borrowed string.
pub struct Reader<'a>(pub &'a str, pub &'a [u8]);

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        log(format!("reader drop {} {:?}", self.0, self.1));
    }
}

twin! {
    /// Guards with Drop impls that read the locals (and parameters) they borrow, alive
    /// across awaits in nested scopes, loops and arms (cancelled at every poll).
    p6d_borrowing_drop_guards {
        lower! {
            pub async fn f(param: String, n: u32) -> usize {
                let journal = RefCell::new(vec![String::from("start")]);
                let _p = Reader(&param, b"p");
                let l1 = Lock { journal: &journal, name: "l1" };
                step("a").await;
                {
                    let _l2 = Lock { journal: &journal, name: "l2" };
                    let text = format!("text{n}");
                    let bytes = vec![1u8, 2, 3];
                    let _r = Reader(&text, &bytes[1..]);
                    step("b").await;
                }
                for i in 0..n {
                    let word = format!("w{i}");
                    let _r = Reader(&word, &[]);
                    match leaf("m", i % 2).await {
                        0 => {
                            let _l = Lock { journal: &journal, name: "even" };
                            step("even").await;
                        }
                        _ => {
                            step("odd").await;
                            continue;
                        }
                    }
                }
                drop(l1);
                step("c").await;
                let count = journal.borrow().len();
                count
            }
        }
    }
    run { f(String::from("param"), 3) }
}

twin! {
    /// A borrowing Drop guard in an async `&mut self` method, borrowing a field and a local.
    p6d_borrowing_drop_guard_method {
        pub struct Db { pub journal: RefCell<Vec<String>>, pub name: String }
        impl Db {
            lower! {
                pub async fn txn(&mut self, ops: &[&'static str]) -> usize {
                    let _outer = Lock { journal: &self.journal, name: "txn" };
                    let scratch = self.name.clone() + "-scratch";
                    let _r = Reader(&scratch, self.name.as_bytes());
                    for op in ops {
                        let _l = Lock { journal: &self.journal, name: op };
                        step("op").await;
                        if *op == "abort" {
                            return 0;
                        }
                    }
                    self.journal.borrow().len()
                }
            }
        }
        lower! {
            pub async fn run_db() -> (usize, usize, Vec<String>) {
                let mut db = Db { journal: RefCell::new(vec![]), name: "db".into() };
                let a = db.txn(&["x", "y"]).await;
                let b = db.txn(&["z", "abort", "w"]).await;
                (a, b, db.journal.into_inner())
            }
        }
    }
    run { run_db() }
}

pub fn g_len(t: &Tracker) -> usize { t.0.len() }
pub fn g_pair(t: &Tracker, n: u32) -> u32 { log(format!("g_pair {:?} {n}", t)); n + t.0.len() as u32 }

twin! {
    /// Temporaries with Drop in a match scrutinee, `if let`, `while let` and call arguments
    /// that live across awaits in the arms / later arguments.
    p6d_scrutinee_temporaries {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let a = match g_len(&Tracker::new("scrut")) {
                    0 => 0,
                    n => {
                        step("arm").await;
                        n as u32
                    }
                };
                let b = if let Some(x) = Some(Tracker::new("iflet")).as_ref().map(|t| t.0.len()) {
                    step("then").await;
                    x as u32
                } else {
                    step("else").await;
                    0
                };
                let c = g_pair(&Tracker::new("arg"), leaf("n", k).await);
                let mut i = 0;
                while let Some(_) = Some(Tracker::new("wl")).filter(|_| i < 2) {
                    step("wl").await;
                    i += 1;
                }
                a + b + c + i
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A RefCell borrow guard as a match scrutinee temporary, alive across an await in the
    /// arm (natively the borrow is held through the whole match).
    p6d_refcell_guard_in_scrutinee {
        lower! {
            pub async fn f() -> (usize, bool) {
                let cell = RefCell::new(vec![1u32, 2, 3]);
                let n = match cell.borrow().len() {
                    0 => 0,
                    n => {
                        step("arm").await;
                        let busy = cell.try_borrow_mut().is_err();
                        log(format!("busy during arm: {busy}"));
                        n
                    }
                };
                step("after").await;
                (n, cell.try_borrow_mut().is_err())
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_match_temp_in_call_arg {
        lower! {
            pub async fn f() -> usize {
                match g_len(&Tracker::new("scrut")) {
                    n => {
                        step("arm").await;
                        n
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_match_wildcard_temp {
        lower! {
            pub async fn f() -> u32 {
                match Tracker::new("scrut") {
                    _ => {
                        step("arm").await;
                        1
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_match_some_wildcard_temp {
        lower! {
            pub async fn f() -> u32 {
                match Some(Tracker::new("scrut")) {
                    Some(_) => {
                        step("arm").await;
                        1
                    }
                    None => 0,
                }
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_while_let_wildcard_temp {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                while let Some(_) = Some(Tracker::new("wl")).filter(|_| i < 2) {
                    step("body").await;
                    i += 1;
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_if_let_wildcard_temp {
        lower! {
            pub async fn f() -> u32 {
                if let Some(_) = Some(Tracker::new("il")) {
                    step("then").await;
                    1
                } else {
                    0
                }
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_match_method_temp_arg {
        lower! {
            pub async fn f() -> usize {
                let v = vec![1, 2];
                match v.get(g_len(&Tracker::new("idx")) - 2) {
                    Some(x) => {
                        step("arm").await;
                        *x
                    }
                    None => 0,
                }
            }
        }
    }
    run { f() }
}

pub fn first_word(s: &str) -> &str { s.split(' ').next().unwrap_or("") }

twin! {
    /// Scrutinee temporaries borrowed by the arm's bindings across an await.
    p6d_scrutinee_temp_borrowed_in_arm {
        lower! {
            pub async fn f(k: u32) -> usize {
                let a = match String::from("hello world").as_str() {
                    s => {
                        step("a").await;
                        s.len()
                    }
                };
                let b = match first_word(&format!("w{k} rest")) {
                    "" => 0,
                    w => {
                        step("b").await;
                        w.len()
                    }
                };
                let c = match &vec![Tracker("v0"), Tracker("v1")][..] {
                    [x, ..] => {
                        step("c").await;
                        x.0.len()
                    }
                    [] => 0,
                };
                a + b + c
            }
        }
    }
    run { f(42) }
}

// ---------------------------------------------------------------------------------------
// Batch 5
// ---------------------------------------------------------------------------------------

twin! {
    /// Two-phase borrows with an await in the argument: `v.push(x(v.len()).await)`.
    p6d_two_phase_with_await {
        lower! {
            pub async fn f() -> (Vec<usize>, BTreeMap<usize, usize>, String) {
                let mut v = vec![0usize];
                v.push(leaf("a", v.len()).await);
                v.push(leaf("b", v.len()).await + v[0]);
                let mut m = BTreeMap::new();
                m.insert(m.len(), leaf("c", m.len() + 10).await);
                m.insert(m.len(), leaf("d", m.len() + 10).await);
                let mut s = String::from("s");
                s.push_str(&leaf("e", format!("{}", s.len())).await);
                (v, m, s)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec<Option<Conn>>` pool: `take()` a conn, use it across awaits, put it back;
    /// early return leaves one taken.
    p6d_pool_take_put_back {
        lower! {
            pub async fn pool(fail_at: u32) -> Result<Vec<u32>, String> {
                let mut slots: Vec<Option<Conn>> = vec![Some(Conn::new(1, "p1")), Some(Conn::new(2, "p2"))];
                let mut used = vec![];
                for round in 0..3u32 {
                    let idx = (round % 2) as usize;
                    let mut c = slots[idx].take().ok_or("empty")?;
                    c.sent += leaf("use", 1).await;
                    if round == fail_at {
                        step("fail").await;
                        return Err(format!("round {round} with {}", c.name));
                    }
                    used.push(c.id * 10 + c.sent);
                    slots[idx] = Some(c);
                    step("put").await;
                }
                Ok(used)
            }
        }
    }
    run { pair(pool(9), pool(1)) }
}

twin! {
    /// A reader adaptor struct that owns a buffer and lends `&self.buf[..]` slices to the
    /// caller through an async method returning `io::Result<&[u8]>`.
    p6d_fill_buf_returns_slice {
        pub struct BufReader2 { pub inner: MemReader, pub buf: Vec<u8>, pub filled: usize, pub pos: usize }
        impl BufReader2 {
            lower! {
                pub async fn fill_buf(&mut self) -> io::Result<&[u8]> {
                    if self.pos >= self.filled {
                        self.filled = self.inner.read(&mut self.buf).await?;
                        self.pos = 0;
                    }
                    Ok(&self.buf[self.pos..self.filled])
                }
            }
            pub fn consume(&mut self, n: usize) { self.pos += n; }
        }
        lower! {
            pub async fn read_words(text: &'static str) -> io::Result<Vec<String>> {
                let mut br = BufReader2 { inner: text_src(text, 5), buf: vec![0; 4], filled: 0, pos: 0 };
                let mut words = vec![];
                let mut cur = String::new();
                loop {
                    let avail = br.fill_buf().await?;
                    if avail.is_empty() { break; }
                    let n = avail.len().min(2);
                    for &b in &avail[..n] {
                        if b == b' ' {
                            words.push(std::mem::take(&mut cur));
                        } else {
                            cur.push(b as char);
                        }
                    }
                    br.consume(n);
                    step("consumed").await;
                }
                if !cur.is_empty() { words.push(cur); }
                Ok(words)
            }
        }
    }
    run { read_words("ab cd efg h") }
}

twin! {
    /// `Option<&mut Conn>` from `as_mut()` / `iter_mut().next()` held across awaits,
    /// `map` on it after.
    p6d_option_mut_ref_across {
        lower! {
            pub async fn f() -> (u32, Option<u32>) {
                let mut a: Option<Conn> = Some(Conn::new(1, "a"));
                let mut list = vec![Conn::new(2, "b")];
                let am = a.as_mut();
                let first = list.iter_mut().next();
                step("s").await;
                let x = am.map(|c| { c.sent += 5; c.sent }).unwrap_or(0);
                let y = first.map(|c| { c.sent += leaf_free(7); c.sent });
                step("t").await;
                (x, y)
            }
        }
        pub fn leaf_free(n: u32) -> u32 { n }
    }
    run { f() }
}

twin! {
    /// Results of several awaited calls combined with `zip`, `and`, `or`, `xor` on Options.
    p6d_option_zip_and_or {
        lower! {
            pub async fn f(k: u32) -> (Option<(u32, String)>, Option<u32>, Option<u32>) {
                let a = leaf("a", if k > 0 { Some(k) } else { None }).await;
                let b = leaf("b", Some(format!("b{k}"))).await;
                let t = Tracker("mid");
                step("mid").await;
                let z = a.zip(b);
                let c = leaf("c", None::<u32>).await;
                let o = c.or(z.as_ref().map(|p| p.0));
                let x = o.xor(Some(99));
                log(format!("{t:?}"));
                (z, o, x)
            }
        }
    }
    run { pair(f(3), f(0)) }
}

pub fn nums_for(t: &Tracker) -> Vec<u32> { (0..t.0.len() as u32).collect() }

twin! {
    /// Temporaries in the iterator expression of a `for` (natively alive through the loop).
    p6d_for_iter_expr_temporaries {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for x in nums_for(&Tracker::new("iter-arg")) {
                    s += leaf("x", x).await;
                }
                for x in Some(Tracker::new("iter-recv")).iter() {
                    step("y").await;
                    s += x.0.len() as u32;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// An inline format argument of a slotted local inside a `move` closure's `write!` and
    /// a non-move closure's `format!` (other macros than `log(format!)`).
    p6d_inline_fmt_closures_macros {
        lower! {
            pub async fn f() -> String {
                use std::fmt::Write;
                let name = String::from("nm");
                let r = &name;
                let id = 7u32;
                let rid = &id;
                step("a").await;
                let mut out = String::new();
                let mut w = |s: &mut String| { write!(s, "{name}-{id}").unwrap(); };
                w(&mut out);
                step("b").await;
                format!("{out} {r} {rid}")
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_for_temp_receiver {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for x in vec![1u32, 2].iter() {
                    step("y").await;
                    s += x;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    p6d_min_for_call_arg_temp {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for x in nums_for(&Tracker::new("iter-arg")) {
                    s += leaf("x", x).await;
                }
                s
            }
        }
    }
    run { f() }
}
