//! Emit: the function that builds the machine, and the resume closure (C#'s `MoveNext`).
//!
//! The closure is a `'poll: loop` over a `match` on the current state:
//! - `Start` takes the arguments and runs the body;
//! - `AwaitN` polls its awaiter in place; when it is ready, takes the parked locals back
//!   onto the stack and runs the *continuation* of await N: the rest of its statement, the
//!   rest of each enclosing block, each enclosing loop entered again, up to the end of the
//!   body or the next await.
//!
//! Reaching an await (a *suspension*) parks the live locals into the await's variant,
//! builds the awaiter in place from the parked values, and `continue 'poll`s to poll it.
//! Because each continuation re-creates the user's own blocks and loops, Rust's own
//! scoping drops every local where native code drops it, and `break`, `continue`, labels,
//! `return` and `?` keep their meaning.

use crate::analyze::{Analysis, top_await, top_await_expr};
use crate::layout::Layout;
use crate::normalize::rewrite::await_index;
use crate::util::stmt_awaits;
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::quote;
use std::cell::Cell;
use std::collections::BTreeSet;
use syn::visit_mut::VisitMut;
use syn::{Block, Expr, Ident, Stmt, parse_quote};

pub mod function;
pub mod partial;
pub mod slots;
pub mod state;

pub struct Emitter<'a> {
    pub analysis: &'a Analysis,
    pub layout: &'a Layout,
    pub rt: TokenStream,
    /// The awaited expression of each await, by number.
    operands: Vec<Expr>,
    /// Which of them the lowering wrapped in an `async move` block (see [`awaited`]).
    wrapped: Vec<bool>,
    /// Frame slot of each slotted local, by name.
    pub slots: slots::SlotMap,
    loops: Cell<usize>,
    /// The await whose resumption is being emitted (`None`: the `Start` arm), for jumps.
    resuming: Cell<Option<usize>>,
    /// Locals whose `let` may leave their type open (`Vec::new()`, `None`, no value):
    /// what a later statement puts in them says it (see [`Emitter::inference_hint`]).
    open_types: BTreeSet<String>,
    /// The arm being emitted may still repeat code for inference (see
    /// [`Emitter::inference_hint`]).
    hinting: Cell<bool>,
    /// The declared output type, when it can be named (not `impl Trait`): the body's value
    /// is coerced to it (`Box<dyn Trait>` from `Box<T>`), as natively.
    pub output: Option<TokenStream>,
    /// Where it names `impl Trait`: the identity function whose bounds give the body's
    /// value the declared type's expectation (see `emit::function::output_expectation`).
    pub output_fn: Option<TokenStream>,
}

impl<'a> Emitter<'a> {
    pub fn new(
        analysis: &'a Analysis,
        layout: &'a Layout,
        rt: TokenStream,
        body: &Block,
        slots: slots::SlotMap,
    ) -> Self {
        let mut operands = vec![parse_quote!(()); analysis.sites.len()];
        let mut wrapped = vec![false; analysis.sites.len()];
        struct Collect<'v>(&'v mut Vec<Expr>, &'v mut Vec<bool>);
        impl<'x> syn::visit::Visit<'x> for Collect<'_> {
            fn visit_expr_await(&mut self, aw: &'x syn::ExprAwait) {
                if let Some(k) = await_index(aw) {
                    self.0[k] = awaited(aw);
                    self.1[k] = in_block(aw);
                }
            }
            fn visit_expr_closure(&mut self, _: &'x syn::ExprClosure) {}
            fn visit_expr_async(&mut self, _: &'x syn::ExprAsync) {}
            fn visit_item(&mut self, _: &'x syn::Item) {}
        }
        syn::visit::Visit::visit_block(&mut Collect(&mut operands, &mut wrapped), body);
        Emitter {
            analysis,
            layout,
            rt,
            operands,
            wrapped,
            slots,
            loops: Cell::new(0),
            resuming: Cell::new(None),
            open_types: open_types(body),
            hinting: Cell::new(true),
            output: None,
            output_fn: None,
        }
    }

    /// The resume closure's body: the `match` on the state, then the code of each await.
    pub fn arms(&self, body: &Block, params: &[(Ident, bool)]) -> TokenStream {
        let rt = &self.rt;
        let bind: Vec<state::Bound> = params
            .iter()
            .map(|(n, m)| state::Bound {
                name: n.clone(),
                mutable: *m,
            })
            .collect();
        self.resuming.set(None);
        self.hinting.set(true);
        let mut body_code = self.lower_block(body, false);
        // (Idle hints first: a `let n;` that only an idle hint names is unset too.)
        prune_idle_hints(&mut body_code);
        prune_unset_declarations(&mut body_code);
        let start_tail = self.tail(body_code);
        let fill_params = params.iter().filter_map(|(n, _)| {
            self.slots
                .get(&n.to_string())
                .map(|&i| slots::fill_stmt(n, i, params.iter().any(|(p, m)| p == n && *m), rt))
        });
        let start = self.start_arm(&bind, quote!(#(#fill_params)* #start_tail));
        let mut awaits = Vec::new();
        for (k, facts) in self.analysis.sites.iter().enumerate() {
            // Parked locals and slot guards in declaration order: bound in this order, they
            // drop in reverse, as native locals do.
            let mut bound: Vec<(usize, state::Bound)> = facts
                .parked
                .iter()
                .map(|p| {
                    (
                        p.local,
                        state::Bound {
                            name: p.name.clone(),
                            mutable: p.mutable && p.depth == 0,
                        },
                    )
                })
                .collect();
            bound.extend(facts.slotted.iter().map(|p| {
                (
                    p.local,
                    state::Bound {
                        name: slots::guard_name(&p.name),
                        mutable: false,
                    },
                )
            }));
            bound.sort_by_key(|(local, _)| *local);
            let bound: Vec<state::Bound> = bound.into_iter().map(|(_, b)| b).collect();
            self.resuming.set(Some(k));
            self.hinting.set(true);
            let mut cont = self
                .continuation(body, k, 0)
                .unwrap_or_else(|| parse_quote!({ unreachable!() }));
            prune_idle_hints(&mut cont);
            prune_unset_declarations(&mut cont);
            let tail = self.tail(cont);
            let used;
            let deferred = if facts.deferred {
                used = self.operand_bindings(k);
                Some((used.as_slice(), self.build_awaiter(k)))
            } else {
                None
            };
            awaits.push(self.await_arm(k, deferred, &bound, tail));
        }
        self.dispatch(start, awaits)
    }

    /// The end of an arm: the body's value is the function's output, unless every path
    /// through it suspends or returns (then the block's own statements are the arm's end).
    fn tail(&self, block: Block) -> TokenStream {
        let rt = &self.rt;
        if block_diverges(&block) {
            let stmts = &block.stmts;
            quote!(#(#stmts)*)
        } else {
            let ty = self.output.as_ref().map(|t| quote!(: #t));
            let value = match &self.output_fn {
                Some(f) => quote!(#f(#block)),
                None => quote!(#block),
            };
            quote! {
                let __result #ty = #value;
                return #rt::Poll::Ready(__result);
            }
        }
    }

    /// Straight-line code: a block run from its start; every await in it suspends.
    /// `nested`: the block is inside a construct of the arm, whose code goes on after it.
    fn lower_block(&self, block: &Block, nested: bool) -> Block {
        Block {
            brace_token: block.brace_token,
            stmts: self.lower_stmts(&block.stmts, nested),
        }
    }

    fn lower_stmts(&self, stmts: &[Stmt], nested: bool) -> Vec<Stmt> {
        let mut out = Vec::new();
        for (i, stmt) in stmts.iter().enumerate() {
            if !stmt_awaits(stmt) {
                out.push(stmt.clone());
                continue;
            }
            if let Some(aw) = top_await(stmt) {
                let k = await_index(aw).expect("numbered await");
                let (mut suspend, used) = self.suspend(k, &awaited(aw));
                if nested {
                    // (A join point's rest is what must wait for the types the paths hand
                    // over: it is not repeated, nor is anything after it.)
                    let hint = if crate::normalize::joins::is_join(aw) {
                        self.hinting.set(false);
                        None
                    } else {
                        self.inference_hint(k, &used, stmt, &stmts[i + 1..])
                    };
                    if let (Expr::Block(b), Some(hint)) = (&mut suspend, hint) {
                        b.block.stmts.push(hint);
                    }
                }
                out.push(Stmt::Expr(suspend, Some(Default::default())));
                // Nothing after a suspension runs in this arm: it is the next arm's code.
                return out;
            }
            let mut lowered = self.map_construct_stmt(stmt, &mut |e| self.lower_construct(e));
            let stop = diverges(&lowered);
            if stop {
                end_statement(&mut lowered);
            }
            out.push(lowered);
            if stop {
                // The construct never completes here (every path suspends, returns or
                // jumps): what follows it is another arm's code, and would not type-check
                // after a `!` value.
                return out;
            }
        }
        out
    }

    /// A construct whose blocks await: the same construct with its blocks lowered.
    fn lower_construct(&self, expr: &Expr) -> Expr {
        let mut e = expr.clone();
        match &mut e {
            Expr::If(i) => {
                i.then_branch = self.lower_block(&i.then_branch, true);
                if let Some((_, els)) = &mut i.else_branch {
                    **els = self.lower_construct(els);
                }
            }
            Expr::Match(m) => {
                for arm in &mut m.arms {
                    if let Expr::Block(b) = &mut *arm.body {
                        b.block = self.lower_block(&b.block, true);
                    }
                }
            }
            Expr::Loop(l) => l.body = self.lower_block(&l.body, true),
            Expr::Block(b) => b.block = self.lower_block(&b.block, true),
            Expr::Unsafe(u) => u.block = self.lower_block(&u.block, true),
            Expr::Paren(p) => *p.expr = self.lower_construct(&p.expr),
            Expr::Group(g) => *g.expr = self.lower_construct(&g.expr),
            _ => {}
        }
        e
    }

    /// Applies `f` to the construct at the top of a statement (`let P = C;`, `C;`, tail `C`).
    fn map_construct_stmt(&self, stmt: &Stmt, f: &mut dyn FnMut(&Expr) -> Expr) -> Stmt {
        match stmt {
            Stmt::Local(l) => {
                let mut l = l.clone();
                if let Some(init) = &mut l.init {
                    *init.expr = f(&init.expr);
                }
                Stmt::Local(l)
            }
            Stmt::Expr(e, semi) => Stmt::Expr(f(e), *semi),
            other => other.clone(),
        }
    }

    /// The code that runs when await `k` completes, from the block `block` (at `depth`)
    /// outwards; `None` if the await is not in this block.
    fn continuation(&self, block: &Block, k: usize, depth: usize) -> Option<Block> {
        let i = block.stmts.iter().position(|s| contains_await(s, k))?;
        let stmt = &block.stmts[i];
        let mut stmts = self.rebind(k, depth);
        if top_await(stmt).and_then(await_index) == Some(k) {
            let resumed = replace_await(stmt, k);
            stmts.extend(self.lower_stmts(&[resumed], depth > 0));
        } else {
            let continued =
                self.map_construct_stmt(stmt, &mut |e| self.continue_construct(e, k, depth));
            stmts.push(match continued {
                // `let P = { .. return .. };` that never completes: the bindings' types would
                // not be inferred here, and nothing binds them: keep the block alone.
                Stmt::Local(l) if l.init.as_ref().is_some_and(|i| expr_diverges(&i.expr)) => {
                    Stmt::Expr(*l.init.unwrap().expr, Some(Default::default()))
                }
                other => other,
            });
        }
        match stmts.last_mut() {
            // A diverging last statement must not become the block's tail: its type would be
            // that of its tail (say `()`), not `!`.
            Some(last) if diverges(last) => end_statement(last),
            _ => stmts.extend(self.lower_stmts(&block.stmts[i + 1..], depth > 0)),
        }
        Some(Block {
            brace_token: block.brace_token,
            stmts,
        })
    }

    /// The construct holding await `k`, replaced by the continuation of the block that
    /// holds it (the branch that was taken, the arm that matched, the loop's iteration).
    fn continue_construct(&self, expr: &Expr, k: usize, depth: usize) -> Expr {
        let block_expr = |block: Block| -> Expr {
            Expr::Block(syn::ExprBlock {
                attrs: vec![],
                label: None,
                block,
            })
        };
        match expr {
            Expr::If(i) => {
                if let Some(b) = self.continuation(&i.then_branch, k, depth + 1) {
                    return block_expr(b);
                }
                match i.else_branch.as_ref().map(|(_, e)| &**e) {
                    Some(Expr::Block(b)) => block_expr(
                        self.continuation(&b.block, k, depth + 1)
                            .expect("await in else"),
                    ),
                    // `else if`, or an `else if let` the slot rewrite made a `match`.
                    Some(nested) => self.continue_construct(nested, k, depth),
                    None => unreachable!("await not found in if"),
                }
            }
            Expr::Match(m) => {
                for arm in &m.arms {
                    if let Expr::Block(b) = &*arm.body {
                        if let Some(c) = self.continuation(&b.block, k, depth + 1) {
                            return block_expr(c);
                        }
                    }
                }
                unreachable!("await not found in match")
            }
            Expr::Block(b) => {
                let c = self
                    .continuation(&b.block, k, depth + 1)
                    .expect("await in block");
                Expr::Block(syn::ExprBlock {
                    attrs: b.attrs.clone(),
                    label: b.label.clone(),
                    block: c,
                })
            }
            Expr::Unsafe(u) => {
                let c = self
                    .continuation(&u.block, k, depth + 1)
                    .expect("await in unsafe block");
                Expr::Unsafe(syn::ExprUnsafe {
                    attrs: u.attrs.clone(),
                    unsafe_token: u.unsafe_token,
                    block: c,
                })
            }
            Expr::Paren(p) => self.continue_construct(&p.expr, k, depth),
            Expr::Group(g) => self.continue_construct(&g.expr, k, depth),
            Expr::Loop(l) => {
                // Finish the interrupted iteration, then run the loop again as written.
                let n = self.loops.get();
                self.loops.set(n + 1);
                let exit = syn::Lifetime::new(&format!("'exit_loop{n}"), Span::call_site());
                let rest = syn::Lifetime::new(&format!("'finish_iteration{n}"), Span::call_site());
                let mut iteration = self
                    .continuation(&l.body, k, depth + 1)
                    .expect("await in loop");
                let label = l.label.as_ref().map(|l| l.name.clone());
                Retarget {
                    label: label.as_ref(),
                    exit: &exit,
                    rest: &rest,
                    depth: 0,
                }
                .visit_block_mut(&mut iteration);
                if block_diverges(&iteration) && !breaks_to(&iteration, Some(&rest), false) {
                    // The iteration never ends normally (it reaches another await, returns or
                    // leaves the loop): the loop is not entered again from this arm.
                    let exits = breaks_to(&iteration, Some(&exit), false);
                    return if exits {
                        parse_quote!(#exit: #iteration)
                    } else {
                        Expr::Block(syn::ExprBlock {
                            attrs: vec![],
                            label: None,
                            block: iteration,
                        })
                    };
                }
                let again = Expr::Loop(syn::ExprLoop {
                    attrs: l.attrs.clone(),
                    label: l.label.clone(),
                    loop_token: l.loop_token,
                    body: self.lower_block(&l.body, true),
                });
                parse_quote!(#exit: { #rest: #iteration #again })
            }
            other => other.clone(),
        }
    }

    /// At the start of a resumed block: the parked locals it owns, moved into its scope
    /// (so they drop at its end), and the declared-but-unset locals it owns, declared again.
    fn rebind(&self, k: usize, depth: usize) -> Vec<Stmt> {
        let facts = &self.analysis.sites[k];
        let mut out: Vec<Stmt> = Vec::new();
        // In declaration order, slotted and parked alike: they drop in reverse at the end.
        let mut owned: Vec<(usize, Vec<Stmt>)> = Vec::new();
        for p in facts.slotted.iter().filter(|p| p.depth == depth) {
            let mut stmts = Vec::new();
            if depth > 0 {
                let guard = slots::guard_name(&p.name);
                stmts.push(parse_quote!(let #guard = #guard;));
            }
            stmts.push(slots::peek_stmt(
                &p.name,
                self.slots[&p.name.to_string()],
                self.analysis.locals[p.local].uninit || self.analysis.locals[p.local].mutable,
                &self.rt,
            ));
            owned.push((p.local, stmts));
        }
        // A local declared again (`a` of `a = leaf(a).await`) keeps its place in the order:
        // at the top level, the parked locals declared after it are moved into bindings
        // after its declaration, so that they drop before it, as natively.
        let redeclared: Vec<_> = facts.redeclare.iter().filter(|(_, _, d, _)| *d == depth).collect();
        let first_redeclared = redeclared.iter().map(|(_, _, _, local)| *local).min();
        for p in facts.parked.iter().filter(|p| p.depth == depth) {
            if depth > 0 || first_redeclared.is_some_and(|r| p.local > r) {
                let n = &p.name;
                owned.push((
                    p.local,
                    vec![if p.mutable {
                        parse_quote!(let mut #n = #n;)
                    } else {
                        parse_quote!(let #n = #n;)
                    }],
                ));
            }
        }
        // (A `let mut` one whose witness is here gets its type from it, in code that never
        // runs: `cur = next` would not coerce a `&mut Box<Node>` to the `&mut Node` it was.)
        let mut typed: Vec<Stmt> = Vec::new();
        for (n, m, _, local) in redeclared {
            owned.push((*local, vec![if *m { parse_quote!(let mut #n;) } else { parse_quote!(let #n;) }]));
            let witness = function::witness_name(n);
            if *m && facts.parked.iter().any(|p| p.name == witness) {
                let rt = &self.rt;
                typed.push(parse_quote!(if false { #n = #rt::value_of(#witness); }));
            }
        }
        // `&mut` bindings matched again from the parked reference (see `analyze::Rederived`).
        owned.extend(rematch(facts.rederived.iter().filter(|r| r.depth == depth)).into_iter().map(|(l, s)| (l, vec![s])));
        owned.sort_by_key(|(local, _)| *local);
        out.extend(owned.into_iter().flat_map(|(_, stmts)| stmts));
        out.extend(typed);
        out
    }

    /// The operand of await `k`, with parked locals reached through their `&mut` bindings,
    /// and the names of the parked locals it uses.
    fn operand(&self, k: usize) -> (Expr, Vec<Ident>) {
        let facts = &self.analysis.sites[k];
        let fields: Vec<&Ident> = facts.parked.iter().rev().map(|p| &p.name).collect();
        deref_parked(&fields, &self.operands[k])
    }

    /// The hoisted locals a deferred awaiter is built from, the guards of the slotted
    /// locals it takes out of their slots (`let v = __slot_v.take();` before a closure that
    /// moves `v`), then its inputs.
    fn operand_bindings(&self, k: usize) -> Vec<Ident> {
        let (operand, mut used) = self.operand(k);
        let tokens = quote!(#operand);
        used.extend(
            self.analysis.sites[k]
                .slotted
                .iter()
                .map(|p| slots::guard_name(&p.name))
                .filter(|g| crate::util::mentions_ident(&tokens, &g.to_string())),
        );
        used.extend(self.analysis.sites[k].inputs.iter().map(|p| p.name.clone()));
        used
    }

    /// A deferred awaiter (its expression holds a closure or an `async` block) is built in
    /// its own arm, once, the first time the arm runs.
    fn build_awaiter(&self, k: usize) -> TokenStream {
        let rt = &self.rt;
        let (mut operand, parked) = self.operand(k);
        // (The lowering's own `async move` wrapper owns the inputs: a closure inside may
        // borrow them.)
        let inputs: BTreeSet<String> = if self.wrapped[k] {
            BTreeSet::new()
        } else {
            self.analysis.sites[k].inputs.iter().map(|p| p.name.to_string()).collect()
        };
        let mut own = OwnCaptures { inputs: &inputs, parked: &parked };
        match &mut operand {
            // (The lowering's own wrapper lends the parked locals to the code inside.)
            Expr::Async(wrapper) if self.wrapped[k] => own.visit_block_mut(&mut wrapper.block),
            operand => own.visit_expr_mut(operand),
        }
        let peeks = self.analysis.sites[k]
            .slotted
            .iter()
            .map(|p| {
                let reassigned = self.analysis.locals[p.local].uninit || self.analysis.locals[p.local].mutable;
                slots::peek_stmt(&p.name, self.slots[&p.name.to_string()], reassigned, rt)
            });
        let inputs = self.analysis.sites[k].inputs.iter().map(|p| {
            let n = &p.name;
            let m = if p.mutable { quote!(mut) } else { quote!() };
            quote!(let #m #n = #n.take().unwrap();)
        });
        quote! {
            if awaiter.is_none() {
                #(#peeks)*
                #(#inputs)*
                *awaiter = ::core::option::Option::Some(#rt::IntoFuture::into_future(#operand));
            }
        }
    }

    /// After a suspension inside a loop or a branch, code that never runs: the rest of the
    /// statement and of its block up to the next await, with the awaiter's output in place of
    /// the await. This arm goes on with the code after the construct, which rustc checks
    /// before the next arm, where that rest runs: without the repeat, a type fixed there
    /// (`results.push(fetch(i).await)` in a loop, then `for r in &results { r.len() }`) is
    /// unknown where it is used (E0282). rustc type-checks unreachable code but does not
    /// borrow-check it, so the moves of the parked locals do not matter here.
    /// (`used`: the parked locals the suspension rebinds as `&mut`, bound again by value.)
    fn inference_hint(&self, k: usize, used: &[Ident], stmt: &Stmt, rest: &[Stmt]) -> Option<Stmt> {
        // A repeat shows rustc code earlier than the arm that runs it; so does each later
        // one. Where a repeat leaves something out, a later one could show code whose types
        // depend on it, before it: no more repeats in this arm.
        if !self.hinting.get() {
            return None;
        }
        self.hinting.set(false);
        // (A deferred awaiter is built in its own arm: its type is not known here.)
        if self.analysis.sites[k].deferred {
            return None;
        }
        // Statements only, up to the next await, that make no local but the await's output
        // (a local made here is not the arm's, and what fixes its type may come later) and
        // leave no loop (a jump here would count as one out of the loop, which the arm's
        // shape depends on).
        let resumed = replace_await(stmt, k);
        let binds_output = |s: &Stmt| matches!(s, Stmt::Local(l) if l.init.as_ref().is_some_and(|i| i.diverge.is_none() && matches!(&*i.expr, Expr::Path(p) if p.path.is_ident("__output"))));
        let mut stmts: Vec<Stmt> = std::iter::once(resumed)
            .chain(rest.iter().cloned())
            .enumerate()
            .take_while(|(i, s)| {
                !stmt_awaits(s) && !jumps(s) && (matches!(s, Stmt::Expr(..) | Stmt::Macro(_)) || (*i == 0 && binds_output(s)))
            })
            .map(|(_, s)| s)
            .collect();
        let mut complete = stmts.len() == rest.len() + 1;
        // A block's value has a type its context gives (`Ok(v)`): it is left out unless its
        // type is fixed by what it is (an assignment, a method call on a local, an `if`
        // without `else`, a `for` or `while` loop).
        if let Some(Stmt::Expr(tail, semi @ None)) = stmts.last_mut() {
            let fixed = match tail {
                Expr::Assign(_) | Expr::ForLoop(_) | Expr::While(_) => true,
                Expr::Binary(b) => crate::normalize::is_compound_assign(&b.op),
                Expr::MethodCall(m) => matches!(&*m.receiver, Expr::Path(_)),
                Expr::If(i) => i.else_branch.is_none(),
                _ => false,
            };
            if fixed {
                *semi = Some(Default::default());
            } else {
                stmts.pop();
                complete = false;
            }
        }
        let mut named = BTreeSet::new();
        for s in &stmts {
            crate::util::collect_idents(&quote!(#s), &mut named);
        }
        self.hinting.set(complete);
        // (Only where it may say the type of a local whose `let` left it open: elsewhere the
        // arm knows every type already, and the repeat would only be noise.)
        if named.is_disjoint(&self.open_types) {
            return None;
        }
        let rt = &self.rt;
        let awaiter = if self.fields() {
            let field = crate::layout::fields::awaiter_field(k);
            quote!(&__this.#field)
        } else {
            quote!(awaiter)
        };
        Some(parse_quote! {{
            #(let mut #used = *#used;)*
            let __output = #rt::infer_output(#awaiter);
            #(#stmts)*
        }})
    }

    /// Suspension at await `k`: park the live locals, build the awaiter in place from them,
    /// and go poll it. Also the parked locals the awaiter is built from, which the
    /// suspension rebinds as `&mut` to their fields.
    fn suspend(&self, k: usize, operand: &Expr) -> (Expr, Vec<Ident>) {
        let facts = &self.analysis.sites[k];
        let fields: Vec<&Ident> = facts.parked.iter().rev().map(|p| &p.name).collect();
        let guards: Vec<Ident> = facts
            .slotted
            .iter()
            .map(|p| slots::guard_name(&p.name))
            .collect();
        let fields: Vec<&Ident> = fields.into_iter().chain(guards.iter()).collect();
        if facts.deferred {
            let inputs: Vec<Ident> = facts.inputs.iter().map(|p| p.name.clone()).collect();
            return (self.park_deferred(k, &inputs, &fields), Vec::new());
        }
        let (operand, mut used) = deref_parked(&fields, operand);
        let early = facts.early && used.is_empty();
        // (The `&mut` bindings it uses are matched again from the parked references, reached
        // through their fields.)
        for r in &facts.lent {
            if !used.contains(&r.root) && facts.parked.iter().any(|p| p.name == r.root) {
                used.push(r.root.clone());
            }
        }
        let rematched: Vec<Stmt> = rematch(facts.lent.iter()).into_iter().map(|(_, s)| s).collect();
        (self.park_and_build(k, &fields, &used, &rematched, &operand, early), used)
    }
}

/// The `&mut` bindings `rederived` matched again from their references, one `let` per arm,
/// each with the first binding it makes.
fn rematch<'a>(rederived: impl Iterator<Item = &'a crate::analyze::Rederived>) -> Vec<(usize, Stmt)> {
    let mut groups: Vec<(usize, &Ident, &syn::Pat, Vec<String>)> = Vec::new();
    for r in rederived {
        let pat = &r.pat;
        let key = quote!(#pat).to_string();
        match groups.iter_mut().find(|(_, root, pat, _)| *root == &r.root && quote!(#pat).to_string() == key) {
            Some(group) => group.3.push(r.name.to_string()),
            None => groups.push((r.local, &r.root, &r.pat, vec![r.name.to_string()])),
        }
    }
    groups
        .into_iter()
        .map(|(local, root, pat, names)| {
            let pat = only_bindings(pat, &names);
            // (An or-pattern in a `let` needs parentheses.)
            let pat: syn::Pat = if matches!(pat, syn::Pat::Or(_)) { parse_quote!((#pat)) } else { pat };
            let stmt = parse_quote! {
                #[allow(unreachable_patterns, irrefutable_let_patterns)]
                let #pat = #root else {
                    unreachable!("async-lower: the place a `&mut` binding was matched from changed")
                };
            };
            (local, stmt)
        })
        .collect()
}

/// `pat` with each binding not in `names` replaced by `_`.
fn only_bindings(pat: &syn::Pat, names: &[String]) -> syn::Pat {
    struct Keep<'a>(&'a [String]);
    impl syn::visit_mut::VisitMut for Keep<'_> {
        fn visit_field_pat_mut(&mut self, f: &mut syn::FieldPat) {
            self.visit_pat_mut(&mut f.pat);
            // (A shorthand field, `Job { t, .. }`, left out: `Job { t: _, .. }`.)
            if matches!(&*f.pat, syn::Pat::Wild(_)) {
                f.colon_token.get_or_insert_with(Default::default);
            }
        }
        fn visit_pat_mut(&mut self, p: &mut syn::Pat) {
            if let syn::Pat::Ident(i) = p {
                let sub = i.subpat.as_mut().map(|(_, sub)| &mut **sub);
                if let Some(sub) = sub {
                    self.visit_pat_mut(sub);
                }
                // (`rest @ ..` left out is `..`, not `_`, which would match one element.)
                if !self.0.contains(&i.ident.to_string()) {
                    *p = match i.subpat.take() {
                        Some((_, sub)) => *sub,
                        None => parse_quote!(_),
                    };
                }
                return;
            }
            syn::visit_mut::visit_pat_mut(self, p);
        }
    }
    let mut pat = pat.clone();
    syn::visit_mut::VisitMut::visit_pat_mut(&mut Keep(names), &mut pat);
    pat
}

/// The locals whose `let` may leave their type open for a later statement to fix: no type
/// written, and no value, or `None`, an empty `vec![]` or `[]`, or a constructor call
/// (`Vec::new()`, `HashMap::with_capacity(n)`, `Default::default()`). (Not an unsuffixed
/// number: counters are everywhere, and an operation with a typed value fixes them first.)
fn open_types(body: &Block) -> BTreeSet<String> {
    struct Lets(BTreeSet<String>);
    impl<'x> syn::visit::Visit<'x> for Lets {
        fn visit_local(&mut self, l: &'x syn::Local) {
            if let syn::Pat::Ident(p) = &l.pat {
                let open = match l.init.as_ref().map(|i| &*i.expr) {
                    None => true,
                    Some(e) => open_value(e),
                };
                if open {
                    self.0.insert(p.ident.to_string());
                }
            }
            syn::visit::visit_local(self, l);
        }
        fn visit_item(&mut self, _: &'x syn::Item) {}
    }
    fn open_value(e: &Expr) -> bool {
        match e {
            Expr::Path(p) => p.path.is_ident("None"),
            Expr::Array(a) => a.elems.is_empty(),
            Expr::Macro(m) => m.mac.path.is_ident("vec") && m.mac.tokens.is_empty(),
            Expr::Call(c) => matches!(&*c.func, Expr::Path(p) if p.path.segments.len() >= 2
                && p.path.segments.last().is_some_and(|s| ["new", "default", "with_capacity"].contains(&s.ident.to_string().as_str()))),
            _ => false,
        }
    }
    let mut lets = Lets(BTreeSet::new());
    syn::visit::Visit::visit_block(&mut lets, body);
    lets.0
}

/// An awaited expression with the parked locals among `fields` that it uses reached
/// through their `&mut` bindings (`x` becomes `(*x)`, see [`crate::util::DerefNames`]),
/// and the names of those locals.
fn deref_parked(fields: &[&Ident], operand: &Expr) -> (Expr, Vec<Ident>) {
    let names: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
    let mut operand = operand.clone();
    crate::util::DerefNames { names: &names }.visit_expr_mut(&mut operand);
    // (What it uses is what it now reaches through a binding: `(*x)`.)
    let mut used = BTreeSet::new();
    derefs(quote!(#operand), &mut used);
    let used = fields.iter().filter(|f| used.contains(&f.to_string())).map(|f| (*f).clone()).collect();
    (operand, used)
}

/// The names `x` of the `(*x)` in some tokens.
fn derefs(tokens: TokenStream, out: &mut BTreeSet<String>) {
    for tt in tokens {
        let TokenTree::Group(g) = tt else { continue };
        let inner: Vec<TokenTree> = g.stream().into_iter().collect();
        match (g.delimiter(), &inner[..]) {
            (proc_macro2::Delimiter::Parenthesis, [TokenTree::Punct(p), TokenTree::Ident(i)]) if p.as_char() == '*' => {
                out.insert(i.to_string());
            }
            _ => derefs(g.stream(), out),
        }
    }
}

/// The closures and async blocks of a deferred awaiter's operand, fitted to the arm that
/// builds it, where the awaiter outlives every local of the arm:
/// - one without `move` that names an input (a local the analysis found moved into the
///   operand, taken out of the state in this arm) would borrow a local of the arm (E0597):
///   it is made `move`, taking the input. Natively it captures the input by value, or by
///   reference where its body only copies it (`|i| async move { base + i }`), and then the
///   copy it takes reads the same value. A parked local it names is lent to it first
///   (`let p = &*p;`), so that the `move` does not take the arm's `&mut` binding from the
///   rest of the operand.
/// - a `move` one that names a parked local (one the body uses after this await, so `Copy`,
///   or native would be E0382) copies it, as native does, instead of moving the arm's
///   `&mut` binding in (E0507 once an `async move` block inside moves it again).
struct OwnCaptures<'a> {
    inputs: &'a BTreeSet<String>,
    parked: &'a [Ident],
}

impl VisitMut for OwnCaptures<'_> {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        let moves = match e {
            Expr::Closure(c) => c.capture.is_some(),
            Expr::Async(a) => a.capture.is_some(),
            _ => return syn::visit_mut::visit_expr_mut(self, e),
        };
        let tokens = quote!(#e);
        let parked: Vec<&Ident> = self.parked.iter().filter(|p| crate::util::mentions_ident(&tokens, &p.to_string())).collect();
        if moves {
            if parked.is_empty() {
                return;
            }
            let names: Vec<String> = parked.iter().map(|p| p.to_string()).collect();
            Underef { names: &names }.visit_expr_mut(e);
            *e = parse_quote!({ #(let #parked = *#parked;)* #e });
            return;
        }
        if !self.inputs.iter().any(|i| crate::util::mentions_ident(&tokens, i)) {
            return;
        }
        match e {
            Expr::Closure(c) => c.capture = Some(Default::default()),
            Expr::Async(a) => a.capture = Some(Default::default()),
            _ => {}
        }
        let lend = parked.iter().map(|p| {
            if slots::mutates(&tokens, &p.to_string()) {
                quote!(let #p = &mut *#p;)
            } else {
                quote!(let #p = &*#p;)
            }
        });
        if !parked.is_empty() {
            *e = parse_quote!({ #(#lend)* #e });
        }
    }
}

/// Turns `(*p)`, a parked local reached through its binding, back into `p`, for code
/// that has its own copy of it.
struct Underef<'a> {
    names: &'a [String],
}

impl VisitMut for Underef<'_> {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if let Expr::Paren(p) = e {
            if let Expr::Unary(u) = &*p.expr {
                if let (syn::UnOp::Deref(_), Expr::Path(path)) = (&u.op, &*u.expr) {
                    if path.path.get_ident().is_some_and(|i| self.names.contains(&i.to_string())) {
                        *e = Expr::Path(path.clone());
                        return;
                    }
                }
            }
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        mac.tokens = underef_tokens(mac.tokens.clone(), self.names);
    }
}

/// [`Underef`] inside a macro's tokens.
fn underef_tokens(tokens: TokenStream, names: &[String]) -> TokenStream {
    tokens
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Group(g) => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                let derefs = g.delimiter() == proc_macro2::Delimiter::Parenthesis
                    && matches!(&inner[..], [TokenTree::Punct(p), TokenTree::Ident(i)] if p.as_char() == '*' && names.contains(&i.to_string()));
                if derefs {
                    inner[1].clone()
                } else {
                    let mut ng = proc_macro2::Group::new(g.delimiter(), underef_tokens(g.stream(), names));
                    ng.set_span(g.span());
                    TokenTree::Group(ng)
                }
            }
            tt => tt,
        })
        .collect()
}

/// Does control never reach the end of this (normalized) statement in straight-line code?
/// Conservative: `false` when unsure.
fn diverges(stmt: &Stmt) -> bool {
    if top_await(stmt).is_some() {
        return true;
    }
    match stmt {
        Stmt::Local(l) => l
            .init
            .as_ref()
            .is_some_and(|i| i.diverge.is_none() && expr_diverges(&i.expr)),
        Stmt::Expr(e, _) => expr_diverges(e),
        Stmt::Macro(m) => crate::util::panics(&m.mac),
        Stmt::Item(_) => false,
    }
}

/// Does this statement `break` or `continue` a loop or block around it?
fn jumps(stmt: &Stmt) -> bool {
    let mut f = JumpFinder {
        hit: &|jump, loops| match jump {
            Expr::Break(syn::ExprBreak { label, .. }) | Expr::Continue(syn::ExprContinue { label, .. }) => {
                label.is_some() || loops == 0
            }
            _ => false,
        },
        loops: 0,
        found: false,
    };
    syn::visit::Visit::visit_stmt(&mut f, stmt);
    f.found
}

/// Removes the code repeated for inference (see [`Emitter::inference_hint`]) where nothing
/// of the arm comes after it (the loop or branch it is in never completes here): no code
/// can need the types it fixes.
fn prune_idle_hints(block: &mut Block) {
    fn is_hint(s: &Stmt) -> bool {
        let Stmt::Expr(Expr::Block(b), _) = s else { return false };
        b.block.stmts.iter().any(|s| {
            matches!(s, Stmt::Local(l) if l.init.as_ref().is_some_and(|i| matches!(&*i.expr,
                Expr::Call(c) if matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "infer_output")))))
        })
    }
    struct Prune {
        /// Code of the arm comes after the block being visited.
        follows: bool,
    }
    impl VisitMut for Prune {
        fn visit_block_mut(&mut self, b: &mut Block) {
            let outer = self.follows;
            let n = b.stmts.len();
            let mut idle = vec![false; n];
            for i in 0..n {
                // (A repeat is the last statement of its suspension's block.)
                self.follows = outer || i + 1 < n;
                if is_hint(&b.stmts[i]) {
                    idle[i] = !self.follows;
                } else {
                    self.visit_stmt_mut(&mut b.stmts[i]);
                }
            }
            self.follows = outer;
            let mut i = 0;
            b.stmts.retain(|_| {
                i += 1;
                !idle[i - 1]
            });
        }
        fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
        fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    Prune { follows: false }.visit_block_mut(block);
}

/// Removes `let x;` declarations that nothing after them in their block assigns or reads:
/// their type could not be inferred here (another arm gives them their value).
fn prune_unset_declarations(block: &mut Block) {
    struct Prune;
    impl VisitMut for Prune {
        fn visit_block_mut(&mut self, b: &mut Block) {
            // (A declaration's scope is the rest of its block.)
            let unset = |s: &Stmt| match s {
                Stmt::Local(l) if l.init.is_none() => match &l.pat {
                    syn::Pat::Ident(p) => Some(p.ident.to_string()),
                    syn::Pat::Type(t) => match &*t.pat {
                        syn::Pat::Ident(p) => Some(p.ident.to_string()),
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            };
            // (Named as a value or place: a field's name, `P { x: 1 }` or `p.x`, is not the
            // local `x`; a macro's tokens are taken to name what they hold.)
            let named_after = |i: usize, name: &str| {
                struct Names<'n>(&'n str, bool);
                impl<'a> syn::visit::Visit<'a> for Names<'_> {
                    fn visit_expr_path(&mut self, p: &'a syn::ExprPath) {
                        self.1 |= p.qself.is_none() && p.path.is_ident(self.0);
                    }
                    fn visit_member(&mut self, _: &'a syn::Member) {}
                    fn visit_macro(&mut self, m: &'a syn::Macro) {
                        let mut counts = std::collections::BTreeMap::<String, usize>::new();
                        crate::util::count_idents(&m.tokens, &mut counts);
                        self.1 |= counts.contains_key(self.0);
                    }
                }
                let mut names = Names(name, false);
                for stmt in &b.stmts[i + 1..] {
                    syn::visit::Visit::visit_stmt(&mut names, stmt);
                }
                names.1
            };
            let keep: Vec<bool> = b.stmts.iter().enumerate().map(|(i, s)| unset(s).is_none_or(|n| named_after(i, &n))).collect();
            let mut keep = keep.into_iter();
            b.stmts.retain(|_| keep.next().unwrap_or(true));
            syn::visit_mut::visit_block_mut(self, b);
        }
    }
    Prune.visit_block_mut(block);
}


fn end_statement(stmt: &mut Stmt) {
    if let Stmt::Expr(_, semi @ None) = stmt {
        *semi = Some(Default::default());
    }
    // `let (a, b) = { ..; break 'await0; };` never binds here (the next arm does): keep the
    // block alone, so that nothing asks for the types of `a` and `b`.
    if let Stmt::Local(l) = stmt {
        if let Some(init) = l.init.take() {
            if init.diverge.is_none() {
                *stmt = Stmt::Expr(*init.expr, Some(Default::default()));
            } else {
                l.init = Some(init);
            }
        }
    }
}

fn block_diverges(block: &Block) -> bool {
    block.stmts.iter().any(diverges)
}

fn expr_diverges(e: &Expr) -> bool {
    match e {
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
        Expr::If(i) => {
            block_diverges(&i.then_branch)
                && i.else_branch
                    .as_ref()
                    .is_some_and(|(_, e)| expr_diverges(e))
        }
        Expr::Match(m) => !m.arms.is_empty() && m.arms.iter().all(|a| expr_diverges(&a.body)),
        Expr::Block(b) => {
            block_diverges(&b.block)
                && b.label
                    .as_ref()
                    .is_none_or(|l| !breaks_to(&b.block, Some(&l.name), false))
        }
        Expr::Unsafe(u) => block_diverges(&u.block),
        Expr::Loop(l) => !breaks_to(&l.body, l.label.as_ref().map(|l| &l.name), true),
        Expr::Paren(p) => expr_diverges(&p.expr),
        Expr::Group(g) => expr_diverges(&g.expr),
        Expr::Await(_) => true,
        Expr::Macro(m) => crate::util::panics(&m.mac),
        _ => top_await_expr(e).is_some(),
    }
}

/// Is there a `break` out of the loop (or labelled block) whose body is `block`?
fn breaks_to(block: &Block, label: Option<&syn::Lifetime>, unlabeled_counts: bool) -> bool {
    let mut f = JumpFinder {
        hit: &|jump, loops| match jump {
            Expr::Break(b) => match &b.label {
                Some(l) => label == Some(l),
                None => unlabeled_counts && loops == 0,
            },
            _ => false,
        },
        loops: 0,
        found: false,
    };
    syn::visit::Visit::visit_block(&mut f, block);
    f.found
}

/// Looks for a `break` or `continue` (outside closures, `async` blocks and items) that
/// `hit` picks, given how many loops around it are inside what is searched.
struct JumpFinder<'h> {
    hit: &'h dyn Fn(&Expr, usize) -> bool,
    loops: usize,
    found: bool,
}

impl<'ast> syn::visit::Visit<'ast> for JumpFinder<'_> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        match e {
            Expr::Loop(_) | Expr::While(_) | Expr::ForLoop(_) => {
                self.loops += 1;
                syn::visit::visit_expr(self, e);
                self.loops -= 1;
            }
            Expr::Closure(_) | Expr::Async(_) => {}
            Expr::Break(_) | Expr::Continue(_) => {
                self.found |= (self.hit)(e, self.loops);
                syn::visit::visit_expr(self, e);
            }
            _ => syn::visit::visit_expr(self, e),
        }
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Does this statement hold await number `k`?
fn contains_await(stmt: &Stmt, k: usize) -> bool {
    struct Find(usize, bool);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_expr_await(&mut self, aw: &'a syn::ExprAwait) {
            if await_index(aw) == Some(self.0) {
                self.1 = true;
            }
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut f = Find(k, false);
    syn::visit::Visit::visit_stmt(&mut f, stmt);
    f.1
}

/// What the awaiter of `aw` is built from: its operand, or an `async move` block awaiting
/// it (`normalize::IN_BLOCK`).
fn awaited(aw: &syn::ExprAwait) -> Expr {
    let base = &aw.base;
    if in_block(aw) {
        parse_quote!(async move { #base.await })
    } else {
        (**base).clone()
    }
}

fn in_block(aw: &syn::ExprAwait) -> bool {
    aw.attrs.iter().any(|a| a.path().is_ident(crate::normalize::IN_BLOCK))
}

/// The statement with await `k` replaced by the value it produced: `__output`, or
/// `{ __output }` (a temporary, as the awaited value natively is) where that matters: as a
/// `let` pattern's value, the parts the pattern leaves unbound drop at the end of the
/// statement; as a scrutinee, the value drops at the end of the `match`; read through
/// (`x.await.0.len()`), it drops at the end of its statement. Moved whole into a local
/// (`let n = x.await;`), the plain name reads better and means the same.
fn replace_await(stmt: &Stmt, k: usize) -> Stmt {
    let mut s = replace_await_with(stmt, k);
    let as_temporary = match &s {
        Stmt::Local(l) => {
            let binds_whole = matches!(&l.pat, syn::Pat::Ident(p) if p.subpat.is_none())
                || matches!(&l.pat, syn::Pat::Type(t) if matches!(&*t.pat, syn::Pat::Ident(_)));
            !binds_whole || output_read_through(&s)
        }
        Stmt::Expr(Expr::Match(_) | Expr::If(_), _) => true,
        // A destructuring assignment (`(a, _) = x.await;`) leaves what `_` matched in the
        // temporary, to the end of the statement.
        Stmt::Expr(Expr::Assign(a), _) if !matches!(&*a.left, Expr::Path(_)) => true,
        // Read through (`x.await.name().len()`), the awaited value is a temporary: of the
        // statement, or of a block's value, which the edition drops before the block's
        // locals (2024) or after them.
        Stmt::Expr(..) => output_read_through(&s),
        _ => false,
    };
    if as_temporary {
        struct Wrap;
        impl VisitMut for Wrap {
            fn visit_expr_mut(&mut self, e: &mut Expr) {
                if let Expr::Path(p) = e {
                    if p.path.is_ident("__output") {
                        *e = parse_quote!({ __output });
                        return;
                    }
                }
                syn::visit_mut::visit_expr_mut(self, e);
            }
            fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
            fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
        }
        Wrap.visit_stmt_mut(&mut s);
    }
    s
}

/// Is `__output` used as a place (`__output.0.len()`, `&__output`), not moved (`__output?`,
/// `f(__output)`)?
fn output_read_through(stmt: &Stmt) -> bool {
    struct Find(bool);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_expr(&mut self, e: &'a Expr) {
            let mut place = match e {
                Expr::MethodCall(m) => &*m.receiver,
                Expr::Field(f) => &*f.base,
                Expr::Index(i) => &*i.expr,
                Expr::Reference(r) => &*r.expr,
                Expr::Unary(u) => &*u.expr,
                _ => e,
            };
            while let Expr::Paren(p) = place {
                place = &p.expr;
            }
            self.0 |= !std::ptr::eq(place, e) && matches!(place, Expr::Path(p) if p.path.is_ident("__output"));
            syn::visit::visit_expr(self, e);
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
    }
    let mut f = Find(false);
    syn::visit::Visit::visit_stmt(&mut f, stmt);
    f.0
}

fn replace_await_with(stmt: &Stmt, k: usize) -> Stmt {
    struct Replace(usize);
    impl VisitMut for Replace {
        fn visit_expr_mut(&mut self, e: &mut Expr) {
            if let Expr::Await(aw) = e {
                if await_index(aw) == Some(self.0) {
                    *e = parse_quote!(__output);
                    return;
                }
            }
            syn::visit_mut::visit_expr_mut(self, e);
        }
        fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
        fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    }
    let mut s = stmt.clone();
    Replace(k).visit_stmt_mut(&mut s);
    s
}

/// In the rest of an interrupted iteration, `continue` (of that loop) ends the iteration and
/// `break` (of that loop) leaves the whole loop.
struct Retarget<'a> {
    label: Option<&'a syn::Lifetime>,
    exit: &'a syn::Lifetime,
    rest: &'a syn::Lifetime,
    depth: usize,
}

impl Retarget<'_> {
    fn targets_me(&self, label: &Option<syn::Lifetime>) -> bool {
        match label {
            Some(l) => self.label == Some(l),
            None => self.depth == 0,
        }
    }
}

impl VisitMut for Retarget<'_> {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Loop(_) | Expr::While(_) | Expr::ForLoop(_) => {
                self.depth += 1;
                syn::visit_mut::visit_expr_mut(self, e);
                self.depth -= 1;
            }
            Expr::Closure(_) | Expr::Async(_) => {}
            Expr::Break(b) if self.targets_me(&b.label) => {
                if let Some(v) = &mut b.expr {
                    self.visit_expr_mut(v);
                }
                b.label = Some(self.exit.clone());
            }
            Expr::Continue(c) if self.targets_me(&c.label) => {
                let rest = self.rest;
                *e = parse_quote!(break #rest);
            }
            _ => syn::visit_mut::visit_expr_mut(self, e),
        }
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}
