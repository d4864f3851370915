//! Differential tests, second crate: the probing rounds 11 to 24a, compared with native
//! exactly as in `differential.rs` (which says how to write a body). Rounds 24b on are in
//! a third crate, `differential_probes2.rs`, where a new round's file goes.
//!
//! Test crates of their own so that rustc's memory is split: one crate of every body
//! peaked at 20 GB of the 24 GB machine, almost all of it type-checking results held to
//! the end, and this one had reached 21.7 GB before the third was split off. Cargo
//! compiles two crates side by side, so the largest two must fit together.
//!
//! Every other round's file is compiled in the enum layout only (`twin_enum!`, no `fields`
//! copy): rustc's memory grows with every copy of every body (5.4 MB a body in all three
//! copies). The `fields` layout is still checked on every body of `differential.rs` and on
//! half of the rounds here; `triage.py` builds any body in both.

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

// Bodies written to probe the lowering with programs it was not built for. A round
// compiled with the enum layout only is marked by the `twin!` before it (see above).
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe11.rs"]
mod probe11;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe12a.rs"]
mod probe12a;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe12b.rs"]
mod probe12b;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe13.rs"]
mod probe13;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe14.rs"]
mod probe14;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe15.rs"]
mod probe15;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe16.rs"]
mod probe16;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe17.rs"]
mod probe17;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe18.rs"]
mod probe18;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe19.rs"]
mod probe19;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe20.rs"]
mod probe20;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe21.rs"]
mod probe21;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe22.rs"]
mod probe22;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe23.rs"]
mod probe23;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe23x.rs"]
mod probe23x;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe23b.rs"]
mod probe23b;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe24a.rs"]
mod probe24a;
