// The `builder` option with no `= Type`.
#![allow(dead_code)]

#[async_lower::lower(builder)]
async fn f() -> u32 {
    1
}

fn main() {}
