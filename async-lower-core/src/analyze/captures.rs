//! What a `move` closure or `async move` block takes of a local it names.
//!
//! Since edition 2021 a closure captures the places it names, not whole locals: `move ||
//! p.name.len()` moves `p.name` into the closure, and the rest of `p` stays, to drop at the
//! end of its scope. A local that lives across an await after that is held in a `Partial`
//! (see `emit::partial`), and the lowering reads the field out of it where the closure is
//! made: `{ let mut __p_name = unsafe { p.move_field(..) }; move || __p_name.len() }`.
//!
//! Only where reading the field out is what the closure does: it names the local only one
//! field deep (`p.a.b` may go through a reference in `p.a`, and then the closure captures
//! `p.a`), and either the local is bound to a struct or tuple literal (or a constructor, or
//! a function the file declares returning a struct by value), so the field is its own, or the closure uses each field as a value (a call may return a reference, whose
//! fields a closure borrows through it unless it copies them out).

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::BTreeSet;
use syn::{Block, Expr, Member, Pat};

/// The fields of `root` that the `move` closure or `async move` block `e` names, in order,
/// when it names `root` only as `root.field`. None where it names `root` otherwise (whole,
/// as a method's receiver, deeper than one field, in a format string), or binds that name.
/// Also the local's name as written there: its span carries the hygiene it resolves with.
///
/// `literal`: the local is bound to a struct or tuple literal, so `root.field` is its own.
/// Otherwise it may be a reference, and each `root.field` must be used as a value (an
/// operand, an argument, the value of the closure): then natively the field is moved,
/// which rustc allows only if it is the local's own, or copied, which reading it out early
/// does too (nothing can change it while the closure holds the reference).
pub(crate) fn field_captures(e: &Expr, root: &str, literal: bool) -> Option<(proc_macro2::Ident, Vec<Member>)> {
    if binds(e, root) {
        return None;
    }
    let mut fields = Vec::new();
    let mut ident = None;
    let mentions = scan(e.to_token_stream(), root, &mut fields, &mut ident)?;
    if !literal && values(e, root) != mentions {
        return None;
    }
    Some((ident?, fields))
}

/// How many `root.field`s in the closure `e` are used as values (see [`field_captures`]).
/// Narrow on purpose: what it does not list counts as a place (borrowed), as does anything
/// inside a macro.
fn values(e: &Expr, root: &str) -> usize {
    struct Count<'r> {
        root: &'r str,
        n: usize,
    }
    impl Count<'_> {
        fn expr(&mut self, e: &Expr, value: bool) {
            match e {
                Expr::Field(f) if matches!(&*f.base, Expr::Path(p) if p.path.is_ident(self.root)) => self.n += value as usize,
                Expr::Field(f) => self.expr(&f.base, false),
                Expr::Paren(p) => self.expr(&p.expr, value),
                Expr::Block(b) => self.block(&b.block, value),
                Expr::Unsafe(u) => self.block(&u.block, value),
                Expr::If(i) => {
                    self.expr(&i.cond, false);
                    self.block(&i.then_branch, value);
                    if let Some((_, els)) = &i.else_branch {
                        self.expr(els, value);
                    }
                }
                Expr::Match(m) => {
                    self.expr(&m.expr, false);
                    for arm in &m.arms {
                        if let Pat::Guard(g) = &arm.pat {
                            self.expr(&g.guard, false);
                        }
                        self.expr(&arm.body, value);
                    }
                }
                Expr::Let(l) => self.expr(&l.expr, false),
                // `a + p.n` and `x += p.n` take the operand by value; `p.n == 1` borrows.
                Expr::Binary(b) => {
                    let compare = super::is_comparison(&b.op);
                    self.expr(&b.left, !compare && !crate::normalize::is_compound_assign(&b.op));
                    self.expr(&b.right, !compare);
                }
                Expr::Call(c) => {
                    self.expr(&c.func, false);
                    c.args.iter().for_each(|a| self.expr(a, true));
                }
                Expr::MethodCall(m) => {
                    self.expr(&m.receiver, false);
                    m.args.iter().for_each(|a| self.expr(a, true));
                }
                Expr::Cast(c) => self.expr(&c.expr, true),
                Expr::Try(t) => self.expr(&t.expr, true),
                Expr::Await(a) => self.expr(&a.base, true),
                Expr::Tuple(t) => t.elems.iter().for_each(|x| self.expr(x, true)),
                Expr::Array(a) => a.elems.iter().for_each(|x| self.expr(x, true)),
                Expr::Struct(st) => st.fields.iter().for_each(|f| self.expr(&f.expr, true)),
                Expr::Return(r) => r.expr.iter().for_each(|x| self.expr(x, true)),
                Expr::Break(b) => b.expr.iter().for_each(|x| self.expr(x, true)),
                Expr::Assign(a) => {
                    self.expr(&a.left, false);
                    self.expr(&a.right, true);
                }
                Expr::Reference(r) => self.expr(&r.expr, false),
                Expr::Index(i) => {
                    self.expr(&i.expr, false);
                    self.expr(&i.index, true);
                }
                Expr::Loop(l) => self.block(&l.body, false),
                Expr::While(w) => {
                    self.expr(&w.cond, false);
                    self.block(&w.body, false);
                }
                Expr::ForLoop(f) => {
                    self.expr(&f.expr, true);
                    self.block(&f.body, false);
                }
                Expr::Closure(c) => self.expr(&c.body, true),
                Expr::Async(a) => self.block(&a.block, true),
                // Anything else (a macro, a unary operator, a range) is not counted.
                _ => {}
            }
        }
        fn block(&mut self, b: &Block, value: bool) {
            let last = b.stmts.len().saturating_sub(1);
            for (k, stmt) in b.stmts.iter().enumerate() {
                match stmt {
                    syn::Stmt::Local(l) => {
                        if let Some(init) = &l.init {
                            let bound_whole = matches!(&l.pat, Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none());
                            self.expr(&init.expr, bound_whole);
                            if let Some((_, d)) = &init.diverge {
                                self.expr(d, false);
                            }
                        }
                    }
                    syn::Stmt::Expr(e, semi) => self.expr(e, value && semi.is_none() && k == last),
                    _ => {}
                }
            }
        }
    }
    let mut c = Count { root, n: 0 };
    c.expr(e, false);
    c.n
}

/// The locals of `body` bound only by `let x = S { .. };`, `let x = (..);`, `let x =
/// Pair(..);`, `let x = S::new(..);` or a call of a function the file declares returning
/// a struct by value (`let x = load(..);`, `fn load(..) -> S`): their fields are their own,
/// never reached through a reference. Names are told apart already.
pub(crate) fn literal_locals(body: &Block) -> BTreeSet<String> {
    #[derive(Default)]
    struct Find {
        literal: BTreeSet<String>,
        other: BTreeSet<String>,
    }
    use syn::visit::Visit;
    impl<'a> Visit<'a> for Find {
        fn visit_local(&mut self, l: &'a syn::Local) {
            let literal = l.init.as_ref().is_some_and(|i| {
                let mut e = &*i.expr;
                while let Expr::Paren(p) = e {
                    e = &p.expr;
                }
                // (`Pair(a, b)`, `Some(x)`: a capitalized callee is a tuple struct's or a
                // variant's constructor, by the naming convention rustc lints for. So is
                // `Conn::new(..)`, `Conn::from(..)`, `Conn::default()`, `Conn::with_..(..)`,
                // by convention, unless the type is a pointer: `Rc::new(c)` reaches fields
                // through a `Deref`.)
                let constructed = |p: &syn::Path| -> Option<String> {
                    let segments: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
                    let capitalized = |s: &String| s.starts_with(|c: char| c.is_uppercase());
                    match segments.as_slice() {
                        [.., last] if capitalized(last) => Some(last.clone()),
                        [.., ty, f]
                            if capitalized(ty)
                                && !matches!(ty.as_str(), "Box" | "Rc" | "Arc" | "Pin" | "Cow" | "Weak" | "ManuallyDrop")
                                && (matches!(f.as_str(), "new" | "from" | "default") || f.starts_with("with_")) =>
                        {
                            Some(ty.clone())
                        }
                        _ => None,
                    }
                };
                let ty = match e {
                    Expr::Tuple(_) => return true,
                    Expr::Struct(s) => s.path.segments.last().map(|s| s.ident.to_string()),
                    Expr::Call(c) => match &*c.func {
                        // (Or a function the file declares returning the struct by value.)
                        Expr::Path(p) => match constructed(&p.path).or_else(|| super::receivers::made_by_call(&p.path)) {
                            Some(t) => Some(t),
                            None => return false,
                        },
                        _ => return false,
                    },
                    _ => return false,
                };
                // (A closure cannot take a field out of a type with a `Drop` of its own: it
                // captures the whole value, as when the local is not its own.)
                !ty.is_some_and(|t| super::receivers::implements_drop(&t))
            });
            match &l.pat {
                Pat::Ident(p) if literal && p.by_ref.is_none() && p.subpat.is_none() => {
                    self.literal.insert(p.ident.to_string());
                }
                other => self.pat(other),
            }
            if let Some(init) = &l.init {
                self.visit_expr(&init.expr);
                if let Some((_, diverge)) = &init.diverge {
                    self.visit_expr(diverge);
                }
            }
        }
        fn visit_pat(&mut self, p: &'a Pat) {
            self.pat(p);
        }
    }
    impl Find {
        fn pat(&mut self, pat: &Pat) {
            let mut names = Vec::new();
            super::bindings(pat, &mut names);
            self.other.extend(names.into_iter().map(|(n, _)| n.to_string()));
        }
    }
    let mut f = Find::default();
    f.visit_block(body);
    f.literal.retain(|n| !f.other.contains(n));
    f.literal
}

/// `root` is bound somewhere in `e` (a parameter, a `let`, a pattern).
fn binds(e: &Expr, root: &str) -> bool {
    let mut names = std::collections::BTreeSet::new();
    crate::util::pattern_names(e, &mut names);
    names.contains(root)
}

/// Collects the fields `root.field` names in `tokens` (macro operands too); None at any
/// other mention of `root`.
fn scan(tokens: TokenStream, root: &str, fields: &mut Vec<Member>, ident: &mut Option<proc_macro2::Ident>) -> Option<usize> {
    let mut mentions = 0;
    let tts: Vec<TokenTree> = tokens.into_iter().collect();
    let dot = |t: Option<&TokenTree>| matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == '.' && p.spacing() == proc_macro2::Spacing::Alone);
    let call = |t: Option<&TokenTree>| match t {
        Some(TokenTree::Group(g)) => g.delimiter() == Delimiter::Parenthesis,
        Some(TokenTree::Punct(p)) => p.as_char() == ':',
        _ => false,
    };
    for (i, tt) in tts.iter().enumerate() {
        match tt {
            TokenTree::Group(g) => mentions += scan(g.stream(), root, fields, ident)?,
            // `{p}` in a format string captures the whole local.
            TokenTree::Literal(l) => {
                let text = l.to_string();
                if text.contains(&format!("{{{root}}}")) || text.contains(&format!("{{{root}:")) {
                    return None;
                }
            }
            TokenTree::Ident(id) if id == root => {
                // `x.p` is a field, `m::p` a path: not the local.
                if after_dot_or_path(&tts, i) {
                    continue;
                }
                if !dot(tts.get(i + 1)) {
                    return None;
                }
                let field: Member = match tts.get(i + 2)? {
                    TokenTree::Ident(f) if !call(tts.get(i + 3)) => syn::parse2(f.to_token_stream()).ok()?,
                    // (`p.1.0` lexes as `p`, `.`, `1.0`: two fields deep.)
                    TokenTree::Literal(l) if l.to_string().chars().all(|c| c.is_ascii_digit()) => {
                        syn::parse2(l.to_token_stream()).ok()?
                    }
                    _ => return None,
                };
                // One field deep: what follows is a method call, an index, `.await`, an
                // operator, anything but another field.
                if dot(tts.get(i + 3)) {
                    match tts.get(i + 4) {
                        Some(TokenTree::Ident(next)) if next == "await" || call(tts.get(i + 5)) => {}
                        _ => return None,
                    }
                }
                if !fields.contains(&field) {
                    fields.push(field);
                }
                ident.get_or_insert_with(|| id.clone());
                mentions += 1;
            }
            _ => {}
        }
    }
    Some(mentions)
}

/// The token at `i` follows a `.` (a field `x.p`, not a range `0..p`) or a `::` (a path
/// `m::p`); a lone `:` (a struct literal's `host: p.host`) is not a path.
fn after_dot_or_path(tts: &[TokenTree], i: usize) -> bool {
    let punct = |k: usize, c: char| matches!(tts.get(k), Some(TokenTree::Punct(p)) if p.as_char() == c);
    crate::util::after_field_dot(tts, i) || (i > 1 && punct(i - 1, ':') && punct(i - 2, ':'))
}

/// `tokens` with each `root.field` that [`field_captures`] found replaced by its local
/// (`__p_name`), found by `local`.
pub(crate) fn replace_fields(tokens: TokenStream, root: &str, local: &dyn Fn(&Member) -> Option<proc_macro2::Ident>) -> TokenStream {
    let tts: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(tts.len());
    let mut i = 0;
    while i < tts.len() {
        match &tts[i] {
            TokenTree::Group(g) => {
                let mut group = proc_macro2::Group::new(g.delimiter(), replace_fields(g.stream(), root, local));
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            TokenTree::Ident(id) if id == root => {
                let field = tts.get(i + 2).and_then(|f| syn::parse2::<Member>(f.to_token_stream()).ok());
                if let (false, Some(name)) = (after_dot_or_path(&tts, i), field.as_ref().and_then(local)) {
                    out.push(TokenTree::Ident(name));
                    i += 3;
                    continue;
                }
                out.push(tts[i].clone());
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn names(e: Expr, root: &str) -> Option<Vec<String>> {
        field_captures(&e, root, true).map(|(_, fs)| fs.iter().map(|f| f.to_token_stream().to_string()).collect())
    }

    #[test]
    fn a_local_made_by_a_call_only_where_its_fields_are_values() {
        let taken = |e: Expr| field_captures(&e, "a", false).is_some();
        assert!(taken(parse_quote!(move || a.id)));
        assert!(taken(parse_quote!(move |x: u32| x + a.id)));
        assert!(taken(parse_quote!(async move { step().await; let n = a.id; n + f(a.k) })));
        assert!(!taken(parse_quote!(move || a.name.len())));
        assert!(!taken(parse_quote!(move || format!("{}", a.id))));
        assert!(!taken(parse_quote!(move || a.id == 1)));
        assert!(!taken(parse_quote!(move || { a.id; 0 })));
        assert!(!taken(parse_quote!(move || &a.id)));
    }

    #[test]
    fn literal_locals_only() {
        let body: Block = parse_quote!({
            let p = P { a: 1 };
            let t = (1, 2);
            let c = make();
            let q = P { a: 2 };
            let w = Pair(1, 2);
            if let Some(q) = c {}
        });
        assert_eq!(literal_locals(&body).into_iter().collect::<Vec<_>>(), ["p", "t", "w"]);
    }

    #[test]
    fn one_field_deep_only() {
        assert_eq!(names(parse_quote!(move || p.name.len()), "p"), Some(vec!["name".into()]));
        assert_eq!(names(parse_quote!(async move { f(p.a).await; p.b.x().await }), "p"), Some(vec!["a".into(), "b".into()]));
        assert_eq!(names(parse_quote!(move || format!("{}", t.0)), "t"), Some(vec!["0".into()]));
        assert_eq!(names(parse_quote!(move || p.a.b), "p"), None);
        assert_eq!(names(parse_quote!(move || s.1.0), "s"), None);
        assert_eq!(names(parse_quote!(move || p.len()), "p"), None);
        assert_eq!(names(parse_quote!(move || consume(p)), "p"), None);
        assert_eq!(names(parse_quote!(move || format!("{p:?} {}", p.a)), "p"), None);
        assert_eq!(names(parse_quote!(move |p: u32| p.a), "p"), None);
        assert_eq!(names(parse_quote!(move || x.p.a), "p"), None);
        assert_eq!(names(parse_quote!(move || m::p.a), "p"), None);
        assert_eq!(names(parse_quote!(move || Req { host: p.host.clone() }), "p"), Some(vec!["host".into()]));
    }
}
