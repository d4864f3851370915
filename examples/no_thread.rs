//! There is no thread: 10,000 loopback connections, each with a read waiting for a byte,
//! held by one thread. The kernel's thread count for this process is printed while they
//! all wait.
//!
//! Run: `cargo run --release --example no_thread` (or `-- 2000` for another count).
//! The server's ends of the connections live in a child process, so that this one needs a
//! single file descriptor per connection.

use async_lower::runtime::executor::stats;
use async_lower::runtime::time::sleep;
use async_lower::runtime::reactor::net::{TcpListener, TcpStream};
use async_lower::runtime::{block_on, spawn, spawn_blocking, when_all};
use std::cell::Cell;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::rc::Rc;
use std::time::Duration;

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
        Await0 { awaiter: Boxed<TcpStream>, waiting: Rc<Cell<usize>>, server: SocketAddr },
        Await1 {
            awaiter: Option<Boxed<usize>>,
            byte: [u8; 1],
            stream: TcpStream,
            waiting: Rc<Cell<usize>>,
            server: SocketAddr,
        },
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
                        // `server` is `Copy`: the call copies it, and the parameter stays
                        // parked to the end of the body, as parameters do.
                        *state = State::Await0 { awaiter: Box::pin(TcpStream::connect(server)), waiting, server };
                    }
                    State::Await0 { awaiter, .. } => {
                        let Poll::Ready(connected) = awaiter.as_mut().poll(cx) else { return Poll::Pending };
                        let State::Await0 { waiting, server, .. } = mem::replace(state, State::Running) else {
                            unreachable!()
                        };
                        let stream = match connected {
                            Ok(stream) => stream,
                            Err(e) => return finish(state, Err(e)), // `?`
                        };
                        let byte = [0u8; 1];
                        waiting.set(waiting.get() + 1);
                        *state = State::Await1 { awaiter: None, byte, stream, waiting, server };
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

/// A number from /proc/self/status (`Threads:`, `VmRSS:` in kB), as the kernel counts it.
fn proc_status(field: &str) -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix(field).and_then(|v| v.split_whitespace().next()?.parse().ok())))
        .unwrap_or(0)
}

/// The process's threads, as the kernel counts them.
pub fn thread_count() -> usize {
    proc_status("Threads:")
}

/// How many clients connect at once (see `run_clients`).
const WAVE: usize = 500;

/// What one run saw.
#[derive(Debug)]
pub struct Report {
    /// Clients waiting for their byte at the moment of the measurement.
    pub waiting: usize,
    /// Threads of the process at that moment.
    pub threads: usize,
    /// Resident memory of the process at that moment, in kB.
    pub resident_kb: usize,
    /// What each client received.
    pub received: Vec<u8>,
}

/// Starts `count` clients made by `client` against `server`; once all of them wait, runs
/// `release` (which must make the server send each connection its byte) and collects
/// what they received.
pub async fn run_clients<F: Future<Output = io::Result<u8>> + 'static>(
    count: usize,
    server: SocketAddr,
    client: impl Fn(SocketAddr, Rc<Cell<usize>>) -> F,
    release: impl AsyncFnOnce() -> io::Result<()>,
) -> io::Result<Report> {
    let waiting = Rc::new(Cell::new(0));
    let mut clients = Vec::with_capacity(count);
    // In waves: a listener queues only so many connections not yet accepted (its
    // backlog), and a connection beyond that waits for a retransmission, a second later.
    while clients.len() < count {
        let wave = (count - clients.len()).min(WAVE);
        clients.extend((0..wave).map(|_| spawn(client(server, waiting.clone()))));
        while waiting.get() < clients.len() {
            if let Some(failed) = clients.iter().position(|c| c.is_finished()) {
                return clients.swap_remove(failed).await.map(|_| unreachable!("a client finished before its byte was sent"));
            }
            // A sleep, not `yield_now`: the executor looks at its sockets when it goes
            // idle, and a future that keeps yielding never lets it.
            sleep(Duration::from_millis(1)).await;
        }
    }
    let (report_waiting, threads, resident_kb) = (waiting.get(), thread_count(), proc_status("VmRSS:"));
    release().await?;
    let received = when_all(clients).await.into_iter().collect::<io::Result<Vec<u8>>>()?;
    Ok(Report { waiting: report_waiting, threads, resident_kb, received })
}

/// Clients and server in this process, on the one thread (for the tests, and small counts).
pub fn run<F: Future<Output = io::Result<u8>> + 'static>(
    count: usize,
    client: impl Fn(SocketAddr, Rc<Cell<usize>>) -> F,
) -> io::Result<Report> {
    block_on(async {
        let listener = Rc::new(TcpListener::bind("127.0.0.1:0".parse().unwrap())?);
        let server = listener.local_addr()?;
        // The server accepts in a task of its own, beside the clients.
        let acceptor = spawn(async move {
            let mut accepted = Vec::with_capacity(count);
            for _ in 0..count {
                accepted.push(listener.accept().await?.0);
            }
            io::Result::Ok(accepted)
        });
        run_clients(count, server, client, async || {
            for stream in acceptor.await? {
                stream.write_all(b"!").await?;
            }
            Ok(())
        })
        .await
    })
}

/// The server side, in a child process so that this one needs a single file descriptor
/// per connection (10,000 then fit under a limit of 20,000 open files). It prints its
/// port, accepts `count` connections, waits for a line on its stdin, then sends each
/// connection its byte. It runs on the runtime too, one thread again.
fn serve_in_child(count: usize) -> io::Result<()> {
    use std::io::{BufRead, Write};
    block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0".parse().unwrap())?;
        println!("{}", listener.local_addr()?.port());
        std::io::stdout().flush()?;
        let mut accepted = Vec::with_capacity(count);
        for _ in 0..count {
            accepted.push(listener.accept().await?.0);
        }
        // Reading stdin blocks: a job for the blocking pool, not for the executor's thread.
        spawn_blocking(|| std::io::stdin().lock().read_line(&mut String::new())).await?;
        for stream in &accepted {
            stream.write_all(b"!").await?;
        }
        Ok(())
    })
}

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let first = args.next();
    if first.as_deref() == Some("--serve") {
        return serve_in_child(args.next().and_then(|n| n.parse().ok()).unwrap_or(0));
    }
    let count: usize = first.and_then(|n| n.parse().ok()).unwrap_or(10_000);

    // The server, in a child process.
    let mut server = std::process::Command::new(std::env::current_exe()?)
        .args(["--serve", &count.to_string()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()?;
    let mut port = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(server.stdout.take().unwrap()), &mut port)?;
    let address: SocketAddr = format!("127.0.0.1:{}", port.trim()).parse().unwrap();
    let mut release = server.stdin.take().unwrap();

    let started = std::time::Instant::now();
    let report = block_on(run_clients(count, address, client, async || {
        // One short line into a pipe: it cannot fill the pipe's buffer, so it does not block.
        std::io::Write::write_all(&mut release, b"go\n")
    }))?;
    server.wait()?;
    println!("{count} loopback connections, each with a read waiting for its byte:");
    println!("  reads pending at once: {}", report.waiting);
    println!("  threads in this process while they waited: {}", report.threads);
    println!("  resident memory of this process then: {:.1} MB", report.resident_kb as f64 / 1024.0);
    println!("  every client got its byte: {}", report.received.iter().all(|&b| b == b'!'));
    let s = stats();
    println!("  {} I/O readiness events, {} times the thread slept in epoll_wait, {:.1?} in all", s.io_events, s.parks, started.elapsed());

    let twin = run(count.min(1000), by_hand::client)?;
    println!("\nthe hand-written twin, {} connections (server in this process): {} pending at once on {} thread(s)", twin.received.len(), twin.waiting, twin.threads);
    Ok(())
}
