//! The async-lower compiler as a plain library over `proc_macro2::TokenStream`.
//!
//! Stages, each in its own folder:
//! - `parse`: the attribute's options and the annotated function;
//! - `normalize`: spill awaits out of expressions so each one stands where the machine can
//!   stop, desugar loops that await, rewrite `return`, `?` and `self`;
//! - `analyze`: scopes, mentions and moves: which locals live across which await;
//! - `layout`: the state enum (a variant per suspension point, its fields);
//! - `emit`: the resume closure, the builder calls and the borrow-check shadow.

use proc_macro2::TokenStream;
use quote::quote;

mod analyze;
mod emit;
mod layout;
mod normalize;
mod parse;
mod util;

/// Entry point of the `#[lower]` attribute. Never panics: bad input becomes a
/// `compile_error!` on the offending span, with the original item still emitted so that
/// IDEs keep working.
pub fn lower(args: TokenStream, item: TokenStream) -> TokenStream {
    // A bug of ours must not become a panic of the macro: report it on the item instead.
    let original = item.clone();
    match std::panic::catch_unwind(move || lower_checked(args, item)) {
        Ok(tokens) => tokens,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let error = syn::Error::new(
                proc_macro2::Span::call_site(),
                format!(
                    "async-lower: internal error while lowering this function ({message}); \
                     please report it with the function's source. Remove `#[lower]` to use the native `async fn`."
                ),
            );
            with_errors(vec![error], original)
        }
    }
}

fn lower_checked(args: TokenStream, item: TokenStream) -> TokenStream {
    let options: parse::Options = match syn::parse2(args) {
        Ok(o) => o,
        Err(e) => return with_errors(vec![e], item),
    };
    let f = match parse::function(item.clone()) {
        Ok(f) => f,
        Err(e) => return with_errors(vec![e], item),
    };
    match emit::function::lower_fn(&options, &f) {
        Ok(tokens) => tokens,
        Err(errors) => with_errors(errors, item),
    }
}

fn with_errors(errors: Vec<syn::Error>, item: TokenStream) -> TokenStream {
    let errors = errors.into_iter().map(|e| e.to_compile_error());
    quote!(#(#errors)* #item)
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

/// Lowers every `#[lower]` function in `source` (free functions, methods in `impl` blocks,
/// inside modules) and returns the whole file, formatted with prettyplease.
pub fn expand(source: &str) -> Result<String, ExpandError> {
    let mut file: syn::File = syn::parse_str(source).map_err(|e| ExpandError(format!("cannot parse the source: {e}")))?;
    expand_items(&mut file.items)?;
    Ok(prettyplease::unparse(&file))
}

/// The `#[lower]` attribute among `attrs` (by its last path segment), removed, with its arguments.
fn take_lower_attr(attrs: &mut Vec<syn::Attribute>) -> Option<TokenStream> {
    let i = attrs.iter().position(|a| a.path().segments.last().is_some_and(|s| s.ident == "lower"))?;
    let attr = attrs.remove(i);
    Some(match attr.meta {
        syn::Meta::List(list) => list.tokens,
        _ => TokenStream::new(),
    })
}

fn expand_items(items: &mut Vec<syn::Item>) -> Result<(), ExpandError> {
    let mut out = Vec::with_capacity(items.len());
    for mut item in items.drain(..) {
        match &mut item {
            syn::Item::Fn(f) => {
                if let Some(args) = take_lower_attr(&mut f.attrs) {
                    let lowered = lower(args, quote!(#f));
                    let file: syn::File = syn::parse2(lowered).map_err(|e| ExpandError(format!("internal: {e}")))?;
                    out.extend(file.items);
                    continue;
                }
            }
            syn::Item::Impl(imp) => {
                let mut new_items = Vec::new();
                for mut impl_item in imp.items.drain(..) {
                    if let syn::ImplItem::Fn(f) = &mut impl_item {
                        if let Some(args) = take_lower_attr(&mut f.attrs) {
                            let lowered = lower(args, quote!(#f));
                            let parsed: ImplItems =
                                syn::parse2(lowered.clone()).map_err(|e| ExpandError(format!("internal: {e}: {lowered}")))?;
                            new_items.extend(parsed.0);
                            continue;
                        }
                    }
                    new_items.push(impl_item);
                }
                imp.items = new_items;
            }
            syn::Item::Mod(m) => {
                if let Some((_, content)) = &mut m.content {
                    expand_items(content)?;
                }
            }
            _ => {}
        }
        out.push(item);
    }
    *items = out;
    Ok(())
}

struct ImplItems(Vec<syn::ImplItem>);

impl syn::parse::Parse for ImplItems {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let mut v = Vec::new();
        while !input.is_empty() {
            v.push(input.parse()?);
        }
        Ok(ImplItems(v))
    }
}
