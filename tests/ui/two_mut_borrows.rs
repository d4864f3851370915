// Two `&mut` borrows of one local, both held across an await.
#![allow(dead_code)]

async fn leaf() {}

#[async_lower::lower]
async fn two_mut() {
    let mut n = 0u32;
    let a = &mut n;
    let b = &mut n;
    leaf().await;
    *a += 1;
    *b += 1;
}

fn main() {}
