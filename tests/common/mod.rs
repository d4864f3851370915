//! Shared test support for async-lower: the event log, deterministic leaf futures, the
//! twin macro (one source, a native and a lowered copy) and the in-memory streams with the
//! treatise's `copy_stream` body.
//!
//! Include it from a test crate root with `#[macro_use] mod common;` (or, from a bench or
//! an example, `#[macro_use] #[path = "../tests/common/mod.rs"] mod common;`). The log and
//! the schedule are thread-local, so tests running in parallel never see each other.
#![allow(dead_code, unused_macros, unused_imports)]

#[macro_use]
pub mod twin;
#[macro_use]
pub mod copy_stream;
pub mod combinators;
pub mod io;
pub mod leaf;
pub mod log;

pub use combinators::pair;
pub use leaf::{Boom, Leaf, Tracker, boom, leaf, step, val};
pub use log::{log, take_log};
