//! An in-memory async reader and writer with scripted `Pending` steps and failures: the
//! streams of the treatise's CopyStreamAsync.
//!
//! With no plan they are always ready (benchmarks); `with_pending_fn(draw_pending)` takes
//! the pending counts from the seeded schedule and `with_log(log)` writes each operation to
//! the shared event log (differential tests).

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

/// How many times each operation returns `Pending` before it completes.
#[derive(Clone, Debug, Default)]
pub enum PendingPlan {
    /// Always ready.
    #[default]
    Never,
    /// The counts in turn, cycling.
    Cycle(Vec<u32>),
    /// Drawn from a function (e.g. the seeded schedule).
    Fn(fn() -> u32),
}

impl PendingPlan {
    fn next(&self, op: usize) -> u32 {
        match self {
            PendingPlan::Never => 0,
            PendingPlan::Cycle(v) if v.is_empty() => 0,
            PendingPlan::Cycle(v) => v[op % v.len()],
            PendingPlan::Fn(f) => f(),
        }
    }
}

/// Reads a byte vector, at most `chunk` bytes per `read`.
pub struct MemReader {
    data: Vec<u8>,
    pos: usize,
    chunk: usize,
    plan: PendingPlan,
    ops: usize,
    fail_at: Option<usize>,
    log: Option<fn(String)>,
}

impl MemReader {
    /// A reader over `data` that returns up to the caller's buffer length per read.
    pub fn new(data: Vec<u8>) -> Self {
        MemReader { data, pos: 0, chunk: usize::MAX, plan: PendingPlan::Never, ops: 0, fail_at: None, log: None }
    }
    /// At most `chunk` bytes per read.
    pub fn with_chunk(mut self, chunk: usize) -> Self {
        self.chunk = chunk.max(1);
        self
    }
    /// The pending counts of each read.
    pub fn with_pending(mut self, plan: PendingPlan) -> Self {
        self.plan = plan;
        self
    }
    /// Pending counts drawn from `f` at each read.
    pub fn with_pending_fn(self, f: fn() -> u32) -> Self {
        self.with_pending(PendingPlan::Fn(f))
    }
    /// The first read that would go past `offset` fails (`ErrorKind::UnexpectedEof`); later
    /// reads succeed again.
    pub fn failing_at(mut self, offset: usize) -> Self {
        self.fail_at = Some(offset);
        self
    }
    /// Logs each operation.
    pub fn with_log(mut self, log: fn(String)) -> Self {
        self.log = Some(log);
        self
    }
    /// Bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    /// Reads into `buf`; `Ok(0)` at the end.
    pub fn read<'a>(&'a mut self, buf: &'a mut [u8]) -> impl Future<Output = io::Result<usize>> + 'a {
        let pending = self.plan.next(self.ops);
        self.ops += 1;
        ReadFuture { reader: self, buf, pending }
    }
}

struct ReadFuture<'a> {
    reader: &'a mut MemReader,
    buf: &'a mut [u8],
    pending: u32,
}

impl Future for ReadFuture<'_> {
    type Output = io::Result<usize>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let r = &mut *this.reader;
        if this.pending > 0 {
            this.pending -= 1;
            if let Some(log) = r.log {
                log("read: pending".to_string());
            }
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let n = this.buf.len().min(r.chunk).min(r.data.len() - r.pos);
        if let Some(at) = r.fail_at {
            if r.pos + n > at || (n == 0 && r.pos >= at) {
                r.fail_at = None;
                if let Some(log) = r.log {
                    log(format!("read: error at {}", r.pos));
                }
                return Poll::Ready(Err(io::Error::new(io::ErrorKind::UnexpectedEof, "reader failed")));
            }
        }
        this.buf[..n].copy_from_slice(&r.data[r.pos..r.pos + n]);
        r.pos += n;
        if let Some(log) = r.log {
            log(format!("read: {n} bytes (buffer {})", this.buf.len()));
        }
        Poll::Ready(Ok(n))
    }
}

/// Collects written bytes, at most `chunk` bytes per `write`.
pub struct MemWriter {
    data: Vec<u8>,
    chunk: usize,
    plan: PendingPlan,
    ops: usize,
    fail_after: Option<usize>,
    log: Option<fn(String)>,
}

impl Default for MemWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl MemWriter {
    /// An empty writer.
    pub fn new() -> Self {
        MemWriter { data: Vec::new(), chunk: usize::MAX, plan: PendingPlan::Never, ops: 0, fail_after: None, log: None }
    }
    /// At most `chunk` bytes per `write` (not `write_all`).
    pub fn with_chunk(mut self, chunk: usize) -> Self {
        self.chunk = chunk.max(1);
        self
    }
    /// The pending counts of each operation.
    pub fn with_pending(mut self, plan: PendingPlan) -> Self {
        self.plan = plan;
        self
    }
    /// Pending counts drawn from `f` at each operation.
    pub fn with_pending_fn(self, f: fn() -> u32) -> Self {
        self.with_pending(PendingPlan::Fn(f))
    }
    /// Fails (once) the first write that would take the total past `len` bytes.
    pub fn failing_after(mut self, len: usize) -> Self {
        self.fail_after = Some(len);
        self
    }
    /// Logs each operation.
    pub fn with_log(mut self, log: fn(String)) -> Self {
        self.log = Some(log);
        self
    }
    /// What was written.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// Writes some of `buf` (at most `chunk` bytes) and returns how many.
    pub fn write<'a>(&'a mut self, buf: &'a [u8]) -> impl Future<Output = io::Result<usize>> + 'a {
        let pending = self.plan.next(self.ops);
        self.ops += 1;
        WriteFuture { writer: self, buf, pending, all: false }
    }

    /// Writes all of `buf`.
    pub fn write_all<'a>(&'a mut self, buf: &'a [u8]) -> impl Future<Output = io::Result<()>> + 'a {
        let pending = self.plan.next(self.ops);
        self.ops += 1;
        let inner = WriteFuture { writer: self, buf, pending, all: true };
        WriteAll(inner)
    }
}

struct WriteFuture<'a> {
    writer: &'a mut MemWriter,
    buf: &'a [u8],
    pending: u32,
    all: bool,
}

impl Future for WriteFuture<'_> {
    type Output = io::Result<usize>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let w = &mut *this.writer;
        if this.pending > 0 {
            this.pending -= 1;
            if let Some(log) = w.log {
                log("write: pending".to_string());
            }
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let n = if this.all { this.buf.len() } else { this.buf.len().min(w.chunk) };
        if let Some(limit) = w.fail_after {
            if w.data.len() + n > limit {
                w.fail_after = None;
                if let Some(log) = w.log {
                    log(format!("write: error at {}", w.data.len()));
                }
                return Poll::Ready(Err(io::Error::new(io::ErrorKind::WriteZero, "writer failed")));
            }
        }
        w.data.extend_from_slice(&this.buf[..n]);
        if let Some(log) = w.log {
            let sum = this.buf[..n].iter().fold(0u32, |a, &b| a.wrapping_mul(31).wrapping_add(b as u32));
            log(format!("write: {n} bytes (sum {sum:08x}, total {})", w.data.len()));
        }
        Poll::Ready(Ok(n))
    }
}

struct WriteAll<'a>(WriteFuture<'a>);

impl Future for WriteAll<'_> {
    type Output = io::Result<()>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll(cx).map(|r| r.map(|_| ()))
    }
}

/// A source of bytes (for generic copies).
pub trait AsyncSource {
    /// Reads into `buf`; `Ok(0)` at the end.
    fn read_into<'a>(&'a mut self, buf: &'a mut [u8]) -> impl Future<Output = io::Result<usize>> + Send + 'a;
}

/// A sink of bytes (for generic copies).
pub trait AsyncSink {
    /// Writes some of `buf`, returns how many bytes.
    fn write_some<'a>(&'a mut self, buf: &'a [u8]) -> impl Future<Output = io::Result<usize>> + Send + 'a;
}

impl AsyncSource for MemReader {
    fn read_into<'a>(&'a mut self, buf: &'a mut [u8]) -> impl Future<Output = io::Result<usize>> + Send + 'a {
        self.read(buf)
    }
}

impl AsyncSink for MemWriter {
    fn write_some<'a>(&'a mut self, buf: &'a [u8]) -> impl Future<Output = io::Result<usize>> + Send + 'a {
        self.write(buf)
    }
}

/// `len` bytes of a fixed pseudo-random pattern.
pub fn pattern(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x1234_5678;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}
