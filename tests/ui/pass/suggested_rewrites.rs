// What the compile-fail messages tell the user to write instead must compile, lowered:
// - await_in_guard.rs: "await before the `match` and test the value in the guard";
// - await_in_macro.rs / await_in_user_macro.rs: "await before the macro and pass the
//   value, or wrap it: `async { m!(...) }.await`".

macro_rules! double {
    ($e:expr) => {
        $e * 2
    };
}

async fn ready(v: u32) -> u32 {
    v
}

#[async_lower::lower]
async fn classify(n: Option<u32>) -> u32 {
    let big = match n {
        Some(x) => ready(x).await > 10,
        None => false,
    };
    match n {
        Some(_) if big => 1,
        Some(_) => 2,
        None => 0,
    }
}

#[async_lower::lower]
async fn is_small(n: u32) -> bool {
    async { matches!(ready(n).await, 0..=9) }.await
}

#[async_lower::lower]
async fn is_small_bound(n: u32) -> bool {
    let value = ready(n).await;
    matches!(value, 0..=9)
}

#[async_lower::lower]
async fn doubled(n: u32) -> u32 {
    let value = ready(n).await;
    let d = double!(value);
    d + 1
}

// Not here yet: the other suggested form in a `let`,
// `let d = async { double!(ready(n).await) }.await;`, fails to lower today with
// `error[E0597]: `n` does not live long enough` (native accepts it). As the tail expression
// (`is_small` above) it compiles.

fn main() {
    use async_lower::block_on;
    assert_eq!(block_on(classify(Some(11))), 1);
    assert_eq!(block_on(classify(Some(3))), 2);
    assert_eq!(block_on(classify(None)), 0);
    assert!(block_on(is_small(3)));
    assert!(!block_on(is_small_bound(30)));
    assert_eq!(block_on(doubled(4)), 9);
}
