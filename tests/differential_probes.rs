//! Differential tests, second crate: the newer probing rounds (11 on), compared with
//! native exactly as in `differential.rs` (which says how to write a body).
//!
//! A test crate of its own so that rustc's memory is split: one crate of every body
//! peaked at 20 GB of the 24 GB machine, almost all of it type-checking results held to
//! the end. Two crates compile side by side, and the smaller one ends first.
//!
//! Every other round's file is compiled in the enum layout only (`twin_enum!`, no `fields`
//! copy): rustc's memory grows with every copy of every body (5.4 MB a body in all three
//! copies), and this crate had reached 21.7 GB. The `fields` layout is still checked on
//! every body of `differential.rs` and on half of the rounds here; `triage.py` builds any
//! body in both.

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
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe24b.rs"]
mod probe24b;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe25b.rs"]
mod probe25b;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe25a.rs"]
mod probe25a;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe26a.rs"]
mod probe26a;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe26b.rs"]
mod probe26b;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe27a.rs"]
mod probe27a;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe27b.rs"]
mod probe27b;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe28b.rs"]
mod probe28b;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe28a.rs"]
mod probe28a;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe29a.rs"]
mod probe29a;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe29b.rs"]
mod probe29b;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe30a.rs"]
mod probe30a;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe30b.rs"]
mod probe30b;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe31a.rs"]
mod probe31a;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe31b.rs"]
mod probe31b;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe32b.rs"]
mod probe32b;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe32a.rs"]
mod probe32a;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe33a.rs"]
mod probe33a;
