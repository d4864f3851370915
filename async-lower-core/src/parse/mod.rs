//! Parse: the attribute's options and the annotated function.
//!
//! Every error here says what is wrong and what to write instead, on the user's tokens: a
//! raw syn message (`expected string literal`) names no option and suggests nothing.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::ext::IdentExt;
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

/// The options, for the messages that list them.
const OPTIONS: &str = "the options are `crate = \"path\"` (a renamed dependency), \
     `builder = Type` (a type implementing `async_lower::runtime::Builder`) and \
     `layout = \"enum\"` or `layout = \"fields\"`";

/// What to write for `crate`.
const CRATE_HELP: &str = "`crate` takes the path of this crate in a string, for a renamed \
     dependency: `crate = \"my_crate\"`";

/// What to write for `builder`.
const BUILDER_HELP: &str = "`builder` takes a type implementing `async_lower::runtime::Builder`, \
     e.g. `builder = async_lower::runtime::Tracing` (or `Boxed`, `Pooled`, or your own)";

/// What to write for `layout`.
const LAYOUT_HELP: &str = "`layout` takes a string: `layout = \"enum\"` (one enum whose \
     variants overlap: the default) or `layout = \"fields\"` (one struct with a field per \
     lifted local, as C# does)";

/// An option with no value: what to write, by option.
fn write_instead(key: &str) -> &'static str {
    match key {
        "crate" => {
            "`crate = \"my_crate\"`, the path of this crate in a string (for a renamed dependency)"
        }
        "builder" => {
            "`builder = async_lower::runtime::Tracing` (or `Boxed`, `Pooled`, or any type \
             implementing `async_lower::runtime::Builder`)"
        }
        _ => {
            "`layout = \"enum\"` (one enum whose variants overlap: the default) or \
             `layout = \"fields\"` (one struct with a field per lifted local, as C# does)"
        }
    }
}

impl Parse for Options {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut options = Options {
            krate: quote!(::async_lower),
            builder: None,
            layout: LayoutKind::Enum,
        };
        let mut seen: Vec<String> = Vec::new();
        while !input.is_empty() {
            // Any identifier, keywords included: `crate` is one, and `type = ..` should be
            // reported as an unknown option rather than as a parse error.
            let key = match input.call(syn::Ident::parse_any) {
                Ok(key) => key,
                Err(_) if input.peek(Token![,]) => {
                    let comma: Token![,] = input.parse()?;
                    return Err(syn::Error::new(
                        comma.span,
                        "async-lower: a `,` with no option before it; remove the extra `,`",
                    ));
                }
                Err(_) => {
                    let found = rest_of_option(input);
                    return Err(syn::Error::new_spanned(
                        &found,
                        format!(
                            "async-lower: expected an option name, found `{}`; {OPTIONS}",
                            shown(&found)
                        ),
                    ));
                }
            };
            let key_str = key.to_string();
            match key_str.as_str() {
                "crate" | "builder" | "layout" => {}
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!("async-lower: unknown option `{key_str}`; {OPTIONS}"),
                    ));
                }
            }
            if seen.contains(&key_str) {
                return Err(syn::Error::new(
                    key.span(),
                    format!("async-lower: `{key_str}` is given twice; keep one `{key_str} = ...`"),
                ));
            }
            seen.push(key_str.clone());
            if !input.peek(Token![=]) {
                // `crate`, `crate "x"`, `crate(x)`: the key alone or without its `=`.
                let mut spanned = key.to_token_stream();
                spanned.extend(rest_of_option(input));
                return Err(syn::Error::new_spanned(
                    spanned,
                    format!(
                        "async-lower: `{key_str}` needs a value: write {}",
                        write_instead(&key_str)
                    ),
                ));
            }
            let eq: Token![=] = input.parse()?;
            if input.is_empty() || input.peek(Token![,]) {
                return Err(syn::Error::new_spanned(
                    quote!(#key #eq),
                    format!(
                        "async-lower: `{key_str} =` has no value: write {}",
                        write_instead(&key_str)
                    ),
                ));
            }
            match key_str.as_str() {
                "crate" => options.krate = crate_value(input)?,
                "builder" => options.builder = Some(builder_value(input)?),
                _ => options.layout = layout_value(input)?,
            }
            if input.is_empty() {
                break;
            }
            if input.peek(Token![,]) {
                input.parse::<Token![,]>()?;
                continue;
            }
            // Something after the value that is not a comma.
            let next_is_option = {
                let ahead = input.fork();
                ahead.call(syn::Ident::parse_any).is_ok() && ahead.peek(Token![=])
            };
            if next_is_option {
                let next = input.call(syn::Ident::parse_any)?;
                return Err(syn::Error::new(
                    next.span(),
                    format!(
                        "async-lower: expected `,` before `{next}`: separate the options with \
                         commas, as in `{key_str} = ..., {next} = ...`"
                    ),
                ));
            }
            let extra = rest_of_option(input);
            return Err(syn::Error::new_spanned(
                &extra,
                format!(
                    "async-lower: unexpected `{}` after the `{key_str}` option; remove it \
                     (each option is one `name = value`, and options are separated by `,`)",
                    shown(&extra)
                ),
            ));
        }
        Ok(options)
    }
}

/// `crate = "path"`: the path, from the string.
fn crate_value(input: ParseStream) -> syn::Result<TokenStream> {
    if input.peek(syn::LitStr) {
        let lit: syn::LitStr = input.parse()?;
        return match lit.parse::<syn::Path>() {
            Ok(path) => Ok(quote!(#path)),
            Err(_) => Err(syn::Error::new(
                lit.span(),
                format!(
                    "async-lower: `{}` is not a path; write the path of this crate in the \
                     string, as in `crate = \"my_crate\"` or `crate = \"::my_crate\"`",
                    lit.to_token_stream()
                ),
            )),
        };
    }
    // `crate = my_crate`: a bare path, the string is missing.
    let ahead = input.fork();
    let bare = ahead
        .call(syn::Path::parse_mod_style)
        .ok()
        .filter(|_| ahead.is_empty() || ahead.peek(Token![,]));
    let value = rest_of_option(input);
    Err(syn::Error::new_spanned(
        &value,
        match bare {
            Some(path) => format!(
                "async-lower: `crate` takes a path in a string: write `crate = \"{}\"`",
                path_text(&path)
            ),
            None => format!("async-lower: {CRATE_HELP}"),
        },
    ))
}

/// `builder = Type`.
fn builder_value(input: ParseStream) -> syn::Result<syn::Type> {
    // `builder = "Tracing"`: a type in a string.
    if input.peek(syn::LitStr) {
        let ahead = input.fork();
        let lit: syn::LitStr = ahead.parse()?;
        if let Ok(ty) = lit.parse::<syn::Type>() {
            input.parse::<syn::LitStr>()?;
            return Err(syn::Error::new(
                lit.span(),
                format!(
                    "async-lower: `builder` takes a type, not a string: write `builder = {}` \
                     (a type implementing `async_lower::runtime::Builder`)",
                    ty.to_token_stream()
                        .to_string()
                        .replace(" :: ", "::")
                        .replace(":: ", "::")
                ),
            ));
        }
    }
    let ahead = input.fork();
    match ahead.parse::<syn::Type>() {
        Ok(ty) => {
            input.parse::<syn::Type>()?;
            Ok(ty)
        }
        Err(_) => {
            let value = rest_of_option(input);
            Err(syn::Error::new_spanned(
                &value,
                format!(
                    "async-lower: `{}` is not a type; {BUILDER_HELP}",
                    shown(&value)
                ),
            ))
        }
    }
}

/// `layout = "enum"` or `layout = "fields"`.
fn layout_value(input: ParseStream) -> syn::Result<LayoutKind> {
    if input.peek(syn::LitStr) {
        let lit: syn::LitStr = input.parse()?;
        return match lit.value().as_str() {
            "enum" => Ok(LayoutKind::Enum),
            "fields" => Ok(LayoutKind::Fields),
            other => Err(syn::Error::new(
                lit.span(),
                format!(
                    "async-lower: unknown layout `{other}`; write `layout = \"enum\"` (one enum \
                     whose variants overlap: the default) or `layout = \"fields\"` (one struct \
                     with a field per lifted local, as C# does)"
                ),
            )),
        };
    }
    // `layout = fields` or `layout = enum`: the right word without its quotes.
    let ahead = input.fork();
    let word = ahead
        .call(syn::Ident::parse_any)
        .ok()
        .filter(|w| (w == "enum" || w == "fields") && (ahead.is_empty() || ahead.peek(Token![,])));
    let value = rest_of_option(input);
    Err(syn::Error::new_spanned(
        &value,
        match word {
            Some(word) => {
                format!("async-lower: `layout` takes a string: write `layout = \"{word}\"`")
            }
            None => format!("async-lower: {LAYOUT_HELP}"),
        },
    ))
}

/// The tokens up to the next `,` (or the end), consumed: what an error points at.
fn rest_of_option(input: ParseStream) -> TokenStream {
    input
        .step(|cursor| {
            let mut rest = *cursor;
            let mut tokens = TokenStream::new();
            while let Some((tt, next)) = rest.token_tree() {
                if matches!(&tt, TokenTree::Punct(p) if p.as_char() == ',') {
                    break;
                }
                tokens.extend([tt]);
                rest = next;
            }
            Ok((tokens, rest))
        })
        .unwrap_or_default()
}

/// Tokens as a message shows them: short, and the path separators without spaces.
fn shown(tokens: &TokenStream) -> String {
    let text = tokens.to_string().replace(" :: ", "::");
    if text.chars().count() > 40 {
        let short: String = text.chars().take(37).collect();
        format!("{short}...")
    } else {
        text
    }
}

/// `a::b` as the user wrote it (`quote` would print `a :: b`).
fn path_text(path: &syn::Path) -> String {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let lead = if path.leading_colon.is_some() {
        "::"
    } else {
        ""
    };
    format!("{lead}{}", segments.join("::"))
}

/// The annotated item, checked: an `async fn` with a body.
pub fn function(item: TokenStream) -> Result<ItemFn, syn::Error> {
    // A trait's declaration `async fn f(&self);` reaches the attribute as a signature ending
    // in `;` (syn reads it as a verbatim item): there is no body to lower.
    let declaration = |input: ParseStream| -> syn::Result<syn::Signature> {
        input.call(syn::Attribute::parse_outer)?;
        input.parse::<syn::Visibility>()?;
        let sig = input.parse()?;
        input.parse::<Token![;]>()?;
        Ok(sig)
    };
    if let Ok(sig) = syn::parse::Parser::parse2(declaration, item.clone()) {
        let fn_name = &sig.ident;
        return Err(syn::Error::new_spanned(
            &sig,
            format!(
                "async-lower: `{fn_name}` has no body to lower: `#[lower]` goes on an \
                 `async fn` with a body; in a trait, put it on the `async fn {fn_name}` \
                 of each `impl` block, not on the trait's declaration"
            ),
        ));
    }
    let parsed: syn::Item = syn::parse2(item.clone()).map_err(|e| {
        syn::Error::new(
            e.span(),
            format!(
                "async-lower: `#[lower]` goes on an `async fn`, and this does not parse as \
                 one ({e}); if it compiles without `#[lower]`, remove the attribute to keep \
                 the native `async fn`"
            ),
        )
    })?;
    let f = match parsed {
        syn::Item::Fn(f) => f,
        other => {
            let what = item_kind(&other);
            let inside = match &other {
                syn::Item::Impl(_) | syn::Item::Trait(_) | syn::Item::Mod(_) => {
                    "move it onto each `async fn` inside that you want lowered"
                }
                _ => "put it on each `async fn` you want lowered",
            };
            return Err(syn::Error::new(
                first_span(&other),
                format!("async-lower: `#[lower]` goes on an `async fn`, not on {what}; {inside}"),
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
            "async-lower: an `async fn` cannot be `const`; remove `const`",
        ));
    }
    if let Some(v) = &f.sig.variadic {
        return Err(syn::Error::new(
            v.span(),
            "async-lower: a C-variadic function (`...`) cannot be lowered; take the \
             arguments as a slice or a tuple instead",
        ));
    }
    for arg in &f.sig.inputs {
        if let FnArg::Typed(t) = arg {
            if let Pat::Ident(p) = &*t.pat {
                let name = p.ident.to_string();
                if name.starts_with("__") {
                    let suggestion = name.trim_start_matches('_');
                    let suggestion = if suggestion.is_empty() {
                        "arg"
                    } else {
                        suggestion
                    };
                    return Err(syn::Error::new(
                        p.ident.span(),
                        format!(
                            "async-lower: names starting with `__` are reserved for the \
                             generated code; rename this parameter, e.g. to `{suggestion}`"
                        ),
                    ));
                }
            }
        }
    }
    Ok(f)
}

/// `a struct`, `an impl block`, ..: what the attribute was put on instead of an `async fn`.
fn item_kind(item: &syn::Item) -> &'static str {
    match item {
        syn::Item::Struct(_) => "a struct",
        syn::Item::Enum(_) => "an enum",
        syn::Item::Union(_) => "a union",
        syn::Item::Impl(_) => "an `impl` block",
        syn::Item::Trait(_) | syn::Item::TraitAlias(_) => "a trait",
        syn::Item::Mod(_) => "a module",
        syn::Item::Const(_) => "a `const`",
        syn::Item::Static(_) => "a `static`",
        syn::Item::Type(_) => "a type alias",
        syn::Item::Use(_) => "a `use`",
        syn::Item::Macro(_) => "a macro",
        syn::Item::ForeignMod(_) => "an `extern` block",
        _ => "this item",
    }
}

fn first_span(item: &syn::Item) -> Span {
    let tokens = quote!(#item);
    tokens
        .into_iter()
        .next()
        .map_or_else(Span::call_site, |t| t.span())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options_error(args: &str) -> String {
        let tokens: TokenStream = args.parse().unwrap();
        match syn::parse2::<Options>(tokens) {
            Ok(_) => panic!("`{args}` was accepted"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn bad_options_say_what_to_write() {
        for (args, expected) in [
            ("crate = my_crate", "write `crate = \"my_crate\"`"),
            ("crate = ::a::b", "write `crate = \"::a::b\"`"),
            ("crate = \"not a path\"", "is not a path"),
            (
                "crate",
                "`crate` needs a value: write `crate = \"my_crate\"`",
            ),
            ("crate = ", "`crate =` has no value"),
            ("crate \"x\"", "`crate` needs a value"),
            ("builder", "builder = async_lower::runtime::Tracing"),
            ("builder = 3", "`3` is not a type"),
            ("builder = \"Tracing\"", "write `builder = Tracing`"),
            (
                "layout",
                "`layout` needs a value: write `layout = \"enum\"`",
            ),
            ("layout = fields", "write `layout = \"fields\"`"),
            ("layout = enum", "write `layout = \"enum\"`"),
            ("layout = \"struct\"", "unknown layout `struct`"),
            ("layout = 3", "`layout` takes a string"),
            (
                "crate = \"x\" layout = \"fields\"",
                "expected `,` before `layout`",
            ),
            (
                "builder = Foo Bar",
                "unexpected `Bar` after the `builder` option",
            ),
            ("crate = \"x\";", "unexpected `;`"),
            ("foo = 1", "unknown option `foo`"),
            ("type = 1", "unknown option `type`"),
            (",", "a `,` with no option before it"),
            ("crate = \"x\",,", "a `,` with no option before it"),
            ("\"x\"", "expected an option name"),
            (
                "layout = \"enum\", layout = \"enum\"",
                "`layout` is given twice",
            ),
        ] {
            let message = options_error(args);
            assert!(message.starts_with("async-lower: "), "`{args}`: {message}");
            assert!(message.contains(expected), "`{args}`: {message}");
        }
    }

    #[test]
    fn good_options_parse() {
        for args in [
            "",
            "crate = \"::async_lower\"",
            "crate = \"x\",",
            "builder = async_lower::runtime::Tracing, layout = \"fields\"",
            "builder = my::Pooled<A, B>, crate = \"a::b\"",
            "layout = \"enum\"",
        ] {
            let tokens: TokenStream = args.parse().unwrap();
            assert!(syn::parse2::<Options>(tokens).is_ok(), "`{args}`");
        }
    }

    #[test]
    fn trait_declaration_is_named() {
        for item in [
            "async fn call(&self, x: u32) -> u32;",
            "#[doc = \"x\"] pub async fn call(&self);",
            "fn call(&self);",
        ] {
            let message = function(item.parse().unwrap()).err().unwrap().to_string();
            assert!(message.contains("of each `impl` block"), "{message}");
        }
        assert!(function("async fn call(&self) -> u32 { 1 }".parse().unwrap()).is_ok());
    }
}
