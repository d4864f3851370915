//! Probe round 23: concurrency-flavoured code inside one lowered fn, written against
//! `tokio::sync` and `futures` primitives: `Mutex`/`RwLock` guards held across other
//! awaits, dropped by scope end, `drop(g)`, early return with `?` and panics in the locked
//! section; `Semaphore` permits (borrowed and owned) held at cancellation; `mpsc` and
//! `oneshot` channels created, fed and drained in the same fn (`while let Some(x) =
//! rx.recv().await`); `Notify`; `Arc<Mutex<..>>` clones moved into `async move` blocks
//! joined with `join!`/`join_all`/`FuturesUnordered`; `select`/`Either`/`ready`;
//! `stream::iter(..).then(..)`; `std::sync::Mutex` and `Rc<RefCell<..>>` borrows released
//! between awaits; and actor-like code: `&mut self` methods draining a queue of enum
//! messages, pipelines of stages, rate limiters, request/response with a oneshot per
//! request, worker pools over a `VecDeque` of jobs.
use crate::prelude::*;
#[allow(unused_imports)]
use futures::StreamExt;
#[allow(unused_imports)]
use std::cell::{Cell, RefCell};
#[allow(unused_imports)]
use std::collections::{BTreeMap, VecDeque};
#[allow(unused_imports)]
use std::rc::Rc;
#[allow(unused_imports)]
use std::sync::Arc;
#[allow(unused_imports)]
use tokio::sync::{Mutex, Notify, RwLock, Semaphore, mpsc, oneshot};

twin! {
    /// A `tokio::sync::Mutex` guard held across two other awaits, pushed through, dropped
    /// with `drop(g)`, then locked again for a copy.
    p23_mutex_guard_held_across_steps {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let m = Mutex::new(Vec::new());
                let _t = Tracker::new("outer");
                let mut g = m.lock().await;
                g.push(leaf("a", n).await);
                step("hold").await;
                g.push(n + 1);
                drop(g);
                step("released").await;
                let g2 = m.lock().await;
                let out = g2.clone();
                drop(g2);
                out
            }
        }
    }
    run { pair(f(1), f(7)) }
}

twin! {
    /// A guard in a block that ends before the next await; a `Vec<Tracker>` behind an
    /// `Arc<Mutex<..>>`, an element removed under the lock, a second guard through a clone
    /// alive to the end.
    p23_mutex_guard_scope_ends_before_await {
        lower! {
            pub async fn f(k: usize) -> usize {
                let m = Arc::new(Mutex::new(vec![Tracker::new("a"), Tracker::new("b")]));
                {
                    let mut g = m.lock().await;
                    g.push(Tracker::new("c"));
                    if g.len() > k {
                        let t = g.remove(0);
                        drop(t);
                    }
                }
                step("between").await;
                let n = {
                    let g = m.lock().await;
                    g.len()
                };
                step("after").await;
                let m2 = m.clone();
                let mut g = m2.lock().await;
                g.truncate(1);
                step("trunc").await;
                n + g.len()
            }
        }
    }
    run { pair(f(2), f(5)) }
}

twin! {
    /// A helper taking `&Mutex<Vec<u32>>` that locks, pops with `?` and returns early with
    /// the guard alive, called in a loop.
    p23_mutex_pop_with_question_mark {
        #[derive(Debug)]
        pub enum PopErr { Empty, TooBig(u32) }
        lower! {
            pub async fn pop_checked(m: &Mutex<Vec<u32>>, limit: u32) -> Result<u32, PopErr> {
                let mut g = m.lock().await;
                let v = g.pop().ok_or(PopErr::Empty)?;
                step("popped").await;
                if v > limit {
                    return Err(PopErr::TooBig(v));
                }
                g.insert(0, v + 100);
                Ok(v)
            }
        }
        lower! {
            pub async fn f(limit: u32) -> (Vec<Result<u32, PopErr>>, Vec<u32>) {
                let m = Mutex::new(vec![1, 50, 3]);
                let _t = Tracker::new("t");
                let mut out = vec![];
                for _ in 0..4 {
                    out.push(pop_checked(&m, limit).await);
                    step("loop").await;
                }
                (out, m.into_inner())
            }
        }
    }
    run { pair(f(10), f(1000)) }
}

twin! {
    /// The same, with a `?` on the helper's result in the caller ending the loop early.
    p23_mutex_pop_question_in_caller {
        #[derive(Debug)]
        pub enum PopErr { Empty, TooBig(u32) }
        lower! {
            pub async fn pop_checked(m: &Mutex<Vec<Tracker>>, limit: usize) -> Result<Tracker, PopErr> {
                let mut g = m.lock().await;
                let t = g.pop().ok_or(PopErr::Empty)?;
                step("popped").await;
                if g.len() < limit {
                    log(format!("refusing {}", t.name()));
                    g.push(t);
                    return Err(PopErr::TooBig(g.len() as u32));
                }
                Ok(t)
            }
        }
        lower! {
            pub async fn f(limit: usize) -> Result<Vec<&'static str>, PopErr> {
                let m = Mutex::new(vec![Tracker::new("x"), Tracker::new("y"), Tracker::new("z")]);
                let mut names = vec![];
                loop {
                    let t = pop_checked(&m, limit).await?;
                    names.push(t.name());
                    step("got").await;
                }
            }
        }
    }
    run { pair(f(1), f(0)) }
}

twin! {
    /// `RwLock`: two read guards alive across an await, then a write guard extended with an
    /// awaited value.
    p23_rwlock_two_readers_then_writer {
        lower! {
            pub async fn f(suffix: &'static str) -> (String, usize, String) {
                let rw = RwLock::new(String::from("x"));
                let r1 = rw.read().await;
                let r2 = rw.read().await;
                let s = format!("{}{}", *r1, *r2);
                step("readers").await;
                drop(r1);
                drop(r2);
                let mut w = rw.write().await;
                w.push_str(leaf("suffix", suffix).await);
                let len = w.len();
                drop(w);
                (s, len, rw.into_inner())
            }
        }
    }
    run { pair(f("yz"), f("")) }
}

twin! {
    /// `try_lock` fails while a guard is alive across an await, succeeds after `drop`.
    p23_mutex_try_lock_while_held {
        lower! {
            pub async fn f(start: u32) -> (bool, Option<u32>, u32) {
                let m = Mutex::new(start);
                let g = m.lock().await;
                let busy = m.try_lock().is_err();
                step("s").await;
                drop(g);
                let ok = m.try_lock().map(|mut g| {
                    *g += 1;
                    *g
                }).ok();
                step("t").await;
                let last = *m.lock().await;
                (busy, ok, last)
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A panic (an awaited `boom`) while a `tokio::sync::Mutex` guard over trackers is held:
    /// the guard, the mutex and the other locals unwind in order.
    p23_mutex_panic_in_locked_section {
        lower! {
            pub async fn f(bad: bool) -> usize {
                let m = Mutex::new(vec![Tracker::new("v1")]);
                let _outer = Tracker::new("outer");
                let mut g = m.lock().await;
                g.push(Tracker::new("v2"));
                step("locked").await;
                if bad {
                    let x = boom("inside").await;
                    log(format!("never {x}"));
                }
                let _late = Tracker::new("late");
                g.push(Tracker::new("v3"));
                step("more").await;
                g.len()
            }
        }
    }
    run { f(true) }
}

twin! {
    /// As `p23_mutex_panic_in_locked_section`, on the path without the panic.
    p23_mutex_panic_in_locked_section_ok {
        lower! {
            pub async fn f(bad: bool) -> usize {
                let m = Mutex::new(vec![Tracker::new("v1")]);
                let _outer = Tracker::new("outer");
                let mut g = m.lock().await;
                g.push(Tracker::new("v2"));
                step("locked").await;
                if bad {
                    let x = boom("inside").await;
                    log(format!("never {x}"));
                }
                let _late = Tracker::new("late");
                g.push(Tracker::new("v3"));
                step("more").await;
                g.len()
            }
        }
    }
    run { f(false) }
}

twin! {
    /// `std::sync::Mutex` locked in statements and a block between awaits, the guard never
    /// alive at an await.
    p23_std_mutex_between_awaits {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let m = std::sync::Mutex::new(vec![]);
                let _t = Tracker::new("t");
                for i in 0..n {
                    let v = leaf("v", i).await;
                    m.lock().unwrap().push(v);
                    {
                        let mut g = m.lock().unwrap();
                        g.push(v * 10);
                    }
                    step("s").await;
                }
                let out = m.lock().unwrap().clone();
                out
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A `std::sync::Mutex` guard alive across an await (legal outside `Send` contexts),
    /// dropped by `drop(g)`; then `into_inner` on the unpoisoned mutex.
    p23_std_mutex_guard_across_await {
        lower! {
            pub async fn f(x: u32) -> Result<Vec<u32>, String> {
                let m = std::sync::Mutex::new(vec![x]);
                let mut g = m.lock().map_err(|e| e.to_string())?;
                g.push(leaf("a", x + 1).await);
                step("held").await;
                drop(g);
                step("free").await;
                m.into_inner().map_err(|e| e.to_string())
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A panic while a `std::sync::Mutex` guard is held: the guard poisons the mutex while
    /// unwinding, trackers in and out of the mutex drop in order.
    p23_std_mutex_panic_poisons {
        lower! {
            pub async fn f() -> usize {
                let m = Arc::new(std::sync::Mutex::new(vec![Tracker::new("in")]));
                let m2 = Arc::clone(&m);
                let _a = Tracker::new("a");
                let mut g = m2.lock().unwrap();
                g.push(Tracker::new("in2"));
                step("locked").await;
                let n = boom("crash").await;
                g.len() + n as usize + m.lock().unwrap().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `Rc<RefCell<Vec<Tracker>>>`: shared and mutable borrows each ended before the next
    /// await, a clone kept across them.
    p23_rc_refcell_borrows_end_before_await {
        lower! {
            pub async fn f(extra: bool) -> (usize, &'static str, Vec<&'static str>) {
                let s = Rc::new(RefCell::new(vec![Tracker::new("a")]));
                let s2 = Rc::clone(&s);
                let len = s.borrow().len();
                step("one").await;
                s2.borrow_mut().push(Tracker::new("b"));
                if extra {
                    s.borrow_mut().push(leaf("c", Tracker("c")).await);
                }
                let first = s.borrow()[0].name();
                step("two").await;
                {
                    let mut b = s.borrow_mut();
                    b.reverse();
                }
                step("three").await;
                let names = s2.borrow().iter().map(|t| t.name()).collect();
                (len, first, names)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `Rc<RefCell<..>>` clones moved into `async move` blocks joined with `futures::join!`,
    /// each block borrowing only between its own awaits.
    p23_rc_refcell_join_async_move {
        lower! {
            pub async fn f() -> (u32, u32, Vec<String>) {
                let log_ = Rc::new(RefCell::new(Vec::<String>::new()));
                let _g = Tracker::new("g");
                let l1 = log_.clone();
                let a = async move {
                    for i in 0..2 {
                        let v = leaf("a", i).await;
                        l1.borrow_mut().push(format!("a{v}"));
                    }
                    10
                };
                let l2 = log_.clone();
                let b = async move {
                    step("b").await;
                    l2.borrow_mut().push("b".to_string());
                    step("b2").await;
                    l2.borrow().len() as u32
                };
                let (x, y) = futures::join!(a, b);
                step("after").await;
                let out = log_.borrow().clone();
                (x, y, out)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Semaphore::acquire().await` in a loop, the permit and a tracker dropped at the end
    /// of each iteration; available permits read while held.
    p23_semaphore_permit_per_iteration {
        lower! {
            pub async fn f(permits: usize) -> Vec<usize> {
                let sem = Semaphore::new(permits);
                let mut seen = vec![];
                for i in 0..3 {
                    let _p = sem.acquire().await.unwrap();
                    let _t = Tracker::new(["j0", "j1", "j2"][i]);
                    step("work").await;
                    seen.push(sem.available_permits());
                }
                seen.push(sem.available_permits());
                seen
            }
        }
    }
    run { pair(f(1), f(3)) }
}

twin! {
    /// `acquire_many`, `try_acquire` failing while permits are held across an await, and a
    /// permit `forget`-ten.
    p23_semaphore_acquire_many_try {
        lower! {
            pub async fn f() -> (bool, bool, usize, usize) {
                let sem = Semaphore::new(3);
                let two = sem.acquire_many(2).await.unwrap();
                let one = sem.acquire().await.unwrap();
                let none = sem.try_acquire().is_err();
                step("all held").await;
                drop(two);
                let again = sem.try_acquire_many(2).is_ok();
                step("dropped two").await;
                one.forget();
                let left = sem.available_permits();
                let _p = sem.acquire().await.unwrap();
                step("end").await;
                (none, again, left, sem.available_permits())
            }
        }
    }
    run { f() }
}

twin! {
    /// `Arc<Semaphore>` with one permit and `acquire_owned` in two `async move` blocks
    /// joined: the second waits for the first to drop its permit.
    p23_semaphore_owned_two_tasks_join {
        lower! {
            pub async fn f() -> (u32, u32, usize) {
                let sem = Arc::new(Semaphore::new(1));
                let order = Rc::new(RefCell::new(Vec::new()));
                let task = |name: &'static str, v: u32| {
                    let sem = sem.clone();
                    let order = order.clone();
                    async move {
                        let _p = sem.acquire_owned().await.unwrap();
                        order.borrow_mut().push(name);
                        let t = Tracker::new(name);
                        step(name).await;
                        drop(t);
                        v
                    }
                };
                let (a, b) = futures::join!(task("ta", 1), task("tb", 2));
                log(format!("order {:?}", order.borrow()));
                (a, b, sem.available_permits())
            }
        }
    }
    run { f() }
}

twin! {
    /// A helper that acquires a permit and returns early with `?` while holding it.
    p23_semaphore_permit_early_return {
        lower! {
            pub async fn guarded(sem: &Semaphore, v: i32) -> Result<i32, String> {
                let _permit = sem.acquire().await.map_err(|e| e.to_string())?;
                let _t = Tracker::new("in-guarded");
                let x = leaf("x", v).await;
                if x < 0 {
                    return Err(format!("negative {x}"));
                }
                step("ok").await;
                Ok(x * 2)
            }
        }
        lower! {
            pub async fn f(xs: Vec<i32>) -> Result<Vec<i32>, String> {
                let sem = Semaphore::new(1);
                let mut out = vec![];
                for x in xs {
                    out.push(guarded(&sem, x).await?);
                    log(format!("avail {}", sem.available_permits()));
                }
                Ok(out)
            }
        }
    }
    run { pair(f(vec![1, 2]), f(vec![3, -1, 4])) }
}

twin! {
    /// A closed semaphore: `acquire` errors, matched in a `match` after an await.
    p23_semaphore_closed {
        lower! {
            pub async fn f(close: bool) -> String {
                let sem = Semaphore::new(1);
                let _t = Tracker::new("t");
                step("pre").await;
                if close {
                    sem.close();
                }
                match sem.acquire().await {
                    Ok(p) => {
                        step("held").await;
                        drop(p);
                        "acquired".to_string()
                    }
                    Err(e) => {
                        step("err").await;
                        format!("closed: {e}")
                    }
                }
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// As `p23_mutex_guard_held_across_steps`, with other arguments.
    p23_mutex_guard_held_across_steps_v2 {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let m = Mutex::new(Vec::new());
                let _t = Tracker::new("outer");
                let mut g = m.lock().await;
                g.push(leaf("a", n).await);
                step("hold").await;
                g.push(n + 1);
                drop(g);
                step("released").await;
                let g2 = m.lock().await;
                let out = g2.clone();
                drop(g2);
                out
            }
        }
    }
    run { f(0) }
}

twin! {
    /// As `p23_mutex_guard_scope_ends_before_await`, with other arguments.
    p23_mutex_guard_scope_ends_before_await_v2 {
        lower! {
            pub async fn f(k: usize) -> usize {
                let m = Arc::new(Mutex::new(vec![Tracker::new("a"), Tracker::new("b")]));
                {
                    let mut g = m.lock().await;
                    g.push(Tracker::new("c"));
                    if g.len() > k {
                        let t = g.remove(0);
                        drop(t);
                    }
                }
                step("between").await;
                let n = {
                    let g = m.lock().await;
                    g.len()
                };
                step("after").await;
                let m2 = m.clone();
                let mut g = m2.lock().await;
                g.truncate(1);
                step("trunc").await;
                n + g.len()
            }
        }
    }
    run { f(0) }
}

twin! {
    /// As `p23_mutex_pop_with_question_mark`, with other arguments.
    p23_mutex_pop_with_question_mark_v2 {
        #[derive(Debug)]
        pub enum PopErr { Empty, TooBig(u32) }
        lower! {
            pub async fn pop_checked(m: &Mutex<Vec<u32>>, limit: u32) -> Result<u32, PopErr> {
                let mut g = m.lock().await;
                let v = g.pop().ok_or(PopErr::Empty)?;
                step("popped").await;
                if v > limit {
                    return Err(PopErr::TooBig(v));
                }
                g.insert(0, v + 100);
                Ok(v)
            }
        }
        lower! {
            pub async fn f(limit: u32) -> (Vec<Result<u32, PopErr>>, Vec<u32>) {
                let m = Mutex::new(vec![1, 50, 3]);
                let _t = Tracker::new("t");
                let mut out = vec![];
                for _ in 0..4 {
                    out.push(pop_checked(&m, limit).await);
                    step("loop").await;
                }
                (out, m.into_inner())
            }
        }
    }
    run { f(2) }
}

twin! {
    /// As `p23_mutex_pop_question_in_caller`, with other arguments.
    p23_mutex_pop_question_in_caller_v2 {
        #[derive(Debug)]
        pub enum PopErr { Empty, TooBig(u32) }
        lower! {
            pub async fn pop_checked(m: &Mutex<Vec<Tracker>>, limit: usize) -> Result<Tracker, PopErr> {
                let mut g = m.lock().await;
                let t = g.pop().ok_or(PopErr::Empty)?;
                step("popped").await;
                if g.len() < limit {
                    log(format!("refusing {}", t.name()));
                    g.push(t);
                    return Err(PopErr::TooBig(g.len() as u32));
                }
                Ok(t)
            }
        }
        lower! {
            pub async fn f(limit: usize) -> Result<Vec<&'static str>, PopErr> {
                let m = Mutex::new(vec![Tracker::new("x"), Tracker::new("y"), Tracker::new("z")]);
                let mut names = vec![];
                loop {
                    let t = pop_checked(&m, limit).await?;
                    names.push(t.name());
                    step("got").await;
                }
            }
        }
    }
    run { f(2) }
}

twin! {
    /// As `p23_mutex_try_lock_while_held`, with other arguments.
    p23_mutex_try_lock_while_held_v2 {
        lower! {
            pub async fn f(start: u32) -> (bool, Option<u32>, u32) {
                let m = Mutex::new(start);
                let g = m.lock().await;
                let busy = m.try_lock().is_err();
                step("s").await;
                drop(g);
                let ok = m.try_lock().map(|mut g| {
                    *g += 1;
                    *g
                }).ok();
                step("t").await;
                let last = *m.lock().await;
                (busy, ok, last)
            }
        }
    }
    run { pair(f(0), f(99)) }
}

twin! {
    /// As `p23_std_mutex_between_awaits`, with other arguments.
    p23_std_mutex_between_awaits_v2 {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let m = std::sync::Mutex::new(vec![]);
                let _t = Tracker::new("t");
                for i in 0..n {
                    let v = leaf("v", i).await;
                    m.lock().unwrap().push(v);
                    {
                        let mut g = m.lock().unwrap();
                        g.push(v * 10);
                    }
                    step("s").await;
                }
                let out = m.lock().unwrap().clone();
                out
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// As `p23_std_mutex_guard_across_await`, with other arguments.
    p23_std_mutex_guard_across_await_v2 {
        lower! {
            pub async fn f(x: u32) -> Result<Vec<u32>, String> {
                let m = std::sync::Mutex::new(vec![x]);
                let mut g = m.lock().map_err(|e| e.to_string())?;
                g.push(leaf("a", x + 1).await);
                step("held").await;
                drop(g);
                step("free").await;
                m.into_inner().map_err(|e| e.to_string())
            }
        }
    }
    run { pair(f(0), f(9)) }
}

twin! {
    /// As `p23_semaphore_permit_per_iteration`, with other arguments.
    p23_semaphore_permit_per_iteration_v2 {
        lower! {
            pub async fn f(permits: usize) -> Vec<usize> {
                let sem = Semaphore::new(permits);
                let mut seen = vec![];
                for i in 0..3 {
                    let _p = sem.acquire().await.unwrap();
                    let _t = Tracker::new(["j0", "j1", "j2"][i]);
                    step("work").await;
                    seen.push(sem.available_permits());
                }
                seen.push(sem.available_permits());
                seen
            }
        }
    }
    run { f(2) }
}

twin! {
    /// As `p23_semaphore_permit_early_return`, with other arguments.
    p23_semaphore_permit_early_return_v2 {
        lower! {
            pub async fn guarded(sem: &Semaphore, v: i32) -> Result<i32, String> {
                let _permit = sem.acquire().await.map_err(|e| e.to_string())?;
                let _t = Tracker::new("in-guarded");
                let x = leaf("x", v).await;
                if x < 0 {
                    return Err(format!("negative {x}"));
                }
                step("ok").await;
                Ok(x * 2)
            }
        }
        lower! {
            pub async fn f(xs: Vec<i32>) -> Result<Vec<i32>, String> {
                let sem = Semaphore::new(1);
                let mut out = vec![];
                for x in xs {
                    out.push(guarded(&sem, x).await?);
                    log(format!("avail {}", sem.available_permits()));
                }
                Ok(out)
            }
        }
    }
    run { pair(f(vec![-5]), f(vec![])) }
}
twin! {
    /// A bounded `mpsc` of `(u32, Tracker)` filled in a loop, the sender dropped, drained by
    /// `while let Some((v, t)) = rx.recv().await` with an await in the body.
    p23_mpsc_fill_then_drain {
        lower! {
            pub async fn f(n: u32) -> Vec<String> {
                let (tx, mut rx) = mpsc::channel::<(u32, Tracker)>(8);
                for i in 0..n {
                    let v = leaf("produce", i).await;
                    tx.send((v, Tracker::new(["m0", "m1", "m2", "m3"][i as usize]))).await.unwrap();
                }
                drop(tx);
                let mut out = vec![];
                while let Some((v, t)) = rx.recv().await {
                    step("consume").await;
                    out.push(format!("{}:{}", v, t.name()));
                }
                out
            }
        }
    }
    run { pair(f(3), f(0)) }
}

twin! {
    /// An unbounded channel: a producer `async move` block owning the sender and a consumer
    /// borrowing the receiver, joined.
    p23_mpsc_unbounded_producer_consumer_join {
        lower! {
            pub async fn f(n: u32) -> (u32, usize) {
                let (tx, mut rx) = mpsc::unbounded_channel::<u32>();
                let _g = Tracker::new("g");
                let producer = async move {
                    for i in 0..n {
                        step("p").await;
                        tx.send(i * 3).unwrap();
                    }
                    log("producer done");
                };
                let consumer = async {
                    let mut s = 0;
                    let mut k = 0;
                    while let Some(x) = rx.recv().await {
                        s += x;
                        k += 1;
                        step("c").await;
                    }
                    (s, k)
                };
                let ((), r) = futures::join!(producer, consumer);
                r
            }
        }
    }
    run { pair(f(3), f(1)) }
}

twin! {
    /// A bounded channel of capacity 1 with the producer and consumer joined: `send(..).await`
    /// waits for room.
    p23_mpsc_capacity_one_backpressure {
        lower! {
            pub async fn f(items: Vec<&'static str>) -> Vec<String> {
                let (tx, mut rx) = mpsc::channel::<Tracker>(1);
                let producer = async move {
                    for name in items {
                        tx.send(Tracker::new(name)).await.unwrap();
                        log(format!("sent {name}"));
                    }
                };
                let consumer = async move {
                    let mut got = vec![];
                    while let Some(t) = rx.recv().await {
                        step("handle").await;
                        got.push(t.name().to_uppercase());
                    }
                    got
                };
                let ((), got) = futures::join!(producer, consumer);
                got
            }
        }
    }
    run { f(vec!["a", "b", "c"]) }
}

twin! {
    /// `try_recv` polling a channel between awaits, `Err(Empty)` then `Err(Disconnected)`.
    p23_mpsc_try_recv_states {
        lower! {
            pub async fn f() -> Vec<String> {
                let (tx, mut rx) = mpsc::channel::<u32>(4);
                let mut out = vec![];
                out.push(format!("{:?}", rx.try_recv()));
                tx.send(leaf("one", 1).await).await.unwrap();
                step("between").await;
                out.push(format!("{:?}", rx.try_recv()));
                out.push(format!("{:?}", rx.try_recv()));
                drop(tx);
                step("closed").await;
                out.push(format!("{:?}", rx.try_recv()));
                out.push(format!("{:?}", rx.recv().await));
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// The receiver dropped first: `send` returns the value back inside the error, matched
    /// and logged after an await.
    p23_mpsc_send_after_receiver_dropped {
        lower! {
            pub async fn f(drop_rx: bool) -> Result<u32, String> {
                let (tx, rx) = mpsc::channel::<Tracker>(2);
                step("made").await;
                if drop_rx {
                    drop(rx);
                    step("rx gone").await;
                }
                match tx.send(Tracker::new("payload")).await {
                    Ok(()) => {
                        step("sent").await;
                        Ok(tx.capacity() as u32)
                    }
                    Err(mpsc::error::SendError(t)) => {
                        step("returned").await;
                        Err(format!("bounced {}", t.name()))
                    }
                }
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// A oneshot whose sender is given to an `async move` block that awaits before sending;
    /// the receiver awaited in a `join!`.
    p23_oneshot_sent_from_async_block {
        lower! {
            pub async fn f(v: u32) -> (u32, Result<u32, String>) {
                let (tx, rx) = oneshot::channel::<u32>();
                let _g = Tracker::new("g");
                let sender = async move {
                    let x = leaf("compute", v * 2).await;
                    tx.send(x).unwrap();
                    x
                };
                let receiver = async { rx.await.map_err(|e| e.to_string()) };
                futures::join!(sender, receiver)
            }
        }
    }
    run { f(21) }
}

twin! {
    /// A oneshot whose sender is dropped on one path: the receiver sees `RecvError`, `?`
    /// through a `String` error.
    p23_oneshot_sender_dropped_question {
        lower! {
            pub async fn f(send: bool) -> Result<String, String> {
                let (tx, rx) = oneshot::channel::<Tracker>();
                let _t = Tracker::new("local");
                step("pre").await;
                if send {
                    tx.send(Tracker::new("one")).map_err(|_| "full".to_string())?;
                } else {
                    drop(tx);
                }
                let t = rx.await.map_err(|e| format!("recv: {e}"))?;
                step("got").await;
                Ok(t.name().to_string())
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A request/response server over `mpsc` with a `oneshot` per request (enum messages
    /// with a `resp` field), a client that awaits each reply, joined with the server.
    p23_request_response_oneshot_per_request {
        pub enum Msg {
            Put { key: u32, val: String, resp: oneshot::Sender<Option<String>> },
            Get { key: u32, resp: oneshot::Sender<Option<String>> },
        }
        lower! {
            pub async fn server(mut rx: mpsc::Receiver<Msg>) -> usize {
                let mut map = BTreeMap::new();
                let mut handled = 0;
                while let Some(m) = rx.recv().await {
                    handled += 1;
                    match m {
                        Msg::Put { key, val, resp } => {
                            step("put").await;
                            let old = map.insert(key, val);
                            let _ = resp.send(old);
                        }
                        Msg::Get { key, resp } => {
                            step("get").await;
                            let _ = resp.send(map.get(&key).cloned());
                        }
                    }
                }
                handled
            }
        }
        lower! {
            pub async fn client(tx: mpsc::Sender<Msg>) -> Vec<Option<String>> {
                let mut out = vec![];
                for (k, v) in [(1, "a"), (2, "b"), (1, "c")] {
                    let (rtx, rrx) = oneshot::channel();
                    tx.send(Msg::Put { key: k, val: v.to_string(), resp: rtx }).await.ok().unwrap();
                    out.push(rrx.await.unwrap());
                }
                let (rtx, rrx) = oneshot::channel();
                tx.send(Msg::Get { key: 1, resp: rtx }).await.ok().unwrap();
                out.push(rrx.await.unwrap());
                out
            }
        }
        lower! {
            pub async fn f() -> (usize, Vec<Option<String>>) {
                let (tx, rx) = mpsc::channel(4);
                let _g = Tracker::new("g");
                futures::join!(server(rx), client(tx))
            }
        }
    }
    run { f() }
}

twin! {
    /// `Notify`: a waiter and a signaller joined; `notify_one` before anyone waits stores
    /// a permit.
    p23_notify_waiter_and_signaller {
        lower! {
            pub async fn f(early: bool) -> (u32, u32) {
                let notify = Notify::new();
                if early {
                    notify.notify_one();
                }
                let _g = Tracker::new("g");
                let waiter = async {
                    notify.notified().await;
                    log("woken");
                    step("after").await;
                    1
                };
                let signaller = async {
                    step("before").await;
                    notify.notify_one();
                    log("signalled");
                    2
                };
                futures::join!(waiter, signaller)
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `Arc<Notify>` moved into an `async move` block that signals after an awaited loop;
    /// `notify_waiters` on a shutdown path.
    p23_notify_arc_shutdown {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let done = Arc::new(Notify::new());
                let seen = Rc::new(RefCell::new(vec![]));
                let d2 = done.clone();
                let s2 = seen.clone();
                let worker = async move {
                    for i in 0..n {
                        let v = leaf("w", i).await;
                        s2.borrow_mut().push(v);
                    }
                    d2.notify_one();
                };
                let watcher = async {
                    let t = Tracker::new("watch");
                    done.notified().await;
                    step("saw").await;
                    drop(t);
                };
                futures::join!(worker, watcher);
                done.notify_waiters();
                let v = seen.borrow().clone();
                v
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A pipeline of three stages connected by bounded channels, each stage an `async move`
    /// block, all joined with `futures::join!`.
    p23_pipeline_three_stages {
        lower! {
            pub async fn f(input: Vec<u32>) -> Vec<String> {
                let (tx1, mut rx1) = mpsc::channel::<u32>(2);
                let (tx2, mut rx2) = mpsc::channel::<(u32, Tracker)>(2);
                let source = async move {
                    for x in input {
                        tx1.send(x).await.unwrap();
                    }
                };
                let square = async move {
                    while let Some(x) = rx1.recv().await {
                        let y = leaf("sq", x * x).await;
                        tx2.send((y, Tracker::new("item"))).await.unwrap();
                    }
                };
                let sink = async move {
                    let mut out = vec![];
                    while let Some((y, t)) = rx2.recv().await {
                        step("sink").await;
                        out.push(format!("{y}"));
                        drop(t);
                    }
                    out
                };
                let ((), (), out) = futures::join!(source, square, sink);
                out
            }
        }
    }
    run { pair(f(vec![1, 2, 3]), f(vec![])) }
}

twin! {
    /// An actor struct with `&mut self` async methods draining a `VecDeque` of enum
    /// messages, `?` on a failing message ends the run.
    p23_actor_queue_of_commands {
        #[derive(Debug)]
        pub enum Cmd { Add(u32), Sub(u32), Note(String), Flush, Fail(&'static str) }
        pub struct Actor { pub total: i64, pub pending: VecDeque<Cmd>, pub journal: Vec<String>, pub guard: Tracker }
        impl Actor {
            lower! {
                pub async fn handle(&mut self, c: Cmd) -> Result<(), String> {
                    match c {
                        Cmd::Add(n) => self.total += leaf("add", n).await as i64,
                        Cmd::Sub(n) => {
                            step("sub").await;
                            self.total -= n as i64;
                        }
                        Cmd::Note(s) => self.journal.push(s),
                        Cmd::Flush => {
                            step("flush").await;
                            self.journal.push(format!("flush {}", self.total));
                        }
                        Cmd::Fail(why) => return Err(why.to_string()),
                    }
                    Ok(())
                }
            }
            lower! {
                pub async fn run(&mut self) -> Result<usize, String> {
                    let mut n = 0;
                    while let Some(c) = self.pending.pop_front() {
                        self.handle(c).await?;
                        n += 1;
                    }
                    Ok(n)
                }
            }
        }
        lower! {
            pub async fn f(fail: bool) -> (Result<usize, String>, i64, Vec<String>, usize) {
                let mut a = Actor { total: 0, pending: VecDeque::new(), journal: vec![], guard: Tracker::new("actor") };
                a.pending.push_back(Cmd::Add(5));
                a.pending.push_back(Cmd::Note("hi".into()));
                if fail {
                    a.pending.push_back(Cmd::Fail("bad"));
                }
                a.pending.push_back(Cmd::Sub(2));
                a.pending.push_back(Cmd::Flush);
                let r = a.run().await;
                step("done").await;
                (r, a.total, a.journal.clone(), a.pending.len())
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// As `p23_mpsc_fill_then_drain`, with other arguments.
    p23_mpsc_fill_then_drain_v2 {
        lower! {
            pub async fn f(n: u32) -> Vec<String> {
                let (tx, mut rx) = mpsc::channel::<(u32, Tracker)>(8);
                for i in 0..n {
                    let v = leaf("produce", i).await;
                    tx.send((v, Tracker::new(["m0", "m1", "m2", "m3"][i as usize]))).await.unwrap();
                }
                drop(tx);
                let mut out = vec![];
                while let Some((v, t)) = rx.recv().await {
                    step("consume").await;
                    out.push(format!("{}:{}", v, t.name()));
                }
                out
            }
        }
    }
    run { f(4) }
}

twin! {
    /// As `p23_mpsc_unbounded_producer_consumer_join`, with other arguments.
    p23_mpsc_unbounded_producer_consumer_join_v2 {
        lower! {
            pub async fn f(n: u32) -> (u32, usize) {
                let (tx, mut rx) = mpsc::unbounded_channel::<u32>();
                let _g = Tracker::new("g");
                let producer = async move {
                    for i in 0..n {
                        step("p").await;
                        tx.send(i * 3).unwrap();
                    }
                    log("producer done");
                };
                let consumer = async {
                    let mut s = 0;
                    let mut k = 0;
                    while let Some(x) = rx.recv().await {
                        s += x;
                        k += 1;
                        step("c").await;
                    }
                    (s, k)
                };
                let ((), r) = futures::join!(producer, consumer);
                r
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// As `p23_mpsc_capacity_one_backpressure`, with other arguments.
    p23_mpsc_capacity_one_backpressure_v2 {
        lower! {
            pub async fn f(items: Vec<&'static str>) -> Vec<String> {
                let (tx, mut rx) = mpsc::channel::<Tracker>(1);
                let producer = async move {
                    for name in items {
                        tx.send(Tracker::new(name)).await.unwrap();
                        log(format!("sent {name}"));
                    }
                };
                let consumer = async move {
                    let mut got = vec![];
                    while let Some(t) = rx.recv().await {
                        step("handle").await;
                        got.push(t.name().to_uppercase());
                    }
                    got
                };
                let ((), got) = futures::join!(producer, consumer);
                got
            }
        }
    }
    run { pair(f(vec![]), f(vec!["x"])) }
}

twin! {
    /// As `p23_oneshot_sent_from_async_block`, with other arguments.
    p23_oneshot_sent_from_async_block_v2 {
        lower! {
            pub async fn f(v: u32) -> (u32, Result<u32, String>) {
                let (tx, rx) = oneshot::channel::<u32>();
                let _g = Tracker::new("g");
                let sender = async move {
                    let x = leaf("compute", v * 2).await;
                    tx.send(x).unwrap();
                    x
                };
                let receiver = async { rx.await.map_err(|e| e.to_string()) };
                futures::join!(sender, receiver)
            }
        }
    }
    run { f(0) }
}

twin! {
    /// As `p23_notify_waiter_and_signaller`, with other arguments.
    p23_notify_waiter_and_signaller_v2 {
        lower! {
            pub async fn f(early: bool) -> (u32, u32) {
                let notify = Notify::new();
                if early {
                    notify.notify_one();
                }
                let _g = Tracker::new("g");
                let waiter = async {
                    notify.notified().await;
                    log("woken");
                    step("after").await;
                    1
                };
                let signaller = async {
                    step("before").await;
                    notify.notify_one();
                    log("signalled");
                    2
                };
                futures::join!(waiter, signaller)
            }
        }
    }
    run { f(true) }
}

twin! {
    /// As `p23_pipeline_three_stages`, with other arguments.
    p23_pipeline_three_stages_v2 {
        lower! {
            pub async fn f(input: Vec<u32>) -> Vec<String> {
                let (tx1, mut rx1) = mpsc::channel::<u32>(2);
                let (tx2, mut rx2) = mpsc::channel::<(u32, Tracker)>(2);
                let source = async move {
                    for x in input {
                        tx1.send(x).await.unwrap();
                    }
                };
                let square = async move {
                    while let Some(x) = rx1.recv().await {
                        let y = leaf("sq", x * x).await;
                        tx2.send((y, Tracker::new("item"))).await.unwrap();
                    }
                };
                let sink = async move {
                    let mut out = vec![];
                    while let Some((y, t)) = rx2.recv().await {
                        step("sink").await;
                        out.push(format!("{y}"));
                        drop(t);
                    }
                    out
                };
                let ((), (), out) = futures::join!(source, square, sink);
                out
            }
        }
    }
    run { f(vec![5, 6, 7, 8]) }
}

twin! {
    /// As `p23_actor_queue_of_commands`, with other arguments.
    p23_actor_queue_of_commands_v2 {
        #[derive(Debug)]
        pub enum Cmd { Add(u32), Sub(u32), Note(String), Flush, Fail(&'static str) }
        pub struct Actor { pub total: i64, pub pending: VecDeque<Cmd>, pub journal: Vec<String>, pub guard: Tracker }
        impl Actor {
            lower! {
                pub async fn handle(&mut self, c: Cmd) -> Result<(), String> {
                    match c {
                        Cmd::Add(n) => self.total += leaf("add", n).await as i64,
                        Cmd::Sub(n) => {
                            step("sub").await;
                            self.total -= n as i64;
                        }
                        Cmd::Note(s) => self.journal.push(s),
                        Cmd::Flush => {
                            step("flush").await;
                            self.journal.push(format!("flush {}", self.total));
                        }
                        Cmd::Fail(why) => return Err(why.to_string()),
                    }
                    Ok(())
                }
            }
            lower! {
                pub async fn run(&mut self) -> Result<usize, String> {
                    let mut n = 0;
                    while let Some(c) = self.pending.pop_front() {
                        self.handle(c).await?;
                        n += 1;
                    }
                    Ok(n)
                }
            }
        }
        lower! {
            pub async fn f(fail: bool) -> (Result<usize, String>, i64, Vec<String>, usize) {
                let mut a = Actor { total: 0, pending: VecDeque::new(), journal: vec![], guard: Tracker::new("actor") };
                a.pending.push_back(Cmd::Add(5));
                a.pending.push_back(Cmd::Note("hi".into()));
                if fail {
                    a.pending.push_back(Cmd::Fail("bad"));
                }
                a.pending.push_back(Cmd::Sub(2));
                a.pending.push_back(Cmd::Flush);
                let r = a.run().await;
                step("done").await;
                (r, a.total, a.journal.clone(), a.pending.len())
            }
        }
    }
    run { f(true) }
}
twin! {
    /// `Arc<Mutex<Vec<..>>>` clones moved into `async move` blocks collected in a `Vec` and
    /// run with `join_all`.
    p23_join_all_arc_mutex_clones {
        lower! {
            pub async fn f(n: u32) -> (Vec<u32>, Vec<u32>) {
                let shared = Arc::new(Mutex::new(Vec::new()));
                let _g = Tracker::new("g");
                let mut tasks = Vec::new();
                for i in 0..n {
                    let shared = Arc::clone(&shared);
                    tasks.push(async move {
                        let v = leaf("job", i * 10).await;
                        let mut g = shared.lock().await;
                        g.push(v);
                        step("locked").await;
                        g.len() as u32
                    });
                }
                let lens = futures::future::join_all(tasks).await;
                step("joined").await;
                let mut all = shared.lock().await.clone();
                all.sort();
                (lens, all)
            }
        }
    }
    run { pair(f(3), f(0)) }
}

twin! {
    /// A counter behind `Arc<Mutex<u32>>` incremented by two joined `async move` blocks
    /// that each hold the guard across an await (the second waits for the lock).
    p23_join_contended_mutex {
        lower! {
            pub async fn f() -> (u32, u32, u32) {
                let c = Arc::new(Mutex::new(0u32));
                let inc = |name: &'static str, by: u32| {
                    let c = c.clone();
                    async move {
                        let mut g = c.lock().await;
                        let t = Tracker::new(name);
                        step(name).await;
                        *g += by;
                        drop(t);
                        *g
                    }
                };
                let (a, b) = futures::join!(inc("first", 1), inc("second", 10));
                let total = *c.lock().await;
                (a, b, total)
            }
        }
    }
    run { f() }
}

twin! {
    /// `FuturesUnordered` of boxed jobs drained with `StreamExt::next` in a `while let`,
    /// a tracker per job and an await in the loop body.
    p23_futures_unordered_drain {
        lower! {
            pub async fn f(ids: Vec<u32>) -> Vec<u32> {
                let mut set = futures::stream::FuturesUnordered::new();
                for id in ids {
                    set.push(Box::pin(async move {
                        let t = Tracker::new("job");
                        let v = leaf("j", id).await;
                        drop(t);
                        v * 2
                    }));
                }
                let mut out = vec![];
                while let Some(v) = set.next().await {
                    step("handle").await;
                    out.push(v);
                }
                out.sort();
                out
            }
        }
    }
    run { pair(f(vec![1, 2, 3]), f(vec![])) }
}

twin! {
    /// A worker pool: a `VecDeque` of jobs, at most `k` in flight in a `FuturesUnordered`,
    /// refilled as each finishes; results behind `Rc<RefCell<..>>`.
    p23_worker_pool_bounded_in_flight {
        lower! {
            pub async fn work(id: u32, out: Rc<RefCell<Vec<u32>>>) -> u32 {
                let _t = Tracker::new("worker");
                let v = leaf("work", id).await;
                out.borrow_mut().push(v);
                step("done").await;
                v
            }
        }
        lower! {
            pub async fn f(k: usize) -> (u32, Vec<u32>) {
                let mut jobs: VecDeque<u32> = (1..=5).collect();
                let out = Rc::new(RefCell::new(Vec::new()));
                let mut running = futures::stream::FuturesUnordered::new();
                let mut sum = 0;
                loop {
                    while running.len() < k {
                        match jobs.pop_front() {
                            Some(j) => running.push(work(j, out.clone())),
                            None => break,
                        }
                    }
                    match running.next().await {
                        Some(v) => sum += v,
                        None => break,
                    }
                }
                let v = out.borrow().clone();
                (sum, v)
            }
        }
    }
    run { pair(f(2), f(1)) }
}

twin! {
    /// `futures::future::select` of two pinned leaves, matching `Either` and finishing the
    /// loser afterwards.
    p23_select_either_finish_loser {
        use futures::future::Either;
        lower! {
            pub async fn f(a: u32, b: u32) -> (String, u32) {
                let _g = Tracker::new("g");
                let fa = std::pin::pin!(leaf("a", a));
                let fb = std::pin::pin!(leaf("b", b));
                match futures::future::select(fa, fb).await {
                    Either::Left((x, rest)) => {
                        step("left won").await;
                        let y = rest.await;
                        (format!("left {x}"), y)
                    }
                    Either::Right((y, rest)) => {
                        let x = rest.await;
                        (format!("right {y}"), x)
                    }
                }
            }
        }
    }
    run { pair(f(1, 2), f(3, 4)) }
}

twin! {
    /// `select` between a job and a oneshot-based cancel signal; the losing future (holding
    /// a tracker) dropped at the end of the arm.
    p23_select_job_vs_cancel {
        use futures::future::Either;
        lower! {
            pub async fn job(n: u32) -> u32 {
                let _t = Tracker::new("job");
                let mut s = 0;
                for i in 0..n {
                    s += leaf("tick", i).await;
                }
                s
            }
        }
        lower! {
            pub async fn f(cancel: bool) -> String {
                let (tx, rx) = oneshot::channel::<()>();
                if cancel {
                    tx.send(()).unwrap();
                } else {
                    std::mem::forget(tx);
                }
                let j = Box::pin(job(3));
                match futures::future::select(j, rx).await {
                    Either::Left((s, _rx)) => {
                        step("finished").await;
                        format!("sum {s}")
                    }
                    Either::Right((r, j)) => {
                        log(format!("cancel {:?}", r.is_ok()));
                        drop(j);
                        step("cancelled").await;
                        "cancelled".to_string()
                    }
                }
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `future::ready`, `future::lazy` and `Either` as a future picked on a condition.
    p23_ready_and_either_future {
        use futures::future::{Either, ready};
        lower! {
            pub async fn f(cached: Option<u32>) -> u32 {
                let _t = Tracker::new("t");
                let fut = match cached {
                    Some(v) => Either::Left(ready(v)),
                    None => Either::Right(leaf("fetch", 40)),
                };
                let v = fut.await;
                let w = ready(v + 1).await;
                step("end").await;
                w + futures::future::lazy(|_| 1).await
            }
        }
    }
    run { pair(f(Some(5)), f(None)) }
}

twin! {
    /// `stream::iter(..).then(..)` with a lowered fn per item, collected, then a `fold`.
    p23_stream_iter_then_collect_fold {
        lower! {
            pub async fn lookup(k: u32) -> String {
                let v = leaf("lookup", k * 3).await;
                format!("k{k}={v}")
            }
        }
        lower! {
            pub async fn f(keys: Vec<u32>) -> (Vec<String>, u32) {
                let _g = Tracker::new("g");
                let names: Vec<String> = futures::stream::iter(keys.clone()).then(lookup).collect().await;
                step("mid").await;
                let total = futures::stream::iter(keys)
                    .then(|k| async move { leaf("w", k).await })
                    .fold(0, |acc, x| async move { acc + x })
                    .await;
                (names, total)
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// A pinned stream consumed with `while let Some(..) = st.next().await`, the loop left
    /// with `break` on a value, a guard alive in the body.
    p23_stream_next_loop_break {
        lower! {
            pub async fn f(limit: u32) -> Vec<u32> {
                let mut st = std::pin::pin!(futures::stream::iter(1..10u32).then(|i| leaf("item", i)));
                let mut out = vec![];
                while let Some(x) = st.next().await {
                    let _g = Tracker::new("g");
                    if x > limit {
                        step("over").await;
                        break;
                    }
                    out.push(x);
                }
                out
            }
        }
    }
    run { pair(f(2), f(20)) }
}

twin! {
    /// A token-bucket rate limiter struct with `&mut self` async `acquire` that waits
    /// (steps) for refills, used in a loop of requests.
    p23_rate_limiter_token_bucket {
        pub struct Limiter { pub tokens: u32, pub cap: u32, pub waits: u32 }
        impl Limiter {
            lower! {
                pub async fn acquire(&mut self) {
                    while self.tokens == 0 {
                        self.waits += 1;
                        step("refill").await;
                        self.tokens = self.cap;
                    }
                    self.tokens -= 1;
                }
            }
        }
        lower! {
            pub async fn f(cap: u32, n: u32) -> (Vec<u32>, u32) {
                let mut lim = Limiter { tokens: cap, cap, waits: 0 };
                let _t = Tracker::new("t");
                let mut served = vec![];
                for i in 0..n {
                    lim.acquire().await;
                    served.push(leaf("req", i).await);
                }
                (served, lim.waits)
            }
        }
    }
    run { pair(f(2, 5), f(1, 3)) }
}

twin! {
    /// A rate limiter built on a `Semaphore` whose permits are `forget`-ten per request and
    /// `add_permits`-ed back on a refill.
    p23_rate_limiter_semaphore_refill {
        lower! {
            pub async fn f(n: u32) -> (Vec<u32>, u32) {
                let sem = Semaphore::new(2);
                let mut refills = 0;
                let mut out = vec![];
                for i in 0..n {
                    if sem.available_permits() == 0 {
                        step("refill").await;
                        sem.add_permits(2);
                        refills += 1;
                    }
                    let p = sem.acquire().await.unwrap();
                    p.forget();
                    out.push(leaf("req", i).await);
                }
                (out, refills)
            }
        }
    }
    run { f(5) }
}

twin! {
    /// A shared cache `Arc<RwLock<BTreeMap>>`: read guard checked, dropped, a miss loaded
    /// with an await and written back under a write guard; `?` on a failed load.
    p23_rwlock_cache_read_then_write {
        lower! {
            pub async fn get(cache: &RwLock<BTreeMap<u32, String>>, k: u32) -> Result<String, String> {
                {
                    let r = cache.read().await;
                    if let Some(v) = r.get(&k) {
                        return Ok(v.clone());
                    }
                }
                let loaded = leaf("load", k).await;
                if loaded == 0 {
                    return Err("zero".into());
                }
                let mut w = cache.write().await;
                let v = w.entry(k).or_insert_with(|| format!("v{loaded}")).clone();
                step("stored").await;
                Ok(v)
            }
        }
        lower! {
            pub async fn f(keys: Vec<u32>) -> Result<Vec<String>, String> {
                let cache = Arc::new(RwLock::new(BTreeMap::new()));
                let _t = Tracker::new("t");
                let mut out = vec![];
                for k in keys {
                    out.push(get(&cache, k).await?);
                }
                out.push(format!("{}", cache.read().await.len()));
                Ok(out)
            }
        }
    }
    run { pair(f(vec![1, 2, 1]), f(vec![3, 0, 4])) }
}

twin! {
    /// An `&mut self` method holding `self`'s `tokio::sync::Mutex` guard across an await and
    /// returning a value computed from it.
    p23_struct_with_mutex_field_method {
        pub struct Account { pub bal: Mutex<i64>, pub hist: std::sync::Mutex<Vec<String>>, pub g: Tracker }
        impl Account {
            lower! {
                pub async fn deposit(&self, amt: i64) -> i64 {
                    let mut b = self.bal.lock().await;
                    step("audit").await;
                    *b += amt;
                    self.hist.lock().unwrap().push(format!("+{amt}"));
                    *b
                }
            }
            lower! {
                pub async fn withdraw(&self, amt: i64) -> Result<i64, String> {
                    let mut b = self.bal.lock().await;
                    if *b < amt {
                        return Err(format!("short by {}", amt - *b));
                    }
                    let fee = leaf("fee", 1).await;
                    *b -= amt + fee;
                    self.hist.lock().unwrap().push(format!("-{amt}"));
                    Ok(*b)
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<Result<i64, String>>, Vec<String>) {
                let acc = Account { bal: Mutex::new(0), hist: std::sync::Mutex::new(vec![]), g: Tracker::new("acct") };
                let mut out = vec![];
                out.push(Ok(acc.deposit(10).await));
                out.push(acc.withdraw(4).await);
                out.push(acc.withdraw(100).await);
                let (x, y) = futures::join!(acc.deposit(1), acc.withdraw(2));
                out.push(Ok(x));
                out.push(y);
                let h = acc.hist.lock().unwrap().clone();
                (out, h)
            }
        }
    }
    run { f() }
}

twin! {
    /// An `Arc<Mutex<VecDeque<Job>>>` work queue drained by two joined workers, each popping
    /// under the lock and releasing it before awaiting the job.
    p23_shared_queue_two_workers {
        lower! {
            pub async fn worker(name: &'static str, q: Arc<Mutex<VecDeque<(u32, Tracker)>>>) -> Vec<String> {
                let mut done = vec![];
                loop {
                    let job = {
                        let mut g = q.lock().await;
                        g.pop_front()
                    };
                    let Some((id, t)) = job else { break };
                    let r = leaf(name, id).await;
                    done.push(format!("{name}:{r}:{}", t.name()));
                }
                done
            }
        }
        lower! {
            pub async fn f() -> (Vec<String>, Vec<String>) {
                let q = Arc::new(Mutex::new(VecDeque::new()));
                for (i, n) in ["q1", "q2", "q3", "q4"].into_iter().enumerate() {
                    q.lock().await.push_back((i as u32, Tracker::new(n)));
                }
                futures::join!(worker("w1", q.clone()), worker("w2", q.clone()))
            }
        }
    }
    run { f() }
}

twin! {
    /// As `p23_join_all_arc_mutex_clones`, with other arguments.
    p23_join_all_arc_mutex_clones_v2 {
        lower! {
            pub async fn f(n: u32) -> (Vec<u32>, Vec<u32>) {
                let shared = Arc::new(Mutex::new(Vec::new()));
                let _g = Tracker::new("g");
                let mut tasks = Vec::new();
                for i in 0..n {
                    let shared = Arc::clone(&shared);
                    tasks.push(async move {
                        let v = leaf("job", i * 10).await;
                        let mut g = shared.lock().await;
                        g.push(v);
                        step("locked").await;
                        g.len() as u32
                    });
                }
                let lens = futures::future::join_all(tasks).await;
                step("joined").await;
                let mut all = shared.lock().await.clone();
                all.sort();
                (lens, all)
            }
        }
    }
    run { f(1) }
}

twin! {
    /// As `p23_futures_unordered_drain`, with other arguments.
    p23_futures_unordered_drain_v2 {
        lower! {
            pub async fn f(ids: Vec<u32>) -> Vec<u32> {
                let mut set = futures::stream::FuturesUnordered::new();
                for id in ids {
                    set.push(Box::pin(async move {
                        let t = Tracker::new("job");
                        let v = leaf("j", id).await;
                        drop(t);
                        v * 2
                    }));
                }
                let mut out = vec![];
                while let Some(v) = set.next().await {
                    step("handle").await;
                    out.push(v);
                }
                out.sort();
                out
            }
        }
    }
    run { f(vec![4]) }
}

twin! {
    /// As `p23_worker_pool_bounded_in_flight`, with other arguments.
    p23_worker_pool_bounded_in_flight_v2 {
        lower! {
            pub async fn work(id: u32, out: Rc<RefCell<Vec<u32>>>) -> u32 {
                let _t = Tracker::new("worker");
                let v = leaf("work", id).await;
                out.borrow_mut().push(v);
                step("done").await;
                v
            }
        }
        lower! {
            pub async fn f(k: usize) -> (u32, Vec<u32>) {
                let mut jobs: VecDeque<u32> = (1..=5).collect();
                let out = Rc::new(RefCell::new(Vec::new()));
                let mut running = futures::stream::FuturesUnordered::new();
                let mut sum = 0;
                loop {
                    while running.len() < k {
                        match jobs.pop_front() {
                            Some(j) => running.push(work(j, out.clone())),
                            None => break,
                        }
                    }
                    match running.next().await {
                        Some(v) => sum += v,
                        None => break,
                    }
                }
                let v = out.borrow().clone();
                (sum, v)
            }
        }
    }
    run { pair(f(3), f(9)) }
}

twin! {
    /// As `p23_select_either_finish_loser`, with other arguments.
    p23_select_either_finish_loser_v2 {
        use futures::future::Either;
        lower! {
            pub async fn f(a: u32, b: u32) -> (String, u32) {
                let _g = Tracker::new("g");
                let fa = std::pin::pin!(leaf("a", a));
                let fb = std::pin::pin!(leaf("b", b));
                match futures::future::select(fa, fb).await {
                    Either::Left((x, rest)) => {
                        step("left won").await;
                        let y = rest.await;
                        (format!("left {x}"), y)
                    }
                    Either::Right((y, rest)) => {
                        let x = rest.await;
                        (format!("right {y}"), x)
                    }
                }
            }
        }
    }
    run { f(0, 0) }
}

twin! {
    /// As `p23_stream_next_loop_break`, with other arguments.
    p23_stream_next_loop_break_v2 {
        lower! {
            pub async fn f(limit: u32) -> Vec<u32> {
                let mut st = std::pin::pin!(futures::stream::iter(1..10u32).then(|i| leaf("item", i)));
                let mut out = vec![];
                while let Some(x) = st.next().await {
                    let _g = Tracker::new("g");
                    if x > limit {
                        step("over").await;
                        break;
                    }
                    out.push(x);
                }
                out
            }
        }
    }
    run { pair(f(0), f(5)) }
}

twin! {
    /// As `p23_rate_limiter_token_bucket`, with other arguments.
    p23_rate_limiter_token_bucket_v2 {
        pub struct Limiter { pub tokens: u32, pub cap: u32, pub waits: u32 }
        impl Limiter {
            lower! {
                pub async fn acquire(&mut self) {
                    while self.tokens == 0 {
                        self.waits += 1;
                        step("refill").await;
                        self.tokens = self.cap;
                    }
                    self.tokens -= 1;
                }
            }
        }
        lower! {
            pub async fn f(cap: u32, n: u32) -> (Vec<u32>, u32) {
                let mut lim = Limiter { tokens: cap, cap, waits: 0 };
                let _t = Tracker::new("t");
                let mut served = vec![];
                for i in 0..n {
                    lim.acquire().await;
                    served.push(leaf("req", i).await);
                }
                (served, lim.waits)
            }
        }
    }
    run { pair(f(3, 0), f(5, 5)) }
}

twin! {
    /// As `p23_rwlock_cache_read_then_write`, with other arguments.
    p23_rwlock_cache_read_then_write_v2 {
        lower! {
            pub async fn get(cache: &RwLock<BTreeMap<u32, String>>, k: u32) -> Result<String, String> {
                {
                    let r = cache.read().await;
                    if let Some(v) = r.get(&k) {
                        return Ok(v.clone());
                    }
                }
                let loaded = leaf("load", k).await;
                if loaded == 0 {
                    return Err("zero".into());
                }
                let mut w = cache.write().await;
                let v = w.entry(k).or_insert_with(|| format!("v{loaded}")).clone();
                step("stored").await;
                Ok(v)
            }
        }
        lower! {
            pub async fn f(keys: Vec<u32>) -> Result<Vec<String>, String> {
                let cache = Arc::new(RwLock::new(BTreeMap::new()));
                let _t = Tracker::new("t");
                let mut out = vec![];
                for k in keys {
                    out.push(get(&cache, k).await?);
                }
                out.push(format!("{}", cache.read().await.len()));
                Ok(out)
            }
        }
    }
    run { pair(f(vec![0]), f(vec![2, 2, 2])) }
}
twin! {
    /// `while let Some(j) = q.lock().await.pop_front()`: the guard is a temporary of the
    /// scrutinee and lives through the body's await (edition 2024 keeps it to the end of
    /// the body), so a `try_lock` inside the body fails.
    p23_while_let_lock_pop_guard_in_body {
        lower! {
            pub async fn f() -> Vec<String> {
                let q = Mutex::new(VecDeque::from(vec![(1u32, Tracker::new("j1")), (2, Tracker::new("j2"))]));
                let mut out = vec![];
                while let Some((id, t)) = q.lock().await.pop_front() {
                    let busy = q.try_lock().is_err();
                    step("job").await;
                    out.push(format!("{id} {} busy={busy}", t.name()));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard temporary in an `if` condition (`if m.lock().await.is_empty()`): dropped
    /// before the then-block awaits, so the block can lock again.
    p23_lock_in_if_condition {
        lower! {
            pub async fn f(seed: Vec<u32>) -> Vec<u32> {
                let m = Mutex::new(seed);
                let _t = Tracker::new("t");
                if m.lock().await.is_empty() {
                    let v = leaf("fill", 9).await;
                    m.lock().await.push(v);
                } else {
                    step("nonempty").await;
                    m.lock().await.push(0);
                }
                let n = m.lock().await.len();
                step("n").await;
                let mut v = m.into_inner();
                v.push(n as u32);
                v
            }
        }
    }
    run { pair(f(vec![]), f(vec![5])) }
}

twin! {
    /// A guard temporary in a `match` scrutinee (`match m.lock().await.get(..)`) living
    /// through arms that await; `try_lock` inside the arms shows it.
    p23_lock_in_match_scrutinee_arms_await {
        lower! {
            pub async fn f(k: usize) -> String {
                let m = Mutex::new(vec![String::from("zero"), String::from("one")]);
                let s = match m.lock().await.get(k) {
                    Some(s) => {
                        step("hit").await;
                        format!("{s} locked={}", m.try_lock().is_err())
                    }
                    None => {
                        let d = leaf("default", "none").await;
                        format!("{d} locked={}", m.try_lock().is_err())
                    }
                };
                step("after").await;
                format!("{s} / free={}", m.try_lock().is_ok())
            }
        }
    }
    run { pair(f(1), f(7)) }
}

twin! {
    /// `m.lock().await.push(leaf(..).await)`: the guard is taken before the argument is
    /// awaited; `*m.lock().await += leaf(..).await` on a primitive awaits the operand first.
    p23_lock_then_awaited_argument_order {
        lower! {
            pub async fn f() -> (Vec<u32>, u32, Vec<String>) {
                let m = Mutex::new(vec![]);
                let c = Mutex::new(1u32);
                let seen = RefCell::new(vec![]);
                m.lock().await.push(leaf("arg", 3).await);
                *c.lock().await += {
                    seen.borrow_mut().push(format!("rhs c free={}", c.try_lock().is_ok()));
                    leaf("rhs", 4).await
                };
                m.lock().await.push({
                    seen.borrow_mut().push(format!("arg m free={}", m.try_lock().is_ok()));
                    leaf("arg2", 5).await
                });
                let total = *c.lock().await;
                (m.into_inner(), total, seen.into_inner())
            }
        }
    }
    run { f() }
}

twin! {
    /// `let v = m.lock().await.clone();` (the guard a temporary of the `let`) and a guard
    /// temporary in a tail expression of a block that ends before an await.
    p23_lock_temporary_in_let_and_tail {
        lower! {
            pub async fn f() -> (Vec<u32>, usize, bool) {
                let m = Arc::new(Mutex::new(vec![1u32, 2]));
                let v = m.lock().await.clone();
                step("copied").await;
                let n = {
                    let extra = leaf("extra", 3).await;
                    m.lock().await.push(extra);
                    m.lock().await.len()
                };
                step("counted").await;
                let free = m.try_lock().is_ok();
                (v, n, free)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Arc<Mutex<..>>::lock_owned()`: an `OwnedMutexGuard` moved into an `async move`
    /// block that holds it across an await, awaited later; `try_lock` sees it in between.
    p23_owned_guard_moved_into_async_block {
        lower! {
            pub async fn f() -> (bool, Vec<&'static str>, bool) {
                let m = Arc::new(Mutex::new(vec!["a"]));
                let g = m.clone().lock_owned().await;
                let job = async move {
                    let mut g = g;
                    step("in job").await;
                    g.push("b");
                    let _t = Tracker::new("job-t");
                    step("job end").await;
                };
                let held = m.try_lock().is_err();
                step("before job").await;
                job.await;
                let free = m.try_lock().is_ok();
                let v = m.lock().await.clone();
                (held, v, free)
            }
        }
    }
    run { f() }
}

twin! {
    /// `MutexGuard::map` to a field of the locked struct held across an await, and
    /// `RwLockWriteGuard::downgrade` to a read guard.
    p23_guard_map_and_downgrade {
        pub struct State { pub name: String, pub hits: u32, pub t: Tracker }
        lower! {
            pub async fn f() -> (u32, String, usize) {
                let m = Mutex::new(State { name: "s".into(), hits: 0, t: Tracker::new("state") });
                let mut hits = tokio::sync::MutexGuard::map(m.lock().await, |s| &mut s.hits);
                *hits += leaf("hit", 2).await;
                step("mapped").await;
                let h = *hits;
                drop(hits);
                let rw = RwLock::new(vec![1u32]);
                let mut w = rw.write().await;
                w.push(leaf("push", 2).await);
                let r = w.downgrade();
                let also = rw.try_read().is_ok();
                step("downgraded").await;
                let n = r.len() + also as usize;
                drop(r);
                let st = m.into_inner();
                (h, format!("{} {}", st.name, st.t.name()), n)
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::sync::Barrier` with two parties joined; one is the leader.
    p23_barrier_two_parties {
        lower! {
            pub async fn f() -> (bool, bool) {
                let b = tokio::sync::Barrier::new(2);
                let _g = Tracker::new("g");
                let a = async {
                    let t = Tracker::new("a");
                    step("a work").await;
                    let r = b.wait().await.is_leader();
                    drop(t);
                    r
                };
                let c = async {
                    let r = b.wait().await.is_leader();
                    step("c after").await;
                    r
                };
                let (x, y) = futures::join!(a, c);
                (x, y)
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::sync::OnceCell::get_or_init` with an async initialiser awaited twice (the
    /// second call reuses the value), and `get_or_try_init` failing with `?`.
    p23_once_cell_get_or_init {
        lower! {
            pub async fn f(fail: bool) -> Result<(u32, u32, String), String> {
                let cell = tokio::sync::OnceCell::new();
                let a = *cell.get_or_init(|| async { leaf("init", 41).await + 1 }).await;
                let b = *cell.get_or_init(|| async { leaf("again", 0).await }).await;
                let other: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::new();
                let s = other.get_or_try_init(|| async {
                    step("try").await;
                    if fail { Err("nope".to_string()) } else { Ok("yes".to_string()) }
                }).await?.clone();
                Ok((a, b, s))
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `tokio::sync::watch`: a config channel whose value is replaced and read with
    /// `borrow()` between awaits, `changed().await` after a send.
    p23_watch_config_updates {
        lower! {
            pub async fn f() -> Vec<String> {
                let (tx, mut rx) = tokio::sync::watch::channel(String::from("v0"));
                let mut seen = vec![rx.borrow().clone()];
                step("start").await;
                tx.send(leaf("v1", String::from("v1")).await).unwrap();
                rx.changed().await.unwrap();
                seen.push(rx.borrow_and_update().clone());
                tx.send_modify(|s| s.push('!'));
                let changed = rx.has_changed().unwrap();
                step("modified").await;
                seen.push(format!("{} {}", *rx.borrow(), changed));
                drop(tx);
                seen.push(format!("{:?}", rx.changed().await.is_err()));
                seen
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::sync::broadcast` with `Arc<Tracker>` messages and two receivers read after
    /// the sends, one lagging behind a small capacity.
    p23_broadcast_two_receivers {
        lower! {
            pub async fn f() -> (Vec<&'static str>, Vec<String>) {
                let (tx, mut r1) = tokio::sync::broadcast::channel::<Arc<Tracker>>(2);
                let mut r2 = tx.subscribe();
                for name in ["b1", "b2", "b3"] {
                    let t = Arc::new(Tracker::new(name));
                    step("send").await;
                    tx.send(t).unwrap();
                }
                let mut a = vec![];
                while let Ok(t) = r1.try_recv() {
                    a.push(t.name());
                }
                drop(tx);
                let mut b = vec![];
                loop {
                    match r2.recv().await {
                        Ok(t) => b.push(t.name().to_string()),
                        Err(e) => {
                            b.push(format!("{e}"));
                            if matches!(e, tokio::sync::broadcast::error::RecvError::Closed) {
                                break;
                            }
                        }
                    }
                    step("r2").await;
                }
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// `mpsc::Sender::reserve().await?` for a permit, the value built with an await after
    /// reserving, then `permit.send(v)`; the receiver drained with `recv_many`.
    p23_mpsc_reserve_then_send_recv_many {
        lower! {
            pub async fn f(n: u32) -> Result<Vec<u32>, String> {
                let (tx, mut rx) = mpsc::channel::<u32>(4);
                for i in 0..n {
                    let permit = tx.reserve().await.map_err(|e| e.to_string())?;
                    let v = leaf("build", i * 7).await;
                    permit.send(v);
                }
                drop(tx);
                let mut buf = Vec::new();
                let mut rounds = 0;
                while rx.recv_many(&mut buf, 2).await > 0 {
                    rounds += 1;
                    step("batch").await;
                }
                buf.push(rounds);
                Ok(buf)
            }
        }
    }
    run { pair(f(3), f(0)) }
}

twin! {
    /// An actor handle: a struct holding an `mpsc::Sender` whose `&self` async methods send
    /// a request with a oneshot and await the reply, the actor loop joined beside it.
    p23_actor_handle_with_oneshot_replies {
        pub enum Req { Incr(u32, oneshot::Sender<u32>), Read(oneshot::Sender<u32>) }
        pub struct Handle { pub tx: mpsc::Sender<Req> }
        impl Handle {
            lower! {
                pub async fn incr(&self, by: u32) -> Option<u32> {
                    let (rtx, rrx) = oneshot::channel();
                    self.tx.send(Req::Incr(by, rtx)).await.ok()?;
                    rrx.await.ok()
                }
            }
            lower! {
                pub async fn read(&self) -> Option<u32> {
                    let (rtx, rrx) = oneshot::channel();
                    self.tx.send(Req::Read(rtx)).await.ok()?;
                    step("await reply").await;
                    rrx.await.ok()
                }
            }
        }
        lower! {
            pub async fn actor(mut rx: mpsc::Receiver<Req>) -> u32 {
                let _t = Tracker::new("actor");
                let mut count = 0;
                while let Some(req) = rx.recv().await {
                    match req {
                        Req::Incr(by, reply) => {
                            count += leaf("apply", by).await;
                            let _ = reply.send(count);
                        }
                        Req::Read(reply) => {
                            let _ = reply.send(count);
                        }
                    }
                }
                count
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<Option<u32>>) {
                let (tx, rx) = mpsc::channel(2);
                let h = Handle { tx };
                let client = async move {
                    let mut out = vec![];
                    out.push(h.incr(2).await);
                    out.push(h.incr(3).await);
                    out.push(h.read().await);
                    out
                };
                futures::join!(actor(rx), client)
            }
        }
    }
    run { f() }
}

twin! {
    /// A connection pool limited by a semaphore: a `Conn` struct holding its
    /// `SemaphorePermit<'_>` and a tracker, returned from a lowered fn and dropped at the
    /// end of each use.
    p23_pool_conn_holds_permit {
        pub struct Conn<'a> { pub id: u32, pub _permit: tokio::sync::SemaphorePermit<'a>, pub t: Tracker }
        lower! {
            pub async fn connect<'a>(sem: &'a Semaphore, id: u32) -> Result<Conn<'a>, String> {
                let permit = sem.acquire().await.map_err(|e| e.to_string())?;
                step("dial").await;
                Ok(Conn { id, _permit: permit, t: Tracker::new(["c0", "c1", "c2"][id as usize % 3]) })
            }
        }
        lower! {
            pub async fn f() -> Result<Vec<(u32, usize)>, String> {
                let sem = Semaphore::new(2);
                let mut out = vec![];
                let a = connect(&sem, 0).await?;
                out.push((a.id, sem.available_permits()));
                {
                    let b = connect(&sem, 1).await?;
                    out.push((b.id, sem.available_permits()));
                    step("using b").await;
                }
                let c = connect(&sem, 2).await?;
                out.push((c.id, sem.available_permits()));
                drop(a);
                step("dropped a").await;
                out.push((c.id + 10, sem.available_permits()));
                Ok(out)
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::select!` with `biased;` in a loop between a channel's `recv()` and a step,
    /// breaking on `None`.
    p23_tokio_select_biased_loop {
        lower! {
            pub async fn f() -> Vec<String> {
                let (tx, mut rx) = mpsc::unbounded_channel::<u32>();
                tx.send(1).unwrap();
                tx.send(2).unwrap();
                drop(tx);
                let mut out = vec![];
                let _g = Tracker::new("g");
                loop {
                    tokio::select! {
                        biased;
                        m = rx.recv() => match m {
                            Some(v) => out.push(format!("msg {v}")),
                            None => break,
                        },
                        _ = step("tick") => out.push("tick".to_string()),
                    }
                    step("loop").await;
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::future::try_join_all` over lowered calls that lock a shared mutex; one
    /// failing call cancels the rest.
    p23_try_join_all_with_mutex {
        lower! {
            pub async fn charge(m: Arc<Mutex<i64>>, amt: i64) -> Result<i64, String> {
                let _t = Tracker::new("charge");
                let v = leaf("amt", amt).await;
                if v < 0 {
                    return Err(format!("bad {v}"));
                }
                let mut g = m.lock().await;
                *g += v;
                step("charged").await;
                Ok(*g)
            }
        }
        lower! {
            pub async fn f(amts: Vec<i64>) -> (Result<Vec<i64>, String>, i64) {
                let m = Arc::new(Mutex::new(0i64));
                let r = futures::future::try_join_all(amts.into_iter().map(|a| charge(m.clone(), a))).await;
                let total = *m.lock().await;
                (r, total)
            }
        }
    }
    run { pair(f(vec![1, 2, 3]), f(vec![1, -2, 3])) }
}

twin! {
    /// `futures::stream::iter(..).map(..).buffer_unordered(2)` of async blocks locking a
    /// shared mutex, collected and sorted.
    p23_buffer_unordered_with_mutex {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<u32>) {
                let m = Arc::new(Mutex::new(Vec::new()));
                let mut r: Vec<u32> = futures::stream::iter(1..=4u32)
                    .map(|i| {
                        let m = m.clone();
                        async move {
                            let v = leaf("item", i * i).await;
                            m.lock().await.push(v);
                            v
                        }
                    })
                    .buffer_unordered(2)
                    .collect()
                    .await;
                r.sort();
                step("end").await;
                let mut all = m.lock().await.clone();
                all.sort();
                (r, all)
            }
        }
    }
    run { f() }
}

twin! {
    /// As `p23_lock_in_if_condition`, with other arguments.
    p23_lock_in_if_condition_v2 {
        lower! {
            pub async fn f(seed: Vec<u32>) -> Vec<u32> {
                let m = Mutex::new(seed);
                let _t = Tracker::new("t");
                if m.lock().await.is_empty() {
                    let v = leaf("fill", 9).await;
                    m.lock().await.push(v);
                } else {
                    step("nonempty").await;
                    m.lock().await.push(0);
                }
                let n = m.lock().await.len();
                step("n").await;
                let mut v = m.into_inner();
                v.push(n as u32);
                v
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// As `p23_lock_in_match_scrutinee_arms_await`, with other arguments.
    p23_lock_in_match_scrutinee_arms_await_v2 {
        lower! {
            pub async fn f(k: usize) -> String {
                let m = Mutex::new(vec![String::from("zero"), String::from("one")]);
                let s = match m.lock().await.get(k) {
                    Some(s) => {
                        step("hit").await;
                        format!("{s} locked={}", m.try_lock().is_err())
                    }
                    None => {
                        let d = leaf("default", "none").await;
                        format!("{d} locked={}", m.try_lock().is_err())
                    }
                };
                step("after").await;
                format!("{s} / free={}", m.try_lock().is_ok())
            }
        }
    }
    run { f(0) }
}

twin! {
    /// As `p23_once_cell_get_or_init`, with other arguments.
    p23_once_cell_get_or_init_v2 {
        lower! {
            pub async fn f(fail: bool) -> Result<(u32, u32, String), String> {
                let cell = tokio::sync::OnceCell::new();
                let a = *cell.get_or_init(|| async { leaf("init", 41).await + 1 }).await;
                let b = *cell.get_or_init(|| async { leaf("again", 0).await }).await;
                let other: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::new();
                let s = other.get_or_try_init(|| async {
                    step("try").await;
                    if fail { Err("nope".to_string()) } else { Ok("yes".to_string()) }
                }).await?.clone();
                Ok((a, b, s))
            }
        }
    }
    run { f(true) }
}

twin! {
    /// As `p23_mpsc_reserve_then_send_recv_many`, with other arguments.
    p23_mpsc_reserve_then_send_recv_many_v2 {
        lower! {
            pub async fn f(n: u32) -> Result<Vec<u32>, String> {
                let (tx, mut rx) = mpsc::channel::<u32>(4);
                for i in 0..n {
                    let permit = tx.reserve().await.map_err(|e| e.to_string())?;
                    let v = leaf("build", i * 7).await;
                    permit.send(v);
                }
                drop(tx);
                let mut buf = Vec::new();
                let mut rounds = 0;
                while rx.recv_many(&mut buf, 2).await > 0 {
                    rounds += 1;
                    step("batch").await;
                }
                buf.push(rounds);
                Ok(buf)
            }
        }
    }
    run { pair(f(4), f(1)) }
}

twin! {
    /// As `p23_try_join_all_with_mutex`, with other arguments.
    p23_try_join_all_with_mutex_v2 {
        lower! {
            pub async fn charge(m: Arc<Mutex<i64>>, amt: i64) -> Result<i64, String> {
                let _t = Tracker::new("charge");
                let v = leaf("amt", amt).await;
                if v < 0 {
                    return Err(format!("bad {v}"));
                }
                let mut g = m.lock().await;
                *g += v;
                step("charged").await;
                Ok(*g)
            }
        }
        lower! {
            pub async fn f(amts: Vec<i64>) -> (Result<Vec<i64>, String>, i64) {
                let m = Arc::new(Mutex::new(0i64));
                let r = futures::future::try_join_all(amts.into_iter().map(|a| charge(m.clone(), a))).await;
                let total = *m.lock().await;
                (r, total)
            }
        }
    }
    run { pair(f(vec![-1]), f(vec![])) }
}
twin! {
    /// `futures::join!(producer, consumer);` as a statement on two local `async` blocks
    /// that share a channel (both return `()`).
    p23_join_statement_local_blocks {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let (tx, mut rx) = mpsc::unbounded_channel::<u32>();
                let out = RefCell::new(vec![]);
                let producer = async move {
                    for i in 0..n {
                        tx.send(leaf("p", i).await).unwrap();
                    }
                };
                let consumer = async {
                    while let Some(x) = rx.recv().await {
                        out.borrow_mut().push(x);
                    }
                };
                futures::join!(producer, consumer);
                step("after").await;
                out.into_inner()
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `tokio::join!(a, b);` as a statement on a local future and a call.
    p23_tokio_join_statement_local_future {
        lower! {
            pub async fn f() -> usize {
                let m = Mutex::new(vec![]);
                let a = async {
                    m.lock().await.push(leaf("a", 1).await);
                };
                tokio::join!(a, async {
                    step("b").await;
                    m.lock().await.push(2);
                });
                let n = m.lock().await.len();
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A local `async` block awaited once with a guard taken inside it; `let _ = join!(..)`
    /// of two calls afterwards.
    p23_join_let_underscore_calls {
        lower! {
            pub async fn bump(m: &Mutex<u32>, by: u32) -> u32 {
                let mut g = m.lock().await;
                step("bump").await;
                *g += by;
                *g
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let m = Mutex::new(0);
                let _ = futures::join!(bump(&m, 1), bump(&m, 2));
                let (a, b) = futures::join!(bump(&m, 10), bump(&m, 20));
                step("end").await;
                a + b + *m.lock().await
            }
        }
    }
    run { f() }
}

twin! {
    /// Two producers each owning a `Sender` clone in `join_all`, the original dropped, the
    /// receiver drained after.
    p23_mpsc_cloned_senders_join_all {
        lower! {
            pub async fn f() -> Vec<String> {
                let (tx, mut rx) = mpsc::channel::<String>(8);
                let mut producers = vec![];
                for name in ["pa", "pb"] {
                    let tx = tx.clone();
                    producers.push(async move {
                        for i in 0..2 {
                            let v = leaf(name, i).await;
                            tx.send(format!("{name}{v}")).await.unwrap();
                        }
                    });
                }
                drop(tx);
                futures::future::join_all(producers).await;
                let mut out = vec![];
                while let Some(s) = rx.recv().await {
                    out.push(s);
                }
                out.sort();
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// An event loop over `rx.recv().await` matching enum events, a guard per event, `break`
    /// on `Quit` and on `None`, `?` on a bad event.
    p23_event_loop_match_recv {
        #[derive(Debug)]
        pub enum Ev { Key(char), Click(u32, u32), Quit, Bad(&'static str) }
        lower! {
            pub async fn f(evs: Vec<Ev>) -> Result<String, String> {
                let (tx, mut rx) = mpsc::unbounded_channel();
                for e in evs {
                    tx.send(e).unwrap();
                }
                drop(tx);
                let _session = Tracker::new("session");
                let mut typed = String::new();
                loop {
                    match rx.recv().await {
                        Some(Ev::Key(c)) => {
                            let _g = Tracker::new("key");
                            step("key").await;
                            typed.push(c);
                        }
                        Some(Ev::Click(x, y)) => typed.push_str(&format!("@{}", leaf("click", x * y).await)),
                        Some(Ev::Bad(why)) => return Err(why.to_string()),
                        Some(Ev::Quit) => {
                            step("quit").await;
                            break;
                        }
                        None => break,
                    }
                }
                Ok(typed)
            }
        }
    }
    run { pair(f(vec![Ev::Key('a'), Ev::Click(2, 3), Ev::Key('b'), Ev::Quit, Ev::Key('z')]), f(vec![Ev::Key('x'), Ev::Bad("boom")])) }
}

twin! {
    /// A bank with two `tokio::sync::Mutex` accounts locked in id order for a transfer,
    /// both guards held across an await, `?` on insufficient funds.
    p23_bank_transfer_two_mutexes {
        pub struct Bank { pub accts: Vec<Mutex<i64>>, pub audit: Tracker }
        impl Bank {
            lower! {
                pub async fn transfer(&self, from: usize, to: usize, amt: i64) -> Result<(i64, i64), String> {
                    let (lo, hi) = if from < to { (from, to) } else { (to, from) };
                    let mut a = self.accts[lo].lock().await;
                    let mut b = self.accts[hi].lock().await;
                    let (src, dst) = if from < to { (&mut *a, &mut *b) } else { (&mut *b, &mut *a) };
                    if *src < amt {
                        return Err(format!("insufficient: {} < {amt}", *src));
                    }
                    step("ledger").await;
                    *src -= amt;
                    *dst += amt;
                    Ok((*src, *dst))
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<Result<(i64, i64), String>>, Vec<i64>) {
                let bank = Bank { accts: vec![Mutex::new(100), Mutex::new(5), Mutex::new(0)], audit: Tracker::new("audit") };
                let mut out = vec![];
                out.push(bank.transfer(0, 1, 30).await);
                out.push(bank.transfer(1, 0, 100).await);
                out.push(bank.transfer(1, 2, 35).await);
                let (x, y) = futures::join!(bank.transfer(0, 2, 1), bank.transfer(2, 0, 2));
                out.push(x);
                out.push(y);
                let mut bal = vec![];
                for a in &bank.accts {
                    bal.push(*a.lock().await);
                }
                (out, bal)
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::select_biased!` over two fused, pinned leaves in a loop until `complete`.
    p23_select_biased_macro_loop {
        use futures::FutureExt;
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = std::pin::pin!(leaf("a", 1).fuse());
                let mut b = std::pin::pin!(leaf("b", 2).fuse());
                let _g = Tracker::new("g");
                let mut out = vec![];
                loop {
                    futures::select_biased! {
                        x = a => out.push(x),
                        y = b => out.push(y * 10),
                        complete => break,
                    }
                    step("turn").await;
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A wrapper struct holding a `tokio::sync::MutexGuard` and a tracker, with `Drop`
    /// logging, kept across awaits and dropped by scope end.
    p23_guard_wrapper_struct_with_drop {
        pub struct Held<'a> { pub g: tokio::sync::MutexGuard<'a, Vec<u32>>, pub name: &'static str }
        impl Drop for Held<'_> {
            fn drop(&mut self) {
                log(format!("release {} len={}", self.name, self.g.len()));
            }
        }
        lower! {
            pub async fn f() -> usize {
                let m = Mutex::new(vec![]);
                {
                    let mut h = Held { g: m.lock().await, name: "first" };
                    h.g.push(leaf("a", 1).await);
                    step("held").await;
                    h.g.push(2);
                }
                step("between").await;
                let h2 = Held { g: m.lock().await, name: "second" };
                let n = h2.g.len();
                step("end").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard alive in a `for` loop body with `continue` and `break` paths that await.
    p23_guard_in_loop_continue_break {
        lower! {
            pub async fn f(xs: Vec<i32>) -> (Vec<i32>, i32) {
                let m = Mutex::new(0i32);
                let mut kept = vec![];
                for x in xs {
                    let mut g = m.lock().await;
                    let _t = Tracker::new("iter");
                    if x < 0 {
                        step("skip").await;
                        continue;
                    }
                    if x > 100 {
                        step("stop").await;
                        break;
                    }
                    *g += leaf("add", x).await;
                    kept.push(x);
                }
                let total = *m.lock().await;
                (kept, total)
            }
        }
    }
    run { pair(f(vec![1, -2, 3, 200, 4]), f(vec![5])) }
}

twin! {
    /// A `Mutex<Option<Tracker>>` slot: `take()` under the lock, the taken value kept
    /// across awaits after the guard drops; the slot refilled.
    p23_mutex_option_take_refill {
        lower! {
            pub async fn f() -> Vec<String> {
                let slot = Mutex::new(Some(Tracker::new("first")));
                let mut out = vec![];
                let taken = slot.lock().await.take();
                step("taken").await;
                out.push(format!("{:?}", taken));
                *slot.lock().await = Some(leaf("refill", Tracker("second")).await);
                step("refilled").await;
                let again = slot.lock().await.replace(Tracker::new("third"));
                out.push(format!("{:?}", again));
                drop(taken);
                step("end").await;
                out.push(format!("{:?}", slot.lock().await.as_ref().map(|t| t.name())));
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `oneshot::Receiver` polled with `try_recv` between steps until the value arrives
    /// from a joined block.
    p23_oneshot_try_recv_poll_loop {
        lower! {
            pub async fn f() -> (u32, u32) {
                let (tx, mut rx) = oneshot::channel::<u32>();
                let sender = async move {
                    step("s1").await;
                    step("s2").await;
                    let _ = tx.send(7);
                };
                let poller = async {
                    let mut tries = 0;
                    loop {
                        match rx.try_recv() {
                            Ok(v) => break (v, tries),
                            Err(oneshot::error::TryRecvError::Empty) => {
                                tries += 1;
                                step("poll").await;
                            }
                            Err(oneshot::error::TryRecvError::Closed) => break (0, tries),
                        }
                    }
                };
                let ((), r) = futures::join!(sender, poller);
                (r.0, (r.1 > 0) as u32)
            }
        }
    }
    run { f() }
}

twin! {
    /// A chat room: a `Vec<UnboundedSender<String>>` of clients, a broadcast loop sending to
    /// each (dropping closed ones), then each client's inbox drained.
    p23_chat_room_fanout {
        lower! {
            pub async fn f() -> (usize, Vec<Vec<String>>) {
                let mut senders = vec![];
                let mut inboxes = vec![];
                for _ in 0..3 {
                    let (tx, rx) = mpsc::unbounded_channel::<String>();
                    senders.push(tx);
                    inboxes.push(rx);
                }
                drop(inboxes.remove(1));
                for msg in ["hi", "bye"] {
                    let m = leaf("msg", msg).await;
                    senders.retain(|s| s.send(m.to_string()).is_ok());
                    step("fanout").await;
                }
                let live = senders.len();
                drop(senders);
                let mut got = vec![];
                for mut rx in inboxes {
                    let mut v = vec![];
                    while let Some(s) = rx.recv().await {
                        v.push(s);
                    }
                    got.push(v);
                }
                (live, got)
            }
        }
    }
    run { f() }
}

twin! {
    /// A pub/sub broker: `RwLock<BTreeMap<topic, Vec<Sender>>>`, subscribe under a write
    /// guard, publish under a read guard with an await while it is held.
    p23_pubsub_rwlock_topics {
        pub struct Broker { pub topics: RwLock<BTreeMap<&'static str, Vec<mpsc::UnboundedSender<String>>>> }
        impl Broker {
            lower! {
                pub async fn subscribe(&self, topic: &'static str) -> mpsc::UnboundedReceiver<String> {
                    let (tx, rx) = mpsc::unbounded_channel();
                    self.topics.write().await.entry(topic).or_default().push(tx);
                    rx
                }
            }
            lower! {
                pub async fn publish(&self, topic: &'static str, msg: &str) -> usize {
                    let r = self.topics.read().await;
                    let Some(subs) = r.get(topic) else { return 0 };
                    step("fan").await;
                    subs.iter().filter(|s| s.send(msg.to_string()).is_ok()).count()
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<usize>, Vec<String>) {
                let b = Broker { topics: RwLock::new(BTreeMap::new()) };
                let mut r1 = b.subscribe("news").await;
                let mut r2 = b.subscribe("news").await;
                let _r3 = b.subscribe("ads").await;
                let mut counts = vec![];
                counts.push(b.publish("news", "a").await);
                counts.push(b.publish("none", "b").await);
                drop(_r3);
                counts.push(b.publish("ads", "c").await);
                drop(b);
                let mut got = vec![];
                while let Some(m) = r1.recv().await {
                    got.push(format!("r1 {m}"));
                }
                while let Some(m) = r2.recv().await {
                    got.push(format!("r2 {m}"));
                }
                (counts, got)
            }
        }
    }
    run { f() }
}

twin! {
    /// As `p23_event_loop_match_recv`, with other arguments.
    p23_event_loop_match_recv_v2 {
        #[derive(Debug)]
        pub enum Ev { Key(char), Click(u32, u32), Quit, Bad(&'static str) }
        lower! {
            pub async fn f(evs: Vec<Ev>) -> Result<String, String> {
                let (tx, mut rx) = mpsc::unbounded_channel();
                for e in evs {
                    tx.send(e).unwrap();
                }
                drop(tx);
                let _session = Tracker::new("session");
                let mut typed = String::new();
                loop {
                    match rx.recv().await {
                        Some(Ev::Key(c)) => {
                            let _g = Tracker::new("key");
                            step("key").await;
                            typed.push(c);
                        }
                        Some(Ev::Click(x, y)) => typed.push_str(&format!("@{}", leaf("click", x * y).await)),
                        Some(Ev::Bad(why)) => return Err(why.to_string()),
                        Some(Ev::Quit) => {
                            step("quit").await;
                            break;
                        }
                        None => break,
                    }
                }
                Ok(typed)
            }
        }
    }
    run { pair(f(vec![]), f(vec![Ev::Click(1, 1), Ev::Bad("late"), Ev::Quit])) }
}

twin! {
    /// As `p23_guard_in_loop_continue_break`, with other arguments.
    p23_guard_in_loop_continue_break_v2 {
        lower! {
            pub async fn f(xs: Vec<i32>) -> (Vec<i32>, i32) {
                let m = Mutex::new(0i32);
                let mut kept = vec![];
                for x in xs {
                    let mut g = m.lock().await;
                    let _t = Tracker::new("iter");
                    if x < 0 {
                        step("skip").await;
                        continue;
                    }
                    if x > 100 {
                        step("stop").await;
                        break;
                    }
                    *g += leaf("add", x).await;
                    kept.push(x);
                }
                let total = *m.lock().await;
                (kept, total)
            }
        }
    }
    run { pair(f(vec![-1, -1]), f(vec![300, 1])) }
}
twin! {
    /// A pipeline struct of stages (`Vec` of enum stages) applied to each item with an
    /// `&mut self` method, a per-stage counter behind `std::sync::Mutex`.
    p23_pipeline_struct_of_stages {
        #[derive(Debug, Clone, Copy)]
        pub enum Stage { Double, AddOne, Check(u32), Slow }
        pub struct Pipe { pub stages: Vec<Stage>, pub counts: std::sync::Mutex<BTreeMap<String, u32>>, pub t: Tracker }
        impl Pipe {
            lower! {
                pub async fn run_one(&mut self, mut x: u32) -> Result<u32, String> {
                    for s in self.stages.clone() {
                        *self.counts.lock().unwrap().entry(format!("{s:?}")).or_insert(0) += 1;
                        x = match s {
                            Stage::Double => x * 2,
                            Stage::AddOne => leaf("add", x + 1).await,
                            Stage::Check(max) if x > max => return Err(format!("{x} > {max}")),
                            Stage::Check(_) => x,
                            Stage::Slow => {
                                step("slow").await;
                                x
                            }
                        };
                    }
                    Ok(x)
                }
            }
        }
        lower! {
            pub async fn f(xs: Vec<u32>) -> (Vec<Result<u32, String>>, Vec<(String, u32)>) {
                let mut p = Pipe { stages: vec![Stage::Double, Stage::Slow, Stage::AddOne, Stage::Check(10)], counts: Default::default(), t: Tracker::new("pipe") };
                let mut out = vec![];
                for x in xs {
                    out.push(p.run_one(x).await);
                }
                let c = p.counts.lock().unwrap().clone().into_iter().collect();
                (out, c)
            }
        }
    }
    run { f(vec![1, 4, 7, 2]) }
}

twin! {
    /// A sliding-window rate limiter over a `VecDeque` of logical timestamps advanced by
    /// awaited ticks; requests over the limit wait.
    p23_rate_limiter_sliding_window {
        pub struct Window { pub hits: VecDeque<u32>, pub now: u32, pub limit: usize, pub span: u32 }
        impl Window {
            lower! {
                pub async fn admit(&mut self, who: &'static str) -> u32 {
                    loop {
                        while let Some(&t) = self.hits.front() {
                            if self.now - t >= self.span {
                                self.hits.pop_front();
                            } else {
                                break;
                            }
                        }
                        if self.hits.len() < self.limit {
                            self.hits.push_back(self.now);
                            log(format!("admit {who} at {}", self.now));
                            return self.now;
                        }
                        step("tick").await;
                        self.now += 1;
                    }
                }
            }
        }
        lower! {
            pub async fn f(limit: usize) -> Vec<u32> {
                let mut w = Window { hits: VecDeque::new(), now: 0, limit, span: 2 };
                let _g = Tracker::new("limiter");
                let mut times = vec![];
                for who in ["a", "b", "c", "d", "e"] {
                    times.push(w.admit(who).await);
                    leaf("serve", ()).await;
                }
                times
            }
        }
    }
    run { pair(f(2), f(1)) }
}

twin! {
    /// A worker pool over a `VecDeque` of enum jobs: `n` workers as `async` blocks sharing
    /// the queue through `RefCell`, results in a `BTreeMap`, a failing job recorded.
    p23_worker_pool_refcell_queue_join_all {
        #[derive(Debug)]
        pub enum Job { Square(u32), Echo(&'static str), Fail }
        lower! {
            pub async fn f(workers: usize) -> (BTreeMap<usize, String>, usize) {
                let q = RefCell::new(VecDeque::from(vec![Job::Square(3), Job::Echo("hi"), Job::Fail, Job::Square(5), Job::Echo("yo")]));
                let results = RefCell::new(BTreeMap::new());
                let next = Cell::new(0usize);
                let work = |id: usize| {
                    let q = &q;
                    let results = &results;
                    let next = &next;
                    async move {
                        let _t = Tracker::new(["w0", "w1", "w2"][id]);
                        loop {
                            let Some(job) = q.borrow_mut().pop_front() else { break };
                            let k = next.get();
                            next.set(k + 1);
                            let r = match job {
                                Job::Square(n) => format!("{}", leaf("sq", n * n).await),
                                Job::Echo(s) => {
                                    step("echo").await;
                                    s.to_string()
                                }
                                Job::Fail => "failed".to_string(),
                            };
                            results.borrow_mut().insert(k, format!("w{id}:{r}"));
                        }
                    }
                };
                futures::future::join_all((0..workers).map(work)).await;
                let left = q.borrow().len();
                (results.into_inner(), left)
            }
        }
    }
    run { pair(f(2), f(1)) }
}

twin! {
    /// A retry helper around an operation guarded by `Arc<Mutex<u32>>` attempt counter,
    /// released before the backoff await; gives up with `Err` after `max`.
    p23_retry_with_locked_attempts {
        lower! {
            pub async fn attempt(c: &Arc<Mutex<u32>>, ok_at: u32) -> Result<u32, String> {
                let n = {
                    let mut g = c.lock().await;
                    *g += 1;
                    *g
                };
                let r = leaf("try", n).await;
                if r >= ok_at { Ok(r) } else { Err(format!("attempt {r} failed")) }
            }
        }
        lower! {
            pub async fn f(ok_at: u32, max: u32) -> Result<u32, String> {
                let c = Arc::new(Mutex::new(0));
                let _t = Tracker::new("retry");
                let mut last = String::new();
                for i in 0..max {
                    match attempt(&c, ok_at).await {
                        Ok(v) => return Ok(v * 100 + *c.lock().await),
                        Err(e) => {
                            last = e;
                            step(["b0", "b1", "b2", "b3"][i as usize]).await;
                        }
                    }
                }
                Err(last)
            }
        }
    }
    run { pair(f(3, 4), f(9, 2)) }
}

twin! {
    /// A `Drop` struct holding an `OwnedSemaphorePermit`, stored in a `Vec` across awaits,
    /// removed one at a time.
    p23_owned_permits_in_vec {
        pub struct Lease { pub id: u32, pub _p: tokio::sync::OwnedSemaphorePermit }
        impl Drop for Lease {
            fn drop(&mut self) {
                log(format!("lease {} back", self.id));
            }
        }
        lower! {
            pub async fn f() -> Vec<usize> {
                let sem = Arc::new(Semaphore::new(3));
                let mut leases = vec![];
                let mut avail = vec![];
                for id in 0..3 {
                    let p = sem.clone().acquire_owned().await.unwrap();
                    leases.push(Lease { id, _p: p });
                    step("leased").await;
                    avail.push(sem.available_permits());
                }
                let first = leases.remove(0);
                step("removed").await;
                avail.push(sem.available_permits());
                drop(first);
                avail.push(sem.available_permits());
                leases.pop();
                step("popped").await;
                avail.push(sem.available_permits());
                avail
            }
        }
    }
    run { f() }
}

twin! {
    /// `Semaphore`-bounded concurrency: `join_all` of blocks each acquiring a permit from a
    /// shared semaphore of 2, the peak concurrency tracked with `Cell`s.
    p23_semaphore_bounded_join_all_peak {
        lower! {
            pub async fn f(n: u32) -> (u32, u32, Vec<u32>) {
                let sem = Semaphore::new(2);
                let cur = Cell::new(0u32);
                let peak = Cell::new(0u32);
                let jobs = (0..n).map(|i| {
                    let sem = &sem;
                    let cur = &cur;
                    let peak = &peak;
                    async move {
                        let _p = sem.acquire().await.unwrap();
                        cur.set(cur.get() + 1);
                        peak.set(peak.get().max(cur.get()));
                        let v = leaf("job", i).await;
                        step("hold").await;
                        cur.set(cur.get() - 1);
                        v
                    }
                });
                let out = futures::future::join_all(jobs).await;
                (peak.get(), cur.get(), out)
            }
        }
    }
    run { pair(f(4), f(1)) }
}

twin! {
    /// Batching: a loop that waits for one message with `recv().await` and then drains
    /// what is ready with `try_recv`, processing each batch with an await.
    p23_batch_recv_then_try_recv {
        lower! {
            pub async fn f(items: Vec<u32>) -> Vec<Vec<u32>> {
                let (tx, mut rx) = mpsc::channel::<u32>(16);
                for (i, x) in items.into_iter().enumerate() {
                    tx.send(x).await.unwrap();
                    if i % 3 == 2 {
                        step("gap").await;
                    }
                }
                drop(tx);
                let mut batches = vec![];
                while let Some(first) = rx.recv().await {
                    let mut batch = vec![first];
                    while batch.len() < 2 {
                        match rx.try_recv() {
                            Ok(x) => batch.push(x),
                            Err(_) => break,
                        }
                    }
                    let _t = Tracker::new("batch");
                    step("process").await;
                    batches.push(batch);
                }
                batches
            }
        }
    }
    run { pair(f(vec![1, 2, 3, 4, 5]), f(vec![9])) }
}

twin! {
    /// An `&mut self` method that locks a shared `Arc<Mutex>` field and calls another
    /// `&mut self` lowered method while the guard (of the clone) is alive.
    p23_method_locks_field_calls_method {
        pub struct Svc { pub shared: Arc<Mutex<Vec<String>>>, pub calls: u32, pub t: Tracker }
        impl Svc {
            lower! {
                pub async fn note(&mut self, s: &str) -> u32 {
                    self.calls += 1;
                    step("note").await;
                    self.calls
                }
            }
            lower! {
                pub async fn handle(&mut self, req: &'static str) -> Result<usize, String> {
                    let shared = self.shared.clone();
                    let mut g = shared.lock().await;
                    if req.is_empty() {
                        return Err("empty".into());
                    }
                    let n = self.note(req).await;
                    g.push(format!("{req}#{n}"));
                    Ok(g.len())
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<Result<usize, String>>, Vec<String>) {
                let shared = Arc::new(Mutex::new(vec![]));
                let mut s = Svc { shared: shared.clone(), calls: 0, t: Tracker::new("svc") };
                let mut out = vec![];
                for r in ["a", "", "b"] {
                    out.push(s.handle(r).await);
                }
                drop(s);
                let v = shared.lock().await.clone();
                (out, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// A panic inside an `async move` block joined with another that holds a guard: the
    /// join unwinds, dropping both.
    p23_panic_in_joined_block_with_guard {
        lower! {
            pub async fn f() -> u32 {
                let m = Arc::new(Mutex::new(Tracker::new("locked-value")));
                let m2 = m.clone();
                let holder = async move {
                    let g = m2.lock().await;
                    let _t = Tracker::new("holder");
                    step("hold").await;
                    step("hold2").await;
                    g.name().len() as u32
                };
                let crasher = async {
                    let _c = Tracker::new("crasher");
                    step("before").await;
                    boom("crash").await
                };
                let (a, b) = futures::join!(holder, crasher);
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// A `std::sync::Mutex<Vec<..>>` shared by `join_all` blocks, each locking only in
    /// statements between its awaits.
    p23_std_mutex_shared_by_join_all {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let m = Arc::new(std::sync::Mutex::new(vec![]));
                let tasks: Vec<_> = (0..n).map(|i| {
                    let m = Arc::clone(&m);
                    async move {
                        let a = leaf("a", i).await;
                        m.lock().unwrap().push(a);
                        step("mid").await;
                        let len = m.lock().unwrap().len() as u32;
                        m.lock().unwrap().push(100 + len);
                    }
                }).collect();
                futures::future::join_all(tasks).await;
                let mut v = m.lock().unwrap().clone();
                v.sort();
                v
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A state machine actor: `enum Phase { Idle, Busy(Tracker), Done }` in a struct field
    /// driven by messages from a channel, `mem::replace` on transitions.
    p23_actor_phase_state_machine {
        #[derive(Debug)]
        pub enum Phase { Idle, Busy(Tracker, u32), Done(u32) }
        pub enum Msg { Start(u32), Work(u32), Finish }
        pub struct Machine { pub phase: Phase, pub log: Vec<String> }
        impl Machine {
            lower! {
                pub async fn on(&mut self, m: Msg) -> Result<(), String> {
                    let old = std::mem::replace(&mut self.phase, Phase::Idle);
                    self.phase = match (old, m) {
                        (Phase::Idle, Msg::Start(n)) => {
                            step("start").await;
                            Phase::Busy(Tracker::new("job"), n)
                        }
                        (Phase::Busy(t, acc), Msg::Work(k)) => {
                            let v = leaf("work", k).await;
                            Phase::Busy(t, acc + v)
                        }
                        (Phase::Busy(t, acc), Msg::Finish) => {
                            drop(t);
                            step("finish").await;
                            Phase::Done(acc)
                        }
                        (p, _) => {
                            let e = format!("bad transition from {p:?}");
                            self.phase = p;
                            return Err(e);
                        }
                    };
                    self.log.push(format!("{:?}", self.phase));
                    Ok(())
                }
            }
        }
        lower! {
            pub async fn f(msgs: Vec<Msg>) -> (Result<(), String>, Vec<String>) {
                let (tx, mut rx) = mpsc::unbounded_channel();
                for m in msgs {
                    tx.send(m).ok();
                }
                drop(tx);
                let mut mach = Machine { phase: Phase::Idle, log: vec![] };
                let mut r = Ok(());
                while let Some(m) = rx.recv().await {
                    if let Err(e) = mach.on(m).await {
                        r = Err(e);
                        break;
                    }
                }
                (r, mach.log)
            }
        }
    }
    run { pair(f(vec![Msg::Start(1), Msg::Work(2), Msg::Work(3), Msg::Finish]), f(vec![Msg::Start(1), Msg::Work(4), Msg::Start(2), Msg::Finish])) }
}

twin! {
    /// `Rc<RefCell<VecDeque>>` producer/consumer in two joined blocks with a `Notify` to
    /// wake the consumer; the consumer stops at a sentinel.
    p23_rc_refcell_queue_with_notify {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let q = Rc::new(RefCell::new(VecDeque::new()));
                let ready = Rc::new(Notify::new());
                let (q1, r1) = (q.clone(), ready.clone());
                let producer = async move {
                    for i in 1..=n {
                        let v = leaf("make", i).await;
                        q1.borrow_mut().push_back(v);
                        r1.notify_one();
                    }
                    q1.borrow_mut().push_back(0);
                    r1.notify_one();
                };
                let consumer = async {
                    let mut got = vec![];
                    loop {
                        let item = q.borrow_mut().pop_front();
                        match item {
                            Some(0) => break got,
                            Some(v) => got.push(v),
                            None => ready.notified().await,
                        }
                    }
                };
                let ((), got) = futures::join!(producer, consumer);
                got
            }
        }
    }
    run { f(3) }
}

twin! {
    /// As `p23_pipeline_struct_of_stages`, with other arguments.
    p23_pipeline_struct_of_stages_v2 {
        #[derive(Debug, Clone, Copy)]
        pub enum Stage { Double, AddOne, Check(u32), Slow }
        pub struct Pipe { pub stages: Vec<Stage>, pub counts: std::sync::Mutex<BTreeMap<String, u32>>, pub t: Tracker }
        impl Pipe {
            lower! {
                pub async fn run_one(&mut self, mut x: u32) -> Result<u32, String> {
                    for s in self.stages.clone() {
                        *self.counts.lock().unwrap().entry(format!("{s:?}")).or_insert(0) += 1;
                        x = match s {
                            Stage::Double => x * 2,
                            Stage::AddOne => leaf("add", x + 1).await,
                            Stage::Check(max) if x > max => return Err(format!("{x} > {max}")),
                            Stage::Check(_) => x,
                            Stage::Slow => {
                                step("slow").await;
                                x
                            }
                        };
                    }
                    Ok(x)
                }
            }
        }
        lower! {
            pub async fn f(xs: Vec<u32>) -> (Vec<Result<u32, String>>, Vec<(String, u32)>) {
                let mut p = Pipe { stages: vec![Stage::Double, Stage::Slow, Stage::AddOne, Stage::Check(10)], counts: Default::default(), t: Tracker::new("pipe") };
                let mut out = vec![];
                for x in xs {
                    out.push(p.run_one(x).await);
                }
                let c = p.counts.lock().unwrap().clone().into_iter().collect();
                (out, c)
            }
        }
    }
    run { f(vec![0, 5, 100]) }
}

twin! {
    /// As `p23_rate_limiter_sliding_window`, with other arguments.
    p23_rate_limiter_sliding_window_v2 {
        pub struct Window { pub hits: VecDeque<u32>, pub now: u32, pub limit: usize, pub span: u32 }
        impl Window {
            lower! {
                pub async fn admit(&mut self, who: &'static str) -> u32 {
                    loop {
                        while let Some(&t) = self.hits.front() {
                            if self.now - t >= self.span {
                                self.hits.pop_front();
                            } else {
                                break;
                            }
                        }
                        if self.hits.len() < self.limit {
                            self.hits.push_back(self.now);
                            log(format!("admit {who} at {}", self.now));
                            return self.now;
                        }
                        step("tick").await;
                        self.now += 1;
                    }
                }
            }
        }
        lower! {
            pub async fn f(limit: usize) -> Vec<u32> {
                let mut w = Window { hits: VecDeque::new(), now: 0, limit, span: 2 };
                let _g = Tracker::new("limiter");
                let mut times = vec![];
                for who in ["a", "b", "c", "d", "e"] {
                    times.push(w.admit(who).await);
                    leaf("serve", ()).await;
                }
                times
            }
        }
    }
    run { f(3) }
}

twin! {
    /// As `p23_worker_pool_refcell_queue_join_all`, with other arguments.
    p23_worker_pool_refcell_queue_join_all_v2 {
        #[derive(Debug)]
        pub enum Job { Square(u32), Echo(&'static str), Fail }
        lower! {
            pub async fn f(workers: usize) -> (BTreeMap<usize, String>, usize) {
                let q = RefCell::new(VecDeque::from(vec![Job::Square(3), Job::Echo("hi"), Job::Fail, Job::Square(5), Job::Echo("yo")]));
                let results = RefCell::new(BTreeMap::new());
                let next = Cell::new(0usize);
                let work = |id: usize| {
                    let q = &q;
                    let results = &results;
                    let next = &next;
                    async move {
                        let _t = Tracker::new(["w0", "w1", "w2"][id]);
                        loop {
                            let Some(job) = q.borrow_mut().pop_front() else { break };
                            let k = next.get();
                            next.set(k + 1);
                            let r = match job {
                                Job::Square(n) => format!("{}", leaf("sq", n * n).await),
                                Job::Echo(s) => {
                                    step("echo").await;
                                    s.to_string()
                                }
                                Job::Fail => "failed".to_string(),
                            };
                            results.borrow_mut().insert(k, format!("w{id}:{r}"));
                        }
                    }
                };
                futures::future::join_all((0..workers).map(work)).await;
                let left = q.borrow().len();
                (results.into_inner(), left)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// As `p23_retry_with_locked_attempts`, with other arguments.
    p23_retry_with_locked_attempts_v2 {
        lower! {
            pub async fn attempt(c: &Arc<Mutex<u32>>, ok_at: u32) -> Result<u32, String> {
                let n = {
                    let mut g = c.lock().await;
                    *g += 1;
                    *g
                };
                let r = leaf("try", n).await;
                if r >= ok_at { Ok(r) } else { Err(format!("attempt {r} failed")) }
            }
        }
        lower! {
            pub async fn f(ok_at: u32, max: u32) -> Result<u32, String> {
                let c = Arc::new(Mutex::new(0));
                let _t = Tracker::new("retry");
                let mut last = String::new();
                for i in 0..max {
                    match attempt(&c, ok_at).await {
                        Ok(v) => return Ok(v * 100 + *c.lock().await),
                        Err(e) => {
                            last = e;
                            step(["b0", "b1", "b2", "b3"][i as usize]).await;
                        }
                    }
                }
                Err(last)
            }
        }
    }
    run { pair(f(1, 1), f(2, 0)) }
}

twin! {
    /// As `p23_semaphore_bounded_join_all_peak`, with other arguments.
    p23_semaphore_bounded_join_all_peak_v2 {
        lower! {
            pub async fn f(n: u32) -> (u32, u32, Vec<u32>) {
                let sem = Semaphore::new(2);
                let cur = Cell::new(0u32);
                let peak = Cell::new(0u32);
                let jobs = (0..n).map(|i| {
                    let sem = &sem;
                    let cur = &cur;
                    let peak = &peak;
                    async move {
                        let _p = sem.acquire().await.unwrap();
                        cur.set(cur.get() + 1);
                        peak.set(peak.get().max(cur.get()));
                        let v = leaf("job", i).await;
                        step("hold").await;
                        cur.set(cur.get() - 1);
                        v
                    }
                });
                let out = futures::future::join_all(jobs).await;
                (peak.get(), cur.get(), out)
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// As `p23_batch_recv_then_try_recv`, with other arguments.
    p23_batch_recv_then_try_recv_v2 {
        lower! {
            pub async fn f(items: Vec<u32>) -> Vec<Vec<u32>> {
                let (tx, mut rx) = mpsc::channel::<u32>(16);
                for (i, x) in items.into_iter().enumerate() {
                    tx.send(x).await.unwrap();
                    if i % 3 == 2 {
                        step("gap").await;
                    }
                }
                drop(tx);
                let mut batches = vec![];
                while let Some(first) = rx.recv().await {
                    let mut batch = vec![first];
                    while batch.len() < 2 {
                        match rx.try_recv() {
                            Ok(x) => batch.push(x),
                            Err(_) => break,
                        }
                    }
                    let _t = Tracker::new("batch");
                    step("process").await;
                    batches.push(batch);
                }
                batches
            }
        }
    }
    run { pair(f(vec![]), f(vec![1, 2])) }
}

twin! {
    /// As `p23_std_mutex_shared_by_join_all`, with other arguments.
    p23_std_mutex_shared_by_join_all_v2 {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let m = Arc::new(std::sync::Mutex::new(vec![]));
                let tasks: Vec<_> = (0..n).map(|i| {
                    let m = Arc::clone(&m);
                    async move {
                        let a = leaf("a", i).await;
                        m.lock().unwrap().push(a);
                        step("mid").await;
                        let len = m.lock().unwrap().len() as u32;
                        m.lock().unwrap().push(100 + len);
                    }
                }).collect();
                futures::future::join_all(tasks).await;
                let mut v = m.lock().unwrap().clone();
                v.sort();
                v
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// As `p23_actor_phase_state_machine`, with other arguments.
    p23_actor_phase_state_machine_v2 {
        #[derive(Debug)]
        pub enum Phase { Idle, Busy(Tracker, u32), Done(u32) }
        pub enum Msg { Start(u32), Work(u32), Finish }
        pub struct Machine { pub phase: Phase, pub log: Vec<String> }
        impl Machine {
            lower! {
                pub async fn on(&mut self, m: Msg) -> Result<(), String> {
                    let old = std::mem::replace(&mut self.phase, Phase::Idle);
                    self.phase = match (old, m) {
                        (Phase::Idle, Msg::Start(n)) => {
                            step("start").await;
                            Phase::Busy(Tracker::new("job"), n)
                        }
                        (Phase::Busy(t, acc), Msg::Work(k)) => {
                            let v = leaf("work", k).await;
                            Phase::Busy(t, acc + v)
                        }
                        (Phase::Busy(t, acc), Msg::Finish) => {
                            drop(t);
                            step("finish").await;
                            Phase::Done(acc)
                        }
                        (p, _) => {
                            let e = format!("bad transition from {p:?}");
                            self.phase = p;
                            return Err(e);
                        }
                    };
                    self.log.push(format!("{:?}", self.phase));
                    Ok(())
                }
            }
        }
        lower! {
            pub async fn f(msgs: Vec<Msg>) -> (Result<(), String>, Vec<String>) {
                let (tx, mut rx) = mpsc::unbounded_channel();
                for m in msgs {
                    tx.send(m).ok();
                }
                drop(tx);
                let mut mach = Machine { phase: Phase::Idle, log: vec![] };
                let mut r = Ok(());
                while let Some(m) = rx.recv().await {
                    if let Err(e) = mach.on(m).await {
                        r = Err(e);
                        break;
                    }
                }
                (r, mach.log)
            }
        }
    }
    run { pair(f(vec![Msg::Work(1)]), f(vec![Msg::Start(3), Msg::Finish, Msg::Finish])) }
}

twin! {
    /// As `p23_rc_refcell_queue_with_notify`, with other arguments.
    p23_rc_refcell_queue_with_notify_v2 {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let q = Rc::new(RefCell::new(VecDeque::new()));
                let ready = Rc::new(Notify::new());
                let (q1, r1) = (q.clone(), ready.clone());
                let producer = async move {
                    for i in 1..=n {
                        let v = leaf("make", i).await;
                        q1.borrow_mut().push_back(v);
                        r1.notify_one();
                    }
                    q1.borrow_mut().push_back(0);
                    r1.notify_one();
                };
                let consumer = async {
                    let mut got = vec![];
                    loop {
                        let item = q.borrow_mut().pop_front();
                        match item {
                            Some(0) => break got,
                            Some(v) => got.push(v),
                            None => ready.notified().await,
                        }
                    }
                };
                let ((), got) = futures::join!(producer, consumer);
                got
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// Smallest form: `futures::join!(a, b);` as a statement on two local futures.
    p23_min_join_statement_two_locals {
        lower! {
            pub async fn f() -> u32 {
                let a = async { step("a").await; };
                let b = async { step("b").await; };
                futures::join!(a, b);
                3
            }
        }
    }
    run { f() }
}

twin! {
    /// Smallest form: `*m.lock().await += leaf(..).await;` (a compound assignment through
    /// an awaited guard whose operand awaits too).
    p23_min_compound_assign_awaited_guard_and_rhs {
        lower! {
            pub async fn f() -> u32 {
                let c = Mutex::new(1u32);
                *c.lock().await += leaf("rhs", 4).await;
                let v = *c.lock().await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Smallest form: `permit.forget();` then an await in the same scope.
    p23_min_permit_forget_then_await {
        lower! {
            pub async fn f() -> usize {
                let sem = Semaphore::new(3);
                let one = sem.acquire().await.unwrap();
                step("a").await;
                one.forget();
                step("b").await;
                sem.available_permits()
            }
        }
    }
    run { f() }
}

twin! {
    /// Smallest form: an `async move` block looping to a `Copy` parameter, joined with a
    /// block awaiting a borrowed `Arc<Notify>`, the `Notify` used after the join.
    p23_min_async_move_param_beside_borrowing_block {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let done = Arc::new(Notify::new());
                let d2 = done.clone();
                let worker = async move {
                    for _ in 0..n {
                        step("w").await;
                    }
                    d2.notify_one();
                };
                let watcher = async {
                    done.notified().await;
                };
                let ((), ()) = futures::join!(worker, watcher);
                done.notify_waiters();
                3
            }
        }
    }
    run { f(2) }
}

twin! {
    /// `m.lock().await.push({ .. leaf(..).await })`: the guard is taken before the argument
    /// is awaited (a `try_lock` inside the argument sees it held); the `+=` form of
    /// `p23_lock_then_awaited_argument_order` without the compound assignment.
    p23_lock_then_awaited_argument_push_order {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<String>) {
                let m = Mutex::new(vec![]);
                let seen = RefCell::new(vec![]);
                m.lock().await.push(leaf("arg", 3).await);
                m.lock().await.push({
                    seen.borrow_mut().push(format!("arg m free={}", m.try_lock().is_ok()));
                    leaf("arg2", 5).await
                });
                let add = leaf("rhs", 4).await;
                *m.lock().await.first_mut().unwrap() += add;
                (m.into_inner(), seen.into_inner())
            }
        }
    }
    run { f() }
}

twin! {
    /// `MutexGuard::map` to a field held across awaits (the map half of
    /// `p23_guard_map_and_downgrade`, without `downgrade`).
    p23_guard_map_held_across_await {
        pub struct State { pub name: String, pub hits: u32, pub t: Tracker }
        lower! {
            pub async fn f() -> (u32, String) {
                let m = Mutex::new(State { name: "s".into(), hits: 0, t: Tracker::new("state") });
                let mut hits = tokio::sync::MutexGuard::map(m.lock().await, |s| &mut s.hits);
                *hits += leaf("hit", 2).await;
                step("mapped").await;
                let h = *hits;
                drop(hits);
                let st = m.into_inner();
                (h, format!("{} {}", st.name, st.t.name()))
            }
        }
    }
    run { f() }
}

twin! {
    /// `acquire_many` and `try_acquire` while permits are held across an await (the
    /// half of `p23_semaphore_acquire_many_try` without `forget`).
    p23_semaphore_acquire_many_no_forget {
        lower! {
            pub async fn f() -> (bool, bool, usize, usize) {
                let sem = Semaphore::new(3);
                let two = sem.acquire_many(2).await.unwrap();
                let one = sem.acquire().await.unwrap();
                let none = sem.try_acquire().is_err();
                step("all held").await;
                drop(two);
                let again = sem.try_acquire_many(2).is_ok();
                step("dropped two").await;
                drop(one);
                let left = sem.available_permits();
                let _p = sem.acquire().await.unwrap();
                step("end").await;
                (none, again, left, sem.available_permits())
            }
        }
    }
    run { f() }
}
