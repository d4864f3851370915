// A local used after it was moved, with an await in between (E0382 natively).
#![allow(dead_code)]

async fn leaf() {}

async fn consume(_: String) {}

#[async_lower::lower]
async fn twice() -> usize {
    let s = String::from("hello");
    consume(s).await;
    leaf().await;
    s.len()
}

fn main() {}
