//! Join points, where the paths out of a construct that awaits meet again.
//!
//! The emitter gives each await its own arm holding the rest of the function from there, so
//! the code after an `if` or a loop that awaits appears in several arms. That is harmless,
//! except for closures and `async` blocks: each copy of one is a type of its own, and a
//! variant field can hold only one. Where such code would be copied, a *join* is inserted:
//! `ready(()).await`, a suspension point that never waits (no extra `Pending`), whose arm is
//! the one place the code after it is written. A loop whose body makes a closure gets a join
//! at its head, for the same reason.

use crate::analyze::top_await;
use crate::util::{expr_awaits, stmt_awaits};
use syn::visit::Visit;
use syn::{Block, Expr, Stmt, parse_quote};

/// The marker attribute on a join's `ExprAwait`.
pub const JOIN: &str = "__join";

pub fn insert_joins(body: &mut Block) {
    block(body, false);
}

fn join_stmt() -> Stmt {
    parse_quote!(#[__join] ::core::future::ready(()).await;)
}

fn block(b: &mut Block, later: bool) {
    let n = b.stmts.len();
    let mut out = Vec::with_capacity(n);
    let stmts: Vec<Stmt> = b.stmts.drain(..).collect();
    for (i, mut stmt) in stmts.iter().cloned().enumerate() {
        let rest_has_closure = later || stmts[i + 1..].iter().any(has_closure);
        let is_construct = stmt_awaits(&stmt) && top_await(&stmt).is_none();
        nested(&mut stmt, rest_has_closure);
        if is_construct && rest_has_closure {
            match stmt {
                // A construct as the block's value: keep the value in a local across the join.
                Stmt::Expr(e, None) if i + 1 == n => {
                    out.push(parse_quote!(let __joined = #e;));
                    out.push(join_stmt());
                    out.push(Stmt::Expr(parse_quote!(__joined), None));
                    continue;
                }
                other => {
                    out.push(other);
                    out.push(join_stmt());
                    continue;
                }
            }
        }
        out.push(stmt);
    }
    b.stmts = out;
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
            block(&mut l.body, later);
            if head {
                l.body.stmts.insert(0, join_stmt());
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
