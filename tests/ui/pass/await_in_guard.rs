// An `.await` in a match guard (rejected by earlier versions of the compiler, lowered now:
// the match is split into a pass that picks the arm and one that runs it).

async fn ready(v: u32) -> u32 {
    v
}

#[async_lower::lower]
async fn classify(n: Option<u32>) -> u32 {
    match n {
        Some(x) if ready(x).await > 10 => 1,
        Some(_) => 2,
        None => 0,
    }
}

fn main() {
    assert_eq!(async_lower::block_on(classify(Some(11))), 1);
    assert_eq!(async_lower::block_on(classify(Some(3))), 2);
    assert_eq!(async_lower::block_on(classify(None)), 0);
}
