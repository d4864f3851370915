// `layout = "struct"`: a layout that does not exist (they are "enum" and "fields").
#![allow(dead_code)]

#[async_lower::lower(layout = "struct")]
async fn f() -> u32 {
    1
}

fn main() {}
