// Two options without the `,` between them.
#![allow(dead_code)]

#[async_lower::lower(crate = "async_lower" layout = "enum")]
async fn f() -> u32 {
    1
}

fn main() {}
