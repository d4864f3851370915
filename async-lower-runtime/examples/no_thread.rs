//! "There Is No Thread": 10,000 socket reads pending at once, on one thread.
//!
//! 5,000 loopback connections; on each, the server side and the client side both wait in
//! `read` (10,000 pending socket reads). While they wait, the process's thread count (from
//! /proc/self/status) is printed: one thread holds them all, sleeping in `epoll_wait`.
//! Then every client writes, every server echoes, and all reads complete.
//!
//! `cargo run --release -p async-lower-runtime --example no_thread [connections]`

use async_lower_runtime::cancel::CancellationToken;
use async_lower_runtime::net::{TcpListener, TcpStream};
use async_lower_runtime::{block_on, executor, spawn, yield_now};
use std::cell::Cell;
use std::rc::Rc;

fn status(field: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix(field).map(|v| v.trim().to_string()))
        .unwrap_or_default()
}

fn main() {
    let connections: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5_000);
    println!("threads before: {}", status("Threads:"));
    let listener = TcpListener::bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let addr = listener.local_addr().unwrap();
    let go = CancellationToken::new();
    let waiting = Rc::new(Cell::new(0usize));

    block_on(async move {
        let server = spawn({
            let waiting = waiting.clone();
            async move {
                let mut handlers = Vec::with_capacity(connections);
                for _ in 0..connections {
                    let (stream, _) = listener.accept().await.unwrap();
                    let waiting = waiting.clone();
                    handlers.push(spawn(async move {
                        let mut buf = [0u8; 64];
                        waiting.set(waiting.get() + 1);
                        let n = stream.read(&mut buf).await.unwrap(); // pending until the client writes
                        waiting.set(waiting.get() - 1);
                        stream.write_all(&buf[..n]).await.unwrap();
                    }));
                }
                for h in handlers {
                    h.await;
                }
            }
        });
        let clients: Vec<_> = (0..connections)
            .map(|i| {
                let (go, waiting) = (go.clone(), waiting.clone());
                spawn(async move {
                    let stream = Rc::new(TcpStream::connect(addr).await.unwrap());
                    // The client's read is pending too, in a task of its own.
                    let reader = spawn({
                        let (stream, waiting) = (stream.clone(), waiting.clone());
                        async move {
                            let mut buf = [0u8; 64];
                            waiting.set(waiting.get() + 1);
                            let n = stream.read(&mut buf).await.unwrap();
                            waiting.set(waiting.get() - 1);
                            buf[..n].to_vec()
                        }
                    });
                    go.cancelled().await;
                    let msg = format!("hello {i}");
                    stream.write_all(msg.as_bytes()).await.unwrap();
                    assert_eq!(reader.await, msg.as_bytes());
                })
            })
            .collect();
        // Let everything connect and start reading (a timer keeps the loop from spinning).
        while waiting.get() < 2 * connections {
            yield_now().await;
            async_lower_runtime::sleep(std::time::Duration::from_millis(1)).await;
        }
        println!(
            "{} socket reads pending on {} connections; threads now: {}; VmRSS {}",
            waiting.get(),
            connections,
            status("Threads:"),
            status("VmRSS:")
        );
        go.cancel();
        for c in clients {
            c.await;
        }
        server.await;
    });
    println!("all echoed; {:?}", executor::stats());
}
