//! Probe round 27b: shared state and synchronization primitives held across awaits, as in a
//! small server or a worker pool driven inside one task: `tokio::sync::Mutex`/`RwLock`
//! guards held across awaits, as temporaries and in `match`/`if let`/`while let`
//! scrutinees, `std::sync::Mutex` and `RefCell` borrows ending before awaits, `Semaphore`
//! permits, `Notify`, `watch`, `oneshot`, `mpsc` (bounded, `reserve`), `broadcast`,
//! `Arc`/`Rc<RefCell<..>>` shared between lowered calls joined with `join!`/`join_all`/
//! `select_biased!`, `&self` methods over `Arc<Mutex<..>>` fields, pinned futures polled in
//! loops, `StreamExt::next` over trackers, `fuse`, `now_or_never`, and guards released by
//! early `return`/`?`/`break`/panics in native order.
use crate::prelude::*;
#[allow(unused_imports)]
use futures::future::{self as fut, join_all};
#[allow(unused_imports)]
use futures::{FutureExt, StreamExt, join, pin_mut, select_biased, stream};
#[allow(unused_imports)]
use std::cell::{Cell, RefCell};
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::rc::Rc;
#[allow(unused_imports)]
use std::sync::Arc;
#[allow(unused_imports)]
use tokio::sync::{
    Mutex, MutexGuard, Notify, OwnedSemaphorePermit, RwLock, Semaphore, broadcast, mpsc, oneshot, watch,
};

twin! {
    /// A guard held across two awaits while trackers are pushed under it, then `drop(g)`.
    p27b_guard_push_trackers_across_steps {
        lower! {
            pub async fn f(n: u32) -> usize {
                let m = Mutex::new(Vec::new());
                let mut g = m.lock().await;
                g.push(Tracker::new("a"));
                step("s1").await;
                g.push(Tracker::new("b"));
                let x = leaf("x", n).await;
                log(format!("x {x}"));
                drop(g);
                step("s2").await;
                let len = m.lock().await.len();
                len + x as usize
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `m.lock().await.len()` as an operand of a binary op with an await on the right.
    p27b_guard_temp_in_binop {
        lower! {
            pub async fn f() -> usize {
                let m = Mutex::new(vec![Tracker::new("a"), Tracker::new("b")]);
                let n = m.lock().await.len() + leaf("r", 10).await;
                step("after").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let Some(x) = m.lock().await.pop()` with awaits in the then arm; the guard is a
    /// temporary of the scrutinee and lives to the end of the `if let` (edition 2024: not
    /// the else).
    p27b_if_let_pop_guard_scrutinee {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let m = Mutex::new(vec![Tracker::new("a"), Tracker::new("b")]);
                let mut out = vec![];
                if let Some(t) = m.lock().await.pop() {
                    step("then").await;
                    out.push(t.name());
                } else {
                    step("else").await;
                }
                let len = m.lock().await.len();
                log(format!("len {len}"));
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `match m.lock().await.pop()` where an arm awaits while the guard is alive (the
    /// scrutinee temporary), and then locks again after the match.
    p27b_match_pop_guard_alive_in_arm {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let m = Mutex::new(vec![k, k + 1]);
                let r = match m.lock().await.pop() {
                    Some(v) if v > 3 => leaf("big", v * 2).await,
                    Some(v) => { step("small").await; v }
                    None => 0,
                };
                let g = m.lock().await;
                r + g.len() as u32
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// `while let Some(t) = m.lock().await.pop()` (guard a temporary of each iteration's
    /// scrutinee, released at the end of the body) with awaits in the body.
    p27b_while_let_pop_guard {
        lower! {
            pub async fn f() -> u32 {
                let m = Mutex::new(vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")]);
                let mut n = 0;
                while let Some(t) = m.lock().await.pop() {
                    n += leaf("n", 1).await;
                    log(format!("got {}", t.name()));
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct holding the guard logs in its `Drop`: held across awaits, then a panic with
    /// `boom` while it is alive; the unlock is logged before the outer tracker drops.
    p27b_guard_holder_drop_on_boom {
        pub struct Held<'a> { g: MutexGuard<'a, Vec<u32>>, name: &'static str }
        impl Drop for Held<'_> {
            fn drop(&mut self) { log(format!("unlock {} len {}", self.name, self.g.len())); }
        }
        lower! {
            pub async fn f(fail: bool) -> u32 {
                let _outer = Tracker::new("outer");
                let m = Mutex::new(vec![1]);
                let mut h = Held { g: m.lock().await, name: "h" };
                h.g.push(leaf("p", 2).await);
                let _inner = Tracker::new("inner");
                if fail {
                    boom("b").await;
                }
                step("end").await;
                h.g.iter().sum()
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// The guard holder dropped by an early `return` in a loop, with locals declared after
    /// it (they drop first).
    p27b_guard_holder_early_return {
        pub struct Held<'a> { g: MutexGuard<'a, Vec<u32>> }
        impl Drop for Held<'_> {
            fn drop(&mut self) { log(format!("unlock len {}", self.g.len())); }
        }
        lower! {
            pub async fn f(stop: u32) -> u32 {
                let m = Mutex::new(vec![]);
                let mut h = Held { g: m.lock().await };
                let _t = Tracker::new("t");
                for i in 0..5 {
                    let v = leaf("v", i).await;
                    h.g.push(v);
                    if v == stop {
                        let _r = Tracker::new("r");
                        return v * 10;
                    }
                }
                step("end").await;
                h.g.len() as u32
            }
        }
    }
    run { pair(f(2), f(9)) }
}

twin! {
    /// A `?` on a `Result` while the guard is held, in a helper and its caller.
    p27b_guard_question_mark {
        #[derive(Debug)]
        pub struct Full(usize);
        lower! {
            pub async fn add(m: &Mutex<Vec<Tracker>>, name: &'static str, cap: usize) -> Result<usize, Full> {
                let mut g = m.lock().await;
                step("locked").await;
                if g.len() >= cap { Err(Full(g.len()))?; }
                g.push(Tracker::new(name));
                Ok(g.len())
            }
        }
        lower! {
            pub async fn f(cap: usize) -> Result<usize, Full> {
                let m = Mutex::new(vec![]);
                let _t = Tracker::new("t");
                add(&m, "a", cap).await?;
                let n = add(&m, "b", cap).await?;
                step("done").await;
                Ok(n + add(&m, "c", cap).await?)
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// A value taken out under the guard and dropped while the guard is still held.
    p27b_drop_value_while_guard_held {
        lower! {
            pub async fn f() -> usize {
                let m = Mutex::new(VecDeque::from(vec![Tracker::new("a"), Tracker::new("b")]));
                let mut g = m.lock().await;
                let first = g.pop_front();
                step("taken").await;
                drop(first);
                log("after drop first");
                let second = g.pop_front().unwrap();
                step("second").await;
                g.push_back(second);
                let n = g.len();
                drop(g);
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Two guards of two mutexes held together, released in the reverse of the native
    /// scope order by explicit drops.
    p27b_two_guards_reverse_release {
        pub struct Held<'a>(MutexGuard<'a, u32>, &'static str);
        impl Drop for Held<'_> {
            fn drop(&mut self) { log(format!("unlock {} = {}", self.1, *self.0)); }
        }
        lower! {
            pub async fn f(order: bool) -> u32 {
                let a = Mutex::new(1);
                let b = Mutex::new(2);
                let mut ga = Held(a.lock().await, "a");
                let mut gb = Held(b.lock().await, "b");
                *ga.0 += leaf("x", 10).await;
                *gb.0 += leaf("y", 5).await;
                if order { drop(ga); step("mid").await; drop(gb); } else { drop(gb); step("mid").await; drop(ga); }
                let x = *a.lock().await + *b.lock().await;
                x
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `RwLock` read guards held together across an await, then a write guard.
    p27b_rwlock_two_reads_then_write {
        lower! {
            pub async fn f() -> u32 {
                let l = RwLock::new(vec![1u32, 2]);
                let r1 = l.read().await;
                let r2 = l.read().await;
                let s = r1[0] + leaf("s", r2[1]).await;
                drop(r1);
                step("one").await;
                drop(r2);
                let mut w = l.write().await;
                w.push(s);
                step("w").await;
                w.iter().sum()
            }
        }
    }
    run { f() }
}

twin! {
    /// `l.read().await.len()` and `l.write().await.push(..)` as statement temporaries with
    /// an awaited argument.
    p27b_rwlock_temp_guards_with_awaited_arg {
        lower! {
            pub async fn f() -> usize {
                let l = RwLock::new(vec![Tracker::new("a")]);
                l.write().await.push(Tracker::new(leaf("name", "b").await));
                let n = l.read().await.len();
                step("mid").await;
                l.write().await.clear();
                n + l.read().await.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `match &*l.read().await` over a map, with awaits in the arms while the read guard is
    /// alive.
    p27b_rwlock_match_deref_read {
        lower! {
            pub async fn f(key: &'static str) -> u32 {
                let l = RwLock::new(HashMap::from([("a", 1u32), ("b", 2)]));
                let v = match l.read().await.get(key) {
                    Some(v) => leaf("hit", *v).await,
                    None => { step("miss").await; 0 }
                };
                l.write().await.insert(key, v + 1);
                let x = l.read().await[key];
                x
            }
        }
    }
    run { pair(f("a"), f("z")) }
}

twin! {
    /// An `RwLock` write guard mapped with `RwLockWriteGuard::map` held across an await.
    p27b_rwlock_mapped_write_guard {
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let l = RwLock::new((Tracker::new("t"), vec![1u32]));
                let mut v = tokio::sync::RwLockWriteGuard::map(l.write().await, |p| &mut p.1);
                v.push(leaf("x", 7).await);
                step("held").await;
                let s = v.iter().sum();
                drop(v);
                let out = l.read().await.1.clone();
                (s, out)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `downgrade` of a write guard to a read guard across awaits.
    p27b_rwlock_downgrade {
        lower! {
            pub async fn f() -> u32 {
                let l = RwLock::new(5u32);
                let mut w = l.write().await;
                *w += leaf("add", 3).await;
                let r = w.downgrade();
                let r2 = l.read().await;
                step("both").await;
                let s = *r + *r2;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::sync::Mutex` locked in a block that ends before the await; a lock temporary in
    /// a `let` whose statement ends before the await.
    p27b_std_mutex_scoped_before_await {
        lower! {
            pub async fn f() -> usize {
                let m = std::sync::Mutex::new(vec![Tracker::new("a")]);
                {
                    let mut g = m.lock().unwrap();
                    g.push(Tracker::new("b"));
                }
                step("s").await;
                let n = m.lock().unwrap().len();
                let x = leaf("x", n).await;
                m.lock().unwrap().pop();
                step("t").await;
                x + m.lock().unwrap().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `RefCell` borrows ending before awaits, `borrow_mut()` as a statement temporary, a
    /// `replace` returning a tracker dropped after an await.
    p27b_refcell_borrows_between_awaits {
        lower! {
            pub async fn f() -> usize {
                let c = RefCell::new(vec![Tracker::new("a")]);
                c.borrow_mut().push(Tracker::new("b"));
                step("s").await;
                let old = c.replace(vec![Tracker::new("c")]);
                let len = c.borrow().len() + leaf("l", old.len()).await;
                step("t").await;
                drop(old);
                len
            }
        }
    }
    run { f() }
}

twin! {
    /// `Rc<RefCell<Vec<..>>>` shared between two lowered calls joined with `join!`.
    p27b_rc_refcell_join_two_workers {
        lower! {
            pub async fn worker(id: u32, shared: Rc<RefCell<Vec<String>>>) -> u32 {
                let _t = Tracker::new(if id == 1 { "w1" } else { "w2" });
                for i in 0..2 {
                    let v = leaf("w", id * 10 + i).await;
                    shared.borrow_mut().push(format!("{id}:{v}"));
                }
                id
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<String>) {
                let shared = Rc::new(RefCell::new(vec![]));
                let (a, b) = join!(worker(1, shared.clone()), worker(2, Rc::clone(&shared)));
                step("joined").await;
                let v = shared.borrow().clone();
                (a + b, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Arc<Mutex<..>>` contention between joined lowered calls: one holds the guard across
    /// awaits while the other waits in `lock().await`.
    p27b_arc_mutex_contention_join {
        lower! {
            pub async fn holder(m: Arc<Mutex<Vec<u32>>>) -> u32 {
                let mut g = m.lock().await;
                g.push(1);
                step("h1").await;
                g.push(2);
                step("h2").await;
                g.len() as u32
            }
        }
        lower! {
            pub async fn waiter(m: Arc<Mutex<Vec<u32>>>) -> u32 {
                step("w0").await;
                let mut g = m.lock().await;
                log(format!("waiter sees {:?}", *g));
                g.push(3);
                leaf("w", g.len() as u32).await
            }
        }
        lower! {
            pub async fn f() -> (u32, u32, Vec<u32>) {
                let m = Arc::new(Mutex::new(vec![]));
                let (a, b) = join!(holder(m.clone()), waiter(m.clone()));
                let v = m.lock().await.clone();
                (a, b, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// `join_all` of lowered workers sharing an `Arc<Mutex<HashMap>>`, each locking twice.
    p27b_join_all_workers_shared_map {
        lower! {
            pub async fn work(id: u32, m: Arc<Mutex<BTreeMap<u32, Tracker>>>) -> u32 {
                let v = leaf("in", id).await;
                m.lock().await.insert(v, Tracker::new("w"));
                step("between").await;
                let n = m.lock().await.len() as u32;
                n * 100 + id
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let m = Arc::new(Mutex::new(BTreeMap::new()));
                let out = join_all((0..3).map(|i| work(i, m.clone()))).await;
                step("end").await;
                m.lock().await.remove(&1);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Semaphore permits acquired with `acquire().await`, dropped in a different order than
    /// acquired, with a permit-holding struct logging its release.
    p27b_semaphore_permits_release_order {
        pub struct Slot<'a> { _p: tokio::sync::SemaphorePermit<'a>, name: &'static str }
        impl Drop for Slot<'_> {
            fn drop(&mut self) { log(format!("release {}", self.name)); }
        }
        lower! {
            pub async fn f(swap: bool) -> usize {
                let s = Semaphore::new(3);
                let a = Slot { _p: s.acquire().await.unwrap(), name: "a" };
                let b = Slot { _p: s.acquire().await.unwrap(), name: "b" };
                step("both").await;
                log(format!("avail {}", s.available_permits()));
                if swap { drop(a); } else { drop(b); }
                step("one").await;
                let c = Slot { _p: s.acquire().await.unwrap(), name: "c" };
                let n = s.available_permits();
                step("c").await;
                drop(c);
                n
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `try_acquire` failing while permits are held, with a fallback await.
    p27b_semaphore_try_acquire_fallback {
        lower! {
            pub async fn f() -> Vec<bool> {
                let s = Semaphore::new(1);
                let mut out = vec![];
                let p = s.try_acquire();
                out.push(p.is_ok());
                step("held").await;
                match s.try_acquire() {
                    Ok(_q) => { out.push(true); step("got").await; }
                    Err(_) => { out.push(false); leaf("busy", ()).await; }
                }
                drop(p);
                if let Ok(q) = s.try_acquire() {
                    out.push(true);
                    step("q").await;
                    drop(q);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a `try_acquire()` result (a `Result<SemaphorePermit<'_>, _>` borrowing the
    /// semaphore local) held across an await.
    p27b_try_acquire_held_min {
        lower! {
            pub async fn f() -> bool {
                let s = Semaphore::new(1);
                let p = s.try_acquire();
                step("s").await;
                p.is_ok()
            }
        }
    }
    run { f() }
}

twin! {
    /// Probe: a `try_lock()` guard (not awaited) held across an await.
    p27b_try_lock_held_min {
        lower! {
            pub async fn f() -> u32 {
                let m = Mutex::new(1u32);
                let g = m.try_lock().unwrap();
                step("s").await;
                *g
            }
        }
    }
    run { f() }
}

twin! {
    /// `acquire_many` and `forget`, `add_permits`, across awaits.
    p27b_semaphore_acquire_many_forget {
        lower! {
            pub async fn f() -> usize {
                let s = Semaphore::new(4);
                let p = s.acquire_many(3).await.unwrap();
                step("many").await;
                let one = s.acquire().await.unwrap();
                one.forget();
                log(format!("avail {}", s.available_permits()));
                drop(p);
                s.add_permits(leaf("add", 2).await);
                s.available_permits()
            }
        }
    }
    run { f() }
}

twin! {
    /// A worker pool: `join_all` of workers limited by an `Arc<Semaphore>` of 2 permits,
    /// each holding an owned permit across awaits (the third waits).
    p27b_worker_pool_owned_permits {
        lower! {
            pub async fn job(id: u32, s: Arc<Semaphore>) -> u32 {
                let permit = s.clone().acquire_owned().await.unwrap();
                log(format!("start {id}"));
                let _t = Tracker::new("job");
                let v = leaf("work", id * 2).await;
                step("more").await;
                drop(permit);
                log(format!("done {id}"));
                v
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let s = Arc::new(Semaphore::new(2));
                let out = join_all((1..=3).map(|i| job(i, s.clone()))).await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Owned permits collected in a `Vec` across awaits, released by `truncate` and the rest
    /// at the end of scope.
    p27b_owned_permits_in_vec {
        lower! {
            pub async fn f() -> usize {
                let s = Arc::new(Semaphore::new(5));
                let mut held: Vec<OwnedSemaphorePermit> = vec![];
                for _ in 0..4 {
                    held.push(s.clone().acquire_owned().await.unwrap());
                    step("got").await;
                }
                held.truncate(1);
                let n = leaf("avail", s.available_permits()).await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A closed semaphore: `acquire().await` returns `Err` and `?` maps it.
    p27b_semaphore_closed_question {
        #[derive(Debug)]
        pub struct Closed;
        impl From<tokio::sync::AcquireError> for Closed {
            fn from(_: tokio::sync::AcquireError) -> Self { log("map closed"); Closed }
        }
        lower! {
            pub async fn f(close: bool) -> Result<u32, Closed> {
                let _t = Tracker::new("t");
                let s = Semaphore::new(1);
                let v = leaf("v", 4).await;
                if close { s.close(); }
                let _p = s.acquire().await?;
                step("after").await;
                Ok(v)
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `Notify`: `notified()` created and pinned before `notify_one`, awaited later; a
    /// second `notified()` that is never awaited is dropped.
    p27b_notify_created_before_notify {
        lower! {
            pub async fn f() -> u32 {
                let n = Notify::new();
                let waiting = n.notified();
                tokio::pin!(waiting);
                waiting.as_mut().enable();
                let _t = Tracker::new("t");
                step("before").await;
                n.notify_one();
                waiting.await;
                let _unused = n.notified();
                leaf("after", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a `Notified<'_>` (from `n.notified()`, not awaited) held across an await.
    p27b_notified_held_min {
        lower! {
            pub async fn f() -> u32 {
                let n = Notify::new();
                let w = n.notified();
                step("s").await;
                drop(w);
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// `Notify` with a stored permit: `notify_one` before `notified().await`.
    p27b_notify_permit_stored {
        lower! {
            pub async fn f() -> u32 {
                let n = Arc::new(Notify::new());
                let n2 = n.clone();
                n2.notify_one();
                let t = Tracker::new("t");
                step("s").await;
                n.notified().await;
                drop(t);
                leaf("v", 2).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Two joined lowered calls: one waits on `notified()`, the other notifies after
    /// awaits.
    p27b_notify_join_waiter_and_notifier {
        lower! {
            pub async fn waiter(n: Rc<Notify>) -> u32 {
                let _t = Tracker::new("w");
                n.notified().await;
                log("woken");
                leaf("w", 1).await
            }
        }
        lower! {
            pub async fn notifier(n: Rc<Notify>) -> u32 {
                step("n1").await;
                step("n2").await;
                n.notify_waiters();
                log("notified");
                2
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let n = Rc::new(Notify::new());
                let (a, b) = join!(waiter(n.clone()), notifier(n.clone()));
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `watch`: `borrow()` read before an await, `changed().await` in a loop driven by a
    /// joined sender.
    p27b_watch_changed_loop_join {
        lower! {
            pub async fn reader(mut rx: watch::Receiver<u32>) -> Vec<u32> {
                let mut seen = vec![*rx.borrow()];
                while rx.changed().await.is_ok() {
                    let v = *rx.borrow_and_update();
                    seen.push(v);
                    step("saw").await;
                }
                seen
            }
        }
        lower! {
            pub async fn writer(tx: watch::Sender<u32>) -> u32 {
                let _t = Tracker::new("tx");
                for i in 1..=3 {
                    let v = leaf("v", i * 10).await;
                    tx.send(v).unwrap();
                    step("sent").await;
                }
                3
            }
        }
        lower! {
            pub async fn f() -> (Vec<u32>, u32) {
                let (tx, rx) = watch::channel(0);
                join!(reader(rx), writer(tx))
            }
        }
    }
    run { f() }
}

twin! {
    /// `watch::Sender::send_modify` and `borrow()` of a `Vec<Tracker>` value, the borrow
    /// ending before the await.
    p27b_watch_send_modify_trackers {
        lower! {
            pub async fn f() -> usize {
                let (tx, rx) = watch::channel(vec![Tracker::new("a")]);
                tx.send_modify(|v| v.push(Tracker::new("b")));
                step("mod").await;
                let n = rx.borrow().len();
                let old = tx.send_replace(vec![]);
                let k = leaf("k", old.len()).await;
                drop(old);
                step("end").await;
                n + k + rx.borrow().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `watch` sender dropped while the receiver loops on `changed()`: the loop ends with
    /// `Err`.
    p27b_watch_sender_dropped_ends_loop {
        lower! {
            pub async fn f() -> u32 {
                let (tx, mut rx) = watch::channel(1u32);
                let mut tx = Some(tx);
                let mut sum = 0;
                loop {
                    if let Some(t) = &tx {
                        t.send(leaf("n", sum + 1).await).unwrap();
                    }
                    if sum > 3 { tx = None; }
                    match rx.changed().await {
                        Ok(()) => sum += *rx.borrow(),
                        Err(_) => break,
                    }
                    step("loop").await;
                }
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// `oneshot` sent from one joined lowered call and received by another, the value a
    /// tracker.
    p27b_oneshot_tracker_join {
        lower! {
            pub async fn send(tx: oneshot::Sender<Tracker>) -> bool {
                step("prep").await;
                let t = Tracker::new("payload");
                let ok = tx.send(t).is_ok();
                leaf("sent", ok).await
            }
        }
        lower! {
            pub async fn recv(rx: oneshot::Receiver<Tracker>) -> &'static str {
                let _g = Tracker::new("r");
                let t = rx.await.unwrap();
                step("got").await;
                t.name()
            }
        }
        lower! {
            pub async fn f() -> (bool, &'static str) {
                let (tx, rx) = oneshot::channel();
                join!(send(tx), recv(rx))
            }
        }
    }
    run { f() }
}

twin! {
    /// `oneshot` receiver dropped before the send: `send` returns the tracker back in `Err`.
    p27b_oneshot_receiver_dropped_value_back {
        lower! {
            pub async fn f() -> &'static str {
                let (tx, rx) = oneshot::channel();
                step("s").await;
                drop(rx);
                match tx.send(Tracker::new("v")) {
                    Ok(()) => "sent",
                    Err(t) => { leaf("back", ()).await; log(format!("back {}", t.name())); "back" }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `oneshot` sender dropped: `rx.await` is `Err`, mapped with `?` on an `Option`
    /// through `.ok()`.
    p27b_oneshot_sender_dropped_question {
        lower! {
            pub async fn f(send: bool) -> Option<u32> {
                let (tx, rx) = oneshot::channel::<u32>();
                let _t = Tracker::new("t");
                if send { tx.send(leaf("v", 5).await).unwrap(); } else { drop(tx); step("dropped").await; }
                let v = rx.await.ok()?;
                step("after").await;
                Some(v + 1)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Bounded `mpsc`: a producer `send().await`s into a channel of capacity 1 while the
    /// joined consumer drains with `while let Some(t) = rx.recv().await`.
    p27b_mpsc_bounded_producer_consumer {
        lower! {
            pub async fn produce(tx: mpsc::Sender<Tracker>) -> u32 {
                let names = ["a", "b", "c"];
                for n in names {
                    tx.send(Tracker::new(n)).await.unwrap();
                    log(format!("sent {n}"));
                }
                step("done").await;
                3
            }
        }
        lower! {
            pub async fn consume(mut rx: mpsc::Receiver<Tracker>) -> Vec<&'static str> {
                let mut out = vec![];
                while let Some(t) = rx.recv().await {
                    step("handle").await;
                    out.push(t.name());
                }
                out
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<&'static str>) {
                let (tx, rx) = mpsc::channel(1);
                join!(produce(tx), consume(rx))
            }
        }
    }
    run { f() }
}

twin! {
    /// `reserve().await` then `permit.send(..)` with an await between, the permit alive.
    p27b_mpsc_reserve_then_send {
        lower! {
            pub async fn f() -> Vec<u32> {
                let (tx, mut rx) = mpsc::channel(2);
                let p = tx.reserve().await.unwrap();
                let v = leaf("v", 1u32).await;
                p.send(v);
                let p2 = tx.reserve().await.unwrap();
                step("hold").await;
                drop(p2);
                tx.send(leaf("w", 2).await).await.unwrap();
                drop(tx);
                let mut out = vec![];
                while let Some(x) = rx.recv().await {
                    out.push(x);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Unbounded `mpsc` of trackers, the receiver closed with items left (dropped in
    /// order when the receiver drops).
    p27b_mpsc_unbounded_close_leftovers {
        lower! {
            pub async fn f() -> Option<&'static str> {
                let (tx, mut rx) = mpsc::unbounded_channel();
                for n in ["a", "b", "c"] {
                    tx.send(Tracker::new(n)).unwrap();
                    step("s").await;
                }
                let first = rx.recv().await;
                rx.close();
                let r = tx.send(Tracker::new("late"));
                log(format!("late ok {}", r.is_ok()));
                drop(r);
                step("closed").await;
                first.map(|t| t.name())
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0507): a local whose type is inferred (`let req = rx.recv().await.unwrap()`) held in a Partial, its `oneshot::Sender` field moved by `send` (`req.reply.send(v)`): the lowering cannot tell the field is a library type whose `send` takes `self` and calls it through the Partial.
#[cfg(feature = "known-gaps")]
twin! {
    /// Request/response server: requests carry a `oneshot::Sender`, the server loop answers
    /// with awaits; the client awaits the replies.
    p27b_request_response_server {
        pub struct Req { n: u32, reply: oneshot::Sender<u32>, _t: Tracker }
        lower! {
            pub async fn server(mut rx: mpsc::Receiver<Req>) -> u32 {
                let mut handled = 0;
                while let Some(req) = rx.recv().await {
                    let v = leaf("compute", req.n * req.n).await;
                    let _ = req.reply.send(v);
                    handled += 1;
                }
                handled
            }
        }
        lower! {
            pub async fn client(tx: mpsc::Sender<Req>) -> Vec<u32> {
                let mut out = vec![];
                for n in 1..=3 {
                    let (rtx, rrx) = oneshot::channel();
                    tx.send(Req { n, reply: rtx, _t: Tracker::new("req") }).await.unwrap_or_else(|_| panic!("closed"));
                    out.push(rrx.await.unwrap());
                }
                out
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let (tx, rx) = mpsc::channel(1);
                join!(server(rx), client(tx))
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0507): a local whose type is inferred (`let req = rx.recv().await.unwrap()`) held in a Partial, its `oneshot::Sender` field moved by `send` (`req.reply.send(v)`): the lowering cannot tell the field is a library type whose `send` takes `self` and calls it through the Partial.
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: a struct received from a channel (its type inferred, not written), one
    /// field read across an await, then its `oneshot::Sender` field moved by `send`.
    p27b_field_send_after_await_min {
        pub struct Req { n: u32, reply: oneshot::Sender<u32> }
        lower! {
            pub async fn f() -> (bool, Option<u32>) {
                let (tx, mut rx) = oneshot::channel();
                let (qtx, mut qrx) = mpsc::unbounded_channel();
                qtx.send(Req { n: 2, reply: tx }).ok();
                let req = qrx.recv().await.unwrap();
                let v = leaf("v", req.n).await;
                let ok = req.reply.send(v).is_ok();
                (ok, rx.try_recv().ok())
            }
        }
    }
    run { f() }
}

twin! {
    /// `broadcast`: two receivers, one lagging; `recv().await` results matched with awaits
    /// in the arms.
    p27b_broadcast_two_receivers_lag {
        lower! {
            pub async fn f() -> Vec<String> {
                let (tx, mut r1) = broadcast::channel(2);
                let mut r2 = tx.subscribe();
                let mut out = vec![];
                for i in 0..3u32 {
                    tx.send(leaf("v", i).await).unwrap();
                    out.push(format!("r1 {:?}", r1.recv().await));
                }
                loop {
                    match r2.recv().await {
                        Ok(v) => { step("ok").await; out.push(format!("r2 {v}")); }
                        Err(broadcast::error::RecvError::Lagged(n)) => { out.push(format!("lag {n}")); }
                        Err(e) => { out.push(format!("{e:?}")); break; }
                    }
                    if out.len() > 5 { drop(tx); break; }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `broadcast` of `Arc<Tracker>` values: clones live in the receivers until received.
    p27b_broadcast_arc_tracker_values {
        lower! {
            pub async fn f() -> usize {
                let (tx, mut rx) = broadcast::channel(4);
                let t = Arc::new(Tracker::new("shared"));
                tx.send(t.clone()).unwrap();
                tx.send(t.clone()).unwrap();
                drop(t);
                step("sent").await;
                let a = rx.recv().await.unwrap();
                let n = Arc::strong_count(&a);
                drop(tx);
                let b = rx.recv().await.unwrap();
                step("got").await;
                drop(a);
                log(format!("count {}", Arc::strong_count(&b)));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `mpsc::Sender` clones held in a `Vec` across awaits; the channel closes when the last
    /// clone is dropped by `clear`.
    p27b_mpsc_sender_clones_vec_clear {
        lower! {
            pub async fn f() -> Vec<u32> {
                let (tx, mut rx) = mpsc::channel(8);
                let mut senders = vec![tx.clone(), tx.clone()];
                drop(tx);
                for (i, s) in senders.iter().enumerate() {
                    s.send(leaf("v", i as u32).await).await.unwrap();
                }
                senders.clear();
                let mut out = vec![];
                while let Some(v) = rx.recv().await {
                    step("r").await;
                    out.push(v);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A server struct with `Arc<Mutex<..>>` fields and `&self` lowered methods holding a
    /// guard across awaits; two calls joined.
    p27b_server_struct_self_methods_join {
        pub struct Server { conns: Arc<Mutex<Vec<Tracker>>>, hits: Arc<Mutex<u32>> }
        impl Server {
            lower! {
                pub async fn accept(&self, name: &'static str) -> usize {
                    let mut g = self.conns.lock().await;
                    step("accept").await;
                    g.push(Tracker::new(name));
                    *self.hits.lock().await += 1;
                    g.len()
                }
            }
            lower! {
                pub async fn close_one(&self) -> Option<&'static str> {
                    let t = self.conns.lock().await.pop()?;
                    leaf("closing", ()).await;
                    Some(t.name())
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, usize, Option<&'static str>, u32) {
                let s = Server { conns: Arc::new(Mutex::new(vec![])), hits: Arc::new(Mutex::new(0)) };
                let (a, b) = join!(s.accept("c1"), s.accept("c2"));
                let c = s.close_one().await;
                let h = *s.hits.lock().await;
                (a, b, c, h)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&self` method returning early through `?` while a guard on `self` is held, with a
    /// `Drop` on the server.
    p27b_self_method_guard_question {
        pub struct Pool { free: Mutex<Vec<u32>>, name: &'static str }
        impl Drop for Pool { fn drop(&mut self) { log(format!("drop pool {}", self.name)); } }
        impl Pool {
            lower! {
                pub async fn take(&self) -> Option<u32> {
                    let mut g = self.free.lock().await;
                    let v = g.pop()?;
                    step("took").await;
                    g.insert(0, v + 100);
                    Some(v)
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<Option<u32>> {
                let p = Pool { free: Mutex::new(vec![1, 2]), name: "p" };
                let mut out = vec![];
                out.push(p.take().await);
                out.push(p.take().await);
                let q = Pool { free: Mutex::new(vec![]), name: "q" };
                out.push(q.take().await);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Arc::clone` moved into an `async move` block that is built, held across an await,
    /// then awaited; the original `Arc` used meanwhile.
    p27b_arc_clone_into_async_move_later {
        lower! {
            pub async fn f() -> (usize, usize) {
                let m = Arc::new(Mutex::new(vec![Tracker::new("a")]));
                let m2 = Arc::clone(&m);
                let later = async move {
                    let mut g = m2.lock().await;
                    g.push(Tracker::new("b"));
                    step("inner").await;
                    g.len()
                };
                m.lock().await.push(Tracker::new("c"));
                step("outer").await;
                let n = later.await;
                let k = Arc::strong_count(&m);
                (n, k)
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` block capturing an `Arc` and a tracker, never awaited: dropped at the
    /// end of scope after an await.
    p27b_async_move_never_awaited {
        lower! {
            pub async fn f() -> usize {
                let m = Arc::new(Mutex::new(0u32));
                let t = Tracker::new("cap");
                let m2 = m.clone();
                let unused = async move {
                    let _t = t;
                    *m2.lock().await += 1;
                };
                let n = Arc::strong_count(&m);
                step("s").await;
                drop(unused);
                log("dropped block");
                n + leaf("x", Arc::strong_count(&m)).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Several `async move` blocks each with an `Arc<Mutex<Vec<..>>>` clone, collected in a
    /// `Vec` and run with `join_all`.
    p27b_async_move_blocks_join_all {
        lower! {
            pub async fn f() -> Vec<u32> {
                let m = Arc::new(Mutex::new(vec![]));
                let mut tasks = vec![];
                for i in 0..3u32 {
                    let m = m.clone();
                    tasks.push(async move {
                        let v = leaf("t", i).await;
                        m.lock().await.push(v);
                        v * 2
                    });
                }
                step("built").await;
                let r = join_all(tasks).await;
                let mut v = m.lock().await.clone();
                v.extend(r);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&self` method on a generic cache `Cache<T>` with an `RwLock<HashMap>`; a miss
    /// computes under no guard and inserts under a write guard.
    p27b_generic_cache_rwlock_self {
        pub struct Cache<T> { map: RwLock<HashMap<u32, T>> }
        impl<T: Clone> Cache<T> {
            lower! {
                pub async fn get_or(&self, k: u32, make: impl Fn(u32) -> T) -> T {
                    if let Some(v) = self.map.read().await.get(&k) {
                        log("hit");
                        return v.clone();
                    }
                    step("miss").await;
                    let v = make(leaf("k", k).await);
                    self.map.write().await.insert(k, v.clone());
                    v
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let c = Cache { map: RwLock::new(HashMap::new()) };
                let mut out = vec![];
                for k in [1, 2, 1] {
                    out.push(c.get_or(k, |x| format!("v{x}")).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `&mut self` method with a `std::sync::Mutex` field locked in a block before an await,
    /// a `RefCell` field borrowed after.
    p27b_mut_self_std_mutex_refcell_fields {
        pub struct Stats { m: std::sync::Mutex<u32>, log: RefCell<Vec<String>>, _t: Tracker }
        impl Stats {
            lower! {
                pub async fn bump(&mut self, by: u32) -> u32 {
                    let now = { let mut g = self.m.lock().unwrap(); *g += by; *g };
                    step("bumped").await;
                    self.log.borrow_mut().push(format!("now {now}"));
                    let x = leaf("x", now).await;
                    x + self.log.borrow().len() as u32
                }
            }
        }
        lower! {
            pub async fn f() -> (u32, u32, Vec<String>) {
                let mut s = Stats { m: std::sync::Mutex::new(0), log: RefCell::new(vec![]), _t: Tracker::new("s") };
                let a = s.bump(2).await;
                let b = s.bump(3).await;
                (a, b, s.log.take())
            }
        }
    }
    run { f() }
}

twin! {
    /// A method returning a guard (`lock` wrapper) awaited inside another lowered fn that
    /// holds it across a loop.
    p27b_method_returning_guard {
        pub struct Store { items: Mutex<Vec<u32>> }
        impl Store {
            lower! {
                pub async fn locked(&self) -> MutexGuard<'_, Vec<u32>> {
                    step("locking").await;
                    self.items.lock().await
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let s = Store { items: Mutex::new(vec![]) };
                let mut g = s.locked().await;
                for i in 0..3 {
                    g.push(leaf("i", i).await);
                }
                drop(g);
                let v = s.locked().await.clone();
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A state struct behind `Rc<RefCell<..>>` mutated from a closure called between awaits,
    /// the closure holding an `Rc` clone and a tracker.
    p27b_rc_refcell_closure_between_awaits {
        lower! {
            pub async fn f() -> Vec<u32> {
                let st = Rc::new(RefCell::new(vec![]));
                let st2 = st.clone();
                let t = Tracker::new("c");
                let push = move |v| { let _ = &t; st2.borrow_mut().push(v); };
                for i in 0..3 {
                    push(leaf("v", i).await);
                    step("s").await;
                }
                drop(push);
                log("closure dropped");
                let out = st.borrow().clone();
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Drop` struct holding an owned `Arc<Mutex<..>>` guard (`lock_owned`) moved into a
    /// helper and dropped there.
    p27b_owned_guard_moved_into_helper {
        pub struct Lease { g: tokio::sync::OwnedMutexGuard<Vec<u32>> }
        impl Drop for Lease { fn drop(&mut self) { log(format!("release {:?}", *self.g)); } }
        lower! {
            pub async fn finish(mut l: Lease, v: u32) -> usize {
                l.g.push(v);
                step("fin").await;
                l.g.len()
            }
        }
        lower! {
            pub async fn f() -> (usize, Vec<u32>) {
                let m = Arc::new(Mutex::new(vec![1]));
                let l = Lease { g: m.clone().lock_owned().await };
                let _t = Tracker::new("t");
                let n = finish(l, leaf("v", 2).await).await;
                let v = m.lock().await.clone();
                (n, v)
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (documented): `break value` from a `select_biased!` branch inside a loop cannot be carried out of the branch's `async` block (compile_error).
#[cfg(feature = "known-gaps")]
twin! {
    /// `tokio::pin!` of a lowered future kept across a loop of `select_biased!` against
    /// ticks; the future finishes on a later iteration.
    p27b_pinned_future_select_loop {
        lower! {
            pub async fn slow(t: Tracker) -> &'static str {
                step("s1").await;
                step("s2").await;
                t.name()
            }
        }
        lower! {
            pub async fn f() -> (u32, &'static str) {
                let work = slow(Tracker::new("w")).fuse();
                tokio::pin!(work);
                let mut ticks = 0;
                let name = loop {
                    select_biased! {
                        n = work => break n,
                        _ = step("tick").fuse() => { ticks += 1; }
                    }
                };
                (ticks, name)
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (documented): `break value` from a `select_biased!` branch inside a loop cannot be carried out of the branch's `async` block (compile_error).
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal (documented): `break value` from a `select_biased!` branch inside a `loop`.
    p27b_select_break_value_min {
        lower! {
            pub async fn f() -> u32 {
                loop {
                    select_biased! {
                        n = leaf("a", 1).fuse() => break n,
                        _ = step("t").fuse() => {}
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::pin::pin!` of a future holding a guard polled through `poll_fn` a fixed number
    /// of times, then awaited to the end.
    p27b_pin_macro_poll_fn_partial {
        lower! {
            pub async fn hold(m: &Mutex<u32>) -> u32 {
                let mut g = m.lock().await;
                step("h").await;
                *g += 1;
                leaf("h2", *g).await
            }
        }
        lower! {
            pub async fn f() -> (bool, u32) {
                let m = Mutex::new(0);
                let mut h = std::pin::pin!(hold(&m));
                let early = std::future::poll_fn(|cx| std::task::Poll::Ready(h.as_mut().poll(cx).is_ready())).await;
                step("between").await;
                let v = h.await;
                (early, v + *m.lock().await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::pin_mut!` of a receiver future and a `select_biased!` with a default-like
    /// ready branch each iteration.
    p27b_pin_mut_recv_select_biased {
        lower! {
            pub async fn f() -> Vec<String> {
                let (tx, rx) = oneshot::channel::<Tracker>();
                let r = rx.fuse();
                pin_mut!(r);
                let mut tx = Some(tx);
                let mut out = vec![];
                for i in 0..4 {
                    select_biased! {
                        v = r => { out.push(format!("got {:?}", v.map(|t| t.name()))); break; }
                        n = leaf("i", i).fuse() => {
                            out.push(format!("tick {n}"));
                            if n == 2 { tx.take().unwrap().send(Tracker::new("msg")).ok(); }
                        }
                    }
                }
                step("end").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `select_biased!` between a lock acquisition and a `Notify`; the guard from the
    /// winning branch is held across an await inside the branch.
    p27b_select_lock_or_notify {
        lower! {
            pub async fn f(notify_first: bool) -> String {
                let m = Mutex::new(vec![Tracker::new("a")]);
                let n = Notify::new();
                if notify_first { n.notify_one(); }
                let g0 = if notify_first { Some(m.lock().await) } else { None };
                let r = select_biased! {
                    _ = n.notified().fuse() => { step("notified").await; "notified".to_string() }
                    mut g = m.lock().fuse() => { g.push(Tracker::new("b")); leaf("locked", ()).await; format!("locked {}", g.len()) }
                };
                drop(g0);
                step("end").await;
                r
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `StreamExt::next().await` over `stream::iter` of trackers, each item held across an
    /// await, the stream dropped with items left on `break`.
    p27b_stream_iter_trackers_break {
        lower! {
            pub async fn f(stop: &'static str) -> Vec<&'static str> {
                let mut s = stream::iter(vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")]);
                let mut out = vec![];
                while let Some(t) = s.next().await {
                    step("item").await;
                    if t.name() == stop { break; }
                    out.push(t.name());
                }
                log("loop done");
                step("end").await;
                out
            }
        }
    }
    run { pair(f("b"), f("z")) }
}

twin! {
    /// A stream of mutex-locking futures: `stream::iter(..).then(..)` collected, each
    /// closure locks a shared `Rc<Mutex<..>>`.
    p27b_stream_then_lock {
        lower! {
            pub async fn f() -> Vec<usize> {
                let m = Rc::new(Mutex::new(vec![]));
                let m2 = m.clone();
                let v = stream::iter(1..=3u32)
                    .then(move |i| {
                        let m = m2.clone();
                        async move {
                            let mut g = m.lock().await;
                            g.push(leaf("i", i).await);
                            g.len()
                        }
                    })
                    .collect::<Vec<_>>()
                    .await;
                step("done").await;
                let n = m.lock().await.len();
                v.into_iter().chain([n]).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `FutureExt::fuse` on a lowered future awaited in a loop via `&mut`, then polled again
    /// after completion (fused: pending forever is avoided by checking `is_terminated`).
    p27b_fuse_by_ref_is_terminated {
        lower! {
            pub async fn g(t: Tracker) -> u32 {
                step("g").await;
                drop(t);
                leaf("g2", 4).await
            }
        }
        lower! {
            pub async fn f() -> u32 {
                use futures::future::FusedFuture;
                let fu = g(Tracker::new("t")).fuse();
                pin_mut!(fu);
                let mut sum = 0;
                for _ in 0..3 {
                    if !fu.is_terminated() {
                        sum += fu.as_mut().await;
                    }
                    step("l").await;
                }
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// `now_or_never()` on lock and recv futures: ready ones yield `Some`, a contended lock
    /// yields `None` (the future is dropped at once).
    p27b_now_or_never_lock_and_recv {
        lower! {
            pub async fn f() -> (Option<u32>, bool, Option<Option<u32>>) {
                let m = Mutex::new(1u32);
                let a = m.lock().now_or_never().map(|g| *g);
                let g = m.lock().await;
                let b = m.lock().now_or_never().is_some();
                step("s").await;
                drop(g);
                let (tx, mut rx) = mpsc::channel(1);
                tx.send(leaf("v", 9).await).await.unwrap();
                let c = rx.recv().now_or_never();
                (a, b, c)
            }
        }
    }
    run { f() }
}

twin! {
    /// `now_or_never` of a lowered future that suspends (None under a pending schedule),
    /// holding a tracker: its drop is logged at once.
    p27b_now_or_never_lowered_inner {
        lower! {
            pub async fn inner(t: Tracker) -> u32 {
                step("in").await;
                let _k = t;
                7
            }
        }
        lower! {
            pub async fn f() -> Option<u32> {
                let r = inner(Tracker::new("t")).now_or_never();
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// A pinned `Box<dyn Future>` of a guard-holding block stored in a struct field and
    /// awaited through the struct.
    p27b_boxed_future_in_struct_field {
        pub struct Job { fut: Pin<Box<dyn Future<Output = usize>>>, _t: Tracker }
        lower! {
            pub async fn f() -> usize {
                let m = Rc::new(Mutex::new(vec![1u32]));
                let m2 = m.clone();
                let mut job = Job {
                    fut: Box::pin(async move {
                        let mut g = m2.lock().await;
                        g.push(2);
                        step("job").await;
                        g.len()
                    }),
                    _t: Tracker::new("job"),
                };
                step("built").await;
                let n = (&mut job.fut).await;
                drop(job);
                n + m.lock().await.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard in a `match` scrutinee with a `break` out of the enclosing loop from an arm
    /// that awaits.
    p27b_loop_match_guard_break {
        lower! {
            pub async fn f() -> Vec<u32> {
                let m = Mutex::new(vec![3u32, 0, 1, 2]);
                let mut out = vec![];
                loop {
                    match m.lock().await.pop() {
                        Some(0) => { step("zero").await; break; }
                        Some(v) => out.push(leaf("v", v).await),
                        None => break,
                    }
                    step("next").await;
                }
                let rest = m.lock().await.clone();
                out.extend(rest);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard holder dropped by `break` with a value out of a labeled loop.
    p27b_guard_holder_break_labeled {
        pub struct Held<'a>(MutexGuard<'a, u32>, Tracker);
        impl Drop for Held<'_> { fn drop(&mut self) { log(format!("unlock {}", *self.0)); } }
        lower! {
            pub async fn f() -> u32 {
                let m = Mutex::new(0u32);
                let r = 'outer: loop {
                    for i in 0..3 {
                        let mut h = Held(m.lock().await, Tracker::new("h"));
                        *h.0 += leaf("i", i).await;
                        if *h.0 >= 3 { break 'outer *h.0 * 10; }
                        step("inner").await;
                    }
                };
                r + *m.lock().await
            }
        }
    }
    run { f() }
}

twin! {
    /// A panic with `panic!` (not an awaited boom) while two guards and a permit are held.
    p27b_panic_with_guards_and_permit {
        pub struct Loud<T>(T, &'static str);
        impl<T> Drop for Loud<T> { fn drop(&mut self) { log(format!("release {}", self.1)); } }
        lower! {
            pub async fn f(fail: u32) -> u32 {
                let m = Mutex::new(1u32);
                let s = Semaphore::new(1);
                let a = Loud(m.lock().await, "guard");
                let p = Loud(s.acquire().await.unwrap(), "permit");
                let v = leaf("v", fail).await;
                if v == 1 { panic!("fail {v}"); }
                drop(p);
                step("s").await;
                *a.0 + v
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// A boom awaited inside a guard-holding `async` block joined with another lowered call
    /// holding a tracker.
    p27b_boom_in_joined_guard_block {
        lower! {
            pub async fn other(t: Tracker) -> u32 {
                step("o1").await;
                step("o2").await;
                drop(t);
                1
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let m = Mutex::new(vec![Tracker::new("in")]);
                let (a, b) = join!(
                    async {
                        let mut g = m.lock().await;
                        g.push(Tracker::new("in2"));
                        boom("b").await
                    },
                    other(Tracker::new("o"))
                );
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option<MutexGuard>` assigned in a loop: the previous guard is dropped by the
    /// assignment only after the new lock is... (a different mutex each time).
    p27b_option_guard_reassigned_in_loop {
        pub struct Named<'a>(MutexGuard<'a, u32>, usize);
        impl Drop for Named<'_> { fn drop(&mut self) { log(format!("unlock {}", self.1)); } }
        lower! {
            pub async fn f() -> u32 {
                let ms = [Mutex::new(1u32), Mutex::new(2), Mutex::new(3)];
                let mut cur = None;
                let mut sum = 0;
                for (i, m) in ms.iter().enumerate() {
                    let g = m.lock().await;
                    sum += leaf("v", *g).await;
                    cur = Some(Named(g, i));
                    step("held").await;
                }
                log("loop done");
                drop(cur);
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// `if` condition computed under a temporary guard (`m.lock().await.is_empty()`) with
    /// awaits in both branches.
    p27b_if_condition_temp_guard {
        lower! {
            pub async fn f(push: bool) -> usize {
                let m = Mutex::new(vec![]);
                if push { m.lock().await.push(Tracker::new("p")); }
                let n = if m.lock().await.is_empty() {
                    leaf("empty", 0).await
                } else {
                    let g = m.lock().await;
                    step("full").await;
                    g.len()
                };
                n
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A guard temporary in a `format!` argument and in a `log` call with an awaited
    /// argument.
    p27b_guard_temp_in_format {
        lower! {
            pub async fn f() -> String {
                let m = Mutex::new(vec![1, 2]);
                log(format!("len {} then {}", m.lock().await.len(), leaf("x", 5).await));
                let s = format!("{:?}", *m.lock().await);
                step("s").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: `format!("{:?}", *m.lock().await)`: the deref of an awaited guard in a
    /// format argument.
    p27b_format_deref_awaited_guard_min {
        lower! {
            pub async fn f() -> String {
                let m = Mutex::new(vec![1]);
                step("s").await;
                format!("{:?}", *m.lock().await)
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard temporary as a method-call receiver chain (`m.lock().await.iter().map(..)
    /// .sum()`) in a tuple with awaits.
    p27b_guard_receiver_chain_tuple {
        lower! {
            pub async fn f() -> (u32, u32, u32) {
                let m = Mutex::new(vec![1u32, 2, 3]);
                let t = (leaf("a", 1).await, m.lock().await.iter().map(|x| x * 2).sum::<u32>(), leaf("b", 2).await);
                step("end").await;
                t
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard passed to a lowered helper by `&mut *g` while held, another await after.
    p27b_guard_reborrow_to_helper {
        lower! {
            pub async fn fill(v: &mut Vec<Tracker>, n: u32) -> usize {
                for _ in 0..n {
                    step("fill").await;
                    v.push(Tracker::new("x"));
                }
                v.len()
            }
        }
        lower! {
            pub async fn f() -> usize {
                let m = Mutex::new(vec![]);
                let mut g = m.lock().await;
                let a = fill(&mut *g, 2).await;
                let b = fill(&mut g, 1).await;
                g.remove(0);
                step("end").await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `RwLock` readers joined with a writer: two read guards held while the writer waits.
    p27b_rwlock_readers_block_writer_join {
        lower! {
            pub async fn reader(l: Rc<RwLock<u32>>, name: &'static str) -> u32 {
                let g = l.read().await;
                let _t = Tracker::new(name);
                step("r1").await;
                step("r2").await;
                *g
            }
        }
        lower! {
            pub async fn writer(l: Rc<RwLock<u32>>) -> u32 {
                step("w0").await;
                let mut g = l.write().await;
                log("writer in");
                *g += leaf("w", 10).await;
                *g
            }
        }
        lower! {
            pub async fn f() -> (u32, u32, u32) {
                let l = Rc::new(RwLock::new(1));
                join!(reader(l.clone(), "r1"), writer(l.clone()), reader(l.clone(), "r2"))
            }
        }
    }
    run { f() }
}

twin! {
    /// A worker pool: a shared `Arc<Mutex<VecDeque<Job>>>` queue drained by three joined
    /// lowered workers, each job a tracker handled across awaits.
    p27b_pool_shared_queue_workers {
        lower! {
            pub async fn worker(id: u32, q: Arc<Mutex<VecDeque<Tracker>>>, done: Arc<Mutex<Vec<String>>>) -> u32 {
                let mut n = 0;
                loop {
                    let job = q.lock().await.pop_front();
                    let Some(job) = job else { break };
                    step("work").await;
                    done.lock().await.push(format!("{id}:{}", job.name()));
                    n += 1;
                }
                n
            }
        }
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<String>) {
                let q = Arc::new(Mutex::new(VecDeque::from(vec![Tracker::new("j1"), Tracker::new("j2"), Tracker::new("j3"), Tracker::new("j4")])));
                let done = Arc::new(Mutex::new(vec![]));
                let counts = join_all((0..3).map(|i| worker(i, q.clone(), done.clone()))).await;
                let d = done.lock().await.clone();
                (counts, d)
            }
        }
    }
    run { f() }
}

twin! {
    /// `let Some(job) = q.lock().await.pop_front() else { .. }` (the guard temporary of a
    /// let-else dies at the end of the statement) with awaits after.
    p27b_let_else_guard_temp {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let q = Mutex::new(VecDeque::from(vec![Tracker::new("a"), Tracker::new("b")]));
                let mut out = vec![];
                loop {
                    let Some(t) = q.lock().await.pop_front() else {
                        step("empty").await;
                        break;
                    };
                    let n = q.lock().await.len();
                    log(format!("left {n}"));
                    step("got").await;
                    out.push(t.name());
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A connection registry `HashMap<u32, Tracker>` under a `Mutex`, entries removed and
    /// their trackers dropped after the guard is released, with awaits between.
    p27b_registry_remove_after_release {
        lower! {
            pub async fn f() -> usize {
                let reg = Mutex::new(BTreeMap::new());
                for i in 0..3u32 {
                    let id = leaf("id", i).await;
                    reg.lock().await.insert(id, Tracker::new("conn"));
                }
                let removed = {
                    let mut g = reg.lock().await;
                    let r = g.remove(&1);
                    step("held").await;
                    r
                };
                log("guard released");
                step("after").await;
                drop(removed);
                let n = reg.lock().await.len();
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A graceful shutdown: a `watch<bool>` shutdown flag checked in a worker loop that also
    /// receives jobs from `mpsc`, joined with a controller.
    p27b_shutdown_watch_and_jobs {
        lower! {
            pub async fn worker(mut jobs: mpsc::Receiver<u32>, stop: watch::Receiver<bool>) -> Vec<u32> {
                let _t = Tracker::new("worker");
                let mut got = vec![];
                loop {
                    if *stop.borrow() { log("stop seen"); break; }
                    match jobs.recv().await {
                        Some(j) => { step("job").await; got.push(j); }
                        None => break,
                    }
                }
                got
            }
        }
        lower! {
            pub async fn control(tx: mpsc::Sender<u32>, stop: watch::Sender<bool>) -> u32 {
                for j in 1..=2 {
                    tx.send(j).await.unwrap();
                    step("c").await;
                }
                stop.send(true).unwrap();
                tx.send(99).await.unwrap();
                drop(tx);
                7
            }
        }
        lower! {
            pub async fn f() -> (Vec<u32>, u32) {
                let (tx, rx) = mpsc::channel(4);
                let (stx, srx) = watch::channel(false);
                join!(worker(rx, srx), control(tx, stx))
            }
        }
    }
    run { f() }
}

twin! {
    /// A rate limiter `struct` with an `Arc<Semaphore>` field and a `&self` method that
    /// returns the owned permit wrapped in a logging guard.
    p27b_rate_limiter_self_returns_permit {
        pub struct Limiter { s: Arc<Semaphore> }
        pub struct Ticket(OwnedSemaphorePermit, u32);
        impl Drop for Ticket { fn drop(&mut self) { log(format!("ticket {} back", self.1)); } }
        impl Limiter {
            lower! {
                pub async fn ticket(&self, n: u32) -> Ticket {
                    let p = self.s.clone().acquire_owned().await.unwrap();
                    step("issued").await;
                    Ticket(p, n)
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<usize> {
                let l = Limiter { s: Arc::new(Semaphore::new(2)) };
                let a = l.ticket(1).await;
                let b = l.ticket(2).await;
                let mut out = vec![l.s.available_permits()];
                drop(a);
                let c = l.ticket(3).await;
                out.push(l.s.available_permits());
                let keep = vec![b, c];
                step("end").await;
                out.push(keep.len());
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Trackers moved into and out of a `Mutex<Option<Tracker>>` slot across awaits with
    /// `take()`/`replace()` on the guard.
    p27b_mutex_option_slot_take_replace {
        lower! {
            pub async fn f() -> Option<&'static str> {
                let slot = Mutex::new(Some(Tracker::new("first")));
                let old = slot.lock().await.replace(Tracker::new("second"));
                step("replaced").await;
                drop(old);
                let mut g = slot.lock().await;
                let taken = g.take();
                leaf("taken", ()).await;
                *g = Some(Tracker::new("third"));
                drop(g);
                step("end").await;
                taken.map(|t| t.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// `Mutex::into_inner` and `Arc::try_unwrap` after awaits, the inner trackers returned.
    p27b_arc_try_unwrap_into_inner {
        lower! {
            pub async fn f() -> usize {
                let m = Arc::new(Mutex::new(vec![Tracker::new("a")]));
                let m2 = m.clone();
                m2.lock().await.push(Tracker::new("b"));
                step("s").await;
                let m = match Arc::try_unwrap(m) {
                    Ok(_) => unreachable!(),
                    Err(m) => m,
                };
                drop(m2);
                leaf("l", ()).await;
                let v = Arc::try_unwrap(m).ok().unwrap().into_inner();
                step("t").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `get_mut` on an owned `Mutex` (no locking) between awaits, and `try_lock` failing
    /// while a guard is held.
    p27b_get_mut_and_try_lock {
        lower! {
            pub async fn f() -> (bool, bool, usize) {
                let mut m = Mutex::new(vec![Tracker::new("a")]);
                m.get_mut().push(Tracker::new("b"));
                step("s").await;
                let g = m.lock().await;
                let busy = m.try_lock().is_err();
                step("t").await;
                drop(g);
                let free = m.try_lock().map(|g| g.len()).is_ok();
                let n = leaf("n", m.get_mut().len()).await;
                (busy, free, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure called with a guard's contents, the closure awaited through a returned
    /// future (`let fut = make(&g); fut.await`).
    p27b_closure_returning_future_over_guard {
        lower! {
            pub async fn f() -> u32 {
                let m = Mutex::new(vec![1u32, 2, 3]);
                let g = m.lock().await;
                let make = |v: &Vec<u32>| leaf("sum", v.iter().sum::<u32>());
                let fut = make(&g);
                step("between").await;
                let s = fut.await;
                drop(g);
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` on `rx.recv().await` inside `select_biased!` branches of a loop, with a
    /// counter in `Cell`.
    p27b_select_recv_cell_counter {
        lower! {
            pub async fn f() -> (u32, u32) {
                let (tx, mut rx) = mpsc::unbounded_channel::<u32>();
                let hits = Cell::new(0);
                let misses = Cell::new(0);
                tx.send(1).unwrap();
                tx.send(2).unwrap();
                for _ in 0..4 {
                    select_biased! {
                        v = rx.recv().fuse() => match v {
                            Some(x) => { hits.set(hits.get() + x); step("hit").await; }
                            None => {}
                        },
                        _ = step("idle").fuse() => misses.set(misses.get() + 1),
                    }
                }
                drop(tx);
                (hits.get(), misses.get())
            }
        }
    }
    run { f() }
}

twin! {
    /// A `RefCell` `borrow_mut()` held across an await (no other borrow meanwhile), then
    /// released before a second borrow.
    p27b_refcell_refmut_across_await {
        lower! {
            pub async fn f() -> usize {
                let c = RefCell::new(vec![Tracker::new("a")]);
                let mut b = c.borrow_mut();
                b.push(Tracker::new("b"));
                step("held").await;
                b.remove(0);
                drop(b);
                let n = c.borrow().len();
                leaf("n", n).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A `std::sync::MutexGuard` held across an await (single task: no contention),
    /// wrapped in a logging struct, released by a panic.
    p27b_std_guard_across_await_boom {
        pub struct Held<'a>(std::sync::MutexGuard<'a, Vec<u32>>);
        impl Drop for Held<'_> { fn drop(&mut self) { log(format!("std unlock {:?}", *self.0)); } }
        lower! {
            pub async fn f(fail: bool) -> usize {
                let m = std::sync::Mutex::new(vec![]);
                let mut h = Held(m.lock().unwrap());
                h.0.push(leaf("a", 1).await);
                let _t = Tracker::new("t");
                if fail { boom("x").await; }
                h.0.push(2);
                step("s").await;
                h.0.len()
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `tokio::try_join!` of two lowered calls returning `Result`, one failing after taking
    /// a lock: the other is dropped mid-way (its tracker and guard).
    p27b_try_join_one_fails_drops_other {
        lower! {
            pub async fn ok_side(m: &Mutex<Vec<u32>>) -> Result<u32, String> {
                let mut g = m.lock().await;
                let _t = Tracker::new("ok_side");
                g.push(1);
                step("o1").await;
                step("o2").await;
                step("o3").await;
                Ok(g.len() as u32)
            }
        }
        lower! {
            pub async fn bad_side(fail: bool) -> Result<u32, String> {
                let _t = Tracker::new("bad_side");
                step("b1").await;
                if fail { return Err("bad".into()); }
                Ok(2)
            }
        }
        lower! {
            pub async fn f(fail: bool) -> Result<u32, String> {
                let m = Mutex::new(vec![]);
                let (a, b) = tokio::try_join!(ok_side(&m), bad_side(fail))?;
                step("after").await;
                Ok(a + b)
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `tokio::select!` with `biased;` between a receiver and a lowered call, in a loop.
    p27b_tokio_select_biased_loop {
        lower! {
            pub async fn tick(n: u32) -> u32 {
                step("tick").await;
                n
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let (tx, mut rx) = mpsc::channel(2);
                let mut out = vec![];
                let mut n = 0;
                while out.len() < 4 {
                    tokio::select! {
                        biased;
                        Some(v) = rx.recv() => out.push(format!("msg {v}")),
                        t = tick(n) => {
                            out.push(format!("tick {t}"));
                            if t % 2 == 0 { tx.send(Tracker::new("m").name()).await.unwrap(); }
                            n += 1;
                        }
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::join!` of three lowered calls sharing one `Rc<Mutex<..>>`, each holding the
    /// guard across an await in turn.
    p27b_tokio_join_three_lockers {
        lower! {
            pub async fn locker(m: Rc<Mutex<Vec<&'static str>>>, name: &'static str) -> usize {
                let mut g = m.lock().await;
                g.push(name);
                step(name).await;
                let _t = Tracker::new(name);
                g.len()
            }
        }
        lower! {
            pub async fn f() -> (usize, usize, usize, Vec<&'static str>) {
                let m = Rc::new(Mutex::new(vec![]));
                let (a, b, c) = tokio::join!(locker(m.clone(), "x"), locker(m.clone(), "y"), locker(m.clone(), "z"));
                let v = m.lock().await.clone();
                (a, b, c, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// An async closure capturing an `Arc<Mutex<..>>` by clone, called twice and awaited.
    p27b_async_closure_captures_arc {
        lower! {
            pub async fn f() -> Vec<u32> {
                let m = Arc::new(Mutex::new(vec![]));
                let t = Tracker::new("cl");
                let add = async |v| {
                    let _ = &t;
                    let x = leaf("x", v).await;
                    m.lock().await.push(x);
                };
                add(1).await;
                step("mid").await;
                add(2).await;
                drop(add);
                log("closure gone");
                let v = m.lock().await.clone();
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A trait with an `async fn` implemented by a struct holding a `Mutex`; the impl's
    /// method is lowered and called generically.
    p27b_trait_async_fn_impl_lowered {
        pub trait Handler { async fn handle(&self, n: u32) -> u32; }
        pub struct Counter { total: Mutex<u32>, _t: Tracker }
        impl Handler for Counter {
            lower! {
                async fn handle(&self, n: u32) -> u32 {
                    let mut g = self.total.lock().await;
                    step("h").await;
                    *g += n;
                    *g
                }
            }
        }
        lower! {
            pub async fn run_all<H: Handler>(h: &H) -> Vec<u32> {
                let mut out = vec![];
                for i in 1..=3 {
                    out.push(h.handle(leaf("i", i).await).await);
                }
                out
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let c = Counter { total: Mutex::new(0), _t: Tracker::new("c") };
                run_all(&c).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic helper `with_lock<T: Debug>` holding the guard of any `Mutex<T>` across an
    /// await and returning its debug string.
    p27b_generic_with_lock_debug {
        lower! {
            pub async fn with_lock<T: std::fmt::Debug>(m: &Mutex<T>, label: &'static str) -> String {
                let g = m.lock().await;
                step(label).await;
                format!("{label}: {:?}", *g)
            }
        }
        lower! {
            pub async fn f() -> (String, String) {
                let a = Mutex::new(vec![Tracker::new("a")]);
                let b = Mutex::new((1, "x"));
                let x = with_lock(&a, "a").await;
                let y = with_lock(&b, "b").await;
                (x, y)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `MutexGuard` passed by value into a lowered fn that holds it across an await and
    /// drops it in the middle.
    p27b_guard_moved_into_lowered_fn {
        lower! {
            pub async fn consume(mut g: MutexGuard<'_, Vec<Tracker>>, extra: &'static str) -> usize {
                g.push(Tracker::new(extra));
                step("in").await;
                let n = g.len();
                drop(g);
                log("released inside");
                leaf("after", n).await
            }
        }
        lower! {
            pub async fn f() -> usize {
                let m = Mutex::new(vec![]);
                let n = consume(m.lock().await, "e").await;
                let k = consume(m.lock().await, leaf("name", "k").await).await;
                n + k + m.lock().await.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// An `mpsc::Permit` from `try_reserve` kept in an `Option` across awaits and used or
    /// dropped on two paths.
    p27b_mpsc_try_reserve_option_permit {
        lower! {
            pub async fn f(use_it: bool) -> Vec<u32> {
                let (tx, mut rx) = mpsc::channel(1);
                let mut permit = tx.try_reserve().ok();
                let full = tx.try_reserve().is_err();
                step("s").await;
                if use_it {
                    if let Some(p) = permit.take() { p.send(leaf("v", 5).await); }
                } else {
                    permit = None;
                    step("dropped").await;
                    tx.send(6).await.unwrap();
                }
                drop(permit);
                drop(tx);
                let mut out = vec![full as u32];
                while let Some(v) = rx.recv().await { out.push(v); }
                out
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `watch::Receiver::wait_for` returning a `Ref` read after the await, the ref dropped
    /// before the next await; a joined sender.
    p27b_watch_wait_for_ref {
        lower! {
            pub async fn waiter(mut rx: watch::Receiver<u32>) -> u32 {
                let _t = Tracker::new("w");
                let v = *rx.wait_for(|v| *v >= 3).await.unwrap();
                step("seen").await;
                v
            }
        }
        lower! {
            pub async fn sender(tx: watch::Sender<u32>) -> u32 {
                for i in 1..=4 {
                    step("send").await;
                    tx.send_replace(i);
                }
                4
            }
        }
        lower! {
            pub async fn f() -> (u32, u32) {
                let (tx, rx) = watch::channel(0);
                join!(waiter(rx), sender(tx))
            }
        }
    }
    run { f() }
}

twin! {
    /// `broadcast::Receiver::resubscribe` in a loop, each receiver a local of the loop body
    /// that drains what it sees with `try_recv`.
    p27b_broadcast_resubscribe_try_recv {
        lower! {
            pub async fn f() -> Vec<u32> {
                let (tx, rx) = broadcast::channel(8);
                let mut out = vec![];
                for i in 0..3u32 {
                    let mut r = rx.resubscribe();
                    tx.send(leaf("v", i).await).unwrap();
                    let _t = Tracker::new("iter");
                    step("s").await;
                    while let Ok(v) = r.try_recv() { out.push(v); }
                }
                drop(rx);
                out.push(tx.receiver_count() as u32);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Notify::notified()` pinned outside a loop, `enable()`d, then selected against steps
    /// each iteration until notified by the loop itself.
    p27b_notify_pinned_outside_loop_select {
        lower! {
            pub async fn f() -> u32 {
                let n = Notify::new();
                let fut = n.notified().fuse();
                pin_mut!(fut);
                let mut i = 0;
                loop {
                    select_biased! {
                        _ = fut => { log("notified"); break; }
                        _ = step("s").fuse() => {
                            i += 1;
                            if i == 2 { n.notify_waiters(); }
                        }
                    }
                }
                leaf("i", i).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Permits collected with `while let Ok(p) = s.try_acquire()`, then released one per
    /// await.
    p27b_try_acquire_while_let_collect {
        lower! {
            pub async fn f() -> Vec<usize> {
                let s = Semaphore::new(3);
                let mut ps = vec![];
                while let Ok(p) = s.try_acquire() {
                    ps.push(p);
                    step("got").await;
                }
                let mut out = vec![ps.len()];
                while let Some(p) = ps.pop() {
                    drop(p);
                    out.push(leaf("avail", s.available_permits()).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `entry().or_insert_with` on a guarded map creating trackers, with an awaited key.
    p27b_guarded_map_entry_awaited_key {
        lower! {
            pub async fn f() -> Vec<(u32, usize)> {
                let m = Mutex::new(BTreeMap::new());
                for k in [1u32, 2, 1, 3, 2] {
                    let mut g = m.lock().await;
                    g.entry(leaf("k", k).await).or_insert_with(Vec::new).push(Tracker::new("e"));
                }
                step("done").await;
                let out = m.lock().await.iter().map(|(k, v)| (*k, v.len())).collect();
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `retain` under a guard dropping some trackers, `mem::take(&mut *g)` then awaits with
    /// the taken vector alive.
    p27b_guard_retain_and_take {
        lower! {
            pub async fn f() -> usize {
                let m = Mutex::new(vec![Tracker::new("a"), Tracker::new("bb"), Tracker::new("c")]);
                let mut g = m.lock().await;
                g.retain(|t| t.name().len() == 1);
                step("retained").await;
                let taken = std::mem::take(&mut *g);
                drop(g);
                step("taken").await;
                let n = taken.len() + m.lock().await.len();
                drop(taken);
                leaf("n", n).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `*g = leaf(..).await` and `*g += leaf(..).await` through a guard of a primitive, the
    /// guard held across.
    p27b_guard_assign_through_deref {
        lower! {
            pub async fn f() -> u32 {
                let m = Mutex::new(1u32);
                let mut g = m.lock().await;
                *g = leaf("a", 5).await;
                *g += leaf("b", 2).await;
                *g *= 3;
                drop(g);
                let v = *m.lock().await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard in a struct inside a `Vec` (several guards of several mutexes), released in
    /// vector order at scope end after an await, or by a panic.
    p27b_vec_of_guard_holders {
        pub struct Held<'a>(MutexGuard<'a, u32>);
        impl Drop for Held<'_> { fn drop(&mut self) { log(format!("unlock {}", *self.0)); } }
        lower! {
            pub async fn f(fail: bool) -> u32 {
                let ms = vec![Mutex::new(1u32), Mutex::new(2), Mutex::new(3)];
                let mut hs = vec![];
                for m in &ms {
                    hs.push(Held(m.lock().await));
                    step("l").await;
                }
                let _t = Tracker::new("after");
                if fail { boom("b").await; }
                hs.swap(0, 2);
                step("end").await;
                hs.iter().map(|h| *h.0).sum()
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// An `if let ... else if let` chain over two guard temporaries with awaits in every
    /// branch.
    p27b_else_if_let_two_guards {
        lower! {
            pub async fn f(which: u32) -> String {
                let a = Mutex::new(if which == 0 { Some(Tracker::new("a")) } else { None });
                let b = Mutex::new(if which == 1 { Some(Tracker::new("b")) } else { None });
                if let Some(t) = a.lock().await.take() {
                    step("a").await;
                    format!("a {}", t.name())
                } else if let Some(t) = b.lock().await.as_ref() {
                    leaf("b", ()).await;
                    format!("b {}", t.name())
                } else {
                    step("none").await;
                    "none".to_string()
                }
            }
        }
    }
    run { pair(f(0), pair(f(1), f(2))) }
}

twin! {
    /// `match &*g` (a reference to the guarded enum) with `ref` bindings used across an
    /// await in the arm.
    p27b_match_ref_deref_guard_enum {
        #[derive(Debug)]
        pub enum State { Idle, Busy(Tracker, u32) }
        lower! {
            pub async fn f(busy: bool) -> u32 {
                let m = Mutex::new(if busy { State::Busy(Tracker::new("job"), 4) } else { State::Idle });
                let g = m.lock().await;
                let r = match &*g {
                    State::Busy(t, n) => { step(t.name()).await; *n * 2 }
                    State::Idle => leaf("idle", 0).await,
                };
                drop(g);
                *m.lock().await = State::Idle;
                step("end").await;
                r
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `let v = &mut *m.lock().await;`: the guard temporary is lifetime-extended to the end
    /// of the block, held across awaits (the holder logs the unlock).
    p27b_extended_guard_temp_deref_borrow {
        pub struct Held<'a>(MutexGuard<'a, Vec<u32>>);
        impl Drop for Held<'_> { fn drop(&mut self) { log(format!("unlock {:?}", *self.0)); } }
        lower! {
            pub async fn f() -> usize {
                let m = Mutex::new(vec![]);
                let n = {
                    let h = &mut Held(m.lock().await);
                    h.0.push(leaf("a", 1).await);
                    step("held").await;
                    h.0.len()
                };
                log("block done");
                n + m.lock().await.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let n = &Held(m.lock().await).0.len();`: the method result is extended, the holder
    /// (a method receiver) is not and drops at the end of the `let`.
    p27b_extended_method_result_not_receiver {
        pub struct Held<'a>(MutexGuard<'a, Vec<u32>>);
        impl Drop for Held<'_> { fn drop(&mut self) { log("unlock"); } }
        lower! {
            pub async fn f() -> usize {
                let m = Mutex::new(vec![1, 2]);
                let n = &Held(m.lock().await).0.len();
                log("after let");
                step("s").await;
                let k = *n + m.lock().await.len();
                leaf("k", k).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct literal with a field `&Held(..)` in a `let` initializer: extended to the end
    /// of the block, held across awaits.
    p27b_extended_struct_literal_field_ref {
        pub struct Held<'a>(MutexGuard<'a, u32>, &'static str);
        impl Drop for Held<'_> { fn drop(&mut self) { log(format!("unlock {}", self.1)); } }
        pub struct View<'a, 'b> { h: &'a Held<'b>, t: Tracker }
        lower! {
            pub async fn f() -> u32 {
                let m = Mutex::new(3u32);
                let v = View { h: &Held(m.lock().await, "v"), t: Tracker::new("t") };
                step("s").await;
                let x = *v.h.0 + leaf("x", 1).await;
                log(format!("{}", v.t.name()));
                x
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a struct literal with a field `&Temp(x.await)` in a `let` (lifetime-extended
    /// temporary) read after a later await.
    p27b_extended_struct_field_ref_min {
        pub struct View<'a> { h: &'a Tracker }
        lower! {
            pub async fn f() -> &'static str {
                let v = View { h: &Tracker(leaf("n", "t").await) };
                step("s").await;
                v.h.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// Probe: the same without an await inside the extended temporary.
    p27b_extended_struct_field_ref_noawait_min {
        pub struct View<'a> { h: &'a Tracker }
        lower! {
            pub async fn f() -> &'static str {
                let v = View { h: &Tracker::new("t") };
                step("s").await;
                v.h.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// Shadowing a guard holder does not drop it: the unlock is logged at the end of the
    /// scope, after the awaits that follow the shadowing `let`.
    p27b_shadowed_guard_lives_to_scope_end {
        pub struct Held<'a>(MutexGuard<'a, Vec<u32>>);
        impl Drop for Held<'_> { fn drop(&mut self) { log("unlock"); } }
        lower! {
            pub async fn f() -> usize {
                let m = Mutex::new(vec![1, 2, 3]);
                let h = Held(m.lock().await);
                let h = h.0.len();
                step("after shadow").await;
                log("end of body");
                h + leaf("x", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = Held(..)` drops at once (a `_` pattern does not bind) while `let _h = ..`
    /// lives to the end; awaits between.
    p27b_underscore_vs_named_guard {
        pub struct Held<'a>(MutexGuard<'a, u32>, &'static str);
        impl Drop for Held<'_> { fn drop(&mut self) { log(format!("unlock {}", self.1)); } }
        lower! {
            pub async fn f() -> u32 {
                let m = Mutex::new(1u32);
                let n = Mutex::new(2u32);
                let _ = Held(m.lock().await, "underscore");
                step("s1").await;
                let _h = Held(n.lock().await, "named");
                step("s2").await;
                let v = *m.lock().await;
                v + leaf("x", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `while m.lock().await.len() < 3 { m.lock().await.push(..) }`: the condition's guard
    /// is dropped before the body (else the body would deadlock).
    p27b_while_condition_guard_dropped_before_body {
        lower! {
            pub async fn f() -> usize {
                let m = Mutex::new(vec![]);
                while m.lock().await.len() < 3 {
                    let v = leaf("v", 1u32).await;
                    m.lock().await.push(Tracker::new("x"));
                    log(format!("pushed {v}"));
                }
                let n = m.lock().await.len();
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `if m.lock().await.is_empty() { m.lock().await.push(..) }` and the same in a `match`
    /// guard (`if` with an awaited condition in a match arm guard).
    p27b_if_condition_and_match_guard_locks {
        lower! {
            pub async fn f(x: u32) -> usize {
                let m = Mutex::new(vec![]);
                if m.lock().await.is_empty() {
                    m.lock().await.push(leaf("first", x).await);
                }
                let r = match x {
                    n if m.lock().await.contains(&n) => { step("found").await; 1 }
                    n if leaf("guard", n > 2).await => 2,
                    _ => 3,
                };
                m.lock().await.push(r);
                let n = m.lock().await.len();
                n
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// `for x in Held(m.lock().await).0.clone()`: the iterator expression's temporaries
    /// (the guard holder) live through the whole loop, whose body awaits.
    p27b_for_iter_expr_guard_temp_lives_loop {
        pub struct Held<'a>(MutexGuard<'a, Vec<u32>>);
        impl Drop for Held<'_> { fn drop(&mut self) { log("unlock"); } }
        lower! {
            pub async fn f() -> u32 {
                let m = Mutex::new(vec![1u32, 2, 3]);
                let mut s = 0;
                for x in Held(m.lock().await).0.clone() {
                    s += leaf("x", x).await;
                    log(format!("iter {x}"));
                }
                log("loop done");
                s + m.lock().await.len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// `for t in m.lock().await.drain(..)`: the guard is held through the loop by the
    /// drain iterator, trackers dropped per iteration, some left when the loop `break`s.
    p27b_for_drain_guard_break {
        lower! {
            pub async fn f(stop: &'static str) -> Vec<&'static str> {
                let m = Mutex::new(vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")]);
                let mut out = vec![];
                for t in m.lock().await.drain(..) {
                    step("item").await;
                    if t.name() == stop { break; }
                    out.push(t.name());
                }
                log("after loop");
                let n = m.lock().await.len();
                out.push(if n == 0 { "empty" } else { "left" });
                out
            }
        }
    }
    run { pair(f("b"), f("z")) }
}

twin! {
    /// A tail expression with a temporary holder and a local tracker: edition 2024 drops
    /// the tail temporary before the locals.
    p27b_tail_expr_temp_holder_before_locals {
        pub struct Held<'a>(MutexGuard<'a, u32>);
        impl Drop for Held<'_> { fn drop(&mut self) { log("unlock tail temp"); } }
        impl Held<'_> { pub fn get(&self) -> u32 { *self.0 } }
        lower! {
            pub async fn f() -> u32 {
                let m = Mutex::new(4u32);
                let _t = Tracker::new("local");
                step("s").await;
                Held(m.lock().await).get() + leaf("x", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `return m.lock().await.len() + x.await;` from inside a loop with a tracker in the
    /// loop body.
    p27b_return_with_guard_temp_in_loop {
        lower! {
            pub async fn f(stop: usize) -> usize {
                let m = Mutex::new(vec![]);
                loop {
                    let _t = Tracker::new("iter");
                    m.lock().await.push(Tracker::new("e"));
                    if m.lock().await.len() >= stop {
                        return m.lock().await.len() + leaf("r", 100).await;
                    }
                    step("loop").await;
                }
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A tuple of two guards as a `match` scrutinee with an arm that awaits while both are
    /// alive.
    p27b_match_tuple_of_guards {
        lower! {
            pub async fn f() -> u32 {
                let a = Mutex::new(1u32);
                let b = Mutex::new(Some(Tracker::new("b")));
                let r = match (a.lock().await, b.lock().await) {
                    (ga, gb) if gb.is_some() => { step("both").await; *ga + 10 }
                    (ga, _) => *ga,
                };
                let x = *a.lock().await;
                r + x
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::future::select` of two pinned lowered calls: the loser is taken out of the
    /// `Either`, held across an await, then awaited to the end.
    p27b_select_either_loser_awaited_later {
        lower! {
            pub async fn job(t: Tracker, n: u32) -> u32 {
                for _ in 0..n { step(t.name()).await; }
                n
            }
        }
        lower! {
            pub async fn f() -> (u32, u32) {
                let a = Box::pin(job(Tracker::new("a"), 1));
                let b = Box::pin(job(Tracker::new("b"), 3));
                match fut::select(a, b).await {
                    fut::Either::Left((x, rest)) => { step("mid").await; (x, rest.await) }
                    fut::Either::Right((y, rest)) => { step("mid").await; (rest.await, y) }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `FuturesUnordered` of lowered calls sharing a `Rc<Mutex<..>>`; one pushed while
    /// draining with `next().await`.
    p27b_futures_unordered_push_while_draining {
        lower! {
            pub async fn job(m: Rc<Mutex<Vec<u32>>>, n: u32) -> u32 {
                let mut g = m.lock().await;
                step("job").await;
                g.push(n);
                n
            }
        }
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<u32>) {
                let m = Rc::new(Mutex::new(vec![]));
                let mut set = futures::stream::FuturesUnordered::new();
                set.push(job(m.clone(), 1));
                set.push(job(m.clone(), 2));
                let mut done = vec![];
                while let Some(v) = set.next().await {
                    done.push(v);
                    if v == 1 { set.push(job(m.clone(), 3)); }
                }
                let order = m.lock().await.clone();
                (done, order)
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::lock::Mutex` (futures crate) guard held across awaits, contended by a
    /// joined call.
    p27b_futures_lock_mutex_contended {
        lower! {
            pub async fn a(m: &futures::lock::Mutex<Vec<Tracker>>) -> usize {
                let mut g = m.lock().await;
                g.push(Tracker::new("a"));
                step("a1").await;
                step("a2").await;
                g.len()
            }
        }
        lower! {
            pub async fn b(m: &futures::lock::Mutex<Vec<Tracker>>) -> usize {
                step("b0").await;
                let mut g = m.lock().await;
                g.push(Tracker::new("b"));
                g.len()
            }
        }
        lower! {
            pub async fn f() -> (usize, usize) {
                let m = futures::lock::Mutex::new(vec![]);
                let r = join!(a(&m), b(&m));
                step("end").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::channel::mpsc` with `SinkExt::send` and `StreamExt::next` of trackers in a
    /// joined producer/consumer.
    p27b_futures_channel_sink_stream {
        lower! {
            pub async fn prod(mut tx: futures::channel::mpsc::Sender<Tracker>) -> u32 {
                use futures::SinkExt;
                for n in ["x", "y"] {
                    tx.send(Tracker::new(n)).await.unwrap();
                    step("p").await;
                }
                2
            }
        }
        lower! {
            pub async fn cons(mut rx: futures::channel::mpsc::Receiver<Tracker>) -> Vec<&'static str> {
                let mut out = vec![];
                while let Some(t) = rx.next().await {
                    leaf("c", ()).await;
                    out.push(t.name());
                }
                out
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<&'static str>) {
                let (tx, rx) = futures::channel::mpsc::channel(0);
                join!(prod(tx), cons(rx))
            }
        }
    }
    run { f() }
}

twin! {
    /// `StreamExt::fold` with an `async move` accumulator over trackers; `for_each` with a
    /// closure returning a lowered call.
    p27b_stream_fold_and_for_each {
        lower! {
            pub async fn note(t: Tracker) -> () {
                step("note").await;
                log(format!("noted {}", t.name()));
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let total = stream::iter(vec![Tracker::new("a"), Tracker::new("b")])
                    .fold(0u32, |acc, t| async move { step("fold").await; acc + t.name().len() as u32 })
                    .await;
                stream::iter(vec![Tracker::new("c"), Tracker::new("d")]).for_each(note).await;
                total + leaf("x", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `stream::iter(..).enumerate().filter(..)` over trackers with `next().await` in a
    /// `loop`/`match`, the stream's leftovers dropped on `return`.
    p27b_stream_filter_enumerate_return {
        lower! {
            pub async fn f() -> Option<usize> {
                let mut s = stream::iter(vec![Tracker::new("a"), Tracker::new("bb"), Tracker::new("c"), Tracker::new("dd")])
                    .enumerate()
                    .filter(|(_, t)| std::future::ready(t.name().len() == 2));
                loop {
                    match s.next().await {
                        Some((i, t)) if i > 1 => { step("ret").await; log(format!("ret {}", t.name())); return Some(i); }
                        Some((_, t)) => { leaf("skip", ()).await; drop(t); }
                        None => return None,
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `Shared` futures (`FutureExt::shared`) of a lowered call awaited twice via clones.
    p27b_shared_future_two_clones {
        lower! {
            pub async fn compute(n: u32) -> u32 {
                let _t = Tracker::new("compute");
                step("c").await;
                n * 3
            }
        }
        lower! {
            pub async fn f() -> (u32, u32) {
                let s = compute(leaf("n", 2).await).shared();
                let s2 = s.clone();
                let a = s.await;
                step("between").await;
                let b = s2.await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// `catch_unwind` on a lowered future holding a guard that panics; the mutex is usable
    /// afterwards (tokio's mutex does not poison).
    p27b_catch_unwind_guard_panics {
        lower! {
            pub async fn risky(m: &Mutex<Vec<u32>>) -> u32 {
                let mut g = m.lock().await;
                g.push(1);
                let _t = Tracker::new("risky");
                boom("r").await
            }
        }
        lower! {
            pub async fn f() -> (bool, Vec<u32>) {
                let m = Mutex::new(vec![]);
                let r = std::panic::AssertUnwindSafe(risky(&m)).catch_unwind().await;
                step("after").await;
                let v = m.lock().await.clone();
                (r.is_err(), v)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Abortable` of a lowered call holding a permit, aborted after some polls through an
    /// `AbortHandle` from a joined branch.
    p27b_abortable_permit_holder {
        lower! {
            pub async fn hold(s: &Semaphore) -> u32 {
                let _p = s.acquire().await.unwrap();
                let _t = Tracker::new("holder");
                for _ in 0..5 { step("h").await; }
                1
            }
        }
        lower! {
            pub async fn f() -> (bool, usize) {
                let s = Semaphore::new(1);
                let (h, reg) = futures::future::AbortHandle::new_pair();
                let (r, _) = join!(futures::future::Abortable::new(hold(&s), reg), async {
                    step("x").await;
                    h.abort();
                    log("aborted");
                });
                let n = s.available_permits();
                (r.is_err(), n)
            }
        }
    }
    run { f() }
}

twin! {
    /// `poll_fn` closure that polls a pinned lock future at most once per call, looped with
    /// steps until acquired (a manual select).
    p27b_poll_fn_manual_lock_loop {
        lower! {
            pub async fn f() -> u32 {
                let m = Arc::new(Mutex::new(0u32));
                let holder = m.clone().lock_owned().await;
                let lock = m.lock();
                tokio::pin!(lock);
                let mut tries = 0;
                let mut holder = Some(holder);
                let mut g = loop {
                    let got = std::future::poll_fn(|cx| std::task::Poll::Ready(match lock.as_mut().poll(cx) {
                        std::task::Poll::Ready(g) => Some(g),
                        std::task::Poll::Pending => None,
                    })).await;
                    if let Some(g) = got { break g; }
                    tries += 1;
                    step("retry").await;
                    if tries == 2 { holder = None; }
                };
                drop(holder);
                *g += tries;
                *g
            }
        }
    }
    run { f() }
}
