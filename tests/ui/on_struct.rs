// `#[lower]` on a struct: it only goes on an `async fn`.
#![allow(dead_code)]

#[async_lower::lower]
struct Connection {
    id: u32,
}

fn main() {}
