// `.await` inside a user-defined macro: its arguments could be anything, so the lowering
// cannot split the await out of it.
#![allow(dead_code)]

macro_rules! double {
    ($e:expr) => {
        $e * 2
    };
}

async fn ready(v: u32) -> u32 {
    v
}

#[async_lower::lower]
async fn doubled(n: u32) -> u32 {
    let d = double!(ready(n).await);
    d + 1
}

fn main() {}
