//! Normalize: make every await stand where the state machine can stop.
//!
//! After this stage every statement of the body is one of:
//! - await-free: emitted verbatim;
//! - a *site*: one `.await` in first-evaluated position (everything that native code
//!   evaluates before it has been spilled into earlier `let __tN = ..;` statements, in
//!   order), as in `let n = source.read(&mut buffer).await?;`;
//! - a *construct* (`if`, `match`, `loop`, block) that contains awaits in its blocks, as
//!   the whole statement, the whole `let` initializer or the tail; its header may be a site.
//!
//! `while`, `while let` and `for` loops that await are desugared to `loop` as rustc does,
//! `&&`/`||` with an await on the right become `if`s, and spilled temporaries live in a
//! block around their statement so they drop where native temporaries would.
//! This follows Roslyn's AwaitExpressionSpiller and regenerator's emitter: spill only what
//! must be spilled, leave the rest of the user's code as it is.

use crate::util::{block_awaits, expr_awaits, tokens_await};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Block, Expr, Local, LocalInit, Pat, Stmt, Token, parse_quote};

pub mod guards;
pub mod items;
pub mod joins;
pub mod rename;
pub mod rewrite;

/// The normalizer's running state: fresh names and the errors found on the way.
#[derive(Default)]
pub struct Normalizer {
    temps: usize,
    /// Constructs rewritten with labels and locals of their own (a match split because a
    /// guard awaits, a let chain nested into `if`s): numbers their names.
    rewritten: usize,
    iters: usize,
    pub errors: Vec<syn::Error>,
    /// The expression being spilled is the receiver a method takes by value (see
    /// [`Normalizer::spill_temps`]).
    taken: bool,
    /// The locals that own their value (see [`owned_locals`]): one passed by value before an
    /// operand that awaits is moved into a temporary first, as natively.
    pub owned: Vec<String>,
    /// The locals bound to a struct or tuple literal (see `analyze::captures`): the type
    /// the syntax shows is theirs, not one they point to.
    pub literal: std::collections::BTreeSet<String>,
    /// The loops around the code being normalized, innermost last: each one's label (its
    /// own, or one made for it) and whether a `break` or `continue` was given it.
    loops: Vec<(syn::Lifetime, bool)>,
    /// The parameters that are references (`o: &Option<u32>`, `&self`).
    pub ref_params: std::collections::BTreeSet<String>,
}

impl Normalizer {
    /// `expr` names a local that owns its value.
    fn owns(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some_and(|i| self.owned.iter().any(|o| i == o)))
    }

    /// Whether `e` surely makes a reference (`&o`, a reference parameter, `v.as_mut_slice()`):
    /// a pattern matched against it binds references.
    fn surely_reference(&self, e: &Expr) -> bool {
        match e {
            Expr::Reference(_) => true,
            Expr::Paren(p) => self.surely_reference(&p.expr),
            Expr::Path(p) => p.path.get_ident().is_some_and(|i| self.ref_params.contains(&i.to_string())),
            Expr::MethodCall(m) => {
                matches!(m.method.to_string().as_str(), "as_slice" | "as_mut_slice" | "as_str" | "as_mut_str" | "as_bytes")
            }
            _ => false,
        }
    }

    fn fresh_temp(&mut self, span: Span) -> syn::Ident {
        let n = self.temps;
        self.temps += 1;
        syn::Ident::new(&format!("__t{n}"), span)
    }


    pub fn block(&mut self, block: Block) -> Block {
        let mut stmts = Vec::new();
        for stmt in block.stmts {
            self.stmt(stmt, &mut stmts);
        }
        Block {
            brace_token: block.brace_token,
            stmts,
        }
    }

    fn stmt(&mut self, stmt: Stmt, out: &mut Vec<Stmt>) {
        // `_ = value.await;` drops the value at the end of the statement, as `let _ = ..;`
        // does (a spilled temporary would live to the end of the block).
        if let Stmt::Expr(Expr::Assign(a), Some(_)) = &stmt {
            if matches!(&*a.left, Expr::Infer(_)) && expr_awaits(&a.right) {
                let right = &a.right;
                return self.stmt(parse_quote!(let _ = #right;), out);
            }
        }
        match stmt {
            Stmt::Local(mut local) => {
                let Some(init) = local.init.take() else {
                    out.push(Stmt::Local(local));
                    return;
                };
                if let Some((_, diverge)) = &init.diverge {
                    if expr_awaits(diverge) {
                        // `let P = e else { .. };` is `let (a, b) = match e { P => (a, b), _ => { .. } };`
                        let mut names = Vec::new();
                        crate::analyze::bindings(&local.pat, &mut names);
                        let outer = names.iter().map(|(n, m)| {
                            if *m {
                                quote::quote!(mut #n)
                            } else {
                                quote::quote!(#n)
                            }
                        });
                        // The arm binds names of its own (`__k`): later stages speak of a
                        // local by its name, and `k` is the one the `let` declares.
                        let fresh = |n: &syn::Ident| format_ident!("__{}", n.to_string().trim_start_matches("r#"), span = n.span());
                        let inner: Vec<syn::Ident> = names.iter().map(|(n, _)| fresh(n)).collect();
                        struct Rebind<'f>(&'f dyn Fn(&syn::Ident) -> syn::Ident, &'f [(syn::Ident, bool)]);
                        impl syn::visit_mut::VisitMut for Rebind<'_> {
                            fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
                                if self.1.iter().any(|(n, _)| *n == p.ident) {
                                    p.ident = (self.0)(&p.ident);
                                }
                                syn::visit_mut::visit_pat_ident_mut(self, p);
                            }
                            fn visit_field_pat_mut(&mut self, f: &mut syn::FieldPat) {
                                // `S { x }` binding `x` becomes `S { x: __x }`.
                                if f.colon_token.is_none() {
                                    f.colon_token = Some(Default::default());
                                }
                                syn::visit_mut::visit_field_pat_mut(self, f);
                            }
                            fn visit_expr_mut(&mut self, _: &mut Expr) {}
                        }
                        let mut pat = local.pat.clone();
                        syn::visit_mut::VisitMut::visit_pat_mut(&mut Rebind(&fresh, &names), &mut pat);
                        let (expr, diverge) = (&init.expr, &init.diverge.as_ref().unwrap().1);
                        // (Marked: the value that does not match is dropped before the `else`
                        // runs, unlike a `match` scrutinee's.)
                        let desugared: Stmt = parse_quote! {
                            let (#(#outer,)*) = #[__let_else] match #expr { #pat => (#(#inner,)*), _ => #diverge };
                        };
                        self.stmt(desugared, out);
                        return;
                    }
                }
                // `let inner: &mut Vec<u32> = v;` (or `= *vv;`) reborrows, as the type asks, and
                // does not move: written `&mut *v`, it is seen to borrow `v`, which lives on.
                if let (Pat::Type(t), None) = (&local.pat, &init.diverge) {
                    let mut place = &*init.expr;
                    while let Expr::Unary(syn::ExprUnary { op: syn::UnOp::Deref(_), expr, .. }) = place {
                        place = expr;
                    }
                    let named = matches!(place, Expr::Path(p) if p.path.get_ident().is_some() && p.qself.is_none());
                    if matches!(&*t.ty, syn::Type::Reference(r) if r.mutability.is_some()) && named {
                        let mut local = local.clone();
                        let value = &init.expr;
                        local.init = Some(LocalInit { eq_token: init.eq_token, expr: Box::new(parse_quote!(&mut *#value)), diverge: None });
                        self.stmt(Stmt::Local(local), out);
                        return;
                    }
                }
                // `let P = value;` with `ref` bindings in P borrows the (extended) temporary: it
                // becomes a local, so that it can live across awaits.
                if init.diverge.is_none() && has_ref_binding(&local.pat) && !is_place(&init.expr) {
                    let name = self.fresh_temp(init.expr.span());
                    let value = &init.expr;
                    self.stmt(parse_quote!(let mut #name = #value;), out);
                    local.init = Some(LocalInit {
                        eq_token: init.eq_token,
                        expr: Box::new(parse_quote!(#name)),
                        diverge: None,
                    });
                    out.push(Stmt::Local(local));
                    return;
                }
                // `let x = pin!(value);` pins a temporary where it lies: it becomes a local
                // (which never moves: it gets a frame slot if the pin lives across an await).
                if let Expr::Macro(m) = &*init.expr {
                    if init.diverge.is_none()
                        && m.mac.path.segments.last().is_some_and(|s| s.ident == "pin")
                    {
                        if let Ok(value) = m.mac.parse_body::<Expr>() {
                            let name = self.fresh_temp(value.span());
                            self.stmt(parse_quote!(let mut #name = #value;), out);
                            local.init = Some(LocalInit {
                                eq_token: init.eq_token,
                                expr: Box::new(
                                    parse_quote!(unsafe { ::core::pin::Pin::new_unchecked(&mut #name) }),
                                ),
                                diverge: None,
                            });
                            out.push(Stmt::Local(local));
                            return;
                        }
                    }
                }
                // `let e = { ..; &make() };`, `if c { &a() } else { &b() }`, a `match` whose
                // arms are `&make()`: a tail's `&` extends its temporary to the end of the
                // enclosing block too. Each becomes a local declared before the `let` without a
                // value, assigned where the tail makes it.
                if init.diverge.is_none()
                    && !expr_awaits(&init.expr)
                    && matches!(&*init.expr, Expr::Block(_) | Expr::If(_) | Expr::Match(_))
                {
                    let mut expr = (*init.expr).clone();
                    let mut temps = Vec::new();
                    self.extend_tails(&mut expr, &mut temps);
                    if !temps.is_empty() {
                        out.extend(temps.iter().map(|t| -> Stmt { parse_quote!(let mut #t;) }));
                        local.init = Some(LocalInit { eq_token: init.eq_token, expr: Box::new(expr), diverge: None });
                        out.push(Stmt::Local(local));
                        return;
                    }
                }
                // `let x = &make();` and `let d = &make().field;` extend `make()` to the end of
                // the block: it becomes a local of its own, so that it can live across awaits
                // like one.
                if let (Expr::Reference(r), None) = (&*init.expr, &init.diverge) {
                    let mut reference = r.clone();
                    if let Some(root) = extended_temporary(&mut reference.expr) {
                        let name = self.fresh_temp(root.span());
                        let value = std::mem::replace(root, parse_quote!(#name));
                        self.stmt(parse_quote!(let mut #name = #value;), out);
                        local.init = Some(LocalInit { eq_token: init.eq_token, expr: Box::new(Expr::Reference(reference)), diverge: None });
                        out.push(Stmt::Local(local));
                        return;
                    }
                }
                // `let p = (&make(), ..);` (a tuple, array or struct literal) extends the
                // temporaries of its `&` elements to the end of the block, too.
                if init.diverge.is_none() && expr_awaits(&init.expr) {
                    let mut init = init;
                    self.hoist_extended(&mut init.expr, out);
                    local.init = Some(init);
                    let Some(init) = local.init.take() else {
                        unreachable!()
                    };
                    let LocalInit {
                        eq_token,
                        expr,
                        diverge,
                    } = init;
                    let (pre, expr) = self.expr(*expr, true);
                    let expr = wrap_spills(pre, expr);
                    local.init = Some(LocalInit {
                        eq_token,
                        expr: Box::new(expr),
                        diverge,
                    });
                    out.push(Stmt::Local(local));
                    return;
                }
                if !expr_awaits(&init.expr) {
                    // `let p = (&make(), 1);` extends the `&` element's temporary too.
                    let mut init = init;
                    if init.diverge.is_none() && builds_value(&init.expr) {
                        self.hoist_extended(&mut init.expr, out);
                    }
                    local.init = Some(init);
                    out.push(Stmt::Local(local));
                    return;
                }
                let LocalInit {
                    eq_token,
                    expr,
                    diverge,
                } = init;
                let (pre, expr) = self.expr(*expr, true);
                let expr = wrap_spills(pre, expr);
                local.init = Some(LocalInit {
                    eq_token,
                    expr: Box::new(expr),
                    diverge,
                });
                out.push(Stmt::Local(local));
            }
            Stmt::Expr(expr, semi) => {
                if !expr_awaits(&expr) {
                    out.push(Stmt::Expr(expr, semi));
                    return;
                }
                let (pre, expr) = self.expr(expr, true);
                out.push(Stmt::Expr(wrap_spills(pre, expr), semi));
            }
            Stmt::Macro(mac) => {
                if !tokens_await(&mac.mac.tokens) {
                    out.push(Stmt::Macro(mac));
                    return;
                }
                let expr = Expr::Macro(syn::ExprMacro {
                    attrs: mac.attrs,
                    mac: mac.mac,
                });
                let (pre, expr) = self.expr(expr, true);
                let semi = mac.semi_token.or_else(|| Some(Default::default()));
                out.push(Stmt::Expr(wrap_spills(pre, expr), semi));
            }
            Stmt::Item(item) => out.push(Stmt::Item(item)),
        }
    }

    /// Normalizes one expression. Returns the statements to run first (spills) and what is
    /// left: await-free, a site, or (when `top`) a construct.
    fn expr(&mut self, expr: Expr, top: bool) -> (Vec<Stmt>, Expr) {
        if !expr_awaits(&expr) {
            return (Vec::new(), expr);
        }
        match expr {
            Expr::Await(mut aw) => {
                let (mut pre, mut base) = self.operand(*aw.base);
                // (Inside a larger expression, a borrowed temporary would drop before the
                // statement ends: only a chained await's output (`a().await.finish()`) is
                // taken into a block there.)
                if awaited_in_block(&base, top) {
                    aw.attrs.push(parse_quote!(#[__in_block]));
                    aw.base = Box::new(base);
                    return (pre, Expr::Await(aw));
                }
                // Temporaries the awaited expression borrows live to the end of the
                // statement, across the await: they become locals.
                self.spill_temps(&mut base, &mut pre, true);
                aw.base = Box::new(base);
                (pre, Expr::Await(aw))
            }
            Expr::If(_)
            | Expr::Match(_)
            | Expr::Loop(_)
            | Expr::While(_)
            | Expr::ForLoop(_)
            | Expr::Block(_)
            | Expr::Unsafe(_) => {
                let (pre, construct) = self.construct(expr);
                if top {
                    (pre, construct)
                } else {
                    self.spill(pre, construct)
                }
            }
            Expr::Binary(bin)
                if matches!(bin.op, syn::BinOp::And(_) | syn::BinOp::Or(_))
                    && expr_awaits(&bin.right) =>
            {
                // Short-circuit: the right side runs only if the left says so.
                let (left, right) = (bin.left, bin.right);
                let as_if: Expr = match bin.op {
                    // (Parenthesized: a struct literal may start `left`.)
                    syn::BinOp::And(_) => parse_quote!(if (#left) { #right } else { false }),
                    _ => parse_quote!(if (#left) { true } else { #right }),
                };
                self.expr(as_if, top)
            }
            // `x.await?` and `return x.await` end their statement with the await.
            Expr::Try(mut t) if top && matches!(&*t.expr, Expr::Await(_)) => {
                let (pre, inner) = self.expr(*t.expr, true);
                t.expr = Box::new(inner);
                (pre, Expr::Try(t))
            }
            Expr::Return(syn::ExprReturn { attrs, return_token, expr: Some(value) })
                if top && matches!(&*value, Expr::Await(_) | Expr::Try(_)) =>
            {
                let (pre, value) = self.expr(*value, true);
                (pre, Expr::Return(syn::ExprReturn { attrs, return_token, expr: Some(Box::new(value)) }))
            }
            Expr::Paren(mut p) => {
                let (pre, inner) = self.expr(*p.expr, false);
                p.expr = Box::new(inner);
                (pre, Expr::Paren(p))
            }
            Expr::Group(mut g) => {
                let (pre, inner) = self.expr(*g.expr, top);
                g.expr = Box::new(inner);
                (pre, Expr::Group(g))
            }
            Expr::Macro(m) => self.macro_expr(m),
            Expr::Closure(_) | Expr::Async(_) | Expr::Const(_) => (Vec::new(), expr),
            mut other => {
                let spans = other.span();
                let mut given = self.give_receiver(&mut other);
                let children = children_in_order(&mut other);
                match children {
                    Some(children) => {
                        given.extend(self.ordered(children));
                        (given, other)
                    }
                    None => {
                        self.errors.push(syn::Error::new(
                            spans,
                            "async-lower: this kind of expression cannot contain an `.await` here; \
                             bind the awaited value first: `let value = ...await;`",
                        ));
                        (Vec::new(), other)
                    }
                }
            }
        }
    }

    /// `s.conn.send(x.await)` where the file declares `send` taking `self` for the type of
    /// `s.conn`: natively the receiver moves into the call before the argument awaits, and
    /// drops first if the future is dropped there. It is moved into a temporary first, and
    /// the method called by its path (see `receivers::taken_by_type`): `let mut __t0 =
    /// s.conn;` .. `Conn::send(__t0, ..)`. Returns that `let`.
    fn give_receiver(&mut self, e: &mut Expr) -> Vec<Stmt> {
        let Expr::MethodCall(m) = e else { return Vec::new() };
        // (A field, whose declared type says whether it is a box or a reference, or a local
        // bound to a literal; a parameter `b: Box<Conn>` is typed `Conn`.)
        let place = match &*m.receiver {
            Expr::Field(_) => {
                !has_index(&m.receiver)
                    && crate::analyze::field_root(&m.receiver).is_some()
                    && !crate::analyze::receivers::typed_through(&m.receiver)
            }
            Expr::Path(p) => p.path.get_ident().is_some_and(|i| self.literal.contains(&i.to_string())),
            _ => false,
        };
        if !place || !m.args.iter().any(expr_awaits) {
            return Vec::new();
        }
        let Some(ty) = crate::analyze::receivers::taken_by_type(&m.receiver, &m.method.to_string(), m.args.len()) else {
            return Vec::new();
        };
        let spill = self.spill_whole(&mut m.receiver);
        *e = crate::util::call_by_path(&ty, m);
        vec![spill]
    }

    /// The tails of a `let` initializer's blocks, `if` branches and `match` arms that are
    /// `&make()` (or `&make().field`): each becomes `{ __tN = make(); &__tN }`, with `__tN`
    /// pushed to `temps` (declared before the `let`).
    fn extend_tails(&mut self, e: &mut Expr, temps: &mut Vec<syn::Ident>) {
        match e {
            Expr::Paren(p) => self.extend_tails(&mut p.expr, temps),
            Expr::Block(b) if b.label.is_none() => {
                if let Some(Stmt::Expr(tail, None)) = b.block.stmts.last_mut() {
                    self.extend_tails(tail, temps);
                }
            }
            Expr::If(i) => {
                if let Some(Stmt::Expr(tail, None)) = i.then_branch.stmts.last_mut() {
                    self.extend_tails(tail, temps);
                }
                if let Some((_, els)) = &mut i.else_branch {
                    self.extend_tails(els, temps);
                }
            }
            Expr::Match(m) => m.arms.iter_mut().for_each(|a| self.extend_tails(&mut a.body, temps)),
            Expr::Reference(r) => {
                if let Some(root) = extended_temporary(&mut r.expr) {
                    let name = self.fresh_temp(root.span());
                    let value = std::mem::replace(root, parse_quote!(#name));
                    *e = parse_quote!({ #name = #value; #e });
                    temps.push(name);
                }
            }
            _ => {}
        }
    }

    /// In a `let` initializer, `&value` elements of tuple, array and struct literals have
    /// their temporaries extended to the end of the block: make them locals declared before
    /// the `let`.
    fn hoist_extended(&mut self, expr: &mut Expr, out: &mut Vec<Stmt>) {
        // (With no `&value` among them, nothing is hoisted: an element spilled here would
        // drop its own temporaries at once, not at the end of the `let`.)
        // (Up to the first element that awaits, which is evaluated in its place: `&T(x.await)`
        // is hoisted whole, its await with it.)
        fn extends(e: &Expr) -> bool {
            match e {
                Expr::Reference(r) => is_value_expr(&r.expr),
                e => literal_elems(e).is_some_and(|elems| {
                    let first_await = elems.iter().position(|e| expr_awaits(e)).map_or(elems.len(), |i| i + 1);
                    elems.into_iter().take(first_await).any(extends)
                }),
            }
        }
        if !extends(expr) {
            return;
        }
        let elems: Vec<&mut Expr> = match expr {
            Expr::Tuple(t) => t.elems.iter_mut().collect(),
            Expr::Array(a) => a.elems.iter_mut().collect(),
            Expr::Struct(s) => s.fields.iter_mut().map(|f| &mut f.expr).collect(),
            Expr::Call(c) if is_constructor(&c.func) => c.args.iter_mut().collect(),
            _ => return,
        };
        // Only elements before the last await are evaluated first; later ones keep their
        // place in the evaluation order only if they are pure, so stop at the first await.
        for e in elems {
            if expr_awaits(e) {
                match e {
                    Expr::Reference(r) if is_value_expr(&r.expr) => {
                        let name = self.fresh_temp(r.expr.span());
                        let value = std::mem::replace(&mut *r.expr, parse_quote!(#name));
                        self.stmt(parse_quote!(let mut #name = #value;), out);
                    }
                    nested @ (Expr::Tuple(_) | Expr::Array(_) | Expr::Struct(_) | Expr::Call(_)) => self.hoist_extended(nested, out),
                    _ => {}
                }
                break;
            }
            match e {
                Expr::Reference(r) if is_value_expr(&r.expr) => out.push(self.spill_whole(&mut r.expr)),
                nested @ (Expr::Tuple(_) | Expr::Array(_) | Expr::Struct(_)) => {
                    self.hoist_extended(nested, out)
                }
                nested @ Expr::Call(_) if literal_elems(nested).is_some() => self.hoist_extended(nested, out),
                // Keep the evaluation order: what runs before a hoisted element runs first.
                other if !is_pure(other, false) => out.push(self.spill_whole(other)),
                _ => {}
            }
        }
    }

    /// An `if let` whose blocks await: the scrutinee's temporaries become locals before it
    /// (edition 2024: they live through the then-block, across its awaits), and the else
    /// block starts by dropping those the scrutinee borrows (they drop before it runs).
    fn keep_scrutinee_temps(
        &mut self,
        scrutinee: &mut Expr,
        pat: &Pat,
        pre: &mut Vec<Stmt>,
        else_branch: &mut Option<(syn::Token![else], Box<Expr>)>,
    ) {
        self.spill_temps(scrutinee, pre, false);
        let mut borrowed = scrutinee_temps(scrutinee, pre);
        // `if let Some(ref v) = make()`: `ref` bindings borrow the
        // scrutinee's value itself, which lives on whole when the pattern
        // moves nothing out (`if let Some(_) = make()`).
        if !is_place(scrutinee) && (has_ref_binding(pat) || !binds_by_value(pat)) {
            pre.push(self.spill_whole(scrutinee));
            borrowed.push(scrutinee.to_token_stream().to_string());
        }
        let drops = drops_of(pre, &borrowed);
        if !drops.is_empty() {
            match else_branch {
                Some((_, els)) => {
                    let old = std::mem::replace(
                        &mut **els,
                        Expr::Verbatim(TokenStream::new()),
                    );
                    **els = parse_quote!({ #(#drops)* #old });
                }
                None => {
                    *else_branch = Some((
                        Default::default(),
                        Box::new(parse_quote!({ #(#drops)* })),
                    ));
                }
            }
        }
    }

    /// Spills the temporaries an expression borrows, down into call arguments and method
    /// receivers: the temporaries of an awaited expression, a `match` or `if let` scrutinee
    /// or a `for` iterator live to the end of the construct, across the awaits in it
    /// (`for x in lines(&read()) { .. }`, `match v.get(&key()) { .. }`). `awaited`: the
    /// outermost call makes the awaited future, which may take its receiver.
    fn spill_temps(&mut self, e: &mut Expr, pre: &mut Vec<Stmt>, awaited: bool) {
        let taken = std::mem::take(&mut self.taken);
        match e {
            Expr::Call(c) => self.spill_args(c.args.iter_mut().map(|a| (a, false)).collect(), pre),
            Expr::MethodCall(m) => {
                let method = m.method.to_string();
                // (`Request { .. }.send().await`: a future that takes its receiver.) A
                // builder's chain taken by value (`Req::new(u).header(..).send().await`) is
                // taken link by link: a method that gave back a borrow could not give the
                // next one a value to take.
                // (Where the file declares the method, its declarations for the receiver's
                // type, where the syntax shows it, say: a guard's own `count(&self)` is not
                // an iterator's.)
                // (The declaration wins over the chain: `Wrap(t).opt().unwrap().await` of
                // `fn opt(&self)` keeps `Wrap(t)` to the end of the statement. So does a name
                // that lends: `cell.borrow_mut().take().unwrap()`, `q.borrow_mut().pop_front()`.
                // A wrong guess that way spills a local that the call then moves.)
                let consumes = match crate::analyze::receivers::declared_on(&m.receiver, &method, m.args.len()) {
                    Some(r) => r == crate::analyze::receivers::Receiver::Taken,
                    None => {
                        let lends = crate::analyze::borrows_receiver(&method) || crate::analyze::keeps_receiver(&method);
                        (if awaited {
                            crate::analyze::awaited_method_consumes(&m.receiver, &method, m.args.len())
                        } else {
                            crate::analyze::consumes_receiver(&method, m.args.len())
                        }) || (taken && !lends)
                    }
                };
                self.taken = consumes;
                let mut operands = vec![(&mut *m.receiver, !consumes)];
                operands.extend(m.args.iter_mut().map(|a| (a, false)));
                self.spill_args(operands, pre);
            }
            // The base of a field or index, the operand of `&` or `*`: a place, a temporary if
            // it is a value.
            Expr::Reference(syn::ExprReference { expr: inner, .. }) if is_borrowed_value(inner) => {
                self.spill_temps(inner, pre, false);
                pre.push(self.spill_whole(inner));
            }
            Expr::Field(syn::ExprField { base: inner, .. })
            | Expr::Index(syn::ExprIndex { expr: inner, .. })
            | Expr::Reference(syn::ExprReference { expr: inner, .. })
            | Expr::Unary(syn::ExprUnary { op: syn::UnOp::Deref(_), expr: inner, .. }) => {
                self.spill_args(vec![(&mut **inner, true)], pre)
            }
            // (The right of `&&` and `||` may not run.)
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
                self.spill_temps(&mut b.left, pre, false)
            }
            Expr::Binary(b) => {
                let borrowed = crate::analyze::is_comparison(&b.op);
                self.spill_args(vec![(&mut *b.left, borrowed), (&mut *b.right, borrowed)], pre)
            }
            // `0..Tracker::new("t").name().len()`: the temporaries of a bound made from a
            // value. (Not one read from a place, `..=*ri.end()`: its reference would be
            // kept, and `ri` with it.)
            Expr::Range(r) => {
                fn from_value(e: &Expr) -> bool {
                    match e {
                        Expr::MethodCall(m) => from_value(&m.receiver),
                        Expr::Unary(syn::ExprUnary { expr: inner, .. })
                        | Expr::Field(syn::ExprField { base: inner, .. })
                        | Expr::Paren(syn::ExprParen { expr: inner, .. })
                        | Expr::Cast(syn::ExprCast { expr: inner, .. }) => from_value(inner),
                        Expr::Binary(b) => from_value(&b.left) || from_value(&b.right),
                        e => is_value_expr(e) && !matches!(e, Expr::Lit(_)),
                    }
                }
                let bounds = [&mut r.start, &mut r.end].into_iter().flatten().filter(|b| from_value(b)).map(|b| (&mut **b, false)).collect();
                self.spill_args(bounds, pre)
            }
            Expr::Paren(syn::ExprParen { expr: inner, .. })
            | Expr::Try(syn::ExprTry { expr: inner, .. })
            | Expr::Cast(syn::ExprCast { expr: inner, .. }) => self.spill_temps(inner, pre, false),
            // `(len_of(&mk()), x.await)`: the elements' temporaries, as a call's arguments'.
            Expr::Tuple(syn::ExprTuple { elems, .. }) | Expr::Array(syn::ExprArray { elems, .. }) => {
                self.spill_args(elems.iter_mut().map(|e| (e, false)).collect(), pre)
            }
            _ => {}
        }
    }

    /// Spills the temporaries of operands in evaluation order. An operand that is `borrowed`
    /// (a receiver taken by reference) and makes a value is spilled whole; an operand
    /// evaluated before a spilled temporary is spilled too (`f(a(), &b())` runs `a` first).
    fn spill_args(&mut self, operands: Vec<(&mut Expr, bool)>, pre: &mut Vec<Stmt>) {
        let mut spills: Vec<Vec<Stmt>> = Vec::new();
        let mut operands = operands;
        for (e, borrowed) in operands.iter_mut() {
            let mut own = Vec::new();
            self.spill_temps(e, &mut own, false);
            if *borrowed && is_value_expr(e) {
                own.push(self.spill_whole(e));
            }
            spills.push(own);
        }
        let last = spills.iter().rposition(|s| !s.is_empty());
        for (i, ((e, _), own)) in operands.into_iter().zip(spills).enumerate() {
            pre.extend(own);
            // (A place is left where it is: spilling it would move it.)
            if last.is_some_and(|last| i < last) && !is_pure(e, false) && !is_place(e) {
                pre.push(self.spill_whole(e));
            }
        }
    }

    /// Evaluates the indices of a place into temporaries (`v[i + 1].x` → `v[__t0].x`), and
    /// checks them where native indexes (`let _ = &v[__t0].x;` panics out of bounds before
    /// the await, and borrows nothing after). Not a place reached through the file's own
    /// `Index` or `Deref`: the check would run that code a second time.
    fn spill_indices(&mut self, place: &mut Expr, pre: &mut Vec<Stmt>) {
        self.spill_index_values(place, pre);
        if has_index(place) && !crate::analyze::receivers::user_place(place) {
            pre.push(parse_quote!(let _ = &#place;));
        }
    }

    fn spill_index_values(&mut self, place: &mut Expr, pre: &mut Vec<Stmt>) {
        match place {
            Expr::Field(f) => self.spill_index_values(&mut f.base, pre),
            Expr::Paren(p) => self.spill_index_values(&mut p.expr, pre),
            Expr::Index(i) => {
                self.spill_index_values(&mut i.expr, pre);
                // (A range is not `Copy`: its bounds are spilled, as it is used twice.)
                let bounds: Vec<&mut Expr> = match &mut *i.index {
                    Expr::Range(r) => [&mut r.start, &mut r.end].into_iter().flatten().map(|b| &mut **b).collect(),
                    index => vec![index],
                };
                for b in bounds {
                    // (One that awaits too, `grid[r.await][c.await]`: its place stays a place.)
                    if !is_pure(b, false) {
                        pre.push(self.spill_whole(b));
                    }
                }
            }
            _ => {}
        }
    }

    /// `let mut __tN = e;`, leaving `__tN` in its place.
    fn spill_whole(&mut self, e: &mut Expr) -> Stmt {
        let name = self.fresh_temp(e.span());
        let value = std::mem::replace(e, parse_quote!(#name));
        parse_quote!(let mut #name = #value;)
    }

    /// The operand of an await: if it awaits itself, spill it whole into a temporary.
    fn operand(&mut self, base: Expr) -> (Vec<Stmt>, Expr) {
        if !expr_awaits(&base) {
            return (Vec::new(), base);
        }
        // The inner awaits are spilled; what is left (`h.push(__t0)`) is built in place like
        // any awaited expression, after the suspension parks the locals it borrows. (An
        // await left as the whole base, `a.await.await`, is spilled.)
        let (mut pre, mut base) = self.expr(base, false);
        // Awaits left in first-evaluated places (`h.push(x.await)`) become temporaries
        // first (`let __t0 = x.await;`), in evaluation order.
        struct Spill<'n> {
            normalizer: &'n mut Normalizer,
            pre: &'n mut Vec<Stmt>,
        }
        impl syn::visit_mut::VisitMut for Spill<'_> {
            fn visit_expr_mut(&mut self, e: &mut Expr) {
                if let Expr::Await(_) = e {
                    self.pre.push(self.normalizer.spill_whole(e));
                    return;
                }
                syn::visit_mut::visit_expr_mut(self, e);
            }
            fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
            fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
            fn visit_item_mut(&mut self, _: &mut syn::Item) {}
        }
        if expr_awaits(&base) {
            let mut spill = Spill {
                normalizer: self,
                pre: &mut pre,
            };
            syn::visit_mut::VisitMut::visit_expr_mut(&mut spill, &mut base);
        }
        (pre, base)
    }

    /// Evaluates `expr` into a fresh temporary: `let __tN = expr;`.
    fn spill(&mut self, mut pre: Vec<Stmt>, mut expr: Expr) -> (Vec<Stmt>, Expr) {
        pre.push(self.spill_whole(&mut expr));
        (pre, expr)
    }

    /// Children evaluated left to right: everything before the last child that awaits is
    /// spilled (unless evaluating it has no effect), that child is normalized in place.
    fn ordered(&mut self, children: Vec<Child<'_>>) -> Vec<Stmt> {
        self.ordered_spilling(children, false)
    }

    /// As [`Self::ordered`]; with `spill_awaits`, every child that awaits is spilled too
    /// (macro arguments: the emitter cannot see awaits inside a macro's tokens).
    fn ordered_spilling(&mut self, children: Vec<Child<'_>>, spill_awaits: bool) -> Vec<Stmt> {
        let last = children.iter().rposition(|c| expr_awaits(c.expr));
        let Some(last) = last else { return Vec::new() };
        let mut pre = Vec::new();
        for (i, child) in children.into_iter().enumerate() {
            if i > last {
                break;
            }
            let mut expr = std::mem::replace(child.expr, Expr::Verbatim(TokenStream::new()));
            if i < last || spill_awaits {
                // A place reached through the file's own `Index` or `Deref` (`&mut grid[0]`,
                // `grid[0] > x.await`) runs that code once, where native evaluates it, before
                // the await: the reference is taken there and held across the await.
                let user_place = |e: &Expr| is_place(e) && crate::analyze::receivers::user_place(e);
                match &mut expr {
                    Expr::Reference(r) if user_place(&r.expr) => {
                        pre.push(self.spill_whole(&mut expr));
                        *child.expr = expr;
                        continue;
                    }
                    // (So does `*pick(..) += x.await` of a `String`: `AddAssign::add_assign(&mut
                    // place, ..)` reaches the place before the value's await, and holds it.)
                    e if (child.shared && user_place(e)) || (child.mutated && !expr_awaits(e) && (user_place(e) || !is_pure(e, true))) => {
                        let mut lent: Expr = if child.mutated { parse_quote!(&mut #e) } else { parse_quote!(&#e) };
                        pre.push(self.spill_whole(&mut lent));
                        *child.expr = parse_quote!((*#lent));
                        continue;
                    }
                    _ => {}
                }
                // A place (`v[i + 1]`, `&mut v[0]`, `&s[1..]`) stays a place, read after the
                // await: only the indices it computes are evaluated first.
                match &mut expr {
                    Expr::Reference(r) if is_place(&r.expr) => self.spill_indices(&mut r.expr, &mut pre),
                    e if child.place && is_place(e) => self.spill_indices(e, &mut pre),
                    _ => {}
                }
                // A local that owns its value, taken by value (`eat(v, x.await)`), moves into
                // the operand before the await: natively, cancelled there, it drops with the
                // statement's temporaries, before the locals declared after it.
                let moves_local = child.moved && i < last && self.owns(&expr);
                if (is_pure(&expr, child.place) && !moves_local) || (spill_awaits && i > last) {
                    *child.expr = expr;
                    continue;
                }
                // `&value`: the value becomes a local that lives across the await (as the
                // native temporary does) and the reference is taken after it resumes.
                if let Expr::Reference(mut r) = expr {
                    let inner = std::mem::replace(&mut *r.expr, Expr::Verbatim(TokenStream::new()));
                    let (p, e) = self.expr(inner, false);
                    pre.extend(p);
                    let (p, e) = self.spill(Vec::new(), e);
                    pre.extend(p);
                    *r.expr = e;
                    *child.expr = Expr::Reference(r);
                    continue;
                }
                let (p, mut e) = self.expr(expr, false);
                pre.extend(p);
                // Its temporaries (`Tracker::new("t").name()`, `a.await.name()`) live to the
                // end of the statement, across the await: they become locals too.
                self.spill_temps(&mut e, &mut pre, false);
                // A place read where it is (`format!("{:?}", *m.lock().await)`, a comparison's
                // operand) stays a place of its spilled temporary: spilled by value, it would
                // move out of it (E0507).
                if child.place && is_place(&e) && !expr_awaits(&e) {
                    *child.expr = e;
                    continue;
                }
                let (p, e) = self.spill(Vec::new(), e);
                pre.extend(p);
                *child.expr = e;
            } else {
                // The awaited value borrowed after spilled operands (`same(&t(), &x.await)`,
                // `a.await == b.await`) is, natively, the statement's last temporary, which
                // drops first: as a local declared after theirs, it does.
                let borrowed_await = !pre.is_empty()
                    && match &expr {
                        Expr::Reference(r) => matches!(&*r.expr, Expr::Await(_)),
                        Expr::Await(_) => child.place,
                        _ => false,
                    };
                let (p, mut e) = self.expr(expr, false);
                pre.extend(p);
                if borrowed_await {
                    match &mut e {
                        Expr::Reference(r) if matches!(&*r.expr, Expr::Await(_)) => pre.push(self.spill_whole(&mut r.expr)),
                        Expr::Await(_) => pre.push(self.spill_whole(&mut e)),
                        _ => {}
                    }
                }
                *child.expr = e;
            }
        }
        pre
    }

    fn macro_expr(&mut self, m: syn::ExprMacro) -> (Vec<Stmt>, Expr) {
        let name = m
            .mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        let parsed = if crate::util::takes_expr_args(&name) {
            syn::parse::Parser::parse2(
                Punctuated::<Expr, Token![,]>::parse_terminated,
                m.mac.tokens.clone(),
            )
            .ok()
        } else {
            None
        };
        // `vec![value; n]`: two expressions, evaluated in that order.
        if name == "vec" && parsed.is_none() {
            let repeat = syn::parse::Parser::parse2(
                |input: syn::parse::ParseStream| -> syn::Result<(Expr, Expr)> {
                    let e: Expr = input.parse()?;
                    input.parse::<Token![;]>()?;
                    let n: Expr = input.parse()?;
                    Ok((e, n))
                },
                m.mac.tokens.clone(),
            );
            if let Ok((mut value, mut count)) = repeat {
                let children = vec![
                    place(&mut value),
                    place(&mut count),
                ];
                let pre = self.ordered_spilling(children, true);
                let mut mac = m;
                mac.mac.tokens = quote::quote!(#value; #count);
                return (pre, Expr::Macro(mac));
            }
        }
        // `matches!(value, PATTERN)`: only the value is an expression.
        if name == "matches" {
            let split = syn::parse::Parser::parse2(
                |input: syn::parse::ParseStream| -> syn::Result<(Expr, TokenStream)> {
                    let e: Expr = input.parse()?;
                    let rest: TokenStream = input.parse()?;
                    Ok((e, rest))
                },
                m.mac.tokens.clone(),
            );
            if let Ok((value, rest)) = split {
                let (mut pre, value) = self.expr(value, false);
                let (p, value) = self.spill(Vec::new(), value);
                pre.extend(p);
                let mut mac = m;
                mac.mac.tokens = quote::quote!(#value #rest);
                return (pre, Expr::Macro(mac));
            }
        }
        let Some(mut args) = parsed else {
            self.errors.push(syn::Error::new_spanned(
                &m.mac.path,
                format!(
                    "async-lower: cannot see inside `{name}!`, which contains an `.await`; \
                     await before the macro (`let value = ...await;`) and pass the value, or wrap it: \
                     `async {{ {name}!(...) }}.await`"
                ),
            ));
            return (Vec::new(), Expr::Macro(m));
        };
        // `assert!(x.await > 1)` panics with its condition's text, which a spilled
        // condition (`assert!(__t1)`) would change: the text is given as the message.
        let condition_text = (matches!(name.as_str(), "assert" | "debug_assert") && args.len() == 1)
            .then(|| args[0].to_token_stream());
        // `name = value` is a named argument (`format!("{x}", x = f().await)`): only the
        // value is an expression.
        let children = args
            .iter_mut()
            .map(|e| {
                let named = matches!(e, Expr::Assign(a) if matches!(&*a.left, Expr::Path(p) if p.path.get_ident().is_some()));
                let expr = if named {
                    let Expr::Assign(a) = e else { unreachable!() };
                    &mut *a.right
                } else {
                    e
                };
                place(expr)
            })
            .collect();
        let pre = self.ordered_spilling(children, true);
        let mut mac = m;
        mac.mac.tokens = match condition_text {
            Some(text) if !pre.is_empty() => {
                let condition = &args[0];
                quote::quote!(#condition, "assertion failed: {}", ::core::stringify!(#text))
            }
            _ => args.to_token_stream(),
        };
        (pre, Expr::Macro(mac))
    }

    /// Normalizes a control construct: its header may become a site, its blocks are
    /// normalized, and loops that await are desugared to `loop`.
    fn construct(&mut self, expr: Expr) -> (Vec<Stmt>, Expr) {
        match expr {
            // `if let Some(x) = a && f(x).await { T } else { E }` (see `nests_let_chain`).
            // Nested `if`s do the same in the same order, with one exit for the `else`:
            // `'l: { if let Some(x) = a { if f(x).await { break 'l { T } } } E }`.
            Expr::If(mut e) if nests_let_chain(&e) => {
                let label = syn::Lifetime::new(&format!("'__chain{}", self.rewritten), Span::call_site());
                self.rewritten += 1;
                self.label_loop_exits(&mut e);
                let mut conds = Vec::new();
                conjuncts(&e.cond, &mut conds);
                let then = &e.then_branch;
                let mut nested: Block = parse_quote!({ break #label #then; });
                for c in conds.into_iter().rev() {
                    nested = parse_quote!({ if #c #nested });
                }
                let stmts = &nested.stmts;
                let otherwise = e.else_branch.as_ref().map(|(_, els)| quote::quote!(#els));
                self.construct(parse_quote!(#label: { #(#stmts)* #otherwise }))
            }
            Expr::If(mut e) => {
                let cond = std::mem::replace(&mut *e.cond, Expr::Verbatim(TokenStream::new()));
                let blocks_await = block_awaits(&e.then_branch)
                    || e.else_branch.as_ref().is_some_and(|(_, b)| expr_awaits(b));
                let (pre, cond) = match cond {
                    Expr::Let(mut l) => {
                        let (mut pre, mut scrutinee) = self.expr(*l.expr, false);
                        // Edition 2024: the scrutinee's temporaries live through the then-block
                        // (across its awaits) and are dropped before the else-block runs.
                        if blocks_await {
                            self.keep_scrutinee_temps(&mut scrutinee, &l.pat, &mut pre, &mut e.else_branch);
                        }
                        l.expr = Box::new(scrutinee);
                        (pre, Expr::Let(l))
                    }
                    mut cond => {
                        // A let chain led by a `let` (`if let Some(y) = make().get() && y > 0`):
                        // the first scrutinee's temporaries live through the then-block, as above.
                        let chain = if blocks_await && !expr_awaits(&cond) { leftmost_let(&mut cond) } else { None };
                        if let Some(l) = chain {
                            let mut pre = Vec::new();
                            let pat = (*l.pat).clone();
                            self.keep_scrutinee_temps(&mut l.expr, &pat, &mut pre, &mut e.else_branch);
                            (pre, cond)
                        } else {
                            let (pre, cond) = self.expr(cond, false);
                            if pre.is_empty() {
                                (pre, cond)
                            } else {
                                // The condition's temporaries drop when it has been evaluated,
                                // before a branch runs: evaluate it into a local of its own.
                                let name = self.fresh_temp(cond.span());
                                let value = wrap_spills(pre, cond);
                                (vec![parse_quote!(let #name = #value;)], parse_quote!(#name))
                            }
                        }
                    }
                };
                *e.cond = cond;
                e.then_branch = self.block(e.then_branch);
                if let Some((else_token, else_branch)) = e.else_branch.take() {
                    let else_branch = match *else_branch {
                        Expr::If(nested) if header_awaits(&nested) => {
                            // `else if c.await`: the condition must be a statement's await.
                            let block = self.block(Block {
                                brace_token: Default::default(),
                                stmts: vec![Stmt::Expr(Expr::If(nested), None)],
                            });
                            Expr::Block(syn::ExprBlock {
                                attrs: vec![],
                                label: None,
                                block,
                            })
                        }
                        Expr::If(nested) if expr_awaits(&Expr::If(nested.clone())) => {
                            let (p, nested) = self.construct(Expr::If(nested));
                            // (A let chain became a labelled block, which `else` cannot take.)
                            let labelled = matches!(&nested, Expr::Block(b) if b.label.is_some());
                            if p.is_empty() && !labelled {
                                nested
                            } else {
                                // The nested condition spilled: keep the spills inside the else.
                                let block = Block {
                                    brace_token: Default::default(),
                                    stmts: p,
                                };
                                let mut block = block;
                                block.stmts.push(Stmt::Expr(nested, None));
                                Expr::Block(syn::ExprBlock {
                                    attrs: vec![],
                                    label: None,
                                    block,
                                })
                            }
                        }
                        Expr::Block(mut b) => {
                            b.block = self.block(b.block);
                            Expr::Block(b)
                        }
                        other => other,
                    };
                    e.else_branch = Some((else_token, Box::new(else_branch)));
                }
                (pre, Expr::If(e))
            }
            Expr::Match(mut m) if guards::guard_awaits(&m) => {
                let n = self.rewritten;
                self.rewritten += 1;
                // The scrutinee's temporaries (`make().get()`) live to the end of the
                // `match`, through the awaiting guard: locals before it.
                let mut pre = Vec::new();
                if !expr_awaits(&m.expr) {
                    self.spill_temps(&mut m.expr, &mut pre, false);
                }
                let by_ref = self.surely_reference(&m.expr);
                let (more, construct) = self.construct(guards::split_match(m, n, by_ref));
                pre.extend(more);
                (pre, construct)
            }
            // `match make() { ref t => { x.await; t.len() } }`: the arms that await borrow the
            // scrutinee's temporary or leave it whole (`Some(t) if t.ok() => .., _ => x.await`
            // binds `t` by reference until the guard holds), which natively lives to the end
            // of the `match`: it becomes a local of a block around it.
            Expr::Match(m)
                if !is_place(&m.expr)
                    && !is_let_else(&m)
                    && m.arms.iter().any(|a| expr_awaits(&a.body) && !binds_by_value(&a.pat)) =>
            {
                let mut m = m;
                // (Its own temporaries live as long: `match words(&read()).first() { .. }`.)
                let mut pre = Vec::new();
                self.spill_temps(&mut m.expr, &mut pre, false);
                // (`leaf(..).await[..]` is a place once its base is spilled.)
                if !is_place(&m.expr) {
                    pre.push(self.spill_whole(&mut m.expr));
                }
                self.construct(parse_quote!({ #(#pre)* #m }))
            }
            Expr::Match(mut m) => {
                let let_else = is_let_else(&m);
                m.attrs.retain(|a| !a.path().is_ident("__let_else"));
                let (mut pre, mut scrutinee) = self.expr(*m.expr, false);
                // The scrutinee's temporaries live to the end of the `match`, across the
                // awaits of its arms: they become locals (in the statement's block).
                if m.arms.iter().any(|a| expr_awaits(&a.body)) {
                    self.spill_temps(&mut scrutinee, &mut pre, false);
                    // Those of a `let .. else` drop before its `else` runs (those spilled
                    // before an await in it too: `pick(&mk(), x.await)`).
                    if let (true, Some(els)) = (let_else, m.arms.last_mut()) {
                        let drops = drops_of(&pre, &scrutinee_temps(&scrutinee, &pre));
                        if !drops.is_empty() {
                            let body = &els.body;
                            *els.body = parse_quote!({ #(#drops)* #body });
                        }
                    }
                }
                m.expr = Box::new(scrutinee);
                for arm in &mut m.arms {
                    if let Pat::Guard(g) = &arm.pat {
                        let guard = &g.guard;
                        if expr_awaits(guard) {
                            self.errors.push(syn::Error::new_spanned(
                                guard,
                                "async-lower: an `.await` in a match guard is not supported; \
                                 await before the `match` and test the value in the guard",
                            ));
                        }
                    }
                    if expr_awaits(&arm.body) {
                        let body =
                            std::mem::replace(&mut *arm.body, Expr::Verbatim(TokenStream::new()));
                        let block = into_block(body);
                        let block = self.block(block);
                        *arm.body = Expr::Block(syn::ExprBlock {
                            attrs: vec![],
                            label: None,
                            block,
                        });
                        if arm.comma.is_none() {
                            arm.comma = Some(Default::default());
                        }
                    }
                }
                (pre, Expr::Match(m))
            }
            Expr::Loop(mut l) => {
                let n = self.rewritten;
                self.rewritten += 1;
                let label = l.label.as_ref().map_or_else(|| syn::Lifetime::new(&format!("'__loop{n}"), Span::call_site()), |l| l.name.clone());
                self.loops.push((label, false));
                l.body = self.block(l.body);
                // (A let chain in it became a labelled block: see `label_loop_exits`.)
                if let Some((label, true)) = self.loops.pop() {
                    l.label.get_or_insert_with(|| syn::Label { name: label, colon_token: Default::default() });
                }
                (Vec::new(), Expr::Loop(l))
            }
            Expr::Block(mut b) => {
                b.block = self.block(b.block);
                (Vec::new(), Expr::Block(b))
            }
            Expr::Unsafe(mut u) => {
                u.block = self.block(u.block);
                (Vec::new(), Expr::Unsafe(u))
            }
            Expr::While(w) => {
                // `while c { b }` is `loop { if c { b } else { break } }`; `while let` is a
                // `match` with a `break` arm, as rustc desugars them.
                let syn::ExprWhile {
                    attrs,
                    label,
                    cond,
                    body,
                    ..
                } = w;
                let looped: Expr = match *cond {
                    Expr::Let(l) => {
                        let (pat, scrutinee) = (l.pat, l.expr);
                        parse_quote!(#(#attrs)* #label loop { match #scrutinee { #pat => #body, _ => break, } })
                    }
                    // (A `let` chain may become a labelled block: the `loop` then labels its
                    // exits, see `label_loop_exits`.)
                    cond => parse_quote!(#(#attrs)* #label loop { if #cond #body else { break } }),
                };
                self.construct(looped)
            }
            Expr::ForLoop(f) => {
                // rustc's desugaring: the iterator lives in a `match` binding for the whole loop.
                let syn::ExprForLoop {
                    attrs,
                    label,
                    pat,
                    expr,
                    body,
                    ..
                } = f;
                let iter = format_ident!("__iter{}", self.iters, span = expr.span());
                self.iters += 1;
                // `for x in v.await.iter()`, `for w in read().split(' ')`: the temporaries of
                // the iterator expression live for the whole loop: locals of a block around it.
                let mut expr = expr;
                let mut temps = Vec::new();
                if expr_awaits(&expr) || block_awaits(&body) {
                    self.spill_temps(&mut expr, &mut temps, false);
                }
                let looped: Expr = parse_quote! {
                    #(#attrs)*
                    match ::core::iter::IntoIterator::into_iter(#expr) {
                        mut #iter => {
                            #label loop {
                                match ::core::iter::Iterator::next(&mut #iter) {
                                    ::core::option::Option::Some(#pat) => #body,
                                    ::core::option::Option::None => break,
                                }
                            }
                        }
                    }
                };
                if temps.is_empty() {
                    self.construct(looped)
                } else {
                    self.construct(parse_quote!({ #(#temps)* #looped }))
                }
            }
            other => (Vec::new(), other),
        }
    }
}

impl Normalizer {
    /// A bare `break` or `continue` of the enclosing loop in the blocks of a let chain about
    /// to become a labelled block (E0695 there) names the loop's label.
    fn label_loop_exits(&mut self, e: &mut syn::ExprIf) {
        struct Exits<'a>(&'a syn::Lifetime, bool);
        impl syn::visit_mut::VisitMut for Exits<'_> {
            fn visit_expr_mut(&mut self, e: &mut Expr) {
                match e {
                    Expr::Break(b) if b.label.is_none() => {
                        b.label = Some(self.0.clone());
                        self.1 = true;
                    }
                    Expr::Continue(c) if c.label.is_none() => {
                        c.label = Some(self.0.clone());
                        self.1 = true;
                    }
                    // Their own loops' exits, and code that is not cut.
                    Expr::Loop(_) | Expr::While(_) | Expr::ForLoop(_) | Expr::Closure(_) | Expr::Async(_) => return,
                    _ => {}
                }
                syn::visit_mut::visit_expr_mut(self, e);
            }
            fn visit_item_mut(&mut self, _: &mut syn::Item) {}
        }
        let Some((label, used)) = self.loops.last_mut() else { return };
        use syn::visit_mut::VisitMut;
        let mut exits = Exits(label, false);
        exits.visit_block_mut(&mut e.then_branch);
        if let Some((_, els)) = &mut e.else_branch {
            exits.visit_expr_mut(els);
        }
        *used |= exits.1;
    }
}

/// A child expression and whether it is used as a place (a method receiver, the operand of
/// `&`, a format argument), where reading it has no effect worth spilling.
struct Child<'a> {
    expr: &'a mut Expr,
    place: bool,
    /// An operand taken by value: a local named there moves into the operand.
    moved: bool,
    /// A place only read through a shared reference (a comparison's operand).
    shared: bool,
    /// A place an overloaded compound assignment borrows mutably before its value.
    mutated: bool,
}

fn value(expr: &mut Expr) -> Child<'_> {
    Child { expr, place: false, moved: false, shared: false, mutated: false }
}

/// A place: read where it is, never spilled whole (that would copy or move it).
fn place(expr: &mut Expr) -> Child<'_> {
    Child { expr, place: true, moved: false, shared: false, mutated: false }
}

/// An argument, an element of a tuple, array or struct literal, an arithmetic operand.
fn operand(expr: &mut Expr) -> Child<'_> {
    Child { expr, place: false, moved: true, shared: false, mutated: false }
}

/// The children of an expression in evaluation order, or `None` for kinds that cannot
/// hold an await in a spillable position.
fn children_in_order(expr: &mut Expr) -> Option<Vec<Child<'_>>> {
    Some(match expr {
        Expr::Array(a) => a.elems.iter_mut().map(operand).collect(),
        Expr::Tuple(t) => t.elems.iter_mut().map(operand).collect(),
        Expr::Call(c) => {
            let mut v = vec![place(&mut c.func)];
            v.extend(c.args.iter_mut().map(operand));
            v
        }
        Expr::MethodCall(m) => {
            let mut v = vec![place(&mut m.receiver)];
            v.extend(m.args.iter_mut().map(operand));
            v
        }
        Expr::Binary(b) => {
            if is_compound_assign(&b.op) {
                // `place op= value`: for primitives the value is evaluated first, then the
                // place; the place is never spilled (that would copy it). An overloaded one
                // (`AddAssign::add_assign(&mut place, value)`) evaluates the place first: its
                // index is checked before the value's await.
                // (So is one given a reference, `n += &x.await`: `u32: AddAssign<&u32>`.)
                let overloaded = crate::analyze::receivers::overloaded_place(&b.left) || matches!(&*b.right, Expr::Reference(_));
                let (value, place) = (value(&mut b.right), place(&mut b.left));
                if overloaded { vec![Child { mutated: true, ..place }, value] } else { vec![value, place] }
            } else {
                // A comparison takes its operands by reference (`names[i] == x.await`).
                let place = crate::analyze::is_comparison(&b.op);
                vec![
                    Child { expr: &mut b.left, place, moved: !place, shared: place, mutated: false },
                    Child { expr: &mut b.right, place, moved: !place, shared: place, mutated: false },
                ]
            }
        }
        Expr::Assign(a) => vec![
            value(&mut a.right),
            place(&mut a.left),
        ],
        Expr::Struct(s) => {
            // (`S { v, n: x.await }`: `v` may be spilled, so it is written `v: v`.)
            if s.fields.iter().any(|f| expr_awaits(&f.expr)) {
                for f in s.fields.iter_mut() {
                    f.colon_token.get_or_insert_with(Default::default);
                }
            }
            let mut v: Vec<Child<'_>> = s.fields.iter_mut().map(|f| operand(&mut f.expr)).collect();
            if let Some(rest) = &mut s.rest {
                v.push(value(rest));
            }
            v
        }
        Expr::Index(i) => vec![
            place(&mut i.expr),
            value(&mut i.index),
        ],
        Expr::Range(r) => {
            let mut v = Vec::new();
            if let Some(s) = &mut r.start {
                v.push(value(s));
            }
            if let Some(e) = &mut r.end {
                v.push(value(e));
            }
            v
        }
        Expr::Cast(c) => vec![value(&mut c.expr)],
        Expr::Unary(u) => vec![value(&mut u.expr)],
        Expr::Field(f) => vec![place(&mut f.base)],
        Expr::Reference(r) => vec![place(&mut r.expr)],
        Expr::RawAddr(r) => vec![place(&mut r.expr)],
        Expr::Try(t) => vec![value(&mut t.expr)],
        Expr::Return(r) => r.expr.iter_mut().map(|e| value(e)).collect(),
        Expr::Break(b) => b.expr.iter_mut().map(|e| value(e)).collect(),
        Expr::Repeat(r) => vec![value(&mut r.expr)],
        Expr::Let(l) => vec![value(&mut l.expr)],
        _ => return None,
    })
}

/// Locals used as method receivers, field or index bases, or under `&` in an expression.
fn borrowed_roots(e: &Expr) -> Vec<String> {
    struct Find(Vec<String>);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_expr(&mut self, e: &'a Expr) {
            let place = match e {
                Expr::MethodCall(m) => Some(&*m.receiver),
                Expr::Field(f) => Some(&*f.base),
                Expr::Index(i) => Some(&*i.expr),
                Expr::Reference(r) => Some(&*r.expr),
                _ => None,
            };
            if let Some(Expr::Path(p)) = place {
                if let Some(id) = p.path.get_ident() {
                    self.0.push(id.to_string());
                }
            }
            syn::visit::visit_expr(self, e);
        }
    }
    let mut f = Find(Vec::new());
    syn::visit::Visit::visit_expr(&mut f, e);
    f.0
}

/// Does a pattern bind anything by reference (`ref a`, `ref mut a`), at any depth?
pub(crate) fn has_ref_binding(pat: &Pat) -> bool {
    struct Find(bool);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            self.0 |= p.by_ref.is_some();
            syn::visit::visit_pat_ident(self, p);
        }
    }
    let mut f = Find(false);
    syn::visit::Visit::visit_pat(&mut f, pat);
    f.0
}

/// The operands of a top-level `a && b && c`, in order.
fn conjuncts<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match e {
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            conjuncts(&b.left, out);
            conjuncts(&b.right, out);
        }
        other => out.push(other),
    }
}

/// Whether an `if` with a let chain that awaits is written as nested `if`s, each `let` an
/// `if let` of its own: where a condition after the first awaits (with the earlier
/// bindings in scope); where the chain starts with a plain condition (`n > 0 && let Some(y)
/// = make().opt()`: the scrutinee's temporaries live through the then-block and drop
/// before the else-block, which the `if let` path keeps only for a leading `let`); and
/// where a `let` binds from a place (`let Some(x) = a`: it moves out of `a` on that path
/// only, and an else-block that awaits parks what is left). (Not otherwise: a chain led by
/// a `let` of a value keeps the plain `if let` path, whose joins need no labelled block.)
fn nests_let_chain(e: &syn::ExprIf) -> bool {
    let mut conds = Vec::new();
    conjuncts(&e.cond, &mut conds);
    let chain = conds.len() > 1 && conds.iter().any(|c| matches!(c, Expr::Let(_)));
    let blocks_await = block_awaits(&e.then_branch) || e.else_branch.as_ref().is_some_and(|(_, b)| expr_awaits(b));
    if !chain || !(blocks_await || expr_awaits(&e.cond)) {
        return false;
    }
    let from_place = |c: &&Expr| matches!(c, Expr::Let(l) if is_place(&l.expr) && !has_index(&l.expr));
    conds.iter().skip(1).any(|c| expr_awaits(c))
        || (!conds.iter().any(|c| expr_awaits(c)) && (!matches!(conds[0], Expr::Let(_)) || conds.iter().any(from_place)))
}

/// Does a place index (`v[i].x`)?
fn has_index(place: &Expr) -> bool {
    match place {
        Expr::Index(_) => true,
        Expr::Field(f) => has_index(&f.base),
        Expr::Paren(p) => has_index(&p.expr),
        _ => false,
    }
}

/// The `match` a `let .. else` became (marked `#[__let_else]`, removed when it is
/// normalized).
fn is_let_else(m: &syn::ExprMatch) -> bool {
    m.attrs.iter().any(|a| a.path().is_ident("__let_else"))
}

/// Does the pattern bind something by value (moving it out of the scrutinee)?
pub(crate) fn binds_by_value(pat: &Pat) -> bool {
    struct Find(bool);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            // A lone uppercase name is a unit struct or a constant, not a binding.
            let name = p.ident.to_string();
            let constant = p.subpat.is_none() && name.starts_with(|c: char| c.is_uppercase());
            self.0 |= p.by_ref.is_none() && !constant;
            syn::visit::visit_pat_ident(self, p);
        }
    }
    let mut f = Find(false);
    syn::visit::Visit::visit_pat(&mut f, pat);
    f.0
}

/// A place expression: a local, a field or element of one, a dereference.
pub(crate) fn is_place(e: &Expr) -> bool {
    match e {
        Expr::Path(_) => true,
        Expr::Field(f) => is_place(&f.base),
        Expr::Index(i) => is_place(&i.expr),
        Expr::Paren(p) => is_place(&p.expr),
        Expr::Unary(u) => matches!(u.op, syn::UnOp::Deref(_)),
        _ => false,
    }
}

/// An expression that makes a new value (a temporary when borrowed), not a place or a
/// constant that could be promoted to `'static`.
/// A tuple, array or struct literal that borrows a temporary (`(&make(), 1)`): the
/// temporary is extended to the end of the block (a literal-only one may be promoted to a
/// `'static` constant instead, and is left alone).
fn builds_value(e: &Expr) -> bool {
    let Some(elems) = literal_elems(e) else { return false };
    elems.into_iter().any(|e| match e {
        Expr::Reference(r) => is_value_expr(&r.expr) || builds_value(&r.expr),
        other => builds_value(other),
    })
}

/// The elements of a tuple, array or struct literal, or a tuple struct's or variant's
/// constructor (`Some(..)`, `W(..)`: its arguments extend as a literal's elements), in order.
fn literal_elems(e: &Expr) -> Option<Vec<&Expr>> {
    match e {
        Expr::Tuple(t) => Some(t.elems.iter().collect()),
        Expr::Array(a) => Some(a.elems.iter().collect()),
        Expr::Struct(s) => Some(s.fields.iter().map(|f| &f.expr).collect()),
        Expr::Call(c) if is_constructor(&c.func) => Some(c.args.iter().collect()),
        _ => None,
    }
}

/// A tuple struct's or variant's name (`Some`, `Wrap`, `Shape::Dot`), by the case it is
/// written in.
fn is_constructor(func: &Expr) -> bool {
    matches!(func, Expr::Path(p) if p.qself.is_none() && p.path.segments.last().is_some_and(|s| s.ident.to_string().starts_with(char::is_uppercase)))
}

/// In `&make()`, `&make().field` or `&(x.await, 0).0`, the operand whose temporary a `let`
/// extends (`make()`, the tuple); none where the reference is to a place.
fn extended_temporary(referenced: &mut Expr) -> Option<&mut Expr> {
    let mut root = referenced;
    while matches!(root, Expr::Paren(_) | Expr::Field(_)) {
        root = match root {
            Expr::Field(f) => &mut *f.base,
            Expr::Paren(p) => &mut *p.expr,
            _ => unreachable!(),
        };
    }
    (is_value_expr(root) || holds_value(root)).then_some(root)
}

/// `[make()]`, `(make(), 1)`: an aggregate with a computed element (not a promotable constant).
fn holds_value(e: &Expr) -> bool {
    let elems: Vec<&Expr> = match e {
        Expr::Tuple(t) => t.elems.iter().collect(),
        Expr::Array(a) => a.elems.iter().collect(),
        _ => return false,
    };
    elems.into_iter().any(|e| is_value_expr(e) || holds_value(e))
}

fn is_value_expr(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Call(_)
            | Expr::MethodCall(_)
            | Expr::Macro(_)
            | Expr::Struct(_)
            | Expr::Binary(_)
            | Expr::Await(_)
            | Expr::Try(_)
    )
}

/// What `&` may borrow as a temporary besides [`is_value_expr`]: `&(x + 1)`, `&[x, 1]`,
/// `&(x, 1)`, `&-y`, `&(x as u64)`, `&{ x }`. Not a constant one, `&[1, 2]`: rustc promotes
/// it to a `static`, and it takes its type from where it goes, which a local would not.
fn is_borrowed_value(e: &Expr) -> bool {
    match e {
        _ if is_constant(e) => false,
        Expr::Paren(p) => is_value_expr(&p.expr) || is_borrowed_value(&p.expr),
        Expr::Unary(u) => !matches!(u.op, syn::UnOp::Deref(_)),
        Expr::Tuple(t) => !t.elems.is_empty(),
        Expr::Array(_) | Expr::Repeat(_) | Expr::Cast(_) | Expr::Block(_) | Expr::If(_) | Expr::Match(_) => true,
        _ => false,
    }
}

/// Made of literals and constants only (`1`, `[1, 2]`, `(u8::MAX, -1)`).
fn is_constant(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) => true,
        Expr::Path(p) => {
            p.path.segments.len() > 1 || p.path.get_ident().is_some_and(|i| i.to_string().chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '_'))
        }
        Expr::Paren(p) => is_constant(&p.expr),
        Expr::Unary(u) => !matches!(u.op, syn::UnOp::Deref(_)) && is_constant(&u.expr),
        Expr::Binary(b) => is_constant(&b.left) && is_constant(&b.right),
        Expr::Cast(c) => is_constant(&c.expr),
        Expr::Array(a) => a.elems.iter().all(is_constant),
        Expr::Tuple(t) => t.elems.iter().all(is_constant),
        Expr::Repeat(r) => is_constant(&r.expr),
        _ => false,
    }
}

/// Macros that expand to `.await`s of their own (`futures::join!`, `tokio::try_join!`):
/// the lowering cannot see inside them, so they are awaited as an `async` block.
pub struct AwaitingMacros {
    pub errors: Vec<syn::Error>,
}

impl AwaitingMacros {
    fn rewrite(&mut self, mac: &syn::Macro) -> Option<Expr> {
        let name = mac.path.segments.last()?.ident.to_string();
        match name.as_str() {
            "join" | "try_join" => Some(syn::parse_quote_spanned!(mac.path.span()=> async { #mac }.await)),
            // `matches!(x, P if g.await)`: a `match` whose guard awaits (split like any).
            "matches" if crate::util::tokens_await(&mac.tokens) => {
                let parsed = mac.parse_body_with(|input: syn::parse::ParseStream| {
                    let expr: Expr = input.parse()?;
                    input.parse::<syn::Token![,]>()?;
                    let pat = Pat::parse_multi_with_leading_vert(input)?;
                    let guard = if input.peek(syn::Token![if]) {
                        input.parse::<syn::Token![if]>()?;
                        Some(input.parse::<Expr>()?)
                    } else {
                        None
                    };
                    input.parse::<Option<syn::Token![,]>>()?;
                    Ok((expr, pat, guard))
                });
                let (expr, pat, guard) = parsed.ok()?;
                let guard = guard?;
                Some(parse_quote!(match #expr { #pat if #guard => true, _ => false }))
            }
            // The message of an assertion is evaluated only when it fails: with an await
            // in it, the assertion is written out (same message as std's).
            "assert" | "assert_eq" | "assert_ne" => {
                let args = mac
                    .parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated)
                    .ok()?;
                let args: Vec<Expr> = args.into_iter().collect();
                let operands = if name == "assert" { 1 } else { 2 };
                let message = args.get(operands..).filter(|m| !m.is_empty())?;
                if !message.iter().any(expr_awaits) {
                    return None;
                }
                if name == "assert" {
                    let cond = &args[0];
                    return Some(parse_quote!(if !(#cond) { ::std::panic!(#(#message),*) }));
                }
                let (left, right) = (&args[0], &args[1]);
                let (test, op) = if name == "assert_eq" {
                    (quote::quote!(*__left == *__right), "==")
                } else {
                    (quote::quote!(*__left != *__right), "!=")
                };
                let text = format!("assertion `left {op} right` failed: {{}}\n  left: {{:?}}\n right: {{:?}}");
                Some(parse_quote! {{
                    let __left = &(#left);
                    let __right = &(#right);
                    if !(#test) {
                        let __message = ::std::format!(#(#message),*);
                        ::std::panic!(#text, __message, __left, __right)
                    }
                }})
            }
            "select" | "select_biased" => {
                let wrapped = select_in_block(mac);
                if wrapped.is_none() {
                    self.errors.push(syn::Error::new_spanned(
                        &mac.path,
                        format!(
                            "async-lower: a branch of this `{name}!` leaves it in a way the lowering cannot \
                             carry out of an `async` block (`break` with a value, or a syntax it cannot read); \
                             move the `{name}!` into a helper `async fn` and await that"
                        ),
                    ));
                }
                wrapped
            }
            "pending" | "poll" => {
                self.errors.push(syn::Error::new_spanned(
                    &mac.path,
                    format!(
                        "async-lower: `{name}!` expands to awaits the lowering cannot see; \
                         move it into a helper `async fn` (or an `async {{ .. }}` block) and await that"
                    ),
                ));
                None
            }
            _ => None,
        }
    }
}

/// The arms of a `select!`: `pattern = future (, if guard) => handler,` (and `else =>
/// handler`, `biased;`), each as the tokens before its `=>`, its handler, and whether a
/// comma follows.
pub(crate) fn select_arms(mac: &syn::Macro) -> Option<Vec<(Vec<proc_macro2::TokenTree>, Expr, bool)>> {
    mac.parse_body_with(|input: syn::parse::ParseStream| {
        let mut arms = Vec::new();
        while !input.is_empty() {
            let mut head = Vec::new();
            while !input.is_empty() && !input.peek(syn::Token![=>]) {
                head.push(input.parse::<proc_macro2::TokenTree>()?);
            }
            input.parse::<syn::Token![=>]>()?;
            let handler: Expr = input.parse()?;
            let comma = input.parse::<Option<syn::Token![,]>>()?.is_some();
            arms.push((head, handler, comma));
        }
        Ok(arms)
    })
    .ok()
}

/// `select!` runs its branches' handlers inside the macro's own poll, so it is awaited as
/// an `async` block, as `join!` is. A handler that leaves it (`break`, `continue`,
/// `return`, `?`, which natively leave the enclosing loop or function) returns from the
/// block instead, saying where to go, and the code after the await goes there:
///
/// ```text
/// match async { ControlFlow::Continue(select! { .. => return ControlFlow::Break(Leave::Jump(0)), .. }) }.await {
///     ControlFlow::Continue(value) => value,
///     ControlFlow::Break(Leave::Jump(0)) => break,
///     ControlFlow::Break(Leave::Return(value)) => return value,
///     ..
/// }
/// ```
fn select_in_block(mac: &syn::Macro) -> Option<Expr> {
    use proc_macro2::TokenTree;
    // Everything before an arm's `=>` is kept as it is; each handler is an expression.
    let arms = select_arms(mac)?;
    // `futures::select!` borrows a future named by a path (`x = fut =>`) and moves any
    // other: inside the block the name may stand for a parked local (`(*fut)`), so the
    // borrow is written out (`x = &mut fut =>`), which is what the macro does with it.
    let borrows_paths = mac.path.segments.first().is_some_and(|s| s.ident == "futures")
        || mac.path.segments.last().is_some_and(|s| s.ident == "select_biased");
    let mut exits = Exits::default();
    let mut handlers = Vec::new();
    for (head, mut handler, comma) in arms {
        let mut head: TokenStream = head.into_iter().collect();
        if borrows_paths {
            let mut tts: Vec<TokenTree> = head.into_iter().collect();
            if let [.., TokenTree::Punct(eq), TokenTree::Ident(name)] = &tts[..] {
                if eq.as_char() == '=' && eq.spacing() == proc_macro2::Spacing::Alone {
                    let name = name.clone();
                    tts.pop();
                    tts.extend(quote::quote!(&mut #name));
                }
            }
            head = tts.into_iter().collect();
        }
        syn::visit_mut::VisitMut::visit_expr_mut(&mut exits, &mut handler);
        let comma = comma.then(|| quote::quote!(,));
        handlers.push(quote::quote!(#head => #handler #comma));
    }
    if exits.unsupported {
        return None;
    }
    // (Spanned at the macro, so that the state's doc line gives its line.)
    let span = mac.path.span();
    let path = &mac.path;
    let bang = &mac.bang_token;
    if exits.jumps.is_empty() && !exits.returns {
        return Some(syn::parse_quote_spanned!(span=> async { #path #bang { #(#handlers)* } }.await));
    }
    let jumps = exits.jumps.iter().enumerate().map(|(i, jump)| {
        let i = i as u32;
        quote::quote!(__rt::ControlFlow::Break(__rt::Leave::Jump(#i)) => #jump,)
    });
    // (Where no handler returns, the never-taken arm says what would be returned: nothing.)
    let returns = if exits.returns {
        quote::quote!(__rt::ControlFlow::Break(__rt::Leave::Return(value)) => return value,)
    } else {
        quote::quote!(__rt::ControlFlow::Break(__rt::Leave::Return(())) => ::core::unreachable!(),)
    };
    Some(syn::parse_quote_spanned! {span=>
        match async { __rt::ControlFlow::Continue(#path #bang { #(#handlers)* }) }.await {
            __rt::ControlFlow::Continue(value) => value,
            #(#jumps)*
            #returns
            #[allow(unreachable_patterns)]
            __rt::ControlFlow::Break(_) => ::core::unreachable!(),
        }
    })
}

/// Rewrites the ways a `select!` handler leaves the `async` block around it (see
/// [`select_in_block`]): `break`/`continue` aimed outside the handler, `return`, `?`.
#[derive(Default)]
struct Exits {
    /// The jumps, numbered in order (`break`, `continue 'outer`).
    jumps: Vec<TokenStream>,
    returns: bool,
    unsupported: bool,
    /// Loops entered inside the handler (an unlabelled jump there is theirs), and their labels.
    loops: usize,
    labels: Vec<String>,
}

impl Exits {
    fn jump(&mut self, jump: TokenStream) -> Expr {
        let key = jump.to_string();
        let i = match self.jumps.iter().position(|j| j.to_string() == key) {
            Some(i) => i,
            None => {
                self.jumps.push(jump);
                self.jumps.len() - 1
            }
        } as u32;
        parse_quote!(return __rt::ControlFlow::Break(__rt::Leave::Jump(#i)))
    }
}

impl syn::visit_mut::VisitMut for Exits {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Closure(_) | Expr::Async(_) => {}
            Expr::Loop(_) | Expr::While(_) | Expr::ForLoop(_) => {
                let label = match e {
                    Expr::Loop(l) => l.label.as_ref(),
                    Expr::While(l) => l.label.as_ref(),
                    Expr::ForLoop(l) => l.label.as_ref(),
                    _ => None,
                }
                .map(|l| l.name.ident.to_string());
                self.loops += 1;
                self.labels.extend(label.clone());
                syn::visit_mut::visit_expr_mut(self, e);
                if label.is_some() {
                    self.labels.pop();
                }
                self.loops -= 1;
            }
            Expr::Block(b) if b.label.is_some() => {
                self.labels.push(b.label.as_ref().unwrap().name.ident.to_string());
                syn::visit_mut::visit_expr_mut(self, e);
                self.labels.pop();
            }
            Expr::Break(b) => {
                if let Some(v) = &mut b.expr {
                    self.visit_expr_mut(v);
                }
                let inner = match &b.label {
                    Some(l) => self.labels.contains(&l.ident.to_string()),
                    None => self.loops > 0,
                };
                if !inner {
                    if b.expr.is_some() {
                        self.unsupported = true;
                        return;
                    }
                    let label = &b.label;
                    *e = self.jump(quote::quote!(break #label));
                }
            }
            Expr::Continue(c) => {
                let inner = match &c.label {
                    Some(l) => self.labels.contains(&l.ident.to_string()),
                    None => self.loops > 0,
                };
                if !inner {
                    let label = &c.label;
                    *e = self.jump(quote::quote!(continue #label));
                }
            }
            Expr::Return(r) => {
                if let Some(v) = &mut r.expr {
                    self.visit_expr_mut(v);
                }
                self.returns = true;
                let value = r.expr.take().map_or_else(|| quote::quote!(()), |v| quote::quote!(#v));
                *e = parse_quote!(return __rt::ControlFlow::Break(__rt::Leave::Return(#value)));
            }
            Expr::Try(t) => {
                self.visit_expr_mut(&mut t.expr);
                self.returns = true;
                *e = rewrite::question_mark(&t.expr, &quote::quote!(__rt), |v| {
                    quote::quote!(__rt::ControlFlow::Break(__rt::Leave::Return(#v)))
                });
            }
            Expr::Macro(m) => {
                // (A jump inside another macro cannot be rewritten.)
                let leaves = m.mac.tokens.clone().into_iter().any(|t| {
                    matches!(&t, proc_macro2::TokenTree::Ident(i) if i == "return" || i == "break" || i == "continue")
                        || matches!(&t, proc_macro2::TokenTree::Punct(p) if p.as_char() == '?')
                });
                self.unsupported |= leaves;
            }
            _ => syn::visit_mut::visit_expr_mut(self, e),
        }
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

impl syn::visit_mut::VisitMut for AwaitingMacros {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Closure(_) | Expr::Async(_) => {}
            Expr::Macro(m) => {
                if let Some(new) = self.rewrite(&m.mac) {
                    *e = new;
                }
            }
            _ => syn::visit_mut::visit_expr_mut(self, e),
        }
    }
    fn visit_block_mut(&mut self, block: &mut Block) {
        let last = block.stmts.len().saturating_sub(1);
        let mut out = Vec::with_capacity(block.stmts.len());
        for (i, mut s) in std::mem::take(&mut block.stmts).into_iter().enumerate() {
            if let Stmt::Macro(m) = &s {
                if let Some(new) = self.rewrite(&m.mac) {
                    // (A braced macro statement needs no `;`; what replaces it may, unless
                    // it is the block's value.)
                    let semi = m.semi_token.or_else(|| (i < last).then(Default::default));
                    out.push(Stmt::Expr(new, semi));
                    continue;
                }
            }
            self.visit_stmt_mut(&mut s);
            out.push(s);
        }
        block.stmts = out;
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// Writes the declarations the lowering would not see or could not type as plain `let`s:
/// the pinning macros (see [`pinning_lets`]) and a destructuring `let` without a value (see
/// [`deferred_lets`]). Before shadowed names are told apart, since they declare names.
pub fn declarations(block: &mut Block) {
    struct Declarations;
    impl syn::visit_mut::VisitMut for Declarations {
        fn visit_block_mut(&mut self, block: &mut Block) {
            let mut out = Vec::with_capacity(block.stmts.len());
            for mut s in std::mem::take(&mut block.stmts) {
                let lets = match &s {
                    Stmt::Macro(m) => pinning_lets(&m.mac),
                    Stmt::Local(l) => deferred_lets(l),
                    _ => None,
                };
                if let Some(lets) = lets {
                    out.extend(lets);
                    continue;
                }
                self.visit_stmt_mut(&mut s);
                out.push(s);
            }
            block.stmts = out;
        }
        fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
        fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    syn::visit_mut::VisitMut::visit_block_mut(&mut Declarations, block);
}

/// `let (a, mut b);` declares `a` and `b`, without values, as `let a; let mut b;` does, and
/// they drop in the same order (the last declared first). Written so, each gets its type
/// from its own assignments (`a = x.await;`), which the lowering knows how to carry; the
/// tuple as a whole would have no type where it is declared. (`let (a, b): (u8, u8);` gives
/// each its part of the type.) Not an array pattern, whose elements share one type.
fn deferred_lets(l: &syn::Local) -> Option<Vec<Stmt>> {
    fn bindings(pat: &Pat, ty: Option<&syn::Type>, out: &mut Vec<Stmt>) -> bool {
        match (pat, ty) {
            (Pat::Ident(p), _) if p.by_ref.is_none() && p.subpat.is_none() => {
                out.push(match ty {
                    Some(ty) => parse_quote!(let #p: #ty;),
                    None => parse_quote!(let #p;),
                });
                true
            }
            (Pat::Paren(p), _) => bindings(&p.pat, ty, out),
            (Pat::Tuple(t), None) => t.elems.iter().all(|e| bindings(e, None, out)),
            (Pat::Tuple(t), Some(syn::Type::Tuple(tt))) if t.elems.len() == tt.elems.len() => {
                t.elems.iter().zip(&tt.elems).all(|(e, ty)| bindings(e, Some(ty), out))
            }
            (_, Some(syn::Type::Paren(p))) => bindings(pat, Some(&p.elem), out),
            _ => false,
        }
    }
    if l.init.is_some() || !l.attrs.is_empty() {
        return None;
    }
    let (pat, ty) = match &l.pat {
        Pat::Type(t) => (&*t.pat, Some(&*t.ty)),
        pat => (pat, None),
    };
    if !matches!(pat, Pat::Tuple(_) | Pat::Paren(_)) {
        return None;
    }
    let mut out = Vec::new();
    bindings(pat, ty, &mut out).then_some(out)
}

/// `tokio::pin!(fut);` and `futures::pin_mut!(fut);` declare `fut` again, pinned, behind a
/// name the lowering cannot see inside the macro: they are written as what they mean, `let
/// mut fut = pin!(fut);` (and `tokio::pin! { let fut = make(); }` as `let mut fut =
/// pin!(make());`), which the lowering knows. `None` for any other macro.
fn pinning_lets(mac: &syn::Macro) -> Option<Vec<Stmt>> {
    let segments: Vec<String> = mac.path.segments.iter().map(|s| s.ident.to_string()).collect();
    let pinning = match segments.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["pin_mut"] | ["futures", "pin_mut"] | ["tokio", "pin"] | ["pin"] => true,
        _ => false,
    };
    if !pinning {
        return None;
    }
    let names = mac.parse_body_with(syn::punctuated::Punctuated::<syn::Ident, syn::Token![,]>::parse_terminated);
    if let Ok(names) = names {
        return Some(names.iter().map(|n| parse_quote!(let mut #n = ::core::pin::pin!(#n);)).collect());
    }
    let lets = mac.parse_body_with(|input: syn::parse::ParseStream| {
        let mut out = Vec::new();
        while !input.is_empty() {
            out.push(input.parse::<Stmt>()?);
        }
        Ok(out)
    });
    let lets = lets.ok()?;
    lets.into_iter()
        .map(|s| {
            let Stmt::Local(l) = &s else { return None };
            let (Pat::Ident(p), Some(init)) = (&l.pat, &l.init) else { return None };
            if init.diverge.is_some() {
                return None;
            }
            let (name, value) = (&p.ident, &init.expr);
            Some(parse_quote!(let mut #name = ::core::pin::pin!(#value);))
        })
        .collect()
}

pub(crate) fn is_compound_assign(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(
        op,
        AddAssign(_)
            | SubAssign(_)
            | MulAssign(_)
            | DivAssign(_)
            | RemAssign(_)
            | BitXorAssign(_)
            | BitAndAssign(_)
            | BitOrAssign(_)
            | ShlAssign(_)
            | ShrAssign(_)
    )
}

/// Evaluating these has no effect that could be reordered with an await, so they are not
/// spilled: literals, paths, closures, and places (`x.f`, `&x`) used as places.
fn is_pure(expr: &Expr, place: bool) -> bool {
    match expr {
        Expr::Lit(_) | Expr::Closure(_) | Expr::Async(_) | Expr::Const(_) => true,
        // A literal the compiler makes (`concat!("{}", "!")` as a format string).
        Expr::Macro(m) => ["concat", "stringify", "line", "column", "file", "module_path", "env", "include_str"]
            .iter()
            .any(|n| m.mac.path.is_ident(n)),
        Expr::Path(_) => true,
        Expr::Field(f) => place && is_pure(&f.base, true),
        Expr::Index(i) => place && is_pure(&i.expr, true) && is_pure(&i.index, false),
        Expr::Range(r) => [&r.start, &r.end].into_iter().flatten().all(|e| is_pure(e, false)),
        Expr::Reference(r) => is_pure(&r.expr, true),
        Expr::Paren(p) => is_pure(&p.expr, place),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => place && is_pure(&u.expr, true),
        _ => false,
    }
}

fn header_awaits(i: &syn::ExprIf) -> bool {
    match &*i.cond {
        Expr::Let(l) => expr_awaits(&l.expr),
        c => expr_awaits(c),
    }
}

fn into_block(expr: Expr) -> Block {
    match expr {
        Expr::Block(b) if b.label.is_none() && b.attrs.is_empty() => b.block,
        other => Block {
            brace_token: Default::default(),
            stmts: vec![Stmt::Expr(other, None)],
        },
    }
}

/// Spilled temporaries live in a block around their statement, so that they drop at the
/// end of it, where native temporaries drop.
fn wrap_spills(pre: Vec<Stmt>, expr: Expr) -> Expr {
    if pre.is_empty() {
        return expr;
    }
    let mut stmts = pre;
    stmts.push(Stmt::Expr(expr, None));
    Expr::Block(syn::ExprBlock {
        attrs: Vec::new(),
        label: None,
        block: Block {
            brace_token: Default::default(),
            stmts,
        },
    })
}

/// Binds the parameters written as patterns, at the start of the body.
///
/// A native `async fn` moves each argument into its body in order, binding its pattern
/// right after it (`let __arg0 = __arg0; let (a, b) = __arg0; let c = c; ..`), so the
/// locals of one parameter drop before those of the parameters before it. Here the
/// arguments arrive together in `Start`: after the first pattern, each later argument is
/// moved again (`let c = c;`) so that it is declared, and so dropped, in the native order.
/// `params`: (the pattern, or `None` for a plain name; the argument's name; `mut`).
pub fn bind_param_patterns(params: Vec<(Option<Pat>, syn::Ident, bool)>, block: &mut Block) {
    let mut stmts: Vec<Stmt> = Vec::new();
    let mut after_pattern = false;
    for (pat, arg, mutable) in params {
        let pat: Pat = match pat {
            Some(p) => {
                after_pattern = true;
                match p {
                    // `_` keeps the argument, unnamed, to the end of the body (`let _ = ..`
                    // would drop it): moved again under its own name.
                    Pat::Wild(_) => parse_quote!(#arg),
                    // `(a, _)`, `Pair { left, .. }`: what the pattern leaves unbound stays in
                    // the argument to the end of the body. Bound field by field
                    // (`let a = __arg0.0;`), the argument is a partly moved local, which the
                    // lowering keeps alive (see `emit::partial`).
                    other => {
                        let mut lets = Vec::new();
                        if leaves_fields(&other) && field_lets(&other, &parse_quote!(#arg), &mut lets) {
                            stmts.push(parse_quote!(let #arg = #arg;));
                            stmts.extend(lets);
                            continue;
                        }
                        // `ref` bindings borrow the argument, which must drop where the
                        // native one does: moved into the body first.
                        if has_ref_binding(&other) {
                            stmts.push(parse_quote!(let #arg = #arg;));
                        }
                        other
                    }
                }
            }
            None if after_pattern && mutable => parse_quote!(mut #arg),
            None if after_pattern => parse_quote!(#arg),
            None => continue,
        };
        stmts.push(Stmt::Local(Local {
            attrs: Vec::new(),
            let_token: Default::default(),
            modifiers: Default::default(),
            pat,
            init: Some(LocalInit {
                eq_token: Default::default(),
                expr: Box::new(parse_quote!(#arg)),
                diverge: None,
            }),
            semi_token: Default::default(),
        }));
    }
    stmts.append(&mut block.stmts);
    block.stmts = stmts;
}

/// `!x.await` and `-x.await` written as the trait calls they are (`Not::not(x.await)`):
/// rustc types a unary operator whose operand is not known yet as the built-in one, whose
/// output is the operand's type, and the awaited value's type is fixed only where the
/// machine stores the awaiter, which comes later in the code. A user `Not for Flag` with
/// `Output = bool` was then a type error.
pub fn call_unary_on_await(block: &mut Block) {
    struct Calls;
    impl syn::visit_mut::VisitMut for Calls {
        fn visit_expr_mut(&mut self, e: &mut Expr) {
            syn::visit_mut::visit_expr_mut(self, e);
            let Expr::Unary(u) = e else { return };
            let mut operand = &*u.expr;
            while let Expr::Paren(p) = operand {
                operand = &p.expr;
            }
            if !matches!(operand, Expr::Await(_)) {
                return;
            }
            let operand = &u.expr;
            let span = u.op.span();
            *e = match u.op {
                syn::UnOp::Not(_) => syn::parse_quote_spanned!(span=> ::core::ops::Not::not(#operand)),
                syn::UnOp::Neg(_) => syn::parse_quote_spanned!(span=> ::core::ops::Neg::neg(#operand)),
                _ => return,
            };
        }
        fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
        fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    syn::visit_mut::VisitMut::visit_block_mut(&mut Calls, block);
}

/// A destructuring assignment into fields (`(s.a, s.b) = (s.b, s.a)`), written as rustc
/// desugars it: `{ let (__d0, __d1) = (s.b, s.a); s.a = __d0; s.b = __d1; }`. A local held
/// in a `Partial` assigns its fields one by one; a tuple of its places is no place (E0070).
pub fn assign_fields_one_by_one(block: &mut Block) {
    struct Assigns(usize);
    impl syn::visit_mut::VisitMut for Assigns {
        fn visit_expr_mut(&mut self, e: &mut Expr) {
            syn::visit_mut::visit_expr_mut(self, e);
            let Expr::Assign(a) = e else { return };
            let Expr::Tuple(t) = &*a.left else { return };
            let place = |e: &Expr| matches!(e, Expr::Infer(_)) || is_place(e);
            if !t.elems.iter().all(place) || !t.elems.iter().any(|e| matches!(e, Expr::Field(_))) {
                return;
            }
            let mut names = Vec::new();
            let mut assigns = Vec::new();
            for elem in &t.elems {
                if matches!(elem, Expr::Infer(_)) {
                    names.push(quote::quote!(_));
                    continue;
                }
                let name = syn::Ident::new(&format!("__d{}", self.0), elem.span());
                self.0 += 1;
                assigns.push(quote::quote!(#elem = #name;));
                names.push(quote::quote!(#name));
            }
            let value = &a.right;
            *e = parse_quote!({ let (#(#names,)*) = #value; #(#assigns)* });
        }
        fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
        fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    syn::visit_mut::VisitMut::visit_block_mut(&mut Assigns(0), block);
}

/// Struct update syntax from a local (`Config { retries: 3, ..base }`, with `Config`
/// declared in the file) written field by field (`Config { retries: 3, host: base.host }`),
/// as it moves: each field it takes out of `base` is a field move, which a `Partial`
/// carries, and the fields it leaves stay in `base`, to drop at the end of its scope. (Not
/// inside a closure or `async` block, which would capture the fields one by one instead of
/// `base` whole.)
pub fn spell_out_struct_updates(block: &mut Block) {
    struct Spell;
    impl syn::visit_mut::VisitMut for Spell {
        fn visit_expr_struct_mut(&mut self, e: &mut syn::ExprStruct) {
            syn::visit_mut::visit_expr_struct_mut(self, e);
            let Some(base) = e.rest.as_deref() else { return };
            if crate::analyze::field_root(base).is_none() {
                return;
            }
            let Some(fields) = crate::analyze::receivers::declared_fields(&e.path) else { return };
            if fields.iter().any(|f| f.parse::<usize>().is_ok()) {
                return;
            }
            let given: Vec<String> = e.fields.iter().map(|f| crate::analyze::receivers::member_name(&f.member)).collect();
            let base = base.clone();
            for f in fields.iter().filter(|f| !given.contains(f)) {
                let name = crate::util::ident(f);
                if !e.fields.empty_or_trailing() {
                    e.fields.push_punct(Default::default());
                }
                e.fields.push(parse_quote!(#name: #base.#name));
            }
            e.dot2_token = None;
            e.rest = None;
        }
        fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
        fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    syn::visit_mut::VisitMut::visit_block_mut(&mut Spell, block);
}

/// Splits a `match` arm on a field whose or-pattern leaves part of the field in one
/// alternative (`A(t) | B(t, _) => body`) into an arm per alternative, each with the guard
/// and the body (`A(t) => body, B(t, _) => body`), as rustc tries them. A `Partial` local
/// names the part an arm leaves to keep it (see `emit::partial`), and the alternatives of
/// an or-pattern must bind the same names.
pub fn split_or_arms(block: &mut Block) {
    struct Split;
    impl syn::visit_mut::VisitMut for Split {
        fn visit_expr_match_mut(&mut self, m: &mut syn::ExprMatch) {
            syn::visit_mut::visit_expr_match_mut(self, m);
            if !matches!(&*m.expr, Expr::Field(_)) || crate::analyze::field_root(&m.expr).is_none() {
                return;
            }
            for arm in std::mem::take(&mut m.arms) {
                // (The or-pattern, under its guard if it has one.)
                let (or, guard) = match &arm.pat {
                    Pat::Or(o) => (Some(o), None),
                    Pat::Guard(g) => (if let Pat::Or(o) = &*g.pat { Some(o) } else { None }, Some(g)),
                    _ => (None, None),
                };
                let split = or.filter(|o| {
                    !crate::analyze::binds_all(&arm.pat)
                        && binds_by_value(&arm.pat)
                        && o.cases.iter().all(crate::analyze::binds_all_but_wildcards)
                });
                let Some(or) = split else {
                    m.arms.push(arm);
                    continue;
                };
                for case in &or.cases {
                    let pat = match guard {
                        Some(g) => Pat::Guard(syn::PatGuard { pat: Box::new(case.clone()), ..g.clone() }),
                        None => case.clone(),
                    };
                    m.arms.push(syn::Arm { pat, comma: Some(Default::default()), ..arm.clone() });
                }
            }
        }
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    syn::visit_mut::VisitMut::visit_block_mut(&mut Split, block);
}

/// `while let Some((job, _)) = q.pop() { x.await; }`: natively the part a `_` leaves in a
/// temporary scrutinee lives with the temporary, to the end of the `match` (the `if let`,
/// the loop's round), after the arm's bindings. Here the temporary is not kept across the
/// arm's await, so the part is bound instead (`Some((job, __rest0))`) and kept first in
/// the arm (`let __rest = (__rest0,);`), before the bindings declared again after it: the
/// part drops after them, at the end of the arm, as natively. (A struct pattern's `..`
/// is written out where the file declares the struct.) Only where the arm awaits, the
/// scrutinee is no place (moving from a place would move out of the local), and the
/// pattern binds by value with no `|`, `ref` or `@` (nor does another arm bind by `ref`),
/// and not into a struct with a `Drop` of its own.
pub fn keep_unbound_parts(block: &mut Block) {
    struct Keep(usize);
    impl Keep {
        fn arm(&mut self, pat: &mut Pat, body: &mut Block) {
            fn plain(p: &Pat) -> bool {
                struct Check(bool);
                impl<'a> syn::visit::Visit<'a> for Check {
                    fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
                        self.0 &= p.by_ref.is_none() && p.subpat.is_none();
                    }
                    fn visit_pat_or(&mut self, _: &'a syn::PatOr) {
                        self.0 = false;
                    }
                    fn visit_expr(&mut self, _: &'a Expr) {}
                }
                let mut c = Check(true);
                syn::visit::Visit::visit_pat(&mut c, p);
                c.0
            }
            // The `_`s inside a tuple, a tuple struct, a struct or a slice pattern (not under
            // a `&`, which cannot move).
            fn name_wilds(p: &mut Pat, next: &mut usize, named: &mut Vec<syn::Ident>) {
                let mut one = |p: &mut Pat| match p {
                    Pat::Wild(w) => {
                        let id = format_ident!("__rest{}", *next, span = w.underscore_token.span);
                        *next += 1;
                        named.push(id.clone());
                        *p = parse_quote!(#id);
                    }
                    other => name_wilds(other, next, named),
                };
                // (Nothing moves out of a type with a `Drop` of its own: its parts are copied.)
                let dropping = |path: &syn::Path| {
                    path.segments.last().is_some_and(|s| crate::analyze::receivers::implements_drop(&s.ident.to_string()))
                };
                match p {
                    Pat::Tuple(t) => t.elems.iter_mut().for_each(&mut one),
                    Pat::TupleStruct(t) if dropping(&t.path) => {}
                    Pat::Struct(s) if dropping(&s.path) => {}
                    Pat::TupleStruct(t) => t.elems.iter_mut().for_each(&mut one),
                    Pat::Slice(s) => s.elems.iter_mut().for_each(&mut one),
                    Pat::Struct(s) => {
                        // (`S { a, .. }` of a struct the file declares: the other fields
                        // written out, each as a `_`.)
                        let fields = crate::analyze::receivers::declared_fields(&s.path);
                        if let (Some(_), Some(fields)) = (&s.rest, fields) {
                            let written: Vec<String> = s.fields.iter().map(|f| crate::analyze::receivers::member_name(&f.member)).collect();
                            if fields.iter().all(|f| f.parse::<usize>().is_err()) {
                                for f in fields.iter().filter(|f| !written.contains(f)) {
                                    s.fields.push(syn::FieldPat {
                                        attrs: Vec::new(),
                                        member: syn::Member::Named(format_ident!("{}", f)),
                                        colon_token: Some(Default::default()),
                                        pat: Box::new(parse_quote!(_)),
                                    });
                                }
                                s.rest = None;
                            }
                        }
                        s.fields.iter_mut().for_each(|f| one(&mut f.pat))
                    }
                    Pat::Paren(p) => name_wilds(&mut p.pat, next, named),
                    Pat::Type(t) => name_wilds(&mut t.pat, next, named),
                    Pat::Guard(g) => name_wilds(&mut g.pat, next, named),
                    _ => {}
                }
            }
            // (A pattern that binds nothing moves nothing: the temporary stays whole.)
            let mut bound = Vec::new();
            crate::analyze::bindings(pat, &mut bound);
            if !plain(pat) || bound.is_empty() {
                return;
            }
            let mut named = Vec::new();
            name_wilds(pat, &mut self.0, &mut named);
            if named.is_empty() {
                return;
            }
            let again = bound.iter().filter(|(n, _)| !named.contains(n)).map(|(n, m)| {
                let m = m.then(|| quote::quote!(mut));
                quote::quote!(let #m #n = #n;)
            });
            // (One tuple: its parts drop in order, as the temporary's fields do.)
            let stmts: Block = parse_quote!({ let __rest = (#(#named,)*); #(#again)* });
            body.stmts.splice(0..0, stmts.stmts);
        }
    }
    impl syn::visit_mut::VisitMut for Keep {
        fn visit_expr_mut(&mut self, e: &mut Expr) {
            syn::visit_mut::visit_expr_mut(self, e);
            let temporary = |e: &Expr| !is_place(e) && !matches!(e, Expr::Reference(_));
            match e {
                // (Not where an arm binds by `ref`: a part moved in another arm would be a
                // move out of what the `ref` arm's guard borrows.)
                Expr::Match(m) if temporary(&m.expr) && !m.arms.iter().any(|a| has_ref_binding(&a.pat)) => {
                    for arm in &mut m.arms {
                        if expr_awaits(&arm.body) {
                            if !matches!(&*arm.body, Expr::Block(_)) {
                                let body = &arm.body;
                                *arm.body = parse_quote!({ #body });
                            }
                            if let Expr::Block(b) = &mut *arm.body {
                                self.arm(&mut arm.pat, &mut b.block);
                            }
                        }
                    }
                }
                Expr::If(i) => {
                    if let Expr::Let(l) = &mut *i.cond {
                        if temporary(&l.expr) && block_awaits(&i.then_branch) {
                            self.arm(&mut l.pat, &mut i.then_branch);
                        }
                    }
                }
                Expr::While(w) => {
                    if let Expr::Let(l) = &mut *w.cond {
                        if temporary(&l.expr) && block_awaits(&w.body) {
                            self.arm(&mut l.pat, &mut w.body);
                        }
                    }
                }
                Expr::ForLoop(f) if block_awaits(&f.body) => self.arm(&mut f.pat, &mut f.body),
                _ => {}
            }
        }
        fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
        fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    syn::visit_mut::VisitMut::visit_block_mut(&mut Keep(0), block);
}

/// `let Order { id, .. } = o;` leaves the fields it does not bind in `o`, to the end of
/// `o`'s scope. Before an await that matters: bound field by field (`let id = o.id;`), `o`
/// is a partly moved local, which the lowering keeps alive (see `emit::partial`), as for a
/// parameter's pattern. Only where `o` owns its value (`owned`: parameters taken by value;
/// locals made by a literal, a call or an await): through a reference the pattern would
/// bind references, which `o.id` does not.
pub fn split_rest_lets(owned: &[String], block: &mut Block) {
    let mut owned: Vec<String> = owned.to_vec();
    let stmts: Vec<Stmt> = block.stmts.drain(..).collect();
    let mut out = Vec::with_capacity(stmts.len());
    for (i, mut stmt) in stmts.iter().cloned().enumerate() {
        struct Nested<'o>(&'o [String]);
        impl syn::visit_mut::VisitMut for Nested<'_> {
            fn visit_block_mut(&mut self, b: &mut Block) {
                split_rest_lets(self.0, b);
            }
            fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
            fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
            fn visit_item_mut(&mut self, _: &mut syn::Item) {}
        }
        syn::visit_mut::VisitMut::visit_stmt_mut(&mut Nested(&owned), &mut stmt);
        if let Stmt::Local(l) = &stmt {
            let source = match &l.init {
                Some(LocalInit { expr, diverge: None, .. }) => match &**expr {
                    Expr::Path(p) => p.path.get_ident().cloned(),
                    _ => None,
                },
                _ => None,
            };
            let mut lets = Vec::new();
            // (`let E::Only { a, .. } = e;`: a path of several segments may name an enum
            // variant, whose fields are not `e.a`.)
            let variant = matches!(&l.pat, Pat::Struct(p) if p.path.segments.len() > 1)
                || matches!(&l.pat, Pat::TupleStruct(p) if p.path.segments.len() > 1);
            if let Some(source) = source.filter(|s| owned.iter().any(|o| s == o))
                && !variant
                && leaves_fields(&l.pat)
                && !matches!(l.pat, Pat::Wild(_))
                && stmts[i + 1..].iter().any(crate::util::stmt_awaits)
                && field_lets(&l.pat, &parse_quote!(#source), &mut lets)
            {
                out.extend(lets);
                continue;
            }
            // Which names own their value from here on.
            let mut names = Vec::new();
            crate::analyze::bindings(&l.pat, &mut names);
            let names: Vec<String> = names.into_iter().map(|(n, _)| n.to_string()).collect();
            let literal = l.init.as_ref().is_some_and(|i| makes_value(&i.expr));
            owned.retain(|o| !names.contains(o));
            if literal && matches!(&l.pat, Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none()) {
                owned.extend(names);
            }
        }
        out.push(stmt);
    }
    block.stmts = out;
}

/// A literal, or what a function or an await returns: an owned value, all but surely (a
/// function returning a reference to a struct is rare).
fn makes_value(e: &Expr) -> bool {
    match e {
        Expr::Struct(_) | Expr::Tuple(_) | Expr::Call(_) | Expr::Await(_) => true,
        Expr::Try(t) => makes_value(&t.expr),
        _ => false,
    }
}

/// As [`makes_value`], with the macros and methods that make a new value (`vec![..]`,
/// `s.to_string()`, `v.clone()`: `&mut T` is not `Clone`, so a clone is never one).
fn makes_owned_value(e: &Expr) -> bool {
    match e {
        Expr::Macro(m) => m.mac.path.segments.last().is_some_and(|s| s.ident == "vec" || s.ident == "format"),
        Expr::MethodCall(m) => {
            matches!(m.method.to_string().as_str(), "to_string" | "to_owned" | "to_vec" | "clone" | "collect")
        }
        e => makes_value(e),
    }
}

/// The locals of `body` that own their value wherever they are in scope: the parameters
/// taken by value among `params` (`owned_params`), and the locals every binding of which is
/// a `let x = <literal, call, await, vec![..], clone..>;` (a name bound also by a pattern
/// or another `let` may hold a reference there) and that are never assigned again. Names
/// are told apart already ([`rename`]).
pub fn owned_locals(owned_params: &[String], params: &[String], body: &Block) -> Vec<String> {
    #[derive(Default)]
    struct Bindings {
        owned: Vec<String>,
        other: Vec<String>,
    }
    impl Bindings {
        fn pat(&mut self, pat: &Pat) {
            let mut names = Vec::new();
            crate::analyze::bindings(pat, &mut names);
            self.other.extend(names.into_iter().map(|(n, _)| n.to_string()));
        }
    }
    impl<'a> syn::visit::Visit<'a> for Bindings {
        fn visit_local(&mut self, l: &'a syn::Local) {
            match (&l.pat, &l.init) {
                (Pat::Ident(p), Some(init)) if p.by_ref.is_none() && p.subpat.is_none() && makes_owned_value(&init.expr) => {
                    self.owned.push(p.ident.to_string())
                }
                (pat, _) => self.pat(pat),
            }
            syn::visit::visit_local(self, l);
        }
        fn visit_arm(&mut self, a: &'a syn::Arm) {
            self.pat(&a.pat);
            syn::visit::visit_arm(self, a);
        }
        fn visit_expr_let(&mut self, l: &'a syn::ExprLet) {
            self.pat(&l.pat);
            syn::visit::visit_expr_let(self, l);
        }
        fn visit_expr_for_loop(&mut self, f: &'a syn::ExprForLoop) {
            self.pat(&f.pat);
            syn::visit::visit_expr_for_loop(self, f);
        }
        // (A local assigned again after a move would be declared again, empty, where the
        // moving operand's await resumes, with no type there: E0282. It stays in its place.)
        fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
            if let Expr::Path(p) = &*a.left {
                self.other.extend(p.path.get_ident().map(|i| i.to_string()));
            }
            syn::visit::visit_expr_assign(self, a);
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut b = Bindings::default();
    syn::visit::Visit::visit_block(&mut b, body);
    b.other.extend(params.iter().filter(|p| !owned_params.contains(p)).cloned());
    b.owned.extend(owned_params.iter().cloned());
    b.owned.retain(|o| !b.other.contains(o));
    b.owned
}

/// The marker attribute on an await whose awaiter is built inside an `async move` block.
pub const IN_BLOCK: &str = "__in_block";

/// Whether the awaiter is built in an `async move` block that awaits the operand, which owns
/// the operand's temporaries until the await ends:
/// - `Job::new(3).run().await` as a whole statement: whether `run` takes the temporary
///   receiver by value or borrows it (which keeps it to the end of the statement, across
///   the await) depends on a signature this stage cannot see, and no one expression builds
///   the awaiter right for both. The block lets rustc decide, and it ends with the await,
///   as the statement does.
/// - `apply(&|x| x * k, 2).await`: a closure lent to the call is a temporary the awaiter
///   borrows. Spilled, it would be a type of its own in each place the awaiter is built;
///   in the arm that builds it, it would drop at the end of that statement (E0716). A
///   closure without `move` owns nothing that drops (it is called through the reference,
///   so it moves no capture), so it may drop when the await ends, inside a larger
///   expression too; a `move` one only in a whole statement.
/// Not where the operand leaves the block (`?`, `return`, `break`): they would leave the
/// `async` block instead.
fn awaited_in_block(base: &Expr, whole_statement: bool) -> bool {
    let lends_closure = |args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>| {
        args.iter().any(|a| matches!(a, Expr::Reference(r)
            if matches!(&*r.expr, Expr::Closure(c) if whole_statement || c.capture.is_none())))
    };
    let in_block = match base {
        Expr::MethodCall(m) => {
            // (A statement's temporary, `__t0` of `a().await.finish().await`, is one too.)
            let temporary = (whole_statement && is_value_expr(&m.receiver)) || crate::util::is_temp(&m.receiver);
            (temporary && !crate::analyze::awaited_method_consumes(&m.receiver, &m.method.to_string(), m.args.len()))
                || lends_closure(&m.args)
        }
        Expr::Call(c) => lends_closure(&c.args),
        _ => false,
    };
    if !in_block {
        return false;
    }
    struct Leaves(bool);
    impl<'a> syn::visit::Visit<'a> for Leaves {
        fn visit_expr(&mut self, e: &'a Expr) {
            match e {
                Expr::Try(_) | Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) | Expr::Await(_) => self.0 = true,
                Expr::Macro(m) if m.mac.tokens.clone().into_iter().any(|t| {
                    matches!(&t, proc_macro2::TokenTree::Punct(p) if p.as_char() == '?')
                        || matches!(&t, proc_macro2::TokenTree::Ident(i) if i == "return" || i == "break" || i == "continue")
                }) => self.0 = true,
                _ => syn::visit::visit_expr(self, e),
            }
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut leaves = Leaves(false);
    syn::visit::Visit::visit_expr(&mut leaves, base);
    !leaves.0
}

/// Does the pattern leave part of its value unbound (`_`, `..`)?
fn leaves_fields(pat: &Pat) -> bool {
    struct Find(bool);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_pat(&mut self, p: &'a Pat) {
            if matches!(p, Pat::Wild(_) | Pat::Rest(_)) {
                self.0 = true;
            }
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

/// `let name = base.field;` for each binding of an irrefutable tuple or struct pattern, in
/// pattern order; false (nothing usable) for other patterns (slices, `..` before the end
/// of a tuple, literals, references).
fn field_lets(pat: &Pat, base: &Expr, out: &mut Vec<Stmt>) -> bool {
    let elems = |elems: &syn::punctuated::Punctuated<Pat, syn::Token![,]>, out: &mut Vec<Stmt>| {
        for (i, p) in elems.iter().enumerate() {
            if matches!(p, Pat::Rest(_)) {
                // Only a trailing `..`: the fields after it would need the arity.
                if i + 1 != elems.len() {
                    return false;
                }
                continue;
            }
            let index = syn::Index::from(i);
            if !field_lets(p, &parse_quote!(#base.#index), out) {
                return false;
            }
        }
        true
    };
    match pat {
        Pat::Ident(p) if p.subpat.is_none() => {
            out.push(parse_quote!(let #p = #base;));
            true
        }
        Pat::Wild(_) => true,
        Pat::Paren(p) => field_lets(&p.pat, base, out),
        Pat::Tuple(t) => elems(&t.elems, out),
        Pat::TupleStruct(t) => elems(&t.elems, out),
        Pat::Struct(s) => s.fields.iter().all(|f| {
            let member = &f.member;
            field_lets(&f.pat, &parse_quote!(#base.#member), out)
        }),
        _ => false,
    }
}

/// `drop(__tN);` for the spilled temporaries among `pre` whose names are in `borrowed`,
/// last first.
/// The spilled temporaries (in `pre`) of a scrutinee: those it borrows (not those it
/// moves), and those that what it moves borrowed: `len_of(&mk())` in `len_of(&mk()) +
/// x.await` ran before the await into a local of its own, but `mk()` is still a temporary
/// of the scrutinee.
fn scrutinee_temps(scrutinee: &Expr, pre: &[Stmt]) -> Vec<String> {
    let mut borrowed = borrowed_roots(scrutinee);
    let mut moved = std::collections::BTreeSet::new();
    crate::util::collect_idents(&scrutinee.to_token_stream(), &mut moved);
    for s in pre.iter().rev() {
        if let Stmt::Local(syn::Local { pat: Pat::Ident(p), init: Some(init), .. }) = s {
            if is_temp_name(&p.ident.to_string()) && moved.contains(&p.ident.to_string()) {
                borrowed.extend(borrowed_roots(&init.expr).into_iter().filter(|r| is_temp_name(r)));
            }
        }
    }
    borrowed
}

fn drops_of(pre: &[Stmt], borrowed: &[String]) -> Vec<Stmt> {
    // (And the temporaries those borrow, made before them: in `make().name().find('z')`,
    // `name()`'s value keeps `make()`'s alive, and both drop.)
    let mut borrowed = borrowed.to_vec();
    for s in pre.iter().rev() {
        if let Stmt::Local(syn::Local { pat: Pat::Ident(p), init: Some(init), .. }) = s {
            if borrowed.contains(&p.ident.to_string()) {
                borrowed.extend(borrowed_roots(&init.expr).into_iter().filter(|r| is_temp_name(r)));
            }
        }
    }
    pre.iter()
        .rev()
        .filter_map(|s| match s {
            Stmt::Local(syn::Local { pat: Pat::Ident(p), .. }) if borrowed.contains(&p.ident.to_string()) => {
                let t = &p.ident;
                Some(parse_quote!(::core::mem::drop(#t);))
            }
            _ => None,
        })
        .collect()
}

/// The first `let` of a let chain (`let P = e && ..`).
fn leftmost_let(cond: &mut Expr) -> Option<&mut syn::ExprLet> {
    match cond {
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => leftmost_let(&mut b.left),
        Expr::Let(l) => Some(l),
        _ => None,
    }
}

/// Is this the name of a statement's temporary made a local (`__t0`, see `fresh_temp`)?
pub fn is_temp_name(name: &str) -> bool {
    name.strip_prefix("__t").is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}
