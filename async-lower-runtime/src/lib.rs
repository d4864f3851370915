//! The runtime of async-lower: a small, single-threaded runtime that lets a learner watch
//! every poll, suspension, wake and allocation of the machines the compiler generates.
//!
//! The lowered machines are plain `std::future::Future`s and run on any executor; this
//! runtime exists to make the C# async model's pieces visible in Rust:
//!
//! | module | C# counterpart |
//! |---|---|
//! | [`machine`] | the compiler's contract: the state-machine wrapper and `AsyncTaskMethodBuilder` |
//! | [`builders`] | the struct/class state machine, `PoolingAsyncValueTaskMethodBuilder`, a logging builder |
//! | [`executor`] | the UI thread's `SynchronizationContext`, `AsyncStateMachineBox`, `async void`, the `.Result` deadlock |
//! | [`reactor`] | I/O completion ports: "There Is No Thread" |
//! | [`time`] | `Task.Delay`, `WaitAsync(timeout)` |
//! | [`combinators`] | `Task.WhenAll`, `WhenAny`, `WhenEach` |
//! | [`cancel`] | `CancellationToken`, and Rust's own cancellation by drop |
//! | [`task_local`](mod@task_local) | `AsyncLocal<T>` / `ExecutionContext` |
//! | [`blocking`] | `Task.Run` for blocking work |
//! | [`diagnose`] | the debugger's Parallel Tasks window (used by the deadlock report) |
//!
//! ```
//! use async_lower_runtime::{block_on, sleep, spawn};
//! use std::time::Duration;
//! let sum = block_on(async {
//!     let a = spawn(async { sleep(Duration::from_millis(1)).await; 1 });
//!     let b = spawn(async { 2 });
//!     a.await + b.await
//! });
//! assert_eq!(sum, 3);
//! ```
//!
//! # Watching it run
//!
//! - [`executor::print_to_stderr`]`(true)`: one line per poll, wake and sleep of the
//!   executor; [`executor::stats`] counts them.
//! - [`Tracing::print_to_stderr`]`(true)`: one line per transition of every machine lowered
//!   with `builder = async_lower::runtime::builders::Tracing`
//!   (`fetch: Running -> Await0 (awaiting `client.get(url)`, line 12)`).
//! - Both are also `tracing` events (targets `async_lower::executor`, `async_lower::machine`)
//!   for any subscriber.
//! - [`executor::suspended`]: what every task waits on right now; the same report ends a
//!   deadlock, instead of a hang.
#![warn(missing_docs)]

pub mod blocking;
pub mod builders;
pub mod cancel;
pub mod combinators;
pub mod diagnose;
pub mod executor;
pub mod machine;
pub mod partial;
pub mod reactor;
pub mod task_local;
pub mod time;

pub use blocking::spawn_blocking;
pub use builders::{Boxed, Pooled, Tracing};
pub use cancel::CancellationToken;
pub use combinators::{when_all, when_any, when_each};
pub use executor::{JoinHandle, PanicPolicy, block_on, spawn, spawn_detached, yield_now};
pub use machine::{Builder, DefaultBuilder, MachineInfo, StateInfo};
pub use reactor::net;
pub use time::{sleep, timeout};
