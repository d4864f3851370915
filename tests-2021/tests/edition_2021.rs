//! `#[lower]` in an edition-2021 crate, where `impl Trait` in return position captures only
//! the lifetimes it names: one lifetime (`&self`), several, and type parameters.

use async_lower::{block_on, lower};

async fn ready(x: u32) -> u32 {
    x
}

struct Bag {
    items: Vec<u32>,
}

impl Bag {
    #[lower]
    async fn total(&self) -> u32 {
        let mut t = 0;
        for x in &self.items {
            t += ready(*x).await;
        }
        t
    }
}

#[lower]
async fn two_lifetimes(a: &str, b: &mut Vec<u32>) -> usize {
    b.push(ready(1).await);
    a.len() + b.len()
}

#[lower]
async fn generic<T: Clone>(x: T) -> T {
    ready(1).await;
    x.clone()
}

#[test]
fn lowers_under_edition_2021() {
    let bag = Bag { items: vec![1, 2, 3] };
    let mut v = Vec::new();
    assert_eq!(block_on(bag.total()), 6);
    assert_eq!(block_on(two_lifetimes("ab", &mut v)), 3);
    assert_eq!(block_on(generic(String::from("x"))), "x");
}
