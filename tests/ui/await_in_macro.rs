// `.await` inside a macro the lowering cannot see into: `tokio::select!` has its own
// syntax (`pattern = future => body`), so an await in a branch cannot be split out.
#![allow(dead_code)]

async fn ready(v: u32) -> u32 {
    v
}

#[async_lower::lower]
async fn first_of(a: u32, b: u32) -> u32 {
    tokio::select! {
        x = ready(a) => ready(x).await + 1,
        y = ready(b) => y,
    }
}

fn main() {}
