// An `.await` in the `else` of a `let ... else` (rejected by earlier versions of the
// compiler, lowered now): it must compile and behave as native.

async fn fallback() -> u32 {
    7
}

#[async_lower::lower]
async fn first(v: Vec<u32>) -> u32 {
    let Some(x) = v.first().copied() else {
        return fallback().await;
    };
    x
}

fn main() {
    assert_eq!(async_lower::block_on(first(vec![3])), 3);
    assert_eq!(async_lower::block_on(first(vec![])), 7);
}
