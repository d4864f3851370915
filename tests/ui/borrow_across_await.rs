// A reference into `data` held across an await while `data` grows: the example of the
// design note; native rejects it, the lowered version must too.
#![allow(dead_code)]

async fn leaf() {}

#[async_lower::lower]
async fn grow_while_borrowed() -> u32 {
    let mut data = vec![1, 2, 3];
    let r = &data[0];
    leaf().await;
    data.push(4);
    leaf().await;
    *r
}

fn main() {}
