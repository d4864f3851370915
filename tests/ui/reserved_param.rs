// A parameter named like the generated code's internals.
#![allow(dead_code)]

#[async_lower::lower]
async fn f(__state: u32) -> u32 {
    __state
}

fn main() {}
