//! Join points, where the paths out of a construct that awaits meet again.
//!
//! The emitter gives each await its own arm holding the rest of the function from there, so
//! the code after an `if` or a loop that awaits appears in several arms. That is harmless,
//! except for closures and `async` blocks: each copy of one is a type of its own, and a
//! variant field can hold only one. Where such code would be copied, a *join* is inserted:
//! `ready(()).await`, a suspension point that never waits (no extra `Pending`), whose arm is
//! the one place the code after it is written. A loop whose body makes a closure gets a join
//! at its head, for the same reason.
//!
//! A `let` whose value comes out of such a construct by several paths gets a join too, when
//! one path awaits and some path's value is not plainly an awaited output: in
//! `let s = if c { x.await } else { "none".into() };` the `else` path runs in `Start`, where
//! nothing says what `.into()` makes. Both paths park `s` in the join's variant, one type
//! parameter, and the code that uses `s` is written once, after the await that names it.

use crate::analyze::top_await;
use crate::util::{block_awaits, expr_awaits, is_awaited_output, panics, stmt_awaits};
use syn::visit::Visit;
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Block, Expr, Stmt, parse_quote, parse_quote_spanned};

/// The marker attribute on a join's `ExprAwait`.
pub const JOIN: &str = "__join";

pub fn insert_joins(body: &mut Block) {
    block(body, false);
}

/// A join, spanned at the construct whose paths it joins (its doc names that line).
fn join_stmt(at: Span) -> Stmt {
    parse_quote_spanned!(at=> #[__join] ::core::future::ready(()).await;)
}

fn block(b: &mut Block, later: bool) {
    let n = b.stmts.len();
    let mut out = Vec::with_capacity(n);
    let stmts: Vec<Stmt> = b.stmts.drain(..).collect();
    // Locals declared with neither a value nor a type (`let s;`): typed by what they get.
    let mut deferred = Vec::new();
    for (i, mut stmt) in stmts.iter().cloned().enumerate() {
        let rest_has_closure = later || stmts[i + 1..].iter().any(has_closure);
        let is_construct = stmt_awaits(&stmt) && top_await(&stmt).is_none();
        if let Stmt::Local(syn::Local { pat: syn::Pat::Ident(p), init: None, .. }) = &stmt {
            deferred.push(p.ident.to_string());
        }
        let typed_by_one_path = i + 1 < n
            && stmt_awaits(&stmt)
            && (splits_value(&stmt) || (is_construct && assigns_any(&stmt, &deferred)));
        nested(&mut stmt, rest_has_closure);
        if (is_construct && rest_has_closure) || typed_by_one_path {
            match stmt {
                // A construct as the block's value: keep the value in a local across the join.
                Stmt::Expr(e, None) if i + 1 == n => {
                    out.push(parse_quote!(let __joined = #e;));
                    out.push(join_stmt(e.span()));
                    out.push(Stmt::Expr(parse_quote!(__joined), None));
                    continue;
                }
                other => {
                    let at = other.span();
                    out.push(other);
                    out.push(join_stmt(at));
                    continue;
                }
            }
        }
        out.push(stmt);
    }
    b.stmts = out;
}

/// Does the value of this `let` (or assignment) come out of its construct by paths that
/// run in different arms, with a value whose type the path itself may not say?
fn splits_value(stmt: &Stmt) -> bool {
    let value = match stmt {
        Stmt::Local(l) => match &l.init {
            Some(init) if init.diverge.is_none() => &*init.expr,
            _ => return false,
        },
        Stmt::Expr(Expr::Assign(a), _) => &*a.right,
        _ => return false,
    };
    let mut paths = Vec::new();
    if !value_paths(value, false, &mut paths) {
        return true;
    }
    paths.len() > 1 && paths.iter().any(|(_, awaits)| *awaits) && paths.iter().any(|(tail, _)| !is_awaited_output(tail))
}

/// Does the statement assign one of these locals (`s = ..` anywhere inside it)?
fn assigns_any(stmt: &Stmt, names: &[String]) -> bool {
    struct Find<'n>(&'n [String], bool);
    impl<'a> Visit<'a> for Find<'_> {
        fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
            if let Expr::Path(p) = &*a.left {
                self.1 |= p.path.get_ident().is_some_and(|i| self.0.iter().any(|n| i == n));
            }
            syn::visit::visit_expr_assign(self, a);
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut f = Find(names, false);
    f.visit_stmt(stmt);
    f.1
}

/// Collects the expressions a construct's value comes from, each with whether an await
/// runs on its path inside the construct. `false` when a path cannot be followed (a `loop`
/// that awaits, whose `break` values come from any of its arms).
fn value_paths<'e>(e: &'e Expr, awaits: bool, out: &mut Vec<(&'e Expr, bool)>) -> bool {
    let block_paths = |b: &'e Block, awaits: bool, out: &mut Vec<(&'e Expr, bool)>| match b.stmts.last() {
        Some(Stmt::Expr(tail, None)) => value_paths(tail, awaits || block_awaits(b), out),
        _ => true, // no value: the block is `()` or diverges
    };
    match e {
        Expr::If(i) => {
            block_paths(&i.then_branch, awaits, out)
                && match &i.else_branch {
                    Some((_, els)) => value_paths(els, awaits, out),
                    None => true,
                }
        }
        Expr::Match(m) => m.arms.iter().all(|arm| {
            let guard = matches!(&arm.pat, syn::Pat::Guard(g) if expr_awaits(&g.guard));
            value_paths(&arm.body, awaits || guard, out)
        }),
        Expr::Block(b) if b.label.is_none() => block_paths(&b.block, awaits, out),
        Expr::Unsafe(u) => block_paths(&u.block, awaits, out),
        Expr::Paren(p) => value_paths(&p.expr, awaits, out),
        Expr::Loop(l) if expr_awaits(e) => {
            // A `break` that no await precedes in the body runs in the arm the loop starts
            // in and, on later turns, in the arm of the body's last await.
            let breaks = loop_breaks(l);
            let once = breaks.iter().all(|(_, after_await)| *after_await);
            out.extend(breaks.into_iter().map(|(v, _)| (v, true)));
            once
        }
        Expr::Block(_) if expr_awaits(e) => false, // a labelled block: `break 'a v` from any arm
        // A path that leaves (`return`, `break`, `panic!`) hands over no value.
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
        Expr::Macro(m) if panics(&m.mac) => true,
        _ => {
            out.push((e, awaits || expr_awaits(e)));
            true
        }
    }
}

/// The values of the `break`s that leave this loop, in source order, each with whether an
/// await comes before it in the body.
fn loop_breaks(l: &syn::ExprLoop) -> Vec<(&Expr, bool)> {
    struct Find<'e> {
        label: Option<&'e syn::Lifetime>,
        depth: usize,
        awaited: bool,
        out: Vec<(&'e Expr, bool)>,
    }
    impl<'e> Visit<'e> for Find<'e> {
        fn visit_expr_await(&mut self, aw: &'e syn::ExprAwait) {
            syn::visit::visit_expr_await(self, aw);
            self.awaited = true;
        }
        fn visit_expr_break(&mut self, b: &'e syn::ExprBreak) {
            syn::visit::visit_expr_break(self, b);
            let ours = match &b.label {
                Some(l) => self.label.is_some_and(|m| m.ident == l.ident),
                None => self.depth == 0,
            };
            if let (true, Some(v)) = (ours, &b.expr) {
                self.out.push((v, self.awaited));
            }
        }
        fn visit_expr_loop(&mut self, l: &'e syn::ExprLoop) {
            self.depth += 1;
            syn::visit::visit_expr_loop(self, l);
            self.depth -= 1;
        }
        fn visit_expr_while(&mut self, w: &'e syn::ExprWhile) {
            self.depth += 1;
            syn::visit::visit_expr_while(self, w);
            self.depth -= 1;
        }
        fn visit_expr_for_loop(&mut self, f: &'e syn::ExprForLoop) {
            self.depth += 1;
            syn::visit::visit_expr_for_loop(self, f);
            self.depth -= 1;
        }
        fn visit_expr_closure(&mut self, _: &'e syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'e syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'e syn::Item) {}
    }
    let mut f = Find { label: l.label.as_ref().map(|l| &l.name), depth: 0, awaited: false, out: Vec::new() };
    f.visit_block(&l.body);
    f.out
}

/// Recurses into the blocks of the construct at the top of a statement.
fn nested(stmt: &mut Stmt, later: bool) {
    let e = match stmt {
        Stmt::Local(l) => match &mut l.init {
            Some(init) => &mut *init.expr,
            None => return,
        },
        Stmt::Expr(e, _) => e,
        _ => return,
    };
    construct(e, later);
}

fn construct(e: &mut Expr, later: bool) {
    if !expr_awaits(e) {
        return;
    }
    match e {
        Expr::If(i) => {
            block(&mut i.then_branch, later);
            if let Some((_, els)) = &mut i.else_branch {
                construct(els, later);
            }
        }
        Expr::Match(m) => {
            for arm in &mut m.arms {
                if let Expr::Block(b) = &mut *arm.body {
                    block(&mut b.block, later);
                }
            }
        }
        Expr::Block(b) => block(&mut b.block, later),
        Expr::Unsafe(u) => block(&mut u.block, later),
        Expr::Loop(l) => {
            let head = l.body.stmts.iter().any(has_closure);
            let at = l.span();
            block(&mut l.body, later);
            if head {
                l.body.stmts.insert(0, join_stmt(at));
            }
        }
        Expr::Paren(p) => construct(&mut p.expr, later),
        _ => {}
    }
}

/// Does the statement make a closure or an `async` block (outside awaited expressions,
/// which are built in one place anyway)?
fn has_closure(stmt: &Stmt) -> bool {
    struct Find(bool);
    impl<'a> Visit<'a> for Find {
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {
            self.0 = true;
        }
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {
            self.0 = true;
        }
        fn visit_expr_await(&mut self, _: &'a syn::ExprAwait) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut f = Find(false);
    f.visit_stmt(stmt);
    f.0
}

/// Is this await a join point?
pub fn is_join(aw: &syn::ExprAwait) -> bool {
    aw.attrs.iter().any(|a| a.path().is_ident(JOIN))
}
