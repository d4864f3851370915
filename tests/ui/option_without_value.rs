// An option name with no `= value`.
#![allow(dead_code)]

#[async_lower::lower(crate)]
async fn f() -> u32 {
    1
}

fn main() {}
