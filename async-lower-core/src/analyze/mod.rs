//! Analyze: which locals live across which await.
//!
//! A walk over the normalized body resolves every mention of a local to its binding and
//! records, in evaluation order, whether the mention may move the value. At each await it
//! decides what the state must hold:
//!
//! - a local is *parked* (moved into the await's variant) when it is in scope, initialized,
//!   and either still used later or never possibly moved before: a guard that is never
//!   mentioned again still lives to the end of its scope, as natively;
//! - a local declared without a value (`let x;`) that gets its value only after the await
//!   is declared again, uninitialized, where the resumed code needs it.
//!
//! The rules are syntactic and conservative. Where they guess wrong, rustc reports it on the
//! lowered code (and the borrow-check shadow reports what native would).

pub(crate) mod captures;
pub(crate) mod receivers;

use crate::normalize::rewrite::await_index;
use proc_macro2::{TokenStream, TokenTree};
use std::collections::{BTreeMap, BTreeSet};
use syn::{Block, Expr, Ident, Pat, Stmt};

/// A local variable binding of the body (parameters included).
#[derive(Debug, Clone)]
pub struct Local {
    pub name: Ident,
    pub mutable: bool,
    /// Depth of the block that owns it (0: the function body).
    pub depth: usize,
    decl: usize,
    scope_end: usize,
    pub has_init: bool,
    /// A parameter, or bound alone by `let x = ..;` (no `else`): a frame slot can take it.
    plain: bool,
    /// Declared alone without a value (`let x;`, `let x: T;`): a frame slot can take it too.
    pub uninit: bool,
    /// Surely a `&mut`: bound by `let r = &mut ..;`, or a `match` arm's binding `ref mut n`
    /// or any binding of an arm of `match &mut v` (or of a `match r` on such an `r`).
    /// Dropping it does nothing.
    mut_ref: bool,
    /// Declared inside a closure or an `async` block, whose frame is its own.
    inner: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// Read as a place: borrowed, a method receiver, a field read.
    Use,
    /// Used as a value: may move it.
    Move,
    /// Assigned as a whole (`x = ..`): initializes it.
    Assign,
}

#[derive(Debug)]
struct Mention {
    local: usize,
    pos: usize,
    kind: Kind,
    /// Inside a closure or an `async` block.
    captured: bool,
    /// The branches it is in (see [`exclusive`]).
    branch: Vec<(usize, usize)>,
    /// In a `match` or `if let` scrutinee.
    scrutinee: bool,
    /// `x.field` read as a value: moves (or copies) the field, not `x`.
    field: bool,
    /// The scrutinee of a pattern that moves the local whole, in its arms (see
    /// [`Walker::arm_move`]): matched, not borrowed; or the move where such an arm starts.
    matched: bool,
    /// The receiver of a method that may take it or borrow it (see [`Walker::settle`]).
    maybe_move: bool,
}

/// One parked local at an await.
#[derive(Debug, Clone)]
pub struct Parked {
    /// Index into [`Analysis::locals`].
    pub local: usize,
    pub name: Ident,
    pub mutable: bool,
    pub depth: usize,
}

/// A `&mut` binding of a pattern matched against a `&mut` parameter or local (`E::A(n)` of
/// `match self`, `&mut self`), live across an await. Parked beside that reference, its type
/// would tie its borrow to the whole machine, and a later write through the reference
/// (`*self = E::B`) would conflict with it (E0499), though natively the borrow ends at its
/// last use. It is bound again instead, where the code resumes, by matching the parked
/// reference with the same pattern: natively nothing can change the matched place while
/// the binding lives, but through the binding (which leaves the way to it alone).
#[derive(Debug, Clone)]
pub struct Rederived {
    pub local: usize,
    pub name: Ident,
    pub depth: usize,
    /// The reference it was matched from (parked, or matched again too).
    pub root: Ident,
    /// The arm's pattern, its tests that do not lead to a binding left out (see
    /// [`rematch_pattern`]).
    pub pat: Pat,
}

/// What the state must hold at one await.
#[derive(Debug, Default, Clone)]
pub struct SiteFacts {
    /// Parked locals, in declaration order.
    pub parked: Vec<Parked>,
    /// Live locals that stay in their frame slot (see [`Analysis::slots`]), in declaration order.
    pub slotted: Vec<Parked>,
    /// `&mut` bindings matched again where the code resumes, from the parked reference they
    /// were matched from, instead of being parked beside it (see [`Rederived`]).
    pub rederived: Vec<Rederived>,
    /// The awaiter is built before the locals are parked (see `facts`): its operand reads
    /// no parked local, and one it reads borrows a parked one.
    pub early: bool,
    /// The locals that make it so.
    pub early_for: Vec<usize>,
    /// `&mut` bindings the awaited expression uses, matched again from the parked reference
    /// where the suspension builds the awaiter in place, roots first: built before parking,
    /// the awaiter would hold a borrow of what parking moves.
    pub lent: Vec<Rederived>,
    /// Locals to declare again, uninitialized, in the resumed code: (name, mutable, depth,
    /// local).
    pub redeclare: Vec<(Ident, bool, usize, usize)>,
    /// The awaited expression holds a closure or an `async` block: each copy of it would be
    /// a different type, so it is built in one place, the await's own arm, on its first
    /// visit. Locals it moves are carried there in `Option` fields (`inputs`).
    pub deferred: bool,
    pub inputs: Vec<Parked>,
    /// Locals neither parked nor slotted that rustc would still count in the future's auto
    /// traits here (maybe initialized, or borrowed before): see `emit::witness`.
    pub witnessed: Vec<usize>,
    /// Locals in scope, initialized and not surely moved away: if one of them gets a frame
    /// slot, it stays home here (its uses bypass the borrow checker, so liveness must not
    /// be guessed from its mentions).
    pub kept_if_slotted: Vec<Parked>,
}

#[derive(Debug)]
struct SiteRaw {
    index: usize,
    branch: Vec<(usize, usize)>,
    deferred: bool,
    da: Vec<Flow>,
    start: usize,
    end: usize,
    visible: Vec<usize>,
    loops: Vec<usize>,
    /// Locals the awaited expression borrows, when its output is used: the output may
    /// borrow them too (`first(&v).await`), so they must not move when the machine resumes.
    lent: BTreeSet<usize>,
}

/// What the signature tells the analysis.
#[derive(Debug, Default)]
pub struct Hints {
    /// Locals that never need a frame slot (`&self`: a shared reference is copied).
    pub never_slot: Vec<String>,
    /// Parameters that are references: what an awaiter borrows through them is not theirs.
    pub by_ref_params: Vec<String>,
    /// Those of them that are `&mut` (`&mut self` too): a pattern matched against one
    /// binds `&mut`s.
    pub mut_ref_params: Vec<String>,
    /// Parameters whose type says they are called once (`impl FnOnce(..)`).
    pub fn_once_params: BTreeSet<String>,
    /// Parameters of a type that is surely `Copy` (see [`surely_copy_type`]).
    pub copy_params: BTreeSet<String>,
    /// Parameters whose fields are their own, as a literal-bound local's
    /// ([`captures::literal_locals`]).
    pub field_params: BTreeSet<String>,
    /// Parameters whose type names a `Box`: `*b` may move out of them (see [`unboxed_lets`]).
    pub boxed_params: BTreeSet<String>,
}

/// The result of the analysis.
#[derive(Debug)]
pub struct Analysis {
    pub locals: Vec<Local>,
    /// Indexed by await number.
    pub sites: Vec<SiteFacts>,
    /// Locals that live in a frame slot, by local index, in slot order: a value that lives
    /// across an await borrows them (`for x in &v`, `let first = &v[0]`, a closure that
    /// borrows), so they must never move.
    pub slots: Vec<usize>,
    /// Slotted locals whose every move (not only the last) takes the value out of the slot:
    /// the drop-flag locals, moved in separate branches.
    pub take_every_move: Vec<usize>,
    /// Locals with a field read as a value before an await they live across: held in a
    /// `Partial` (see `emit::partial`), so that the rest of them lives on, as natively.
    pub partial: Vec<usize>,
}

/// Analyzes a normalized body. `params` are the names the state's `Start` variant holds
/// (bound before the body, in order); `awaits` is the number of awaits.
pub fn analyze(
    params: &[(Ident, bool)],
    body: &Block,
    awaits: usize,
    hints: &Hints,
) -> Analysis {
    let (never_slot, by_ref_params) = (&hints.never_slot, &hints.by_ref_params);
    let mut fn_once = hints.fn_once_params.clone();
    fn_once.extend(fn_once_lets(body));
    let primitive = primitive_bindings(body);
    let mut surely_copy = copy_lets(body);
    surely_copy.extend(primitive.iter().cloned());
    surely_copy.extend(hints.copy_params.iter().cloned());
    let mut w = Walker {
        primitive,
        surely_copy,
        unboxed: unboxed_lets(body, &hints.boxed_params),
        literal: captures::literal_locals(body).into_iter().chain(hints.field_params.iter().cloned()).collect(),
        let_closure: false,
        awaited_names: awaited_names(body),
        fn_once,
        ..Walker::default()
    };
    w.scopes.push(Vec::new());
    for (i, (name, mutable)) in params.iter().enumerate() {
        w.declare(name.clone(), *mutable, true);
        if let Some(l) = w.locals.last_mut() {
            l.plain = true;
        }
        if by_ref_params.contains(&name.to_string()) {
            w.ref_params.insert(i);
        }
        if hints.mut_ref_params.contains(&name.to_string()) {
            w.mut_ref_params.insert(i);
        }
    }
    w.block_stmts(body);
    let end = w.tick();
    w.close_scope(end);
    w.settle();

    let mut sites = vec![SiteFacts::default(); awaits];
    for raw in &w.sites {
        sites[raw.index] = w.facts(raw);
    }
    // A local borrowed by the initializer of a value that is parked somewhere gets a slot.
    let mut slotted = BTreeSet::new();
    // What the awaited expression uses may borrow too (`select(pin!(a), ..)`): the awaiter
    // lives across the await.
    for raw in &w.sites {
        for m in w
            .mentions
            .iter()
            .filter(|m| m.pos > raw.start && m.pos < raw.end)
        {
            slotted.extend(w.borrows.get(&m.local).into_iter().flatten().copied());
        }
    }
    for (raw, site) in w.sites.iter().zip(&sites) {
        // (A reference parameter only lends what it points to, which does not move.)
        let lent = site.parked.iter().map(|p| p.local).filter(|&l| {
            raw.lent.contains(&l) && !(l < params.len() && by_ref_params.contains(&w.locals[l].name.to_string()))
        });
        slotted.extend(lent);
    }
    for site in &sites {
        for p in &site.parked {
            slotted.extend(w.borrows.get(&p.local).into_iter().flatten().copied().filter(|&b| b != p.local));
        }
    }
    // The receivers of awaited methods among them (what is made from an output borrows its
    // receiver too) may be held in a `Partial` there.
    let mut receivers: BTreeSet<usize> = slotted.iter().copied().filter(|l| w.all_receivers.contains_key(l)).collect();
    // A local an arm leaves part of (`Msg::Up { name, .. }`) is held in a `Partial`, which
    // drops the rest at its scope end: it needs no drop flag.
    let read_apart = w.field_read_locals();
    let parted: BTreeSet<usize> =
        read_apart.iter().copied().filter(|l| !slotted.contains(l) && w.parts_left.iter().any(|p| p.0 == *l)).collect();
    let take_every_move: Vec<usize> = w.drop_flag_locals(&sites).into_iter().filter(|l| !parted.contains(l)).collect();
    slotted.extend(take_every_move.iter().copied());
    // Locals initialized on some paths only: the slot, filled by the assignment, is the flag.
    slotted.extend(w.maybe_init_locals());
    slotted.retain(|&l| !never_slot.contains(&w.locals[l].name.to_string()));
    // (A closure's own local, `for x in v.iter_mut()` in `poll_fn(|cx| ..)`, is never in
    // our frame, though what it borrows may be.)
    slotted.retain(|&l| !w.locals[l].inner);
    // (Only a local bound alone by a `let` can be wrapped where it is bound.)
    receivers.retain(|&l| !take_every_move.contains(&l) && w.locals[l].plain && l >= params.len());
    let partial = w
        .partial_locals(&receivers, read_apart)
        .into_iter()
        .filter(|l| !slotted.contains(l) || receivers.contains(l))
        // (A reference parameter is read through: dropping it drops nothing.)
        .filter(|&l| !(l < params.len() && by_ref_params.contains(&w.locals[l].name.to_string())))
        .collect();
    for (raw, site) in w.sites.iter().zip(&mut sites) {
        // A slotted local declared without a value (`let x;`) has its slot opened there: its
        // guard is kept at every await after that, holding a value yet or not.
        for &id in &slotted {
            let local = &w.locals[id];
            let in_scope = raw.visible.contains(&id) && local.decl < raw.start;
            if local.uninit && in_scope && !site.kept_if_slotted.iter().any(|p| p.local == id) {
                site.kept_if_slotted.push(Parked {
                    local: id,
                    name: local.name.clone(),
                    mutable: local.mutable,
                    depth: local.depth,
                });
            }
        }
        site.kept_if_slotted.sort_by_key(|p| p.local);
        // A slotted local is reached through its slot when the code resumes, never declared
        // again.
        site.redeclare
            .retain(|(n, _, _, _)| !slotted.iter().any(|&l| w.locals[l].name == *n));
        site.parked.retain(|p| !slotted.contains(&p.local));
        // (Nor carried into a deferred awaiter's arm: the arm reaches it through its slot.)
        site.inputs.retain(|p| !slotted.contains(&p.local));
        site.slotted = site
            .kept_if_slotted
            .iter()
            .filter(|p| slotted.contains(&p.local))
            .cloned()
            .collect();
        site.witnessed.retain(|l| !slotted.contains(l));
    }
    // `&mut` bindings matched again where the code resumes (see `Rederived`).
    let chosen = w.rederivable_everywhere(&sites, &slotted);
    for (raw, site) in w.sites.iter().zip(&mut sites) {
        w.rederive(raw, site, &chosen);
    }
    Analysis {
        locals: w.locals,
        sites,
        slots: slotted.into_iter().collect(),
        take_every_move,
        partial,
    }
}

#[derive(Default)]
struct Walker {
    pos: usize,
    /// Inside the scrutinee of a `match` or `if let` (a place there is matched, not moved).
    scrutinee: usize,
    /// The branches we are in: (construct, arm), outermost first.
    branch: Vec<(usize, usize)>,
    constructs: usize,
    /// Per construct: how many arms, and whether one of them surely runs (a `match`, an
    /// `if` with an `else`).
    construct_arms: Vec<(usize, bool)>,
    scopes: Vec<Vec<usize>>,
    locals: Vec<Local>,
    mentions: Vec<Mention>,
    sites: Vec<SiteRaw>,
    loops: Vec<(usize, usize)>,
    /// Enclosing loops (innermost last) with their labels.
    loop_stack: Vec<usize>,
    loop_labels: Vec<Option<String>>,
    /// Per local, at this point of the walk: (surely initialized, surely moved away).
    da: Vec<Flow>,
    /// Per loop: the flow facts at every `break` out of it, merged.
    loop_breaks: Vec<Option<Vec<Flow>>>,
    /// The locals borrowed by the initializer being walked (innermost last).
    /// (where the initializer starts, what it borrows); only locals declared before the
    /// initializer count: the rest are its own.
    borrow_sinks: Vec<(usize, BTreeSet<usize>)>,
    /// Per local: the locals its initializer borrows.
    borrows: std::collections::BTreeMap<usize, BTreeSet<usize>>,
    /// Per binding of a pattern matched against a local (`match j { Todo(n) => .. }`): that
    /// local. The binding may be a reference into it (`j: &mut Job`).
    bound_from: std::collections::BTreeMap<usize, usize>,
    /// Inside a non-`move` closure or `async` block: every capture is a borrow. The stack
    /// holds where each such closure starts (locals declared before it are captures).
    capturing: usize,
    capture_starts: Vec<usize>,
    /// How many borrow sinks were open when each capturing closure started.
    capture_sinks: Vec<usize>,
    /// Inside `move` closures and `async move` blocks every capture moves.
    force_move: usize,
    /// Inside closures and async blocks there are no suspension points of ours.
    opaque: usize,
    /// The await whose operand was already walked ahead of its statement.
    skip_await: Option<usize>,
    /// The path being walked is the base of a field read as a value.
    field_move: bool,
    /// Locals that surely hold a number (see [`primitive_bindings`]).
    primitive: BTreeSet<String>,
    /// Locals awaited by name somewhere (`fut.await`).
    awaited_names: BTreeSet<String>,
    /// The locals awaited methods are called on (`a` of `a.slot(1).await`), with where the
    /// last such call ends.
    all_receivers: std::collections::BTreeMap<usize, usize>,
    /// The call being walked makes a future that may borrow the closure it calls.
    call_lends: bool,
    /// The next mention is the receiver of a method that may take it (see [`Walker::settle`]).
    maybe_move: bool,
    /// `let c = b.m(..)`: the local `b` at the head of a `let`'s method chain.
    let_head: Option<String>,
    /// Locals whose declared type is an `FnOnce`, or bound to a closure that moves what it
    /// captures: calling one moves it.
    fn_once: BTreeSet<String>,
    /// Locals that surely hold a `Copy` value (a number, a literal, a shared reference).
    surely_copy: BTreeSet<String>,
    /// Locals that are surely no `Box` (see [`unboxed_lets`]): `*g` reads through them.
    unboxed: BTreeSet<String>,
    /// Mentions inside closures of locals declared outside the innermost one, in order:
    /// (local, moved as the syntax shows it (whole or a field; before a non-`move`
    /// closure's captures are taken to borrow), how many `move` closures it is in). Those
    /// that are neither are not recorded.
    moved_captures: Vec<(usize, bool, usize)>,
    /// The mention being walked surely moves its local, even into a closure or `async` block
    /// without `move`: a local future awaited (`fut.await`) or given whole to `join!`.
    surely_moves: bool,
    /// Where each closure starts, and how many closures it is in, in walking order.
    closures_opened: Vec<(usize, usize)>,
    /// The next mention is a plain operand of an arithmetic operator (`n + 1`, `g.id * 2`):
    /// most likely a number, whose "move" copies it.
    operand: bool,
    /// Locals matched in place by a pattern that moves parts out: a `Partial` could not
    /// give them up.
    unpartial: BTreeSet<usize>,
    /// Locals matched whole where an arm leaves part of them (`Msg::Up { name, .. }`), and
    /// where: held in a `Partial` if they live across an await after that.
    parts_left: Vec<(usize, usize)>,
    /// Where `return`, `break` and `continue` leave the straight line, and for where.
    jumps: Vec<Jump>,
    /// A local matched whole by an `if let` pattern that moves it: moved where the
    /// then-block starts (see [`Self::arm_move`]).
    pending_arm_moves: Vec<usize>,
    /// Locals read in a match guard.
    guarded: BTreeSet<usize>,
    /// The `if` or `while` being walked has a lone `let` as its condition (`if let P = e`).
    lone_let: bool,
    /// Locals bound to a struct or tuple literal (see [`captures`]).
    literal: BTreeSet<String>,
    /// The closure or `async` block about to be walked is a `let`'s whole value.
    let_closure: bool,
    /// Locals whose fields the `move` closure being walked takes one by one (see
    /// [`captures`]): read where it is made, not captured.
    fields_taken: BTreeSet<usize>,
    /// Parameters that are references (`&mut self`, `c: &mut Counter`).
    ref_params: BTreeSet<usize>,
    /// The `&mut` ones among them.
    mut_ref_params: BTreeSet<usize>,
    /// The iterators of `for` loops over `&mut`s (see [`yields_mut_refs`]), and whether
    /// they are enumerated.
    mut_ref_iters: BTreeMap<usize, bool>,
    /// Bindings that may be matched again where the code resumes (see [`Rederived`]): the
    /// local they were matched from, and the pattern.
    rederivable: BTreeMap<usize, (usize, Pat)>,
}

impl Walker {
    fn tick(&mut self) -> usize {
        self.pos += 1;
        self.pos
    }

    fn declare(&mut self, name: Ident, mutable: bool, has_init: bool) {
        let decl = self.tick();
        let id = self.locals.len();
        let depth = self.scopes.len() - 1;
        self.locals.push(Local {
            name,
            mutable,
            depth,
            decl,
            scope_end: usize::MAX,
            has_init,
            plain: false,
            uninit: false,
            mut_ref: false,
            inner: self.capturing > 0 || self.opaque > 0,
        });
        // Snapshots restored at joins may be shorter: locals of closed scopes are gone.
        self.da.resize(id, (true, true));
        self.da.push((has_init, false));
        self.scopes.last_mut().unwrap().push(id);
    }

    fn close_scope(&mut self, end: usize) {
        if let Some(scope) = self.scopes.pop() {
            for id in scope {
                self.locals[id].scope_end = end;
            }
        }
    }

    fn resolve(&self, name: &str) -> Option<usize> {
        for scope in self.scopes.iter().rev() {
            for &id in scope.iter().rev() {
                if self.locals[id].name == name {
                    return Some(id);
                }
            }
        }
        None
    }

    fn mention(&mut self, name: &str, kind: Kind) {
        if let Some(local) = self.resolve(name) {
            self.mention_local(local, kind);
        }
    }

    fn mention_local(&mut self, local: usize, kind: Kind) {
        let moved = kind == Kind::Move && !std::mem::take(&mut self.operand);
        if (moved || self.force_move > 0)
            && (self.capturing > 0 || self.force_move > 0)
            && self.locals[local].decl <= self.capture_floor()
        {
            self.moved_captures.push((local, moved, self.force_move));
        }
        if self.opaque > 0 && self.fields_taken.contains(&local) {
            self.field_move = false;
            return;
        }
        // A closure or async block borrows what it captures; a value made from a local
        // borrows what that local borrows.
        if self.capturing > 0 && self.locals[local].decl <= self.capture_floor() {
            let depth = self.capture_sinks.last().copied().unwrap_or(0);
            if let Some(d) = depth.checked_sub(1) {
                self.sink_insert(d, local);
            }
        }
        if let Some(inherited) = self.borrows.get(&local).cloned() {
            if let Some(top) = self.borrow_sinks.len().checked_sub(1) {
                for b in inherited {
                    self.sink_insert(top, b);
                }
            }
        }
        // Inside a `move` closure every capture moves; inside a non-`move` one, a capture
        // is taken by reference (rustc captures by value only what must move, which a
        // proc-macro cannot tell: `async { f(n).await }` borrows a `Copy` `n`).
        let kind = if self.force_move > 0 && kind == Kind::Use {
            Kind::Move
        } else if self.force_move == 0
            && self.capturing > 0
            && kind == Kind::Move
            && self.locals[local].decl <= self.capture_floor()
            && !(std::mem::take(&mut self.surely_moves) && !self.surely_copy.contains(&self.locals[local].name.to_string()))
        {
            Kind::Use
        } else {
            kind
        };
        if local < self.da.len() {
            match kind {
                Kind::Assign => self.da[local] = (true, false),
                Kind::Move if self.opaque == 0 || self.force_move > 0 => {
                    self.da[local].1 = true
                }
                _ => {}
            }
        }
        let pos = self.tick();
        let captured = self.capturing > 0 || self.opaque > 0;
        self.mentions.push(Mention {
            local,
            pos,
            kind,
            captured,
            branch: self.branch.clone(),
            scrutinee: self.scrutinee > 0,
            field: std::mem::take(&mut self.field_move) && kind == Kind::Move,
            matched: false,
            maybe_move: std::mem::take(&mut self.maybe_move) && kind == Kind::Use,
        });
    }

    fn block_stmts(&mut self, block: &Block) {
        for stmt in &block.stmts {
            self.stmt(stmt);
        }
    }

    /// A nested block: its own scope.
    fn block(&mut self, block: &Block) {
        self.scopes.push(Vec::new());
        self.block_stmts(block);
        let end = self.tick();
        self.close_scope(end);
    }

    fn stmt(&mut self, stmt: &Stmt) {
        // A statement that is a suspension point: its operand runs before the state
        // machine stops; the rest of the statement runs after it resumes.
        if self.opaque == 0 {
            if let Some(aw) = top_await(stmt) {
                // `x.await;` and `let _ = x.await;` drop the output at once.
                // Nor can a number borrow anything.
                let dropped = match stmt {
                    Stmt::Expr(e, Some(_)) => discards_output(e),
                    Stmt::Local(l) => match &l.pat {
                        Pat::Wild(_) => matches!(l.init.as_ref().map(|i| &*i.expr), Some(Expr::Await(_))),
                        // (Only the output itself, or its `?`: `f(&s).await.len()` reads
                        // through it.)
                        Pat::Ident(p) => {
                            self.primitive.contains(&p.ident.to_string())
                                && l.init.as_ref().is_some_and(|i| crate::util::is_awaited_output(&i.expr))
                        }
                        _ => false,
                    },
                    _ => false,
                };
                self.site(aw, !dropped);
            }
        }
        self.stmt_inner(stmt);
    }

    fn stmt_inner(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::Local(local) => {
                self.open_sink();
                if let Some(init) = &local.init {
                    // `ref` bindings borrow the place they match (and do not move it).
                    let by_ref = crate::normalize::has_ref_binding(&local.pat);
                    if by_ref {
                        self.borrow(&init.expr);
                    }
                    // `let (a, _) = p.pair;` leaves part of the field in `p`: a `Partial`
                    // names that part too, to forget it in the copy, unless it is a `..`
                    // (see [`binds_all_but_wildcards`]); then `p` stays as it is. (`let ..
                    // else` as a `match`.)
                    if init.diverge.is_none()
                        && matches!(&*init.expr, Expr::Field(_))
                        && !matches!(&local.pat, Pat::Wild(_))
                        && !binds_all_but_wildcards(&local.pat)
                    {
                        if let Some(id) = field_root(&init.expr).and_then(|r| self.resolve(&r.to_string())) {
                            self.unpartial.insert(id);
                        }
                    }
                    if init.diverge.is_some() {
                        self.no_partial_if_bound(&init.expr, &[&local.pat], true);
                    }
                    // `let _ = place;` binds nothing and moves nothing.
                    let wild = matches!(&local.pat, Pat::Wild(_))
                        && matches!(&*init.expr, Expr::Path(p) if p.path.get_ident().is_some());
                    // `let fut = make(1); .. fut.await`: the future may borrow `make`; `let
                    // fut = a.balance(); .. fut.await`, its receiver.
                    let awaited_later = matches!(&local.pat, Pat::Ident(p) if self.awaited_names.contains(&p.ident.to_string()));
                    self.call_lends = awaited_later && matches!(&*init.expr, Expr::Call(_));
                    if let (true, Expr::MethodCall(m)) = (awaited_later, &*init.expr) {
                        // (Where the file says the method lends it: one taking `self` moves it.)
                        let lent = receivers::declared_on(&m.receiver, &m.method.to_string(), m.args.len());
                        if lent == Some(receivers::Receiver::Lent) {
                            self.borrow(&m.receiver);
                        }
                    }
                    self.let_head = let_head(&init.expr);
                    self.let_closure = matches!(&*init.expr, Expr::Closure(_) | Expr::Async(_)) && init.diverge.is_none();
                    let (captures_before, opened_before, moving) = (self.moved_captures.len(), self.closures_opened.len(), self.force_move);
                    let depth = self.capture_starts.len();
                    self.expr(&init.expr, if by_ref || wild { Kind::Use } else { Kind::Move });
                    // `let mut it = jobs.into_iter();` of `FnOnce`s: what `it` yields is called once.
                    self.once_items(&init.expr, &local.pat);
                    // `let g = move || drop(t);`: a closure whose body moves a capture (or
                    // gives it to a `move` closure inside) that is not surely `Copy` is an
                    // `FnOnce`, which a call moves. (Were the capture `Copy` after all, the
                    // closure owns nothing a drop would show, unless a `move` closure also
                    // owns another value: that one would drop at the call instead of at the
                    // end of the scope.) (A `Partial` local's fields are read out in a block
                    // before the closure.)
                    let closure = match &*init.expr {
                        Expr::Block(b) => match b.block.stmts.last() {
                            Some(Stmt::Expr(Expr::Closure(c), None)) => Some(c),
                            _ => None,
                        },
                        Expr::Closure(c) => Some(c),
                        _ => None,
                    };
                    // (The closure is the last one opened at this depth: those inside it are deeper.)
                    let start = self.closures_opened[opened_before..].iter().rev().find(|o| o.1 == depth).map(|o| o.0);
                    if let (Some(c), Some(start), Pat::Ident(p)) = (closure, start, &local.pat) {
                        let own = moving + c.capture.is_some() as usize;
                        let moves = self.moved_captures[captures_before..].iter().any(|&(l, moved, level)| {
                            self.locals[l].decl <= start
                                && (moved || level > own)
                                && !self.surely_copy.contains(&self.locals[l].name.to_string())
                        });
                        if moves {
                            self.fn_once.insert(p.ident.to_string());
                        }
                    }
                    self.call_lends = false;
                    self.let_head = None;
                    if let Some((_, diverge)) = &init.diverge {
                        // The `else` never falls through: what follows sees the matching path.
                        // (A branch of its own: a `return` there leaves that path only.)
                        let matched = self.da.clone();
                        let construct = self.constructs;
                        self.constructs += 1;
                        self.construct_arms.push((2, false));
                        self.branch.push((construct, 1));
                        self.expr(diverge, Kind::Move);
                        self.branch.pop();
                        let len = self.da.len().min(matched.len());
                        self.da[..len].copy_from_slice(&matched[..len]);
                    }
                }
                let mut borrowed = self.borrow_sinks.pop().map(|(_, b)| b).unwrap_or_default();
                // `let head: Vec<String> = words.by_ref().take(2).map(..).collect();`: a
                // type that can hold no borrow says the value borrows nothing.
                if matches!(&local.pat, Pat::Type(t) if surely_owned_type(&t.ty)) {
                    borrowed.clear();
                }
                let first_binding = self.locals.len();
                self.pattern_borrowing(&local.pat, local.init.is_some(), borrowed);
                // (`let (a, _) = p;`, `let S { a, .. } = self;` of a `&mut`: bindings through
                // it, like a `match`'s.)
                if let Some(init) = local.init.as_ref().filter(|_| !matches!(&local.pat, Pat::Ident(_) | Pat::Type(_))) {
                    if matches!(&*init.expr, Expr::Path(_)) {
                        self.mark_mut_refs(&init.expr, &local.pat, first_binding);
                    }
                }
                let inner = match &local.pat {
                    Pat::Type(t) => &*t.pat,
                    p => p,
                };
                let alone = matches!(inner, Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none());
                if let (true, Some(l)) = (alone, self.locals.last_mut()) {
                    match &local.init {
                        Some(i) => {
                            l.plain = i.diverge.is_none();
                            l.mut_ref = matches!(&*i.expr, Expr::Reference(r) if r.mutability.is_some());
                        }
                        None => l.uninit = true,
                    }
                }
            }
            Stmt::Expr(e, _) => self.expr(e, Kind::Move),
            Stmt::Macro(m) => self.mac(&m.mac),
            Stmt::Item(_) => {}
        }
    }

    fn site(&mut self, aw: &syn::ExprAwait, output_used: bool) {
        let Some(index) = await_index(aw) else { return };
        let start = self.tick();
        self.open_sink();
        self.awaited(aw);
        // (A call of a function or method the file declares returning a type that owns
        // its data, `fill(&mut r).await` of `-> u32`: its arguments are lent to the awaiter
        // only, not to the value made from its output. Not one given a closure or an
        // `async` block: a local it captures is kept in a frame slot through this lending,
        // from which a closure that moves it takes it, `run(|| eat(t)).await`.)
        let owned_output = !has_closure(&aw.base) && match &*aw.base {
            Expr::Call(c) => matches!(&*c.func, Expr::Path(p) if p.path.get_ident().is_some_and(|f| receivers::fn_output_owned(&f.to_string()))),
            Expr::MethodCall(m) => receivers::output_owned_on(&m.receiver, &m.method.to_string(), m.args.len()),
            _ => false,
        };
        let lent = if owned_output {
            self.borrow_sinks.pop();
            BTreeSet::new()
        } else {
            self.close_sink()
        };
        let end = self.tick();
        let mut seen = BTreeSet::new();
        let mut visible = Vec::new();
        for scope in self.scopes.iter().rev() {
            for &id in scope.iter().rev() {
                if seen.insert(self.locals[id].name.to_string()) {
                    visible.push(id);
                }
            }
        }
        visible.sort_unstable();
        // An awaiter built in an `async move` block (`normalize::IN_BLOCK`) is a type of its
        // own too: built where each path suspends, two copies would not unify (E0308).
        let deferred = has_closure(&aw.base) || aw.attrs.iter().any(|a| a.path().is_ident(crate::normalize::IN_BLOCK));
        let da = self.da.clone();
        self.sites.push(SiteRaw {
            index,
            branch: self.branch.clone(),
            deferred,
            da,
            start,
            end,
            visible,
            loops: self.loop_stack.clone(),
            lent: if output_used { lent } else { BTreeSet::new() },
        });
        self.skip_await = Some(index);
    }

    /// A `move` closure or `async move` block (`moves`) about to be walked: the locals bound
    /// to literals that it names only field by field (see [`captures`]) have those fields
    /// read out as values here, where it is made, and are not captured. So does a closure
    /// without `move` that is a `let`'s whole value (`let take = || eat(h.b);`) for the
    /// fields it uses only as values: natively it takes those it moves, and borrows the
    /// `Copy` ones, which it may as well borrow from a copy made first. Returns the set to
    /// restore after the walk.
    fn take_fields(&mut self, closure: &Expr, moves: bool) -> BTreeSet<usize> {
        let before = self.fields_taken.clone();
        let let_closure = std::mem::take(&mut self.let_closure);
        if !(moves || let_closure) || self.opaque > 0 {
            return before;
        }
        // (The locals it may name: those in scope.)
        let names: Vec<String> = self.scopes.iter().flatten().map(|&id| self.locals[id].name.to_string()).collect();
        for name in names {
            let Some(id) = self.resolve(&name) else { continue };
            if self.fields_taken.contains(&id) || self.ref_params.contains(&id) {
                continue;
            }
            if captures::field_captures(closure, &name, moves && self.literal.contains(&name)).is_some() {
                self.field_move = true;
                self.mention_local(id, Kind::Move);
                self.fields_taken.insert(id);
            }
        }
        before
    }

    /// A local (or a field of one) matched where it lies, by patterns that bind by value.
    /// `read_out`: a field matched by a `match`, a lone `if let` or `while let`, which a
    /// `Partial` reads out to match (a let chain would need it put back on every exit).
    fn no_partial_if_bound(&mut self, scrutinee: &Expr, pats: &[&Pat], read_out: bool) {
        if read_out && matched_field_moves(scrutinee, pats) {
            // `match msg { Msg::Up { name, .. } => .. }`: natively the rest of `msg` stays in
            // it to the end of its scope.
            if let Some(id) = self.matched_local(scrutinee) {
                self.parts_left.push((id, self.pos));
            }
            return;
        }
        if let Some(root) = field_root(scrutinee) {
            if pats.iter().any(|p| crate::normalize::binds_by_value(p)) {
                if let Some(id) = self.resolve(&root.to_string()) {
                    self.unpartial.insert(id);
                }
            }
        }
    }

    /// The left of `=`: a local assigned whole, or the locals a destructuring assignment
    /// (`(c, _) = ..`, `[a, b] = ..`, `S { x, .. } = ..`) assigns; any other place is used.
    fn assignee(&mut self, left: &Expr) {
        match left {
            Expr::Path(_) => self.expr(left, Kind::Assign),
            Expr::Tuple(t) => t.elems.iter().for_each(|e| self.assignee(e)),
            Expr::Array(a) => a.elems.iter().for_each(|e| self.assignee(e)),
            Expr::Paren(p) => self.assignee(&p.expr),
            Expr::Call(c) => c.args.iter().for_each(|e| self.assignee(e)),
            Expr::Struct(s) => s.fields.iter().for_each(|f| self.assignee(&f.expr)),
            Expr::Infer(_) | Expr::Range(_) => {}
            other => self.expr(other, Kind::Use),
        }
    }

    /// The operand of an await.
    fn awaited(&mut self, aw: &syn::ExprAwait) {
        let base = &*aw.base;
        match base {
            // Awaited in an `async move` block (`normalize::IN_BLOCK`), which takes the
            // statement's temporary receiver (`__t0.finish().await`) whatever the method.
            Expr::MethodCall(m)
                if aw.attrs.iter().any(|a| a.path().is_ident(crate::normalize::IN_BLOCK))
                    && crate::util::is_temp(&m.receiver) =>
            {
                // (The block holds what they lend, as an awaited call's future does.)
                self.call_lends = true;
                self.expr(&m.receiver, Kind::Move);
                self.exprs(&m.args, Kind::Move);
                self.call_lends = false;
            }
            Expr::MethodCall(m) => self.method_call(m, true),
            Expr::Call(_) => {
                self.call_lends = true;
                self.expr(base, Kind::Move);
                self.call_lends = false;
            }
            other => {
                // (`fut.await` moves the local future, inside a block without `move` too.)
                self.surely_moves = matches!(other, Expr::Path(p) if p.path.get_ident().is_some());
                self.expr(other, Kind::Move);
                self.surely_moves = false;
            }
        }
    }

    /// `awaited`: the call makes the future that is awaited, so an iterator's name
    /// (`x.count().await`, `x.sum(..).await`) is a method of the receiver's own, which
    /// more likely borrows it.
    fn method_call(&mut self, m: &syn::ExprMethodCall, awaited: bool) {
        let method = m.method.to_string();
        // (What the file declares for the receiver's type, where the syntax shows it, before
        // the names: `s.conn.close()` with `fn close(self)` on `Conn`.)
        let declared = receivers::declared_for_type(&m.receiver, &method, m.args.len()).map(|(r, _)| r);
        let by_value = if awaited {
            awaited_method_consumes(&m.receiver, &method, m.args.len())
        } else {
            match declared {
                Some(declared) => declared == receivers::Receiver::Taken,
                None => consumes_receiver(&method, m.args.len()),
            }
        };
        // What a method of a reference parameter returns may borrow through it (`let r =
        // self.slot();`): if that is kept across an await, the parameter keeps still in a
        // frame slot, so that its later uses do not conflict with the parked borrow.
        let through_ref_param = !by_value
            && place_root(&m.receiver).and_then(|n| self.resolve(&n)).is_some_and(|id| self.ref_params.contains(&id));
        // An awaited method's output may borrow its receiver whatever its name (`async fn
        // slot(&mut self) -> &mut u32`), and the detached reborrow hides that borrow from
        // rustc. So it is taken to: where the output is used, the receiver is lent to the
        // await, and keeps still in a frame slot if it lives on (else the machine would
        // move it out of the state under the output when it resumes).
        let awaited_receiver = awaited && !by_value && self.opaque == 0;
        let receiver_root = if awaited_receiver { place_root(&m.receiver).and_then(|n| self.resolve(&n)) } else { None };
        // (Not where every declaration the file has of it returns a type that owns its data,
        // `-> u32`, `-> Result<Row, DbError>`: then only the awaiter borrows the receiver,
        // and nothing made from the output does. `Walker::site` applies the same rule to
        // the arguments, except for a call given a closure; this covers the receiver there.)
        let lends_to_output = awaited_receiver && !receivers::output_owned_on(&m.receiver, &method, m.args.len());
        // `let o = l.owner();` where the file declares `fn owner(&self) -> &Tracker`.
        let lends_reference = !awaited && receivers::output_refs_on(&m.receiver, &method, m.args.len());
        if call_borrows_receiver(m) || through_ref_param || lends_to_output || lends_reference {
            self.borrow(&m.receiver);
        }
        // A field as the receiver of an `Option` or `Result` combinator that takes it
        // (`c.host.or(None)`, `c.name.map(..)`): a `Partial` could give the field up only to
        // a method that surely does (a `&self` one would drop the copy under the local), so
        // the local stays as it is. (Not for the iterator names: a field is seldom an
        // iterator, and a struct's own `&self` method called `count` is read through.)
        let combinator = matches!(method.as_str(), "map" | "or" | "or_else" | "and" | "xor" | "zip" | "filter" | "flatten");
        if combinator && !awaited && matches!(&*m.receiver, Expr::Field(_)) {
            if let Some(id) = field_root(&m.receiver).and_then(|r| self.resolve(&r.to_string())) {
                self.unpartial.insert(id);
            }
        }
        self.maybe_move = !awaited
            && !by_value
            && declared.is_none()
            && !keeps_receiver(&method)
            && matches!(&*m.receiver, Expr::Path(p) if p.path.get_ident().is_some_and(|i| self.let_head.as_deref() == Some(&i.to_string())));
        // `it.by_ref().take(2).count()`, `v.iter().len()`, `r.as_ref().is_ok_and(..)`: a
        // number, a `bool` or a `String` owns its data, so what the receiver's chain borrows
        // on the way is not borrowed by it (unless the file declares the method returning a
        // reference). (Not
        // in a closure, which borrows what its captures borrow: `|| r.len()` borrows what
        // `r` points to.)
        let owned_output = !awaited
            && self.capture_sinks.is_empty()
            && (answers_by_value(&method) || copies_an_element(m))
            && !receivers::output_refs_on(&m.receiver, &method, m.args.len());
        if owned_output {
            self.open_sink();
        }
        self.expr(&m.receiver, if by_value { Kind::Move } else { Kind::Use });
        if owned_output {
            self.borrow_sinks.pop();
        }
        self.maybe_move = false;
        // `refs.push(&t)`, `m.insert(k, |x| x + n)`: the receiver keeps what its arguments borrow.
        let store = if stores_arguments(&method) { chain_root(&m.receiver).and_then(|n| self.resolve(&n)) } else { None };
        self.storing_into(store, |w| {
            for arg in &m.args {
                // (`t.name().to_string()` owns its data, whatever `name` lends.)
                let owned = matches!(arg, Expr::MethodCall(c) if owned_result(&c.method.to_string()));
                if owned {
                    w.open_sink();
                }
                w.expr(arg, Kind::Move);
                if owned {
                    w.borrow_sinks.pop();
                }
            }
        });
        if let Some(r) = receiver_root {
            self.all_receivers.insert(r, self.pos);
        }
    }

    /// Records the bindings declared from `first` on as matched against `scrutinee`, where
    /// it is a local (see `bound_from`).
    fn bind_from(&mut self, scrutinee: &Expr, first: usize) {
        let Some(id) = place_root(scrutinee).filter(|_| matches!(scrutinee, Expr::Path(_))).and_then(|n| self.resolve(&n)) else { return };
        for binding in first..self.locals.len() {
            self.bound_from.insert(binding, id);
        }
    }

    fn pattern(&mut self, pat: &Pat, has_init: bool) {
        self.pattern_borrowing(pat, has_init, BTreeSet::new());
    }

    /// Declares a pattern's bindings, which hold values that borrow `borrowed`.
    fn pattern_borrowing(&mut self, pat: &Pat, has_init: bool, borrowed: BTreeSet<usize>) {
        let mut names = Vec::new();
        bindings(pat, &mut names);
        for (name, mutable) in names {
            self.declare(name, mutable, has_init);
            if !borrowed.is_empty() {
                self.borrows.insert(self.locals.len() - 1, borrowed.clone());
            }
        }
    }

    /// Records that the value being initialized borrows the local at the root of `place`.
    fn borrow(&mut self, place: &Expr) {
        if let Some(name) = place_root(place) {
            if let (Some(id), Some(top)) =
                (self.resolve(&name), self.borrow_sinks.len().checked_sub(1))
            {
                // Inside a `move` closure a capture is the closure's own: borrowing it
                // borrows nothing outside.
                if self.force_move > 0 && self.locals[id].decl <= self.capture_floor() {
                    return;
                }
                self.sink_insert(top, id);
            }
        }
    }

    /// `for c in cs`, `while let Some(c) = cs.pop()` where `cs` has a declared type naming
    /// `FnOnce` (`Vec<Box<dyn FnOnce() -> u32>>`): the bindings are called once, and a
    /// call moves them. (So is what they are matched from, which a call does not move, and
    /// a local made from it: `let mut it = cs.into_iter();`.)
    fn once_items(&mut self, source: &Expr, pat: &Pat) {
        // (A `for` loop is a `match` on `into_iter(cs)`, then on `next(&mut __iter0)`.)
        fn root(e: &Expr) -> Option<String> {
            match e {
                Expr::Call(c) => c.args.first().and_then(root),
                Expr::Reference(r) => root(&r.expr),
                e => chain_root(e),
            }
        }
        if root(source).is_some_and(|r| self.fn_once.contains(&r)) {
            let mut names = Vec::new();
            bindings(pat, &mut names);
            self.fn_once.extend(names.into_iter().map(|(n, _)| n.to_string()));
        }
    }

    /// Walks a value stored into the local `target` (if any): what it borrows, `target`
    /// borrows from now on, as a `let` binding it would. The value's borrows still reach the
    /// sink around it.
    fn storing_into(&mut self, target: Option<usize>, walk: impl FnOnce(&mut Self)) {
        let Some(target) = target else { return walk(self) };
        self.open_sink();
        walk(self);
        let lent = self.close_sink();
        let lent: BTreeSet<usize> = lent.into_iter().filter(|&l| l != target).collect();
        if !lent.is_empty() {
            self.borrows.entry(target).or_default().extend(lent);
        }
    }

    fn open_sink(&mut self) {
        self.borrow_sinks.push((self.pos, BTreeSet::new()));
    }

    /// Closes the innermost sink: what the value walked since it opened borrows, which the
    /// value around it (the sink below) borrows too.
    fn close_sink(&mut self) -> BTreeSet<usize> {
        let (_, lent) = self.borrow_sinks.pop().unwrap_or_default();
        if let Some(top) = self.borrow_sinks.len().checked_sub(1) {
            for &l in &lent {
                self.sink_insert(top, l);
            }
        }
        lent
    }

    fn sink_insert(&mut self, depth: usize, local: usize) {
        let decl = self.locals[local].decl;
        if let Some((opened, sink)) = self.borrow_sinks.get_mut(depth) {
            if decl <= *opened {
                sink.insert(local);
            }
        }
    }

    fn exprs<'a>(&mut self, es: impl IntoIterator<Item = &'a Expr>, kind: Kind) {
        for e in es {
            self.expr(e, kind);
        }
    }

    fn expr(&mut self, e: &Expr, kind: Kind) {
        match e {
            Expr::Path(p) => {
                if p.qself.is_none() && p.path.segments.len() == 1 && p.path.leading_colon.is_none()
                {
                    let name = p.path.segments[0].ident.to_string();
                    self.mention(&name, kind);
                }
            }
            Expr::Await(aw) => {
                if self.opaque == 0
                    && self.skip_await.is_some()
                    && await_index(aw) == self.skip_await
                {
                    self.skip_await = None;
                } else {
                    self.awaited(aw);
                }
            }
            Expr::Assign(a) => {
                // `cur = &b;`, `best = Some(t)`: the place's local now holds what the value borrows.
                let target = place_root(&a.left).and_then(|n| self.resolve(&n));
                self.storing_into(target, |w| w.expr(&a.right, Kind::Move));
                self.assignee(&a.left);
            }
            Expr::Binary(b) => {
                // Comparisons borrow both operands; `x += v` updates `x` in place.
                let compare = is_comparison(&b.op);
                let place = compare || crate::normalize::is_compound_assign(&b.op);
                let plain = |e: &Expr| matches!(e, Expr::Path(_) | Expr::Field(_));
                self.operand = !place && plain(&b.left);
                self.expr(&b.left, if place { Kind::Use } else { Kind::Move });
                self.operand = !compare && plain(&b.right);
                self.expr(&b.right, if compare { Kind::Use } else { Kind::Move });
                self.operand = false;
            }
            Expr::MethodCall(m) => self.method_call(m, false),
            Expr::Call(c) => {
                // Calling a local (a closure): an async closure's future borrows it, when
                // it is a future (awaited, or kept and awaited later); an `FnOnce` is moved.
                // Calling an `FnOnce` moves it (the declared type says so: what it returns
                // cannot borrow it), a local or a field; a closure literal is taken to be an `Fn` or `FnMut`,
                // which a call borrows.
                let once = match &*c.func {
                    Expr::Path(p) => p.path.get_ident().is_some_and(|i| self.fn_once.contains(&i.to_string())),
                    // `(job.run)()`, the field declared an `FnOnce`: a move of the field.
                    Expr::Paren(p) => receivers::once_field(&p.expr),
                    _ => false,
                };
                if self.call_lends && !once {
                    self.borrow(&c.func);
                }
                let callee_kind = if once {
                    Kind::Move
                } else {
                    Kind::Use
                };
                self.expr(&c.func, callee_kind);
                // `Iterator::next(&mut iter)` (the `for` desugaring): the item does not
                // borrow the iterator itself.
                let is_next = matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "next" || s.ident == "witness"));
                if is_next {
                    self.open_sink();
                }
                self.exprs(&c.args, Kind::Move);
                if is_next {
                    self.borrow_sinks.pop();
                }
            }
            Expr::Field(f) => {
                // Reading a field as a value may move it out (a partial move of the local).
                self.field_move = kind == Kind::Move && field_root(&f.base).is_some();
                // `(*r).field` reads through `r`: never a move of `r` itself.
                let through_deref = matches!(&*f.base, Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)))
                    || matches!(&*f.base, Expr::Paren(p) if matches!(&*p.expr, Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_))));
                self.expr(
                    &f.base,
                    if kind == Kind::Move && !through_deref {
                        Kind::Move
                    } else {
                        Kind::Use
                    },
                );
                self.field_move = false;
            }
            Expr::Reference(r) => {
                self.borrow(&r.expr);
                self.expr(&r.expr, Kind::Use)
            }
            // A raw pointer to a local borrows it as much as a reference: the local must
            // not move while the pointer lives.
            Expr::RawAddr(r) => {
                self.borrow(&r.expr);
                self.expr(&r.expr, Kind::Use)
            }
            Expr::Index(i) => {
                self.expr(&i.expr, Kind::Use);
                self.expr(&i.index, Kind::Move);
            }
            Expr::Unary(u) => {
                // `*b` as a value moves out of a `Box` (a copy through a reference leaves the
                // reference usable, and dropping one early is not observable; a local that
                // may be a `Box` is taken to be one).
                let deref = matches!(u.op, syn::UnOp::Deref(_));
                // (A statement's temporary, `*Rc::new(7)` spilled, lives to the statement's
                // end: only borrowed.)
                let temporary = matches!(&*u.expr, Expr::Path(p) if p.path.get_ident().is_some_and(|i| crate::normalize::is_temp_name(&i.to_string())));
                // (Nor does a local that is no `Box`: `let v = *guard;` copies, and the guard
                // lives on to the end of its scope, holding its lock.)
                let unboxed = matches!(&*u.expr, Expr::Path(p) if p.path.get_ident().is_some_and(|i| self.unboxed.contains(&i.to_string())));
                let k = if deref && (kind != Kind::Move || temporary || unboxed) {
                    Kind::Use
                } else {
                    Kind::Move
                };
                // `*rc` borrows `rc` first (`Deref::deref(&rc)`), which rustc counts in the
                // future's auto traits.
                if deref && k == Kind::Move {
                    if let Expr::Path(p) = &*u.expr {
                        if let Some(id) = p.path.get_ident() {
                            self.mention(&id.to_string(), Kind::Use);
                        }
                    }
                }
                self.expr(&u.expr, k);
            }
            Expr::Paren(p) => self.expr(&p.expr, kind),
            Expr::Group(g) => self.expr(&g.expr, kind),
            Expr::Cast(c) => self.expr(&c.expr, Kind::Move),
            Expr::Array(a) => self.exprs(&a.elems, Kind::Move),
            Expr::Tuple(t) => self.exprs(&t.elems, Kind::Move),
            Expr::Repeat(r) => self.expr(&r.expr, Kind::Move),
            Expr::Struct(s) => {
                for f in &s.fields {
                    self.expr(&f.expr, Kind::Move);
                }
                // `..base` moves the fields not given out of `base`. (Outside closures, a
                // struct the file declares has been spelled out field by field; another is
                // kept whole, as `base` may still be read.) In a closure it makes the
                // closure `FnOnce`.
                if let Some(rest) = &s.rest {
                    let captured = self.capturing > 0 || self.opaque > 0;
                    self.expr(rest, if captured { Kind::Move } else { Kind::Use });
                }
            }
            Expr::Range(r) => {
                if let Some(s) = &r.start {
                    self.expr(s, Kind::Move);
                }
                if let Some(e) = &r.end {
                    self.expr(e, Kind::Move);
                }
            }
            Expr::Try(t) => self.expr(&t.expr, Kind::Move),
            Expr::Return(r) => {
                if let Some(e) = &r.expr {
                    self.expr(e, Kind::Move);
                }
                self.jump(false, true, Leaves::Body);
                self.unreachable();
            }
            Expr::Break(b) => {
                if let Some(e) = &b.expr {
                    self.expr(e, Kind::Move);
                }
                let target = self.loop_target(b.label.as_ref());
                if let Some(id) = target {
                    let snapshot = self.da.clone();
                    let merged = match self.loop_breaks[id].take() {
                        Some(prev) => and(&prev, &snapshot),
                        None => snapshot,
                    };
                    self.loop_breaks[id] = Some(merged);
                }
                self.jump(b.label.is_some(), true, target.map_or(Leaves::Block, Leaves::Loop));
                self.unreachable();
            }
            Expr::Continue(c) => {
                let target = self.loop_target(c.label.as_ref());
                self.jump(c.label.is_some(), false, target.map_or(Leaves::Block, Leaves::Loop));
                self.unreachable()
            }
            Expr::Let(l) => {
                self.once_items(&l.expr, &l.pat);
                self.open_sink();
                let by_ref = crate::normalize::has_ref_binding(&l.pat);
                if by_ref {
                    self.borrow(&l.expr);
                }
                let lone = std::mem::take(&mut self.lone_let);
                self.no_partial_if_bound(&l.expr, &[&*l.pat], lone);
                // Matched in place: moved only if the pattern binds by value.
                let moves = !by_ref && crate::normalize::binds_by_value(&l.pat);
                let whole = if moves { self.matched_local(&l.expr) } else { None };
                self.scrutinee += 1;
                self.expr(&l.expr, if moves && whole.is_none() { Kind::Move } else { Kind::Use });
                self.scrutinee -= 1;
                self.mark_matched(whole);
                self.pending_arm_moves.extend(whole);
                let borrowed = self.borrow_sinks.pop().map(|(_, b)| b).unwrap_or_default();
                let first_binding = self.locals.len();
                self.pattern_borrowing(&l.pat, true, borrowed);
                self.bind_from(&l.expr, first_binding);
                self.mark_mut_refs(&l.expr, &l.pat, first_binding);
            }
            Expr::If(i) => {
                let construct = self.constructs;
                self.constructs += 1;
                self.construct_arms.push((2, i.else_branch.is_some()));
                // `if let` bindings belong to the then-block's scope.
                self.scopes.push(Vec::new());
                let pending = std::mem::take(&mut self.pending_arm_moves);
                self.lone_let = matches!(&*i.cond, Expr::Let(_));
                self.expr(&i.cond, Kind::Use);
                let matched = std::mem::replace(&mut self.pending_arm_moves, pending);
                let after_cond = self.da.clone();
                self.branch.push((construct, 0));
                for &local in &matched {
                    self.arm_move(local);
                }
                self.block_stmts(&i.then_branch);
                self.branch.pop();
                let end = self.tick();
                self.close_scope(end);
                let after_then = std::mem::replace(&mut self.da, after_cond);
                if let Some((_, els)) = &i.else_branch {
                    self.branch.push((construct, 1));
                    match &**els {
                        Expr::Block(b) => self.block(&b.block),
                        other => self.expr(other, Kind::Move),
                    }
                    self.branch.pop();
                }
                self.da = and(&after_then, &self.da);
            }
            Expr::Match(m) => {
                for arm in &m.arms {
                    self.once_items(&m.expr, &arm.pat);
                }
                // Arm bindings may borrow what the scrutinee borrows (`for x in &v` becomes
                // a `match` whose binding is the iterator).
                self.open_sink();
                let by_ref = m.arms.iter().any(|a| crate::normalize::has_ref_binding(&a.pat));
                if by_ref {
                    self.borrow(&m.expr);
                }
                self.no_partial_if_bound(&m.expr, &m.arms.iter().map(|a| &a.pat).collect::<Vec<_>>(), true);
                let moves = !by_ref && m.arms.iter().any(|a| crate::normalize::binds_by_value(&a.pat));
                let whole = if moves { self.matched_local(&m.expr) } else { None };
                self.scrutinee += 1;
                self.expr(&m.expr, if moves && whole.is_none() { Kind::Move } else { Kind::Use });
                self.scrutinee -= 1;
                self.mark_matched(whole);
                let scrutinee_borrows = self.borrow_sinks.pop().map(|(_, b)| b).unwrap_or_default();
                let before = self.da.clone();
                let mut merged: Option<Vec<Flow>> = None;
                let construct = self.constructs;
                self.constructs += 1;
                self.construct_arms.push((m.arms.len(), true));
                for (k, arm) in m.arms.iter().enumerate() {
                    self.da = before.clone();
                    self.branch.push((construct, k));
                    self.scopes.push(Vec::new());
                    if let Some(local) = whole.filter(|_| crate::normalize::binds_by_value(&arm.pat)) {
                        self.arm_move(local);
                    }
                    let first_binding = self.locals.len();
                    self.pattern_borrowing(&arm.pat, true, scrutinee_borrows.clone());
                    self.bind_from(&m.expr, first_binding);
                    self.mark_mut_refs(&m.expr, &arm.pat, first_binding);
                    if let Pat::Guard(g) = &arm.pat {
                        let first = self.mentions.len();
                        self.expr(&g.guard, Kind::Use);
                        let read: Vec<usize> = self.mentions[first..].iter().map(|m| m.local).collect();
                        self.guarded.extend(read);
                    }
                    match &*arm.body {
                        Expr::Block(b) if b.label.is_none() => self.block_stmts(&b.block),
                        other => self.expr(other, Kind::Move),
                    }
                    let end = self.tick();
                    self.close_scope(end);
                    self.branch.pop();
                    merged = Some(match merged {
                        Some(m) => and(&m, &self.da),
                        None => self.da.clone(),
                    });
                }
                if let Some(m) = merged {
                    self.da = m;
                }
            }
            Expr::Loop(l) => {
                let id = self.open_loop(l.label.as_ref());
                self.block(&l.body);
                self.close_loop(id);
                // After a `loop`: what every `break` out of it had initialized.
                match self.loop_breaks[id].take() {
                    Some(at_breaks) => self.da = at_breaks,
                    None => self.unreachable(),
                }
            }
            Expr::While(w) => {
                let before = self.da.clone();
                let id = self.open_loop(w.label.as_ref());
                self.scopes.push(Vec::new());
                // (A `while let` on a field is read out as a `match`'s, each round: see
                // `emit::partial`.)
                self.lone_let = matches!(&*w.cond, Expr::Let(_));
                self.expr(&w.cond, Kind::Use);
                self.block_stmts(&w.body);
                let end = self.tick();
                self.close_scope(end);
                self.close_loop(id);
                self.da = before;
            }
            Expr::ForLoop(f) => {
                // `for r in &rows`, `for t in [&a, &b]`: each item borrows what the iterated
                // value borrows.
                self.open_sink();
                self.expr(&f.expr, Kind::Move);
                let items_borrow = self.close_sink();
                let before = self.da.clone();
                let id = self.open_loop(f.label.as_ref());
                self.scopes.push(Vec::new());
                self.once_items(&f.expr, &f.pat);
                self.pattern_borrowing(&f.pat, true, items_borrow);
                self.block_stmts(&f.body);
                let end = self.tick();
                self.close_scope(end);
                self.close_loop(id);
                self.da = before;
            }
            Expr::Block(b) => self.block(&b.block),
            Expr::Unsafe(u) => self.block(&u.block),
            Expr::Const(c) => self.block(&c.block),
            Expr::Closure(c) => {
                let taken = self.take_fields(e, c.capture.is_some());
                let da = self.da.clone();
                self.opaque += 1;
                let forced = c.capture.is_some();
                self.capturing += !forced as usize;
                self.closures_opened.push((self.pos, self.capture_starts.len()));
                self.capture_starts.push(self.pos);
                self.capture_sinks.push(self.borrow_sinks.len());
                self.force_move += forced as usize;
                self.scopes.push(Vec::new());
                for input in &c.inputs {
                    self.pattern(input, true);
                }
                self.expr(&c.body, Kind::Move);
                let end = self.tick();
                self.close_scope(end);
                self.capturing -= !forced as usize;
                self.capture_starts.pop();
                self.capture_sinks.pop();
                self.force_move -= forced as usize;
                self.opaque -= 1;
                self.da.truncate(da.len());
                self.da[..].copy_from_slice(&da);
                self.fields_taken = taken;
            }
            Expr::Async(a) => {
                let taken = self.take_fields(e, a.capture.is_some());
                let da = self.da.clone();
                self.opaque += 1;
                let forced = a.capture.is_some();
                self.force_move += forced as usize;
                self.capturing += !forced as usize;
                self.capture_starts.push(self.pos);
                self.capture_sinks.push(self.borrow_sinks.len());
                self.block(&a.block);
                self.capture_starts.pop();
                self.capture_sinks.pop();
                self.capturing -= !forced as usize;
                self.force_move -= forced as usize;
                self.opaque -= 1;
                self.da.truncate(da.len());
                self.da[..].copy_from_slice(&da);
                self.fields_taken = taken;
            }
            Expr::Macro(m) => self.mac(&m.mac),
            Expr::Lit(_) | Expr::Verbatim(_) | Expr::Infer(_) => {}
            other => {
                // Anything else: walk its children as values.
                struct Sub<'w>(&'w mut Walker);
                impl<'ast> syn::visit::Visit<'ast> for Sub<'_> {
                    fn visit_expr(&mut self, e: &'ast Expr) {
                        self.0.expr(e, Kind::Move);
                    }
                }
                syn::visit::visit_expr(&mut Sub(self), other);
            }
        }
    }

    /// Macros are not parsed: every identifier in them that names a local is a mention,
    /// and so is `{name}` in a format string.
    fn mac(&mut self, mac: &syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        // A macro is taken to use what it names in place (the format family; most user
        // macros wrap expressions, `log!`-like), but `vec![a, b]` and `pin!(fut)` move their
        // operands.
        if let Some(mut operands) = crate::util::MovingMacro::parse(mac) {
            let (moved, len) = operands.parts_mut();
            // (`join!(a, b)` moves local futures given whole, inside a block without `move`
            // too, as the lowering's own `async { join!(..) }` is.)
            let joins = matches!(name.as_str(), "join" | "try_join");
            for e in moved {
                self.surely_moves = joins && matches!(&*e, Expr::Path(p) if p.path.get_ident().is_some());
                self.expr(e, Kind::Move);
                self.surely_moves = false;
            }
            if let Some(len) = len {
                self.expr(len, Kind::Use);
            }
            return;
        }
        // The format family borrows its arguments, but a method called in one may take its
        // receiver (`format!("{}", it.count())`): each argument is walked as an expression.
        // What they borrow ends with the statement (the macro's value owns its data).
        if crate::util::borrows_expr_args(&name) {
            let args = mac.parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated);
            if let Ok(args) = args {
                self.open_sink();
                for arg in &args {
                    match arg {
                        // `name = value`: a named argument, not an assignment.
                        Expr::Assign(a) => self.expr(&a.right, Kind::Use),
                        Expr::Lit(_) => self.tokens(quote::quote!(#arg), Kind::Use),
                        other => self.expr(other, Kind::Use),
                    }
                }
                self.borrow_sinks.pop();
                return;
            }
        }
        let kind = if crate::util::MovingMacro::moves(&name) { Kind::Move } else { Kind::Use };
        // `addr_of!(x)`, `addr_of_mut!(x)`: a raw pointer to `x`, as `&raw const x`.
        if name == "addr_of" || name == "addr_of_mut" {
            if let Ok(place) = syn::parse2::<Expr>(mac.tokens.clone()) {
                self.borrow(&place);
                return self.expr(&place, Kind::Use);
            }
        }
        self.tokens(mac.tokens.clone(), kind);
    }

    fn tokens(&mut self, tokens: TokenStream, kind: Kind) {
        let mut dots = crate::util::FieldDot::default();
        for tt in tokens {
            let prev_dot = dots.next(&tt);
            match tt {
                TokenTree::Ident(id) => {
                    if !prev_dot {
                        self.mention(&id.to_string(), kind);
                    }
                }
                TokenTree::Group(g) => self.tokens(g.stream(), kind),
                TokenTree::Literal(lit) => {
                    for name in format_captures(&lit.to_string()) {
                        self.mention(&name, Kind::Use);
                    }
                }
                TokenTree::Punct(_) => {}
            }
        }
    }

    /// `let c = b.header(1);`, `let fut = w.run("x");`, `let b = b.header(1);` (a builder's
    /// method taking `self`, shadowing renamed): a method whose name says nothing may take
    /// its receiver or borrow it, which only types tell. Where the receiver is never
    /// mentioned again (not later, not round a loop), it is taken to be moved: were the
    /// method `&self`, the local drops at the next await instead of the end of its scope;
    /// were it `self` and the local kept across the await, the machine would not compile
    /// (E0382). (A method call that is a statement of its own, `t.touch();`, more likely
    /// borrows, and keeps it; and where the file declares the method for the receiver's
    /// type, the declaration tells.)
    ///
    /// (Not for an awaited method: `let v = st.view().await` may borrow `st` through `v`
    /// as well as `let n = a.close().await` may take `a`, and both are common.)
    fn settle(&mut self) {
        for i in 0..self.mentions.len() {
            let m = &self.mentions[i];
            if !m.maybe_move || m.captured {
                continue;
            }
            let local = &self.locals[m.local];
            let later = self.mentions.iter().any(|o| o.local == m.local && o.pos > m.pos && o.pos < local.scope_end);
            if !later && !self.repeats(local.decl, m.pos) {
                let (id, pos, branch) = (m.local, m.pos, m.branch.clone());
                self.mentions[i].kind = Kind::Move;
                // It is surely moved at the awaits that follow on every path from it.
                for site in &mut self.sites {
                    if site.start > pos && site.branch.starts_with(&branch) {
                        if let Some(flow) = site.da.get_mut(id) {
                            flow.1 = true;
                        }
                    }
                }
            }
        }
    }

    /// Does `pos` run again before the scope of a local declared at `decl` ends: is it in a
    /// loop inside that scope?
    fn repeats(&self, decl: usize, pos: usize) -> bool {
        self.loops.iter().any(|&(s, e)| s > decl && pos > s && pos < e)
    }

    /// Locals declared before this position are captured by the closure being walked
    /// (approximation: any local of an enclosing scope).
    fn capture_floor(&self) -> usize {
        self.capture_starts.last().copied().unwrap_or(0)
    }

    fn open_loop(&mut self, label: Option<&syn::Label>) -> usize {
        let id = self.loops.len();
        let start = self.tick();
        self.loops.push((start, 0));
        self.loop_labels.push(label.map(|l| l.name.to_string()));
        self.loop_breaks.push(None);
        self.loop_stack.push(id);
        id
    }

    fn close_loop(&mut self, id: usize) {
        self.loop_stack.pop();
        self.loops[id].1 = self.tick();
    }

    /// A `return`, `break` (`out`) or `continue` leaves the straight line here.
    fn jump(&mut self, labelled: bool, out: bool, target: Leaves) {
        if self.opaque == 0 {
            let jump = Jump { pos: self.tick(), labelled, out, branch: self.branch.clone(), loops: self.loop_stack.clone(), target };
            self.jumps.push(jump);
        }
    }

    /// The loop a `break` or `continue` with this label (or none) is for; `None` for a
    /// labelled block.
    fn loop_target(&self, label: Option<&syn::Lifetime>) -> Option<usize> {
        match label {
            Some(l) => {
                let name = l.to_string();
                self.loop_stack.iter().rev().find(|&&id| self.loop_labels[id].as_deref() == Some(name.as_str())).copied()
            }
            None => self.loop_stack.last().copied(),
        }
    }

    /// The jumps whose reach the exits analysis follows: a `return`, or a `break` or
    /// `continue` of a loop, with the loop (`None`: a `return`).
    fn exits(&self) -> impl Iterator<Item = (&Jump, Option<usize>)> {
        self.jumps.iter().filter_map(|j| match j.target {
            Leaves::Body => Some((j, None)),
            Leaves::Loop(l) => Some((j, Some(l))),
            Leaves::Block => None,
        })
    }

    /// Does every path from the code at `from` (in `branch`) to the code at `to`, later in
    /// the text, leave first? So it does when an exit comes between that runs whenever
    /// `from` does: in its branch or one around it, in no loop `from` is not in. A `return`
    /// leaves everything; a `break` or `continue` leaves the rest of its loop's body.
    fn leaves_between(&self, from: usize, branch: &[(usize, usize)], to: usize) -> bool {
        self.exits().any(|(x, target)| {
            x.pos > from
                && x.pos < to
                && branch.starts_with(&x.branch)
                && x.loops.iter().all(|&l| self.loops[l].0 < from && from < self.loops[l].1)
                && target.is_none_or(|l| to < self.loops[l].1)
        })
    }

    /// Does every path from the code at `from` (in `branch`) leave before it goes round
    /// the loops `wraps` (which hold `from`)? A `return` leaves them, as does a `break` of
    /// one of them or of a loop around them (not a `continue`, which goes round), that
    /// comes before their ends and runs whenever `from` does.
    fn leaves_round(&self, from: usize, branch: &[(usize, usize)], wraps: &[usize]) -> bool {
        !wraps.is_empty()
            && self.exits().any(|(x, target)| {
                x.out
                    && x.pos > from
                    && branch.starts_with(&x.branch)
                    && x.loops.iter().all(|&l| self.loops[l].0 < from && from < self.loops[l].1)
                    && wraps.iter().all(|&w| x.pos < self.loops[w].1)
                    && target.is_none_or(|b| wraps.iter().all(|&w| self.loops[b].0 <= self.loops[w].0))
            })
    }

    /// The loops around await `site` that a local declared at `decl` lives across, going
    /// round them, and that hold `pos`.
    fn wraps(&self, site: &SiteRaw, decl: usize, pos: usize) -> Vec<usize> {
        site.loops.iter().copied().filter(|&l| self.loops[l].0 > decl && self.loops[l].0 < pos && pos < self.loops[l].1).collect()
    }

    /// A local matched whole by a pattern that moves (parts of) it moves where an arm that
    /// binds by value starts, not at the scrutinee: an arm that binds nothing leaves it whole
    /// (`match o { Some(t) => .., None => .. }`).
    fn arm_move(&mut self, local: usize) {
        self.scrutinee += 1;
        self.mention_local(local, Kind::Move);
        self.scrutinee -= 1;
        if let Some(m) = self.mentions.last_mut() {
            m.matched = m.local == local;
        }
    }

    /// The bindings from `first` on, of `pat` matched against `scrutinee`, that are surely
    /// `&mut`s: all of them where the scrutinee is one (`&mut v`, a `&mut` local or
    /// parameter, `match self` of `&mut self`), else the `ref mut` ones.
    fn mark_mut_refs(&mut self, scrutinee: &Expr, pat: &Pat, first: usize) {
        let root = match scrutinee {
            Expr::Path(p) => p
                .path
                .get_ident()
                .and_then(|i| self.resolve(&i.to_string()))
                .filter(|&id| self.locals[id].mut_ref || self.mut_ref_params.contains(&id)),
            _ => None,
        };
        // (A `for` loop that awaits is a `match` on `into_iter(v.iter_mut())`, binding the
        // iterator, then on `next(&mut __iter0)`, binding the item: a `&mut` of `v`.)
        let call = |e: &Expr, name: &str| match e {
            Expr::Call(c) if c.args.len() == 1 && matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == name)) => c.args.first().cloned(),
            _ => None,
        };
        // (`.enumerate()` of those: the second of each pair.)
        if let Some(iterated) = call(scrutinee, "into_iter") {
            let enumerated = matches!(&iterated, Expr::MethodCall(m) if m.method == "enumerate" && yields_mut_refs(&m.receiver));
            if yields_mut_refs(&iterated) || enumerated {
                self.mut_ref_iters.extend((first..self.locals.len()).map(|l| (l, enumerated)));
            }
        }
        let iterator = call(scrutinee, "next").and_then(|e| match e {
            Expr::Reference(r) => match &*r.expr {
                Expr::Path(p) => p.path.get_ident().and_then(|i| self.resolve(&i.to_string())),
                _ => None,
            },
            _ => None,
        });
        let plain = |p: &Pat| matches!(p, Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none());
        let item = match (iterator.and_then(|i| self.mut_ref_iters.get(&i)), pat) {
            (Some(false), Pat::TupleStruct(t)) if t.elems.len() == 1 && plain(&t.elems[0]) => Some(&t.elems[0]),
            (Some(true), Pat::TupleStruct(t)) => match t.elems.first() {
                Some(Pat::Tuple(pair)) if t.elems.len() == 1 && pair.elems.len() == 2 && plain(&pair.elems[1]) => Some(&pair.elems[1]),
                _ => None,
            },
            _ => None,
        };
        let item = item.and_then(|p| match p {
            Pat::Ident(i) => Some(i.ident.to_string()),
            _ => None,
        });
        let through_mut = root.is_some() || matches!(scrutinee, Expr::Reference(r) if r.mutability.is_some());
        let ref_muts = ref_mut_bindings(pat);
        for l in &mut self.locals[first..] {
            l.mut_ref = through_mut || ref_muts.contains(&l.name.to_string()) || item.as_ref().is_some_and(|n| l.name == n);
        }
        if let (Some(root), Some(rematch)) = (root, rematch_pattern(pat)) {
            for l in first..self.locals.len() {
                self.rederivable.insert(l, (root, rematch.clone()));
            }
        }
    }

    /// The `&mut` bindings to match again where the code resumes (see [`Rederived`]), at
    /// every await where they are parked, or at none: a binding parked at one await would
    /// tie its borrow to the whole machine anyway. One the awaited expression uses is
    /// matched again where the awaiter is built too (see [`SiteFacts::lent`]), unless the
    /// awaiter must be built before the suspension parks. Not one whose reference is
    /// assigned in the binding's scope (`cur = next`: the binding may point into the old
    /// one) or kept in a frame slot.
    fn rederivable_everywhere(&self, sites: &[SiteFacts], slotted: &BTreeSet<usize>) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        'binding: for (&l, &(root, _)) in &self.rederivable {
            let local = &self.locals[l];
            let root_assigned =
                self.mentions.iter().any(|m| m.local == root && m.kind == Kind::Assign && m.pos > local.decl && m.pos < local.scope_end);
            if root_assigned || slotted.contains(&root) || slotted.contains(&l) {
                continue;
            }
            let mut anywhere = false;
            for (raw, site) in self.sites.iter().zip(sites) {
                if !site.parked.iter().any(|p| p.local == l) {
                    continue;
                }
                if site.deferred {
                    continue 'binding;
                }
                // (Used by the awaited expression, it is matched again where the suspension
                // builds the awaiter too, unless the awaiter must be built before parking.)
                if self.in_operand(raw, l) && site.early_for.iter().any(|&a| self.rematch_chain(site, a).is_none()) {
                    continue 'binding;
                }
                anywhere = true;
            }
            if anywhere {
                out.insert(l);
            }
        }
        // (None from a reference another binding of which stays parked: parked beside that
        // one, the reference would conflict with it.)
        let parked_somewhere = |l: usize| sites.iter().any(|s| s.parked.iter().any(|p| p.local == l));
        let poisoned: BTreeSet<usize> = self
            .rederivable
            .iter()
            .filter(|(l, _)| parked_somewhere(**l) && !out.contains(*l))
            .map(|(_, (root, _))| *root)
            .collect();
        out.retain(|l| !poisoned.contains(&self.rederivable[l].0));
        // (With the bindings on their way to a reference: `job` of `t` of `match job`.)
        let mut todo: Vec<usize> = out.iter().copied().collect();
        while let Some(l) = todo.pop() {
            let root = self.rederivable[&l].0;
            if let Some(&(up, _)) = self.rederivable.get(&root) {
                let decl = self.locals[root].decl;
                let up_assigned = self.mentions.iter().any(|m| m.local == up && m.kind == Kind::Assign && m.pos > decl && m.pos < self.locals[root].scope_end);
                if !up_assigned && !slotted.contains(&up) && !slotted.contains(&root) && out.insert(root) {
                    todo.push(root);
                }
            }
        }
        out
    }

    /// Whether the awaited expression of `raw` mentions local `l`.
    fn in_operand(&self, raw: &SiteRaw, l: usize) -> bool {
        self.mentions.iter().any(|m| m.local == l && m.pos > raw.start && m.pos < raw.end)
    }

    /// At `site`: the `chosen` bindings (see [`Self::rederivable_everywhere`]) parked here
    /// are matched again instead, and the references they come from are parked (the code
    /// before has them: a binding parked at every await it lives across was matched from
    /// one in scope), or matched again too.
    fn rederive(&self, raw: &SiteRaw, site: &mut SiteFacts, chosen: &BTreeSet<usize>) {
        let mut todo: Vec<usize> = site.parked.iter().map(|p| p.local).filter(|l| chosen.contains(l)).collect();
        while let Some(l) = todo.pop() {
            if site.rederived.iter().any(|r| r.local == l) {
                continue;
            }
            let (root, pat) = self.rederivable[&l].clone();
            site.parked.retain(|p| p.local != l);
            let local = &self.locals[l];
            site.rederived.push(Rederived { local: l, name: local.name.clone(), depth: local.depth, root: self.locals[root].name.clone(), pat });
            let there = site.parked.iter().any(|p| p.local == root) || site.rederived.iter().any(|r| r.local == root);
            if there {
                continue;
            }
            if chosen.contains(&root) {
                todo.push(root);
            } else {
                let r = &self.locals[root];
                site.parked.push(Parked { local: root, name: r.name.clone(), mutable: r.mutable, depth: r.depth });
                site.parked.sort_by_key(|p| p.local);
            }
        }
        site.rederived.sort_by_key(|r| r.local);
        // (A reference matched from is not declared again, empty: `if let E::A(x) = a { ..
        // return *x; } *a = E::B;` resumes in a path that reads `a` only to match it.)
        let roots: Vec<Ident> = site.rederived.iter().map(|r| r.root.clone()).collect();
        site.redeclare.retain(|(name, ..)| !roots.contains(name));
        // The bindings the awaited expression uses (`leaf(name, 1)`, `add(n)`, `leaf(*n)`),
        // matched again from the parked reference where the awaiter is built in place: it
        // may borrow through them, as through any parked local.
        let in_operand = |x: usize| self.in_operand(raw, x);
        let used: Vec<usize> =
            self.rederivable.keys().copied().filter(|&l| in_operand(l) && !site.parked.iter().chain(&site.slotted).any(|p| p.local == l)).collect();
        let chains: Option<Vec<Vec<usize>>> = used.iter().map(|&l| self.rematch_chain(site, l)).collect();
        match chains {
            Some(chains) if !site.deferred && site.early_for.iter().all(|a| chains.iter().any(|c| c.contains(a))) => {
                let mut lent: Vec<usize> = chains.into_iter().flatten().collect();
                lent.sort();
                lent.dedup();
                site.lent = lent
                    .into_iter()
                    .map(|l| {
                        let (root, pat) = self.rederivable[&l].clone();
                        let local = &self.locals[l];
                        Rederived { local: l, name: local.name.clone(), depth: local.depth, root: self.locals[root].name.clone(), pat }
                    })
                    .collect();
                site.early = false;
            }
            // (Else the awaiter is built before the suspension parks: the reference it came
            // from is parked.)
            _ => {
                let reads_parked = site.parked.iter().any(|p| in_operand(p.local));
                if !site.rederived.is_empty() && !reads_parked && !used.is_empty() {
                    site.early = true;
                }
            }
        }
    }

    /// The bindings to match again, from `l` up to a reference parked at `site`, or `None`
    /// if there is none, or one on the way is assigned while its binding lives.
    fn rematch_chain(&self, site: &SiteFacts, l: usize) -> Option<Vec<usize>> {
        let mut chain = Vec::new();
        let mut cur = l;
        loop {
            let &(root, _) = self.rederivable.get(&cur)?;
            let local = &self.locals[cur];
            if self.mentions.iter().any(|m| m.local == root && m.kind == Kind::Assign && m.pos > local.decl && m.pos < local.scope_end) {
                return None;
            }
            chain.push(cur);
            if site.parked.iter().any(|p| p.local == root) {
                return Some(chain);
            }
            cur = root;
        }
    }

    /// The scrutinee just mentioned is that local, matched whole: not a borrow.
    fn mark_matched(&mut self, whole: Option<usize>) {
        if let (Some(local), Some(last)) = (whole, self.mentions.last_mut()) {
            last.matched = last.local == local;
        }
    }

    /// The local a `match` or `if let` matches whole.
    fn matched_local(&self, scrutinee: &Expr) -> Option<usize> {
        match scrutinee {
            Expr::Path(p) => self.resolve(&p.path.get_ident()?.to_string()),
            _ => None,
        }
    }

    /// Code after `return`, `break` or `continue` is never reached: everything counts as
    /// initialized there (the neutral element of the merge).
    fn unreachable(&mut self) {
        self.da.iter_mut().for_each(|d| *d = (true, true));
    }

    /// The locals to hold in a `Partial`: those of [`Self::field_read_locals`], and a
    /// slotted receiver of an awaited method (`receivers`, bound alone by a `let`) with a
    /// field read as a value anywhere: a field cannot be moved out through the slot's
    /// handle, but it can out of a `Partial` in the slot.
    fn partial_locals(&self, receivers: &BTreeSet<usize>, read_apart: BTreeSet<usize>) -> Vec<usize> {
        let mut out = read_apart;
        for &id in receivers {
            let field_moved = self.mentions.iter().any(|m| m.local == id && m.field && !m.captured);
            if field_moved && !self.unpartial.contains(&id) {
                out.insert(id);
            }
        }
        out.into_iter().collect()
    }

    /// Locals with a field read as a value (outside closures) before an await suspends, or
    /// in a loop around it, while the local is in scope there, or that an arm leaves part
    /// of: natively the rest of the local lives on across the await, which a moved-from
    /// local in a variant cannot.
    fn field_read_locals(&self) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        for site in &self.sites {
            for &id in &site.visible {
                let local = &self.locals[id];
                // (A `&mut` is read through: its fields are not its own.)
                if local.decl > site.start || local.uninit || !local.has_init || local.mut_ref || out.contains(&id) {
                    continue;
                }
                // A pattern's binding that an awaited method is called on (`for w in &ws {
                // w.show(w.id).await }`): natively, a field read before the call can only be
                // a copy (else the call would use a partly moved value), and the binding may
                // well be a reference, which a `Partial` cannot hold.
                if !local.plain && self.all_receivers.contains_key(&id) {
                    continue;
                }
                let in_loop = |pos: usize| self.in_loop_around(site, local.decl, pos);
                let read_before = self.mentions.iter().any(|m| {
                    m.local == id
                        && m.field
                        && !m.captured
                        && (m.pos < site.end || in_loop(m.pos))
                }) || self.parted(id, site);
                // Matched by a pattern that moves a field out, which the wrapper cannot do:
                // such a local stays as it was.
                if read_before && !self.unpartial.contains(&id) {
                    out.insert(id);
                }
            }
        }
        out
    }

    /// Whether an arm leaves part of the local before `site` ends, or in a loop around it
    /// (see [`Self::parts_left`]).
    fn parted(&self, id: usize, site: &SiteRaw) -> bool {
        let local = &self.locals[id];
        self.parts_left.iter().any(|&(l, pos)| l == id && (pos < site.end || self.in_loop_around(site, local.decl, pos)))
    }

    /// Locals that need a drop flag: moved on some path before an await and dead after it,
    /// so native code drops them at their scope's end only if they were not moved. A frame
    /// slot is that flag: it stays filled until the move (its last use, which takes the
    /// value out) and its guard, parked across the awaits, empties it at scope end.
    ///
    /// Only the clear case: moves in separate branches (so no path moves twice), nothing
    /// else after the first, none in a loop the local is declared outside of or inside a
    /// closure (a `Copy` local "moved" and used again is left as it was: dropping it does
    /// nothing). Each move takes the value out of the slot.
    fn drop_flag_locals(&self, sites: &[SiteFacts]) -> Vec<usize> {
        let mut out = Vec::new();
        for (raw, facts) in self.sites.iter().zip(sites) {
            for kept in &facts.kept_if_slotted {
                let id = kept.local;
                if out.contains(&id) {
                    continue;
                }
                if facts.parked.iter().any(|p| p.local == id) {
                    if self.moved_then_assigned(id, raw) {
                        out.push(id);
                    }
                    continue;
                }
                // Surely moved here: nothing to flag.
                if raw.da.get(id).is_some_and(|&(_, moved)| moved) {
                    continue;
                }
                let mine: Vec<&Mention> = self.mentions.iter().filter(|m| m.local == id).collect();
                // (A field read as a value, `drop(s.a)` on one path, leaves the rest: a
                // `Partial` holds that, with a bit per field, not a slot.)
                let moves: Vec<&&Mention> = mine.iter().filter(|m| m.kind == Kind::Move && !m.field).collect();
                if moves.is_empty() {
                    continue;
                }
                let decl = self.locals[id].decl;
                let looped = |m: &Mention| self.repeats(decl, m.pos);
                // Several moves are fine if no path takes two: each in its own branch.
                let apart = moves.iter().enumerate().all(|(i, a)| {
                    moves[i + 1..].iter().all(|b| exclusive(&a.branch, &b.branch))
                });
                // (A scrutinee is matched where it lies: the slot could not give it up; but
                // a local matched whole is taken out of its slot by the `match`, and an arm
                // that binds nothing puts it back, see `emit::slots`.) A `move` closure or
                // `async move` block takes the value once, where it is made (unless an await
                // builds it, elsewhere): its one capture counts.
                let in_operand = |m: &Mention| self.sites.iter().any(|s| m.pos > s.start && m.pos < s.end);
                let captured_once = |m: &Mention| moves.len() == 1 && !in_operand(m);
                // (Only a value that owns what it holds: a reference's copy, `let cur =
                // v.first()`, or the normalizer's `__t0 = &mut self.state`, needs no flag,
                // and its slot would keep what it borrows in slots too.)
                let name = self.locals[id].name.to_string();
                let owns = !self.borrows.get(&id).is_some_and(|b| !b.is_empty())
                    && !crate::normalize::is_temp_name(&name)
                    && !self.surely_copy.contains(&name)
                    && !self.locals[id].mut_ref;
                let clear = moves.iter().all(|m| {
                    m.pos < raw.start && (!m.captured || captured_once(m)) && (!m.scrutinee || (m.matched && owns)) && !looped(m)
                });
                // (Nothing uses it after a move on the same path; a use in another branch,
                // `if keep { out = Some(b) } else { log(b.name()) }`, is not after it.)
                let later = mine
                    .iter()
                    .any(|m| m.kind != Kind::Move && moves.iter().any(|mv| m.pos > mv.pos && !exclusive(&mv.branch, &m.branch)));
                if apart && clear && !later {
                    out.push(id);
                }
            }
        }
        out
    }


    /// A local parked at an await that a move may precede (`if c { drop(t) }`, `if let
    /// Some(x) = o`), then assigned again (`t = ..`): it would be moved into the variant
    /// after it was moved away. Its slot is its drop flag instead, if every move takes the
    /// value for good: what runs next after each move, on every path, is an assignment (a
    /// move that is really a copy of a `Copy` value is then never read again either).
    fn moved_then_assigned(&self, id: usize, site: &SiteRaw) -> bool {
        let local = &self.locals[id];
        if !local.plain || self.guarded.contains(&id) {
            return false;
        }
        let moves: Vec<&Mention> = self.mentions.iter().filter(|m| m.local == id && m.kind == Kind::Move).collect();
        let around = |pos: usize| self.in_loop_around(site, local.decl, pos);
        // (A field moved out of a slot would leave a hole in it.)
        if moves.iter().any(|m| m.field) {
            return false;
        }
        // Whether a move reaches the await: not if an assignment surely runs between (`if
        // let Some(n) = cur { ..; cur = n.next; }` then an await).
        let killed = |from: usize, branch: &[(usize, usize)]| {
            self.mentions.iter().any(|a| {
                a.local == id
                    && a.kind == Kind::Assign
                    && a.pos > from
                    && a.pos < site.start
                    && branch.starts_with(&a.branch)
                    && self.jumps_between(from, a.pos, branch).next().is_none()
            })
        };
        let precedes = moves.iter().any(|m| {
            (m.pos < site.end && !exclusive(&m.branch, &site.branch) && !killed(m.pos, &m.branch))
                || around(m.pos)
        });
        precedes && moves.iter().all(|m| !m.captured && self.assigned_next(id, m.pos, &m.branch))
    }

    /// Is `pos` in a loop around the await that starts inside the scope of a local declared
    /// at `decl`? Such a loop's whole body runs again before the await comes round.
    fn in_loop_around(&self, site: &SiteRaw, decl: usize, pos: usize) -> bool {
        site.loops.iter().map(|&l| self.loops[l]).any(|(s, e)| s > decl && pos > s && pos < e)
    }

    /// Is the next mention of a local after `from` (in `branch`), on every path, an
    /// assignment that surely runs (not in a branch of its own, no `break` or `continue`
    /// between)? Round a loop, what runs next is its first mention, and out of the loop,
    /// whatever follows the loop.
    fn assigned_next(&self, id: usize, from: usize, branch: &[(usize, usize)]) -> bool {
        let local = &self.locals[id];
        let lp = self
            .loops
            .iter()
            .copied()
            .filter(|&(s, e)| s > local.decl && from > s && from < e)
            .max_by_key(|&(s, _)| s);
        let end = lp.map_or(local.scope_end, |(_, e)| e);
        let next = self
            .mentions
            .iter()
            .filter(|m| m.local == id && m.pos > from && m.pos < end && !exclusive(&m.branch, branch))
            .min_by_key(|m| m.pos);
        if next.is_some_and(|m| m.kind != Kind::Assign || !branch.starts_with(&m.branch)) {
            return false;
        }
        // The jumps that may leave the straight line before it.
        let to = next.map_or(end, |m| m.pos);
        let jumps: Vec<&Jump> = self.jumps_between(from, to, branch).collect();
        let Some((s, e)) = lp else {
            // (Outside loops, a jump leaves a labelled block.)
            return jumps.is_empty();
        };
        if self.jumps.iter().any(|j| j.labelled && j.pos > s && j.pos < e) {
            return false;
        }
        // Round the loop (off the end of its body, or by `continue`): its first mention
        // runs next.
        if next.is_none() || jumps.iter().any(|j| !j.out) {
            let first = self
                .mentions
                .iter()
                .filter(|m| m.local == id && m.pos > s && m.pos < e)
                .min_by_key(|m| m.pos);
            let assigned = first.is_some_and(|f| {
                f.pos < from
                    && f.kind == Kind::Assign
                    && branch.starts_with(&f.branch)
                    && self.jumps_between(s, f.pos, branch).next().is_none()
            });
            if !assigned {
                return false;
            }
        }
        // Out of the loop (by `break`, or when the loop ends): what follows it.
        !(next.is_none() || jumps.iter().any(|j| j.out)) || self.assigned_next(id, e, branch)
    }

    /// Is the local, which await `site`'s operand moves, assigned again on every path from
    /// the await before anything reads it? Every read after the await comes after an
    /// assignment that surely runs before it, none after the innermost loop round the await;
    /// and going round that loop, each path assigns the local, leaves the loop (a `break`
    /// out of it, a `return`), or splits into arms that each do.
    fn refilled(&self, id: usize, site: &SiteRaw) -> bool {
        let local = &self.locals[id];
        let from = site.end;
        let lp = (0..self.loops.len())
            .filter(|&l| self.loops[l].0 > local.decl && self.loops[l].0 < site.start && site.end < self.loops[l].1)
            .max_by_key(|&l| self.loops[l].0);
        let end = lp.map_or(local.scope_end, |l| self.loops[l].1);
        // (Not inside a loop that starts after the await: its body may not run.)
        let once = |pos: usize| !self.loops.iter().any(|&(s, e)| s > from && s < pos && pos < e);
        let assigns: Vec<&Mention> = self
            .mentions
            .iter()
            .filter(|m| m.local == id && m.kind == Kind::Assign && !m.captured && m.pos > from && m.pos < end && once(m.pos))
            .collect();
        let reads_covered = self.mentions.iter().filter(|m| m.local == id && m.pos > from && m.kind != Kind::Assign).all(|m| {
            m.pos < end && assigns.iter().any(|a| a.pos < m.pos && m.branch.starts_with(&a.branch))
        });
        reads_covered && lp.is_none_or(|l| self.covers(id, &site.branch, from, l, &assigns))
    }

    /// Does every path from `from` in `branch` assign the local (`assigns`) or leave before
    /// going round loop `lp`?
    fn covers(&self, id: usize, branch: &[(usize, usize)], from: usize, lp: usize, assigns: &[&Mention]) -> bool {
        if assigns.iter().any(|a| branch.starts_with(&a.branch)) || self.leaves_round(from, branch, &[lp]) {
            return true;
        }
        // The constructs right inside `branch` after `from`, each of whose arms does.
        let end = self.loops[lp].1;
        let inner = self
            .mentions
            .iter()
            .filter(|m| m.local == id)
            .map(|m| (m.pos, &m.branch))
            .chain(self.jumps.iter().map(|j| (j.pos, &j.branch)))
            .filter(|(pos, b)| *pos > from && *pos < end && b.len() > branch.len() && b.starts_with(branch))
            .map(|(_, b)| b[branch.len()].0)
            .collect::<std::collections::BTreeSet<usize>>();
        inner.into_iter().any(|c| {
            let (arms, exhaustive) = self.construct_arms[c];
            exhaustive
                && (0..arms).all(|k| {
                    let mut arm = branch.to_vec();
                    arm.push((c, k));
                    self.covers(id, &arm, from, lp, assigns)
                })
        })
    }

    /// The `break`s and `continue`s between two points, reachable from `branch`.
    fn jumps_between<'j>(&'j self, from: usize, to: usize, branch: &'j [(usize, usize)]) -> impl Iterator<Item = &'j Jump> + 'j {
        self.jumps.iter().filter(move |j| j.target != Leaves::Body && j.pos > from && j.pos < to && !exclusive(&j.branch, branch))
    }

    /// Locals declared without a value (`let x;`) that an await finds initialized on some
    /// paths only (assigned in one branch, or in an earlier iteration of a loop): native code
    /// drops them at scope end through a drop flag.
    fn maybe_init_locals(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for raw in &self.sites {
            for &id in &raw.visible {
                let local = &self.locals[id];
                if !local.uninit || local.decl > raw.start || out.contains(&id) {
                    continue;
                }
                let (initialized, _) = raw.da.get(id).copied().unwrap_or((false, false));
                if initialized {
                    continue;
                }
                let assigned = self.mentions.iter().any(|m| {
                    m.local == id
                        && m.kind == Kind::Assign
                        && (m.pos < raw.start || self.in_loop_around(raw, local.decl, m.pos))
                });
                if assigned {
                    out.push(id);
                }
            }
        }
        out
    }

    /// A field of a pattern's binding read as a value before the binding's last awaited
    /// method call (`job.run(job.retries).await`): natively it can only be a copy (else the
    /// call would use a partly moved value), so the binding stays whole.
    fn copied_field(&self, m: &Mention) -> bool {
        m.field
            && !self.locals[m.local].plain
            && self.all_receivers.get(&m.local).is_some_and(|&end| m.pos <= end)
    }

    fn facts(&self, site: &SiteRaw) -> SiteFacts {
        let mut facts = SiteFacts {
            deferred: site.deferred,
            ..SiteFacts::default()
        };
        let mut operand_only = Vec::new();
        for &id in &site.visible {
            let local = &self.locals[id];
            if local.decl > site.start {
                continue;
            }
            let in_loop = |pos: usize| self.in_loop_around(site, local.decl, pos);
            let mine = self.mentions.iter().filter(|m| m.local == id);
            let (mut before_move, mut op_move, mut after_use, mut after_any) =
                (false, false, false, false);
            let mut in_operand = false;
            let mut borrowed_before = false;
            for m in mine {
                let kind = if self.copied_field(m) { Kind::Use } else { m.kind };
                // (A move in another arm of a `match` the await is in does not reach it.)
                // (Nor one on a path that leaves before the await: `if c { drop(t); return; }`.)
                let before = m.pos < site.start
                    && !(kind == Kind::Move && (exclusive(&m.branch, &site.branch) || self.leaves_between(m.pos, &m.branch, site.start)));
                let in_op = m.pos > site.start && m.pos < site.end;
                // Code in another branch of an `if` or `match` the await is in is not reached
                // from it (but round a loop it may be).
                let later = m.pos > site.end && m.pos < local.scope_end && !exclusive(&m.branch, &site.branch);
                let after = later || in_loop(m.pos);
                // Nor is code that every path from the await leaves before (`if c { drop(t);
                // x.await; return; } t.len()`), nor, after a `return`, code round a loop. (It
                // may still be written in the await's arm, unreached: `after_any`.)
                let reached = (later && !self.leaves_between(site.end, &site.branch, m.pos))
                    || (in_loop(m.pos) && !self.leaves_round(site.end, &site.branch, &self.wraps(site, local.decl, m.pos)));
                if kind == Kind::Move && (before || (in_loop(m.pos) && !in_op && !self.leaves_round(m.pos, &m.branch, &self.wraps(site, local.decl, m.pos)))) {
                    before_move = true;
                }
                if kind == Kind::Move && in_op {
                    op_move = true;
                }
                in_operand |= in_op;
                borrowed_before |= m.kind == Kind::Use && !m.matched && m.pos < site.start;
                after_any |= after;
                after_use |= reached && m.kind != Kind::Assign;
            }
            let (initialized, surely_moved) =
                site.da.get(id).copied().unwrap_or((local.has_init, false));
            // Moved away, and assigned again before any later use (`let t = s; x.await;
            // s = ..;`): nothing to keep.
            let first_after = self
                .mentions
                .iter()
                .filter(|m| m.local == id && m.pos > site.end && m.pos < local.scope_end && !exclusive(&m.branch, &site.branch))
                .min_by_key(|m| m.pos);
            // (Not if a `break` or `continue` between leaves the assignment behind: `loop {
            // let x = f(i).await; if x > 2 { break } i = x; } i` reads `i` after the loop.)
            let reassigned_first = first_after.is_some_and(|m| {
                m.kind == Kind::Assign && m.branch == site.branch && self.jumps_between(site.end, m.pos, &site.branch).next().is_none()
            });
            // (Or, moved by the operand, assigned again on every path before anything reads
            // it: `match give(t).await { Ok(v) => break v, Err(back) => t = back }`.)
            let dead = (surely_moved || op_move) && (reassigned_first || (op_move && self.refilled(id, site)));
            // (A `&mut` local nothing reads after the await is not kept: a reference parked
            // in the state would keep the scrutinee borrowed through the later arms of its
            // `match`, E0499 after a guard; natively its storage is erased in the future's
            // type. Its pointee's owner is kept, and `&mut T` is `Send` when `T` is.)
            let parked = initialized && !dead && (after_use || (!(before_move || op_move) && !local.mut_ref));
            // A slotted local keeps its guard across every await of its scope, moved or not:
            // a reference may still point into the slot (a copy looks like a move here), and
            // an emptied slot costs nothing to keep.
            if initialized {
                facts.kept_if_slotted.push(Parked {
                    local: id,
                    name: local.name.clone(),
                    mutable: local.mutable,
                    depth: local.depth,
                });
            }
            if parked {
                facts.parked.push(Parked {
                    local: id,
                    name: local.name.clone(),
                    mutable: local.mutable,
                    depth: local.depth,
                });
            } else {
                // rustc counts a local in the future's auto traits (`Send`) while its storage
                // is live, if it may still hold a value or was ever borrowed: so must we.
                // (A local declared without a value is left out: its witness would have to
                // follow its first assignment.)
                // (A statement's temporary moved away is one the normalizer dropped where its
                // scope ends natively, `if let`'s before its `else`: its storage is dead.)
                let temporary_dropped = surely_moved && crate::normalize::is_temp_name(&local.name.to_string());
                // (Nor a local made by borrowing another, `let cur = v.first();`: its witness's
                // type would hold that borrow and keep `v` from moving into the state, E0505.
                // Natively its type is erased: a `&T` of a `T` that is `Send` but not `Sync`
                // makes the native future `!Send` here, and not the lowered one.)
                // (So is a binding of a pattern matched against a reference, `match self {
                // E::A(n) => .. }` of `&mut self`: its type holds the reference's borrow.)
                let through_ref = self.bound_from.get(&id).is_some_and(|&s| self.locals[s].mut_ref || self.ref_params.contains(&s));
                let lends = self.borrows.get(&id).is_some_and(|b| !b.is_empty()) || through_ref;
                if local.has_init && (!surely_moved || borrowed_before) && !temporary_dropped && !local.mut_ref && !lends {
                    facts.witnessed.push(id);
                }
                if site.deferred && initialized && in_operand {
                    facts.inputs.push(Parked {
                        local: id,
                        name: local.name.clone(),
                        mutable: local.mutable,
                        depth: local.depth,
                    });
                }
                if after_any {
                    facts
                        .redeclare
                        .push((local.name.clone(), local.mutable, local.depth, id));
                }
                if in_operand && initialized {
                    operand_only.push(id);
                }
            }
        }
        // An operand reading a local it alone uses that borrows a parked one, or was bound
        // by matching one (`leaf(*n)` of `match r { Some(n) => .. }`, `r` read after): built
        // where the suspension parks, the parked local would move under that borrow
        // (E0505). It is built first.
        let parked = |p: &usize| facts.parked.iter().any(|q| q.local == *p);
        facts.early_for = operand_only
            .into_iter()
            .filter(|a| self.borrows.get(a).is_some_and(|b| b.iter().any(parked)) || self.bound_from.get(a).is_some_and(parked))
            .collect();
        facts.early = !site.deferred && !facts.early_for.is_empty();
        facts
    }
}

/// A `return`, `break` (`out`) or `continue` of the body, where it is, and what it leaves.
#[derive(Debug)]
struct Jump {
    pos: usize,
    labelled: bool,
    out: bool,
    branch: Vec<(usize, usize)>,
    loops: Vec<usize>,
    target: Leaves,
}

/// What a jump leaves the rest of.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Leaves {
    /// The body (`return`).
    Body,
    /// This loop's body (`break`, `continue`).
    Loop(usize),
    /// A labelled block's (`break 'block`).
    Block,
}

/// The bindings of a pattern that are `ref mut`.
/// Does iterating `e` surely yield `&mut`s: `v.iter_mut()`, `m.values_mut()`, through
/// adaptors that pass the items on as they are (`.rev()`, `.take(n)`)? (Not `&mut v`: of
/// an iterator, `for line in &mut lines`, it yields what the iterator yields.)
fn yields_mut_refs(e: &Expr) -> bool {
    match e {
        Expr::Paren(p) => yields_mut_refs(&p.expr),
        Expr::MethodCall(m) => match m.method.to_string().as_str() {
            "iter_mut" | "values_mut" => m.args.is_empty(),
            "rev" | "take" | "skip" | "step_by" | "filter" | "skip_while" | "take_while" | "fuse" | "by_ref" => {
                yields_mut_refs(&m.receiver)
            }
            _ => false,
        },
        _ => false,
    }
}

fn ref_mut_bindings(pat: &Pat) -> Vec<String> {
    struct Find(Vec<String>);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            if p.by_ref.is_some() && p.mutability.is_some() {
                self.0.push(p.ident.to_string());
            }
            syn::visit::visit_pat_ident(self, p);
        }
    }
    let mut f = Find(Vec::new());
    syn::visit::Visit::visit_pat(&mut f, pat);
    f.0
}

/// Are two points in different branches of one `if` or `match` (so neither follows the
/// other, unless a loop brings control round)?
fn exclusive(a: &[(usize, usize)], b: &[(usize, usize)]) -> bool {
    for (x, y) in a.iter().zip(b) {
        if x.0 != y.0 {
            return false;
        }
        if x.1 != y.1 {
            return true;
        }
    }
    false
}

/// The local at the root of a place expression (`x`, `x.f`, `x[i]`, `*x`, `x.f()[0]`).
fn place_root(e: &Expr) -> Option<String> {
    match e {
        Expr::Path(p)
            if p.qself.is_none()
                && p.path.segments.len() == 1
                && p.path.leading_colon.is_none() =>
        {
            Some(p.path.segments[0].ident.to_string())
        }
        Expr::Field(f) => place_root(&f.base),
        Expr::Index(i) => place_root(&i.expr),
        Expr::Paren(p) => place_root(&p.expr),
        Expr::Group(g) => place_root(&g.expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => place_root(&u.expr),
        Expr::MethodCall(m) if call_borrows_receiver(m) => place_root(&m.receiver),
        _ => None,
    }
}

/// The local at the root of a receiver chain (`m` in `m.entry(k).or_default()`, `self.log`):
/// what is stored into the chain's value may be stored into that local.
fn chain_root(e: &Expr) -> Option<String> {
    match e {
        Expr::MethodCall(m) => chain_root(&m.receiver),
        Expr::Try(t) => chain_root(&t.expr),
        Expr::Field(f) => chain_root(&f.base),
        Expr::Index(i) => chain_root(&i.expr),
        Expr::Paren(p) => chain_root(&p.expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => chain_root(&u.expr),
        e => place_root(e),
    }
}

/// Whether what `m` returns borrows its receiver: where the file declares the method for
/// the receiver's type, what it declares (a `self` method takes the receiver; a `&self` one
/// lends it only to a reference it returns: `fn peek(&self) -> usize` does not); elsewhere
/// the convention of the name ([`borrows_receiver`]: `get`, `drain`, `iter`, ..), and an
/// `Option`'s `insert` where the syntax shows the option.
pub(crate) fn call_borrows_receiver(m: &syn::ExprMethodCall) -> bool {
    let method = m.method.to_string();
    if method == "insert" && receivers::is_option(&m.receiver) {
        return true;
    }
    match receivers::declared_for_type(&m.receiver, &method, m.args.len()) {
        Some((receivers::Receiver::Taken, _)) => false,
        Some((receivers::Receiver::Lent, _)) => {
            receivers::output_refs_on(&m.receiver, &method, m.args.len()) || receivers::library_output_refs(&m.receiver, &method, m.args.len())
        }
        None => borrows_receiver(&method),
    }
}

/// Methods that, by convention, return something that borrows their receiver: a local
/// used as their receiver in an initializer is borrowed by the new value.
pub(crate) fn borrows_receiver(method: &str) -> bool {
    method.starts_with("iter")
        || method.starts_with("as_")
        || method.starts_with("split")
        || method.starts_with("rsplit")
        || method.starts_with("strip_")
        || method.starts_with("trim")
        || method.starts_with("get")
        || method.starts_with("chunks")
        || method.starts_with("rchunks")
        || method.starts_with("chunk_by")
        || method.starts_with("escape_")
        || method.starts_with("try_lock")
        || method.starts_with("try_read")
        || method.starts_with("try_write")
        || method.starts_with("try_acquire")
        || matches!(
            method,
            "windows"
                | "encode_utf16"
                | "intersection"
                | "difference"
                | "symmetric_difference"
                | "union"
                | "notified"
                | "chars"
                | "char_indices"
                | "bytes"
                | "lines"
                | "key"
                | "keys"
                | "values"
                | "values_mut"
                | "drain"
                | "extract_if"
                | "first"
                | "last"
                | "first_mut"
                | "last_mut"
                | "front"
                | "back"
                | "front_mut"
                | "back_mut"
                | "peek_mut"
                | "first_key_value"
                | "last_key_value"
                | "first_entry"
                | "last_entry"
                | "rmatches"
                | "match_indices"
                | "rmatch_indices"
                | "to_str"
                | "to_string_lossy"
                | "file_name"
                | "file_stem"
                | "extension"
                | "parent"
                | "components"
                | "ancestors"
                | "lock"
                | "read"
                | "write"
                | "borrow"
                | "borrow_mut"
                | "deref"
                | "deref_mut"
                // (`Box<dyn Any>`'s and `Box<dyn Error>`'s, `Cow`'s `&mut` to its owned value.)
                | "downcast_ref"
                | "downcast_mut"
                | "to_mut"
                | "by_ref"
                | "entry"
                | "peek"
                | "range"
                | "range_mut"
                | "matches"
        )
}

/// `b` in `let c = b.m(..)` (also `let c = b.m(..).n()?`), where no method of the chain is
/// a known borrower (see [`Walker::settle`]).
fn let_head(init: &Expr) -> Option<String> {
    let mut e = init;
    loop {
        match e {
            Expr::MethodCall(m) => {
                if call_borrows_receiver(m) {
                    return None;
                }
                if let Expr::Path(p) = &*m.receiver {
                    let name = p.path.get_ident()?.to_string();
                    return (!name.starts_with("__")).then_some(name);
                }
                e = &m.receiver;
            }
            Expr::Try(t) => e = &t.expr,
            _ => return None,
        }
    }
}

/// Methods that take `&self` or `&mut self` wherever they are found: a local used as
/// their receiver stays (see [`Walker::settle`]).
pub(crate) fn keeps_receiver(method: &str) -> bool {
    ["is_", "has_", "to_", "push", "pop", "insert", "remove", "contains", "starts_with", "ends_with", "len", "try_", "set_", "with_capacity"]
        .iter()
        .any(|p| method.starts_with(p))
        || matches!(
            method,
            "clone" | "name" | "id" | "eq" | "ne" | "cmp" | "partial_cmp" | "lt" | "le" | "gt" | "ge" | "hash" | "fmt"
                | "next" | "next_back" | "nth" | "position" | "find" | "any" | "all" | "parse" | "load" | "store"
                | "swap" | "replace" | "take" | "send" | "recv" | "clear" | "extend" | "append" | "truncate"
                | "retain" | "sort" | "sort_by" | "sort_by_key" | "sort_unstable" | "dedup" | "reverse"
                | "reserve" | "capacity" | "upgrade" | "downgrade" | "fetch_add" | "fetch_sub" | "compare_exchange"
                | "abs" | "pow" | "borrow" | "value" | "concat" | "repeat" | "elapsed" | "duration_since"
        )
}

/// Methods that store their arguments in the receiver (`Vec::push`, `HashMap::insert`,
/// `Option::replace`, ..): a reference given to one lives as long as the receiver.
fn stores_arguments(method: &str) -> bool {
    matches!(
        method,
        "push" | "push_back" | "push_front" | "insert" | "extend" | "entry" | "or_insert" | "or_insert_with"
            | "get_or_insert" | "get_or_insert_with" | "replace" | "set"
    )
}

/// Methods whose value owns its data, whatever the receiver borrows (`to_string`, `clone`).
/// Methods whose output is a number, a `bool` or a `String` wherever they are found.
fn answers_by_value(method: &str) -> bool {
    method.starts_with("is_")
        || matches!(
            method,
            "len" | "count" | "sum" | "product" | "to_string" | "contains" | "starts_with" | "ends_with" | "any" | "all" | "position" | "eq" | "ne"
        )
}

/// `it.peek().copied()`, `v.first().cloned()`: an element copied out of the `Option<&T>` a
/// lookup gives.
fn copies_an_element(m: &syn::ExprMethodCall) -> bool {
    matches!(m.method.to_string().as_str(), "copied" | "cloned")
        && matches!(&*m.receiver, Expr::MethodCall(r) if matches!(
            r.method.to_string().as_str(),
            "peek" | "first" | "last" | "get" | "next" | "next_back" | "nth" | "find" | "max" | "min"
        ))
}

fn owned_result(method: &str) -> bool {
    matches!(method, "to_string" | "to_owned" | "clone" | "cloned" | "copied" | "len" | "count" | "is_empty")
}

/// Locals declared with an `FnOnce` type (`let f: Box<dyn FnOnce()> = ..`).
fn fn_once_lets(body: &Block) -> BTreeSet<String> {
    struct Find(BTreeSet<String>);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_local(&mut self, l: &'a syn::Local) {
            if let Pat::Type(t) = &l.pat {
                if let Pat::Ident(p) = &*t.pat {
                    if mentions_fn_once(&t.ty) {
                        self.0.insert(p.ident.to_string());
                    }
                }
            }
            syn::visit::visit_local(self, l);
        }
    }
    let mut f = Find(BTreeSet::new());
    syn::visit::Visit::visit_block(&mut f, body);
    f.0
}

/// Does a type (or bound) name `FnOnce`, or an alias the file declares for one?
pub fn mentions_fn_once(tokens: &impl quote::ToTokens) -> bool {
    let mut idents = BTreeSet::new();
    crate::util::collect_idents(&tokens.to_token_stream(), &mut idents);
    idents.iter().any(|i| receivers::is_once_trait(i)) || receivers::once_aliases().iter().any(|a| idents.contains(a))
}

/// Locals bound alone to a value that is surely `Copy`: a number, `bool`, `char` or string
/// literal, or a shared reference (`let r = &v;`).
fn copy_lets(body: &Block) -> BTreeSet<String> {
    struct Find(BTreeSet<String>);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_local(&mut self, l: &'a syn::Local) {
            if let (Pat::Ident(p), Some(init)) = (&l.pat, &l.init) {
                let copy = match &*init.expr {
                    Expr::Lit(_) => true,
                    Expr::Reference(r) => r.mutability.is_none(),
                    _ => false,
                };
                if copy && p.by_ref.is_none() {
                    self.0.insert(p.ident.to_string());
                }
            }
            syn::visit::visit_local(self, l);
        }
    }
    let mut f = Find(BTreeSet::new());
    syn::visit::Visit::visit_block(&mut f, body);
    f.0
}

/// Locals bound alone by a `let` whose value and type name no `Box`, nor a local or
/// parameter that may be one (`let g = m.lock().await;`, not `let b = Box::new(t);` nor
/// `let b = roundtrip(b).await;` after it): `*g` as a value copies out of a guard or a
/// reference, and cannot move out of it, as it could out of a `Box`. (A `Box` made by a
/// function out of nothing boxed is taken for a guard: moving out of it is then E0382, a
/// local used after a move.)
fn unboxed_lets(body: &Block, boxed_params: &BTreeSet<String>) -> BTreeSet<String> {
    #[derive(Default)]
    struct Find {
        unboxed: BTreeSet<String>,
        /// Locals and parameters that may be a `Box`, made of one or named `Box`.
        boxed: BTreeSet<String>,
        other: BTreeSet<String>,
    }
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_local(&mut self, l: &'a syn::Local) {
            let (pat, ty) = match &l.pat {
                Pat::Type(t) => (&*t.pat, Some(&*t.ty)),
                p => (p, None),
            };
            match (pat, &l.init) {
                (Pat::Ident(p), Some(init)) if p.by_ref.is_none() && p.subpat.is_none() && init.diverge.is_none() => {
                    let value = &init.expr;
                    let mut idents = BTreeSet::new();
                    crate::util::collect_idents(&quote::quote!(#ty #value), &mut idents);
                    if idents.contains("Box") || self.boxed.iter().any(|b| idents.contains(b)) {
                        self.boxed.insert(p.ident.to_string());
                    } else {
                        self.unboxed.insert(p.ident.to_string());
                    }
                }
                _ => self.visit_pat(&l.pat),
            }
            if let Some(init) = &l.init {
                self.visit_expr(&init.expr);
                if let Some((_, diverge)) = &init.diverge {
                    self.visit_expr(diverge);
                }
            }
        }
        fn visit_pat(&mut self, p: &'a Pat) {
            let mut names = Vec::new();
            bindings(p, &mut names);
            self.other.extend(names.into_iter().map(|(n, _)| n.to_string()));
        }
    }
    let mut f = Find { boxed: boxed_params.clone(), ..Find::default() };
    syn::visit::Visit::visit_block(&mut f, body);
    f.unboxed.retain(|n| !f.other.contains(n));
    f.unboxed
}

/// Is a parameter's type surely `Copy`: a number, `bool`, `char`, or a shared reference?
pub fn surely_copy_type(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Reference(r) => r.mutability.is_none(),
        syn::Type::Paren(p) => surely_copy_type(&p.elem),
        syn::Type::Path(p) if p.qself.is_none() => p.path.get_ident().is_some_and(|i| {
            matches!(
                i.to_string().as_str(),
                "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128" | "isize"
                    | "f32" | "f64" | "bool" | "char"
            )
        }),
        _ => false,
    }
}

/// Whether a type written in a `let` can hold no borrow: primitives, `String` and std's
/// containers and pointers of such types, tuples and arrays of them (no reference, no
/// lifetime, no `dyn`, no type of the file's, whose lifetime may be elided).
fn surely_owned_type(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Paren(p) => surely_owned_type(&p.elem),
        syn::Type::Tuple(t) => t.elems.iter().all(surely_owned_type),
        syn::Type::Array(a) => surely_owned_type(&a.elem),
        syn::Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else { return false };
            let owned = surely_copy_type(ty)
                || matches!(
                    last.ident.to_string().as_str(),
                    "String" | "Vec" | "VecDeque" | "HashMap" | "BTreeMap" | "HashSet" | "BTreeSet" | "BinaryHeap"
                        | "Option" | "Result" | "Box" | "Rc" | "Arc" | "PathBuf"
                );
            owned
                && match &last.arguments {
                    syn::PathArguments::None => true,
                    syn::PathArguments::AngleBracketed(a) => a.args.iter().all(|g| match g {
                        syn::GenericArgument::Type(t) => surely_owned_type(t),
                        _ => false,
                    }),
                    syn::PathArguments::Parenthesized(_) => false,
                }
        }
        _ => false,
    }
}

/// The locals awaited by name (`fut.await`).
fn awaited_names(body: &Block) -> BTreeSet<String> {
    struct Find(BTreeSet<String>);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_expr_await(&mut self, aw: &'a syn::ExprAwait) {
            if let Expr::Path(p) = &*aw.base {
                self.0.extend(p.path.get_ident().map(|i| i.to_string()));
            }
            syn::visit::visit_expr_await(self, aw);
        }
    }
    let mut f = Find(BTreeSet::new());
    syn::visit::Visit::visit_block(&mut f, body);
    f.0
}

/// `x.await;` and `x.await?;` (also as `?` is lowered: `match Try::branch(x.await) {..}`):
/// the output drops at the end of the statement, or leaves the function as an error, which
/// natively cannot borrow a local either.
fn discards_output(e: &Expr) -> bool {
    match e {
        e if crate::util::is_awaited_output(e) => true,
        Expr::Match(m) => matches!(&*m.expr, Expr::Call(c)
            if c.args.len() == 1
                && matches!(&c.args[0], Expr::Await(_))
                && matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "branch"))),
        _ => false,
    }
}

/// Locals bound by `let` that surely hold a primitive number: compared with a number
/// literal (`n == 0`), cast (`n as u64`) or used as a range bound (`&buf[..n]`), none of
/// which a reference allows. Such an awaited output borrows nothing.
fn primitive_bindings(body: &Block) -> BTreeSet<String> {
    struct Find(BTreeSet<String>);
    fn name(e: &Expr) -> Option<String> {
        match e {
            Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
            Expr::Paren(p) => name(&p.expr),
            _ => None,
        }
    }
    fn number(e: &Expr) -> bool {
        matches!(e, Expr::Lit(l) if matches!(l.lit, syn::Lit::Int(_) | syn::Lit::Float(_)))
    }
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_expr(&mut self, e: &'a Expr) {
            match e {
                Expr::Binary(b) if is_comparison(&b.op) => {
                    for (x, y) in [(&b.left, &b.right), (&b.right, &b.left)] {
                        if number(y) {
                            self.0.extend(name(x));
                        }
                    }
                }
                Expr::Cast(c) => self.0.extend(name(&c.expr)),
                Expr::Range(r) => {
                    for bound in [&r.start, &r.end].into_iter().flatten() {
                        self.0.extend(name(bound));
                    }
                }
                _ => {}
            }
            syn::visit::visit_expr(self, e);
        }
    }
    let mut f = Find(BTreeSet::new());
    syn::visit::Visit::visit_block(&mut f, body);
    f.0
}

/// The local at the root of a field path (`job` in `job.name.first`).
pub(crate) fn field_root(e: &Expr) -> Option<&Ident> {
    match e {
        Expr::Path(p) => p.path.get_ident(),
        Expr::Field(f) => field_root(&f.base),
        Expr::Paren(p) => field_root(&p.expr),
        _ => None,
    }
}

/// A field of a local (`cfg.port`) matched by patterns of which some bind by value and none
/// by reference, or the local itself where one of them leaves part of it: a `Partial` local
/// reads such a place out into a local of its own to match it (see `emit::partial`).
pub(crate) fn matched_field_moves(scrutinee: &Expr, pats: &[&Pat]) -> bool {
    let mut e = scrutinee;
    while let Expr::Paren(p) = e {
        e = &p.expr;
    }
    let binding = |p: &&&Pat| crate::normalize::binds_by_value(p);
    // (Or the local itself, where an arm leaves part of it, `Msg::Up { name, .. }`: read
    // out whole the same way. An arm that binds it all moves it, as any other move does.)
    let place = match e {
        Expr::Field(_) => field_root(e).is_some(),
        Expr::Path(p) => p.path.get_ident().is_some() && pats.iter().any(|p| leaves_part(p)),
        _ => false,
    };
    place
        && pats.iter().any(|p| binding(&p))
        && !pats.iter().any(|p| crate::normalize::has_ref_binding(p))
        && pats.iter().filter(binding).all(|p| binds_all_but_wildcards(p))
}

/// Whether `pat` binds every part of the value it matches but those it matches with `_`,
/// or with a `..` the file's declaration of the struct or variant spells out (see
/// [`with_rests_named`]), and `_` in no alternative of an or-pattern, whose alternatives
/// must bind the same names: a `Partial` names those parts too where it matches a copy of
/// the field (see `emit::partial`), to forget them and leave them in the local.
pub(crate) fn binds_all_but_wildcards(pat: &Pat) -> bool {
    with_rests_named(pat).is_some_and(|p| binds_parts(&p, true))
}

/// `pat` with each `..` of a struct or tuple-struct pattern written out as the fields it
/// stands for (`Work::Job { name, .. }` as `Work::Job { name, tag: _ }`, `Work::Copy(s,
/// ..)` as `Work::Copy(s, _, _)`), from the file's declaration of that struct or variant;
/// None where a `..` has no such declaration (or is in a tuple or slice pattern). A wrong
/// declaration (another type of that name) is a pattern rustc rejects.
pub(crate) fn with_rests_named(pat: &Pat) -> Option<Pat> {
    struct Spell(bool);
    impl syn::visit_mut::VisitMut for Spell {
        fn visit_pat_mut(&mut self, p: &mut Pat) {
            syn::visit_mut::visit_pat_mut(self, p);
            match p {
                Pat::Struct(s) if s.rest.is_some() => {
                    let Some(fields) = receivers::declared_fields(&s.path) else { return self.0 = false };
                    let named: Vec<String> = s.fields.iter().map(|f| receivers::member_name(&f.member)).collect();
                    for f in fields.iter().filter(|f| !named.contains(f)) {
                        let member: syn::Member = match f.parse::<u32>() {
                            Ok(i) => syn::Member::Unnamed(syn::Index::from(i as usize)),
                            Err(_) => syn::Member::Named(crate::util::ident(f)),
                        };
                        s.fields.push(syn::FieldPat {
                            attrs: Vec::new(),
                            member,
                            colon_token: Some(Default::default()),
                            pat: Box::new(syn::parse_quote!(_)),
                        });
                    }
                    s.rest = None;
                }
                Pat::TupleStruct(t) if t.elems.iter().any(|e| matches!(e, Pat::Rest(_))) => {
                    let Some(fields) = receivers::declared_fields(&t.path) else { return self.0 = false };
                    let given = t.elems.len() - 1;
                    let Some(missing) = fields.len().checked_sub(given) else { return self.0 = false };
                    let elems = std::mem::take(&mut t.elems);
                    for e in elems {
                        if matches!(e, Pat::Rest(_)) {
                            for _ in 0..missing {
                                t.elems.push(syn::parse_quote!(_));
                            }
                        } else {
                            t.elems.push(e);
                        }
                    }
                }
                Pat::Tuple(t) if t.elems.iter().any(|e| matches!(e, Pat::Rest(_))) => self.0 = false,
                Pat::Slice(t) if t.elems.iter().any(|e| matches!(e, Pat::Rest(_))) => self.0 = false,
                _ => {}
            }
        }
        fn visit_expr_mut(&mut self, _: &mut Expr) {}
    }
    let mut pat = pat.clone();
    let mut spell = Spell(true);
    syn::visit_mut::VisitMut::visit_pat_mut(&mut spell, &mut pat);
    spell.0.then_some(pat)
}

/// An arm's pattern as the code that resumes matches it again (see [`Rederived`]): no
/// guard, and `_` for each test that leads to no binding (a literal, a range, a constant, a
/// unit variant), which a write through a binding may have changed. None where a binding
/// mode or a `&` makes it bind otherwise than by the reference it is matched against.
pub(crate) fn rematch_pattern(pat: &Pat) -> Option<Pat> {
    struct Plain(bool);
    impl syn::visit_mut::VisitMut for Plain {
        fn visit_pat_mut(&mut self, p: &mut Pat) {
            match p {
                Pat::Ident(i) if i.by_ref.is_some() || i.mutability.is_some() => self.0 = false,
                // (Through `x`, the place `x @ Some(_)` tested may change: `x @ _`; a slice's
                // `rest @ ..` stays what it is.)
                Pat::Ident(syn::PatIdent { subpat: Some((_, sub)), .. }) if !matches!(**sub, Pat::Rest(_)) => **sub = syn::parse_quote!(_),
                // (`None`, a unit variant or a constant, bound nowhere.)
                Pat::Ident(i) if i.ident.to_string().starts_with(char::is_uppercase) => *p = syn::parse_quote!(_),
                Pat::Lit(_) | Pat::Range(_) | Pat::Path(_) | Pat::Const(_) => *p = syn::parse_quote!(_),
                Pat::Reference(_) | Pat::Macro(_) | Pat::Verbatim(_) | Pat::Type(_) => self.0 = false,
                _ => syn::visit_mut::visit_pat_mut(self, p),
            }
        }
        fn visit_expr_mut(&mut self, _: &mut Expr) {}
    }
    let mut pat = match pat {
        Pat::Guard(g) => (*g.pat).clone(),
        other => other.clone(),
    };
    // (`all @ [_, _]` or `all` binds the reference itself, moved out of the scrutinee.)
    if matches!(pat, Pat::Ident(_)) {
        return None;
    }
    let mut plain = Plain(true);
    syn::visit_mut::VisitMut::visit_pat_mut(&mut plain, &mut pat);
    plain.0.then_some(pat)
}

/// Whether `pat` moves part of the value it matches and leaves the rest (`K::B(s, _)`,
/// `S { a, .. }`).
pub(crate) fn leaves_part(pat: &Pat) -> bool {
    crate::normalize::binds_by_value(pat) && !binds_all(pat)
}

/// Whether `pat` binds every part of the value it matches (`Some(p)`, `K::B(s, n)`, `(a,
/// b)`), leaving nothing (`_`, `..`) in it. Read out of a `Partial`, what a pattern leaves
/// would drop with the copy, but natively it stays (a binding that only copies moves
/// nothing: `K::B(_, n)` leaves the field whole), to be read or dropped later.
pub(crate) fn binds_all(pat: &Pat) -> bool {
    binds_parts(pat, false)
}

/// [`binds_all`], with `_` counted as binding where `wild` (not in an alternative of an
/// or-pattern, nor behind a reference pattern: a `&_` moves nothing out).
fn binds_parts(pat: &Pat, wild: bool) -> bool {
    let each = |p: &Pat| binds_parts(p, wild);
    match pat {
        Pat::Ident(_) => true,
        Pat::Wild(_) => wild,
        Pat::Rest(_) | Pat::Macro(_) | Pat::Verbatim(_) => false,
        Pat::Lit(_) | Pat::Range(_) | Pat::Path(_) | Pat::Const(_) => true,
        Pat::Or(o) => o.cases.iter().all(binds_all),
        Pat::Paren(p) => each(&p.pat),
        Pat::Reference(r) => binds_all(&r.pat),
        Pat::Tuple(t) => t.elems.iter().all(each),
        Pat::TupleStruct(t) => t.elems.iter().all(each),
        Pat::Slice(s) => s.elems.iter().all(each),
        Pat::Struct(s) => s.rest.is_none() && s.fields.iter().all(|f| each(&f.pat)),
        Pat::Type(t) => each(&t.pat),
        Pat::Guard(g) => each(&g.pat),
        _ => false,
    }
}

/// Methods that take `self` on every type that has them (`into_*`, `Option`'s and
/// `Result`'s unwrapping and chaining): only these take a value out of a frame slot.
pub(crate) fn surely_consumes_receiver(method: &str) -> bool {
    method.starts_with("into")
        || matches!(
            method,
            "unwrap"
                | "expect"
                | "unwrap_or"
                | "unwrap_or_else"
                | "unwrap_or_default"
                | "unwrap_err"
                | "expect_err"
                | "ok"
                | "err"
                | "ok_or"
                | "ok_or_else"
                | "map_err"
                | "and_then"
                | "map_or"
                | "map_or_else"
                | "is_some_and"
                | "is_none_or"
                | "is_ok_and"
                | "is_err_and"
        )
}

/// Methods that surely take `self` with this many arguments: std's `remove()` without
/// one is a map entry's (`OccupiedEntry::remove(self)`), where a collection's takes a key
/// or an index.
pub(crate) fn surely_consumes_with(method: &str, args: usize) -> bool {
    args == 0 && matches!(method, "remove" | "remove_entry")
}

/// Does `x.method(..).await` take `x`? What the file declares of `method`, for `x`'s type
/// where the syntax shows it (see [`receivers::declared_on`]); else the future makers that
/// take `self` (`send()` of an HTTP request builder, `json()`, combinators) and
/// [`consumes_receiver`]'s names, but not an iterator's questions (`count`, `sum`: an
/// iterator is not a future), nor `send(item)` of a channel (`&self`).
pub(crate) fn awaited_method_consumes(receiver: &Expr, method: &str, args: usize) -> bool {
    guess_awaited_call_consumes(receivers::declared_on(receiver, method, args), method, args)
}

fn guess_awaited_call_consumes(declared: Option<receivers::Receiver>, method: &str, args: usize) -> bool {
    if let Some(declared) = declared {
        return declared == receivers::Receiver::Taken;
    }
    (method == "send" && args == 0)
        || matches!(
            method,
            "json"
                | "text"
                | "bytes"
                | "boxed"
                | "boxed_local"
                | "shared"
                | "fuse"
                | "then"
                | "map_ok"
                | "timeout"
                | "catch_unwind"
                | "race"
                | "or"
                | "join"
                | "try_join"
                | "zip"
                | "merge"
                | "finish"
                | "consume"
        )
        // (tokio's `acquire_owned`, `lock_owned`, ..: `self: Arc<Self>`.)
        || method.ends_with("_owned")
        || (consumes_receiver(method, args) && !query_method(method))
}

/// Names of iterator methods that ask a question of their receiver (`x.count().await`,
/// `x.sum(..).await`): on a future-making method, they more likely borrow it.
fn query_method(method: &str) -> bool {
    matches!(method, "count" | "sum" | "product")
}

/// Does `x.method(..)` (with `args` arguments) likely take `x` by value? Iterator adaptors
/// and consumers, `Option`/`Result` combinators, a body's readers (`text`, `json`).
/// (`take(n)` is `Iterator::take`; `take()` is `Option::take`, which borrows.)
pub(crate) fn consumes_receiver(method: &str, args: usize) -> bool {
    surely_consumes_receiver(method)
        || surely_consumes_with(method, args)
        || (method == "take" && args == 1)
        || matches!(
            method,
            "map"
                // A semaphore permit's `forget(self)`, a write guard's `downgrade(self)`,
                // `Box<dyn Any>`'s `downcast(self)`, an iterator's `for_each(self, f)`.
                | "forget"
                | "downgrade"
                | "downcast"
                | "for_each"
                | "min"
                | "max"
                | "last"
                | "reduce"
                | "min_by"
                | "max_by"
                | "min_by_key"
                | "max_by_key"
                | "partition"
                | "unzip"
                | "or_else"
                // The `entry` API: an `Entry` is taken by `or_default()`, `or_insert(..)`, ..
                | "or_default"
                | "or_insert"
                | "or_insert_with"
                | "or_insert_with_key"
                | "and_modify"
                | "join"
                | "text"
                | "json"
                | "bytes"
                | "collect"
                | "sum"
                | "count"
                | "fold"
                | "boxed"
                | "fuse"
                | "rev"
                | "zip"
                | "chain"
                | "filter"
                | "enumerate"
                | "skip"
                | "take_while"
                | "copied"
                | "cloned"
                | "filter_map"
                | "flat_map"
                | "flatten"
                | "skip_while"
                | "step_by"
                | "peekable"
                | "inspect"
                | "product"
                | "map_while"
                | "scan"
                | "cycle"
                | "or"
                | "and"
                | "xor"
        )
}

/// Does the expression hold a closure or an `async` block (each a type of its own)?
pub fn has_closure(e: &Expr) -> bool {
    struct Find(bool);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {
            self.0 = true;
        }
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {
            self.0 = true;
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut f = Find(false);
    syn::visit::Visit::visit_expr(&mut f, e);
    f.0
}

/// (surely initialized, surely moved away), per local.
type Flow = (bool, bool);

/// Merge at a join: surely so on both paths.
fn and(a: &[Flow], b: &[Flow]) -> Vec<Flow> {
    let n = a.len().max(b.len());
    (0..n)
        .map(|i| {
            let (x, y) = (
                a.get(i).copied().unwrap_or((true, true)),
                b.get(i).copied().unwrap_or((true, true)),
            );
            (x.0 && y.0, x.1 && y.1)
        })
        .collect()
}

/// `==`, `<`, ..: both operands are taken by reference.
pub(crate) fn is_comparison(op: &syn::BinOp) -> bool {
    matches!(
        op,
        syn::BinOp::Eq(_)
            | syn::BinOp::Ne(_)
            | syn::BinOp::Lt(_)
            | syn::BinOp::Le(_)
            | syn::BinOp::Gt(_)
            | syn::BinOp::Ge(_)
    )
}

/// Names captured by a format string literal: `{name}`, `{name:?}`, and a width or a
/// precision taken from a local (`{:>w$}`, `{:.p$}`).
pub fn format_captures(lit: &str) -> Vec<String> {
    format_names(lit).into_iter().map(|(name, _)| name).collect()
}

/// [`format_captures`], each with whether it is a count (`w$`, a `usize` by value).
pub fn format_names(lit: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    if !lit.starts_with('"') && !lit.starts_with('r') {
        return out;
    }
    let chars: Vec<char> = lit.chars().collect();
    let ident = |j: &mut usize| {
        let mut name = String::new();
        while *j < chars.len() && (chars[*j].is_alphanumeric() || chars[*j] == '_') {
            name.push(chars[*j]);
            *j += 1;
        }
        name
    };
    let is_name = |n: &str| n.chars().next().is_some_and(|c| !c.is_ascii_digit());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '{' {
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            i += 2;
            continue;
        }
        let mut j = i + 1;
        let name = ident(&mut j);
        if is_name(&name) && matches!(chars.get(j), Some('}') | Some(':')) {
            out.push((name, false));
        }
        if chars.get(j) == Some(&':') {
            // The spec: `name$` is a count taken from a named argument.
            while j < chars.len() && chars[j] != '}' {
                let start = j;
                let word = ident(&mut j);
                if j == start {
                    j += 1;
                } else if chars.get(j) == Some(&'$') && is_name(&word) {
                    out.push((word, true));
                }
            }
        }
        i = j;
    }
    out
}

/// The bindings a pattern introduces: (name, declared `mut`).
pub fn bindings(pat: &Pat, out: &mut Vec<(Ident, bool)>) {
    match pat {
        Pat::Ident(p) => {
            let name = p.ident.to_string();
            let looks_like_binding = p.subpat.is_some()
                || p.mutability.is_some()
                || p.by_ref.is_some()
                || !name.chars().next().is_some_and(|c| c.is_uppercase());
            if looks_like_binding {
                out.push((p.ident.clone(), p.mutability.is_some()));
            }
            if let Some((_, sub)) = &p.subpat {
                bindings(sub, out);
            }
        }
        Pat::Struct(s) => {
            for f in &s.fields {
                bindings(&f.pat, out);
            }
        }
        Pat::TupleStruct(t) => t.elems.iter().for_each(|p| bindings(p, out)),
        Pat::Tuple(t) => t.elems.iter().for_each(|p| bindings(p, out)),
        Pat::Slice(s) => s.elems.iter().for_each(|p| bindings(p, out)),
        Pat::Or(o) => {
            if let Some(first) = o.cases.first() {
                bindings(first, out);
            }
        }
        Pat::Reference(r) => bindings(&r.pat, out),
        Pat::Type(t) => bindings(&t.pat, out),
        Pat::Paren(p) => bindings(&p.pat, out),
        Pat::Guard(g) => bindings(&g.pat, out),
        _ => {}
    }
}

/// The await at the top of a statement (not inside one of its blocks), if any.
pub fn top_await(stmt: &Stmt) -> Option<&syn::ExprAwait> {
    match stmt {
        Stmt::Local(l) => l.init.as_ref().and_then(|i| top_await_expr(&i.expr)),
        Stmt::Expr(e, _) => top_await_expr(e),
        _ => None,
    }
}

/// The await in first-evaluated position of an expression, skipping the blocks of
/// constructs (those are suspension points of their own).
pub fn top_await_expr(e: &Expr) -> Option<&syn::ExprAwait> {
    match e {
        Expr::If(i) => match &*i.cond {
            Expr::Let(l) => top_await_expr(&l.expr),
            c => top_await_expr(c),
        },
        Expr::Match(m) => top_await_expr(&m.expr),
        Expr::Loop(_) | Expr::Block(_) | Expr::Unsafe(_) | Expr::While(_) | Expr::ForLoop(_) => {
            None
        }
        Expr::Closure(_) | Expr::Async(_) => None,
        other => {
            struct Find<'a>(Option<&'a syn::ExprAwait>);
            impl<'a> syn::visit::Visit<'a> for Find<'a> {
                fn visit_expr_await(&mut self, aw: &'a syn::ExprAwait) {
                    if self.0.is_none() {
                        self.0 = Some(aw);
                    }
                }
                fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
                fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
                fn visit_item(&mut self, _: &'a syn::Item) {}
                fn visit_block(&mut self, _: &'a Block) {}
            }
            let mut f = Find(None);
            syn::visit::Visit::visit_expr(&mut f, other);
            f.0
        }
    }
}

