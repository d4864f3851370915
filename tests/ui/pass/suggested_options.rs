// What the compile-fail messages about the attribute tell the user to write must compile:
// - crate_not_string.rs: `crate = "my_crate"`;
// - builder_not_type.rs / builder_in_string.rs: `builder = async_lower::runtime::Tracing`;
// - layout_not_string.rs: `layout = "enum"`;
// - trait_fn_without_body.rs: `#[lower]` on the `async fn` of the `impl` block.

async fn ready(v: u32) -> u32 {
    v
}

#[async_lower::lower(crate = "async_lower", builder = async_lower::runtime::Tracing, layout = "enum")]
async fn all_options(n: u32) -> u32 {
    ready(n).await + 1
}

#[async_lower::lower(crate = "::async_lower",)]
async fn trailing_comma(n: u32) -> u32 {
    ready(n).await
}

trait Service {
    async fn call(&self, request: u32) -> u32;
}

struct Doubler;

impl Service for Doubler {
    #[async_lower::lower]
    async fn call(&self, request: u32) -> u32 {
        ready(request).await * 2
    }
}

fn main() {
    use async_lower::block_on;
    assert_eq!(block_on(all_options(1)), 2);
    assert_eq!(block_on(trailing_comma(3)), 3);
    assert_eq!(block_on(Doubler.call(4)), 8);
}
