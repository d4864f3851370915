//! Small syntax helpers shared by the stages.

use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};
use syn::visit::Visit;
use syn::{Expr, Stmt};

/// True if `expr` awaits, not counting closures, `async` blocks and nested items (they are
/// values of their own, left as they are).
pub fn expr_awaits(expr: &Expr) -> bool {
    let mut finder = AwaitFinder(false);
    finder.visit_expr(expr);
    finder.0
}

pub fn stmt_awaits(stmt: &Stmt) -> bool {
    let mut finder = AwaitFinder(false);
    finder.visit_stmt(stmt);
    finder.0
}

struct AwaitFinder(bool);

impl<'ast> Visit<'ast> for AwaitFinder {
    fn visit_expr_await(&mut self, _: &'ast syn::ExprAwait) {
        self.0 = true;
    }
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if tokens_await(&mac.tokens) {
            self.0 = true;
        }
    }
}

/// True if a macro's tokens contain `.await` outside nested `async` blocks and closures
/// (a token-level approximation: macros are not parsed).
pub fn tokens_await(tokens: &TokenStream) -> bool {
    let mut prev_dot = false;
    let mut prev_async = false;
    for tt in tokens.clone() {
        match &tt {
            TokenTree::Punct(p) => {
                prev_dot = p.as_char() == '.';
                prev_async = false;
                continue;
            }
            TokenTree::Ident(i) => {
                if prev_dot && i == "await" {
                    return true;
                }
                prev_async = i == "async" || (prev_async && i == "move");
            }
            TokenTree::Group(g) => {
                let skip = prev_async && g.delimiter() == Delimiter::Brace;
                if !skip && tokens_await(&g.stream()) {
                    return true;
                }
                prev_async = false;
            }
            TokenTree::Literal(_) => prev_async = false,
        }
        prev_dot = false;
    }
    false
}

/// `snake_case` to `CamelCase`, for the generic parameter that carries a local's type.
pub fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in name.trim_start_matches('_').chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    if out.is_empty() {
        "Unnamed".into()
    } else {
        out
    }
}

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The source line of a span, when the compiler tells it (0 otherwise).
pub fn line_of(span: Span) -> u32 {
    span.start().line as u32
}

/// The source text of an expression, on one line, for doc comments and tracing.
pub fn source_text(tokens: &impl quote::ToTokens) -> String {
    let text = tokens.to_token_stream().to_string();
    tidy_tokens(&text)
}

/// Undoes the spaces `TokenStream::to_string` puts around punctuation, for readability.
fn tidy_tokens(text: &str) -> String {
    let mut s = text.to_string();
    for (from, to) in [
        (" . ", "."),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        (" [", "["),
        ("[ ", "["),
        (" ]", "]"),
        (" ,", ","),
        ("& mut ", "&mut "),
        ("& ", "&"),
        (" ?", "?"),
        (" :: ", "::"),
        (":: ", "::"),
        (" !", "!"),
        (". await", ".await"),
        (" .. ", ".."),
        ("[.. ", "[.."),
        (" ..]", "..]"),
    ] {
        s = s.replace(from, to);
    }
    s
}

/// The format family: plain expression arguments, which the macro only borrows.
const FORMAT_MACROS: &[&str] = &[
    "format",
    "print",
    "println",
    "eprint",
    "eprintln",
    "write",
    "writeln",
    "panic",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "format_args",
    "unreachable",
    "todo",
    "unimplemented",
    "dbg",
];

/// Macros whose arguments are plain expressions (the format family and `vec!`): their
/// awaits are spilled like call arguments. Other macros with `.await` inside are rejected.
pub fn takes_expr_args(name: &str) -> bool {
    FORMAT_MACROS.contains(&name) || name == "vec"
}

/// Macros that only borrow the locals named in their arguments (`matches!` too).
pub fn borrows_macro_args(name: &str) -> bool {
    FORMAT_MACROS.contains(&name) || name == "matches"
}
