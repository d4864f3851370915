// `builder = ...` that is not a type.
#![allow(dead_code)]

#[async_lower::lower(builder = 3)]
async fn f() -> u32 {
    1
}

fn main() {}
