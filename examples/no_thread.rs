//! There is no thread: 10,000 loopback connections, each with a read waiting for a byte,
//! held by one thread. The kernel's thread count for this process is printed while they
//! all wait.
//!
//! Run: `cargo run --release --example no_thread` (or `-- 2000` for another count).
//! Both ends of every connection live in this process, so it needs two file descriptors
//! per connection; the count is lowered to fit the open-file limit if it must be.

use async_lower::runtime::executor::{stats, yield_now};
use async_lower::runtime::reactor::net::{TcpListener, TcpStream};
use async_lower::runtime::{block_on, spawn, when_all};
use std::cell::Cell;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::rc::Rc;

// ANCHOR: lowered
/// Connects, then waits for one byte. While it waits, it is a few dozen bytes in the
/// heap and one entry in the kernel's epoll set: no thread is blocked for it.
#[async_lower::lower]
pub async fn client(server: SocketAddr, waiting: Rc<Cell<usize>>) -> io::Result<u8> {
    let stream = TcpStream::connect(server).await?;
    let mut byte = [0u8; 1];
    waiting.set(waiting.get() + 1);
    let n = stream.read(&mut byte).await?;
    waiting.set(waiting.get() - 1);
    if n == 0 {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(byte[0])
}
// ANCHOR_END: lowered

/// `client`, written by hand.
pub mod by_hand {
    // ANCHOR: twin
    use async_lower::runtime::reactor::net::TcpStream;
    use std::cell::Cell;
    use std::future::Future;
    use std::io;
    use std::marker::PhantomPinned;
    use std::mem;
    use std::net::SocketAddr;
    use std::pin::Pin;
    use std::rc::Rc;
    use std::task::{Context, Poll};

    /// The socket's methods are `async fn`s: their futures have no name a struct field
    /// could use. So this twin boxes them (`Pin<Box<dyn Future>>`), one allocation per
    /// await. The generated machine avoids that by making its enum generic instead.
    type Boxed<T> = Pin<Box<dyn Future<Output = io::Result<T>>>>;

    pub fn client(server: SocketAddr, waiting: Rc<Cell<usize>>) -> Client {
        Client { state: State::Start { server, waiting }, _pin: PhantomPinned }
    }

    /// `stream.read(&mut byte)` borrows two locals parked beside it: pinned, as in copy_stream.
    pub struct Client {
        state: State,
        _pin: PhantomPinned,
    }

    enum State {
        Start { server: SocketAddr, waiting: Rc<Cell<usize>> },
        Await0 { awaiter: Boxed<TcpStream>, waiting: Rc<Cell<usize>> },
        Await1 { awaiter: Option<Boxed<usize>>, byte: [u8; 1], stream: TcpStream, waiting: Rc<Cell<usize>> },
        Running,
        Returned,
    }

    impl Future for Client {
        type Output = io::Result<u8>;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<u8>> {
            // SAFETY: a variant is moved out only after its awaiter finished (see copy_stream).
            let state = unsafe { &mut self.get_unchecked_mut().state };
            loop {
                match state {
                    State::Start { .. } => {
                        let State::Start { server, waiting } = mem::replace(state, State::Running) else {
                            unreachable!()
                        };
                        *state = State::Await0 { awaiter: Box::pin(TcpStream::connect(server)), waiting };
                    }
                    State::Await0 { awaiter, .. } => {
                        let Poll::Ready(connected) = awaiter.as_mut().poll(cx) else { return Poll::Pending };
                        let State::Await0 { waiting, .. } = mem::replace(state, State::Running) else {
                            unreachable!()
                        };
                        let stream = match connected {
                            Ok(stream) => stream,
                            Err(e) => return finish(state, Err(e)), // `?`
                        };
                        let byte = [0u8; 1];
                        waiting.set(waiting.get() + 1);
                        *state = State::Await1 { awaiter: None, byte, stream, waiting };
                        let State::Await1 { awaiter, byte, stream, .. } = state else { unreachable!() };
                        // SAFETY: `stream` and `byte` stay in the pinned state, untouched,
                        // until the awaiter is gone (it is declared first, so dropped first).
                        let (stream, byte): (&'static TcpStream, &'static mut [u8; 1]) =
                            unsafe { (&*(stream as *const TcpStream), &mut *(byte as *mut [u8; 1])) };
                        *awaiter = Some(Box::pin(stream.read(byte)));
                    }
                    State::Await1 { awaiter, .. } => {
                        let read = awaiter.as_mut().expect("awaiter is set").as_mut();
                        let Poll::Ready(read) = read.poll(cx) else { return Poll::Pending };
                        *awaiter = None;
                        let State::Await1 { byte, stream, waiting, .. } = mem::replace(state, State::Running) else {
                            unreachable!()
                        };
                        let n = match read {
                            Ok(n) => n,
                            Err(e) => return finish(state, Err(e)),
                        };
                        waiting.set(waiting.get() - 1);
                        drop(stream);
                        if n == 0 {
                            return finish(state, Err(io::ErrorKind::UnexpectedEof.into()));
                        }
                        return finish(state, Ok(byte[0]));
                    }
                    State::Running => panic!("`async fn` resumed after panicking"),
                    State::Returned => panic!("`async fn` resumed after completion"),
                }
            }
        }
    }

    fn finish<T>(state: &mut State, output: T) -> Poll<T> {
        *state = State::Returned;
        Poll::Ready(output)
    }
    // ANCHOR_END: twin
}

/// The process's threads, as the kernel counts them (`Threads:` in /proc/self/status).
pub fn thread_count() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("Threads:").map(|n| n.trim().parse().unwrap_or(0))))
        .unwrap_or(0)
}

/// The soft limit on open files (`Max open files` in /proc/self/limits).
fn open_file_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// What one run saw.
#[derive(Debug)]
pub struct Report {
    /// Clients waiting for their byte at the moment of the measurement.
    pub waiting: usize,
    /// Threads of the process at that moment.
    pub threads: usize,
    /// What each client received.
    pub received: Vec<u8>,
}

/// Starts `count` clients made by `client`, accepts their connections, measures while all
/// wait, then sends each its byte.
pub fn run<F: Future<Output = io::Result<u8>> + 'static>(
    count: usize,
    client: impl Fn(SocketAddr, Rc<Cell<usize>>) -> F,
) -> io::Result<Report> {
    block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0".parse().unwrap())?;
        let server = listener.local_addr()?;
        let waiting = Rc::new(Cell::new(0));
        let clients: Vec<_> = (0..count).map(|_| spawn(client(server, waiting.clone()))).collect();
        let mut accepted = Vec::with_capacity(count);
        for _ in 0..count {
            accepted.push(listener.accept().await?.0);
        }
        while waiting.get() < count {
            yield_now().await; // let the last clients reach their read
        }
        let report_waiting = waiting.get();
        let threads = thread_count();
        for stream in &accepted {
            stream.write_all(b"!").await?;
        }
        let received = when_all(clients).await.into_iter().collect::<io::Result<Vec<u8>>>()?;
        Ok(Report { waiting: report_waiting, threads, received })
    })
}

fn main() -> io::Result<()> {
    let wanted: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let count = match open_file_limit() {
        // Two descriptors per connection (both ends are ours), plus a few for the process.
        Some(limit) if 2 * wanted + 32 > limit => {
            let fit = limit.saturating_sub(32) / 2;
            println!("(the open-file limit is {limit}: {fit} connections fit, not {wanted}; raise it with `ulimit -n`)");
            fit
        }
        _ => wanted,
    };
    let started = std::time::Instant::now();
    let report = run(count, client)?;
    println!("{} connections, each with a read waiting for its byte:", count);
    println!("  reads pending at once: {}", report.waiting);
    println!("  threads in this process while they waited: {}", report.threads);
    println!("  every client got its byte: {}", report.received.iter().all(|&b| b == b'!'));
    let s = stats();
    println!("  {} I/O readiness events, {} times the thread slept in epoll_wait, {:.0?} in all", s.io_events, s.parks, started.elapsed());

    let twin = run(count.min(1000), by_hand::client)?;
    println!("\nthe hand-written twin, {} connections: {} pending at once on {} thread(s)", twin.received.len(), twin.waiting, twin.threads);
    Ok(())
}
