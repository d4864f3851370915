//! Auto traits of lowered futures equal native: `Send` exactly when native is `Send`, never
//! `Unpin` when native is not (and `Sync` as native); and lowered futures spawned on a
//! multi-thread tokio runtime compute what native ones do.
//!
//! Each case is one source compiled twice (`twin_pair!`, see `tests/common/twin.rs`). The
//! `Send` cases are also asserted statically (`is_send(&fut)` must compile); the probe
//! (autoref specialization) yields a `bool` for any type, so `!Send` cases compare too.

#[macro_use]
mod common;

use common::{Tracker, leaf, step};
use std::cell::Cell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

/// Compiles only for `Send` values.
fn is_send<T: Send>(_: &T) {}

/// The probe: `probe!(value, Send)` is `true` when the value's type is `Send`, `false`
/// otherwise (an inherent-looking call resolved by autoref specialization: the impl for
/// `Probe<T>` with `T: Trait` wins over the blanket impl for `&Probe<T>`).
mod probe {
    use std::marker::PhantomData;

    pub struct Probe<T>(PhantomData<T>);

    pub fn of<T>(_: &T) -> Probe<T> {
        Probe(PhantomData)
    }

    macro_rules! auto_trait_probe {
        ($yes:ident, $no:ident, $method:ident, $bound:path) => {
            pub trait $yes {
                fn $method(&self) -> bool {
                    true
                }
            }
            impl<T: $bound> $yes for Probe<T> {}
            pub trait $no {
                fn $method(&self) -> bool {
                    false
                }
            }
            impl<T> $no for &Probe<T> {}
        };
    }
    auto_trait_probe!(SendYes, SendNo, is_send, Send);
    auto_trait_probe!(SyncYes, SyncNo, is_sync, Sync);
    auto_trait_probe!(UnpinYes, UnpinNo, is_unpin, Unpin);
}

/// `(Send, Sync, Unpin)` of a value's type.
macro_rules! traits_of {
    ($value:expr) => {{
        #[allow(unused_imports)]
        use crate::probe::{SendNo, SendYes, SyncNo, SyncYes, UnpinNo, UnpinYes};
        let value = &$value;
        let p = crate::probe::of(value);
        ((&p).is_send(), (&p).is_sync(), (&p).is_unpin())
    }};
}

#[test]
fn the_probe_works() {
    struct NotUnpin(std::marker::PhantomPinned);
    assert_eq!(traits_of!(1u32), (true, true, true));
    assert_eq!(traits_of!(Rc::new(1)), (false, false, true));
    assert_eq!(traits_of!(Cell::new(1)), (true, false, true));
    assert_eq!(traits_of!(NotUnpin(std::marker::PhantomPinned)), (true, true, false));
    assert_eq!(traits_of!(async { 1 }), (true, true, false));
}

/// A parity case: `native`, `lowered` and `fields` (`layout = "fields"`) futures from one
/// source, built by `run`.
/// `expect: send` also asserts `Send` statically for both; `expect: not_send` checks the
/// native twin is indeed `!Send` (so the case tests what it says).
macro_rules! parity {
    ($(#[$doc:meta])* $name:ident, expect: $expect:ident, { $($items:tt)* } run { $($run:tt)* }) => {
        $(#[$doc])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            twin_pair! { { $($items)* } run { $($run)* } }

            #[test]
            fn auto_traits_match_native() {
                let (native, lowered) = (traits_of!(native::__run()), traits_of!(lowered::__run()));
                parity!(@expect $expect, native);
                assert_eq!(native.0, lowered.0, "Send: native {native:?} vs lowered {lowered:?} (Send, Sync, Unpin)");
                assert!(!lowered.2 || native.2, "the lowered future is Unpin, native is not");
                assert_eq!(native.1, lowered.1, "Sync: native {native:?} vs lowered {lowered:?} (Send, Sync, Unpin)");
            }

            /// The same with `layout = "fields"`.
            #[test]
            fn fields_layout_auto_traits_match_native() {
                let (native, fields) = (traits_of!(native::__run()), traits_of!(fields::__run()));
                assert_eq!(native.0, fields.0, "Send: native {native:?} vs fields {fields:?} (Send, Sync, Unpin)");
                assert!(!fields.2 || native.2, "the fields-layout future is Unpin, native is not");
                assert_eq!(native.1, fields.1, "Sync: native {native:?} vs fields {fields:?} (Send, Sync, Unpin)");
            }

            parity!(@static $expect);
        }
    };
    (@expect send, $native:ident) => {
        assert!($native.0, "case expects a Send native future");
    };
    (@expect not_send, $native:ident) => {
        assert!(!$native.0, "case expects a !Send native future");
    };
    (@static send) => {
        #[allow(dead_code)]
        fn statically_send() {
            is_send(&native::__run());
            is_send(&lowered::__run());
            is_send(&fields::__run());
        }
    };
    (@static not_send) => {};
}

pub fn consume<T>(_: T) {}

static LOCK: Mutex<u32> = Mutex::new(0);

parity! {
    /// Plain values and leaves.
    plain, expect: send, {
        lower! {
            pub async fn f(n: u32, t: Tracker) -> u32 {
                let v = vec![n; 3];
                step("a").await;
                v.len() as u32 + leaf("b", n).await + t.0.len() as u32
            }
        }
    } run { f(1, Tracker("t")) }
}

parity! {
    /// An `Rc` alive across an await.
    rc_across_await, expect: not_send, {
        lower! {
            pub async fn f() -> u32 {
                let rc = Rc::new(1);
                step("a").await;
                *rc
            }
        }
    } run { f() }
}

parity! {
    /// An `Rc` borrowed (`*rc` calls `Deref::deref(&rc)`), then dropped before the await:
    /// rustc keeps a local that was ever borrowed in the future until its scope ends, so
    /// native is `!Send` here (a lowering that only looks at moves would be `Send`).
    rc_borrowed_then_dropped_before_await, expect: not_send, {
        lower! {
            pub async fn f() -> u32 {
                let rc = Rc::new(1);
                let v = *rc;
                drop(rc);
                step("a").await;
                v
            }
        }
    } run { f() }
}

parity! {
    /// An `Rc` whose scope ends before the await, and one moved into a call.
    rc_scope_ended_or_moved, expect: send, {
        lower! {
            pub async fn f() -> u32 {
                let n;
                {
                    let rc = Rc::new(5);
                    n = *rc;
                }
                let moved = Rc::new(6);
                consume(moved);
                for i in 0..2 {
                    let r = Rc::new(i);
                    consume(r);
                }
                step("a").await;
                n
            }
        }
    } run { f() }
}

parity! {
    /// `Rc` temporaries that end with their statement, and `let _ = Rc`.
    rc_temporaries, expect: send, {
        lower! {
            pub async fn f() -> u32 {
                let n = *Rc::new(5);
                let _ = Rc::new(6);
                step("a").await;
                n + leaf("b", 7).await
            }
        }
    } run { f() }
}

parity! {
    /// An `Rc` temporary in the statement of the await lives across it.
    rc_temporary_in_await_statement, expect: not_send, {
        lower! {
            pub async fn f() -> u32 {
                leaf("b", *Rc::new(7)).await
            }
        }
    } run { f() }
}

parity! {
    /// An `Rc` moved into `drop` without ever being borrowed: gone before the await.
    rc_moved_before_await, expect: send, {
        lower! {
            pub async fn f() -> u32 {
                let rc = Rc::new(1);
                drop(rc);
                step("a").await;
                1
            }
        }
    } run { f() }
}

parity! {
    /// A shadowed `Rc` is still alive (only its name is gone).
    rc_shadowed, expect: not_send, {
        lower! {
            pub async fn f() -> u32 {
                let x = Rc::new(1);
                let x = *x + 1;
                step("a").await;
                x
            }
        }
    } run { f() }
}

parity! {
    /// A guard that is never used again (`let _g = lock()`) still lives to the end of its
    /// scope: `MutexGuard` is `!Send`.
    unused_mutex_guard, expect: not_send, {
        lower! {
            pub async fn f() -> u32 {
                let _g = LOCK.lock().unwrap();
                step("a").await;
                1
            }
        }
    } run { f() }
}

parity! {
    /// A guard in a block that ends before the await.
    guard_scope_ends_before_await, expect: send, {
        lower! {
            pub async fn f() -> u32 {
                let v = {
                    let g = LOCK.lock().unwrap();
                    *g + 1
                };
                step("a").await;
                v
            }
        }
    } run { f() }
}

parity! {
    /// A `match` scrutinee's temporary lives across the arms' awaits.
    match_scrutinee_temporary, expect: not_send, {
        lower! {
            pub async fn f() -> u32 {
                match *Rc::new(3) {
                    3 => leaf("three", 3).await,
                    n => n,
                }
            }
        }
    } run { f() }
}

parity! {
    /// A conditionally moved `Rc` may still be alive at the await.
    rc_maybe_moved, expect: not_send, {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let rc = Rc::new(1);
                if c {
                    drop(rc);
                }
                step("a").await;
                2
            }
        }
    } run { f(true) }
}

parity! {
    /// A `!Send` argument, never awaited across explicitly: arguments live to the end.
    not_send_argument, expect: not_send, {
        lower! {
            pub async fn f(_rc: Rc<u32>, n: u32) -> u32 {
                step("a").await;
                n
            }
        }
    } run { f(Rc::new(1), 2) }
}

parity! {
    /// `&Cell` (`Cell` is `!Sync`) held across an await, from a leaked cell.
    ref_to_not_sync, expect: not_send, {
        lower! {
            pub async fn f(c: &Cell<u32>) -> u32 {
                c.set(c.get() + 1);
                step("a").await;
                c.get()
            }
        }
    } run { f(common::twin::leak(Cell::new(1))) }
}

parity! {
    /// A reference to `Sync` data and a `&mut self` method on a `Send` type.
    refs_to_sync_data, expect: send, {
        pub struct Acc(pub Vec<u32>);
        impl Acc {
            lower! {
                pub async fn add_all(&mut self, items: &[u32]) -> usize {
                    for x in items {
                        self.0.push(leaf("x", *x).await);
                    }
                    self.0.len()
                }
            }
        }
    } run { common::twin::leak(Acc(vec![])).add_all(&[1, 2, 3]) }
}

parity! {
    /// Generic over `T`: instantiated with a `Send` type.
    generic_send, expect: send, {
        lower! {
            pub async fn f<T: Clone>(x: T) -> (T, T) {
                step("a").await;
                (x.clone(), x)
            }
        }
    } run { f(Arc::new(1)) }
}

parity! {
    /// Generic over `T`: instantiated with a `!Send` type.
    generic_not_send, expect: not_send, {
        lower! {
            pub async fn f<T: Clone>(x: T) -> (T, T) {
                step("a").await;
                (x.clone(), x)
            }
        }
    } run { f(Rc::new(1)) }
}

parity! {
    /// Awaiting a `!Send` nested `async` block that holds an `Rc` across its own await.
    not_send_nested_block, expect: not_send, {
        lower! {
            pub async fn f() -> u32 {
                let inner = async {
                    let r = Rc::new(1);
                    step("in").await;
                    *r
                };
                inner.await
            }
        }
    } run { f() }
}

parity! {
    /// Boxed futures: `dyn Future + Send` is `Send`, a loop holding it across awaits too.
    boxed_send_futures, expect: send, {
        lower! {
            pub async fn f() -> u32 {
                let futs: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = u32> + Send>>> =
                    vec![Box::pin(leaf("a", 1)), Box::pin(async { 2 })];
                let mut sum = 0;
                for f in futs {
                    sum += f.await;
                }
                sum
            }
        }
    } run { f() }
}

parity! {
    /// Boxed `dyn Future` without `Send`.
    boxed_not_send_future, expect: not_send, {
        lower! {
            pub async fn f() -> u32 {
                let fut: std::pin::Pin<Box<dyn std::future::Future<Output = u32>>> = Box::pin(leaf("a", 1));
                fut.await
            }
        }
    } run { f() }
}

parity! {
    /// Only `Sync` differs: a `Cell` (Send, !Sync) held across an await.
    send_but_not_sync, expect: send, {
        lower! {
            pub async fn f() -> u32 {
                let c = Cell::new(1);
                step("a").await;
                c.get()
            }
        }
    } run { f() }
}

parity! {
    /// The treatise's copy_stream over the in-memory streams.
    copy_stream, expect: send, {
        use crate::common::io::{MemReader, MemWriter};
        copy_stream_tokens!(lower!());
    } run {
        copy_stream(common::twin::leak(MemReader::new(vec![1; 10])), common::twin::leak(MemWriter::new()))
    }
}

parity! {
    /// A `Send + Sync` local borrowed across awaits (it needs a frame slot in the lowered
    /// machine): the slot must not make the future `!Send` or `!Sync`.
    slotted_local_stays_send_and_sync, expect: send, {
        lower! {
            pub async fn f() -> u32 {
                let data = vec![1u32, 2, 3];
                let tail = &data[1..];
                step("a").await;
                let mut out = Vec::new();
                for x in &data {
                    out.push(leaf("x", *x).await);
                }
                let pinned = std::pin::pin!(leaf("pinned", 1));
                tail.iter().sum::<u32>() + out.len() as u32 + pinned.await
            }
        }
    } run { f() }
}

parity! {
    /// An `Rc` borrowed across an await (a slotted `!Send` local).
    slotted_rc_not_send, expect: not_send, {
        lower! {
            pub async fn f() -> u32 {
                let rc = Rc::new(vec![1u32, 2]);
                let first = &rc[0];
                step("a").await;
                *first
            }
        }
    } run { f() }
}

parity! {
    /// An `if let` whose scrutinee borrows an `Rc` temporary, with an `else` that awaits:
    /// edition 2024 drops the scrutinee's temporaries before the `else` runs, so nothing
    /// `!Send` is alive at its await.
    if_let_temporary_dropped_before_else_await, expect: send, {
        lower! {
            pub async fn f(n: u32) -> u32 {
                if let Some(x) = Rc::new(n).checked_sub(1) {
                    x
                } else {
                    leaf("b", 7).await
                }
            }
        }
    } run { f(0) }
}

parity! {
    /// The same temporary with a then-block that awaits: it lives across that await.
    if_let_temporary_alive_in_then_await, expect: not_send, {
        lower! {
            pub async fn f(n: u32) -> u32 {
                if let Some(x) = Rc::new(n).checked_sub(1) {
                    x + leaf("b", 7).await
                } else {
                    0
                }
            }
        }
    } run { f(1) }
}

/// Lowered futures spawned on a multi-thread runtime compute what native ones compute.
mod tokio_multi_thread {
    use super::*;
    use crate::common::io::{AsyncSink, AsyncSource, MemReader, MemWriter, PendingPlan, pattern};

    /// The functions under test (`imp::native`, `imp::lowered`).
    mod imp {
    #[allow(unused_imports)]
    use super::*;
    twin_pair! {
        {
            lower! {
                /// Each worker pushes into a shared `tokio::sync::Mutex` (guard held across
                /// a yield) and reports its own checksum.
                pub async fn worker(id: u32, shared: Arc<tokio::sync::Mutex<Vec<u32>>>, rounds: u32) -> u64 {
                    let mut mine = 0u64;
                    for i in 0..rounds {
                        tokio::task::yield_now().await;
                        let mut guard = shared.lock().await;
                        guard.push(id * 1000 + i);
                        mine += (id * 1000 + i) as u64;
                        tokio::task::yield_now().await;
                        drop(guard);
                    }
                    mine
                }
            }

            lower! {
                /// A producer through a bounded channel (it suspends when the channel is full).
                pub async fn produce(tx: tokio::sync::mpsc::Sender<u64>, n: u64) -> u64 {
                    let mut sent = 0;
                    for i in 0..n {
                        if tx.send(i * i).await.is_err() {
                            break;
                        }
                        sent += 1;
                    }
                    sent
                }
            }

            lower! {
                /// The consumer, with a timer in the loop.
                pub async fn consume_all(mut rx: tokio::sync::mpsc::Receiver<u64>) -> (u64, u64) {
                    let mut count = 0;
                    let mut sum = 0;
                    while let Some(v) = rx.recv().await {
                        count += 1;
                        sum += v;
                        if count % 16 == 0 {
                            tokio::time::sleep(std::time::Duration::from_micros(50)).await;
                        }
                    }
                    (count, sum)
                }
            }

            lower! {
                /// Generic copy over streams with scripted pending steps.
                pub async fn copy<R: AsyncSource, W: AsyncSink>(mut source: R, mut destination: W) -> std::io::Result<(u64, W)> {
                    let mut buffer = vec![0u8; 4096];
                    let mut total = 0;
                    loop {
                        let n = source.read_into(&mut buffer).await?;
                        if n == 0 {
                            break;
                        }
                        let mut rest = &buffer[..n];
                        while !rest.is_empty() {
                            let w = destination.write_some(rest).await?;
                            rest = &rest[w..];
                        }
                        total += n as u64;
                    }
                    Ok((total, destination))
                }
            }
        }
        run { async { 0 } }
    }
    }
    use imp::{lowered, native};

    /// What one implementation computes on a fresh 2-worker runtime.
    macro_rules! scenario {
        ($imp:ident) => {{
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_time().build().unwrap();
            rt.block_on(async {
                let shared = Arc::new(tokio::sync::Mutex::new(Vec::new()));
                let workers: Vec<_> = (0..16).map(|id| tokio::spawn($imp::worker(id, shared.clone(), 20))).collect();
                let mut sums = Vec::new();
                for w in workers {
                    sums.push(w.await.unwrap());
                }
                let mut all = shared.lock().await.clone();
                all.sort();

                let (tx, rx) = tokio::sync::mpsc::channel(4);
                let consumer = tokio::spawn($imp::consume_all(rx));
                let producer = tokio::spawn($imp::produce(tx, 500));
                let sent = producer.await.unwrap();
                let received = consumer.await.unwrap();

                let copies: Vec<_> = (0..8usize)
                    .map(|i| {
                        let source = MemReader::new(pattern(10_000 + i * 777))
                            .with_chunk(1000 + i * 100)
                            .with_pending(PendingPlan::Cycle(vec![0, 1, 2, (i % 3) as u32]));
                        let destination = MemWriter::new().with_chunk(700).with_pending(PendingPlan::Cycle(vec![1, 0]));
                        tokio::spawn($imp::copy(source, destination))
                    })
                    .collect();
                let mut copied = Vec::new();
                for c in copies {
                    let (n, w) = c.await.unwrap().unwrap();
                    copied.push((n, w.data().len(), w.data().iter().map(|&b| b as u64).sum::<u64>()));
                }
                (sums, all.len(), all.iter().map(|&x| x as u64).sum::<u64>(), sent, received, copied)
            })
        }};
    }

    #[test]
    fn spawned_lowered_futures_compute_as_native() {
        let expected = scenario!(native);
        assert_eq!(expected.1, 16 * 20);
        assert_eq!(expected.3, 500);
        let actual = scenario!(lowered);
        pretty_assertions::assert_eq!(expected, actual);
    }
}
