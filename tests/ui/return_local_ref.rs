// Returning a reference to a local that lived across an await (E0515 natively).
#![allow(dead_code)]

async fn leaf() {}

#[async_lower::lower]
async fn dangling<'a>(_x: &'a u32) -> &'a u32 {
    let local = 5u32;
    leaf().await;
    &local
}

fn main() {}
