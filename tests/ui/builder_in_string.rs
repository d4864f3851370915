// `builder = "..."`: the type given as a string.
#![allow(dead_code)]

#[async_lower::lower(builder = "async_lower::runtime::Tracing")]
async fn f() -> u32 {
    1
}

fn main() {}
