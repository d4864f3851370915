//! Compile-fail tests: what a user sees when `#[async_lower::lower]` is misused, or when
//! the lowered body is wrong in a way native Rust would reject.
//!
//! Regenerate the expected output with `TRYBUILD=overwrite cargo test --test ui`, then
//! read each `.stderr`: the span must be on the user's code and the message must say what
//! to write instead.
//!
//! `tests/ui/pass/` holds what must compile and run: forms that earlier versions rejected,
//! and the rewrites the error messages suggest.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
