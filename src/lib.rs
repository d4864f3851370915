//! # async-lower
//!
//! An educational compiler: [`lower`] rewrites an `async fn` into an explicit enum state
//! machine, the way C#'s compiler turns an async method into a struct with a state field,
//! hoisted locals and awaiter fields. A small [`runtime`] polls those machines so that every
//! poll, suspension, wake and allocation can be watched.

pub use async_lower_macro::lower;
pub use async_lower_runtime as runtime;
pub use async_lower_runtime::{block_on, spawn, sleep};

/// Lowers every `#[lower]`-annotated `async fn` in a piece of Rust source and returns the
/// generated code, formatted. For snapshot exercises and the `expand` command.
pub use async_lower_core::{ExpandError, GraphFormat, Layout, expand, expand_fn, expand_with, graph};

/// What the generated code reaches for. Not a public API: names here may change at any time.
#[doc(hidden)]
pub mod __private {
    pub use async_lower_runtime::machine::{
        ArgRefs, Builder, DefaultBuilder, FromResidual, MachineInfo, MachineState, StateInfo,
        StateMachine, Try, detach, move_out, park, poll_in_place, shadow, vacate, Frame, Slot, SlotGuard, SlotRef, split_frame,
        fill, open, peek, witness, Witness, value_of, infer_output, Returns, Leave, Captures,
    };
    pub use async_lower_runtime::partial::Partial;
    pub use core::future::{Future, IntoFuture};
    pub use core::ops::ControlFlow;
    pub use core::pin::Pin;
    pub use core::task::{Context, Poll};
}
