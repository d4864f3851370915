//! Differential tests, second crate: the newer probing rounds (11 on), compared with
//! native exactly as in `differential.rs` (which says how to write a body).
//!
//! A test crate of its own so that rustc's memory is split: one crate of every body
//! peaked at 20 GB of the 24 GB machine, almost all of it type-checking results held to
//! the end. Two crates compile side by side, and the smaller one ends first.

// Fields read only through `Debug`, helpers used by some bodies only.
#![allow(dead_code)]

#[macro_use]
mod common;
#[macro_use]
#[path = "differential/harness.rs"]
mod harness;

/// What every body file imports.
#[path = "differential/prelude.rs"]
mod prelude;

// Bodies written to probe the lowering with programs it was not built for.
#[path = "differential/probe11.rs"]
mod probe11;
#[path = "differential/probe12a.rs"]
mod probe12a;
#[path = "differential/probe12b.rs"]
mod probe12b;
#[path = "differential/probe13.rs"]
mod probe13;
#[path = "differential/probe14.rs"]
mod probe14;
#[path = "differential/probe15.rs"]
mod probe15;
#[path = "differential/probe16.rs"]
mod probe16;
#[path = "differential/probe17.rs"]
mod probe17;
#[path = "differential/probe18.rs"]
mod probe18;
#[path = "differential/probe19.rs"]
mod probe19;
#[path = "differential/probe20.rs"]
mod probe20;
#[path = "differential/probe21.rs"]
mod probe21;
#[path = "differential/probe22.rs"]
mod probe22;
#[path = "differential/probe23.rs"]
mod probe23;
#[path = "differential/probe23x.rs"]
mod probe23x;
#[path = "differential/probe23b.rs"]
mod probe23b;
#[path = "differential/probe24a.rs"]
mod probe24a;
#[path = "differential/probe24b.rs"]
mod probe24b;
#[path = "differential/probe25b.rs"]
mod probe25b;
#[path = "differential/probe25a.rs"]
mod probe25a;
#[path = "differential/probe26a.rs"]
mod probe26a;
#[path = "differential/probe26b.rs"]
mod probe26b;
#[path = "differential/probe27a.rs"]
mod probe27a;
#[path = "differential/probe27b.rs"]
mod probe27b;
#[path = "differential/probe28b.rs"]
mod probe28b;
#[path = "differential/probe28a.rs"]
mod probe28a;
#[path = "differential/probe29a.rs"]
mod probe29a;
#[path = "differential/probe29b.rs"]
mod probe29b;
#[path = "differential/probe30a.rs"]
mod probe30a;
#[path = "differential/probe30b.rs"]
mod probe30b;
#[path = "differential/probe31a.rs"]
mod probe31a;
