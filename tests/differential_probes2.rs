//! Differential tests, third crate: the probing rounds from 24b on, compared with native
//! exactly as in `differential.rs` (which says how to write a body). A new round's file
//! goes at the end of this one. `differential_probes.rs` says why the rounds are split
//! over two crates, and why every other round file is compiled in the enum layout only
//! (the `twin!` before it says which).

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
// compiled with the enum layout only is marked by the `twin!` before it.
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
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe33b.rs"]
mod probe33b;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe34b.rs"]
mod probe34b;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe34a.rs"]
mod probe34a;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe35a.rs"]
mod probe35a;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe35b.rs"]
mod probe35b;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe36a.rs"]
mod probe36a;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe36b.rs"]
mod probe36b;
macro_rules! twin { ($($body:tt)*) => { twin_enum! { $($body)* } }; }
#[path = "differential/probe37a.rs"]
mod probe37a;
macro_rules! twin { ($($body:tt)*) => { twin_both! { $($body)* } }; }
#[path = "differential/probe37b.rs"]
mod probe37b;
