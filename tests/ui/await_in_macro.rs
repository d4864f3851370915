// `tokio::select!` is awaited as an `async` block, its handlers' `break`, `continue`,
// `return` and `?` carried out of it; a `break` with a value is not.
#![allow(dead_code)]

async fn ready(v: u32) -> u32 {
    v
}

#[async_lower::lower]
async fn first_of(a: u32, b: u32) -> u32 {
    loop {
        tokio::select! {
            x = ready(a) => break ready(x).await + 1,
            y = ready(b) => if y > 0 { continue },
        }
    }
}

fn main() {}
