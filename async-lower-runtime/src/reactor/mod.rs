//! The reactor: readiness events from the OS through `mio` (epoll on Linux).
//!
//! C# counterpart: the I/O completion port behind "There Is No Thread" (Stephen Cleary):
//! while a socket operation is pending, no thread is blocked on it. Here a pending
//! `read` is only a [`Waker`] stored in a slot; when `epoll_wait` (called by the executor
//! when it has nothing to run) reports the socket ready, the waker is woken and the task
//! retries the non-blocking call. One thread serves every socket.
//!
//! Readiness (epoll, mio) and completion (IOCP, io_uring) differ: C# hands the kernel a
//! buffer and is told when it is filled; here we are told when a call would not block, and
//! make the call then.

pub mod net;

use crate::executor::{Core, with_active, with_core};
use core::marker::PhantomData;
use core::task::{Context, Poll, Waker};
use mio::event::Source;
use mio::{Events, Interest, Poll as MioPoll, Token};
use std::cell::RefMut;
use std::io;
use std::time::Duration;

/// Token of the `mio::Waker` that other threads use to interrupt `epoll_wait`.
const WAKER_TOKEN: Token = Token(usize::MAX);

#[derive(Default)]
struct IoSlot {
    reader: Option<Waker>,
    writer: Option<Waker>,
    live: bool,
}

pub(crate) struct Reactor {
    poll: MioPoll,
    events: Events,
    slots: Vec<IoSlot>,
    free: Vec<usize>,
    /// Stored wakers: operations that an event can complete.
    waiting: usize,
}

impl Reactor {
    /// Operations waiting for readiness (the deadlock check's "awaited I/O").
    pub(crate) fn waiting(&self) -> usize {
        self.waiting
    }
}

/// This thread's reactor, created on first use (a learner's program that does no I/O never
/// opens an epoll descriptor).
fn reactor(core: &Core) -> io::Result<RefMut<'_, Reactor>> {
    let mut slot = core.reactor.borrow_mut();
    if slot.is_none() {
        let poll = MioPoll::new()?;
        let waker = mio::Waker::new(poll.registry(), WAKER_TOKEN)?;
        let _ = core.shared.mio_waker.set(waker);
        *slot = Some(Reactor { poll, events: Events::with_capacity(1024), slots: Vec::new(), free: Vec::new(), waiting: 0 });
    }
    Ok(RefMut::map(slot, |r| r.as_mut().expect("just created")))
}

/// Waits for I/O events for at most `timeout` and collects the wakers of the ready
/// operations into the core's wake buffer.
pub(crate) fn turn(core: &Core, timeout: Option<Duration>) {
    let mut guard = core.reactor.borrow_mut();
    let Some(r) = guard.as_mut() else { return };
    let Reactor { poll, events, slots, waiting, .. } = r;
    if let Err(e) = poll.poll(events, timeout) {
        if e.kind() == io::ErrorKind::Interrupted {
            return;
        }
        panic!("async-lower: epoll_wait failed: {e}");
    }
    let mut out = core.wake_buf.borrow_mut();
    for ev in events.iter() {
        if ev.token() == WAKER_TOKEN {
            continue;
        }
        let Some(slot) = slots.get_mut(ev.token().0).filter(|s| s.live) else { continue };
        core.stats.io_events.set(core.stats.io_events.get() + 1);
        if ev.is_readable() || ev.is_read_closed() || ev.is_error() {
            if let Some(w) = slot.reader.take() {
                *waiting -= 1;
                out.push(w);
            }
        }
        if ev.is_writable() || ev.is_write_closed() || ev.is_error() {
            if let Some(w) = slot.writer.take() {
                *waiting -= 1;
                out.push(w);
            }
        }
    }
}

/// Which waker an operation waits with.
#[derive(Clone, Copy)]
pub(crate) enum Direction {
    Read,
    Write,
}

/// A non-blocking OS object registered with this thread's reactor. `!Send`: its readiness
/// is delivered to this thread's executor only.
pub(crate) struct IoSource<S: Source> {
    io: S,
    token: usize,
    _thread: PhantomData<*const ()>,
}

impl<S: Source> IoSource<S> {
    pub(crate) fn new(mut io: S) -> io::Result<Self> {
        let token = with_core(|core| -> io::Result<usize> {
            let mut r = reactor(core)?;
            let token = r.free.pop().unwrap_or_else(|| {
                r.slots.push(IoSlot::default());
                r.slots.len() - 1
            });
            // Registered once for both directions: edge-triggered, so each operation tries
            // the call first and waits only after `WouldBlock`.
            r.poll.registry().register(&mut io, Token(token), Interest::READABLE | Interest::WRITABLE)?;
            r.slots[token].live = true;
            Ok(token)
        })
        .ok_or_else(|| io::Error::other("thread is shutting down"))??;
        Ok(IoSource { io, token, _thread: PhantomData })
    }

    pub(crate) fn get(&self) -> &S {
        &self.io
    }

    /// Runs the non-blocking `op`; on `WouldBlock` stores the waker and returns `Pending`.
    pub(crate) fn poll_op<R>(
        &self,
        cx: &mut Context<'_>,
        dir: Direction,
        mut op: impl FnMut(&S) -> io::Result<R>,
    ) -> Poll<io::Result<R>> {
        loop {
            match op(&self.io) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.wait(cx, dir);
                    return Poll::Pending;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                result => return Poll::Ready(result),
            }
        }
    }

    /// Stores the waker for the next readiness event in `dir`.
    pub(crate) fn wait(&self, cx: &mut Context<'_>, dir: Direction) {
        let stored = with_active(|core| {
            let mut guard = core.reactor.borrow_mut();
            let r = guard.as_mut().expect("registered sources imply a reactor");
            let slot = &mut r.slots[self.token];
            let w = match dir {
                Direction::Read => &mut slot.reader,
                Direction::Write => &mut slot.writer,
            };
            match w {
                Some(w) if w.will_wake(cx.waker()) => {}
                Some(w) => *w = cx.waker().clone(),
                None => {
                    *w = Some(cx.waker().clone());
                    r.waiting += 1;
                }
            }
        });
        if stored.is_none() {
            panic!("async-lower: socket polled outside async_lower's block_on: its readiness is delivered by that executor's loop");
        }
    }
}

impl<S: Source> Drop for IoSource<S> {
    fn drop(&mut self) {
        with_core(|core| {
            let mut guard = core.reactor.borrow_mut();
            let Some(r) = guard.as_mut() else { return };
            let _ = r.poll.registry().deregister(&mut self.io);
            let slot = core::mem::take(&mut r.slots[self.token]);
            r.waiting -= usize::from(slot.reader.is_some()) + usize::from(slot.writer.is_some());
            r.free.push(self.token);
            drop(guard);
            drop(slot); // wakers dropped without a borrow held
        });
    }
}
