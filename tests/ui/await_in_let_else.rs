// An `.await` in the `else` block of a `let ... else`.
#![allow(dead_code)]

async fn fallback() -> u32 {
    0
}

#[async_lower::lower]
async fn first(v: Vec<u32>) -> u32 {
    let Some(x) = v.first().copied() else {
        return fallback().await;
    };
    x
}

fn main() {}
