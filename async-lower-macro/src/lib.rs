//! The `#[lower]` attribute. All the work happens in `async-lower-core`, which is a plain
//! library so that it can be tested and called from the `expand` command too.

use proc_macro::TokenStream;

/// Rewrites an `async fn` into an explicit enum state machine. See the crate `async-lower`.
#[proc_macro_attribute]
pub fn lower(args: TokenStream, item: TokenStream) -> TokenStream {
    async_lower_core::lower(args.into(), item.into()).into()
}
