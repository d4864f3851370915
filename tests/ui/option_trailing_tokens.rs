// Tokens after an option's value that are not a `,` and another option.
#![allow(dead_code)]

#[async_lower::lower(builder = async_lower::runtime::Tracing extra)]
async fn f() -> u32 {
    1
}

fn main() {}
