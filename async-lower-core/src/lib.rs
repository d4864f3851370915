//! The async-lower compiler as a plain library over `proc_macro2::TokenStream`.
//!
//! Stages, each in its own folder:
//! - `parse`: the attribute's options and the annotated item;
//! - `normalize`: spill awaits out of expressions so each one stands alone;
//! - `analyze`: scopes, liveness and moves: which locals live across which await;
//! - `layout`: the state enum (a variant per suspension point, its fields);
//! - `emit`: the resume closure, the builder calls and the borrow-check shadow.

use proc_macro2::TokenStream;

/// Entry point of the `#[lower]` attribute.
pub fn lower(args: TokenStream, item: TokenStream) -> TokenStream {
    let _ = args;
    item
}

/// An error from [`expand`].
#[derive(Debug)]
pub struct ExpandError(pub String);

impl std::fmt::Display for ExpandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExpandError {}

/// Lowers every `#[lower]` function in `source` and returns the whole file, formatted.
pub fn expand(source: &str) -> Result<String, ExpandError> {
    let file: syn::File = syn::parse_str(source).map_err(|e| ExpandError(e.to_string()))?;
    Ok(prettyplease::unparse(&file))
}
