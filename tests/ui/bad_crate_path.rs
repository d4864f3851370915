// `crate = ...` that is not a path in a string.
#![allow(dead_code)]

#[async_lower::lower(crate = "not a path")]
async fn f() -> u32 {
    1
}

fn main() {}
