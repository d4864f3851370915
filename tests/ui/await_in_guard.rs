// An `.await` in a match guard.
#![allow(dead_code)]

async fn ready(v: u32) -> u32 {
    v
}

#[async_lower::lower]
async fn classify(n: Option<u32>) -> u32 {
    match n {
        Some(x) if ready(x).await > 10 => 1,
        Some(_) => 2,
        None => 0,
    }
}

fn main() {}
