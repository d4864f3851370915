//! Differential tests: every body is compiled twice from the same tokens, natively and
//! through `#[async_lower::lower]`, and both futures are run under the same deterministic
//! schedule; everything observable must be equal (see `differential/harness.rs`).
//!
//! Add a body: pick the file of its category in `tests/differential/` and write
//!
//! ```ignore
//! twin! {
//!     /// What it covers.
//!     my_body {
//!         lower! {
//!             pub async fn f(t: Tracker, n: u32) -> u32 { leaf("a", n).await + 1 }
//!         }
//!     }
//!     run { f(Tracker("t"), 3) }
//! }
//! ```
//!
//! `lower! { fn }` marks each function to lower (it is a no-op in the native copy, and
//! works inside `impl` blocks too); other items (types, impls, native helpers) are copied
//! into both twins as they are. The `run` block returns the future under test (use
//! `pair(a, b)` to run two calls one after the other); lend it borrowed data with
//! `leak(..)`. Bodies use `leaf(name, value)` / `step(name)` for awaits that may be pending,
//! `val(name, v)` for logged evaluations, `Tracker("x")` for values whose drop matters,
//! `boom(name)` for an awaited future that panics, `log(..)` for any other effect.
//!
//! - `DIFF_DUMP=1 cargo test --test differential NAME -- --nocapture` prints what the
//!   native twin did (the expected observations); `--test differential_probes` for a body
//!   of rounds 11 to 24a, `--test differential_probes2` for one of 24b on.
//! - `python3 tests/differential/triage.py` builds and runs each body (and each
//!   `send_parity` case) on its own: one body the compiler rejects does not hide the others.
//! - `selftest.rs` checks that the harness itself catches each kind of divergence.
//!
//! The probing rounds from 11 on are in two more test crates, `differential_probes.rs`
//! (it says why) and `differential_probes2.rs`; a new round's file goes in the second.

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

#[path = "differential/expressions.rs"]
mod expressions;
#[path = "differential/control.rs"]
mod control;
#[path = "differential/loops.rs"]
mod loops;
#[path = "differential/errors.rs"]
mod errors;
#[path = "differential/scopes.rs"]
mod scopes;
#[path = "differential/closures.rs"]
mod closures;
#[path = "differential/methods.rs"]
mod methods;
#[path = "differential/generics.rs"]
mod generics;
#[path = "differential/streams.rs"]
mod streams;
#[path = "differential/joins.rs"]
mod joins;
#[path = "differential/slot_moves.rs"]
mod slot_moves;
#[path = "differential/selftest.rs"]
mod selftest;
// Bodies written to probe the lowering with programs it was not built for.
#[path = "differential/probe.rs"]
mod probe;
#[path = "differential/probe2.rs"]
mod probe2;
#[path = "differential/probe_min.rs"]
mod probe_min;
#[path = "differential/probe3.rs"]
mod probe3;
#[path = "differential/probe4.rs"]
mod probe4;
#[path = "differential/partial.rs"]
mod partial;
#[path = "differential/probe5a.rs"]
mod probe5a;
#[path = "differential/probe5b.rs"]
mod probe5b;
#[path = "differential/probe5c.rs"]
mod probe5c;
#[path = "differential/probe6e.rs"]
mod probe6e;
#[path = "differential/probe6d.rs"]
mod probe6d;
#[path = "differential/probe7f.rs"]
mod probe7f;
#[path = "differential/probe8a.rs"]
mod probe8a;
#[path = "differential/probe8b.rs"]
mod probe8b;
#[path = "differential/probe9.rs"]
mod probe9;
#[path = "differential/probe10a.rs"]
mod probe10a;
#[path = "differential/probe10b.rs"]
mod probe10b;
