// `layout = fields`: the value without its quotes.
#![allow(dead_code)]

#[async_lower::lower(layout = fields)]
async fn f() -> u32 {
    1
}

fn main() {}
