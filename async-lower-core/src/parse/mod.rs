//! Parse: the attribute's options and the annotated function.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{FnArg, ItemFn, Pat, Token};

/// How the lifted locals are laid out (the treatise's "struct vs class" chapter).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum LayoutKind {
    /// One enum, a variant per await holding only what lives across it: the variants
    /// overlap, as in rustc's coroutines (the default).
    #[default]
    Enum,
    /// One struct with a field per lifted local and per awaiter beside a small state tag,
    /// as Roslyn lays out a C# state machine (its debug shape): bigger, easier to picture.
    Fields,
}

/// `#[lower(crate = "path", builder = path::To::Builder, layout = "enum" | "fields")]`.
pub struct Options {
    /// The path of the facade crate, for a renamed dependency (as tokio's `crate = "..."`).
    pub krate: TokenStream,
    /// The builder type; `None` is the zero-cost default builder.
    pub builder: Option<syn::Type>,
    /// `layout = "enum"` (default) or `layout = "fields"`.
    pub layout: LayoutKind,
}

impl Parse for Options {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut options = Options {
            krate: quote!(::async_lower),
            builder: None,
            layout: LayoutKind::Enum,
        };
        let mut seen = Vec::new();
        while !input.is_empty() {
            let key: syn::Ident = if input.peek(Token![crate]) {
                let kw: Token![crate] = input.parse()?;
                syn::Ident::new("crate", kw.span)
            } else {
                input.parse().map_err(|e| {
                    syn::Error::new(
                        e.span(),
                        "async-lower: expected an option: `crate = \"path\"`, `builder = Type` or `layout = \"fields\"`",
                    )
                })?
            };
            let key_str = key.to_string();
            if seen.contains(&key_str) {
                return Err(syn::Error::new(
                    key.span(),
                    format!("async-lower: `{key_str}` is given twice"),
                ));
            }
            seen.push(key_str.clone());
            input.parse::<Token![=]>()?;
            match key_str.as_str() {
                "crate" => {
                    let lit: syn::LitStr = input.parse()?;
                    let path: syn::Path = lit.parse().map_err(|_| {
                        syn::Error::new(lit.span(), "async-lower: `crate` takes a path in a string, as in `crate = \"::my_alias\"`")
                    })?;
                    options.krate = quote!(#path);
                }
                "builder" => options.builder = Some(input.parse()?),
                "layout" => {
                    let lit: syn::LitStr = input.parse().map_err(|e| {
                        syn::Error::new(e.span(), "async-lower: `layout` takes a string: `layout = \"enum\"` or `layout = \"fields\"`")
                    })?;
                    options.layout = match lit.value().as_str() {
                        "enum" => LayoutKind::Enum,
                        "fields" => LayoutKind::Fields,
                        other => {
                            return Err(syn::Error::new(
                                lit.span(),
                                format!("async-lower: unknown layout `{other}`; write `layout = \"enum\"` (one enum, variants overlap: the default) or `layout = \"fields\"` (one struct, a field per lifted local, as C# does)"),
                            ));
                        }
                    };
                }
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "async-lower: unknown option `{key_str}`; the options are `crate = \"path\"` \
                             (a renamed dependency), `builder = Type` (a type implementing \
                             `async_lower::runtime::Builder`) and `layout = \"enum\"` or `\"fields\"`"
                        ),
                    ));
                }
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(options)
    }
}

/// The annotated item, checked: an `async fn` with a body.
pub fn function(item: TokenStream) -> Result<ItemFn, syn::Error> {
    let parsed: syn::Item = syn::parse2(item.clone()).map_err(|e| {
        syn::Error::new(
            e.span(),
            format!(
                "async-lower: `#[lower]` goes on an `async fn`; this does not parse as one ({e})"
            ),
        )
    })?;
    let f = match parsed {
        syn::Item::Fn(f) => f,
        other => {
            return Err(syn::Error::new(
                first_span(&other),
                "async-lower: `#[lower]` goes on an `async fn`, not on this item; \
                 put it on each `async fn` you want lowered",
            ));
        }
    };
    if f.sig.asyncness.is_none() {
        return Err(syn::Error::new(
            f.sig.fn_token.span,
            "async-lower: `#[lower]` lowers an `async fn`, and this function is not async; \
             write `async fn` (there is nothing to lower in a plain `fn`)",
        ));
    }
    if let Some(c) = &f.sig.constness {
        return Err(syn::Error::new(
            c.span,
            "async-lower: an `async fn` cannot be `const`",
        ));
    }
    if let Some(v) = &f.sig.variadic {
        return Err(syn::Error::new(
            v.span(),
            "async-lower: variadic functions cannot be lowered",
        ));
    }
    for arg in &f.sig.inputs {
        if let FnArg::Typed(t) = arg {
            if let Pat::Ident(p) = &*t.pat {
                if p.ident.to_string().starts_with("__") {
                    return Err(syn::Error::new(
                        p.ident.span(),
                        "async-lower: names starting with `__` are reserved for the generated code; rename this parameter",
                    ));
                }
            }
        }
    }
    Ok(f)
}

fn first_span(item: &syn::Item) -> Span {
    let tokens = quote!(#item);
    tokens
        .into_iter()
        .next()
        .map_or_else(Span::call_site, |t| t.span())
}
