//! Non-blocking TCP on the reactor: [`TcpListener`] and [`TcpStream`].
//!
//! C# counterparts: `Socket.AcceptAsync`, `NetworkStream.ReadAsync` / `WriteAsync`. Each
//! `async` method here tries the system call at once and, if it would block, parks a waker
//! in the reactor: no thread waits for the bytes.

use super::{Direction, IoSource};
use core::future::poll_fn;
use std::io::{self, Read, Write};
use std::net::SocketAddr;

/// A listening socket; [`accept`](TcpListener::accept) waits without a thread.
pub struct TcpListener {
    src: IoSource<mio::net::TcpListener>,
}

impl TcpListener {
    /// The backlog [`bind`](Self::bind) asks for (the kernel caps it at `somaxconn`).
    pub const BACKLOG: i32 = 4096;

    /// Binds and listens, registered with this thread's reactor.
    ///
    /// The backlog is [`BACKLOG`](Self::BACKLOG), not the 128 of std and mio: with 128, a
    /// burst of a thousand connects overflows the accept queue and the late ones wait for
    /// the kernel's SYN-ACK retransmissions (1 s, 3 s, 7 s...).
    pub fn bind(addr: SocketAddr) -> io::Result<TcpListener> {
        use std::os::fd::AsRawFd;
        let listener = mio::net::TcpListener::bind(addr)?;
        // SAFETY: `listen` on a socket we own; calling it again on a listening socket only
        // changes the backlog.
        if unsafe { libc::listen(listener.as_raw_fd(), Self::BACKLOG) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(TcpListener { src: IoSource::new(listener)? })
    }

    /// The bound address (useful after binding port 0).
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.src.get().local_addr()
    }

    /// Waits for the next connection.
    pub async fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        let (stream, addr) = poll_fn(|cx| self.src.poll_op(cx, Direction::Read, |l| l.accept())).await?;
        Ok((TcpStream { src: IoSource::new(stream)? }, addr))
    }
}

impl std::fmt::Debug for TcpListener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TcpListener").field("local_addr", &self.local_addr().ok()).finish()
    }
}

/// A connected socket. Reads and writes take `&self`, so one task can read while another
/// writes (share it with an `Rc`).
pub struct TcpStream {
    src: IoSource<mio::net::TcpStream>,
}

impl TcpStream {
    /// Connects without blocking: the connection completes while the task is suspended.
    pub async fn connect(addr: SocketAddr) -> io::Result<TcpStream> {
        let stream = TcpStream { src: IoSource::new(mio::net::TcpStream::connect(addr)?)? };
        // mio's recipe: wait for writability, then ask whether the connection succeeded.
        poll_fn(|cx| {
            if let Some(e) = stream.src.get().take_error()? {
                return core::task::Poll::Ready(Err(e));
            }
            match stream.src.get().peer_addr() {
                Ok(_) => core::task::Poll::Ready(Ok(())),
                Err(e) if e.kind() == io::ErrorKind::NotConnected || e.kind() == io::ErrorKind::WouldBlock => {
                    stream.src.wait(cx, Direction::Write);
                    core::task::Poll::Pending
                }
                Err(e) => core::task::Poll::Ready(Err(e)),
            }
        })
        .await?;
        Ok(stream)
    }

    /// Reads some bytes; `Ok(0)` at end of stream.
    pub async fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        poll_fn(|cx| self.src.poll_op(cx, Direction::Read, |mut s| s.read(buf))).await
    }

    /// Fills `buf` completely, or fails with `UnexpectedEof`.
    pub async fn read_exact(&self, mut buf: &mut [u8]) -> io::Result<()> {
        while !buf.is_empty() {
            match self.read(buf).await? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                n => buf = &mut buf[n..],
            }
        }
        Ok(())
    }

    /// Writes some bytes.
    pub async fn write(&self, buf: &[u8]) -> io::Result<usize> {
        poll_fn(|cx| self.src.poll_op(cx, Direction::Write, |mut s| s.write(buf))).await
    }

    /// Writes all of `buf`.
    pub async fn write_all(&self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            match self.write(buf).await? {
                0 => return Err(io::ErrorKind::WriteZero.into()),
                n => buf = &buf[n..],
            }
        }
        Ok(())
    }

    /// Shuts down the writing half (the peer reads end of stream).
    pub fn shutdown_write(&self) -> io::Result<()> {
        self.src.get().shutdown(std::net::Shutdown::Write)
    }

    /// The peer's address.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.src.get().peer_addr()
    }

    /// The local address.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.src.get().local_addr()
    }
}

impl std::fmt::Debug for TcpStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TcpStream").field("peer_addr", &self.peer_addr().ok()).finish()
    }
}
