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
        let derefs = probe_derefs(&pat, by_ref_scrutinee);
        let mut probe = pat.clone();
        StripBindingModes.visit_pat_mut(&mut probe);
        let pick = quote!(break #label #k;);
        tries.push(match guard {
            Some(mut g) => {
                // In a guard, a binding reads like the value it binds; here it is a reference.
                for level in 1..=derefs.iter().map(|d| d.1).max().unwrap_or(0) {
                    let names: Vec<String> = derefs.iter().filter(|d| d.1 >= level).map(|d| d.0.clone()).collect();
                    crate::util::DerefNames { names: &names }.visit_expr_mut(&mut g);
                }
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

/// How many times the first pass must deref each binding for the guard to read it as the
/// arm binds it. Matched against a reference, a binding is a reference where the arm's
/// would be a value, unless the arm's is one too (`ref`, or a reference scrutinee); and a
/// `&` pattern, which the first pass leaves out (edition 2024 allows none under an
/// implicit borrow), binds one level below it (`Some(&x)` binds `x: u32` of `Option<&u32>`,
/// where `Some(x)` against `&Option<&u32>` binds `x: &&u32`).
fn probe_derefs(pat: &Pat, by_ref_scrutinee: bool) -> Vec<(String, usize)> {
    struct Find {
        below: usize,
        by_ref_scrutinee: bool,
        out: Vec<(String, usize)>,
    }
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            let own = usize::from(p.by_ref.is_none() && !self.by_ref_scrutinee);
            let mut names = Vec::new();
            crate::analyze::bindings(&Pat::Ident(syn::PatIdent { subpat: None, ..p.clone() }), &mut names);
            if !names.is_empty() {
                self.out.push((p.ident.to_string(), own + self.below));
            }
            syn::visit::visit_pat_ident(self, p);
        }
        fn visit_pat_reference(&mut self, r: &'a syn::PatReference) {
            self.below += 1;
            syn::visit::visit_pat_reference(self, r);
            self.below -= 1;
        }
    }
    let mut f = Find { below: 0, by_ref_scrutinee, out: Vec::new() };
    syn::visit::Visit::visit_pat(&mut f, pat);
    f.out
}

/// Matched against a reference, a pattern binds by reference by itself: explicit `ref`,
/// `ref mut` and `mut` are not allowed there, nor `&` patterns (edition 2024).
struct StripBindingModes;

impl VisitMut for StripBindingModes {
    fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
        p.by_ref = None;
        p.mutability = None;
        syn::visit_mut::visit_pat_ident_mut(self, p);
    }
    fn visit_pat_mut(&mut self, p: &mut Pat) {
        if let Pat::Reference(r) = p {
            *p = (*r.pat).clone();
            return self.visit_pat_mut(p);
        }
        syn::visit_mut::visit_pat_mut(self, p);
    }
}
