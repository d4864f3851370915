// An option the attribute does not know.
#![allow(dead_code)]

#[async_lower::lower(foo = 1)]
async fn f() -> u32 {
    1
}

fn main() {}
