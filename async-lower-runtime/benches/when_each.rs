//! when_each over 16,000 futures completing one by one, against the naive
//! `while any remain { await WhenAny(remaining) }` loop: polls and time.
//!
//! `cargo bench -p async-lower-runtime --bench when_each` (`WHEN_EACH_N` to change N).

use async_lower_runtime::{block_on, spawn, when_each, yield_now};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Instant;

struct Gates {
    open: RefCell<Vec<bool>>,
    wakers: RefCell<Vec<Option<Waker>>>,
    polls: Cell<u64>,
}

struct Gate(Rc<Gates>, usize);

impl Future for Gate {
    type Output = usize;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        let g = &self.0;
        g.polls.set(g.polls.get() + 1);
        if g.open.borrow()[self.1] {
            return Poll::Ready(self.1);
        }
        g.wakers.borrow_mut()[self.1] = Some(cx.waker().clone());
        Poll::Pending
    }
}

fn gates(n: usize) -> Rc<Gates> {
    Rc::new(Gates { open: RefCell::new(vec![false; n]), wakers: RefCell::new(vec![None; n]), polls: Cell::new(0) })
}

/// Opens one gate per executor turn, last first.
async fn opener(g: Rc<Gates>, n: usize) {
    for i in (0..n).rev() {
        g.open.borrow_mut()[i] = true;
        let w = g.wakers.borrow_mut()[i].take();
        if let Some(w) = w {
            w.wake();
        }
        yield_now().await;
    }
}

struct PollAll<'a>(&'a mut Vec<Gate>);

impl Future for PollAll<'_> {
    type Output = usize;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        for i in 0..self.0.len() {
            if let Poll::Ready(v) = Pin::new(&mut self.0[i]).poll(cx) {
                self.0.swap_remove(i);
                return Poll::Ready(v);
            }
        }
        Poll::Pending
    }
}

fn main() {
    let n: usize = std::env::var("WHEN_EACH_N").ok().and_then(|v| v.parse().ok()).unwrap_or(16_000);

    let g = gates(n);
    let start = Instant::now();
    block_on({
        let g = g.clone();
        async move {
            let o = spawn(opener(g.clone(), n));
            let mut each = when_each((0..n).map(|i| Gate(g.clone(), i)));
            while each.next().await.is_some() {}
            o.await;
        }
    });
    let (each_time, each_polls) = (start.elapsed(), g.polls.get());

    let g = gates(n);
    let start = Instant::now();
    block_on({
        let g = g.clone();
        async move {
            let o = spawn(opener(g.clone(), n));
            let mut remaining: Vec<Gate> = (0..n).map(|i| Gate(g.clone(), i)).collect();
            while !remaining.is_empty() {
                PollAll(&mut remaining).await;
            }
            o.await;
        }
    });
    let (naive_time, naive_polls) = (start.elapsed(), g.polls.get());

    println!("{n} futures completing one at a time (last first)");
    println!("| strategy | child polls | time ms |");
    println!("|---|---|---|");
    println!("| when_each | {each_polls} | {:.2} |", each_time.as_secs_f64() * 1e3);
    println!("| naive WhenAny loop | {naive_polls} | {:.2} |", naive_time.as_secs_f64() * 1e3);
    println!(
        "naive / when_each: {:.0}x the polls, {:.0}x the time",
        naive_polls as f64 / each_polls as f64,
        naive_time.as_secs_f64() / each_time.as_secs_f64()
    );
}
