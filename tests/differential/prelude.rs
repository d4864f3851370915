//! What every body file imports (all three test crates, `differential`,
//! `differential_probes` and `differential_probes2`).
pub use crate::common::combinators::pair;
pub use crate::common::io::*;
pub use crate::common::leaf::*;
pub use crate::common::log::{draw_pending, log};
pub use crate::common::twin::leak;
pub use std::future::Future;
pub use std::pin::Pin;
