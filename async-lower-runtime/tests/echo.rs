//! "There Is No Thread": a loopback echo server holding a few hundred connections at
//! once, all served by the test's one thread (the process's thread count, read from
//! /proc/self/status, does not grow).
//!
//! One test in this binary, so no other test's threads come and go meanwhile.

mod common;

use async_lower_runtime::cancel::CancellationToken;
use async_lower_runtime::executor;
use async_lower_runtime::reactor::net::{TcpListener, TcpStream};
use async_lower_runtime::{block_on, spawn, time::timeout};
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

const CONNECTIONS: usize = 300;
const MESSAGE: usize = 4096;

#[test]
fn one_thread_serves_hundreds_of_concurrent_connections() {
    let threads_before = common::thread_count();
    executor::reset_stats();
    let listener = TcpListener::bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let addr = listener.local_addr().unwrap();
    let all_accepted = CancellationToken::new(); // used as a one-shot "go" signal
    let live = Rc::new(Cell::new(0usize));
    let peak = Rc::new(Cell::new(0usize));
    let threads_at_peak = Rc::new(Cell::new(0usize));

    let served = block_on(timeout(Duration::from_secs(30), {
        let (live, peak, threads_at_peak, go) = (live.clone(), peak.clone(), threads_at_peak.clone(), all_accepted.clone());
        async move {
            let server = spawn(async move {
                let mut handlers = Vec::new();
                for _ in 0..CONNECTIONS {
                    let (stream, _) = listener.accept().await.unwrap();
                    live.set(live.get() + 1);
                    peak.set(peak.get().max(live.get()));
                    let (live, go) = (live.clone(), go.clone());
                    handlers.push(spawn(async move {
                        // Hold every connection open until all are accepted.
                        go.cancelled().await;
                        let mut buf = [0u8; 1024];
                        let mut echoed = 0;
                        loop {
                            let n = stream.read(&mut buf).await.unwrap();
                            if n == 0 {
                                break;
                            }
                            stream.write_all(&buf[..n]).await.unwrap();
                            echoed += n;
                        }
                        live.set(live.get() - 1);
                        echoed
                    }));
                }
                threads_at_peak.set(common::thread_count());
                go.cancel();
                let mut total = 0;
                for h in handlers {
                    total += h.await;
                }
                total
            });
            let clients: Vec<_> = (0..CONNECTIONS)
                .map(|c| {
                    spawn(async move {
                        let stream = TcpStream::connect(addr).await.unwrap();
                        let msg: Vec<u8> = (0..MESSAGE).map(|i| (i * 7 + c) as u8).collect();
                        stream.write_all(&msg).await.unwrap();
                        let mut back = vec![0u8; MESSAGE];
                        stream.read_exact(&mut back).await.unwrap();
                        assert_eq!(back, msg, "connection {c} got its own bytes back");
                        // Dropping the stream closes it: the server's read returns 0.
                    })
                })
                .collect();
            for c in clients {
                c.await;
            }
            server.await
        }
    }))
    .expect("echo finished in time");

    assert_eq!(served, CONNECTIONS * MESSAGE);
    assert_eq!(peak.get(), CONNECTIONS, "all connections were open at once");
    assert_eq!(
        threads_at_peak.get(),
        threads_before,
        "no thread was started to serve {CONNECTIONS} connections"
    );
    let s = executor::stats();
    assert!(s.io_events > 0 && s.parks > 0, "the thread slept in epoll_wait between events: {s:?}");
    eprintln!("{CONNECTIONS} connections, {} thread(s), {s:?}", threads_at_peak.get());
}
