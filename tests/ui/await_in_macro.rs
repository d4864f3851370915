// `.await` inside a macro the lowering cannot see into (not the `format!` family).
#![allow(dead_code)]

async fn ready(v: u32) -> u32 {
    v
}

#[async_lower::lower]
async fn check(n: u32) {
    assert!(ready(n).await > 0, "n must be positive");
}

fn main() {}
