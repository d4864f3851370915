//! What every body file imports (both test crates, `differential` and
//! `differential_probes`).
pub use crate::common::combinators::pair;
pub use crate::common::io::*;
pub use crate::common::leaf::*;
pub use crate::common::log::{draw_pending, log};
pub use crate::common::twin::leak;
pub use std::future::Future;
pub use std::pin::Pin;
