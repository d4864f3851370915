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

use crate::analyze::captures::{field_captures, replace_fields};
use crate::analyze::receivers::{library_takes, taken_by_type};
use crate::analyze::{bindings, field_root, is_comparison, leaves_part, matched_field_moves, surely_consumes_receiver};
use crate::normalize::is_place;
use crate::util::DerefNames;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};
use syn::visit_mut::VisitMut;
use syn::{Block, Expr, Ident, Member, Pat, Stmt, parse_quote};

/// The partly moved locals: name, and whether it is a parameter (bound in `Start`).
pub struct PartialLocal {
    pub name: String,
    pub param: bool,
}

/// Rewrites the body for the `partial` locals. `params`: the arguments in order, with `mut`.
pub fn partial_body(body: &mut Block, locals: &[PartialLocal], params: &[(Ident, bool)], field_params: &BTreeSet<String>, rt: &TokenStream) {
    // Only locals bound where a wrapper can be put: a parameter, or a binding with a body
    // or statements after it (see `Wrap`).
    let candidates: Vec<String> = locals.iter().map(|l| l.name.clone()).collect();
    let mut find = Wrap { names: &candidates, rest: None, rt, found: BTreeSet::new() };
    find.visit_block_mut(&mut body.clone());
    let mut names: Vec<String> = locals
        .iter()
        .filter(|l| l.param || find.found.contains(&l.name))
        .map(|l| l.name.clone())
        .collect();
    // The field paths read out as values, which number the bits.
    let mut literal = crate::analyze::captures::literal_locals(body);
    literal.extend(field_params.iter().cloned());
    let mut collect = Rewrite::new(&names, &literal, BTreeMap::new(), false);
    collect.block(&mut body.clone());
    let mut paths = collect.paths;
    // A local with more field paths than bits is left as it was, and so is one with an arm
    // that left part of a field in place where a path above or below it is read out too: its
    // drop would take part of a value moved out.
    names.retain(|n| {
        paths.get(n).is_none_or(|ps| {
            ps.len() <= 63
                && !ps.iter().any(|a| {
                    a.arm.is_some() && ps.iter().any(|p| p.path != a.path && (p.path.starts_with(&a.path) || a.path.starts_with(&p.path)))
                })
        })
    });
    paths.retain(|n, _| names.contains(n));
    if names.is_empty() {
        return;
    }
    let mut rewrite = Rewrite::new(&names, &literal, paths.clone(), true);
    rewrite.block(body);

    let rest = |name: &str| {
        let whole = own_name(name);
        let parts: Vec<(usize, &[Member], Option<&Pat>)> = paths
            .get(name)
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(k, p)| (k, p.path.as_slice(), p.arm.as_ref()))
            .collect();
        let forgets = forgets(&whole, &parts);
        quote!(|#whole, __moved| { #forgets })
    };
    let mut wrap = Wrap { names: &names, rest: Some(&rest), rt, found: BTreeSet::new() };
    wrap.visit_block_mut(body);
    // The parameters are wrapped first thing.
    let param_names: Vec<String> =
        names.iter().filter(|n| locals.iter().any(|l| l.param && l.name == **n)).cloned().collect();
    let mut stmts = rebind(params, &param_names, &rest, rt);
    stmts.append(&mut body.stmts);
    body.stmts = stmts;
}

/// The statements that wrap the partly moved ones among `bound` (bindings in the order they
/// are declared): `let mut job = Partial::new(job, REST);`, and move again the bindings
/// after the first of them (`let t = t;`), so that each still drops before the ones
/// declared before it, as natively.
fn rebind(bound: &[(Ident, bool)], names: &[String], rest: &dyn Fn(&str) -> TokenStream, rt: &TokenStream) -> Vec<Stmt> {
    let Some(first) = bound.iter().position(|(b, _)| names.iter().any(|n| b == n)) else {
        return Vec::new();
    };
    bound[first..]
        .iter()
        .map(|(b, mutable)| {
            let name = b.to_string();
            if names.contains(&name) {
                let rest = rest(&name);
                parse_quote!(let mut #b = #rt::Partial::new(#b, #rest);)
            } else if *mutable {
                parse_quote!(let mut #b = #b;)
            } else {
                parse_quote!(let #b = #b;)
            }
        })
        .collect()
}

/// What a bit of a `Partial` records: a field path read out as a value, or (`arm`: its
/// pattern) the parts of that field an arm bound, the rest of it left in place.
#[derive(Clone)]
struct Part {
    path: Vec<Member>,
    arm: Option<Pat>,
}

impl Part {
    fn is(&self, path: &[Member], arm: Option<&Pat>) -> bool {
        self.path == path && self.arm.as_ref().map(|p| quote!(#p).to_string()) == arm.map(|p| quote!(#p).to_string())
    }
}

struct Rewrite<'a> {
    names: &'a [String],
    /// The locals bound to literals (see `analyze::captures`).
    literal: &'a BTreeSet<String>,
    /// Per local, the parts read out, in bit order.
    paths: BTreeMap<String, Vec<Part>>,
    /// The first pass only collects the paths.
    write: bool,
    /// The closure or `async` block about to be rewritten is a `let`'s whole value.
    let_closure: bool,
    /// What goes before the `let` being rewritten.
    before_let: Vec<Stmt>,
}

/// The name a local has inside the closures the wrapper is given: `__job`.
fn own_name(local: &str) -> Ident {
    format_ident!("__{}", local.trim_start_matches("r#").trim_start_matches('_'))
}

/// `if __moved & 1 != 0 { forget(__job.name); } ..` for each (bit number, path, arm) under
/// `value`: the parts read out, not to be dropped again. An arm's bit forgets what its
/// pattern binds (`match __job.kind { K::B(s, _) => forget(s), _ => {} }`) and leaves the
/// rest to drop; it is an `else` of the field's own bit, which took the field whole. So
/// are the paths under it (`job.conn.id` under `job.conn`): a field taken whole took them.
fn forgets(value: &Ident, parts: &[(usize, &[Member], Option<&Pat>)]) -> TokenStream {
    let mut out = TokenStream::new();
    let mut done: Vec<&[Member]> = Vec::new();
    for &(_, path, _) in parts {
        // (Each path no other is a part of, with the paths under it.)
        let top = !parts.iter().any(|p| p.1.len() < path.len() && path.starts_with(p.1));
        if !top || done.contains(&path) {
            continue;
        }
        done.push(path);
        let whole = parts.iter().filter(|p| p.1 == path && p.2.is_none());
        let arms = parts.iter().filter(|p| p.1 == path && p.2.is_some());
        let mut chain: Vec<TokenStream> = whole
            .chain(arms)
            .map(|&(k, _, arm)| {
                let bit = 1u64 << k;
                let body = match arm {
                    None => quote!(::core::mem::forget(#value #(.#path)*);),
                    Some(pat) => {
                        let (pat, bound) = bound_parts(pat);
                        quote!(#[allow(unreachable_patterns)] match #value #(.#path)* { #pat => { #(::core::mem::forget(#bound);)* } _ => {} };)
                    }
                };
                quote!(if __moved & #bit != 0 { #body })
            })
            .collect();
        let under: Vec<(usize, &[Member], Option<&Pat>)> =
            parts.iter().filter(|p| p.1.len() > path.len() && p.1.starts_with(path)).copied().collect();
        if !under.is_empty() {
            let under = forgets(value, &under);
            chain.push(quote!({ #under }));
        }
        out.extend(quote!(#(#chain)else*));
    }
    out
}

/// An arm's pattern as its drop matches it again (without a guard, bindings not `mut`), and
/// the names it binds.
fn bound_parts(pat: &Pat) -> (Pat, Vec<Ident>) {
    struct Plain;
    impl VisitMut for Plain {
        fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
            p.mutability = None;
            syn::visit_mut::visit_pat_ident_mut(self, p);
        }
    }
    let mut pat = match pat {
        Pat::Guard(g) => (*g.pat).clone(),
        other => other.clone(),
    };
    // (`let (a, _): (T, U) = ..`: a `match` arm has no type.)
    if let Pat::Type(t) = pat {
        pat = *t.pat;
    }
    Plain.visit_pat_mut(&mut pat);
    let mut bound = Vec::new();
    bindings(&pat, &mut bound);
    (pat, bound.into_iter().map(|(b, _)| b).collect())
}

/// `K::B(s, _)` as `K::B(s, __left0)`, with the names given: what an arm that matches a
/// field read out of a `Partial` binds of the copy besides its own bindings, to forget it
/// (the original still holds it). Not inside a binding's `@` pattern, which binds it all.
fn name_leftovers(pat: &mut Pat) -> Vec<Ident> {
    struct Name(Vec<Ident>);
    impl VisitMut for Name {
        fn visit_pat_mut(&mut self, p: &mut Pat) {
            let name = format_ident!("__left{}", self.0.len());
            match p {
                Pat::Wild(_) => {
                    *p = parse_quote!(#name);
                    self.0.push(name);
                }
                // A part tested, not bound (`K::B(s, Mode::Fast, _)`): bound as well
                // (`__left0 @ Mode::Fast`), so that no part of the copy drops.
                Pat::Path(_) | Pat::Lit(_) | Pat::Range(_) | Pat::Const(_) => {
                    *p = parse_quote!(#name @ #p);
                    self.0.push(name);
                }
                Pat::Ident(_) => {}
                _ => syn::visit_mut::visit_pat_mut(self, p),
            }
        }
        fn visit_expr_mut(&mut self, _: &mut Expr) {}
    }
    let mut name = Name(Vec::new());
    match pat {
        Pat::Guard(g) => name.visit_pat_mut(&mut g.pat),
        other => name.visit_pat_mut(other),
    }
    name.0
}

/// `make(value)`, or `{ let __value = value; make(__value) }` where the value names the
/// local (`j = J { id: j.id + 1, .. }`): natively it is evaluated before the assignment,
/// and it cannot borrow the local inside the call that has it borrowed already (E0499).
fn value_first(local: &Ident, value: &Expr, make: impl Fn(&dyn quote::ToTokens) -> Expr) -> Expr {
    if !crate::util::mentions_ident(&quote!(#value), &local.to_string()) {
        return make(value);
    }
    let v = format_ident!("__value");
    let assign = make(&v);
    parse_quote!({ let #v = #value; #assign })
}

/// `let __job_kind = unsafe { job.move_field(BIT, ..) };`: the field read out to be matched.
fn read_out_stmt(root: &Ident, path: &[Member], bit: u64, mutable: bool) -> (Ident, Stmt) {
    let parts: Vec<String> = path
        .iter()
        .map(|m| match m {
            Member::Named(n) => n.to_string().trim_start_matches("r#").to_string(),
            Member::Unnamed(i) => i.index.to_string(),
        })
        .collect();
    let root_name = root.to_string();
    let root_name = root_name.trim_start_matches("r#").trim_start_matches('_');
    let closure = own_name(&root.to_string());
    // (The local itself, matched whole: `__msg_value`, read out as a field is.)
    let (name, read): (Ident, Expr) = if path.is_empty() {
        (format_ident!("__{}_value", root_name), parse_quote!(unsafe { #root.move_field(#bit, |#closure| #closure) }))
    } else {
        (format_ident!("__{}_{}", root_name, parts.join("_")), parse_quote!(unsafe { #root.move_field(#bit, |#closure| &#closure #(.#path)*) }))
    };
    let stmt = if mutable { parse_quote!(let mut #name = #read;) } else { parse_quote!(let #name = #read;) };
    (name, stmt)
}

/// An arm that binds nothing moved nothing natively: `unsafe { job.put_back(BIT, __job_kind) };`
/// first thing in it (`body` a block or an `else if`).
fn put_back_first(body: &mut Expr, root: &Ident, bit: u64, name: &Ident) {
    first_in(body, parse_quote!(unsafe { #root.put_back(#bit, #name) };));
}

/// `stmt` first thing in an arm's `body` (a block or any expression).
fn first_in(body: &mut Expr, stmt: Stmt) {
    match body {
        Expr::Block(b) if b.label.is_none() && b.attrs.is_empty() => b.block.stmts.insert(0, stmt),
        other => *other = parse_quote!({ #stmt #other }),
    }
}

/// An arm whose pattern binds part of the field read out and leaves the rest (`K::B(s,
/// _)`, see `Partial::left_in_place`): its pattern names the rest (`K::B(s, __left0)`),
/// and the statement returned forgets it and gives the field's bit to the arm's.
fn leave_in_place(pat: &mut Pat, root: &Ident, bits: u64, arm: u64) -> Stmt {
    // (A `..` as the fields it stands for: the analysis holds the local in a `Partial` only
    // where the file spells them out.)
    if let Some(spelled) = crate::analyze::with_rests_named(pat) {
        *pat = spelled;
    }
    let left = name_leftovers(pat);
    parse_quote!(unsafe { #root.left_in_place(#bits, #arm, (#(#left,)*)) };)
}

/// `&mut h.a` (or any place rooted at a local) as `&mut to.a`.
fn reroot(e: &mut Expr, to: &Ident) {
    match e {
        Expr::Reference(r) => reroot(&mut r.expr, to),
        Expr::Field(f) => reroot(&mut f.base, to),
        Expr::Paren(p) => reroot(&mut p.expr, to),
        Expr::Path(_) => *e = parse_quote!(#to),
        _ => {}
    }
}

/// `call` (a call or method call) with its arguments evaluated first: `match (<arguments>,)
/// { (__operand0, ..) => <call of __operand0, ..> }`.
fn operands_first(mut call: Expr) -> Expr {
    let args = match &mut call {
        Expr::Call(c) => &mut c.args,
        Expr::MethodCall(m) => &mut m.args,
        _ => return call,
    };
    let operands: Vec<Ident> = (0..args.len()).map(|k| format_ident!("__operand{k}")).collect();
    let values = std::mem::take(args);
    *args = operands.iter().map(|o| -> Expr { parse_quote!(#o) }).collect();
    let values = values.iter();
    parse_quote!(match (#(#values,)*) { (#(#operands,)*) => #call })
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

impl<'a> Rewrite<'a> {
    fn new(names: &'a [String], literal: &'a BTreeSet<String>, paths: BTreeMap<String, Vec<Part>>, write: bool) -> Self {
        Rewrite { names, literal, paths, write, let_closure: false, before_let: Vec::new() }
    }
}

impl Rewrite<'_> {
    fn is_partial(&self, id: &Ident) -> bool {
        self.names.iter().any(|n| id == n)
    }

    fn bit(&mut self, local: &Ident, path: &[Member]) -> Option<u64> {
        self.part_bit(local, path, None)
    }

    fn part_bit(&mut self, local: &Ident, path: &[Member], arm: Option<&Pat>) -> Option<u64> {
        let write = self.write;
        let paths = self.paths.entry(local.to_string()).or_default();
        let k = match paths.iter().position(|p| p.is(path, arm)) {
            Some(k) => k,
            None if write => return None,
            None => {
                paths.push(Part { path: path.to_vec(), arm: arm.cloned() });
                paths.len() - 1
            }
        };
        // Past 63 paths there are no bits left: `partial_body` leaves such a local out.
        (k < 63).then(|| 1u64 << k)
    }

    fn block(&mut self, block: &mut Block) {
        let mut out = Vec::with_capacity(block.stmts.len());
        for mut stmt in std::mem::take(&mut block.stmts) {
            // `let P = job.kind else { .. };`: read out, matched, put back in the `else`; and
            // `let (a, _) = job.pair;`, which leaves part of the field in place.
            let read_out = match &stmt {
                Stmt::Local(l) => l
                    .init
                    .as_ref()
                    // (A plain `let` of the local itself, `let (a, _) = pair;`, is a move.)
                    .filter(|i| i.diverge.is_some() || (leaves_part(&l.pat) && !matches!(&*i.expr, Expr::Path(_))))
                    .and_then(|i| self.read_out(&i.expr, &[&l.pat])),
                _ => None,
            };
            let arm_bit = match &stmt {
                Stmt::Local(l) => self.arm_bit(read_out.as_ref(), &l.pat),
                _ => None,
            };
            match &mut stmt {
                Stmt::Local(syn::Local { pat, init: Some(init), .. }) if read_out.is_some() => {
                    let (root, path, bit) = read_out.unwrap();
                    if let Some((_, diverge)) = init.diverge.as_mut() {
                        self.expr(diverge, true);
                    }
                    if self.write {
                        let (name, read) = read_out_stmt(&root, &path, bit, false);
                        *init.expr = parse_quote!(#name);
                        if let Some((_, diverge)) = init.diverge.as_mut() {
                            put_back_first(diverge, &root, bit, &name);
                        }
                        out.push(read);
                        if let Some((bits, arm_bit)) = arm_bit {
                            let leave = leave_in_place(pat, &root, bits, arm_bit);
                            out.push(stmt);
                            out.push(leave);
                            continue;
                        }
                    }
                }
                Stmt::Local(l) => {
                    if let Some(init) = &mut l.init {
                        // `let _ = job.name;` moves nothing, and `let S { ref a, .. } = job;`
                        // borrows it in place.
                        let wild = matches!(l.pat, Pat::Wild(_)) && is_place(&init.expr);
                        let by_ref = crate::normalize::has_ref_binding(&l.pat);
                        self.let_closure = matches!(&*init.expr, Expr::Closure(_) | Expr::Async(_)) && init.diverge.is_none();
                        self.expr(&mut init.expr, !wild && !by_ref);
                        self.let_closure = false;
                        out.append(&mut self.before_let);
                        if let Some((_, diverge)) = &mut init.diverge {
                            self.expr(diverge, true);
                        }
                    }
                }
                Stmt::Expr(e, _) => self.expr(e, true),
                Stmt::Macro(m) => self.mac(&mut m.mac),
                Stmt::Item(_) => {}
            }
            out.push(stmt);
        }
        block.stmts = out;
    }

    /// A field of a partly moved local matched by patterns that move out of it (`match
    /// job.kind`, `if let Some(p) = job.port`): the local, the field's path and its bit.
    fn read_out(&mut self, scrutinee: &Expr, pats: &[&Pat]) -> Option<(Ident, Vec<Member>, u64)> {
        let (root, path) = self.read_out_place(scrutinee, pats)?;
        let bit = self.bit(&root, &path)?;
        Some((root, path, bit))
    }

    /// The field [`Rewrite::read_out`] reads out, as (local, path), without taking its bit.
    fn read_out_place(&self, scrutinee: &Expr, pats: &[&Pat]) -> Option<(Ident, Vec<Member>)> {
        if !matched_field_moves(scrutinee, pats) {
            return None;
        }
        field_path(scrutinee).filter(|(root, _)| self.is_partial(root))
    }

    /// The partly moved local of which two arguments borrow fields `&mut` (`swap(&mut h.a,
    /// &mut h.b)`), if no argument reads it otherwise.
    fn borrowed_mut_twice(&self, args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>) -> Option<Ident> {
        let mut roots = Vec::new();
        for a in args {
            match a {
                Expr::Reference(r) if r.mutability.is_some() && matches!(&*r.expr, Expr::Field(_)) => {
                    roots.push(field_root(&r.expr).filter(|root| self.is_partial(root))?.clone());
                }
                other => {
                    if self.names.iter().any(|n| crate::util::mentions_ident(&quote!(#other), n)) {
                        return None;
                    }
                }
            }
        }
        let first = roots.first()?;
        (roots.len() > 1 && roots.iter().all(|r| r == first)).then(|| first.clone())
    }

    /// The bit of an arm that leaves part of the field read out in place (see
    /// [`leave_in_place`]), keyed by its pattern, with the bits of that field's path (its own
    /// and its arms'), which the arm's replaces: natively, an earlier arm on the field can
    /// only have copied (else this match would use a partly moved value).
    fn arm_bit(&mut self, read_out: Option<&(Ident, Vec<Member>, u64)>, pat: &Pat) -> Option<(u64, u64)> {
        let (root, path, _) = read_out?;
        if !leaves_part(pat) {
            return None;
        }
        let plain = match pat {
            Pat::Guard(g) => &*g.pat,
            other => other,
        };
        let arm = self.part_bit(root, path, Some(plain))?;
        let bits = self.paths.get(&root.to_string())?.iter().enumerate().filter(|(_, p)| p.path == *path).map(|(k, _)| 1u64 << k).sum();
        Some((bits, arm))
    }

    fn mac(&mut self, mac: &mut syn::Macro) {
        // `vec![job.name]` and `pin!(job.fut)` move their operands out.
        if let Some(mut operands) = crate::util::MovingMacro::parse(mac) {
            operands.exprs_mut().for_each(|e| self.expr(e, true));
            if self.write {
                mac.tokens = operands.to_tokens();
            }
            return;
        }
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
                            let closure = own_name(&root.to_string());
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
                // `_ = job;` moves nothing.
                let wild = matches!(*a.left, Expr::Infer(_)) && is_place(&a.right);
                self.expr(&mut a.right, !wild);
                if let Expr::Path(p) = &*a.left {
                    if let Some(id) = p.path.get_ident().filter(|id| self.is_partial(id)).cloned() {
                        if self.write {
                            let right = &a.right;
                            *e = value_first(&id, right, |v| parse_quote!(#id.set(#v)));
                        }
                        return;
                    }
                }
                if let Some((root, path)) = field_path(&a.left) {
                    // The moved paths at or under the one assigned: their bits are cleared,
                    // and what is left of the old value there is dropped.
                    let under: Vec<(usize, Vec<Member>, Option<Pat>)> = self
                        .paths
                        .get(&root.to_string())
                        .map(|ps| {
                            ps.iter()
                                .enumerate()
                                .filter(|(_, p)| p.path.starts_with(&path))
                                .map(|(k, p)| (k, p.path[path.len()..].to_vec(), p.arm.clone()))
                                .collect()
                        })
                        .unwrap_or_default();
                    if self.write && self.is_partial(&root) && !under.is_empty() {
                        let closure = own_name(&root.to_string());
                        let right = &a.right;
                        let bits: u64 = under.iter().map(|(k, _, _)| 1u64 << k).sum();
                        *e = match &under[..] {
                            // The moved path itself: written without dropping what it held.
                            [(_, rest, None)] if rest.is_empty() => value_first(&root, right, |v| {
                                parse_quote!(#root.refill(#bits, #v, |#closure| &mut #closure #(.#path)*))
                            }),
                            // A parent of moved paths: what is left of the old value drops.
                            _ => {
                                let old = format_ident!("__old");
                                let parts: Vec<(usize, &[Member], Option<&Pat>)> =
                                    under.iter().map(|(k, rest, arm)| (*k, rest.as_slice(), arm.as_ref())).collect();
                                let forgets = forgets(&old, &parts);
                                value_first(&root, right, |v| {
                                    parse_quote!(#root.refill_part(#bits, #v, |#closure| &mut #closure #(.#path)*, |#old, __moved| { #forgets }))
                                })
                            }
                        };
                        return;
                    }
                }
                self.expr(&mut a.left, false);
            }
            Expr::Binary(b) => {
                // Comparisons take their operands by reference; compound assignment updates
                // its left operand in place.
                let left_place = is_comparison(&b.op) || crate::normalize::is_compound_assign(&b.op);
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
                // Only a method that surely takes `self` reads the field out: were it a
                // `&self` one (`parts.join("-")`), the copy would drop under the local. One
                // the file declares `self` for the receiver's type is called by its path,
                // `Conn::close(<read out>)`, which rustc accepts only if it takes the value.
                let method = m.method.to_string();
                // (Or a method of a library type that takes it: `req.reply.send(v)` on a oneshot
                // sender.)
                // (Not one the file declares lending the receiver's type: a parser's own
                // `expect(&mut self)` is not `Option::expect`.)
                let lent = crate::analyze::receivers::declared_for_type(&m.receiver, &method, m.args.len())
                    .is_some_and(|(r, _)| r == crate::analyze::receivers::Receiver::Lent);
                let by_value = !lent && (surely_consumes_receiver(&method) || library_takes(&m.receiver, &method, m.args.len()));
                let by_path = match field_root(&m.receiver) {
                    Some(root) if !by_value && self.is_partial(root) => taken_by_type(&m.receiver, &method, m.args.len()),
                    _ => None,
                };
                // A receiver reached through the wrapper (`(*a).seen.push(..)`) holds it
                // borrowed, by `DerefMut`, until the call: an argument that reads the same
                // local (`a.n`, `a.name.len()`) could not borrow it again (natively a
                // two-phase borrow of a plain local lets it). Such arguments are evaluated
                // first, as `assert_eq!` does, their temporaries living to the same end:
                // `match (<a.n read out>,) { (__operand0,) => (*a).seen.push(__operand0) }`.
                let through = !by_value
                    && by_path.is_none()
                    && field_root(&m.receiver).is_some_and(|root| {
                        self.is_partial(root)
                            && m.args.iter().any(|a| crate::util::mentions_ident(&quote!(#a), &root.to_string()))
                    });
                self.expr(&mut m.receiver, by_value || by_path.is_some());
                for a in &mut m.args {
                    self.expr(a, true);
                }
                if let (Some(ty), true) = (by_path, self.write) {
                    *e = crate::util::call_by_path(&ty, m);
                } else if through && self.write {
                    *e = operands_first(Expr::MethodCall(m.clone()));
                }
            }
            Expr::Call(c) => {
                // (`(h.on)(h.n)`: a callee reached through the wrapper, as a receiver above.)
                let through = field_root(&c.func).is_some_and(|root| {
                    self.is_partial(root) && c.args.iter().any(|a| crate::util::mentions_ident(&quote!(#a), &root.to_string()))
                });
                // `swap(&mut h.a, &mut h.b)`: two `DerefMut`s of the wrapper would borrow it
                // twice, so it is borrowed once, `match &mut *h { __h => swap(&mut __h.a, &mut
                // __h.b) }`, and the fields are apart again, as natively. (Places only: no
                // bit to take.)
                let twice = self.borrowed_mut_twice(&c.args);
                // (`(job.run)()` of a field declared an `FnOnce` reads it out.)
                let once = matches!(&*c.func, Expr::Paren(p) if crate::analyze::receivers::once_field(&p.expr));
                self.expr(&mut c.func, once);
                if let Some(root) = &twice {
                    if self.write {
                        let once = own_name(&root.to_string());
                        c.args.iter_mut().for_each(|a| reroot(a, &once));
                        *e = parse_quote!(match &mut *#root { #once => #e });
                    }
                    return;
                }
                for a in &mut c.args {
                    self.expr(a, true);
                }
                if through && self.write {
                    *e = operands_first(Expr::Call(c.clone()));
                }
            }
            Expr::Index(i) => {
                self.expr(&mut i.expr, false);
                self.expr(&mut i.index, true);
            }
            Expr::Paren(p) => self.expr(&mut p.expr, value),
            Expr::Group(g) => self.expr(&mut g.expr, value),
            Expr::Match(m) => {
                let pats: Vec<&Pat> = m.arms.iter().map(|a| &a.pat).collect();
                let read_out = self.read_out(&m.expr, &pats);
                if read_out.is_none() {
                    self.expr(&mut m.expr, false);
                }
                let arm_bits: Vec<Option<(u64, u64)>> = m.arms.iter().map(|a| self.arm_bit(read_out.as_ref(), &a.pat)).collect();
                for arm in &mut m.arms {
                    if let Pat::Guard(g) = &mut arm.pat {
                        self.expr(&mut g.guard, true);
                    }
                    self.expr(&mut arm.body, true);
                }
                // `{ let __job_kind = <read out>; match __job_kind { .. } }`, each arm that
                // binds nothing putting the field back.
                if let (Some((root, path, bit)), true) = (read_out, self.write) {
                    let (name, read) = read_out_stmt(&root, &path, bit, false);
                    *m.expr = parse_quote!(#name);
                    for (arm, arm_bit) in m.arms.iter_mut().zip(arm_bits) {
                        if !crate::normalize::binds_by_value(&arm.pat) {
                            put_back_first(&mut arm.body, &root, bit, &name);
                        } else if let Some((bits, arm_bit)) = arm_bit {
                            let leave = leave_in_place(&mut arm.pat, &root, bits, arm_bit);
                            first_in(&mut arm.body, leave);
                        }
                    }
                    *e = parse_quote!({ #read #e });
                }
            }
            Expr::Let(l) => self.expr(&mut l.expr, false),
            // `if` and `while` conditions are `bool`s, which are `Copy`; a lone `if let` on a
            // field that moves is read out as a `match`'s (above), its `else` putting it back.
            Expr::If(i) => {
                let read_out = match &*i.cond {
                    Expr::Let(l) => self.read_out(&l.expr, &[&l.pat]),
                    _ => None,
                };
                let arm_bit = match &*i.cond {
                    Expr::Let(l) => self.arm_bit(read_out.as_ref(), &l.pat),
                    _ => None,
                };
                if read_out.is_none() {
                    self.expr(&mut i.cond, false);
                }
                self.block(&mut i.then_branch);
                if let Some((_, els)) = &mut i.else_branch {
                    self.expr(els, true);
                }
                if let (Some((root, path, bit)), true) = (read_out, self.write) {
                    let (name, read) = read_out_stmt(&root, &path, bit, false);
                    if let Expr::Let(l) = &mut *i.cond {
                        *l.expr = parse_quote!(#name);
                        if let Some((bits, arm_bit)) = arm_bit {
                            let leave = leave_in_place(&mut l.pat, &root, bits, arm_bit);
                            i.then_branch.stmts.insert(0, leave);
                        }
                    }
                    let (_, els) = i.else_branch.get_or_insert_with(|| (Default::default(), parse_quote!({})));
                    put_back_first(els, &root, bit, &name);
                    *e = parse_quote!({ #read #e });
                }
            }
            // `while let P = job.port { .. }` as rustc desugars it, `loop { match job.port { P
            // => { .. } _ => break } }`: the field is read out, matched and put back as a
            // `match`'s, on each round.
            Expr::While(w) if matches!(&*w.cond, Expr::Let(l) if self.read_out_place(&l.expr, &[&l.pat]).is_some()) => {
                let Expr::Let(l) = &*w.cond else { unreachable!() };
                let (attrs, label, pat, scrutinee, body) = (&w.attrs, &w.label, &l.pat, &l.expr, &w.body);
                *e = parse_quote!(#(#attrs)* #label loop { match #scrutinee { #pat => #body, _ => break, } });
                self.expr(e, value);
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
            // What closures and `async` blocks capture they reach through the wrapper, but
            // for the fields a `move` one takes one by one (see `analyze::captures`): read
            // out where it is made, `{ let mut __p_name = <read out>; move || __p_name.len() }`.
            // A closure without `move` that is a `let`'s whole value reads out the fields it
            // uses only as values (see `Walker::take_fields`), before the `let`: `let __h_b =
            // <read out>; let take = || eat(__h_b);` (it borrows a `Copy` one).
            Expr::Closure(_) | Expr::Async(_) => {
                let moves = matches!(e, Expr::Closure(c) if c.capture.is_some()) || matches!(e, Expr::Async(a) if a.capture.is_some());
                let before_let = !moves && std::mem::take(&mut self.let_closure);
                let mut reads = Vec::new();
                let mut taken = Vec::new();
                for root in self.names.iter().filter(|_| moves || before_let) {
                    let Some((root_id, fields)) = field_captures(e, root, moves && self.literal.contains(root)) else { continue };
                    let mut locals = Vec::new();
                    for field in fields {
                        let Some(bit) = self.bit(&root_id, std::slice::from_ref(&field)) else { continue };
                        let (name, read) = read_out_stmt(&root_id, std::slice::from_ref(&field), bit, true);
                        reads.push(read);
                        locals.push((field, name));
                    }
                    taken.push((root.clone(), locals));
                }
                if self.write {
                    for (root, locals) in &taken {
                        let local = |m: &Member| locals.iter().find(|(f, _)| f == m).map(|(_, n)| n.clone());
                        *e = syn::parse2(replace_fields(quote!(#e), root, &local)).expect("a closure with fields renamed");
                    }
                    DerefNames { names: self.names }.visit_expr_mut(e);
                    if before_let {
                        self.before_let.extend(reads);
                    } else if !reads.is_empty() {
                        *e = parse_quote!({ #(#reads)* #e });
                    }
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


/// Wraps each partly moved local where it is bound: `let job = init;` becomes `let mut job =
/// Partial::new(init, REST);`; a binding of a pattern (`for job in ..`, a `match` arm, `if
/// let`, `while let`, a destructuring `let`) is wrapped first thing in the body it scopes,
/// or right after its `let`. Without `rest` it only finds which locals it can wrap.
struct Wrap<'a> {
    names: &'a [String],
    rest: Option<&'a dyn Fn(&str) -> TokenStream>,
    rt: &'a TokenStream,
    found: BTreeSet<String>,
}

impl Wrap<'_> {
    /// The wrapping statements for the bindings of `pats`, if any is partly moved.
    fn for_pats(&mut self, pats: &[&Pat]) -> Vec<Stmt> {
        let mut bound = Vec::new();
        for pat in pats {
            let pat = match pat {
                Pat::Guard(g) => &*g.pat,
                other => other,
            };
            bindings(pat, &mut bound);
        }
        for (b, _) in &bound {
            if self.names.iter().any(|n| b == n) {
                self.found.insert(b.to_string());
            }
        }
        match self.rest {
            Some(rest) => rebind(&bound, self.names, rest, self.rt),
            None => Vec::new(),
        }
    }
}

impl Wrap<'_> {
    /// The bindings of an `if let` or `while let` condition, wrapped first thing in its body.
    fn wrap_condition_bindings(&mut self, cond: &Expr, body: &mut Block) {
        let mut pats = Vec::new();
        let_pats(cond, &mut pats);
        let stmts = self.for_pats(&pats.iter().collect::<Vec<_>>());
        prepend(body, stmts);
    }
}

fn prepend(block: &mut Block, mut stmts: Vec<Stmt>) {
    stmts.append(&mut block.stmts);
    block.stmts = stmts;
}

/// The patterns of the `let`s of a condition (`if let A(x) = a && let B(y) = b`).
fn let_pats(cond: &Expr, out: &mut Vec<Pat>) {
    match cond {
        Expr::Let(l) => out.push((*l.pat).clone()),
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            let_pats(&b.left, out);
            let_pats(&b.right, out);
        }
        Expr::Paren(p) => let_pats(&p.expr, out),
        _ => {}
    }
}

impl VisitMut for Wrap<'_> {
    fn visit_block_mut(&mut self, block: &mut Block) {
        let mut out = Vec::with_capacity(block.stmts.len());
        for mut stmt in block.stmts.drain(..) {
            self.visit_stmt_mut(&mut stmt);
            let mut after = Vec::new();
            if let Stmt::Local(l) = &mut stmt {
                let simple = match &l.pat {
                    Pat::Ident(p) if p.subpat.is_none() => Some((p.ident.clone(), None)),
                    Pat::Type(t) => match &*t.pat {
                        Pat::Ident(p) if p.subpat.is_none() => Some((p.ident.clone(), Some(t.ty.clone()))),
                        _ => None,
                    },
                    _ => None,
                };
                match (simple, &mut l.init) {
                    (Some((ident, _)), Some(init)) if init.diverge.is_none() && crate::util::expr_awaits(&init.expr) => {
                        // Its value comes from code that suspends (`let x = match .. { ..
                        // a().await .. }`): bound as `__x`, and wrapped in a statement of its
                        // own after it (`let mut x = Partial::new(__x, ..)`), which is then
                        // the only `let` of `x` (a frame slot is filled at each).
                        if self.names.iter().any(|n| ident == n) {
                            self.found.insert(ident.to_string());
                            if let Some(rest) = self.rest {
                                let whole = own_name(&ident.to_string());
                                let rest = rest(&ident.to_string());
                                let rt = self.rt;
                                after.push(parse_quote!(let mut #ident = #rt::Partial::new(#whole, #rest);));
                                match &mut l.pat {
                                    Pat::Type(t) => *t.pat = parse_quote!(#whole),
                                    pat => *pat = parse_quote!(#whole),
                                }
                            }
                        }
                    }
                    (Some((ident, ty)), Some(init)) if init.diverge.is_none() => {
                        if self.names.iter().any(|n| ident == n) {
                            self.found.insert(ident.to_string());
                            if let Some(rest) = self.rest {
                                let rt = self.rt;
                                let rest = rest(&ident.to_string());
                                let value = init.expr.clone();
                                let turbofish = ty.map(|t| quote!(::<#t>));
                                *init.expr = parse_quote!(#rt::Partial #turbofish::new(#value, #rest));
                                l.pat = parse_quote!(mut #ident);
                            }
                        }
                    }
                    (None, Some(_)) => after = self.for_pats(&[&l.pat]),
                    _ => {}
                }
            }
            out.push(stmt);
            out.extend(after);
        }
        block.stmts = out;
    }
    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        syn::visit_mut::visit_arm_mut(self, arm);
        let stmts = self.for_pats(&[&arm.pat]);
        if !stmts.is_empty() {
            let body = &arm.body;
            let mut block: Block = parse_quote!({ #body });
            if let Expr::Block(b) = &*arm.body {
                if b.label.is_none() && b.attrs.is_empty() {
                    block = b.block.clone();
                }
            }
            prepend(&mut block, stmts);
            *arm.body = parse_quote!(#block);
        }
    }
    fn visit_expr_if_mut(&mut self, i: &mut syn::ExprIf) {
        syn::visit_mut::visit_expr_if_mut(self, i);
        self.wrap_condition_bindings(&i.cond, &mut i.then_branch);
    }
    fn visit_expr_while_mut(&mut self, w: &mut syn::ExprWhile) {
        syn::visit_mut::visit_expr_while_mut(self, w);
        self.wrap_condition_bindings(&w.cond, &mut w.body);
    }
    fn visit_expr_for_loop_mut(&mut self, f: &mut syn::ExprForLoop) {
        syn::visit_mut::visit_expr_for_loop_mut(self, f);
        let stmts = self.for_pats(&[&f.pat]);
        prepend(&mut f.body, stmts);
    }
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

