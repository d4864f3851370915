// Two commas in a row: an empty option.
#![allow(dead_code)]

#[async_lower::lower(crate = "async_lower",, layout = "enum")]
async fn f() -> u32 {
    1
}

fn main() {}
