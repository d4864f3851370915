// A local moved away while a reference to it is held across an await (E0505 natively).
#![allow(dead_code)]

async fn leaf() {}

#[async_lower::lower]
async fn moved() -> usize {
    let s = String::from("hello");
    let r = &s;
    leaf().await;
    drop(s);
    r.len()
}

fn main() {}
