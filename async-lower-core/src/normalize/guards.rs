//! Awaits in match guards.
//!
//! A guard runs while the arm's bindings borrow the scrutinee, and a failing guard falls
//! through to the next arm: a `match` cannot stop halfway. So such a `match` is split in
//! two, as a person would write it by hand:
//!
//! ```text
//! match s { P0 => b0, P1 if g.await => b1, P2 => b2 }
//! // becomes
//! {
//!     let __arm0: usize = '__pick0: {
//!         if let P0 = &s { break '__pick0 0 }
//!         if let P1 = &s { if g'.await { break '__pick0 1 } }   // g' reads the bindings through `*`
//!         if let P2 = &s { break '__pick0 2 }
//!         unreachable!()
//!     };
//!     match s { P0 if __arm0 == 0 => b0, P1 if __arm0 == 1 => b1, P2 if __arm0 == 2 => b2, _ => unreachable!() }
//! }
//! ```
//!
//! Patterns are tried, and guards run, in the same order and as often as natively. The
//! first pass only borrows the scrutinee (its bindings are references, as a guard's are);
//! the second binds by value in the arm that was picked. A scrutinee that is not a place is
//! evaluated once, into a local.

use proc_macro2::Span;
use quote::quote;
use syn::visit_mut::VisitMut;
use syn::{Expr, ExprMatch, Ident, Pat, parse_quote};

/// Does an arm's guard await?
pub fn guard_awaits(m: &ExprMatch) -> bool {
    m.arms
        .iter()
        .any(|a| matches!(&a.pat, Pat::Guard(g) if crate::util::expr_awaits(&g.guard)))
}

/// The two-pass form of a `match` with an awaiting guard (see the module's doc); `n`
/// numbers the generated names. `by_ref_scrutinee`: the scrutinee is a reference (`match &o`), so its
/// bindings are references in the guard already, as in the first pass.
pub fn split_match(m: ExprMatch, n: usize, by_ref_scrutinee: bool) -> Expr {
    let span = Span::call_site();
    let arm_var = Ident::new(&format!("__arm{n}"), span);
    let label = syn::Lifetime::new(&format!("'__pick{n}"), span);
    // The second pass moves a spilled scrutinee out (`{ s }`): arms may bind by value.
    let (setup, scrutinee, matched): (Option<syn::Stmt>, Expr, Expr) = if is_place(&m.expr) {
        (None, (*m.expr).clone(), (*m.expr).clone())
    } else {
        let s = Ident::new(&format!("__scrutinee{n}"), span);
        let init = &m.expr;
        (Some(parse_quote!(let #s = #init;)), parse_quote!(#s), parse_quote!({ #s }))
    };
    let mut tries = Vec::new();
    let mut arms = Vec::new();
    for (k, arm) in m.arms.iter().enumerate() {
        let (pat, guard) = match &arm.pat {
            Pat::Guard(g) => ((*g.pat).clone(), Some((*g.guard).clone())),
            other => (other.clone(), None),
        };
        let mut names = Vec::new();
        crate::analyze::bindings(&pat, &mut names);
        let by_ref = ref_bindings(&pat);
        let mut probe = pat.clone();
        StripBindingModes.visit_pat_mut(&mut probe);
        let pick = quote!(break #label #k;);
        tries.push(match guard {
            Some(mut g) => {
                // In a guard, a binding reads like the value it binds; here it is a reference.
                let derefs: Vec<String> = names
                    .iter()
                    .map(|(n, _)| n.to_string())
                    .filter(|n| !by_ref_scrutinee && !by_ref.contains(n))
                    .collect();
                crate::util::DerefNames { names: &derefs }.visit_expr_mut(&mut g);
                quote!(if let #probe = &#scrutinee { if #g { #pick } })
            }
            None => quote!(if let #probe = &#scrutinee { #pick }),
        });
        let attrs = &arm.attrs;
        let body = &arm.body;
        arms.push(quote!(#(#attrs)* #pat if #arm_var == #k => #body,));
    }
    let setup = setup.into_iter();
    parse_quote! {{
        #(#setup)*
        let #arm_var: usize = #label: {
            #(#tries)*
            unreachable!("async-lower: no arm of the match applies")
        };
        match #matched {
            #(#arms)*
            _ => unreachable!("async-lower: the arm picked does not match again"),
        }
    }}
}

/// A place that can be named twice without evaluating anything twice: `x`, `x.f`, `*x`.
fn is_place(e: &Expr) -> bool {
    match e {
        Expr::Path(p) => p.qself.is_none() && p.path.get_ident().is_some(),
        Expr::Field(f) => is_place(&f.base),
        Expr::Paren(p) => is_place(&p.expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => is_place(&u.expr),
        _ => false,
    }
}

/// Names bound with `ref` or `ref mut` (already references, in a guard too).
fn ref_bindings(pat: &Pat) -> Vec<String> {
    struct Find(Vec<String>);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            if p.by_ref.is_some() {
                self.0.push(p.ident.to_string());
            }
            syn::visit::visit_pat_ident(self, p);
        }
    }
    let mut f = Find(Vec::new());
    syn::visit::Visit::visit_pat(&mut f, pat);
    f.0
}

/// Matched against a reference, a pattern binds by reference by itself: explicit `ref`,
/// `ref mut` and `mut` are not allowed there (edition 2024).
struct StripBindingModes;

impl VisitMut for StripBindingModes {
    fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
        p.by_ref = None;
        p.mutability = None;
        syn::visit_mut::visit_pat_ident_mut(self, p);
    }
}
