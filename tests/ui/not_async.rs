// `#[lower]` on a plain `fn`: there is no state machine to build.
#![allow(dead_code)]

#[async_lower::lower]
fn not_async(x: u32) -> u32 {
    x + 1
}

fn main() {}
