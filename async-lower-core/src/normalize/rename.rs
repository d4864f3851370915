//! Gives every binding of the body a name of its own.
//!
//! Natively, `let t = ..; { let t = ..; a().await; } use(t)` keeps the outer `t` alive (and
//! usable after the block) while the inner one hides it. The state must hold both across the
//! await, and a field needs a name: the inner binding becomes `t_2`, with every use of it
//! (macro arguments and `{t}` in format strings included) renamed to match. Bindings that
//! reuse a name in sibling scopes are renamed too, so that later stages can speak of a
//! local by its name.

use proc_macro2::{Literal, TokenStream, TokenTree};
use std::collections::BTreeSet;
use syn::visit_mut::VisitMut;
use syn::{Block, Expr, Ident, Pat, Stmt};

pub fn rename_shadowing(params: &[Ident], body: &mut Block) {
    let mut used = BTreeSet::new();
    crate::util::collect_idents(&quote::quote!(#body), &mut used);
    for p in params {
        used.insert(p.to_string());
    }
    let bound = params.iter().map(|p| p.to_string()).collect();
    let mut r = Renamer {
        scopes: vec![
            params
                .iter()
                .map(|p| (p.to_string(), p.to_string()))
                .collect(),
        ],
        used,
        bound,
    };
    r.block_stmts(body);
}


struct Renamer {
    /// (name as written, name it has now), innermost scope last.
    scopes: Vec<Vec<(String, String)>>,
    used: BTreeSet<String>,
    /// Names bound so far anywhere in the body.
    bound: BTreeSet<String>,
}

impl Renamer {
    fn lookup(&self, name: &str) -> Option<&str> {
        self.scopes
            .iter()
            .rev()
            .flat_map(|s| s.iter().rev())
            .find(|(n, _)| n == name)
            .map(|(_, now)| now.as_str())
    }

    fn block_stmts(&mut self, block: &mut Block) {
        for stmt in &mut block.stmts {
            match stmt {
                Stmt::Local(local) => {
                    if let Some(init) = &mut local.init {
                        self.visit_expr_mut(&mut init.expr);
                        if let Some((_, d)) = &mut init.diverge {
                            self.visit_expr_mut(d);
                        }
                    }
                    self.bind(&mut local.pat);
                }
                Stmt::Expr(e, _) => self.visit_expr_mut(e),
                Stmt::Macro(m) => self.visit_macro_mut(&mut m.mac),
                Stmt::Item(_) => {}
            }
        }
    }

    /// Declares the bindings of a pattern, renaming those that hide a visible binding.
    fn bind(&mut self, pat: &mut Pat) {
        let mut binder = Binder { r: self };
        binder.visit_pat_mut(pat);
    }

    fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        self.scopes.push(Vec::new());
        f(self);
        self.scopes.pop();
    }

    fn tokens(&self, tokens: TokenStream) -> TokenStream {
        let tts: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = Vec::with_capacity(tts.len());
        for (i, tt) in tts.iter().enumerate() {
            let prev_dot = crate::util::after_field_dot(&tts, i);
            match tt {
                TokenTree::Ident(id) if !prev_dot => {
                    let name = id.to_string();
                    match self.lookup(&name) {
                        Some(now) if now != name => {
                            out.push(TokenTree::Ident(Ident::new(now, id.span())))
                        }
                        _ => out.push(tt.clone()),
                    }
                }
                TokenTree::Group(g) => {
                    let mut ng = proc_macro2::Group::new(g.delimiter(), self.tokens(g.stream()));
                    ng.set_span(g.span());
                    out.push(TokenTree::Group(ng));
                }
                TokenTree::Literal(lit) => out.push(TokenTree::Literal(self.literal(lit))),
                other => out.push(other.clone()),
            }
        }
        out.into_iter().collect()
    }

    /// `{name}` and `{name:..}` in a format string capture `name`: rename them too.
    fn literal(&self, lit: &Literal) -> Literal {
        let text = lit.to_string();
        if !text.starts_with('"') {
            return lit.clone();
        }
        let mut changed = false;
        let mut out = String::new();
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            out.push(chars[i]);
            if chars[i] == '{' && chars.get(i + 1) != Some(&'{') {
                let mut j = i + 1;
                let mut name = String::new();
                while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
                    name.push(chars[j]);
                    j += 1;
                }
                if !name.is_empty() && matches!(chars.get(j), Some('}') | Some(':')) {
                    if let Some(now) = self.lookup(&name) {
                        if now != name {
                            out.push_str(now);
                            changed = true;
                            i = j;
                            continue;
                        }
                    }
                }
            } else if chars[i] == '{' {
                out.push('{');
                i += 1;
            }
            i += 1;
        }
        if !changed {
            return lit.clone();
        }
        match out.parse::<Literal>() {
            Ok(mut l) => {
                l.set_span(lit.span());
                l
            }
            Err(_) => lit.clone(),
        }
    }
}

impl VisitMut for Renamer {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Path(p)
                if p.qself.is_none()
                    && p.path.leading_colon.is_none()
                    && p.path.segments.len() == 1 =>
            {
                let id = &mut p.path.segments[0].ident;
                if let Some(now) = self.lookup(&id.to_string()) {
                    if id != now {
                        *id = Ident::new(now, id.span());
                    }
                }
            }
            Expr::Block(b) => self.scoped(|r| r.block_stmts(&mut b.block)),
            Expr::Unsafe(u) => self.scoped(|r| r.block_stmts(&mut u.block)),
            Expr::Const(c) => self.scoped(|r| r.block_stmts(&mut c.block)),
            Expr::Async(a) => self.scoped(|r| r.block_stmts(&mut a.block)),
            Expr::Loop(l) => self.scoped(|r| r.block_stmts(&mut l.body)),
            Expr::If(i) => {
                self.scoped(|r| {
                    match &mut *i.cond {
                        Expr::Let(l) => {
                            r.visit_expr_mut(&mut l.expr);
                            r.bind(&mut l.pat);
                        }
                        c => r.visit_expr_mut(c),
                    }
                    r.block_stmts(&mut i.then_branch);
                });
                if let Some((_, els)) = &mut i.else_branch {
                    self.visit_expr_mut(els);
                }
            }
            Expr::While(w) => self.scoped(|r| {
                match &mut *w.cond {
                    Expr::Let(l) => {
                        r.visit_expr_mut(&mut l.expr);
                        r.bind(&mut l.pat);
                    }
                    c => r.visit_expr_mut(c),
                }
                r.block_stmts(&mut w.body);
            }),
            Expr::ForLoop(f) => {
                self.visit_expr_mut(&mut f.expr);
                self.scoped(|r| {
                    r.bind(&mut f.pat);
                    r.block_stmts(&mut f.body);
                });
            }
            Expr::Match(m) => {
                self.visit_expr_mut(&mut m.expr);
                for arm in &mut m.arms {
                    self.scoped(|r| {
                        r.bind(&mut arm.pat);
                        r.visit_expr_mut(&mut arm.body);
                    });
                }
            }
            Expr::Closure(c) => self.scoped(|r| {
                for input in &mut c.inputs {
                    r.bind(input);
                }
                r.visit_expr_mut(&mut c.body);
            }),
            Expr::Struct(s) => {
                for f in &mut s.fields {
                    // `S { x }` with `x` renamed becomes `S { x: x_2 }`.
                    if f.colon_token.is_none() {
                        if let (syn::Member::Named(m), Expr::Path(p)) = (&f.member, &f.expr) {
                            if p.path.is_ident(m)
                                && self.lookup(&m.to_string()).is_some_and(|now| *m != now)
                            {
                                f.colon_token = Some(Default::default());
                            }
                        }
                    }
                    self.visit_expr_mut(&mut f.expr);
                }
                if let Some(rest) = &mut s.rest {
                    self.visit_expr_mut(rest);
                }
            }
            _ => syn::visit_mut::visit_expr_mut(self, e),
        }
    }
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        mac.tokens = match self.select_arms(mac) {
            Some(tokens) => tokens,
            None => self.tokens(mac.tokens.clone()),
        };
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

impl Renamer {
    /// `select! { pat = fut => handler, .. }`: each handler is code in a scope where its
    /// arm's pattern binds, renamed as code rather than as tokens, so that a binding in it
    /// that hides a local (`if let Some(t) = sender.take()`) gets a name of its own, as in
    /// any block. (`biased;`, `else =>`, `complete =>` and a guard are tokens around.)
    fn select_arms(&mut self, mac: &syn::Macro) -> Option<TokenStream> {
        let name = mac.path.segments.last()?.ident.to_string();
        if !matches!(name.as_str(), "select" | "select_biased") {
            return None;
        }
        let arms = super::select_arms(mac)?;
        let mut out = TokenStream::new();
        for (head, mut handler, comma) in arms {
            // `biased;` (before the first arm), then `pattern = future` (or `else`).
            let start = head.iter().rposition(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ';')).map_or(0, |i| i + 1);
            let punct = |k: usize| match head.get(k) {
                Some(TokenTree::Punct(p)) => Some((p.as_char(), p.spacing())),
                _ => None,
            };
            let eq = (start..head.len()).find(|&i| {
                punct(i) == Some(('=', proc_macro2::Spacing::Alone))
                    && !(i > 0 && matches!(punct(i - 1), Some((_, proc_macro2::Spacing::Joint))))
            });
            out.extend(head[..start].iter().cloned());
            let (mut pat, future) = match eq {
                Some(eq) => {
                    let pat = head[start..eq].iter().cloned().collect();
                    let pat = syn::parse::Parser::parse2(Pat::parse_multi_with_leading_vert, pat).ok()?;
                    (Some(pat), head[eq + 1..].iter().cloned().collect())
                }
                None => (None, head[start..].iter().cloned().collect()),
            };
            // (The future and a guard are evaluated outside the pattern's scope.)
            let future = self.tokens(future);
            self.scoped(|r| {
                if let Some(pat) = &mut pat {
                    r.bind(pat);
                }
                r.visit_expr_mut(&mut handler);
            });
            let bound = pat.map(|p| quote::quote!(#p =));
            out.extend(quote::quote!(#bound #future => #handler));
            if comma {
                out.extend(quote::quote!(,));
            }
        }
        Some(out)
    }
}

/// Declares pattern bindings in the innermost scope.
struct Binder<'r> {
    r: &'r mut Renamer,
}

impl VisitMut for Binder<'_> {
    fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
        let name = p.ident.to_string();
        let binding = p.subpat.is_some()
            || p.mutability.is_some()
            || p.by_ref.is_some()
            || !name.chars().next().is_some_and(|c| c.is_uppercase());
        if binding {
            let hides = !self.r.bound.insert(name.clone());
            let now = if hides {
                let mut n = 2;
                let stem = name.trim_start_matches("r#");
                let mut candidate = format!("{stem}_{n}");
                while self.r.used.contains(&candidate) {
                    n += 1;
                    candidate = format!("{stem}_{n}");
                }
                self.r.used.insert(candidate.clone());
                p.ident = Ident::new(&candidate, p.ident.span());
                candidate
            } else {
                name.clone()
            };
            self.r.scopes.last_mut().unwrap().push((name, now));
        }
        if let Some((_, sub)) = &mut p.subpat {
            self.visit_pat_mut(sub);
        }
    }
    /// `Ok(n) | Err(n)` binds one `n`: every alternative gets the name the first gave it.
    fn visit_pat_or_mut(&mut self, o: &mut syn::PatOr) {
        let mut cases = o.cases.iter_mut();
        let Some(first) = cases.next() else { return };
        let before = self.r.scopes.last().map_or(0, |s| s.len());
        self.visit_pat_mut(first);
        let bound: Vec<(String, String)> = self.r.scopes.last().map_or_else(Vec::new, |s| s[before..].to_vec());
        struct Same<'b>(&'b [(String, String)]);
        impl VisitMut for Same<'_> {
            fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
                if let Some((_, now)) = self.0.iter().find(|(n, _)| p.ident == n) {
                    p.ident = Ident::new(now, p.ident.span());
                }
                if let Some((_, sub)) = &mut p.subpat {
                    self.visit_pat_mut(sub);
                }
            }
            fn visit_field_pat_mut(&mut self, f: &mut syn::FieldPat) {
                let shorthand = f.colon_token.is_none();
                self.visit_pat_mut(&mut f.pat);
                if let (true, syn::Member::Named(m), Pat::Ident(p)) = (shorthand, &f.member, &*f.pat) {
                    if p.ident != *m {
                        f.colon_token = Some(Default::default());
                    }
                }
            }
            fn visit_expr_mut(&mut self, _: &mut Expr) {}
        }
        for case in cases {
            Same(&bound).visit_pat_mut(case);
        }
    }
    fn visit_field_pat_mut(&mut self, f: &mut syn::FieldPat) {
        // `S { x }` binding a renamed `x` becomes `S { x: x_2 }`.
        let shorthand = f.colon_token.is_none();
        self.visit_pat_mut(&mut f.pat);
        if shorthand {
            if let (syn::Member::Named(m), Pat::Ident(p)) = (&f.member, &*f.pat) {
                if p.ident != *m {
                    f.colon_token = Some(Default::default());
                }
            }
        }
    }
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        // Expressions inside patterns (consts, ranges, guards): resolve as uses.
        self.r.visit_expr_mut(e);
    }
}
