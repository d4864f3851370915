// The `layout` option with no `= "enum"` or `= "fields"`.
#![allow(dead_code)]

#[async_lower::lower(layout)]
async fn f() -> u32 {
    1
}

fn main() {}
