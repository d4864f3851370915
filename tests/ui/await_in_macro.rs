// `.await` inside a macro the lowering cannot see into (`matches!` takes a pattern, so it
// is not one of the format-family macros whose arguments are expressions).
#![allow(dead_code)]

async fn ready(v: u32) -> u32 {
    v
}

#[async_lower::lower]
async fn is_small(n: u32) -> bool {
    matches!(ready(n).await, 0..=9)
}

fn main() {}
