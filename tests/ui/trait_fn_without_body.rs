// `#[lower]` on a trait's `async fn` declaration: there is no body to lower (put it on the
// `async fn` in each `impl` instead).
#![allow(dead_code)]

trait Service {
    #[async_lower::lower]
    async fn call(&self, request: u32) -> u32;
}

fn main() {}
