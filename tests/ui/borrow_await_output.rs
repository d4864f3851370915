// The output of an await borrows a local (`first` returns `&'a u32` into `v`); `v` is then
// mutated while that reference is alive. Native rejects it (E0502); the lowered version
// must too, though the awaiter lives in the state machine.
#![allow(dead_code)]

async fn first<'a>(v: &'a Vec<u32>) -> &'a u32 {
    &v[0]
}

async fn leaf() {}

#[async_lower::lower]
async fn stale() -> u32 {
    let mut v = vec![1, 2, 3];
    let r = first(&v).await;
    v.push(4);
    leaf().await;
    *r
}

fn main() {}
