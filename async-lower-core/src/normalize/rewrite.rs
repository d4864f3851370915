//! Rewrites that make the user's code run inside the resume closure unchanged:
//! `return e` returns `Poll::Ready(e)`, `?` (when the closure's `Poll<Output>` cannot take
//! it directly) becomes the `match` it stands for, `self` (which a closure cannot bind)
//! becomes `__self`, and each await is numbered in source order.

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;
use syn::visit_mut::VisitMut;
use syn::{Expr, ExprAwait, parse_quote};

pub const SELF_NAME: &str = "__self";

/// Renames `self` to `__self` everywhere in the body, closures and macros included.
pub struct RenameSelf;

impl VisitMut for RenameSelf {
    fn visit_expr_path_mut(&mut self, p: &mut syn::ExprPath) {
        if p.qself.is_none() && p.path.segments.len() == 1 && p.path.segments[0].ident == "self" {
            let span = p.path.segments[0].ident.span();
            p.path.segments[0].ident = syn::Ident::new(SELF_NAME, span);
        }
    }
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        mac.tokens = rename_self_tokens(mac.tokens.clone());
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

fn rename_self_tokens(tokens: TokenStream) -> TokenStream {
    let tts: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(tts.len());
    for (i, tt) in tts.iter().enumerate() {
        match tt {
            TokenTree::Ident(id) if id == "self" => {
                let path_follows =
                    matches!(tts.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                if path_follows {
                    out.push(tt.clone());
                } else {
                    out.push(TokenTree::Ident(syn::Ident::new(SELF_NAME, id.span())));
                }
            }
            TokenTree::Group(g) => {
                let mut ng = proc_macro2::Group::new(g.delimiter(), rename_self_tokens(g.stream()));
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            other => out.push(other.clone()),
        }
    }
    out.into_iter().collect()
}

/// Rewrites `return` and `?` for the resume closure; skips closures, `async` blocks and items,
/// whose `return` and `?` are their own.
pub struct ControlFlow<'a> {
    pub rt: &'a TokenStream,
    /// `?` can stay as written when the output is a `Result`: `Poll<Result<T, F>>`
    /// implements `FromResidual` for `Result` residuals in std.
    pub keep_question_mark: bool,
    /// A function each returned value goes through (see [`Emitter::output_fn`](crate::emit::Emitter)).
    pub output_fn: Option<TokenStream>,
}

impl VisitMut for ControlFlow<'_> {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Closure(_) | Expr::Async(_) => {}
            Expr::Return(r) => {
                if let Some(e) = &mut r.expr {
                    self.visit_expr_mut(e);
                }
                let rt = self.rt;
                let value = r.expr.take().map_or_else(|| quote!(()), |e| quote!(#e));
                let value = match &self.output_fn {
                    Some(f) => quote!(#f(#value)),
                    None => value,
                };
                let span = r.return_token.span;
                *expr = parse_quote_spanned(span, quote!(return #rt::Poll::Ready(#value)));
            }
            Expr::Try(t) if !self.keep_question_mark => {
                self.visit_expr_mut(&mut t.expr);
                let rt = self.rt;
                *expr = question_mark(&t.expr, rt, |value| quote!(#rt::Poll::Ready(#value)));
            }
            _ => syn::visit_mut::visit_expr_mut(self, expr),
        }
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// `inner?` written out: its value, or `return leave(error)` with the error converted to
/// what the function returns (`leave` says how the return is wrapped where it happens).
pub fn question_mark(inner: &Expr, rt: &TokenStream, leave: impl FnOnce(TokenStream) -> TokenStream) -> Expr {
    let ret = leave(quote!(#rt::FromResidual::from_residual(residual)));
    parse_quote! {
        match #rt::Try::branch(#inner) {
            #rt::ControlFlow::Continue(value) => value,
            #rt::ControlFlow::Break(residual) => {
                return #ret
            }
        }
    }
}

fn parse_quote_spanned(span: proc_macro2::Span, tokens: TokenStream) -> Expr {
    let tokens: TokenStream = tokens
        .into_iter()
        .map(|mut tt| {
            if let TokenTree::Ident(_) = tt {
                tt.set_span(span)
            }
            tt
        })
        .collect();
    syn::parse2(tokens).expect("a return expression")
}

/// Numbers the awaits (the suspension points) in source order; the number is stored as
/// an `#[__await(N)]` attribute on the `ExprAwait`.
#[derive(Default)]
pub struct NumberAwaits {
    pub count: usize,
}

impl VisitMut for NumberAwaits {
    fn visit_expr_await_mut(&mut self, aw: &mut ExprAwait) {
        syn::visit_mut::visit_expr_await_mut(self, aw);
        let n = self.count;
        self.count += 1;
        aw.attrs.push(parse_quote!(#[__await(#n)]));
    }
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// The number given by [`NumberAwaits`].
pub fn await_index(aw: &ExprAwait) -> Option<usize> {
    aw.attrs
        .iter()
        .find(|a| a.path().is_ident("__await"))
        .and_then(|a| a.parse_args::<syn::LitInt>().ok())
        .and_then(|l| l.base10_parse().ok())
}
