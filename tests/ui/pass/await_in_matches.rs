// `.await` inside `matches!` (rejected by earlier versions: only the value is an
// expression, the rest a pattern): it must compile and behave as native.

async fn ready(v: u32) -> u32 {
    v
}

#[async_lower::lower]
async fn is_small(n: u32) -> bool {
    matches!(ready(n).await, 0..=9)
}

fn main() {
    assert!(async_lower::block_on(is_small(3)));
    assert!(!async_lower::block_on(is_small(30)));
}
