//! when_all / when_any / when_each: results, completion order, cancellation of losers,
//! and the poll count of when_each (2 per future) against the naive WhenAny loop (N²/2).

mod common;

use async_lower_runtime::{block_on, spawn, when_all, when_any, when_each, yield_now};
use common::{DropFlag, Gates};
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

/// Opens the gates in `order`, one per turn of the executor.
async fn open_in_order(gates: Rc<Gates>, order: Vec<usize>) {
    for i in order {
        gates.open(i);
        yield_now().await;
    }
}

/// The naive loop's building block: polls every remaining child on every poll, like
/// `await Task.WhenAny(remaining)` re-subscribing to each one every round.
struct PollAll<'a, F> {
    children: &'a mut Vec<Pin<Box<F>>>,
}

impl<F: Future> Future for PollAll<'_, F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        for i in 0..self.children.len() {
            if let Poll::Ready(v) = self.children[i].as_mut().poll(cx) {
                drop(self.children.swap_remove(i));
                return Poll::Ready(v);
            }
        }
        Poll::Pending
    }
}

const N: usize = 1000;

#[test]
fn when_each_yields_in_completion_order_with_two_polls_per_future() {
    let gates = Gates::new(N);
    let order: Vec<usize> = (0..N).rev().collect();
    let (seen, polls_reported) = block_on({
        let gates = gates.clone();
        let order = order.clone();
        async move {
            let opener = spawn(open_in_order(gates.clone(), order));
            let mut each = when_each((0..N).map(|i| gates.gate(i)));
            let mut seen = Vec::new();
            while let Some((index, out)) = each.next().await {
                assert_eq!(index, out);
                seen.push(out);
            }
            opener.await;
            (seen, each.polls())
        }
    });
    assert_eq!(seen, order, "completion order");
    assert_eq!(gates.polls.get(), 2 * N as u64, "one poll to start, one after the wake");
    assert_eq!(polls_reported, 2 * N as u64);
}

#[test]
fn the_naive_when_any_loop_polls_quadratically() {
    let gates = Gates::new(N);
    let seen = block_on({
        let gates = gates.clone();
        async move {
            let opener = spawn(open_in_order(gates.clone(), (0..N).rev().collect()));
            let mut remaining: Vec<_> = (0..N).map(|i| Box::pin(gates.gate(i))).collect();
            let mut seen = Vec::new();
            while !remaining.is_empty() {
                seen.push(PollAll { children: &mut remaining }.await);
            }
            opener.await;
            seen
        }
    });
    assert_eq!(seen.len(), N);
    let polls = gates.polls.get();
    assert!(polls >= (N * N / 2) as u64, "naive loop: {polls} polls");
    eprintln!("N = {N}: naive WhenAny loop {polls} polls, when_each {}", 2 * N);
}

#[test]
fn when_all_keeps_input_order() {
    let out = block_on(async {
        let gates = Gates::new(5);
        let opener = spawn(open_in_order(gates.clone(), vec![3, 1, 4, 0, 2]));
        let all = when_all((0..5).map(|i| {
            let g = gates.gate(i);
            async move { g.await * 10 }
        }))
        .await;
        opener.await;
        all
    });
    assert_eq!(out, [0, 10, 20, 30, 40]);
    assert!(block_on(when_all(Vec::<std::future::Ready<u8>>::new())).is_empty());
}

#[test]
fn when_any_returns_the_first_and_cancels_the_rest() {
    let flags: Vec<_> = (0..4).map(|_| Rc::new(Cell::new(false))).collect();
    let (index, out) = block_on({
        let flags = flags.clone();
        async move {
            let gates = Gates::new(4);
            let opener = spawn(open_in_order(gates.clone(), vec![2]));
            let r = when_any((0..4).map(|i| {
                let g = gates.gate(i);
                let flag = DropFlag(flags[i].clone());
                async move {
                    let _flag = flag;
                    g.await
                }
            }))
            .await;
            // The losers were dropped as soon as the winner was known.
            assert!(flags.iter().all(|f| f.get()));
            opener.await;
            r
        }
    });
    assert_eq!((index, out), (2, 2));
}

#[test]
fn when_each_polls_a_child_once_per_wake() {
    // Each child yields 3 times (3 wakes) before completing: 1 + 3 polls each, and a
    // child woken twice before being polled is still polled once.
    let polls = Rc::new(Cell::new(0u64));
    let n = 100;
    let done = block_on({
        let polls = polls.clone();
        async move {
            let mut each = when_each((0..n).map(|i| {
                let polls = polls.clone();
                let mut left = 3;
                std::future::poll_fn(move |cx| {
                    polls.set(polls.get() + 1);
                    if left == 0 {
                        return Poll::Ready(i);
                    }
                    left -= 1;
                    cx.waker().wake_by_ref();
                    cx.waker().wake_by_ref(); // a second wake before the poll: no second poll
                    Poll::Pending
                })
            }));
            let mut done = 0;
            while each.next().await.is_some() {
                done += 1;
            }
            assert_eq!(each.polls(), polls.get());
            done
        }
    });
    assert_eq!(done, n);
    assert_eq!(polls.get(), 4 * n as u64);
}
