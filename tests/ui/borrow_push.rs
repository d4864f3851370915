// A shared borrow of `v` alive across a `push`: native rejects it, so must the lowered
// version (the borrow-check shadow).
#![allow(dead_code)]

async fn leaf() {}

fn use_ref(_: &u32) {}

#[async_lower::lower]
async fn push_while_borrowed() {
    let mut v = vec![1, 2, 3];
    let r = &v[0];
    v.push(4);
    leaf().await;
    use_ref(r);
}

fn main() {}
