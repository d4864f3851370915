// A `&mut self` method: a reference into a field kept across a mutation of that field.
// Native rejects it; the error must name `self`, as the user wrote it.
#![allow(dead_code)]

async fn leaf() {}

struct Log {
    items: Vec<u32>,
}

impl Log {
    #[async_lower::lower]
    async fn append(&mut self) -> u32 {
        let first = &self.items[0];
        self.items.push(1);
        leaf().await;
        *first
    }
}

fn main() {}
