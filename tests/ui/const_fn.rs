// `#[lower]` on a `const async fn` (which native Rust rejects too).
#![allow(dead_code)]

#[async_lower::lower]
const async fn answer() -> u32 {
    42
}

fn main() {}
