//! Frame slots: a local that something parked across an await borrows (`for x in &v`,
//! `let first = &v[0]`, a closure borrowing a counter) must never move, so it lives in a
//! pinned slot beside the state from its `let` to the end of its scope.
//!
//! In the body, such a local `v` is moved into its slot right after it is bound
//! (`let (v, __slot_v) = fill(&mut __slots.0, v)`), which leaves `v` a handle to the slot
//! and `__slot_v` the guard that empties the slot when the scope ends; every use of `v`
//! becomes `(*v.get())`, a fresh reference each time (the shadow checks the native body's
//! borrows, which the translation cannot), and every use that moves it whole becomes
//! `__slot_v.take()` (see `Rewrite::use_of`). At a suspension the guard is parked in the
//! await's variant like any local (so cancellation empties the slot in native drop order);
//! the arm that resumes takes the guard back and `peek`s a new handle.

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};
use syn::visit_mut::VisitMut;
use syn::{Block, Expr, Ident, Pat, Stmt, parse_quote};

/// Slot index by local name (names are unique in the body, see `normalize::rename`).
pub type SlotMap = BTreeMap<String, usize>;

pub fn guard_name(local: &Ident) -> Ident {
    Ident::new(
        &format!("__slot_{}", local.to_string().trim_start_matches("r#").trim_start_matches('_')),
        local.span(),
    )
}

/// `let (v, __slot_v) = unsafe { fill(&mut __slots.N, v) };` (`mut v` for a `mut` local:
/// an assignment gives it a new handle).
pub fn fill_stmt(local: &Ident, index: usize, mutable: bool, rt: &TokenStream) -> Stmt {
    let (pat, value) = fill_parts(local, index, mutable, rt);
    parse_quote!(let #pat = #value;)
}

/// The pattern and the value of [`fill_stmt`] (a let chain binds them with a `let` of its own).
fn fill_parts(local: &Ident, index: usize, mutable: bool, rt: &TokenStream) -> (Pat, Expr) {
    let guard = guard_name(local);
    let i = syn::Index::from(index);
    let m = mutable.then(|| quote!(mut));
    (parse_quote!((#m #local, #guard)), parse_quote!(unsafe { #rt::fill(&mut __slots.#i, #local) }))
}

/// The patterns of the `let`s of a let chain (`let Some(t) = o && t.ok()`).
fn chain_lets(cond: &Expr) -> Vec<Pat> {
    match cond {
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            let mut pats = chain_lets(&b.left);
            pats.extend(chain_lets(&b.right));
            pats
        }
        Expr::Let(l) => vec![(*l.pat).clone()],
        _ => Vec::new(),
    }
}

/// `let (mut v, __slot_v) = unsafe { open::<T>(&mut __slots.N) };` for `let v: T;`: the slot
/// stays empty until `v = ..` fills it (`v = __slot_v.set(..)`).
fn open_stmt(local: &Ident, ty: Option<&syn::Type>, index: usize, rt: &TokenStream) -> Stmt {
    let guard = guard_name(local);
    let i = syn::Index::from(index);
    let turbofish = ty.map(|t| quote!(::<#t>));
    parse_quote!(let (mut #local, #guard) = unsafe { #rt::open #turbofish(&mut __slots.#i) };)
}

/// `let v = unsafe { peek(&mut __slots.N) };` (`let mut v` if an assignment may give a new
/// handle: `reassigned`).
pub fn peek_stmt(local: &Ident, index: usize, reassigned: bool, rt: &TokenStream) -> Stmt {
    let i = syn::Index::from(index);
    let m = reassigned.then(|| quote!(mut));
    parse_quote!(let #m #local = unsafe { #rt::peek(&mut __slots.#i) };)
}

/// Rewrites the body: uses of slotted locals go through their slot reference, and each is
/// moved into its slot where it is bound.
pub fn slot_body(body: &mut Block, slots: &SlotMap, take_every_move: &[String], locals: &BTreeSet<String>, rt: &TokenStream) {
    if slots.is_empty() {
        return;
    }
    let mut count = Count {
        slots,
        seen: BTreeMap::new(),
    };
    count.visit_block_mut(body);
    let mut r = Rewrite {
        slots,
        rt,
        remaining: count.seen,
        take_every_move,
        locals,
        loops: 0,
        declared_in: BTreeMap::new(),
        hidden: Vec::new(),
        moves: None,
    };
    r.block(body);
}

/// How many times each slotted local is mentioned.
struct Count<'a> {
    slots: &'a SlotMap,
    seen: BTreeMap<String, usize>,
}

impl VisitMut for Count<'_> {
    fn visit_expr_path_mut(&mut self, p: &mut syn::ExprPath) {
        if let Some(id) = p.path.get_ident() {
            if self.slots.contains_key(&id.to_string()) {
                *self.seen.entry(id.to_string()).or_default() += 1;
            }
        }
    }
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        for name in mentioned(&mac.tokens, self.slots) {
            *self.seen.entry(name.to_string()).or_default() += 1;
        }
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// The mentions of slotted locals in some tokens, with their spans (hygiene matters when
/// the function comes from a `macro_rules!`).
fn mentioned(tokens: &TokenStream, slots: &SlotMap) -> Vec<Ident> {
    mentioned_where(tokens, |n| slots.contains_key(n))
}

/// The mentions of the locals `wanted` names in some tokens (as [`mentioned`]).
fn mentioned_where(tokens: &TokenStream, wanted: impl Fn(&str) -> bool + Copy) -> Vec<Ident> {
    let mut out = Vec::new();
    let mut dots = crate::util::FieldDot::default();
    for tt in tokens.clone() {
        // `x.v` and `x.v()` name a field or a method, not the local `v` (`0..v` does).
        let after_dot = dots.next(&tt);
        match tt {
            TokenTree::Ident(id) if !after_dot && wanted(&id.to_string()) => out.push(id),
            TokenTree::Group(g) => out.extend(mentioned_where(&g.stream(), wanted)),
            // `{t:?}` in a format string names `t` too.
            TokenTree::Literal(lit) => {
                for name in crate::analyze::format_captures(&lit.to_string()) {
                    if wanted(&name) {
                        out.push(Ident::new(&name, lit.span()));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// How a mention of a slotted local uses it (see [`Rewrite::use_of`]).
#[derive(Clone, Copy)]
enum Move {
    /// Read in place.
    No,
    /// Moved whole: taken at every such mention.
    Whole,
    /// May move or leave it (a pattern that may leave a part, a method that may take
    /// `self`): taken at its last mention only.
    Last,
}

struct Rewrite<'a> {
    slots: &'a SlotMap,
    rt: &'a TokenStream,
    /// Mentions not yet rewritten, per local: the last one may move the value out.
    remaining: BTreeMap<String, usize>,
    /// Locals moved in separate branches: every move takes the value out.
    take_every_move: &'a [String],
    /// Every local of the body, slotted or not.
    locals: &'a BTreeSet<String>,
    /// How many loops the code being rewritten is in, and the same where each slotted
    /// local was declared: a move inside a loop around the declaration runs again, so it
    /// is no last use (natively the value is `Copy` then): it copies.
    loops: usize,
    declared_in: BTreeMap<String, usize>,
    /// Slotted names an arm binds, while its guard is rewritten: the guard runs before the
    /// arm moves them into their slots.
    hidden: Vec<String>,
    /// In a dry run over a closure's body (see `Rewrite::captured_by_value`): the slotted
    /// locals it moves whole.
    moves: Option<Vec<String>>,
}

impl Rewrite<'_> {
    fn block(&mut self, block: &mut Block) {
        let mut out = Vec::with_capacity(block.stmts.len());
        let n = block.stmts.len();
        for (i, mut stmt) in block.stmts.drain(..).enumerate() {
            // `let v;` / `let v: T;` of a slotted local: its slot is opened empty.
            if let Stmt::Local(l) = &stmt {
                if l.init.is_none() {
                    let (inner, ty) = match &l.pat {
                        Pat::Type(t) => (&*t.pat, Some(&*t.ty)),
                        p => (p, None),
                    };
                    if let Pat::Ident(p) = inner {
                        if let Some(&i) = self.slots.get(&p.ident.to_string()) {
                            out.push(open_stmt(&p.ident, ty, i, self.rt));
                            continue;
                        }
                    }
                }
            }
            match &mut stmt {
                Stmt::Local(l) => {
                    let pat = &l.pat;
                    // `ref` bindings borrow; `let _ = v;` moves nothing.
                    let by_ref = crate::normalize::has_ref_binding(pat)
                        || (matches!(pat, Pat::Wild(_)) && matches!(l.init.as_ref().map(|i| &*i.expr), Some(Expr::Path(_))));
                    // A destructuring pattern may move only some fields, or none (`let S {
                    // n, .. } = v` copies `n`): the value leaves the slot at its last use only.
                    let whole = matches!(pat, Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none())
                        || matches!(pat, Pat::Type(t) if matches!(&*t.pat, Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none()));
                    if let Some(init) = &mut l.init {
                        if by_ref {
                            self.visit_expr_mut(&mut init.expr);
                        } else if whole {
                            self.moved(&mut init.expr);
                        } else {
                            self.moved_as(&mut init.expr, Move::Last);
                        }
                        if let Some((_, d)) = &mut init.diverge {
                            self.visit_expr_mut(d);
                        }
                    }
                }
                // A block's tail moves its value out.
                Stmt::Expr(e, None) if i + 1 == n => self.moved(e),
                // `v;` moves `v` (and drops it).
                Stmt::Expr(e @ Expr::Path(_), Some(_)) => self.moved(e),
                _ => self.visit_stmt_mut(&mut stmt),
            }
            let fills = match &stmt {
                Stmt::Local(l) => self.fills(&l.pat),
                _ => Vec::new(),
            };
            if let Stmt::Local(l) = &stmt {
                let mut names = Vec::new();
                crate::analyze::bindings(&l.pat, &mut names);
                for (n, _) in names {
                    self.declared_in.insert(n.to_string(), self.loops);
                }
            }
            out.push(stmt);
            out.extend(fills);
        }
        block.stmts = out;
    }

    fn fills(&self, pat: &Pat) -> Vec<Stmt> {
        self.fill_parts(pat).into_iter().map(|(pat, value)| parse_quote!(let #pat = #value;)).collect()
    }

    /// A pattern's bindings are declared here, in as many loops as the code around it.
    fn bound_here(&mut self, pat: &Pat) {
        let mut names = Vec::new();
        crate::analyze::bindings(pat, &mut names);
        for (n, _) in names {
            self.declared_in.insert(n.to_string(), self.loops);
        }
    }

    /// `(pattern, value)` of the fill of each slotted local a pattern binds.
    fn fill_parts(&self, pat: &Pat) -> Vec<(Pat, Expr)> {
        let mut names = Vec::new();
        crate::analyze::bindings(pat, &mut names);
        names
            .into_iter()
            .filter_map(|(n, mutable)| self.slots.get(&n.to_string()).map(|&i| fill_parts(&n, i, mutable, self.rt)))
            .collect()
    }

    /// A let chain's slotted bindings are moved into their slots right after their `let`,
    /// by a `let` of the chain: the conditions after it use them.
    fn fill_chain(&self, cond: &mut Expr) {
        fn conjuncts(e: Expr, out: &mut Vec<Expr>) {
            match e {
                Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                    conjuncts(*b.left, out);
                    conjuncts(*b.right, out);
                }
                other => out.push(other),
            }
        }
        let mut parts = Vec::new();
        conjuncts(cond.clone(), &mut parts);
        let mut out: Vec<Expr> = Vec::new();
        for part in parts {
            let fills = match &part {
                Expr::Let(l) => self.fill_parts(&l.pat),
                _ => Vec::new(),
            };
            out.push(part);
            out.extend(fills.into_iter().map(|(pat, value)| -> Expr { parse_quote!(let #pat = #value) }));
        }
        let mut it = out.into_iter();
        if let Some(first) = it.next() {
            *cond = it.fold(first, |acc, e| parse_quote!(#acc && #e));
        }
    }

    fn prepend(&self, pat: &Pat, body: &mut Block) {
        let mut fills = self.fills(pat);
        if !fills.is_empty() {
            fills.append(&mut body.stmts);
            body.stmts = fills;
        }
    }

    /// A use of a slotted local: `(*v.get())`, or `__slot_v.take()` where it moves.
    ///
    /// A whole value moved (`f(v)`, `return v`, `let w = v`, an arm's value) is taken out of
    /// the slot at every such mention, not only the last: natively a moved local is not read
    /// again on that path unless it is assigned first (`v = ..` fills the slot again) or it
    /// is `Copy` (or a `&mut` reborrowed), and `take` leaves a `Copy` value's bytes where
    /// they were. So `match k { 0 => v, _ => w }`, `if c { drop(v) } else { v.len() }` and
    /// `cur = next(cur)` in a loop lower as they are written.
    ///
    /// A pattern that may leave part of the value (`let S { n, .. } = v`) takes it at its
    /// last mention only: taken earlier, the rest would drop under the later uses.
    fn use_of(&mut self, id: &Ident, moves: Move) -> Expr {
        let left = self.remaining.entry(id.to_string()).or_default();
        *left = left.saturating_sub(1);
        // (A drop-flag local's every move takes it for good, in a loop too: the analysis
        // checked that an assignment comes next.)
        let looped = self.loops > self.declared_in.get(&id.to_string()).copied().unwrap_or(0);
        let flagged = self.take_every_move.contains(&id.to_string());
        if let (Move::Whole, Some(seen)) = (moves, &mut self.moves) {
            seen.push(id.to_string());
        }
        let take = match moves {
            Move::No => false,
            Move::Whole => true,
            Move::Last => flagged || (!looped && *left == 0),
        };
        if take {
            let guard = guard_name(id);
            parse_quote!(#guard.take())
        } else {
            parse_quote!((*#id.get()))
        }
    }

    /// Visits a child in a position that moves it whole.
    fn moved(&mut self, e: &mut Expr) {
        self.moved_as(e, Move::Whole);
    }

    fn moved_as(&mut self, e: &mut Expr, how: Move) {
        if let Expr::Path(p) = e {
            if let Some(id) = p.path.get_ident().cloned() {
                if self.slots.contains_key(&id.to_string()) && !self.hidden.contains(&id.to_string()) {
                    *e = self.use_of(&id, how);
                    return;
                }
            }
        }
        self.visit_expr_mut(e);
    }

    fn tokens(&mut self, tokens: TokenStream) -> TokenStream {
        let tts: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = TokenStream::new();
        for (i, tt) in tts.iter().enumerate() {
            let prev_dot = crate::util::after_field_dot(&tts, i);
            match tt {
                TokenTree::Ident(id)
                    if !prev_dot
                        && self.slots.contains_key(&id.to_string())
                        && !matches!(tts.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!') =>
                {
                    let left = self.remaining.entry(id.to_string()).or_default();
                    *left = left.saturating_sub(1);
                    if self.hidden.contains(&id.to_string()) {
                        out.extend([tt.clone()]);
                    } else {
                        out.extend(quote!((*#id.get())));
                    }
                }
                TokenTree::Group(g) => {
                    let mut inner = self.tokens(g.stream());
                    // The body of a macro called in these tokens (`format!(..)` in a
                    // `select!` handler): its format strings' captures too.
                    if let (true, [.., TokenTree::Ident(m), _]) = (crate::util::is_macro_body(&tts, i), &tts[..i]) {
                        crate::util::append_args(&mut inner, self.capture_args(&m.to_string(), &g.stream()));
                    }
                    let mut ng = proc_macro2::Group::new(g.delimiter(), inner);
                    ng.set_span(g.span());
                    out.extend([TokenTree::Group(ng)]);
                }
                other => out.extend([other.clone()]),
            }
        }
        out
    }
}

impl VisitMut for Rewrite<'_> {
    fn visit_block_mut(&mut self, b: &mut Block) {
        self.block(b);
    }
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Path(p)
                if p.qself.is_none()
                    && p.path.leading_colon.is_none()
                    && p.path.segments.len() == 1 =>
            {
                let id = p.path.segments[0].ident.clone();
                if self.hidden.contains(&id.to_string()) {
                    let left = self.remaining.entry(id.to_string()).or_default();
                    *left = left.saturating_sub(1);
                } else if self.slots.contains_key(&id.to_string()) {
                    *e = self.use_of(&id, Move::No);
                }
            }
            // `v = value` fills the slot (dropping the old value, if any, as assignment does).
            Expr::Assign(a) if matches!(&*a.left, Expr::Path(p) if p.path.get_ident().is_some_and(|id| self.slots.contains_key(&id.to_string()))) => {
                self.moved(&mut a.right);
                let Expr::Path(p) = &*a.left else { unreachable!() };
                let id = p.path.get_ident().expect("checked above").clone();
                let left = self.remaining.entry(id.to_string()).or_default();
                *left = left.saturating_sub(1);
                let guard = guard_name(&id);
                let value = &a.right;
                *e = parse_quote!(#id = #guard.set(#value));
            }
            // `s + "-x"` moves `s` (`Add::add(self, ..)`); a comparison borrows its operands,
            // and `x += v` assigns through the place on its left.
            Expr::Binary(b) if !crate::analyze::is_comparison(&b.op) && !matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
                if crate::normalize::is_compound_assign(&b.op) {
                    self.visit_expr_mut(&mut b.left);
                } else {
                    self.moved(&mut b.left);
                }
                self.moved(&mut b.right);
            }
            Expr::Tuple(t) => t.elems.iter_mut().for_each(|x| self.moved(x)),
            Expr::Array(a) => a.elems.iter_mut().for_each(|x| self.moved(x)),
            Expr::Call(c) => {
                // A drop-flag local called (an `FnOnce` called on one path) is taken out.
                let flagged = matches!(&*c.func, Expr::Path(p) if p.path.get_ident().is_some_and(|i| self.take_every_move.contains(&i.to_string())));
                if flagged {
                    self.moved(&mut c.func);
                } else {
                    self.visit_expr_mut(&mut c.func);
                }
                c.args.iter_mut().for_each(|x| self.moved(x));
            }
            Expr::MethodCall(m) => {
                // A method that surely takes `self` (by its name, or as the file declares it
                // for the receiver's type) takes the value out at every mention. A combinator
                // or iterator adaptor (`o.map(..)`, `it.collect()`) the file does not declare
                // takes it at its last mention, as an awaited call does: a `&self` method so
                // named would drop it at the end of the statement, not of its scope, or fail
                // to compile if its value borrows it (E0716), never leave a dangling reference.
                // (Not the names slices and collections also have, `last`, `first`, `count`:
                // `v.last()` borrows, and its value would borrow the taken temporary.) Any other is taken to borrow; a wrong guess that way is
                // a compile error (E0507).
                let method = m.method.to_string();
                let declared = crate::analyze::receivers::declared_for_type(&m.receiver, &method, m.args.len()).map(|(r, _)| r);
                // (The file's declaration for the receiver's type wins over the name: a
                // parser's own `expect(&mut self)` is not `Option::expect`.)
                let taken = match declared {
                    Some(r) => r == crate::analyze::receivers::Receiver::Taken,
                    // (`it.count()` of `let mut it = v.into_iter().peekable();`.)
                    None => {
                        crate::analyze::surely_consumes_receiver(&method)
                            || crate::analyze::surely_consumes_with(&method, m.args.len())
                            || (matches!(method.as_str(), "count" | "last" | "sum" | "product" | "collect" | "fold")
                                && crate::analyze::receivers::surely_iterator(&m.receiver))
                    }
                };
                if taken {
                    self.moved(&mut m.receiver);
                } else if declared.is_none() && adaptor(&method) {
                    self.moved_as(&mut m.receiver, Move::Last);
                } else {
                    self.visit_expr_mut(&mut m.receiver);
                }
                m.args.iter_mut().for_each(|x| self.moved(x));
            }
            Expr::Return(r) => {
                if let Some(x) = &mut r.expr {
                    self.moved(x);
                }
            }
            // `res?` moves `res` (`Try::branch(self)`).
            Expr::Try(t) => self.moved(&mut t.expr),
            // `fut.await` takes the future; `break v` and an arm's value move theirs.
            // `a.finish().await` of a future maker taking `self` by convention: the value
            // leaves the slot at its last mention (at an earlier one, the later mentions show
            // it was not taken). Were the method `&self`, its future would borrow the taken
            // value, which rustc rejects (E0716); only a `&self` method so named whose future
            // borrows nothing (`fn finish(&self) -> impl Future + 'static`) would drop the
            // value at the await, under any reference into it still read after.
            Expr::Await(a) => {
                match &mut *a.base {
                    Expr::MethodCall(m)
                        if crate::analyze::awaited_method_consumes(&m.receiver, &m.method.to_string(), m.args.len())
                            && !crate::analyze::surely_consumes_receiver(&m.method.to_string()) =>
                    {
                        self.moved_as(&mut m.receiver, Move::Last);
                        m.args.iter_mut().for_each(|x| self.moved(x));
                    }
                    base => self.moved(base),
                }
            }
            Expr::Break(b) => {
                if let Some(v) = &mut b.expr {
                    // It leaves the loop: it runs once per entry into it.
                    let loops = self.loops;
                    self.loops = loops.saturating_sub(1);
                    self.moved(v);
                    self.loops = loops;
                }
            }
            // `out = v` moves `v` (the left side is a place); `_ = v` moves nothing, and
            // `(x, _) = v` may move part of it. A destructuring assignment that assigns a
            // slotted local (`(a, _) = ..`) is written as rustc desugars it, `{ let
            // (__assign0, _) = ..; a = __assign0; }`, so that `a = ..` refills the slot.
            Expr::Assign(a) => {
                let left = &a.left;
                if is_destructuring(left) && !mentioned(&quote!(#left), self.slots).is_empty() {
                    let mut places = Vec::new();
                    if let Some(pat) = assignee_pattern(&a.left, &mut places) {
                        let right = &a.right;
                        let (places, names): (Vec<Expr>, Vec<Ident>) = places.into_iter().unzip();
                        *e = parse_quote!({ let #pat = #right; #(#places = #names;)* });
                        return self.visit_expr_mut(e);
                    }
                }
                self.visit_expr_mut(&mut a.left);
                match &*a.left {
                    Expr::Infer(_) => self.visit_expr_mut(&mut a.right),
                    Expr::Path(_) | Expr::Field(_) | Expr::Index(_) | Expr::Unary(_) | Expr::Paren(_) => self.moved(&mut a.right),
                    _ => self.moved_as(&mut a.right, Move::Last),
                }
            }
            Expr::Loop(l) => {
                self.loops += 1;
                self.block(&mut l.body);
                self.loops -= 1;
            }
            // (A binding of the loop's pattern that is slotted is filled where the body
            // starts, as an `if let`'s is.)
            Expr::While(w) => {
                self.loops += 1;
                let bound = let_pattern(&w.cond);
                if let Some(pat) = &bound {
                    self.bound_here(pat);
                }
                self.visit_expr_mut(&mut w.cond);
                self.block(&mut w.body);
                if let Some(pat) = bound {
                    self.prepend(&pat, &mut w.body);
                }
                self.loops -= 1;
            }
            Expr::ForLoop(f) => {
                self.moved(&mut f.expr);
                self.loops += 1;
                self.bound_here(&f.pat);
                self.block(&mut f.body);
                self.prepend(&f.pat, &mut f.body);
                self.loops -= 1;
            }
            Expr::Struct(s) => {
                for f in &mut s.fields {
                    if f.colon_token.is_none() {
                        if let syn::Member::Named(m) = &f.member {
                            if self.slots.contains_key(&m.to_string()) {
                                f.colon_token = Some(Default::default());
                            }
                        }
                    }
                    self.moved(&mut f.expr);
                }
                if let Some(rest) = &mut s.rest {
                    self.visit_expr_mut(rest);
                }
            }
            Expr::If(i) if matches!(&*i.cond, Expr::Let(l) if self.flagged_match(&l.expr, [&*l.pat]).is_some()) => {
                let Expr::Let(l) = &*i.cond else { unreachable!() };
                let (pat, scrutinee) = (&l.pat, &l.expr);
                let then = &i.then_branch;
                let otherwise = i.else_branch.as_ref().map(|(_, e)| quote!(#e));
                *e = parse_quote!(match #scrutinee { #pat => #then, _ => { #otherwise } });
                self.visit_expr_mut(e);
            }
            Expr::Match(m) => {
                // A drop-flag local matched by a pattern that moves it is taken out of its
                // slot, and put back by the arms that bind nothing (natively they leave it
                // whole).
                let flagged = self.flagged_match(&m.expr, m.arms.iter().map(|a| &a.pat));
                if flagged.is_some() {
                    self.moved(&mut m.expr);
                } else {
                    self.visit_expr_mut(&mut m.expr);
                }
                for arm in &mut m.arms {
                    if let Pat::Guard(g) = &mut arm.pat {
                        self.guard(&g.pat, &mut g.guard);
                    }
                    self.bound_here(&arm.pat);
                    self.moved(&mut arm.body);
                    if let Some(guard) = flagged.as_ref().filter(|_| !crate::normalize::binds_by_value(&arm.pat)) {
                        put_back(&mut arm.pat, &mut arm.body, guard);
                    }
                    // (An arm whose body is no block gets one for the fills of its bindings.)
                    if !matches!(&*arm.body, Expr::Block(_)) && !self.fill_parts(&arm.pat).is_empty() {
                        let body = &arm.body;
                        *arm.body = parse_quote!({ #body });
                    }
                    if let Expr::Block(b) = &mut *arm.body {
                        self.prepend(&arm.pat, &mut b.block);
                    }
                }
            }
            // A non-`move` closure (or async block) captures by value what it moves (`|| eat(v)`):
            // that leaves the slot when the closure is made (`let v = __slot_v.take();`), as
            // natively. What it only uses in place it would capture as the handle itself, by
            // reference: it is given a reference to the slotted value instead, and through a
            // deref a closure captures the value, not the local (`{ let v = v.get(); || (*v) }`).
            Expr::Closure(syn::ExprClosure { capture: None, .. }) | Expr::Async(syn::ExprAsync { capture: None, .. }) => {
                self.capture_slotted(e)
            }
            // A `move` closure (or `async move` block) takes what it captures: the value
            // leaves the slot (its last use) or is copied out of it (used again after: then,
            // natively, it is `Copy`). Inside, the captured name is the closure's own.
            Expr::Closure(_) | Expr::Async(_) => {
                let names = self.mentioned_in(&quote!(#e));
                if names.is_empty() {
                    return syn::visit_mut::visit_expr_mut(self, e);
                }
                if let Some(seen) = &mut self.moves {
                    seen.extend(names.iter().map(|n| n.to_string()));
                }
                let takes: Vec<TokenStream> = names
                    .iter()
                    .map(|n| {
                        let last = self.remaining.get(&n.to_string()).copied().unwrap_or(0) == 0;
                        self.take(n, last)
                    })
                    .collect();
                *e = parse_quote!({ #(#takes)* #e });
            }
            Expr::If(i) => {
                let bound = let_pattern(&i.cond);
                if let Some(pat) = &bound {
                    self.bound_here(pat);
                }
                let chain = if bound.is_none() { chain_lets(&i.cond) } else { Vec::new() };
                for pat in &chain {
                    self.bound_here(pat);
                }
                syn::visit_mut::visit_expr_if_mut(self, i);
                if let Some(pat) = bound {
                    self.prepend(&pat, &mut i.then_branch);
                }
                if chain.iter().any(|pat| !self.fill_parts(pat).is_empty()) {
                    self.fill_chain(&mut i.cond);
                }
            }
            _ => syn::visit_mut::visit_expr_mut(self, e),
        }
    }
    fn visit_pat_mut(&mut self, _: &mut Pat) {}
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        // `vec![a, b]`, `vec![a; n]` and `pin!(a)` move their operands (as the analysis
        // takes them to): rewritten as expressions, a slotted operand is taken out.
        if let Some(mut operands) = crate::util::MovingMacro::parse(mac) {
            let (moved, len) = operands.parts_mut();
            moved.into_iter().for_each(|e| self.moved(e));
            if let Some(len) = len {
                self.visit_expr_mut(len);
            }
            mac.tokens = operands.to_tokens();
            return;
        }
        // The format family borrows its arguments, but a method called in one may take its
        // receiver (`format!("{}", v.into_iter().count())`): each is rewritten as an
        // expression. (A named argument's name is no local: `v = ..` is not assigned.)
        let name = mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        let parsed = crate::util::borrows_expr_args(&name)
            .then(|| mac.parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated).ok())
            .flatten();
        let mut tokens = match parsed {
            Some(mut args) => {
                for arg in args.iter_mut() {
                    match arg {
                        Expr::Assign(a) => {
                            let named = &a.left;
                            if let Some(left) = self.remaining.get_mut(&quote!(#named).to_string()) {
                                *left = left.saturating_sub(1);
                            }
                            self.visit_expr_mut(&mut a.right)
                        }
                        Expr::Lit(_) => {}
                        other => self.visit_expr_mut(other),
                    }
                }
                args.pop_punct();
                quote!(#args)
            }
            None => self.tokens(mac.tokens.clone()),
        };
        crate::util::append_args(&mut tokens, self.capture_args(&name, &mac.tokens));
        // Each `{v}` was counted as a mention (see `mentioned`).
        for name in literal_captures(&mac.tokens, self.slots) {
            if let Some(left) = self.remaining.get_mut(&name) {
                *left = left.saturating_sub(1);
            }
        }
        mac.tokens = tokens;
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

impl Rewrite<'_> {
    /// `{v}` in a format string of a macro's tokens would capture the handle: the value is
    /// passed by name instead (`, v = &(*v.get())`).
    fn capture_args(&self, name: &str, tokens: &TokenStream) -> Vec<TokenStream> {
        crate::util::format_capture_args(name, tokens, |n| self.slots.contains_key(n), |id| quote!(&(*#id.get())))
    }

    /// A match guard: the arm's own bindings are still plain locals there.
    fn guard(&mut self, pat: &Pat, guard: &mut Expr) {
        let mut names = Vec::new();
        crate::analyze::bindings(pat, &mut names);
        let hidden: Vec<String> = names.iter().map(|(n, _)| n.to_string()).filter(|n| self.slots.contains_key(n)).collect();
        let outer = std::mem::replace(&mut self.hidden, hidden);
        self.visit_expr_mut(guard);
        self.hidden = outer;
    }

    /// A slotted local matched whole by patterns of which one binds by value (`match e {
    /// Some(a) => .., None => .. }`): the guard of its slot. The `match` takes the value out,
    /// and the arms that bind nothing put it back. A drop-flag local is always matched so;
    /// another one only where that is exact: no arm borrows (`ref`), and no arm that moves
    /// leaves part of the value (`(a, _)`, `S { a, .. }`), which natively would stay in the
    /// local to the end of its scope.
    fn flagged_match<'p>(&self, scrutinee: &Expr, pats: impl IntoIterator<Item = &'p Pat>) -> Option<Ident> {
        let Expr::Path(p) = scrutinee else { return None };
        let id = p.path.get_ident()?;
        let name = id.to_string();
        if !self.slots.contains_key(&name) || self.hidden.contains(&name) {
            return None;
        }
        let pats: Vec<&Pat> = pats.into_iter().collect();
        if !pats.iter().any(|p| crate::normalize::binds_by_value(p)) {
            return None;
        }
        let exact = pats.iter().all(|p| {
            !crate::normalize::has_ref_binding(p) && (!crate::normalize::binds_by_value(p) || !leaves_part(p))
        });
        (exact || self.take_every_move.contains(&name)).then(|| guard_name(id))
    }

    /// A non-`move` closure (or async block) `e` given its captures of slotted locals: the
    /// `let`s of [`Self::captures`] before it, the lent ones named through a deref inside,
    /// and `move` where that gives it exactly those (see [`Self::captures_slotted_only`]).
    fn capture_slotted(&mut self, e: &mut Expr) {
        let names = self.mentioned_in(&quote!(#e));
        if names.is_empty() {
            return syn::visit_mut::visit_expr_mut(self, e);
        }
        let dry = e.clone();
        let taken = self.captured_by_value(&quote!(#e), &names, |probe| match dry {
            Expr::Closure(mut c) => probe.moved(&mut c.body),
            Expr::Async(mut a) => probe.block(&mut a.block),
            _ => {}
        });
        let (lets, kept) = self.captures(&names, &taken);
        crate::util::DerefNames { names: &kept }.visit_expr_mut(e);
        if !taken.is_empty() && self.captures_slotted_only(e) {
            match e {
                Expr::Closure(c) => c.capture = Some(Default::default()),
                Expr::Async(a) => a.capture = Some(Default::default()),
                _ => {}
            }
        }
        *e = parse_quote!({ #(#lets)* #e });
    }

    /// Which of the slotted locals a non-`move` closure (or async block) mentions it captures
    /// by value: those its body moves whole (`eat(v)`, `v + 1`, `|| v`, a nested `move`
    /// closure naming it), found by a dry run of this rewrite over a copy of the body, and
    /// never assigns or lends mutably. Natively a `Copy` local so used is captured by
    /// reference; taking it instead copies it, and a copy and a reference read the same
    /// value, as the closure holds the local borrowed (`take` leaves a `Copy` value's
    /// bytes in the slot). A local the body also mutates is `Copy` if it is also moved:
    /// it stays borrowed, so that the closure's writes are seen after it.
    fn captured_by_value(&self, code: &TokenStream, names: &[Ident], run: impl FnOnce(&mut Rewrite<'_>)) -> Vec<String> {
        let mut probe = Rewrite {
            slots: self.slots,
            rt: self.rt,
            remaining: self.remaining.clone(),
            take_every_move: self.take_every_move,
            locals: self.locals,
            loops: self.loops,
            declared_in: self.declared_in.clone(),
            hidden: self.hidden.clone(),
            moves: Some(Vec::new()),
        };
        run(&mut probe);
        let moved = probe.moves.unwrap_or_default();
        names
            .iter()
            .map(|n| n.to_string())
            .filter(|n| moved.contains(n) && !mutates(code, n))
            .collect()
    }

    /// `let v = ..;` before a closure that captures the slotted `v` by value: the value
    /// taken out of the slot at its last mention, copied out before one (used again after,
    /// natively it is `Copy`). (In an await's operand too: one that holds a closure is
    /// built in the await's own arm, which binds the guards it names.)
    fn take(&self, n: &Ident, last: bool) -> TokenStream {
        if last {
            let guard = guard_name(n);
            quote!(let #n = #guard.take();)
        } else {
            quote!(let #n = *#n.get();)
        }
    }

    /// Does a closure (or async block) name no local of the body but slotted ones? Then,
    /// made `move`, it captures exactly what the `let`s before it give it: a local it takes
    /// by value stays its own even where natively it borrows it (a `Copy` one), and lives
    /// as long as the closure, parked across awaits, where a borrow of the `let`'s copy
    /// would not (E0597). A closure that names another local keeps its capture modes.
    fn captures_slotted_only(&self, code: &Expr) -> bool {
        let mut inside = BTreeSet::new();
        crate::util::pattern_names(code, &mut inside);
        mentioned_where(&quote!(#code), |n| self.locals.contains(n) && !self.slots.contains_key(n) && !inside.contains(n)).is_empty()
    }

    /// The `let`s that give a non-`move` closure its captures of slotted locals: those it
    /// takes by value leave the slot, the others are lent (`let v = v.get();`) and named
    /// through a deref in the closure (returned, for `DerefNames`). A dry run records the
    /// ones taken: the closure around this one takes them too.
    fn captures(&mut self, names: &[Ident], taken: &[String]) -> (Vec<TokenStream>, Vec<String>) {
        if let Some(seen) = &mut self.moves {
            seen.extend(taken.iter().cloned());
        }
        let mut lent = Vec::new();
        let lets = names
            .iter()
            .map(|n| {
                if taken.contains(&n.to_string()) {
                    self.take(n, true)
                } else {
                    lent.push(n.to_string());
                    quote!(let #n = #n.get();)
                }
            })
            .collect();
        (lets, lent)
    }

    /// The slotted locals a piece of code mentions (each mention counted as a use).
    fn mentioned_in(&mut self, tokens: &TokenStream) -> Vec<Ident> {
        let mut names: Vec<Ident> = Vec::new();
        for n in mentioned(tokens, self.slots) {
            let left = self.remaining.entry(n.to_string()).or_default();
            *left = left.saturating_sub(1);
            if !names.contains(&n) {
                names.push(n);
            }
        }
        names
    }
}

/// The pattern of an `if let` or `while let` condition (not of a let chain).
fn let_pattern(cond: &Expr) -> Option<Pat> {
    match cond {
        Expr::Let(l) => Some((*l.pat).clone()),
        _ => None,
    }
}

/// Methods of `Option`, `Result` and `Iterator` that take `self`, with names no slice or
/// collection uses for a `&self` method.
fn adaptor(method: &str) -> bool {
    matches!(
        method,
        "map" | "filter" | "filter_map" | "flat_map" | "flatten" | "collect" | "sum" | "product" | "fold" | "reduce"
            | "partition" | "unzip" | "zip" | "chain" | "enumerate" | "rev" | "skip" | "skip_while" | "take_while"
            | "peekable" | "cloned" | "copied" | "or" | "or_else" | "and" | "xor"
            // An iterator's consumers that no collection lends by, and `Box<dyn Any>`'s.
            | "for_each" | "try_for_each" | "min" | "max" | "min_by" | "max_by" | "min_by_key" | "max_by_key"
            | "downcast"
            // A map's `Entry` (`e.or_insert(0)`).
            | "or_default" | "or_insert" | "or_insert_with" | "or_insert_with_key" | "and_modify"
    )
}

/// Does some code assign a local or a place in it, or lend it mutably (`v = ..`, `v.n += 1`,
/// `v[0] = ..`, `&mut v`)? Read from the tokens, so that macros' operands count too.
pub(crate) fn mutates(tokens: &TokenStream, name: &str) -> bool {
    let tts: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let punct = |i: usize| match tts.get(i) {
        Some(TokenTree::Punct(p)) => Some(p.clone()),
        _ => None,
    };
    let ident = |i: usize, s: &str| matches!(tts.get(i), Some(TokenTree::Ident(id)) if id == s);
    for (i, tt) in tts.iter().enumerate() {
        match tt {
            TokenTree::Group(g) if mutates(&g.stream(), name) => return true,
            TokenTree::Ident(id) if id == name && !(i > 0 && punct(i - 1).is_some_and(|p| p.as_char() == '.')) => {
                // `&mut v`, `&raw mut v`
                if i >= 2 && ident(i - 1, "mut") && (punct(i - 2).is_some_and(|p| p.as_char() == '&') || ident(i - 2, "raw")) {
                    return true;
                }
                // Past the place's projections (`.n`, `.0`, `[i]`), an assignment operator.
                let mut j = i + 1;
                loop {
                    match (tts.get(j), tts.get(j + 1)) {
                        (Some(TokenTree::Punct(p)), Some(TokenTree::Ident(_) | TokenTree::Literal(_)))
                            if p.as_char() == '.' =>
                        {
                            j += 2
                        }
                        (Some(TokenTree::Group(g)), _) if g.delimiter() == proc_macro2::Delimiter::Bracket => j += 1,
                        _ => break,
                    }
                }
                let mut op = String::new();
                while let Some(p) = punct(j) {
                    op.push(p.as_char());
                    j += 1;
                    if p.spacing() == proc_macro2::Spacing::Alone {
                        break;
                    }
                }
                if matches!(op.as_str(), "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "^=" | "&=" | "|=" | "<<=" | ">>=") {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// A destructuring assignee: `(a, _)`, `[x, ..]`, `P { x: a, .. }`, `T(a, b)`.
fn is_destructuring(left: &Expr) -> bool {
    match left {
        Expr::Paren(p) => is_destructuring(&p.expr),
        Expr::Tuple(_) | Expr::Array(_) | Expr::Call(_) | Expr::Struct(_) => true,
        _ => false,
    }
}

/// The pattern of a destructuring assignee (`(a, _)`, `[x, ..]`, `P { x: a, .. }`,
/// `T(a, b)`), with a fresh name for each place it assigns, collected in `places`.
fn assignee_pattern(left: &Expr, places: &mut Vec<(Expr, Ident)>) -> Option<Pat> {
    let mut sub = |e: &Expr| assignee_pattern(e, places);
    Some(match left {
        Expr::Infer(_) => parse_quote!(_),
        Expr::Range(r) if r.start.is_none() && r.end.is_none() => parse_quote!(..),
        Expr::Paren(p) => return sub(&p.expr),
        Expr::Tuple(t) => {
            let elems = t.elems.iter().map(&mut sub).collect::<Option<Vec<Pat>>>()?;
            parse_quote!((#(#elems,)*))
        }
        Expr::Array(a) => {
            let elems = a.elems.iter().map(&mut sub).collect::<Option<Vec<Pat>>>()?;
            parse_quote!([#(#elems),*])
        }
        Expr::Call(c) => {
            let Expr::Path(f) = &*c.func else { return None };
            let elems = c.args.iter().map(&mut sub).collect::<Option<Vec<Pat>>>()?;
            let path = &f.path;
            parse_quote!(#path(#(#elems),*))
        }
        Expr::Struct(st) => {
            let path = &st.path;
            let fields = st
                .fields
                .iter()
                .map(|f| {
                    let member = &f.member;
                    sub(&f.expr).map(|p| quote!(#member: #p))
                })
                .collect::<Option<Vec<TokenStream>>>()?;
            let rest = st.dot2_token.map(|_| quote!(..));
            parse_quote!(#path { #(#fields,)* #rest })
        }
        Expr::Path(_) | Expr::Field(_) | Expr::Index(_) | Expr::Unary(_) => {
            let name = Ident::new(&format!("__assign{}", places.len()), proc_macro2::Span::call_site());
            places.push((left.clone(), name.clone()));
            parse_quote!(#name)
        }
        _ => return None,
    })
}

/// Does a pattern leave part of the value unbound (`_` or `..` inside it)?
fn leaves_part(pat: &Pat) -> bool {
    struct Find(bool);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_pat(&mut self, p: &'a Pat) {
            self.0 |= matches!(p, Pat::Wild(_) | Pat::Rest(_));
            syn::visit::visit_pat(self, p);
        }
        fn visit_pat_struct(&mut self, s: &'a syn::PatStruct) {
            self.0 |= s.rest.is_some();
            syn::visit::visit_pat_struct(self, s);
        }
    }
    let mut f = Find(false);
    syn::visit::Visit::visit_pat(&mut f, pat);
    f.0
}

/// An arm that binds nothing, of a `match` that took its local out of the slot: it binds the
/// value whole (`__whole @ None`) and puts it back first.
fn put_back(pat: &mut Pat, body: &mut Expr, guard: &Ident) {
    let whole = Ident::new("__whole", guard.span());
    let inner = match pat {
        Pat::Guard(g) => &mut *g.pat,
        p => p,
    };
    let old = std::mem::replace(inner, Pat::Verbatim(TokenStream::new()));
    *inner = parse_quote!(#whole @ (#old));
    let old_body = std::mem::replace(body, Expr::Verbatim(TokenStream::new()));
    *body = parse_quote!({
        let _ = #guard.set(#whole);
        #old_body
    });
}

/// The slotted locals that format strings in some tokens capture (`{v}`), at any depth, once
/// per capture, as [`mentioned`] counts them.
fn literal_captures(tokens: &TokenStream, slots: &SlotMap) -> Vec<String> {
    let mut out = Vec::new();
    for tt in tokens.clone() {
        match tt {
            TokenTree::Group(g) => out.extend(literal_captures(&g.stream(), slots)),
            TokenTree::Literal(lit) => out.extend(
                crate::analyze::format_captures(&lit.to_string())
                    .into_iter()
                    .filter(|n| slots.contains_key(n)),
            ),
            _ => {}
        }
    }
    out
}
