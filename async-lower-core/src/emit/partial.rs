//! Partly moved locals (see the runtime's `partial` module).
//!
//! Natively, `let id = job.id; work().await; ..` leaves `job` alive to the end of its scope
//! (a `Copy` field was copied), and `let name = job.name; work().await; ..` leaves the rest
//! of `job` alive (a field was moved). Which of the two it is depends on types this stage
//! cannot see, and a partly moved value cannot be parked in a variant. So a local the
//! analysis finds read that way (`Analysis::partial`) is held whole in a `Partial`:
//!
//! - `let job = init;` becomes `let mut job = Partial::new(init, |__job, __moved| ..)`, the
//!   closure dropping what is left: it moves out the fields whose bits are set and forgets
//!   them, and rustc's drop glue drops the others;
//! - `job.name` as a value becomes `unsafe { job.move_field(1, |__job| &__job.name) }`;
//! - `job.name = v` becomes `job.refill(1, v, |__job| &mut __job.name)`, and `job = v`
//!   becomes `job.set(v)`;
//! - `job` as a value becomes `unsafe { job.move_whole() }`; any other use reads through it:
//!   `(*job)`.

use crate::analyze::{consumes_receiver, field_root};
use crate::util::DerefNames;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;
use syn::visit_mut::VisitMut;
use syn::{BinOp, Block, Expr, Ident, Member, Pat, Stmt, parse_quote};

/// The partly moved locals: name, and whether it is a parameter (bound in `Start`).
pub struct PartialLocal {
    pub name: String,
    pub param: bool,
}

/// Rewrites the body for the `partial` locals. `params`: the arguments in order, with `mut`.
pub fn partial_body(body: &mut Block, locals: &[PartialLocal], params: &[(Ident, bool)], rt: &TokenStream) {
    if locals.is_empty() {
        return;
    }
    let names: Vec<String> = locals.iter().map(|l| l.name.clone()).collect();
    // First the field paths read out as values, which number the bits.
    let mut collect = Rewrite { names: &names, paths: BTreeMap::new(), write: false };
    collect.block(&mut body.clone());
    let mut paths = collect.paths;
    // A local with more field paths than bits is left as it was.
    let names: Vec<String> = names.into_iter().filter(|n| paths.get(n).is_none_or(|p| p.len() <= 63)).collect();
    paths.retain(|n, _| names.contains(n));
    if names.is_empty() {
        return;
    }
    let locals: Vec<&PartialLocal> = locals.iter().filter(|l| names.contains(&l.name)).collect();
    let mut rewrite = Rewrite { names: &names, paths: paths.clone(), write: true };
    rewrite.block(body);

    let rest = |name: &str| {
        let whole = format_ident!("__{}", name.trim_start_matches('_'));
        let forgets = paths.get(name).into_iter().flatten().enumerate().map(|(k, path)| {
            let bit = 1u64 << k;
            quote!(if __moved & #bit != 0 { ::core::mem::forget(#whole #(.#path)*); })
        });
        quote!(|#whole, __moved| { #(#forgets)* })
    };
    // Each local is wrapped where it is bound.
    let mut wrap = Wrap { names: &names, rest: &rest, rt };
    wrap.visit_block_mut(body);
    // A parameter is wrapped first thing; the parameters after it are moved again so that
    // they drop before it, as natively.
    if let Some(first) = params.iter().position(|(p, _)| locals.iter().any(|l| l.param && *p == l.name)) {
        let mut stmts: Vec<Stmt> = Vec::new();
        for (p, mutable) in &params[first..] {
            let name = p.to_string();
            if names.contains(&name) {
                let rest = rest(&name);
                stmts.push(parse_quote!(let mut #p = #rt::Partial::new(#p, #rest);));
            } else if *mutable {
                stmts.push(parse_quote!(let mut #p = #p;));
            } else {
                stmts.push(parse_quote!(let #p = #p;));
            }
        }
        stmts.append(&mut body.stmts);
        body.stmts = stmts;
    }
}

struct Rewrite<'a> {
    names: &'a [String],
    /// Per local, the field paths read out as values, in bit order.
    paths: BTreeMap<String, Vec<Vec<Member>>>,
    /// The first pass only collects the paths.
    write: bool,
}

/// `job.a.b` as (`job`, [a, b]).
fn field_path(e: &Expr) -> Option<(Ident, Vec<Member>)> {
    let root = field_root(e)?.clone();
    let mut path = Vec::new();
    let mut cur = e;
    loop {
        match cur {
            Expr::Field(f) => {
                path.push(f.member.clone());
                cur = &f.base;
            }
            Expr::Paren(p) => cur = &p.expr,
            _ => break,
        }
    }
    path.reverse();
    Some((root, path))
}

impl Rewrite<'_> {
    fn is_partial(&self, id: &Ident) -> bool {
        self.names.iter().any(|n| id == n)
    }

    fn bit(&mut self, local: &Ident, path: &[Member]) -> Option<u64> {
        let paths = self.paths.entry(local.to_string()).or_default();
        let k = match paths.iter().position(|p| p == path) {
            Some(k) => k,
            None if self.write => return None,
            None => {
                paths.push(path.to_vec());
                paths.len() - 1
            }
        };
        // Past 63 paths there are no bits left: `partial_body` leaves such a local out.
        (k < 63).then(|| 1u64 << k)
    }

    fn block(&mut self, block: &mut Block) {
        for stmt in &mut block.stmts {
            match stmt {
                Stmt::Local(l) => {
                    if let Some(init) = &mut l.init {
                        self.expr(&mut init.expr, true);
                        if let Some((_, diverge)) = &mut init.diverge {
                            self.expr(diverge, true);
                        }
                    }
                }
                Stmt::Expr(e, _) => self.expr(e, true),
                Stmt::Macro(m) => self.mac(&mut m.mac),
                Stmt::Item(_) => {}
            }
        }
    }

    fn mac(&mut self, mac: &mut syn::Macro) {
        if self.write {
            DerefNames { names: self.names }.visit_macro_mut(mac);
        }
    }

    /// `value`: the expression's value is used (moved or copied), not only its place.
    fn expr(&mut self, e: &mut Expr, value: bool) {
        match e {
            Expr::Path(p) => {
                let Some(id) = p.path.get_ident().cloned() else { return };
                if !self.is_partial(&id) || !self.write {
                    return;
                }
                *e = if value {
                    parse_quote!(unsafe { #id.move_whole() })
                } else {
                    parse_quote!((*#id))
                };
            }
            Expr::Field(_) => {
                if value {
                    if let Some((root, path)) = field_path(e) {
                        if self.is_partial(&root) {
                            let closure = format_ident!("__{}", root.to_string().trim_start_matches('_'));
                            if let Some(bit) = self.bit(&root, &path) {
                                if self.write {
                                    *e = parse_quote!(unsafe { #root.move_field(#bit, |#closure| &#closure #(.#path)*) });
                                }
                                return;
                            }
                        }
                    }
                }
                if let Expr::Field(f) = e {
                    self.expr(&mut f.base, false);
                }
            }
            Expr::Assign(a) => {
                self.expr(&mut a.right, true);
                if let Expr::Path(p) = &*a.left {
                    if let Some(id) = p.path.get_ident().filter(|id| self.is_partial(id)).cloned() {
                        if self.write {
                            let right = &a.right;
                            *e = parse_quote!(#id.set(#right));
                        }
                        return;
                    }
                }
                if let Some((root, path)) = field_path(&a.left) {
                    let known = self.paths.get(&root.to_string()).and_then(|ps| ps.iter().position(|p| *p == path));
                    if let (true, Some(k)) = (self.write && self.is_partial(&root), known) {
                        let bit = 1u64 << k;
                        let closure = format_ident!("__{}", root.to_string().trim_start_matches('_'));
                        let right = &a.right;
                        *e = parse_quote!(#root.refill(#bit, #right, |#closure| &mut #closure #(.#path)*));
                        return;
                    }
                }
                self.expr(&mut a.left, false);
            }
            Expr::Binary(b) => {
                // Comparisons take their operands by reference; compound assignment updates
                // its left operand in place.
                let left_place = is_comparison(&b.op) || is_compound(&b.op);
                self.expr(&mut b.left, !left_place);
                self.expr(&mut b.right, !is_comparison(&b.op));
            }
            Expr::Unary(u) => {
                let value = !matches!(u.op, syn::UnOp::Deref(_));
                self.expr(&mut u.expr, value);
            }
            Expr::Reference(r) => self.expr(&mut r.expr, false),
            Expr::RawAddr(r) => self.expr(&mut r.expr, false),
            // Only primitives cast, and they are `Copy`: a read through the place is enough.
            Expr::Cast(c) => self.expr(&mut c.expr, false),
            Expr::MethodCall(m) => {
                let by_value = consumes_receiver(&m.method.to_string());
                self.expr(&mut m.receiver, by_value);
                for a in &mut m.args {
                    self.expr(a, true);
                }
            }
            Expr::Call(c) => {
                self.expr(&mut c.func, false);
                for a in &mut c.args {
                    self.expr(a, true);
                }
            }
            Expr::Index(i) => {
                self.expr(&mut i.expr, false);
                self.expr(&mut i.index, true);
            }
            Expr::Paren(p) => self.expr(&mut p.expr, value),
            Expr::Group(g) => self.expr(&mut g.expr, value),
            Expr::Match(m) => {
                self.expr(&mut m.expr, false);
                for arm in &mut m.arms {
                    if let Pat::Guard(g) = &mut arm.pat {
                        self.expr(&mut g.guard, true);
                    }
                    self.expr(&mut arm.body, true);
                }
            }
            Expr::Let(l) => self.expr(&mut l.expr, false),
            // `if` and `while` conditions are `bool`s, which are `Copy`.
            Expr::If(i) => {
                self.expr(&mut i.cond, false);
                self.block(&mut i.then_branch);
                if let Some((_, els)) = &mut i.else_branch {
                    self.expr(els, true);
                }
            }
            Expr::While(w) => {
                self.expr(&mut w.cond, false);
                self.block(&mut w.body);
            }
            Expr::ForLoop(f) => {
                self.expr(&mut f.expr, true);
                self.block(&mut f.body);
            }
            Expr::Block(b) => self.block(&mut b.block),
            Expr::Loop(l) => self.block(&mut l.body),
            Expr::Unsafe(u) => self.block(&mut u.block),
            Expr::Const(_) => {}
            Expr::Macro(m) => self.mac(&mut m.mac),
            // What closures and `async` blocks capture they reach through the wrapper.
            Expr::Closure(_) | Expr::Async(_) => {
                if self.write {
                    DerefNames { names: self.names }.visit_expr_mut(e);
                }
            }
            Expr::Struct(s) => {
                for f in &mut s.fields {
                    if f.colon_token.is_none() {
                        if let Member::Named(m) = &f.member {
                            if self.write && self.is_partial(m) {
                                f.colon_token = Some(Default::default());
                            }
                        }
                    }
                    self.expr(&mut f.expr, true);
                }
                if let Some(rest) = &mut s.rest {
                    self.expr(rest, false);
                }
            }
            // The rest: every operand is a value.
            _ => {
                struct Values<'r, 'a>(&'r mut Rewrite<'a>);
                impl VisitMut for Values<'_, '_> {
                    fn visit_expr_mut(&mut self, e: &mut Expr) {
                        self.0.expr(e, true);
                    }
                    fn visit_block_mut(&mut self, b: &mut Block) {
                        self.0.block(b);
                    }
                    fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
                        self.0.mac(m);
                    }
                    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
                }
                syn::visit_mut::visit_expr_mut(&mut Values(self), e);
            }
        }
    }
}

fn is_comparison(op: &BinOp) -> bool {
    matches!(op, BinOp::Eq(_) | BinOp::Ne(_) | BinOp::Lt(_) | BinOp::Le(_) | BinOp::Gt(_) | BinOp::Ge(_))
}

fn is_compound(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_)
    )
}

/// `let job = init;` to `let mut job = Partial::new(init, REST);`.
struct Wrap<'a, R> {
    names: &'a [String],
    rest: &'a R,
    rt: &'a TokenStream,
}

impl<R: Fn(&str) -> TokenStream> VisitMut for Wrap<'_, R> {
    fn visit_local_mut(&mut self, l: &mut syn::Local) {
        syn::visit_mut::visit_local_mut(self, l);
        let (ident, ty) = match &l.pat {
            Pat::Ident(p) => (p.ident.clone(), None),
            Pat::Type(t) => match &*t.pat {
                Pat::Ident(p) => (p.ident.clone(), Some(t.ty.clone())),
                _ => return,
            },
            _ => return,
        };
        let name = ident.to_string();
        let Some(init) = &mut l.init else { return };
        if !self.names.contains(&name) || init.diverge.is_some() {
            return;
        }
        let rt = self.rt;
        let rest = (self.rest)(&name);
        let value = init.expr.clone();
        let turbofish = ty.map(|t| quote!(::<#t>));
        *init.expr = parse_quote!(#rt::Partial #turbofish::new(#value, #rest));
        l.pat = parse_quote!(mut #ident);
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}
