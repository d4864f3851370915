//! The runtime of async-lower.
//!
//! - [`machine`]: what the generated state machines call (the wrapper, the builder trait,
//!   the `unsafe` primitives). Everything a lowered function needs to run on any executor.
#![warn(missing_docs)]

pub mod machine;

pub use machine::{Builder, DefaultBuilder, MachineInfo, StateInfo};
