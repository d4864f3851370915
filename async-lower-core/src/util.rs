//! Small syntax helpers shared by the stages.

use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};
use quote::quote;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{Expr, Stmt, parse_quote};

/// True if `expr` awaits, not counting closures, `async` blocks and nested items (they are
/// values of their own, left as they are).
pub fn expr_awaits(expr: &Expr) -> bool {
    let mut finder = AwaitFinder(false);
    finder.visit_expr(expr);
    finder.0
}

pub fn block_awaits(block: &syn::Block) -> bool {
    let mut finder = AwaitFinder(false);
    finder.visit_block(block);
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
        if !mac.path.is_ident("stringify") && tokens_await(&mac.tokens) {
            self.0 = true;
        }
    }
}

/// True if a macro's tokens contain `.await` outside nested `async` blocks and closures
/// (a token-level approximation: macros are not parsed).
/// `x.await` or `x.await?`: the awaited output itself, whose type its awaiter says.
pub fn is_awaited_output(e: &Expr) -> bool {
    match e {
        Expr::Await(_) => true,
        Expr::Try(t) => matches!(&*t.expr, Expr::Await(_)),
        _ => false,
    }
}

/// `panic!`, `unreachable!`, `todo!`, `unimplemented!`: they never return.
pub fn panics(mac: &syn::Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|s| ["panic", "unreachable", "todo", "unimplemented"].iter().any(|n| s.ident == n))
}

/// `__t0`: a statement's temporary made a local (see `normalize::is_temp_name`).
pub fn is_temp(e: &Expr) -> bool {
    matches!(e, Expr::Path(p) if p.path.get_ident().is_some_and(|i| crate::normalize::is_temp_name(&i.to_string())))
}

pub fn tokens_await(tokens: &TokenStream) -> bool {
    let mut prev_dot = false;
    let mut prev_async = false;
    // (`stringify!(x.await)` is text: its `.await` is never run.)
    let mut stringify = false;
    for tt in tokens.clone() {
        match &tt {
            TokenTree::Punct(p) => {
                prev_dot = p.as_char() == '.';
                prev_async = false;
                stringify &= p.as_char() == '!';
                continue;
            }
            TokenTree::Ident(i) => {
                if prev_dot && i == "await" {
                    return true;
                }
                prev_async = i == "async" || (prev_async && i == "move");
                stringify = i == "stringify";
            }
            TokenTree::Group(g) => {
                let skip = (prev_async && g.delimiter() == Delimiter::Brace) || std::mem::take(&mut stringify);
                if !skip && tokens_await(&g.stream()) {
                    return true;
                }
                prev_async = false;
            }
            TokenTree::Literal(_) => {
                prev_async = false;
                stringify = false;
            }
        }
        prev_dot = false;
    }
    false
}

/// `snake_case` to `CamelCase`, for the generic parameter that carries a local's type.
pub fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in name.trim_start_matches("r#").trim_start_matches('_').chars() {
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

/// The format family but `dbg!` (which returns its argument): it only borrows its arguments.
pub fn borrows_expr_args(name: &str) -> bool {
    FORMAT_MACROS.contains(&name) && name != "dbg"
}

/// Which argument of a format macro is its format string (`write!(f, "..")`: the second).
fn format_string_index(name: &str) -> Option<usize> {
    match name {
        "write" | "writeln" | "assert" | "debug_assert" => Some(1),
        "assert_eq" | "assert_ne" | "debug_assert_eq" | "debug_assert_ne" => Some(2),
        "dbg" => None,
        _ => FORMAT_MACROS.contains(&name).then_some(0),
    }
}

/// A macro's tokens split at its top-level commas (a trailing comma leaves an empty last
/// argument).
fn split_commas(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut args = vec![Vec::new()];
    for tt in tokens {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == ',' => args.push(Vec::new()),
            _ => args.last_mut().unwrap().push(tt),
        }
    }
    args
}

/// Macros whose arguments are plain expressions (the format family and `vec!`): their
/// awaits are spilled like call arguments. Other macros with `.await` inside are rejected.
pub fn takes_expr_args(name: &str) -> bool {
    FORMAT_MACROS.contains(&name) || name == "vec"
}

/// The names every pattern in `e` binds (parameters, `let`s, arms), at any depth, in
/// macros that take expressions too.
pub fn pattern_names(e: &Expr, out: &mut std::collections::BTreeSet<String>) {
    struct Find<'o>(&'o mut std::collections::BTreeSet<String>);
    impl<'a> syn::visit::Visit<'a> for Find<'_> {
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            self.0.insert(p.ident.to_string());
            syn::visit::visit_pat_ident(self, p);
        }
        // Inside a macro whose arguments are expressions too (`join!(a, async { let n = .. })`).
        fn visit_macro(&mut self, mac: &'a syn::Macro) {
            if let Ok(args) = mac.parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated) {
                args.iter().for_each(|a| self.visit_expr(a));
            }
        }
    }
    syn::visit::Visit::visit_expr(&mut Find(out), e);
}

/// Names that stand for references where the code expects the value: `v` becomes `(*v)`,
/// in expressions, in macro arguments and in `S { v }` (slotted locals inside a closure, a
/// match guard's bindings in the pass that picks the arm).
pub struct DerefNames<'a> {
    pub names: &'a [String],
}

impl VisitMut for DerefNames<'_> {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if let Expr::Path(p) = e {
            if let Some(id) = p.path.get_ident().cloned() {
                if self.names.contains(&id.to_string()) {
                    *e = parse_quote!((*#id));
                    return;
                }
            }
        }
        if let Expr::Struct(s) = e {
            for f in &mut s.fields {
                if let syn::Member::Named(m) = &f.member {
                    if f.colon_token.is_none() && self.names.contains(&m.to_string()) {
                        f.colon_token = Some(Default::default());
                    }
                }
            }
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        let name = mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        mac.tokens = deref_macro_tokens(&name, mac.tokens.clone(), self.names);
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// [`DerefNames`] inside the arguments of the macro `name!`: `{v}` would capture the
/// reference variable itself, by reference, so the value is given by name.
fn deref_macro_tokens(name: &str, tokens: TokenStream, names: &[String]) -> TokenStream {
    let mut out = deref_tokens(tokens.clone(), names, format_string_index(name).is_some());
    append_args(&mut out, format_capture_args(name, &tokens, |n| names.iter().any(|m| m == n), |id| quote!(&(*#id))));
    out
}

/// `v = value` for each local that the format string of the macro `name!` (a std format
/// macro's, at its place, or another macro's first string argument) captures (`{v}`)
/// and `wanted` names, with `value(v)` its value, a reference (`*value(v)` for a
/// count, `{:>w$}`): a capture would take the name as it is. None for a name an argument
/// already gives (`v = ..`). Add them with [`append_args`].
pub fn format_capture_args(
    name: &str,
    tokens: &TokenStream,
    wanted: impl Fn(&str) -> bool,
    value: impl Fn(&Ident) -> TokenStream,
) -> Vec<TokenStream> {
    let args = split_commas(tokens.clone());
    // (Another crate's macro that formats, `info!("{v}")`: its first string argument.)
    let is_string = |a: &[TokenTree]| matches!(a, [TokenTree::Literal(l)] if l.to_string().starts_with(['"', 'r']));
    let at = match format_string_index(name) {
        Some(at) => at,
        None if name == "dbg" || MovingMacro::moves(name) => return Vec::new(),
        None => match args.iter().position(|a| is_string(a)) {
            Some(at) => at,
            None => return Vec::new(),
        },
    };
    let Some([TokenTree::Literal(lit)]) = args.get(at).map(|a| a.as_slice()) else { return Vec::new() };
    let named: Vec<String> = args.iter().filter_map(|a| named_arg(a).map(|n| n.to_string())).collect();
    // (name, used as a count: a `usize` by value, which a reference is not)
    let mut captured: Vec<(String, bool)> = Vec::new();
    for (name, count) in crate::analyze::format_names(&lit.to_string()) {
        match captured.iter_mut().find(|(n, _)| *n == name) {
            Some(seen) => seen.1 |= count,
            None if wanted(&name) && !named.contains(&name) => captured.push((name, count)),
            None => {}
        }
    }
    captured
        .into_iter()
        .map(|(name, count)| {
            // (The string's span: the captures resolve where it was written.)
            let id = Ident::new(&name, lit.span());
            let v = value(&id);
            if count { quote!(#id = *#v) } else { quote!(#id = #v) }
        })
        .collect()
}

/// Appends `args` to a macro's arguments `out`, after a comma unless one ends them.
pub fn append_args(out: &mut TokenStream, args: Vec<TokenStream>) {
    if args.is_empty() {
        return;
    }
    let ends = out.clone().into_iter().last().is_none_or(|t| matches!(&t, TokenTree::Punct(p) if p.as_char() == ','));
    if !ends {
        out.extend(quote!(,));
    }
    out.extend(quote!(#(#args),*));
}

/// The name a format macro's argument gives (`width = 4`), if it is one.
fn named_arg(arg: &[TokenTree]) -> Option<&Ident> {
    match arg {
        [TokenTree::Ident(n), TokenTree::Punct(eq), _, ..] if eq.as_char() == '=' && eq.spacing() == proc_macro2::Spacing::Alone => Some(n),
        _ => None,
    }
}

/// Whether the token at `i` of a format macro's arguments is an argument's name (`v` of
/// `v = ..`), which a rewrite of the local `v` leaves as it is.
fn names_arg(tts: &[TokenTree], i: usize) -> bool {
    (i == 0 || matches!(&tts[i - 1], TokenTree::Punct(p) if p.as_char() == ','))
        && named_arg(&tts[i..]).is_some()
}

/// Does the token at `i` follow the `.` of a field or method (`x.v`, `x.v()`), not a
/// range's `..` (`0..v` names the local `v`)?
pub fn after_field_dot(tts: &[TokenTree], i: usize) -> bool {
    let dot = |k: usize, joint: Option<bool>| {
        matches!(&tts[k], TokenTree::Punct(p) if p.as_char() == '.' && joint.is_none_or(|j| j == (p.spacing() == proc_macro2::Spacing::Joint)))
    };
    i > 0 && dot(i - 1, None) && !(i > 1 && dot(i - 2, Some(true)))
}

/// [`after_field_dot`] for a stream read token by token: feed each token to [`Self::next`].
#[derive(Default)]
pub struct FieldDot {
    field: bool,
    joint_dot: bool,
}

impl FieldDot {
    /// Whether `tt` follows a field's `.`; then `tt` is the last token seen.
    pub fn next(&mut self, tt: &TokenTree) -> bool {
        let after = self.field;
        let dot = matches!(tt, TokenTree::Punct(p) if p.as_char() == '.');
        self.field = dot && !self.joint_dot;
        self.joint_dot = matches!(tt, TokenTree::Punct(p) if p.as_char() == '.' && p.spacing() == proc_macro2::Spacing::Joint);
        after
    }
}

/// Is the group at `i` the body of a macro called in these tokens (`format!(..)` inside
/// a `select!`)?
pub fn is_macro_body(tts: &[TokenTree], i: usize) -> bool {
    i > 1
        && matches!(&tts[i - 1], TokenTree::Punct(p) if p.as_char() == '!')
        && matches!(&tts[i - 2], TokenTree::Ident(_))
}

/// `format`: the tokens are a format macro's arguments, whose names stay.
fn deref_tokens(tokens: TokenStream, names: &[String], format: bool) -> TokenStream {
    let tts: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = TokenStream::new();
    for (i, tt) in tts.iter().enumerate() {
        let prev_dot = after_field_dot(&tts, i);
        match tt {
            TokenTree::Ident(id) if !prev_dot && names.contains(&id.to_string()) && !(format && names_arg(&tts, i)) => {
                out.extend(quote!((*#id)))
            }
            TokenTree::Group(g) => {
                let inner = match (is_macro_body(&tts, i), &tts[..i]) {
                    (true, [.., TokenTree::Ident(m), _]) => deref_macro_tokens(&m.to_string(), g.stream(), names),
                    _ => deref_tokens(g.stream(), names, false),
                };
                let mut ng = proc_macro2::Group::new(g.delimiter(), inner);
                ng.set_span(g.span());
                out.extend([TokenTree::Group(ng)]);
            }
            other => out.extend([other.clone()]),
        }
    }
    out
}

/// Every identifier in some tokens, groups included.
pub fn collect_idents(tokens: &TokenStream, out: &mut std::collections::BTreeSet<String>) {
    for tt in tokens.clone() {
        match tt {
            TokenTree::Ident(i) => {
                out.insert(i.to_string());
            }
            TokenTree::Group(g) => collect_idents(&g.stream(), out),
            _ => {}
        }
    }
}

/// Whether some tokens name the identifier `name`, groups included.
pub fn mentions_ident(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => i == name,
        TokenTree::Group(g) => mentions_ident(&g.stream(), name),
        _ => false,
    })
}

/// The operands of a macro that moves them: `vec![a, b]`, `vec![a; n]`, `pin!(a)`, and
/// the futures of `join!(a, b)` and `try_join!(a, b)` (futures', tokio's).
pub enum MovingMacro {
    List(syn::punctuated::Punctuated<Expr, syn::Token![,]>),
    Repeat(Expr, syn::Token![;], Expr),
}

impl MovingMacro {
    /// Is `name!` one of them?
    pub fn moves(name: &str) -> bool {
        matches!(name, "vec" | "pin" | "join" | "try_join")
    }

    pub fn parse(mac: &syn::Macro) -> Option<MovingMacro> {
        use syn::parse::Parser;
        if !Self::moves(&mac.path.segments.last()?.ident.to_string()) {
            return None;
        }
        let list = syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated;
        let repeat = |input: syn::parse::ParseStream| Ok(MovingMacro::Repeat(input.parse()?, input.parse()?, input.parse()?));
        list.parse2(mac.tokens.clone())
            .map(MovingMacro::List)
            .or_else(|_| repeat.parse2(mac.tokens.clone()))
            .ok()
    }

    /// The operands moved, and the length of `vec![a; n]` (read, not moved).
    pub fn parts_mut(&mut self) -> (Vec<&mut Expr>, Option<&mut Expr>) {
        match self {
            MovingMacro::List(l) => (l.iter_mut().collect(), None),
            MovingMacro::Repeat(value, _, len) => (vec![value], Some(len)),
        }
    }

    pub fn exprs_mut(&mut self) -> impl Iterator<Item = &mut Expr> {
        let (moved, len) = self.parts_mut();
        moved.into_iter().chain(len)
    }

    pub fn to_tokens(&self) -> proc_macro2::TokenStream {
        match self {
            MovingMacro::List(l) => quote::quote!(#l),
            MovingMacro::Repeat(value, semi, len) => quote::quote!(#value #semi #len),
        }
    }
}

/// `Conn::close(receiver, args..)`: the method call `m` made by the path of the type `ty`
/// that declares it (see `analyze::receivers::taken_by_type`), which compiles only if the
/// method takes the receiver it is given. On the method's span: where rustc rejects it,
/// it says so there.
pub fn call_by_path(ty: &str, m: &syn::ExprMethodCall) -> Expr {
    let span = m.method.span();
    let ty = quote::format_ident!("{ty}", span = span);
    let (name, turbofish, receiver, args) = (&m.method, &m.turbofish, &m.receiver, &m.args);
    let comma = (!args.is_empty()).then(|| quote::quote!(,));
    syn::parse_quote_spanned!(span=> #ty::#name #turbofish (#receiver #comma #args))
}

/// How often each identifier occurs in some tokens, groups included, with the names a
/// format string captures (`"{x}"` names `x`).
pub fn count_idents(tokens: &TokenStream, counts: &mut std::collections::BTreeMap<String, usize>) {
    for tt in tokens.clone() {
        match tt {
            TokenTree::Ident(i) => *counts.entry(i.to_string()).or_default() += 1,
            TokenTree::Group(g) => count_idents(&g.stream(), counts),
            TokenTree::Literal(l) => {
                for name in crate::analyze::format_captures(&l.to_string()) {
                    *counts.entry(name).or_default() += 1;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_format_strings_captures_are_given_by_name_once() {
        let given = |name: &str, tokens: TokenStream| {
            let args = format_capture_args(name, &tokens, |n| n != "s", |id| quote!(&(*#id)));
            let mut out = tokens;
            append_args(&mut out, args);
            out.to_string()
        };
        // The format string by its place, not any string: `assert_eq!`'s third argument.
        assert_eq!(given("assert_eq", quote!(a, "{b}", "{c}")), quote!(a, "{b}", "{c}", c = &(*c)).to_string());
        // A name an argument gives, a count, a trailing comma.
        assert_eq!(
            given("format", quote!("{t}{w:>w$}{s}", t = 1,)),
            quote!("{t}{w:>w$}{s}", t = 1, w = *&(*w)).to_string()
        );
        // Another crate's macro: its first string argument; `vec!` has none.
        assert_eq!(given("info", quote!(target: "x", "{v}")), quote!(target: "x", "{v}", v = &(*v)).to_string());
        assert_eq!(given("info", quote!("{v}")), quote!("{v}", v = &(*v)).to_string());
        assert_eq!(given("vec", quote!("{v}")), quote!("{v}").to_string());
    }

    #[test]
    fn a_range_names_a_local_and_a_dot_a_field() {
        let tts: Vec<TokenTree> = quote!(x.v + (0..n) + (..m) + (1..=k) + y.z()).into_iter().collect();
        let mut dots = FieldDot::default();
        let named: Vec<String> = tts
            .iter()
            .enumerate()
            .filter(|(i, tt)| {
                let streamed = dots.next(tt);
                assert_eq!(streamed, after_field_dot(&tts, *i));
                matches!(tt, TokenTree::Ident(_)) && !streamed
            })
            .map(|(_, tt)| tt.to_string())
            .collect();
        assert_eq!(named, ["x", "y"]);
        let inner: Vec<TokenTree> = quote!(0..n).into_iter().collect();
        assert!(!after_field_dot(&inner, 3));
    }
}
