//! Lowered vs native, from the same source text: poll time and future size.
//!
//! Run: `cargo bench --bench lowering` (release). Prints three tables:
//! - (a) copy_stream over an in-memory reader/writer (1 MiB in 4 KiB reads, plus an
//!   overhead-dominated 64 KiB in 64 B reads), some reads and writes `Pending` once;
//! - (b) a chain of 40 sequential awaits of small leaf futures, every 5th `Pending` once;
//! - (c) `size_of_val` of the future each twin returns, for many bodies, with the
//!   geometric mean of lowered/native.
//!
//! Every body is written once inside `twin!`, which emits `mod native` (the `async fn` as
//! written) and `mod lowered` (the same tokens under `#[async_lower::lower]`). Before timing,
//! each pair is run once and its output and number of polls compared: a time ratio of two
//! functions that do different work would mean nothing.
//!
//! Timing: std `Instant`, no harness. For each case: a warm-up, then `SAMPLES` samples,
//! native and lowered interleaved (so that noise from a shared machine hits both alike),
//! each sample timing a batch of iterations sized to ~`SAMPLE_TARGET` (short, so that many
//! samples fall between the preemptions of a shared machine); the table shows the
//! median ns per call (build + pin + poll to completion) and the ratio of the medians, then
//! the minimum sample of each twin and their ratio.
//!
//! Instruction counts: `cargo bench --bench lowering -- --count CASE TWIN N` (CASE one of
//! `copy1M`, `copy64K`, `chain40`; TWIN `native` or `lowered`) runs that case N times through
//! its `#[inline(never)] do_<case>_<twin>` function, the one the time loop calls, and exits;
//! `benches/instructions.sh` runs it under `valgrind --tool=callgrind --toggle-collect='*do_*'`
//! and prints instructions per call.

use std::future::Future;
use std::hint::black_box;
use std::io;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------
// The twin macro
// ---------------------------------------------------------------------------------------

/// `twin! { name { items } }`: items copied into `name::native` and `name::lowered`; inside
/// them, `lower! { async fn }` marks a function (free or in an `impl`) that `lowered` puts
/// under `#[async_lower::lower]` and `native` leaves as written.
macro_rules! twin {
    (@dollar ($d:tt) $name:ident { $($items:tt)* }) => {
        #[allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
        pub mod $name {
            pub mod native {
                #[allow(unused_macros)]
                macro_rules! lower { ($d($d item:tt)*) => { $d($d item)* }; }
                #[allow(unused_imports)]
                use crate::support::*;
                $($items)*
            }
            pub mod lowered {
                #[allow(unused_macros)]
                macro_rules! lower { ($d($d item:tt)*) => { #[async_lower::lower] $d($d item)* }; }
                #[allow(unused_imports)]
                use crate::support::*;
                $($items)*
            }
        }
    };
    ($name:ident { $($items:tt)* }) => { twin!(@dollar ($) $name { $($items)* }); };
}

// ---------------------------------------------------------------------------------------
// Support: in-memory streams and leaf futures, shared by both twins
// ---------------------------------------------------------------------------------------

pub mod support {
    use super::*;

    /// Reads from a byte vector, at most `chunk` bytes per read; every `pending_every`-th
    /// read returns `Pending` once (waking its waker) before completing.
    pub struct MemReader {
        pub data: Vec<u8>,
        pub pos: usize,
        pub chunk: usize,
        pub pending_every: usize,
        pub ops: usize,
    }

    impl MemReader {
        pub fn new(data: Vec<u8>, chunk: usize, pending_every: usize) -> Self {
            MemReader { data, pos: 0, chunk, pending_every, ops: 0 }
        }
        pub fn rewind(&mut self) {
            self.pos = 0;
            self.ops = 0;
        }
        pub fn read<'a>(&'a mut self, buf: &'a mut [u8]) -> ReadFuture<'a> {
            self.ops += 1;
            let pending = self.pending_every != 0 && self.ops % self.pending_every == 0;
            ReadFuture { reader: self, buf, pending }
        }
    }

    pub struct ReadFuture<'a> {
        reader: &'a mut MemReader,
        buf: &'a mut [u8],
        pending: bool,
    }

    impl Future for ReadFuture<'_> {
        type Output = io::Result<usize>;
        #[inline]
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
            let this = self.get_mut();
            if this.pending {
                this.pending = false;
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            let r = &mut *this.reader;
            let n = this.buf.len().min(r.chunk).min(r.data.len() - r.pos);
            this.buf[..n].copy_from_slice(&r.data[r.pos..r.pos + n]);
            r.pos += n;
            Poll::Ready(Ok(n))
        }
    }

    /// Appends to a byte vector; every `pending_every`-th write returns `Pending` once.
    pub struct MemWriter {
        pub data: Vec<u8>,
        pub pending_every: usize,
        pub ops: usize,
    }

    impl MemWriter {
        pub fn new(capacity: usize, pending_every: usize) -> Self {
            MemWriter { data: Vec::with_capacity(capacity), pending_every, ops: 0 }
        }
        pub fn rewind(&mut self) {
            self.data.clear();
            self.ops = 0;
        }
        pub fn write_all<'a>(&'a mut self, buf: &'a [u8]) -> WriteFuture<'a> {
            self.ops += 1;
            let pending = self.pending_every != 0 && self.ops % self.pending_every == 0;
            WriteFuture { writer: self, buf, pending }
        }
    }

    pub struct WriteFuture<'a> {
        writer: &'a mut MemWriter,
        buf: &'a [u8],
        pending: bool,
    }

    impl Future for WriteFuture<'_> {
        type Output = io::Result<()>;
        #[inline]
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            let this = self.get_mut();
            if this.pending {
                this.pending = false;
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            this.writer.data.extend_from_slice(this.buf);
            Poll::Ready(Ok(()))
        }
    }

    /// A small leaf future: `Pending` once (waking) if `pending`, then `Ready(value)`.
    pub struct Leaf<T> {
        value: Option<T>,
        pending: bool,
    }

    impl<T> Unpin for Leaf<T> {}

    impl<T> Future for Leaf<T> {
        type Output = T;
        #[inline]
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
            let this = self.get_mut();
            if this.pending {
                this.pending = false;
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            Poll::Ready(this.value.take().expect("leaf polled after completion"))
        }
    }

    /// A leaf that is ready at once.
    #[inline]
    pub fn leaf<T>(value: T) -> Leaf<T> {
        Leaf { value: Some(value), pending: false }
    }

    /// A leaf that is `Pending` once.
    #[inline]
    pub fn slow<T>(value: T) -> Leaf<T> {
        Leaf { value: Some(value), pending: true }
    }

    /// A leaf `Pending` once when `i % 5 == 0` (the chain of 40).
    #[inline]
    pub fn nth(i: u64, seed: u64) -> Leaf<u64> {
        Leaf { value: Some(seed.wrapping_mul(31).wrapping_add(i)), pending: i % 5 == 0 }
    }

    /// An error type for the `?` bodies.
    #[derive(Debug)]
    pub struct AppError(pub String);

    impl From<std::num::ParseIntError> for AppError {
        fn from(e: std::num::ParseIntError) -> Self {
            AppError(e.to_string())
        }
    }

    impl From<io::Error> for AppError {
        fn from(e: io::Error) -> Self {
            AppError(e.to_string())
        }
    }

    /// A value with a destructor, to keep something non-trivial alive across awaits.
    pub struct Guard(pub u64);

    impl Drop for Guard {
        fn drop(&mut self) {
            black_box(self.0);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------------------

twin!(copy {
    lower! {
        /// The treatise's CopyStreamAsync: one 4 KiB buffer lent to every read.
        pub async fn copy_stream(source: &mut MemReader, destination: &mut MemWriter) -> std::io::Result<u64> {
            let mut buffer = vec![0u8; 4096];
            let mut total: u64 = 0;
            loop {
                let read = source.read(&mut buffer).await?;
                if read == 0 {
                    break;
                }
                destination.write_all(&buffer[..read]).await?;
                total += read as u64;
            }
            Ok(total)
        }
    }
});

twin!(chain40 {
    lower! {
        /// 40 sequential awaits of small leaves; every 5th is `Pending` once.
        pub async fn chain40(seed: u64) -> u64 {
            let mut acc = 0u64;
            acc = acc.wrapping_add(nth(0, seed).await);
            acc = acc.wrapping_add(nth(1, seed).await);
            acc = acc.wrapping_add(nth(2, seed).await);
            acc = acc.wrapping_add(nth(3, seed).await);
            acc = acc.wrapping_add(nth(4, seed).await);
            acc = acc.wrapping_add(nth(5, seed).await);
            acc = acc.wrapping_add(nth(6, seed).await);
            acc = acc.wrapping_add(nth(7, seed).await);
            acc = acc.wrapping_add(nth(8, seed).await);
            acc = acc.wrapping_add(nth(9, seed).await);
            acc = acc.wrapping_add(nth(10, seed).await);
            acc = acc.wrapping_add(nth(11, seed).await);
            acc = acc.wrapping_add(nth(12, seed).await);
            acc = acc.wrapping_add(nth(13, seed).await);
            acc = acc.wrapping_add(nth(14, seed).await);
            acc = acc.wrapping_add(nth(15, seed).await);
            acc = acc.wrapping_add(nth(16, seed).await);
            acc = acc.wrapping_add(nth(17, seed).await);
            acc = acc.wrapping_add(nth(18, seed).await);
            acc = acc.wrapping_add(nth(19, seed).await);
            acc = acc.wrapping_add(nth(20, seed).await);
            acc = acc.wrapping_add(nth(21, seed).await);
            acc = acc.wrapping_add(nth(22, seed).await);
            acc = acc.wrapping_add(nth(23, seed).await);
            acc = acc.wrapping_add(nth(24, seed).await);
            acc = acc.wrapping_add(nth(25, seed).await);
            acc = acc.wrapping_add(nth(26, seed).await);
            acc = acc.wrapping_add(nth(27, seed).await);
            acc = acc.wrapping_add(nth(28, seed).await);
            acc = acc.wrapping_add(nth(29, seed).await);
            acc = acc.wrapping_add(nth(30, seed).await);
            acc = acc.wrapping_add(nth(31, seed).await);
            acc = acc.wrapping_add(nth(32, seed).await);
            acc = acc.wrapping_add(nth(33, seed).await);
            acc = acc.wrapping_add(nth(34, seed).await);
            acc = acc.wrapping_add(nth(35, seed).await);
            acc = acc.wrapping_add(nth(36, seed).await);
            acc = acc.wrapping_add(nth(37, seed).await);
            acc = acc.wrapping_add(nth(38, seed).await);
            acc = acc.wrapping_add(nth(39, seed).await);
            acc
        }
    }
});

twin!(self_for {
    pub struct Account {
        pub items: Vec<u64>,
        pub balance: u64,
    }
    impl Account {
        lower! {
            /// A `&self` method with a `for` over a field that awaits in its body.
            pub async fn total(&self) -> u64 {
                let mut sum = 0;
                for x in &self.items {
                    sum += leaf(*x).await;
                }
                sum + self.balance
            }
        }
    }
});

twin!(self_mut {
    pub struct Account {
        pub items: Vec<u64>,
        pub balance: u64,
        pub history: Vec<String>,
    }
    impl Account {
        lower! {
            /// A `&mut self` method updating fields across awaits.
            pub async fn deposit(&mut self, amount: u64) -> u64 {
                self.balance += slow(amount).await;
                self.history.push(format!("deposit {amount}"));
                let n = leaf(self.items.len() as u64).await;
                self.items.push(n);
                leaf(()).await;
                self.balance
            }
        }
    }
});

twin!(self_owned {
    pub struct Closing {
        pub name: String,
        pub balance: u64,
    }
    impl Closing {
        lower! {
            /// `self` by value, consumed at the end.
            pub async fn close(self, fee: u64) -> (u64, String) {
                let left = self.balance - slow(fee).await;
                leaf(()).await;
                (left, self.name)
            }
        }
    }
});

twin!(ref_across {
    lower! {
        /// A reference into a local, held across two awaits.
        pub async fn ref_across(n: u64) -> usize {
            let data = vec![n; 8];
            let r = &data[2..];
            slow(()).await;
            leaf(()).await;
            r.len()
        }
    }
});

twin!(panics {
    lower! {
        /// Awaits, then panics.
        pub async fn panics(n: u64) -> u64 {
            let v = slow(n).await;
            if v > 10 {
                panic!("too big: {v}");
            }
            v
        }
    }
});

twin!(match_arms {
    lower! {
        /// A `match` with awaits in its arms.
        pub async fn match_arms(k: Option<u64>) -> u64 {
            match k {
                Some(0) => 0,
                Some(n) => {
                    let a = slow(n).await;
                    a + leaf(1).await
                }
                None => leaf(7).await,
            }
        }
    }
});

twin!(if_else {
    lower! {
        /// `if`/`else` with an await in each branch, used as a value.
        pub async fn if_else(flag: bool, n: u64) -> u64 {
            let x = if flag { slow(n).await * 2 } else { leaf(n).await + 1 };
            x + 1
        }
    }
});

twin!(loop_break {
    lower! {
        /// A `loop` whose `break` carries a value.
        pub async fn loop_break(limit: u64) -> u64 {
            let mut i = 0;
            let found = loop {
                let v = leaf(i * i).await;
                if v >= limit {
                    break v;
                }
                i += 1;
            };
            found + i
        }
    }
});

twin!(while_cond {
    lower! {
        /// A `while` whose condition awaits.
        pub async fn while_cond(n: u64) -> u64 {
            let mut i = 0;
            while leaf(i).await < n {
                i += 1;
            }
            i
        }
    }
});

twin!(guard_across {
    lower! {
        /// A `std::sync::MutexGuard` alive across an await.
        pub async fn guard_across(m: &std::sync::Mutex<u64>) -> u64 {
            let mut g = m.lock().unwrap();
            *g += slow(1).await;
            leaf(()).await;
            *g
        }
    }
});

twin!(drop_guards {
    lower! {
        /// Values with destructors alive across awaits, in nested scopes.
        pub async fn drop_guards(n: u64) -> u64 {
            let a = Guard(n);
            let total = {
                let b = Guard(n + 1);
                slow(()).await;
                a.0 + b.0
            };
            let c = Guard(total);
            leaf(()).await;
            c.0
        }
    }
});

twin!(try_heavy {
    lower! {
        /// `?` after every await.
        pub async fn try_heavy(a: &str, b: &str) -> Result<u64, AppError> {
            let x: u64 = leaf(a).await.parse()?;
            let y: u64 = slow(b).await.parse()?;
            let z = leaf(Ok::<u64, AppError>(x + y)).await?;
            if z == 0 {
                return Err(AppError("zero".into()));
            }
            Ok(leaf(Ok::<u64, std::io::Error>(z)).await? * 2)
        }
    }
});

twin!(short_circuit {
    lower! {
        /// `&&` and `||` whose right side awaits.
        pub async fn short_circuit(a: bool, b: bool) -> bool {
            let x = a && leaf(b).await;
            let y = x || slow(!b).await;
            y
        }
    }
});

twin!(big_local {
    lower! {
        /// A 256-byte array alive across an await.
        pub async fn big_local(n: u8) -> u64 {
            let buf = [n; 256];
            slow(()).await;
            buf.iter().map(|&b| b as u64).sum()
        }
    }
});

twin!(for_range {
    lower! {
        /// `for` over a range, awaiting in the body, with `continue`.
        pub async fn for_range(n: u64) -> u64 {
            let mut sum = 0;
            for i in 0..n {
                if i % 3 == 0 {
                    continue;
                }
                sum += leaf(i).await;
            }
            sum
        }
    }
});

twin!(labelled {
    lower! {
        /// Nested loops with labelled `break` and `continue`.
        pub async fn labelled(n: u64) -> u64 {
            let mut hits = 0;
            'outer: for i in 0..n {
                let mut j = 0;
                loop {
                    j += 1;
                    let v = leaf(i * j).await;
                    if v > 20 {
                        break 'outer;
                    }
                    if j > i {
                        continue 'outer;
                    }
                    hits += v;
                }
            }
            hits
        }
    }
});

twin!(operands {
    lower! {
        /// Awaits as operands of one expression, evaluated left to right.
        pub async fn operands(a: u64, b: u64) -> u64 {
            let v = vec![a, b];
            leaf(a).await * v.len() as u64 + slow(b).await
        }
    }
});

twin!(async_block {
    lower! {
        /// A nested `async move` block, awaited as a value.
        pub async fn async_block(n: u64) -> u64 {
            let s = String::from("abc");
            let inner = async move { leaf(n).await + 1 };
            inner.await + s.len() as u64
        }
    }
});

twin!(async_block_borrow {
    lower! {
        /// A nested non-`move` `async` block borrowing a parameter, awaited later.
        pub async fn async_block_borrow(n: u64) -> u64 {
            let s = String::from("abc");
            let inner = async { leaf(n).await + 1 };
            inner.await + s.len() as u64
        }
    }
});

twin!(generic {
    lower! {
        /// A generic function with a borrowed argument.
        pub async fn generic<T: Clone + std::fmt::Debug>(x: &T, times: usize) -> Vec<T> {
            let mut out = Vec::new();
            for _ in 0..times {
                out.push(leaf(x.clone()).await);
            }
            out
        }
    }
});

twin!(format_await {
    lower! {
        /// An await inside `format!`.
        pub async fn format_await(n: u64) -> String {
            format!("{} and {}", leaf(n).await, slow(n + 1).await)
        }
    }
});

twin!(early_return {
    lower! {
        /// An early `return` between awaits, with a live `String`.
        pub async fn early_return(n: u64) -> String {
            let s = String::from("start");
            let v = leaf(n).await;
            if v == 0 {
                return s;
            }
            slow(()).await;
            format!("{s}{v}")
        }
    }
});

twin!(for_local_ref {
    lower! {
        /// `for` over a reference to a local (the iterator borrows it across awaits).
        pub async fn for_local_ref(n: u64) -> u64 {
            let v = vec![n, n + 1, n + 2];
            let mut sum = 0;
            for x in &v {
                sum += leaf(*x).await;
            }
            sum
        }
    }
});

twin!(while_let {
    lower! {
        /// `while let` popping a local stack.
        pub async fn while_let(n: u64) -> u64 {
            let mut stack = vec![n, 2, 3];
            let mut sum = 0;
            while let Some(x) = stack.pop() {
                sum += slow(x).await;
            }
            sum
        }
    }
});

twin!(pinned {
    lower! {
        /// `pin!` on a local future, awaited through the pinned reference.
        pub async fn pinned(n: u64) -> u64 {
            let fut = std::pin::pin!(slow(n));
            let a = fut.await;
            leaf(()).await;
            a
        }
    }
});

twin!(borrowed_ret {
    lower! {
        /// Returns one of two borrowed arguments.
        pub async fn borrowed_ret<'a>(a: &'a str, b: &'a str) -> &'a str {
            leaf(()).await;
            if a.len() >= b.len() { a } else { b }
        }
    }
});

twin!(struct_lit {
    pub struct Point {
        pub x: u64,
        pub y: u64,
    }
    lower! {
        /// Awaits in a struct literal and an array literal.
        pub async fn struct_lit(n: u64) -> u64 {
            let p = Point { x: leaf(n).await, y: slow(n + 1).await };
            let arr = [leaf(1).await, p.x, p.y];
            arr.iter().sum()
        }
    }
});

twin!(option_try {
    lower! {
        /// `?` on `Option`.
        pub async fn option_try(o: Option<u64>) -> Option<u64> {
            let a = leaf(o).await?;
            let b = slow(Some(a + 1)).await?;
            Some(a + b)
        }
    }
});

twin!(str_ref_across {
    lower! {
        /// A `&str` into an owned argument, held across two awaits.
        pub async fn str_ref_across(s: String) -> usize {
            let word = s.split(' ').next().unwrap_or("");
            slow(()).await;
            let n = word.len();
            leaf(()).await;
            n + word.len()
        }
    }
});

twin!(mut_slice {
    lower! {
        /// A `&mut` slice of a local array lent to a read.
        pub async fn mut_slice(r: &mut MemReader) -> usize {
            let mut buf = [0u8; 64];
            let slice = &mut buf[..16];
            let n = r.read(slice).await.unwrap();
            slow(()).await;
            n + buf[0] as usize
        }
    }
});

twin!(generic_future {
    lower! {
        /// Awaits two futures of a generic type.
        pub async fn generic_future<F: Future<Output = u64>>(f: F, g: F) -> u64 {
            f.await + g.await
        }
    }
});

twin!(nested_break_value {
    lower! {
        /// `break 'outer value` out of a `while` nested in a `loop`.
        pub async fn nested_break_value(n: u64) -> u64 {
            let mut i = 0;
            let r = 'outer: loop {
                let mut j = 0;
                while j < n {
                    if leaf(i * j).await > 6 {
                        break 'outer i * 100 + j;
                    }
                    j += 1;
                }
                i += 1;
            };
            r
        }
    }
});

twin!(scrutinee_temp {
    lower! {
        /// A `match` whose scrutinee's temporary (a `MutexGuard`) lives across an await in an arm.
        pub async fn scrutinee_temp(m: &std::sync::Mutex<Vec<u64>>) -> u64 {
            match m.lock().unwrap().first() {
                Some(x) => slow(*x).await,
                None => 0,
            }
        }
    }
});

/// A non-`move` `async` block borrowing a parameter, awaited at once in a `let` initializer.
twin!(async_block_in_let {
    lower! {
        pub async fn async_block_in_let(n: u64) -> u64 {
            let d = async { leaf(n).await * 2 }.await;
            d + 1
        }
    }
});

/// A tail that relies on a coercion at the return site (`&String` to `&str`).
twin!(coerced_tail {
    pub struct Cache {
        pub map: std::collections::HashMap<u64, String>,
    }
    impl Cache {
        lower! {
            pub async fn get_or_fetch(&mut self, k: u64) -> &str {
                if !self.map.contains_key(&k) {
                    let v = slow(format!("v{k}")).await;
                    self.map.insert(k, v);
                }
                &self.map[&k]
            }
        }
    }
});

// ---------------------------------------------------------------------------------------
// Driving futures
// ---------------------------------------------------------------------------------------

/// Polls `fut` to completion with a no-op waker; returns the output and the number of polls.
#[inline(always)]
fn run<F: Future>(fut: F) -> (F::Output, u32) {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0;
    loop {
        polls += 1;
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return (v, polls);
        }
    }
}

const SAMPLES: usize = 101;
const SAMPLE_TARGET: Duration = Duration::from_millis(2);
const WARMUP: Duration = Duration::from_millis(300);

/// Median and minimum ns per call of `native` and `lowered`, interleaved sample by sample.
/// (On a loaded machine the minimum is the steadier estimate of the cost itself.)
fn compare(mut native: impl FnMut(), mut lowered: impl FnMut()) -> Timing {
    // Warm-up, and size a batch so one sample takes about SAMPLE_TARGET.
    let mut iters = 0u64;
    let start = Instant::now();
    while start.elapsed() < WARMUP {
        native();
        lowered();
        iters += 1;
    }
    let per_pair = start.elapsed().as_secs_f64() / iters as f64;
    let batch = ((SAMPLE_TARGET.as_secs_f64() / (per_pair / 2.0)) as u64).max(1);
    let time = |f: &mut dyn FnMut()| {
        let t = Instant::now();
        for _ in 0..batch {
            f();
        }
        t.elapsed().as_secs_f64() * 1e9 / batch as f64
    };
    let (mut ns, mut ls) = (Vec::new(), Vec::new());
    for i in 0..SAMPLES {
        // Alternate which twin goes first.
        if i % 2 == 0 {
            ns.push(time(&mut native));
            ls.push(time(&mut lowered));
        } else {
            ls.push(time(&mut lowered));
            ns.push(time(&mut native));
        }
    }
    let (native, lowered) = (median(&mut ns), median(&mut ls));
    // `median` sorted the samples: the first is the minimum.
    Timing { native, lowered, native_min: ns[0], lowered_min: ls[0] }
}

/// What `compare` measured (ns per call).
struct Timing {
    native: f64,
    lowered: f64,
    native_min: f64,
    lowered_min: f64,
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn fmt_ns(ns: f64) -> String {
    if ns >= 1_000.0 { format!("{:.2} µs", ns / 1000.0) } else { format!("{ns:.1} ns") }
}

// ---------------------------------------------------------------------------------------
// One call of each timed case: build the future, pin it, poll it to completion
// ---------------------------------------------------------------------------------------
//
// `#[inline(never)]` so that the time loops and the instruction count (`--count`, run under
// callgrind with `--toggle-collect='*do_*'`) measure the same code, and callgrind can find it
// by name. The copy cases are one function per case (same body) so each has its own name.

/// The signature of the `do_copy*` functions.
type CopyFn = fn(&mut support::MemReader, &mut support::MemWriter) -> u64;

macro_rules! do_copy {
    ($name:ident, $twin:ident) => {
        #[allow(non_snake_case)]
        #[inline(never)]
        fn $name(reader: &mut support::MemReader, writer: &mut support::MemWriter) -> u64 {
            run(copy::$twin::copy_stream(reader, writer)).0.unwrap()
        }
    };
}
do_copy!(do_copy1M_native, native);
do_copy!(do_copy1M_lowered, lowered);
do_copy!(do_copy64K_native, native);
do_copy!(do_copy64K_lowered, lowered);

#[inline(never)]
fn do_chain40_native(seed: u64) -> u64 {
    run(chain40::native::chain40(seed)).0
}

#[inline(never)]
fn do_chain40_lowered(seed: u64) -> u64 {
    run(chain40::lowered::chain40(seed)).0
}

/// `--count CASE TWIN N`: runs one case N times through its `do_` function and exits, for
/// `benches/instructions.sh` (callgrind counts the instructions inside the `do_` functions
/// only; the set-up here is outside them).
fn count_mode(args: &[String]) {
    let usage = "usage: lowering --count copy1M|copy64K|chain40 native|lowered N";
    let [case, twin, n] = args else { panic!("{usage}") };
    let n: u64 = n.parse().expect(usage);
    let lowered = match twin.as_str() {
        "native" => false,
        "lowered" => true,
        _ => panic!("{usage}"),
    };
    let mut check = 0u64;
    match case.as_str() {
        "copy1M" | "copy64K" => {
            let (size, chunk) = if case == "copy1M" { (1usize << 20, 4096) } else { (64 << 10, 64) };
            let data: Vec<u8> = (0..size).map(|i| (i * 7 + 3) as u8).collect();
            let mut reader = support::MemReader::new(data, chunk, 8);
            let mut writer = support::MemWriter::new(size, 16);
            let f: CopyFn = match (case == "copy1M", lowered) {
                (true, false) => do_copy1M_native,
                (true, true) => do_copy1M_lowered,
                (false, false) => do_copy64K_native,
                (false, true) => do_copy64K_lowered,
            };
            for _ in 0..n {
                reader.rewind();
                writer.rewind();
                let out = f(black_box(&mut reader), black_box(&mut writer));
                assert_eq!(out, size as u64);
                check = check.wrapping_add(out);
            }
        }
        "chain40" => {
            let f: fn(u64) -> u64 = if lowered { do_chain40_lowered } else { do_chain40_native };
            for _ in 0..n {
                check = check.wrapping_add(f(black_box(3)));
            }
        }
        _ => panic!("{usage}"),
    }
    println!("{case} {twin} x{n}: checksum {check}");
}

// ---------------------------------------------------------------------------------------
// (a), (b): time
// ---------------------------------------------------------------------------------------

struct TimeRow {
    name: String,
    polls: u32,
    t: Timing,
}

fn bench_copy(name: &str, size: usize, chunk: usize, rows: &mut Vec<TimeRow>) {
    let data: Vec<u8> = (0..size).map(|i| (i * 7 + 3) as u8).collect();
    // Every 8th read and every 16th write is `Pending` once.
    let mut reader = support::MemReader::new(data.clone(), chunk, 8);
    let mut writer = support::MemWriter::new(size, 16);

    // Same work: same output, same bytes written, same number of polls.
    reader.rewind();
    writer.rewind();
    let (n_out, n_polls) = run(copy::native::copy_stream(&mut reader, &mut writer));
    assert_eq!(writer.data, data);
    reader.rewind();
    writer.rewind();
    let (l_out, l_polls) = run(copy::lowered::copy_stream(&mut reader, &mut writer));
    assert_eq!(writer.data, data);
    assert_eq!(n_out.unwrap(), size as u64);
    assert_eq!(l_out.unwrap(), size as u64);
    assert_eq!(n_polls, l_polls, "{name}: the twins poll a different number of times");

    let mut r2 = support::MemReader::new(data, chunk, 8);
    let mut w2 = support::MemWriter::new(size, 16);
    // The same `#[inline(never)]` functions that `--count` runs under callgrind.
    let (do_native, do_lowered): (CopyFn, CopyFn) =
        if chunk == 4096 { (do_copy1M_native, do_copy1M_lowered) } else { (do_copy64K_native, do_copy64K_lowered) };
    let t = compare(
        || {
            reader.rewind();
            writer.rewind();
            black_box(do_native(black_box(&mut reader), black_box(&mut writer)));
        },
        || {
            r2.rewind();
            w2.rewind();
            black_box(do_lowered(black_box(&mut r2), black_box(&mut w2)));
        },
    );
    rows.push(TimeRow { name: name.to_string(), polls: n_polls, t });
}

fn bench_chain(rows: &mut Vec<TimeRow>) {
    let (n, np) = run(chain40::native::chain40(3));
    let (l, lp) = run(chain40::lowered::chain40(3));
    assert_eq!(n, l);
    assert_eq!(np, lp, "chain40: the twins poll a different number of times");
    let t = compare(
        || {
            black_box(do_chain40_native(black_box(3)));
        },
        || {
            black_box(do_chain40_lowered(black_box(3)));
        },
    );
    rows.push(TimeRow { name: "chain of 40 awaits (8 Pending once)".into(), polls: np, t });
}

// ---------------------------------------------------------------------------------------
// (c): size
// ---------------------------------------------------------------------------------------

/// `size_of_val` of the future `$call` returns in each twin of module `$m`.
macro_rules! sizes {
    ($rows:ident, $m:ident, |$p:ident| $call:expr) => {{
        let n = {
            use $m::native as $p;
            let f = $call;
            std::mem::size_of_val(&f)
        };
        let l = {
            use $m::lowered as $p;
            let f = $call;
            std::mem::size_of_val(&f)
        };
        $rows.push((stringify!($m), n, l));
    }};
}

fn size_rows() -> Vec<(&'static str, usize, usize)> {
    let mut rows = Vec::new();
    let mut reader = support::MemReader::new(Vec::new(), 1, 0);
    let mut writer = support::MemWriter::new(0, 0);
    sizes!(rows, copy, |m| m::copy_stream(&mut reader, &mut writer));
    sizes!(rows, chain40, |m| m::chain40(1));
    let acc = self_for::native::Account { items: vec![1, 2], balance: 3 };
    let acc_l = self_for::lowered::Account { items: vec![1, 2], balance: 3 };
    rows.push(("self_for", std::mem::size_of_val(&acc.total()), std::mem::size_of_val(&acc_l.total())));
    let mut acc = self_mut::native::Account { items: vec![], balance: 0, history: vec![] };
    let mut acc_l = self_mut::lowered::Account { items: vec![], balance: 0, history: vec![] };
    rows.push(("self_mut", std::mem::size_of_val(&acc.deposit(1)), std::mem::size_of_val(&acc_l.deposit(1))));
    let c = self_owned::native::Closing { name: String::new(), balance: 9 };
    let c_l = self_owned::lowered::Closing { name: String::new(), balance: 9 };
    rows.push(("self_owned", std::mem::size_of_val(&c.close(1)), std::mem::size_of_val(&c_l.close(1))));
    sizes!(rows, ref_across, |m| m::ref_across(1));
    sizes!(rows, async_block_borrow, |m| m::async_block_borrow(1));
    sizes!(rows, panics, |m| m::panics(1));
    sizes!(rows, match_arms, |m| m::match_arms(Some(1)));
    sizes!(rows, if_else, |m| m::if_else(true, 1));
    sizes!(rows, loop_break, |m| m::loop_break(10));
    sizes!(rows, while_cond, |m| m::while_cond(3));
    let mutex = std::sync::Mutex::new(0);
    sizes!(rows, guard_across, |m| m::guard_across(&mutex));
    sizes!(rows, drop_guards, |m| m::drop_guards(1));
    sizes!(rows, try_heavy, |m| m::try_heavy("1", "2"));
    sizes!(rows, short_circuit, |m| m::short_circuit(true, false));
    sizes!(rows, big_local, |m| m::big_local(1));
    sizes!(rows, for_range, |m| m::for_range(5));
    sizes!(rows, labelled, |m| m::labelled(5));
    sizes!(rows, operands, |m| m::operands(1, 2));
    sizes!(rows, async_block, |m| m::async_block(1));
    sizes!(rows, generic, |m| m::generic(&7u32, 2));
    sizes!(rows, format_await, |m| m::format_await(1));
    sizes!(rows, early_return, |m| m::early_return(1));
    sizes!(rows, for_local_ref, |m| m::for_local_ref(1));
    sizes!(rows, while_let, |m| m::while_let(1));
    sizes!(rows, pinned, |m| m::pinned(1));
    sizes!(rows, borrowed_ret, |m| m::borrowed_ret("ab", "abc"));
    sizes!(rows, struct_lit, |m| m::struct_lit(1));
    sizes!(rows, option_try, |m| m::option_try(Some(1)));
    sizes!(rows, str_ref_across, |m| m::str_ref_across(String::from("a b")));
    let mut mem = support::MemReader::new(vec![9; 100], 64, 0);
    sizes!(rows, mut_slice, |m| m::mut_slice(&mut mem));
    sizes!(rows, generic_future, |m| m::generic_future(support::leaf(1), support::slow(2)));
    sizes!(rows, nested_break_value, |m| m::nested_break_value(4));
    let guarded = std::sync::Mutex::new(vec![3u64]);
    sizes!(rows, scrutinee_temp, |m| m::scrutinee_temp(&guarded));
    sizes!(rows, async_block_in_let, |m| m::async_block_in_let(3));
    rows
}

/// Checks that each sized pair also computes the same thing (so the sizes compare twins).
fn check_size_bodies() {
    macro_rules! same {
        ($m:ident, |$p:ident| $call:expr) => {{
            let n = {
                use $m::native as $p;
                run($call)
            };
            let l = {
                use $m::lowered as $p;
                run($call)
            };
            assert_eq!(format!("{:?}", n), format!("{:?}", l), "{}", stringify!($m));
        }};
    }
    same!(ref_across, |m| m::ref_across(1));
    same!(async_block_borrow, |m| m::async_block_borrow(1));
    same!(match_arms, |m| m::match_arms(Some(1)));
    same!(match_arms, |m| m::match_arms(None));
    same!(if_else, |m| m::if_else(true, 1));
    same!(if_else, |m| m::if_else(false, 1));
    same!(loop_break, |m| m::loop_break(10));
    same!(while_cond, |m| m::while_cond(3));
    same!(drop_guards, |m| m::drop_guards(1));
    same!(try_heavy, |m| m::try_heavy("1", "2"));
    same!(try_heavy, |m| m::try_heavy("x", "2"));
    same!(short_circuit, |m| m::short_circuit(true, false));
    same!(big_local, |m| m::big_local(1));
    same!(for_range, |m| m::for_range(5));
    same!(labelled, |m| m::labelled(5));
    same!(operands, |m| m::operands(1, 2));
    same!(async_block, |m| m::async_block(1));
    same!(generic, |m| m::generic(&7u32, 2));
    same!(format_await, |m| m::format_await(1));
    same!(early_return, |m| m::early_return(0));
    same!(early_return, |m| m::early_return(1));
    same!(panics, |m| m::panics(3));
    same!(chain40, |m| m::chain40(3));
    same!(copy, |m| {
        let data: Vec<u8> = (0..10_000u32).map(|i| i as u8).collect();
        let mut writer = support::MemWriter::new(0, 3);
        let (n, polls) = run(m::copy_stream(&mut support::MemReader::new(data.clone(), 100, 2), &mut writer));
        assert_eq!(writer.data, data);
        let n = n.unwrap();
        async move { (n, polls) }
    });
    same!(for_local_ref, |m| m::for_local_ref(3));
    same!(while_let, |m| m::while_let(3));
    same!(pinned, |m| m::pinned(3));
    same!(borrowed_ret, |m| m::borrowed_ret("ab", "abc"));
    same!(struct_lit, |m| m::struct_lit(3));
    same!(option_try, |m| m::option_try(Some(3)));
    same!(option_try, |m| m::option_try(None));
    same!(str_ref_across, |m| m::str_ref_across(String::from("hello world")));
    same!(mut_slice, |m| m::mut_slice(&mut support::MemReader::new(vec![9; 100], 64, 1)));
    same!(generic_future, |m| m::generic_future(support::leaf(1), support::slow(2)));
    same!(nested_break_value, |m| m::nested_break_value(4));
    same!(scrutinee_temp, |m| m::scrutinee_temp(&std::sync::Mutex::new(vec![3u64])));
    same!(scrutinee_temp, |m| m::scrutinee_temp(&std::sync::Mutex::new(vec![])));
    same!(guard_across, |m| m::guard_across(&std::sync::Mutex::new(0)));
}

fn main() {
    // `--count CASE TWIN N`: the instruction-count mode (see `count_mode`).
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--count") {
        let rest: Vec<String> = args[i + 1..].iter().filter(|a| *a != "--bench").take(3).cloned().collect();
        count_mode(&rest);
        return;
    }
    // `cargo bench` passes `--bench`. Without it (`cargo test --benches`, `--all-targets`,
    // often a debug build) only check that the twins agree: timings would mean nothing.
    check_size_bodies();
    if !std::env::args().any(|a| a == "--bench") {
        println!("lowering: twins agree (run `cargo bench --bench lowering` for the tables)");
        return;
    }

    let mut rows = Vec::new();
    bench_copy("copy_stream 1 MiB, 4 KiB reads", 1 << 20, 4096, &mut rows);
    bench_copy("copy_stream 64 KiB, 64 B reads", 64 << 10, 64, &mut rows);
    bench_chain(&mut rows);

    println!("#### Time: build + poll to completion, median of {SAMPLES} samples (ns per call)");
    println!();
    println!("| case | polls | native | lowered | lowered/native | native min | lowered min | ratio of mins |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        let t = &r.t;
        println!(
            "| {} | {} | {} | {} | {:.3} | {} | {} | {:.3} |",
            r.name,
            r.polls,
            fmt_ns(t.native),
            fmt_ns(t.lowered),
            t.lowered / t.native,
            fmt_ns(t.native_min),
            fmt_ns(t.lowered_min),
            t.lowered_min / t.native_min
        );
    }
    println!();

    let sizes = size_rows();
    println!("#### Size: `size_of_val` of the returned future (bytes)");
    println!();
    println!("| body | native | lowered | lowered/native |");
    println!("|---|---:|---:|---:|");
    let mut log_sum = 0.0;
    for (name, n, l) in &sizes {
        let ratio = *l as f64 / *n as f64;
        log_sum += ratio.ln();
        println!("| {name} | {n} | {l} | {ratio:.3} |");
    }
    let geomean = (log_sum / sizes.len() as f64).exp();
    println!("| **geometric mean** ({} bodies) | | | **{geomean:.3}** |", sizes.len());
    println!();
    println!("Goals: size geomean <= 1.00, time ratio <= 1.05.");
}
