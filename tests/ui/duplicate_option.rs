// The same option twice.
#![allow(dead_code)]

#[async_lower::lower(crate = "::async_lower", crate = "::async_lower")]
async fn f() -> u32 {
    1
}

fn main() {}
