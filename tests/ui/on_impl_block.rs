// `#[lower]` on a whole `impl` block: it goes on each `async fn` inside.
#![allow(dead_code)]

struct Connection;

#[async_lower::lower]
impl Connection {
    async fn read(&self) -> u32 {
        1
    }
}

fn main() {}
