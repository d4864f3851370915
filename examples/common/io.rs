//! Minimal in-memory async I/O for the examples: two traits and two in-memory types.
//!
//! Real runtimes split each trait in two: a `poll_*` method that does the work, and an
//! awaitable method (`read`, `write_all`) that returns a *named* future struct, as tokio's
//! `AsyncReadExt::read` returns `tokio::io::Read<'a, R>`. We do the same, for one reason:
//! a hand-written state machine must store the awaiter in a field, so it needs to name its
//! type. (A proc-macro cannot name it either: that is why the generated code is generic.)
//!
//! `MemReader` answers `Pending` every few calls (after asking to be polled again), so the
//! suspensions are visible; both types write what happens into a shared [`Log`].

use std::cell::RefCell;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

/// A shared, ordered record of side effects, compared between a function and its twin.
pub type Log = Rc<RefCell<Vec<String>>>;

/// A new, empty log.
pub fn new_log() -> Log {
    Rc::new(RefCell::new(Vec::new()))
}

/// Something bytes can be read from, asynchronously.
pub trait AsyncRead {
    /// Reads into `buf`. `Ready(Ok(0))` means end of stream; `Pending` means "not yet,
    /// I have arranged for you to be woken".
    fn poll_read(&mut self, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>>;

    /// `source.read(&mut buffer).await`: reads once, returns how many bytes were read.
    fn read<'a>(&'a mut self, buf: &'a mut [u8]) -> Read<'a, Self>
    where
        Self: Sized,
    {
        Read { reader: self, buf }
    }
}

/// Something bytes can be written to, asynchronously.
pub trait AsyncWrite {
    /// Writes some prefix of `buf` and says how long it was.
    fn poll_write(&mut self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>>;

    /// `destination.write_all(&buffer[..n]).await`: writes every byte of `buf`.
    fn write_all<'a>(&'a mut self, buf: &'a [u8]) -> WriteAll<'a, Self>
    where
        Self: Sized,
    {
        WriteAll { writer: self, buf }
    }
}

/// The future returned by [`AsyncRead::read`]. It only holds two references, so it is
/// `Unpin`: it can be polled through `Pin::new`, no `unsafe` needed.
pub struct Read<'a, R> {
    reader: &'a mut R,
    buf: &'a mut [u8],
}

impl<R: AsyncRead> Future for Read<'_, R> {
    type Output = io::Result<usize>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        this.reader.poll_read(cx, this.buf)
    }
}

/// The future returned by [`AsyncWrite::write_all`]: calls `poll_write` until the whole
/// buffer is written (a short write is not an error, just a reason to loop).
pub struct WriteAll<'a, W> {
    writer: &'a mut W,
    buf: &'a [u8],
}

impl<W: AsyncWrite> Future for WriteAll<'_, W> {
    type Output = io::Result<()>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        while !this.buf.is_empty() {
            match this.writer.poll_write(cx, this.buf) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(n)) => this.buf = &this.buf[n..],
            }
        }
        Poll::Ready(Ok(()))
    }
}

/// Returns `true` on every `every`-th call (never when `every < 2`): the in-memory types
/// use it to answer `Pending` now and then. Before saying `Pending` they wake the task at
/// once, like a socket whose data arrives a moment later.
fn pending_now(calls: &mut usize, every: usize, cx: &mut Context<'_>) -> bool {
    *calls += 1;
    if every >= 2 && *calls % every == 0 {
        cx.waker().wake_by_ref();
        true
    } else {
        false
    }
}

/// An in-memory byte source that hands out at most `chunk` bytes per read.
pub struct MemReader {
    data: Vec<u8>,
    position: usize,
    chunk: usize,
    pending_every: usize,
    calls: usize,
    fail_at: Option<usize>,
    log: Log,
}

impl MemReader {
    /// Reads `data` in pieces of at most `chunk` bytes, answering `Pending` on every
    /// `pending_every`-th call (0: never).
    pub fn new(data: Vec<u8>, chunk: usize, pending_every: usize, log: Log) -> Self {
        MemReader { data, position: 0, chunk, pending_every, calls: 0, fail_at: None, log }
    }

    /// Makes the read that would cross byte `offset` fail with `ConnectionReset`.
    pub fn fail_at(mut self, offset: usize) -> Self {
        self.fail_at = Some(offset);
        self
    }
}

impl AsyncRead for MemReader {
    fn poll_read(&mut self, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        if pending_now(&mut self.calls, self.pending_every, cx) {
            self.log.borrow_mut().push("read: Pending".into());
            return Poll::Pending;
        }
        let n = self.chunk.min(buf.len()).min(self.data.len() - self.position);
        if self.fail_at.is_some_and(|at| self.position + n > at) {
            self.log.borrow_mut().push("read: error".into());
            return Poll::Ready(Err(io::ErrorKind::ConnectionReset.into()));
        }
        buf[..n].copy_from_slice(&self.data[self.position..self.position + n]);
        self.position += n;
        self.log.borrow_mut().push(format!("read {n}"));
        Poll::Ready(Ok(n))
    }
}

/// An in-memory byte sink that accepts at most `chunk` bytes per write.
pub struct MemWriter {
    /// Everything written so far.
    pub data: Vec<u8>,
    chunk: usize,
    pending_every: usize,
    calls: usize,
    log: Log,
}

impl MemWriter {
    /// Accepts at most `chunk` bytes per write, answering `Pending` on every
    /// `pending_every`-th call (0: never).
    pub fn new(chunk: usize, pending_every: usize, log: Log) -> Self {
        MemWriter { data: Vec::new(), chunk, pending_every, calls: 0, log }
    }
}

impl AsyncWrite for MemWriter {
    fn poll_write(&mut self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        if pending_now(&mut self.calls, self.pending_every, cx) {
            self.log.borrow_mut().push("write: Pending".into());
            return Poll::Pending;
        }
        let n = self.chunk.min(buf.len());
        self.data.extend_from_slice(&buf[..n]);
        self.log.borrow_mut().push(format!("write {n}"));
        Poll::Ready(Ok(n))
    }
}
