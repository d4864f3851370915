//! What the file around a lowered function says about the receivers of its methods.
//!
//! Whether `c.close().await` takes `c` or borrows it depends on the signature of `close`,
//! which a proc macro cannot see: it runs before types exist. But the signature is often in
//! the same file (`async fn close(self)`), and a macro may read the file that holds the
//! function (`Span::local_file`, stable since Rust 1.88). So the lowering scans that file's
//! text for method declarations (inside macro calls too: the scan is lexical), each with
//! the block it is in: an `impl` (of `Conn` for `impl<T> Trait for Conn<T>`, of any type
//! for a blanket `impl<T> Trait for T`) or a `trait` (every implementor's); and the
//! structs' fields, the traits' supertraits.
//!
//! Where the syntax shows the type of an awaited call's receiver ([`type_locals`]: a
//! parameter's type, a `let` with a type, `Conn { .. }`, `Conn::new(..)`, `self`, a
//! declared struct's field, an element popped out of a typed `Vec`), only the declarations
//! for that type count: its `impl`s' and those of the traits the file implements for it,
//! or, for a type parameter, those of the traits that bound it. If they agree, they settle
//! whether the call takes its receiver; if there are none (a library's type, a value made
//! by another crate's function), the file says nothing and the naming conventions of
//! [`super::awaited_method_consumes`] guess: not the declarations of other types, which is
//! what a library type's `&self` method sharing a name with one of the file's `self`
//! methods (`tx.send(v)`) needs. Where the type is not shown, all the declarations of a
//! name with that number of parameters must agree; elsewhere the names guess. Agreement
//! is asked of the whole file, not of the nearest declarations: the nearest `close` may
//! well be another type's (a wrapper's own `close(&mut self)` delegating to its field's
//! `close(self)`). Only a macro call's body (`twin! { .. }`, a test harness's) is a world
//! of its own: its declarations are seen by the functions inside it, before those outside
//! any macro call.
//!
//! The table is installed for the lowering of one function ([`with`]), given the types of
//! its locals once normalized ([`type_locals`]), and read where the passes ask about an
//! awaited call ([`declared_on`], which asks every declaration of the name where the
//! receiver's type is not shown: the normalizer's temporaries). A wrong answer (a type read wrong, a trait implemented in
//! another file, a receiver of no visible type whose name only another type declares)
//! costs what a wrong guess by name costs: mostly a compile error, and where a `&self`
//! method's future borrows nothing, the receiver drops when the call is made instead of at
//! its scope end.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use syn::visit::Visit;
use syn::{Expr, Pat, Type};

/// How a method declared in the file takes its receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Receiver {
    /// `self`, `mut self`, `self: Box<Self>`, `self: Arc<Self>`, `self: Pin<&mut Self>`.
    Taken,
    /// `&self`, `&mut self`, `self: &Self`.
    Lent,
}

/// The receivers of the methods one function sees declared, by name and number of
/// parameters (`self` not counted): Rust has no overloading, so a call with another number
/// of arguments is a method of another type.
pub(crate) type Declared = HashMap<(String, usize), Receiver>;

/// What the file says to the lowering of one function.
#[derive(Default)]
pub(crate) struct Table {
    /// The names (with their numbers of parameters) whose declarations the function sees
    /// all agree: what settles a call on a receiver whose type is not known.
    pub(crate) agreed: Declared,
    scan: Option<Rc<Scan>>,
    /// The outermost macro call around the function, whose declarations come first.
    world: Option<usize>,
    /// The `impl` or `trait` block around the function.
    owner: Option<Owner>,
    /// The type parameters the function sees (its own and its `impl`'s), with the traits
    /// that bound them.
    params: Vec<(String, Vec<String>)>,
    /// The types of the function's locals, as far as their syntax says ([`type_locals`]).
    locals: HashMap<String, Ty>,
}

/// A type as the syntax shows it.
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    /// By the last segment of its path, with its type arguments (`Vec<Conn>`; a slice or
    /// an array is `[]`, a tuple `()`). `Box`, `Rc`, `Arc`, `Pin` and references are seen
    /// through: a method call sees through them too.
    Named(String, Vec<Ty>),
    /// A type parameter, `impl Trait` or `dyn Trait`: the traits that bound it.
    Param(Vec<String>),
    /// In a struct's declaration, a field of the struct's own type parameter (by its index,
    /// `dev: D` in `Rack<D>`): its type is the argument the struct is given.
    Own(usize),
    /// A library's: made by a function of another crate (`tokio::sync::mpsc::channel(8)`),
    /// which no declaration of the file can be a method of.
    Foreign,
    Unknown,
}

thread_local! {
    static TABLE: RefCell<Table> = RefCell::new(Table::default());
}

/// Runs `f` (the lowering of one function) with `table` as what the file declares.
pub(crate) fn with<R>(table: Table, f: impl FnOnce() -> R) -> R {
    struct Restore(Table);
    impl Drop for Restore {
        fn drop(&mut self) {
            TABLE.with(|d| *d.borrow_mut() = std::mem::take(&mut self.0));
        }
    }
    let _restore = Restore(TABLE.with(|d| std::mem::replace(&mut *d.borrow_mut(), table)));
    f()
}

/// Whether the function sees a struct of that name declared in the file.
pub(crate) fn declares_struct(name: &str) -> bool {
    TABLE.with(|d| d.borrow().struct_named(name).is_some())
}

/// Whether the place `e` surely holds a value of a type that is not a primitive: a
/// `String`, or a struct the file declares (`v[i]` of `let v = vec![Money(1)]`). Its
/// compound assignment (`v[i] += x.await`) is an `AddAssign` call, which evaluates the
/// place before the value; a primitive's evaluates the value first.
pub(crate) fn overloaded_place(e: &Expr) -> bool {
    TABLE.with(|d| {
        let t = d.borrow();
        matches!(t.expr_ty(e, &t.locals), Ty::Named(n, _) if n == "String" || t.struct_named(&n).is_some())
    })
}

/// Whether reaching the place `e` runs the file's own code: an index or a `*` on a value
/// of a type the file implements `Index` or `Deref` for (`grid[0]`, `*w`, `w[0]` through
/// a `Deref` to a `Vec`). Native code runs it once, where the place is evaluated.
pub(crate) fn user_place(e: &Expr) -> bool {
    TABLE.with(|d| {
        let t = d.borrow();
        let user = |base: &Expr, traits: &[&str]| {
            matches!(t.expr_ty(base, &t.locals), Ty::Named(n, _) if traits.iter().any(|tr| t.implements(&n, tr)))
        };
        let mut e = e;
        loop {
            match e {
                Expr::Index(i) if user(&i.expr, &["Index", "Deref"]) => return true,
                Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) && user(&u.expr, &["Deref"]) => return true,
                Expr::Index(syn::ExprIndex { expr: inner, .. })
                | Expr::Field(syn::ExprField { base: inner, .. })
                | Expr::Paren(syn::ExprParen { expr: inner, .. })
                | Expr::Unary(syn::ExprUnary { expr: inner, .. }) => e = inner,
                _ => return false,
            }
        }
    })
}

/// How an iterator the syntax shows is typed (an adaptor's output, a range): no
/// collection's name, so that a method on it is an iterator's.
const ITERATOR: &str = "Iterator";

/// Whether the syntax shows `receiver` to be an iterator (`let mut it =
/// v.into_iter().peekable();`, `let r = 0..5;`): its `count()` and `last()` take it by
/// value, as they do on every iterator (a slice's `last` lends, but no slice is typed so).
pub(crate) fn surely_iterator(receiver: &Expr) -> bool {
    TABLE.with(|d| {
        let t = d.borrow();
        matches!(t.expr_ty(receiver, &t.locals), Ty::Named(n, _) if n == ITERATOR)
    })
}

/// Whether the syntax shows the place `receiver` to be an `Option` (`let mut o = None;`, a
/// parameter `o: Option<T>`, `slots[i]` of a `Vec<Option<T>>`): its `insert` gives back a
/// reference into it, not a set's `bool`.
pub(crate) fn is_option(receiver: &Expr) -> bool {
    TABLE.with(|d| {
        let t = d.borrow();
        crate::normalize::is_place(receiver) && matches!(t.expr_ty(receiver, &t.locals), Ty::Named(n, _) if n == "Option")
    })
}

/// Whether a trait's calls take the callee by value: `FnOnce`, and `AsyncFnOnce`, whose
/// `f()` is `async_call_once(self)`.
pub(crate) fn is_once_trait(name: &str) -> bool {
    matches!(name, "FnOnce" | "AsyncFnOnce")
}

/// The type aliases the function sees declared for an `FnOnce` (`type Job = Box<dyn FnOnce()>;`).
pub(crate) fn once_aliases() -> Vec<String> {
    TABLE.with(|d| {
        let d = d.borrow();
        let Some(scan) = d.scan.as_ref() else { return Vec::new() };
        d.nearest(|world| scan.once_aliases.iter().filter(|(groups, _)| scan.world(groups) == world).map(|(_, n)| n.clone()).collect())
    })
}

/// The type the `impl` around the function implements, where the file names it.
pub(crate) fn self_type() -> Option<String> {
    TABLE.with(|d| match &d.borrow().owner {
        Some(Owner::Impl { self_ty, .. }) => self_ty.clone(),
        _ => None,
    })
}

/// Whether the `impl` around the function has a type parameter its self type does not
/// name (see `Owner::Impl`).
pub(crate) fn impl_param_outside_self() -> bool {
    TABLE.with(|d| matches!(&d.borrow().owner, Some(Owner::Impl { unnamed_param: true, .. })))
}

/// Whether the file implements `Drop` for a type of that name.
pub(crate) fn implements_drop(name: &str) -> bool {
    TABLE.with(|d| d.borrow().implements(name, "Drop"))
}

/// The struct a call surely makes, by value, as the file declares the function: `mk(..)`
/// declared `fn mk(..) -> P`, or `P::load(..)` declared in an `impl P` returning `Self` or
/// `P`, `P` a struct the file declares. A value so made owns its fields, as a literal does.
pub(crate) fn made_by_call(path: &syn::Path) -> Option<String> {
    TABLE.with(|d| {
        let t = d.borrow();
        let scan = t.scan.as_ref()?;
        let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let (owner, name) = match segs.as_slice() {
            [f] => (None, f),
            [.., ty, f] => (Some(ty), f),
            [] => return None,
        };
        let made: Vec<Option<String>> = t.nearest(|world| {
            scan.fns
                .iter()
                .filter(|f| &f.name == name && f.receiver.is_none() && scan.world(&f.groups) == world)
                .filter(|f| match (owner, scan.owner(f)) {
                    (None, None) => true,
                    (Some(ty), Some(Owner::Impl { self_ty: Some(s), trait_: None, .. })) => s == ty,
                    _ => false,
                })
                .map(|f| match f.output.words.as_slice() {
                    [] if f.output.self_only => owner.cloned(),
                    [w] if !f.output.borrows => Some(w.clone()),
                    _ => None,
                })
                .collect()
        });
        let first = made.first()?.clone()?;
        // (A struct with a lifetime parameter may hold references.)
        let owned = t.struct_named(&first).is_some() && scan.types.get(&first) == Some(&false);
        (owned && made.iter().all(|m| m.as_ref() == Some(&first))).then_some(first)
    })
}

/// How `receiver.name(..)` (with `args` arguments) takes its receiver, if the file says.
/// Where the receiver is a place whose type the syntax shows (see [`type_locals`]), only
/// the declarations for that type count (an `impl` of it, a `trait` it implements in the
/// file, or the traits that bound a type parameter): if there are none, the file says
/// nothing. Elsewhere, what the function being lowered sees of the file must say it
/// unambiguously, whatever the receiver's type.
pub(crate) fn declared_on(receiver: &Expr, name: &str, args: usize) -> Option<Receiver> {
    TABLE.with(|d| {
        let t = d.borrow();
        let ty = t.receiver_ty(receiver);
        match ty {
            Ty::Unknown => t.agreed.get(&(name.to_string(), args)).copied(),
            ty => t.decide(&ty, name, args),
        }
    })
}

/// How `receiver.name(..)` (with `args` arguments) takes its receiver, where the syntax
/// shows the receiver's type and the file's declarations for that type say; with the path
/// the method can be called by: the type's name (a struct or enum), or the trait that
/// declares it (a type parameter's).
pub(crate) fn declared_for_type(receiver: &Expr, name: &str, args: usize) -> Option<(Receiver, String)> {
    TABLE.with(|d| {
        let t = d.borrow();
        let ty = t.receiver_ty(receiver);
        // (A type parameter's: the one trait of its bounds that declares the method names
        // it, `Shutdown::shutdown(<dev read out>)`.)
        if let Ty::Param(bounds) = &ty {
            return t.declaring_trait(bounds, name, args);
        }
        let Ty::Named(n, _) = &ty else { return None };
        if matches!(n.as_str(), "[]" | "()") {
            return None;
        }
        Some((t.decide(&ty, name, args)?, n.clone()))
    })
}

/// The type whose method `receiver.name(..)` is, where it surely takes `self` (see
/// [`declared_for_type`]). A `Partial` local gives such a receiver up by calling the
/// method by its path, `Conn::close(<read out>)`: that compiles only if the method takes
/// the value it is given, so a wrong lookup is an error of rustc's, never a copy dropped
/// under the local.
pub(crate) fn taken_by_type(receiver: &Expr, name: &str, args: usize) -> Option<String> {
    declared_for_type(receiver, name, args).and_then(|(r, ty)| (r == Receiver::Taken && !is_library(&ty)).then_some(ty))
}

/// Whether `receiver.name(..)` is a method of a library type the lowering knows (see
/// [`LIBRARY`]) that takes `self`: a `Partial` local's field so called is read out, and
/// the method called on the value (the type has no path the file surely names).
pub(crate) fn library_takes(receiver: &Expr, name: &str, args: usize) -> bool {
    declared_for_type(receiver, name, args).is_some_and(|(r, ty)| r == Receiver::Taken && is_library(&ty))
}

/// A oneshot channel's sender (tokio's, futures', ..): `send(self, value)`, where an
/// `mpsc` sender's is `send(&self, value)`.
const ONESHOT_SENDER: &str = "oneshot::Sender";
/// An `mpsc` channel's sender (tokio's, std's, futures'), and the permits tokio's gives
/// for one `send(self, value)` each: `tx.reserve().await?`, `tx.reserve_owned().await?`.
const MPSC_SENDER: &str = "mpsc::Sender";
const MPSC_PERMIT: &str = "mpsc::Permit";
const MPSC_OWNED_PERMIT: &str = "mpsc::OwnedPermit";

/// The library types whose methods the lowering knows, with how each method takes its
/// receiver (by name and number of parameters): those whose names alone mislead. A
/// method not listed is guessed from its name, as for any type.
const LIBRARY: &[(&str, &[(&str, usize, Receiver)])] = &[
    (ONESHOT_SENDER, &[("send", 1, Receiver::Taken), ("is_closed", 0, Receiver::Lent), ("closed", 0, Receiver::Lent)]),
    (
        MPSC_SENDER,
        &[
            ("send", 1, Receiver::Lent),
            ("try_send", 1, Receiver::Lent),
            ("reserve", 0, Receiver::Lent),
            ("try_reserve", 0, Receiver::Lent),
            ("reserve_owned", 0, Receiver::Taken),
            ("try_reserve_owned", 0, Receiver::Taken),
            ("downgrade", 0, Receiver::Lent),
            ("is_closed", 0, Receiver::Lent),
            ("closed", 0, Receiver::Lent),
        ],
    ),
    (MPSC_PERMIT, &[("send", 1, Receiver::Taken)]),
    (MPSC_OWNED_PERMIT, &[("send", 1, Receiver::Taken), ("release", 0, Receiver::Taken)]),
    (VACANT_ENTRY, &[("insert", 1, Receiver::Taken), ("into_key", 0, Receiver::Taken), ("key", 0, Receiver::Lent)]),
    (
        OCCUPIED_ENTRY,
        &[
            ("insert", 1, Receiver::Lent),
            ("get", 0, Receiver::Lent),
            ("get_mut", 0, Receiver::Lent),
            ("key", 0, Receiver::Lent),
            ("into_mut", 0, Receiver::Taken),
            ("remove", 0, Receiver::Taken),
            ("remove_entry", 0, Receiver::Taken),
        ],
    ),
];

/// The [`LIBRARY`] methods whose output borrows their receiver: `o.get()` of an occupied
/// entry is a reference into it.
const LIBRARY_REFS: &[(&str, &str)] =
    &[(OCCUPIED_ENTRY, "get"), (OCCUPIED_ENTRY, "get_mut"), (OCCUPIED_ENTRY, "key"), (VACANT_ENTRY, "key")];

/// Whether `receiver.name(..)` is a [`LIBRARY`] method whose output borrows the receiver
/// (see [`LIBRARY_REFS`]).
pub(crate) fn library_output_refs(receiver: &Expr, name: &str, args: usize) -> bool {
    declared_for_type(receiver, name, args).is_some_and(|(_, ty)| LIBRARY_REFS.contains(&(ty.as_str(), name)))
}

/// The entries of std's maps: `insert(self, v)` of a vacant one takes it, where an
/// `Option`'s `insert(&mut self, v)` lends it; an occupied one's `insert` lends it.
const VACANT_ENTRY: &str = "Entry::Vacant";
const OCCUPIED_ENTRY: &str = "Entry::Occupied";

/// The entry type a pattern's path names (`Entry::Vacant`, `btree_map::Entry::Occupied`).
fn entry_variant(path: &syn::Path) -> Option<&'static str> {
    let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    match segs.as_slice() {
        [.., e, v] if e == "Entry" && v == "Vacant" => Some(VACANT_ENTRY),
        [.., e, v] if e == "Entry" && v == "Occupied" => Some(OCCUPIED_ENTRY),
        _ => None,
    }
}

/// What a [`LIBRARY`] type's method makes, awaited where it is an `async fn` (a
/// `Result` of a permit, whatever its error).
const LIBRARY_OUTPUTS: &[(&str, &str, &str)] = &[
    (MPSC_SENDER, "reserve", MPSC_PERMIT),
    (MPSC_SENDER, "try_reserve", MPSC_PERMIT),
    (MPSC_SENDER, "reserve_owned", MPSC_OWNED_PERMIT),
    (MPSC_SENDER, "try_reserve_owned", MPSC_OWNED_PERMIT),
];

fn is_library(ty: &str) -> bool {
    LIBRARY.iter().any(|(t, _)| *t == ty)
}

fn is_library_ty(ty: &Ty) -> bool {
    matches!(ty, Ty::Named(n, _) if is_library(n))
}

/// What `method()` (no arguments) of the [`LIBRARY`] type `ty` makes (see [`LIBRARY_OUTPUTS`]).
fn library_output(ty: &Ty, method: &str, args: usize) -> Option<Ty> {
    let Ty::Named(ty, _) = ty else { return None };
    let (_, _, made) = LIBRARY_OUTPUTS.iter().find(|(t, m, _)| t == ty && *m == method && args == 0)?;
    Some(Ty::Named("Result".to_string(), vec![Ty::Named(made.to_string(), Vec::new()), Ty::Unknown]))
}

/// The [`LIBRARY`] type a path names (`oneshot::Sender<u32>`, `tokio::sync::oneshot::Sender`).
fn library_type(path: &[String]) -> Option<&'static str> {
    match path {
        [.., m, t] if m == "oneshot" && t == "Sender" => Some(ONESHOT_SENDER),
        [.., m, t] if m == "mpsc" => match t.as_str() {
            "Sender" => Some(MPSC_SENDER),
            "Permit" => Some(MPSC_PERMIT),
            "OwnedPermit" => Some(MPSC_OWNED_PERMIT),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `e` is a field (of a local of a type the syntax shows) that its struct's
/// declaration types as an `FnOnce`: `(job.run)()` moves it.
pub(crate) fn once_field(e: &Expr) -> bool {
    let Expr::Field(f) = e else { return false };
    TABLE.with(|d| {
        let t = d.borrow();
        let Ty::Named(name, _) = t.expr_ty(&f.base, &t.locals) else { return false };
        t.struct_named(&name).is_some_and(|s| s.once.contains(&member_name(&f.member)))
    })
}

/// Whether `receiver` is a field declared with a type the table sees through (`conn:
/// Box<Conn>` is typed `Conn`): given by path to a method of `Conn`, it is the box that is
/// given, which only a `self: Box<Self>` method takes (a plain `self` one is reached by a
/// method call's auto-deref).
pub(crate) fn typed_through(receiver: &Expr) -> bool {
    TABLE.with(|d| d.borrow().indirect_field(receiver))
}

/// The fields of the struct or enum variant a pattern's path names (`Work::Copy`, `Task`,
/// `Self::Idle`), as the file declares it: a struct's field names, or `0`, `1`, .. for a
/// tuple one. None where the file declares no such thing, or several that differ.
pub(crate) fn declared_fields(path: &syn::Path) -> Option<Vec<String>> {
    TABLE.with(|d| {
        let t = d.borrow();
        let scan = t.scan.as_ref()?;
        let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let own = |s: &str| if s == "Self" { t.self_ty().unwrap_or(s).to_string() } else { s.to_string() };
        let matches = |name: &str| -> bool {
            match segs.as_slice() {
                [.., e, v] if capitalized(e) => name == format!("{}::{v}", own(e)),
                // A struct, or a variant brought in by a `use` (`use Work::*`).
                [.., n] => name == own(n) || name.rsplit_once("::").is_some_and(|(_, v)| v == n),
                [] => false,
            }
        };
        let of = |world: Option<usize>| -> Vec<Vec<String>> {
            scan.structs
                .iter()
                .filter(|s| matches(&s.name) && scan.world(&s.groups) == world)
                .map(|s| s.fields.iter().map(|(f, _)| f.clone()).collect())
                .collect()
        };
        let found = t.nearest(of);
        let first = found.first()?.clone();
        found.iter().all(|f| *f == first).then_some(first)
    })
}

/// Whether the output of `receiver.name(..)` (with `args` arguments) surely borrows
/// nothing of the receiver: the declarations that may be the method (those for the
/// receiver's type where the syntax shows it, else all of that name and number of
/// parameters that the function sees) are some, and each returns a type that owns its
/// data (see [`Scan::owns`]). Then an awaited call lends its receiver only to the awaiter.
pub(crate) fn output_owned_on(receiver: &Expr, name: &str, args: usize) -> bool {
    let found = declarations_on(receiver, name, args, &|scan, f| scan.owns(&f.output));
    found.is_some_and(|all| all.iter().all(|&owns| owns))
}

/// Whether the file's free functions named `name` (those the function sees) are some and
/// each returns a type that owns its data (`async fn fill(r: &mut Rec) -> u32`): the
/// awaited call's output borrows none of its arguments.
pub(crate) fn fn_output_owned(name: &str) -> bool {
    TABLE.with(|d| {
        let t = d.borrow();
        let Some(scan) = t.scan.as_ref() else { return false };
        let of = |world: Option<usize>| -> Vec<bool> {
            scan.fns
                .iter()
                .filter(|f| f.name == name && f.receiver.is_none() && scan.world(&f.groups) == world)
                .map(|f| scan.owns(&f.output))
                .collect()
        };
        let found = t.nearest(of);
        !found.is_empty() && found.iter().all(|&owns| owns)
    })
}

/// Whether some declaration that may be `receiver.name(..)` returns a reference or a type
/// with a lifetime (`fn owner(&self) -> &Tracker`): then what it returns may point into
/// the receiver, even where the call is not awaited (`let o = l.owner();`).
pub(crate) fn output_refs_on(receiver: &Expr, name: &str, args: usize) -> bool {
    let found = declarations_on(receiver, name, args, &|_, f| f.output.refs);
    found.is_some_and(|all| all.iter().any(|&refs| refs))
}

/// `ask` of each declaration that may be `receiver.name(..)` (see [`output_owned_on`]);
/// None if there are none.
fn declarations_on(receiver: &Expr, name: &str, args: usize, ask: &dyn Fn(&Scan, &Decl) -> bool) -> Option<Vec<bool>> {
    TABLE.with(|d| {
        let t = d.borrow();
        let ty = t.receiver_ty(receiver);
        let scan = t.scan.as_ref()?;
        let of = |world: Option<usize>| -> Vec<&Decl> {
            scan.fns
                .iter()
                .filter(|f| f.name == name && scan.world(&f.groups) == world)
                .filter(|f| f.receiver.is_some_and(|(_, p)| p == args))
                .filter(|f| matches!(ty, Ty::Unknown) || scan.applies(f, &ty))
                .collect()
        };
        let mut found = if t.world.is_some() { of(t.world) } else { Vec::new() };
        found.extend(of(None));
        (!found.is_empty()).then(|| found.iter().map(|f| ask(scan, f)).collect())
    })
}

impl Table {
    /// The type of a method's receiver, where it is a place (a local, a field of one) whose
    /// type the syntax shows.
    fn receiver_ty(&self, receiver: &Expr) -> Ty {
        if is_place(receiver) { self.expr_ty(receiver, &self.locals) } else { Ty::Unknown }
    }
}

fn is_place(e: &Expr) -> bool {
    match e {
        Expr::Path(_) => true,
        Expr::Field(f) => is_place(&f.base),
        Expr::Paren(p) => is_place(&p.expr),
        _ => false,
    }
}

/// Reads the types of the locals of the function being lowered (its signature `sig`, its
/// normalized `body`, where `self` is [`SELF_NAME`](crate::normalize::rewrite::SELF_NAME))
/// where the syntax shows them: a parameter's type (`c: &mut Conn`, `t: T` with `T: Job`),
/// `self` (the type of the `impl` around), a `let` with a type, a struct literal (`Conn {
/// .. }`, `Conn(..)`), a call of a type's function (`Conn::new(..)`, `Conn::open(..).await?`,
/// taken to make that type), a field of a struct declared in the file (`self.inner`), and
/// the element taken out of a `Vec` or `Option` so typed (`for c in conns`, `while let
/// Some(c) = self.conns.pop()`, `self.0.take().unwrap()`). A name bound twice with
/// different types, or by any other pattern, has no type.
pub(crate) fn type_locals(sig: &syn::Signature, body: &syn::Block) {
    TABLE.with(|cell| {
        let mut params = params_of(&sig.generics);
        if let Some(Owner::Impl { generics, .. }) = &cell.borrow().owner {
            params.extend(generics.iter().cloned());
        }
        cell.borrow_mut().params = params;
        let env = {
            let t = cell.borrow();
            let mut l = Locals { table: &t, env: HashMap::new() };
            for (i, arg) in sig.inputs.iter().enumerate() {
                match arg {
                    syn::FnArg::Receiver(_) => {
                        // (In a trait's default method, `Self` is any implementor.)
                        let ty = match (&t.owner, t.self_ty()) {
                            (_, Some(s)) => Ty::Named(s.to_string(), Vec::new()),
                            (Some(Owner::Trait(tr)), _) => Ty::Param(vec![tr.clone()]),
                            _ => Ty::Unknown,
                        };
                        l.set(crate::normalize::rewrite::SELF_NAME.to_string(), ty);
                    }
                    syn::FnArg::Typed(p) => {
                        let ty = t.ty_of(&p.ty);
                        match &*p.pat {
                            Pat::Ident(id) if id.subpat.is_none() && id.by_ref.is_none() => l.set(id.ident.to_string(), ty),
                            // (A pattern is bound in the body from `__arg{i}`: see
                            // `emit::function::lower_fn`.)
                            _ => l.set(format!("__arg{i}"), ty),
                        }
                    }
                }
            }
            l.visit_block(body);
            l.env
        };
        cell.borrow_mut().locals = env;
    })
}

/// The receivers the file `source` declares for the function `name` declared on `line`
/// (1-based; the first `fn name` of the file if no such line) to see.
pub(crate) fn around(source: &str, name: &str, line: usize) -> Table {
    Rc::new(Scan::new(source)).around(name, line)
}

trait Around {
    fn around(&self, name: &str, line: usize) -> Table;
}

impl Around for Rc<Scan> {
    fn around(&self, name: &str, line: usize) -> Table {
        let at = self.fns.iter().filter(|f| f.name == name).min_by_key(|f| (f.line != line, f.line));
        let groups = at.map(|f| f.groups.as_slice()).unwrap_or(&[]);
        // A function sees the declarations inside the outermost macro call around it, if
        // any, and then those outside any macro call.
        let own = self.world(groups);
        let agreed = |in_world: &dyn Fn(Option<usize>) -> bool| {
            let mut agreed: HashMap<(&str, usize), Option<Receiver>> = HashMap::new();
            for f in self.fns.iter().filter(|f| in_world(self.world(&f.groups))) {
                let Some((receiver, params)) = f.receiver else { continue };
                let entry = agreed.entry((&f.name, params)).or_insert(Some(receiver));
                if *entry != Some(receiver) {
                    *entry = None;
                }
            }
            agreed
        };
        let mut seen = agreed(&|w| w.is_none());
        if own.is_some() {
            seen.extend(agreed(&|w| w == own));
        }
        let agreed = seen
            .into_iter()
            .filter_map(|((n, params), r)| Some(((n.to_string(), params), r?)))
            .collect();
        Table {
            agreed,
            scan: Some(self.clone()),
            world: own,
            owner: at.and_then(|f| self.owner(f)).cloned(),
            params: Vec::new(),
            locals: HashMap::new(),
        }
    }
}

/// As [`around`], for the file on disk that holds `span` (the attribute's case). Each file
/// is scanned once per compilation (and again when it changes, for a language server that
/// keeps the macro loaded); nothing is known when the file cannot be read.
pub(crate) fn around_file(span: proc_macro2::Span, name: &str, line: usize) -> Table {
    type Scanned = HashMap<std::path::PathBuf, (Option<std::time::SystemTime>, Rc<Scan>)>;
    thread_local! {
        static SCANNED: RefCell<Scanned> = RefCell::new(HashMap::new());
    }
    let Some(path) = span.local_file() else {
        return Table::default();
    };
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let cached = SCANNED.with(|s| {
        s.borrow()
            .get(&path)
            .filter(|(m, _)| *m == modified)
            .map(|(_, scan)| scan.clone())
    });
    let scan = match cached {
        Some(scan) => scan,
        None => {
            let Ok(source) = std::fs::read_to_string(&path) else {
                return Table::default();
            };
            let scan = Rc::new(Scan::new(&source));
            SCANNED.with(|s| s.borrow_mut().insert(path, (modified, scan.clone())));
            scan
        }
    };
    scan.around(name, line)
}

impl Table {
    fn self_ty(&self) -> Option<&str> {
        match &self.owner {
            Some(Owner::Impl { self_ty: Some(s), .. }) => Some(s),
            _ => None,
        }
    }

    fn ty_of(&self, t: &Type) -> Ty {
        ty_of(t, &self.params, self.self_ty())
    }

    /// How the method `name` (`args` parameters) of a receiver of type `ty` takes it: the
    /// declarations for that type in the function's macro call, or else outside any.
    ///
    /// Where they disagree, the type's own (`impl Conn`, not `impl Trait for Conn`) decide
    /// if they agree: an inherent `finish(self)` is found before a trait's `finish(&self)`.
    fn decide(&self, ty: &Ty, name: &str, args: usize) -> Option<Receiver> {
        if let Ty::Named(n, _) = ty {
            if let Some((_, methods)) = LIBRARY.iter().find(|(t, _)| t == n) {
                return methods.iter().find(|(m, a, _)| *m == name && *a == args).map(|&(_, _, r)| r);
            }
        }
        let scan = self.scan.as_ref()?;
        let of = |world: Option<usize>| -> Vec<(Receiver, bool)> {
            scan.fns
                .iter()
                .filter(|f| f.name == name && scan.world(&f.groups) == world)
                .filter_map(|f| {
                    let inherent = matches!(scan.owner(f), Some(Owner::Impl { trait_: None, .. }));
                    f.receiver.filter(|&(_, p)| p == args && scan.applies(f, ty)).map(|(r, _)| (r, inherent))
                })
                .collect()
        };
        let found = self.nearest(of);
        // A type with an `impl Deref` and no method of that name: the method the file
        // declares is reached through the `&Target` the `Deref` gives, which lends it.
        if found.is_empty() {
            if let Ty::Named(n, _) = ty {
                let elsewhere = |world: Option<usize>| -> Vec<&Decl> {
                    scan.fns
                        .iter()
                        .filter(|f| f.name == name && scan.world(&f.groups) == world && f.receiver.is_some_and(|(_, p)| p == args))
                        .collect()
                };
                if self.implements(n, "Deref") && !self.nearest(elsewhere).is_empty() {
                    return Some(Receiver::Lent);
                }
            }
        }
        let agreed = |found: &[(Receiver, bool)]| {
            let first = found.first()?.0;
            found.iter().all(|&(r, _)| r == first).then_some(first)
        };
        agreed(&found).or_else(|| agreed(&found.iter().copied().filter(|&(_, inherent)| inherent).collect::<Vec<_>>()))
    }

    /// Whether the file declares `impl trait_ for name` (in the function's macro call, or
    /// else outside any: a macro call's body is a world of its own). Unlike
    /// [`Scan::implements`], for trait methods, a blanket `impl` does not count.
    fn implements(&self, name: &str, trait_: &str) -> bool {
        let Some(scan) = self.scan.as_ref() else { return false };
        let impls = |world: Option<usize>| -> Vec<&Owner> {
            scan.owners
                .iter()
                .filter(|(g, o)| {
                    scan.world(scan.owners_in.get(g).map_or(&[][..], |v| v.as_slice())) == world
                        && matches!(o, Owner::Impl { self_ty: Some(s), trait_: Some(tr), .. } if tr == trait_ && s == name)
                })
                .map(|(_, o)| o)
                .collect()
        };
        !self.nearest(impls).is_empty()
    }

    /// The type of `e`, with `env` the types of locals.
    fn expr_ty(&self, e: &Expr, env: &HashMap<String, Ty>) -> Ty {
        use Ty::*;
        let first = |t: &Ty| match t {
            Named(_, a) => a.first().cloned().unwrap_or(Unknown),
            _ => Unknown,
        };
        match e {
            Expr::Paren(p) => self.expr_ty(&p.expr, env),
            Expr::Group(g) => self.expr_ty(&g.expr, env),
            Expr::Reference(r) => self.expr_ty(&r.expr, env),
            // (`*pick(..)` of `-> &mut Acc`: references are seen through. Not a `String`,
            // a `Vec` or the file's own `Deref` type, whose target is another type.)
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                if let Expr::Call(c) = &*u.expr
                    && let Expr::Path(p) = &*c.func
                    && let Some(f) = p.path.get_ident()
                {
                    return self.free_fn_referent(&f.to_string());
                }
                match self.expr_ty(&u.expr, env) {
                    Named(n, _) if matches!(n.as_str(), "String" | "Vec") || self.implements(&n, "Deref") => Unknown,
                    t => t,
                }
            }
            Expr::Path(p) if p.qself.is_none() => match p.path.get_ident().map(|i| i.to_string()) {
                Some(i) if env.contains_key(&i) => env[&i].clone(),
                Some(i) if i == "None" => Named("Option".to_string(), vec![Unknown]),
                // A unit struct (not a constant, `MAX`).
                Some(i) if capitalized(&i) && (i.len() == 1 || i.chars().any(|c| c.is_lowercase())) => self.named(&i),
                _ => Unknown,
            },
            Expr::Struct(s) if s.qself.is_none() => {
                let segs: Vec<String> = s.path.segments.iter().map(|s| s.ident.to_string()).collect();
                // (`E::V { .. }`: the enum's.)
                match segs.as_slice() {
                    [.., t, _] if capitalized(t) => self.named(t),
                    [.., t] => self.named(t),
                    [] => Unknown,
                }
            }
            Expr::Call(c) => match &*c.func {
                Expr::Path(p) if p.qself.is_none() => self.call_ty(&p.path, &c.args, env),
                _ => Unknown,
            },
            // (`Conn::open(..).await`: taken to make a `Conn`.)
            // (`tx.reserve().await`: a library method's, typed as its output.)
            Expr::Await(a) => match self.expr_ty(&a.base, env) {
                t @ Named(..) if matches!(&*a.base, Expr::Call(_)) => t,
                t @ Named(..) if matches!(&*a.base, Expr::MethodCall(m) if is_library_ty(&self.expr_ty(&m.receiver, env))) => t,
                _ => Unknown,
            },
            Expr::Try(t) => match self.expr_ty(&t.expr, env) {
                Named(n, a) if n == "Result" || n == "Option" => a.into_iter().next().unwrap_or(Unknown),
                t @ Named(..) => t,
                _ => Unknown,
            },
            Expr::Field(f) => self.field_ty(&self.expr_ty(&f.base, env), &f.member),
            Expr::Index(i) => match self.expr_ty(&i.expr, env) {
                Named(n, a) if matches!(n.as_str(), "Vec" | "VecDeque" | "[]") && !matches!(&*i.index, Expr::Range(_)) => {
                    a.into_iter().next().unwrap_or(Unknown)
                }
                _ => Unknown,
            },
            Expr::Tuple(t) => Named("()".to_string(), t.elems.iter().map(|e| self.expr_ty(e, env)).collect()),
            // `0..n`: a range of numbers iterates.
            Expr::Range(r) if r.start.is_some() && r.end.is_some() => Named(ITERATOR.to_string(), Vec::new()),
            // `vec![Conn::new(), ..]`, `vec![Conn::new(); 3]`: a `Vec` of its first element's type.
            Expr::Macro(m) if m.mac.path.is_ident("vec") => {
                use syn::parse::Parser;
                let tokens = &m.mac.tokens;
                let first = syn::parse2::<syn::ExprRepeat>(quote::quote!([#tokens])).ok().map(|r| *r.expr).or_else(|| {
                    syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated
                        .parse2(tokens.clone())
                        .ok()
                        .and_then(|elems| elems.into_iter().next())
                });
                Named("Vec".to_string(), vec![first.map_or(Unknown, |e| self.expr_ty(&e, env))])
            }
            Expr::MethodCall(m) => {
                let r = self.expr_ty(&m.receiver, env);
                let of = match &r {
                    Named(n, _) => n.as_str(),
                    _ => "",
                };
                if let Some(made) = library_output(&r, &m.method.to_string(), m.args.len()) {
                    return made;
                }
                match (m.method.to_string().as_str(), m.args.len(), of) {
                    // An iterator adaptor's, on anything: no collection has these names.
                    (
                        "peekable" | "enumerate" | "zip" | "chain" | "step_by" | "skip_while" | "take_while" | "map_while"
                        | "filter_map" | "flat_map" | "by_ref" | "fuse" | "inspect" | "scan" | "chars" | "char_indices"
                        | "split_whitespace" | "bytes" | "lines",
                        _,
                        _,
                    ) if !self.declares_method_named(&m.method.to_string()) => Named(ITERATOR.to_string(), Vec::new()),
                    ("unwrap" | "expect" | "unwrap_or_default", _, "Option" | "Result") => first(&r),
                    ("take", 0, "Option") | ("clone", 0, _) => r,
                    ("pop", 0, "Vec") | ("pop_front" | "pop_back", 0, "VecDeque") => {
                        Named("Option".to_string(), vec![first(&r)])
                    }
                    ("remove", 1, "Vec") => first(&r),
                    ("iter" | "iter_mut" | "into_iter" | "drain", _, "Vec" | "VecDeque" | "[]" | "Option") => {
                        Named("[]".to_string(), vec![first(&r)])
                    }
                    (method, args, _) => self.method_output(&r, method, args),
                }
            }
            _ => Unknown,
        }
    }

    /// A type named `name` in an expression (`Self` is the `impl`'s type).
    fn named(&self, name: &str) -> Ty {
        match name {
            "Self" => self.self_ty().map_or(Ty::Unknown, |s| Ty::Named(s.to_string(), Vec::new())),
            _ if self.params.iter().any(|(p, _)| p == name) => Ty::Unknown,
            _ => Ty::Named(name.to_string(), Vec::new()),
        }
    }

    /// What a call of the function at `path` makes.
    fn call_ty(&self, path: &syn::Path, args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>, env: &HashMap<String, Ty>) -> Ty {
        use Ty::*;
        let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let arg = |i: usize| args.iter().nth(i).map_or(Unknown, |a| self.expr_ty(a, env));
        // A `for` loop, desugared (`match IntoIterator::into_iter(v) { mut __iter0 => ..
        // match Iterator::next(&mut __iter0) { Some(c) => .. } }`): the iterator is typed as
        // what it walks, and `next` gives an element of it.
        if let [.., t, f] = segs.as_slice() {
            if t == "IntoIterator" && f == "into_iter" && args.len() == 1 {
                return arg(0);
            }
            if t == "Iterator" && f == "next" && args.len() == 1 {
                return match arg(0) {
                    Named(n, a) if matches!(n.as_str(), "Vec" | "VecDeque" | "[]" | "Option") => {
                        Named("Option".to_string(), vec![a.into_iter().next().unwrap_or(Unknown)])
                    }
                    _ => Unknown,
                };
            }
        }
        // `oneshot::channel()`: a sender whose `send` takes it, and a receiver; `mpsc::channel(n)`:
        // a sender whose permits' `send` takes them.
        if let [.., m, f] = segs.as_slice() {
            let sender = match (m.as_str(), f.as_str()) {
                ("oneshot", "channel") => Some(ONESHOT_SENDER),
                ("mpsc", "channel") => Some(MPSC_SENDER),
                _ => None,
            };
            if let Some(sender) = sender {
                return Named("()".to_string(), vec![Named(sender.to_string(), Vec::new()), Foreign]);
            }
        }
        match segs.as_slice() {
            [f] => match f.as_str() {
                "Some" => Named("Option".to_string(), vec![arg(0)]),
                "Ok" => Named("Result".to_string(), vec![arg(0), Unknown]),
                // A tuple struct's constructor.
                _ if capitalized(f) && f != "Err" => self.named(f),
                _ => self.free_fn_output(f),
            },
            [.., t, f] if capitalized(t) => match (t.as_str(), f.as_str()) {
                ("Box" | "Rc" | "Arc", "new") => arg(0),
                ("Box" | "Rc" | "Arc" | "Pin", _) | (_, "builder") => Unknown,
                // An enum's variant, or a function of the type (`Conn::new(..)`), taken to
                // make that type.
                _ => self.named(t),
            },
            // A function of another crate's that the file does not declare.
            [krate, .., f]
                if !matches!(krate.as_str(), "std" | "core" | "alloc" | "crate" | "self" | "super")
                    && self.scan.as_ref().is_some_and(|s| !s.fns.iter().any(|d| &d.name == f) && !s.mods.contains(krate)) =>
            {
                Foreign
            }
            _ => Unknown,
        }
    }

    /// Whether the file declares a method of that name, on any type.
    fn declares_method_named(&self, name: &str) -> bool {
        self.scan.as_ref().is_some_and(|scan| scan.fns.iter().any(|f| f.name == name && f.receiver.is_some()))
    }

    /// What the method `name` of a receiver of type `ty` makes, where the file's
    /// declarations of it for that type all return one type they name alone (`fn
    /// lock(&self) -> Guard<'_>` of `impl Db`): `db.lock()` is a `Guard`.
    fn method_output(&self, ty: &Ty, name: &str, args: usize) -> Ty {
        let (Some(scan), Ty::Named(..)) = (&self.scan, ty) else { return Ty::Unknown };
        let of = |world: Option<usize>| -> Vec<&Output> {
            scan.fns
                .iter()
                .filter(|f| f.name == name && scan.world(&f.groups) == world)
                .filter(|f| f.receiver.is_some_and(|(_, p)| p == args) && scan.applies(f, ty))
                .map(|f| &f.output)
                .collect()
        };
        let found = self.nearest(of);
        match found.first().map(|o| o.words.as_slice()) {
            Some([t]) if capitalized(t) && t != "Self" && found.iter().all(|o| o.words == found[0].words) => self.named(t),
            _ => Ty::Unknown,
        }
    }

    /// What a call of the file's free function `name` makes, where its declarations (those
    /// the function sees) all return one type that the words of its return type show: a
    /// type (`-> Session`), or an `Option`, `Result`, `Vec` or `Box` of one.
    fn free_fn_output(&self, name: &str) -> Ty {
        self.free_fn_made(name, false)
    }

    /// What the reference a call of the free function `name` returns points to: `String`
    /// for `fn pick<'a>(..) -> &'a mut String`, so that `*pick(..)` is typed.
    fn free_fn_referent(&self, name: &str) -> Ty {
        self.free_fn_made(name, true)
    }

    fn free_fn_made(&self, name: &str, referent: bool) -> Ty {
        let Some(scan) = &self.scan else { return Ty::Unknown };
        let of = |world: Option<usize>| -> Vec<&Output> {
            scan.fns
                .iter()
                .filter(|f| f.name == name && f.receiver.is_none() && scan.world(&f.groups) == world)
                .map(|f| &f.output)
                .collect()
        };
        let found = self.nearest(of);
        let Some(first) = found.first() else { return Ty::Unknown };
        if first.borrows != referent || first.refs != referent || found.iter().any(|o| o.words != first.words) {
            return Ty::Unknown;
        }
        let named = |w: &String| if capitalized(w) && w != "Self" { self.named(w) } else { Ty::Unknown };
        let words = match first.words.as_slice() {
            [m, rest @ ..] if referent && m == "mut" => rest,
            words => words,
        };
        match words {
            [t] => named(t),
            [b, t] if b == "Box" => named(t),
            [w, t, ..] if matches!(w.as_str(), "Option" | "Result" | "Vec") => Ty::Named(w.clone(), vec![named(t)]),
            _ => Ty::Unknown,
        }
    }

    /// Whether `receiver`, a field, is declared with a type that [`ty_of`] sees through
    /// (`conn: Box<Conn>`): what it is typed as is not what it holds.
    fn indirect_field(&self, receiver: &Expr) -> bool {
        let Expr::Field(f) = receiver else { return false };
        let Ty::Named(name, _) = self.expr_ty(&f.base, &self.locals) else { return false };
        self.struct_named(&name).is_some_and(|s| s.indirect.contains(&member_name(&f.member)))
    }

    /// The type of the field `member` of a value of type `base`, from its struct's
    /// declaration in the file.
    fn field_ty(&self, base: &Ty, member: &syn::Member) -> Ty {
        // (An element of a tuple.)
        if let (Ty::Named(name, elems), syn::Member::Unnamed(i)) = (base, member) {
            if name == "()" {
                return elems.get(i.index as usize).cloned().unwrap_or(Ty::Unknown);
            }
        }
        let Ty::Named(name, args) = base else { return Ty::Unknown };
        let Some(s) = self.struct_named(name) else { return Ty::Unknown };
        let member = member_name(member);
        match s.fields.iter().find(|(f, _)| *f == member).map(|(_, t)| t) {
            Some(Ty::Own(i)) => args.get(*i).cloned().unwrap_or(Ty::Unknown),
            Some(t) => t.clone(),
            None => Ty::Unknown,
        }
    }

    /// The trait among `bounds` (and their supertraits) that declares the method `name`
    /// (with `args` parameters), if one alone does, and how the method takes its receiver.
    fn declaring_trait(&self, bounds: &[String], name: &str, args: usize) -> Option<(Receiver, String)> {
        let scan = self.scan.as_ref()?;
        let found: Vec<(Receiver, &str)> = self.nearest(|world| {
            scan.fns
                .iter()
                .filter(|f| f.name == name && scan.world(&f.groups) == world)
                .filter_map(|f| match (scan.owner(f), f.receiver) {
                    (Some(Owner::Trait(t)), Some((r, p))) if p == args && scan.bounded_by(bounds, t) => Some((r, t.as_str())),
                    _ => None,
                })
                .collect()
        });
        let (r, t) = *found.first()?;
        found.iter().all(|&(r2, t2)| r2 == r && t2 == t).then(|| (r, t.to_string()))
    }

    /// The types of the fields of the tuple struct or enum variant a pattern's path names
    /// (`Msg::Call`, `Self::Call`, `Wrapper`), in order, where the file declares it.
    fn variant_fields(&self, path: &syn::Path) -> Option<Vec<Ty>> {
        let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let name = match segs.as_slice() {
            [.., e, v] => format!("{}::{v}", if e == "Self" { self.self_ty()?.to_string() } else { e.clone() }),
            [n] => n.clone(),
            [] => return None,
        };
        self.struct_named(&name).map(|s| s.fields.iter().map(|(_, t)| t.clone()).collect())
    }

    /// The struct named `name` that the function sees (see [`Table::nearest`]).
    fn struct_named(&self, name: &str) -> Option<&Struct> {
        let scan = self.scan.as_ref()?;
        self.nearest(|world| scan.structs.iter().filter(|s| s.name == name && scan.world(&s.groups) == world).collect())
            .into_iter()
            .next()
    }

    /// What the function sees of the declarations `of` finds in one world (a macro call's
    /// body, or `None`: outside any): those in its own macro call, or else those outside any.
    fn nearest<T>(&self, of: impl Fn(Option<usize>) -> Vec<T>) -> Vec<T> {
        let found = if self.world.is_some() { of(self.world) } else { Vec::new() };
        if found.is_empty() { of(None) } else { found }
    }
}

/// A type that [`ty_of`] sees through to the type it points to or holds.
fn seen_through(t: &Type) -> bool {
    match t {
        Type::Reference(_) | Type::Ptr(_) => true,
        Type::Paren(p) => seen_through(&p.elem),
        Type::Group(g) => seen_through(&g.elem),
        Type::Path(p) => p.path.segments.last().is_some_and(|s| matches!(s.ident.to_string().as_str(), "Box" | "Rc" | "Arc" | "Pin")),
        _ => false,
    }
}

/// A field's name, or its index in a tuple struct.
pub(crate) fn member_name(m: &syn::Member) -> String {
    match m {
        syn::Member::Named(m) => m.to_string(),
        syn::Member::Unnamed(i) => i.index.to_string(),
    }
}

fn capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// The type `t` is, with `params` the type parameters in scope and `self_ty` what `Self` is.
fn ty_of(t: &Type, params: &[(String, Vec<String>)], self_ty: Option<&str>) -> Ty {
    let of = |t: &Type| ty_of(t, params, self_ty);
    match t {
        Type::Reference(r) => of(&r.elem),
        Type::Paren(p) => of(&p.elem),
        Type::Group(g) => of(&g.elem),
        Type::ImplTrait(i) => Ty::Param(trait_names(&i.bounds)),
        Type::TraitObject(o) => Ty::Param(trait_names(&o.bounds)),
        Type::Array(a) => Ty::Named("[]".to_string(), vec![of(&a.elem)]),
        Type::Slice(s) => Ty::Named("[]".to_string(), vec![of(&s.elem)]),
        Type::Tuple(t) => Ty::Named("()".to_string(), t.elems.iter().map(of).collect()),
        Type::Path(p) if p.qself.is_none() => {
            let Some(seg) = p.path.segments.last() else { return Ty::Unknown };
            let name = seg.ident.to_string();
            if p.path.segments.len() == 1 {
                if let Some((_, bounds)) = params.iter().find(|(n, _)| *n == name) {
                    return Ty::Param(bounds.clone());
                }
            }
            let mut args: Vec<Ty> = match &seg.arguments {
                syn::PathArguments::AngleBracketed(a) => a
                    .args
                    .iter()
                    .filter_map(|g| match g {
                        syn::GenericArgument::Type(t) => Some(of(t)),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            // (A library type whose methods the lowering knows: see [`LIBRARY`].)
            let path: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
            if let Some(known) = library_type(&path) {
                return Ty::Named(known.to_string(), args);
            }
            match name.as_str() {
                "Self" => self_ty.map_or(Ty::Unknown, |s| Ty::Named(s.to_string(), Vec::new())),
                "Box" | "Rc" | "Arc" | "Pin" if !args.is_empty() => args.swap_remove(0),
                _ => Ty::Named(name, args),
            }
        }
        _ => Ty::Unknown,
    }
}

fn trait_names<'a>(bounds: impl IntoIterator<Item = &'a syn::TypeParamBound>) -> Vec<String> {
    bounds
        .into_iter()
        .filter_map(|b| match b {
            syn::TypeParamBound::Trait(t) => t.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        })
        .collect()
}

/// The type parameters of `g`, with the traits that bound them (in the list or the `where`
/// clause).
fn params_of(g: &syn::Generics) -> Vec<(String, Vec<String>)> {
    let mut params: Vec<(String, Vec<String>)> =
        g.type_params().map(|p| (p.ident.to_string(), trait_names(&p.bounds))).collect();
    for p in g.where_clause.iter().flat_map(|w| w.predicates.iter()) {
        if let syn::WherePredicate::Type(t) = p {
            if let Type::Path(b) = &t.bounded_ty {
                if let Some(i) = b.path.get_ident() {
                    if let Some((_, bounds)) = params.iter_mut().find(|(n, _)| i == n) {
                        bounds.extend(trait_names(&t.bounds));
                    }
                }
            }
        }
    }
    params
}

/// The walk of a body that reads the types of its locals.
struct Locals<'t> {
    table: &'t Table,
    env: HashMap<String, Ty>,
}

impl Locals<'_> {
    fn set(&mut self, name: String, ty: Ty) {
        let ty = match self.env.get(&name) {
            Some(old) if *old != ty => Ty::Unknown,
            _ => ty,
        };
        self.env.insert(name, ty);
    }

    /// Binds the names of `pat`, matched against a value of type `ty`.
    fn bind(&mut self, pat: &Pat, ty: Ty) {
        match pat {
            Pat::Ident(p) if p.subpat.is_none() && !capitalized(&p.ident.to_string()) => self.set(p.ident.to_string(), ty),
            Pat::Type(t) => {
                let ty = self.table.ty_of(&t.ty);
                self.bind(&t.pat, ty)
            }
            Pat::Paren(p) => self.bind(&p.pat, ty),
            Pat::Reference(r) => self.bind(&r.pat, ty),
            Pat::Guard(g) => {
                self.bind(&g.pat, ty);
                self.visit_expr(&g.guard);
            }
            Pat::TupleStruct(ts) if ts.elems.len() == 1 && ts.qself.is_none() && matches!(ts.path.segments.last(), Some(s) if matches!(s.ident.to_string().as_str(), "Some" | "Ok" | "Err")) => {
                let variant = ts.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
                let inner = match (&ty, variant.as_str()) {
                    (Ty::Named(n, a), "Some") if n == "Option" => a.first().cloned(),
                    (Ty::Named(n, a), "Ok") if n == "Result" => a.first().cloned(),
                    (Ty::Named(n, a), "Err") if n == "Result" => a.get(1).cloned(),
                    _ => None,
                };
                self.bind(&ts.elems[0], inner.unwrap_or(Ty::Unknown))
            }
            // A variant or tuple struct the file declares (`Msg::Call(req)`): its fields' types.
            Pat::TupleStruct(ts) if ts.qself.is_none() => {
                // (After a `..` the positions are not the fields'.)
                let rest = ts.elems.iter().any(|p| matches!(p, Pat::Rest(_)));
                // (Or a std map's entry, `Entry::Vacant(v)`, where the file declares no `Entry`.)
                let fields = if rest {
                    None
                } else {
                    self.table
                        .variant_fields(&ts.path)
                        .or_else(|| entry_variant(&ts.path).map(|t| vec![Ty::Named(t.to_string(), Vec::new())]))
                };
                for (i, p) in ts.elems.iter().enumerate() {
                    let ty = fields.as_ref().and_then(|f| f.get(i).cloned()).unwrap_or(Ty::Unknown);
                    self.bind(p, ty);
                }
            }
            Pat::Tuple(t) => {
                for (i, p) in t.elems.iter().enumerate() {
                    let elem = match &ty {
                        Ty::Foreign => Ty::Foreign,
                        Ty::Named(n, a) if n == "()" && a.len() == t.elems.len() => a[i].clone(),
                        _ => Ty::Unknown,
                    };
                    self.bind(p, elem);
                }
            }
            other => self.unknown(other),
        }
    }

    fn unknown(&mut self, pat: &Pat) {
        let mut names = Vec::new();
        crate::analyze::bindings(pat, &mut names);
        for (n, _) in names {
            self.set(n.to_string(), Ty::Unknown);
        }
    }

    fn ty(&self, e: &Expr) -> Ty {
        self.table.expr_ty(e, &self.env)
    }
}

impl<'a> Visit<'a> for Locals<'_> {
    fn visit_local(&mut self, l: &'a syn::Local) {
        let mut ty = Ty::Unknown;
        if let Some(init) = &l.init {
            self.visit_expr(&init.expr);
            if let Some((_, d)) = &init.diverge {
                self.visit_expr(d);
            }
            ty = self.ty(&init.expr);
        }
        self.bind(&l.pat, ty);
    }

    fn visit_expr_for_loop(&mut self, f: &'a syn::ExprForLoop) {
        self.visit_expr(&f.expr);
        let elem = match self.ty(&f.expr) {
            Ty::Named(n, a) if matches!(n.as_str(), "Vec" | "VecDeque" | "[]" | "Option") => {
                a.into_iter().next().unwrap_or(Ty::Unknown)
            }
            _ => Ty::Unknown,
        };
        self.bind(&f.pat, elem);
        self.visit_block(&f.body);
    }

    fn visit_expr_let(&mut self, l: &'a syn::ExprLet) {
        self.visit_expr(&l.expr);
        let ty = self.ty(&l.expr);
        self.bind(&l.pat, ty);
    }

    fn visit_expr_match(&mut self, m: &'a syn::ExprMatch) {
        self.visit_expr(&m.expr);
        let ty = self.ty(&m.expr);
        for arm in &m.arms {
            self.bind(&arm.pat, ty.clone());
            self.visit_expr(&arm.body);
        }
    }

    fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
        for p in &c.inputs {
            self.bind(p, Ty::Unknown);
        }
        self.visit_expr(&c.body);
    }

    // Any other pattern binds names of no known type.
    fn visit_pat(&mut self, p: &'a Pat) {
        self.unknown(p);
    }

    fn visit_item(&mut self, _: &'a syn::Item) {}

    // A macro other than the formatting ones may bind the names it is given (`pin!(x)`,
    // `select! { v = rx.recv() => .. }`).
    fn visit_macro(&mut self, m: &'a syn::Macro) {
        let name = m.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        if name.contains("assert")
            || matches!(
                name.as_str(),
                "format" | "format_args" | "print" | "println" | "eprint" | "eprintln" | "write" | "writeln"
                    | "panic" | "vec" | "dbg" | "matches" | "todo" | "unreachable" | "unimplemented"
            )
        {
            return;
        }
        fn idents(ts: proc_macro2::TokenStream, out: &mut Vec<String>) {
            for t in ts {
                match t {
                    proc_macro2::TokenTree::Ident(i) => out.push(i.to_string()),
                    proc_macro2::TokenTree::Group(g) => idents(g.stream(), out),
                    _ => {}
                }
            }
        }
        let mut names = Vec::new();
        idents(m.tokens.clone(), &mut names);
        for n in names {
            if self.env.contains_key(&n) {
                self.set(n, Ty::Unknown);
            }
        }
    }
}

/// A `fn` declaration found by the scan.
struct Decl {
    name: String,
    line: usize,
    /// The braces it is in, outermost first (each by the order of its `{` in the file).
    groups: Vec<usize>,
    /// The receiver and the number of other parameters; `None` for a function without
    /// `self`.
    receiver: Option<(Receiver, usize)>,
    /// What its return type names (see [`output`]).
    output: Output,
}

/// A declaration's return type, as far as whether its value may borrow the receiver: the
/// words it names, and whether it has a reference, a lifetime, `impl` or `dyn` (any of
/// which may).
#[derive(Default)]
struct Output {
    words: Vec<String>,
    borrows: bool,
    /// It has a reference or a lifetime of its own (`-> &Tracker`, `-> Iter<'_, u8>`): it
    /// surely may point into the receiver.
    refs: bool,
    /// It is `Self` alone (which `borrows` counts: the type may have a lifetime).
    self_only: bool,
}

/// A struct declaration found by the scan (no syntax tree: the scan outlives the macro
/// call that made it, and the identifiers of a syntax tree are that call's).
struct Struct {
    /// The braces it is in.
    groups: Vec<usize>,
    name: String,
    /// Each field's name (its index in a tuple struct) and type.
    fields: Vec<(String, Ty)>,
    /// The fields whose declared type the [`Ty`] sees through (`Box<Conn>`, `&Conn`,
    /// `Rc<Conn>`): a method of `Conn` called on one is not called with the field itself.
    indirect: Vec<String>,
    /// The fields declared with a type naming `FnOnce` (`run: F` with `F: FnOnce()`, `done:
    /// Box<dyn FnOnce()>`, or an alias for one): calling one moves it.
    once: Vec<String>,
}

/// The `impl` or `trait` block a method is declared in.
#[derive(Debug, Clone)]
enum Owner {
    /// A trait's declaration: it is every implementor's.
    Trait(String),
    Impl {
        /// The type implemented (`Conn` of `impl<T> Trait for Conn<T>`); `None` where it is
        /// a type parameter (a blanket `impl`) or cannot be read: then any type's.
        self_ty: Option<String>,
        trait_: Option<String>,
        generics: Vec<(String, Vec<String>)>,
        /// A type parameter of the `impl` that its self type does not name (`Fut` of
        /// `impl<F, Fut> Retry<F> where F: Fn() -> Fut`).
        unnamed_param: bool,
    },
}

/// A lexical scan of Rust source: tokens are words and punctuation; comments, strings and
/// character literals are skipped, so that their braces and `fn`s do not count.
struct Scan {
    fns: Vec<Decl>,
    /// The braces that are a macro call's body (`name! { .. }`).
    macro_bodies: Vec<usize>,
    /// The braces that are an `impl` or `trait` block's body, and what block.
    owners: HashMap<usize, Owner>,
    /// The braces around each of those blocks, outermost first.
    owners_in: HashMap<usize, Vec<usize>>,
    /// The structs declared.
    structs: Vec<Struct>,
    /// The names of the modules declared (`mod util`).
    mods: Vec<String>,
    /// The supertraits of each trait declared (`trait Job: Named + Send`).
    supertraits: HashMap<String, Vec<String>>,
    /// The structs and enums declared, and whether each has a lifetime parameter.
    types: HashMap<String, bool>,
    /// The type aliases declared that name `FnOnce` (`type Job = Box<dyn FnOnce()>;`),
    /// with the braces they are in.
    once_aliases: Vec<(Vec<usize>, String)>,
}

#[derive(Debug, PartialEq)]
enum Tok {
    Word(String),
    Punct(char),
    Lifetime,
    /// `'static`: a lifetime that points into nothing of the receiver.
    Static,
}

impl Scan {
    fn new(source: &str) -> Scan {
        let chars: Vec<char> = source.chars().collect();
        let mut spans = Vec::new();
        let tokens = lex(&chars, &mut spans);
        // The source of the tokens `from..=to`.
        let text = |from: usize, to: usize| -> String { chars[spans[from].0..spans[to].1].iter().collect() };
        let word = |i: usize| match tokens.get(i) {
            Some((Tok::Word(w), _)) => Some(w.as_str()),
            _ => None,
        };
        // The first `{` or `;` after `i`.
        let header_end = |i: usize| (i + 1..tokens.len()).find(|&j| matches!(tokens[j].0, Tok::Punct('{' | ';')));
        let mut fns = Vec::new();
        let (mut open, mut next_group, mut macro_bodies) = (Vec::new(), 0, Vec::new());
        let (mut owners, mut pending, mut structs, mut mods) = (HashMap::new(), HashMap::new(), Vec::new(), Vec::new());
        let mut supertraits = HashMap::new();
        let mut types = HashMap::new();
        let mut once_aliases = Vec::new();
        let mut owners_in = HashMap::new();
        for (i, (tok, line)) in tokens.iter().enumerate() {
            match tok {
                Tok::Punct('{') => {
                    if i >= 2 && matches!((&tokens[i - 2].0, &tokens[i - 1].0), (Tok::Word(_), Tok::Punct('!'))) {
                        macro_bodies.push(next_group);
                    }
                    if let Some(owner) = pending.remove(&i) {
                        owners.insert(next_group, owner);
                        owners_in.insert(next_group, open.clone());
                    }
                    open.push(next_group);
                    next_group += 1;
                }
                Tok::Punct('}') => {
                    open.pop();
                }
                Tok::Word(w) if w == "fn" => {
                    if let Some((Tok::Word(name), _)) = tokens.get(i + 1) {
                        fns.push(Decl {
                            name: name.clone(),
                            line: *line,
                            groups: open.clone(),
                            receiver: receiver(&tokens[i + 2..]),
                            output: output(&tokens[i + 2..]),
                        });
                    }
                }
                // An `impl` block (not `impl Trait` in a type: that follows `:`, `->`, `(`,
                // `<`, `,`, `&`, ..).
                Tok::Word(w)
                    if w == "impl"
                        && (i == 0
                            || matches!(tokens[i - 1].0, Tok::Punct('}' | ';' | '{' | ']'))
                            || matches!(word(i - 1), Some("unsafe" | "default"))) =>
                {
                    if let Some(j) = header_end(i).filter(|&j| tokens[j].0 == Tok::Punct('{')) {
                        let owner = match syn::parse_str::<syn::ItemImpl>(&format!("{} {{}}", text(i, j - 1))) {
                            Ok(item) => {
                                let generics = params_of(&item.generics);
                                let self_ty = match ty_of(&item.self_ty, &generics, None) {
                                    Ty::Named(n, _) => Some(n),
                                    _ => None,
                                };
                                let trait_ = item.trait_.and_then(|(p, _)| p.segments.last().map(|s| s.ident.to_string()));
                                let mut named = std::collections::BTreeSet::new();
                                let self_tokens = &item.self_ty;
                                crate::util::collect_idents(&quote::quote!(#self_tokens), &mut named);
                                let unnamed_param = item.generics.type_params().any(|t| !named.contains(&t.ident.to_string()));
                                Owner::Impl { self_ty, trait_, generics, unnamed_param }
                            }
                            Err(_) => Owner::Impl { self_ty: None, trait_: None, generics: Vec::new(), unnamed_param: false },
                        };
                        pending.insert(j, owner);
                    }
                }
                Tok::Word(w) if w == "trait" => {
                    if let (Some(name), Some(j)) = (word(i + 1), header_end(i)) {
                        pending.insert(j, Owner::Trait(name.to_string()));
                        if let Ok(t) = syn::parse_str::<syn::ItemTrait>(&format!("{} {{}}", text(i, j - 1))) {
                            supertraits.entry(name.to_string()).or_insert_with(Vec::new).extend(trait_names(&t.supertraits));
                        }
                    }
                }
                Tok::Word(w) if w == "mod" => mods.extend(word(i + 1).map(str::to_string)),
                // `type Job = Box<dyn FnOnce() -> ..>;`, up to its `;` (an alias of an alias
                // that does counts too: the file declares it first, as a rule).
                Tok::Word(w) if w == "type" && word(i + 1).is_some() => {
                    let end = (i + 2..tokens.len()).find(|&k| matches!(tokens[k].0, Tok::Punct(';' | '{' | '}')));
                    let once = tokens[i + 2..end.unwrap_or(i + 2)].iter().any(|(t, _)| match t {
                        Tok::Word(w) => is_once_trait(w) || once_aliases.iter().any(|(_, a)| a == w),
                        _ => false,
                    });
                    if once {
                        once_aliases.push((open.clone(), word(i + 1).unwrap_or_default().to_string()));
                    }
                }
                Tok::Word(w) if w == "struct" && word(i + 1).is_some() => {
                    // Up to the `;` or the `}` that ends it.
                    let mut depth = Depth::default();
                    let end = (i + 2..tokens.len()).find(|&k| {
                        let before = depth.depth;
                        depth.step(&tokens[k].0);
                        (before == 0 && tokens[k].0 == Tok::Punct(';'))
                            || (tokens[k].0 == Tok::Punct('}') && depth.depth == 0)
                    });
                    if let Some(Ok(s)) = end.map(|end| syn::parse_str::<syn::ItemStruct>(&text(i, end))) {
                        // (A field of the struct's type parameter's type says nothing here.)
                        let params: Vec<(String, Vec<String>)> =
                            s.generics.type_params().map(|p| (p.ident.to_string(), Vec::new())).collect();
                        let name = s.ident.to_string();
                        let fields = s
                            .fields
                            .iter()
                            .enumerate()
                            .map(|(k, f)| {
                                // (A field of the struct's type parameter, `dev: D`: see `Ty::Own`.)
                                let own = |t: &Type| match t {
                                    Type::Path(p) if p.qself.is_none() => p.path.get_ident().and_then(|i| params.iter().position(|(n, _)| i == n)),
                                    _ => None,
                                };
                                let ty = match (own(&f.ty), ty_of(&f.ty, &params, Some(&name))) {
                                    (Some(i), _) => Ty::Own(i),
                                    (None, Ty::Param(b)) if b.is_empty() => Ty::Unknown,
                                    (None, t) => t,
                                };
                                (f.ident.as_ref().map_or(k.to_string(), |i| i.to_string()), ty)
                            })
                            .collect();
                        let indirect = s
                            .fields
                            .iter()
                            .enumerate()
                            .filter(|(_, f)| seen_through(&f.ty))
                            .map(|(k, f)| f.ident.as_ref().map_or(k.to_string(), |i| i.to_string()))
                            .collect();
                        // (A type parameter bounded by `FnOnce`, inline or in the `where` clause.)
                        let mut once_names: Vec<String> = once_aliases.iter().map(|(_, a): &(Vec<usize>, String)| a.clone()).collect();
                        once_names.extend(["FnOnce".to_string(), "AsyncFnOnce".to_string()]);
                        let names_once = |t: &dyn quote::ToTokens, once_names: &[String]| {
                            let mut idents = std::collections::BTreeSet::new();
                            crate::util::collect_idents(&t.to_token_stream(), &mut idents);
                            once_names.iter().any(|n| idents.contains(n))
                        };
                        let mut once_params: Vec<String> =
                            s.generics.type_params().filter(|p| names_once(&p.bounds, &once_names)).map(|p| p.ident.to_string()).collect();
                        for w in s.generics.where_clause.iter().flat_map(|w| w.predicates.iter()) {
                            if let syn::WherePredicate::Type(t) = w {
                                if names_once(&t.bounds, &once_names) {
                                    once_params.push(quote::ToTokens::to_token_stream(&t.bounded_ty).to_string());
                                }
                            }
                        }
                        once_names.extend(once_params);
                        let once = s
                            .fields
                            .iter()
                            .enumerate()
                            .filter(|(_, f)| names_once(&f.ty, &once_names))
                            .map(|(k, f)| f.ident.as_ref().map_or(k.to_string(), |i| i.to_string()))
                            .collect();
                        types.insert(name.clone(), s.generics.lifetimes().next().is_some());
                        structs.push(Struct { groups: open.clone(), name, fields, indirect, once });
                    }
                }
                // (Whether it has a lifetime parameter: a value of it may borrow.)
                Tok::Word(w) if w == "enum" && word(i + 1).is_some() => {
                    let mut depth = Depth::default();
                    let mut lifetime = false;
                    if tokens.get(i + 2).is_some_and(|t| t.0 == Tok::Punct('<')) {
                        for (t, _) in &tokens[i + 2..] {
                            lifetime |= *t == Tok::Lifetime;
                            if depth.step(t) == 1 && *t == Tok::Punct('>') {
                                break;
                            }
                        }
                    }
                    types.insert(word(i + 1).unwrap_or_default().to_string(), lifetime);
                    // Each variant's fields, as a struct named `Enum::Variant`.
                    let mut depth = Depth::default();
                    let end = (i + 2..tokens.len()).find(|&k| {
                        depth.step(&tokens[k].0);
                        tokens[k].0 == Tok::Punct('}') && depth.depth == 0
                    });
                    if let Some(Ok(e)) = end.map(|end| syn::parse_str::<syn::ItemEnum>(&text(i, end))) {
                        // (Typed as a struct's are, but for the enum's own type parameters.)
                        let params: Vec<(String, Vec<String>)> = e.generics.type_params().map(|p| (p.ident.to_string(), Vec::new())).collect();
                        let enum_name = e.ident.to_string();
                        for v in &e.variants {
                            let fields = v
                                .fields
                                .iter()
                                .enumerate()
                                .map(|(k, f)| {
                                    let ty = match ty_of(&f.ty, &params, Some(&enum_name)) {
                                        Ty::Param(_) => Ty::Unknown,
                                        t => t,
                                    };
                                    (f.ident.as_ref().map_or(k.to_string(), |i| i.to_string()), ty)
                                })
                                .collect();
                            structs.push(Struct { groups: open.clone(), name: format!("{}::{}", e.ident, v.ident), fields, indirect: Vec::new(), once: Vec::new() });
                        }
                    }
                }
                _ => {}
            }
        }
        Scan { fns, macro_bodies, owners, owners_in, structs, mods, supertraits, types, once_aliases }
    }

    /// Whether a value of the return type `out` surely borrows nothing of the receiver:
    /// no reference, lifetime, `impl` or `dyn`, and each type it names owns its data (a
    /// primitive, a type parameter, `String`, `Vec`, `Option`, .., or a struct or enum the
    /// file declares without a lifetime parameter: another crate's `Ref` may hide one).
    fn owns(&self, out: &Output) -> bool {
        const STD: &[&str] = &[
            "String", "Vec", "Option", "Result", "Box", "HashMap", "HashSet", "BTreeMap", "BTreeSet", "VecDeque", "Rc",
            "Arc", "Duration", "Ordering",
        ];
        !out.borrows
            && out.words.iter().all(|w| {
                !capitalized(w)
                    || w.len() == 1
                    || STD.contains(&w.as_str())
                    || self.types.get(w).is_some_and(|lifetime| !lifetime)
            })
    }

    /// The outermost macro call among `groups`.
    fn world(&self, groups: &[usize]) -> Option<usize> {
        groups.iter().copied().find(|g| self.macro_bodies.contains(g))
    }

    /// The block `f` is declared in: the innermost braces around it that are not a macro
    /// call's (`impl Pool { lower! { async fn close(&mut self) .. } }`).
    fn owner(&self, f: &Decl) -> Option<&Owner> {
        let g = f.groups.iter().rev().find(|g| !self.macro_bodies.contains(g))?;
        self.owners.get(g)
    }

    /// Whether the declaration `f` may be the method of a receiver of type `ty`.
    fn applies(&self, f: &Decl, ty: &Ty) -> bool {
        match (self.owner(f), ty) {
            // (A `self` method outside any `impl` or `trait`: in a macro's definition.)
            (None, _) => true,
            (Some(Owner::Trait(t)), Ty::Named(n, _)) => self.implements(n, t),
            (Some(Owner::Trait(t)), Ty::Param(bounds)) => self.bounded_by(bounds, t),
            (Some(Owner::Impl { self_ty: None, .. }), Ty::Named(..)) => true,
            (Some(Owner::Impl { self_ty: None, trait_, .. }), Ty::Param(bounds)) => {
                trait_.as_ref().is_some_and(|t| self.bounded_by(bounds, t))
            }
            (Some(Owner::Impl { self_ty: Some(s), .. }), Ty::Named(n, _)) => s == n,
            _ => false,
        }
    }

    /// Whether a type parameter bound by `bounds` implements `trait_`: one of them is
    /// `trait_` or has it as a supertrait.
    fn bounded_by(&self, bounds: &[String], trait_: &str) -> bool {
        let mut seen: Vec<&str> = bounds.iter().map(String::as_str).collect();
        let mut i = 0;
        while i < seen.len() {
            if seen[i] == trait_ {
                return true;
            }
            for s in self.supertraits.get(seen[i]).into_iter().flatten() {
                if !seen.contains(&s.as_str()) {
                    seen.push(s);
                }
            }
            i += 1;
        }
        false
    }

    /// Whether the file implements `trait_` for the type `name` (or for every type).
    fn implements(&self, name: &str, trait_: &str) -> bool {
        self.owners.values().any(|o| {
            matches!(o, Owner::Impl { self_ty, trait_: Some(t), .. }
                if t == trait_ && self_ty.as_deref().is_none_or(|s| s == name))
        })
    }
}

/// The receiver of a declaration whose tokens after the name are `rest`, and how many
/// parameters follow it: skips the generics (`<F: Fn(u8) -> u8>`), then splits the
/// parameters at the commas outside brackets.
fn receiver(rest: &[(Tok, usize)]) -> Option<(Receiver, usize)> {
    let mut toks = rest.iter().map(|(t, _)| t).peekable();
    if toks.peek() == Some(&&Tok::Punct('<')) {
        let mut depth = Depth::default();
        for t in toks.by_ref() {
            depth.step(t);
            if depth.depth == 0 {
                break;
            }
        }
    }
    if toks.next() != Some(&Tok::Punct('(')) {
        return None;
    }
    let mut params: Vec<Vec<&Tok>> = vec![Vec::new()];
    let mut depth = Depth::default();
    for t in toks {
        match (depth.step(t), t) {
            (0, Tok::Punct(',')) => params.push(Vec::new()),
            (0, Tok::Punct(')')) => break,
            _ => params.last_mut()?.push(t),
        }
    }
    params.retain(|p| !p.is_empty());
    let (first, rest) = params.split_first()?;
    // `&'a mut self`, `mut self`, `self: Type`.
    let at = first.iter().position(|t| matches!(t, Tok::Word(w) if w == "self"))?;
    let (before, after) = (&first[..at], &first[at + 1..]);
    if !before.iter().all(|t| matches!(t, Tok::Punct('&') | Tok::Lifetime | Tok::Static) || matches!(t, Tok::Word(w) if w == "mut")) {
        return None;
    }
    // `self: &Self` lends; `self: Box<Self>`, `Arc<Self>`, `Pin<&mut Self>` take the
    // receiver (a pin is a value: `g.bump()` on a `Pin<&mut G>` moves it).
    let lent = before.contains(&&Tok::Punct('&')) || matches!(after, [Tok::Punct(':'), Tok::Punct('&'), ..]);
    Some((if lent { Receiver::Lent } else { Receiver::Taken }, rest.len()))
}

/// The return type of a declaration whose tokens after the name are `rest`: after the
/// parameters' `)`, from `->` to the body, `;` or `where`. None is `()`.
fn output(rest: &[(Tok, usize)]) -> Output {
    let mut depth = Depth::default();
    let mut toks = rest.iter().map(|(t, _)| t);
    // Past the generics and the parameters.
    let mut seen_params = false;
    // (A named lifetime anywhere, `fn get<'a, T: From<&'a str>>(&'a self) -> T`, may tie
    // the output to the receiver.)
    let mut lifetime = false;
    for t in toks.by_ref() {
        let d = depth.step(t);
        lifetime |= *t == Tok::Lifetime;
        if *t == Tok::Punct(')') && d == 1 {
            seen_params = true;
            break;
        }
    }
    let mut out = Output { words: Vec::new(), borrows: lifetime, refs: false, self_only: false };
    let rest: Vec<&Tok> = toks.collect();
    if !seen_params || !matches!(rest.as_slice(), [Tok::Punct('-'), Tok::Punct('>'), ..]) {
        return out;
    }
    let mut depth = Depth::default();
    for (k, t) in rest[2..].iter().enumerate() {
        let d = depth.step(t);
        match t {
            // `&'static str` borrows nothing.
            Tok::Punct('&') if rest.get(k + 3) == Some(&&Tok::Static) => {}
            Tok::Punct('{' | ';') if d <= 1 => break,
            // (A `where` clause may name a lifetime too.)
            Tok::Word(w) if w == "where" && d == 0 => {
                out.borrows |= rest.iter().skip_while(|t| !matches!(t, Tok::Word(w) if w == "where")).take_while(|t| !matches!(t, Tok::Punct('{' | ';'))).any(|t| matches!(t, Tok::Lifetime | Tok::Static));
                break;
            }
            Tok::Punct('&') | Tok::Lifetime => {
                out.borrows = true;
                out.refs = true;
            }
            Tok::Word(w) if w == "Self" => {
                out.borrows = true;
                out.self_only = k == 0 && matches!(rest.get(3), Some(Tok::Punct('{' | ';')) | Some(Tok::Word(_)));
            }
            Tok::Word(w) if w == "impl" || w == "dyn" => out.borrows = true,
            Tok::Word(w) => out.words.push(w.clone()),
            _ => {}
        }
    }
    out
}

/// Bracket depth over a declaration's tokens: `(`, `[`, `{` (`Pair { a, b }: Pair`) and `<`
/// open, and the `>` of `->` closes nothing.
#[derive(Default)]
struct Depth {
    depth: usize,
    arrow: bool,
}

impl Depth {
    /// The depth after `t` (a closing bracket counts at its opening's depth).
    fn step(&mut self, t: &Tok) -> usize {
        let now = match t {
            Tok::Punct('(' | '[' | '{' | '<') => {
                self.depth += 1;
                self.depth
            }
            Tok::Punct(')' | ']' | '}') => {
                let d = self.depth;
                self.depth = d.saturating_sub(1);
                d
            }
            Tok::Punct('>') if !self.arrow => {
                let d = self.depth;
                self.depth = d.saturating_sub(1);
                d
            }
            _ => self.depth,
        };
        self.arrow = t == &Tok::Punct('-');
        now
    }
}

/// Words, punctuation and lifetimes, each with its line; comments and literals dropped.
/// `spans` receives each token's range of characters in `chars`.
fn lex(chars: &[char], spans: &mut Vec<(usize, usize)>) -> Vec<(Tok, usize)> {
    let (mut out, mut i, mut line) = (Vec::new(), 0, 1);
    // Skips to just after the `"` that closes a string opened before `i`, counting lines.
    let skip_string = |i: &mut usize, line: &mut usize, hashes: Option<usize>| {
        while *i < chars.len() {
            let c = chars[*i];
            *i += 1;
            match (c, hashes) {
                ('\n', _) => *line += 1,
                ('\\', None) => {
                    if chars.get(*i) == Some(&'\n') {
                        *line += 1;
                    }
                    *i += 1;
                }
                ('"', None) => return,
                ('"', Some(n))
                    if chars[*i..].iter().take(n).filter(|&&h| h == '#').count() == n =>
                {
                    *i += n;
                    return;
                }
                _ => {}
            }
        }
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            _ if c.is_whitespace() => i += 1,
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                // Block comments nest.
                let mut depth = 0;
                while i < chars.len() {
                    if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 2;
                    } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        if chars[i] == '\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                }
            }
            '"' => {
                i += 1;
                skip_string(&mut i, &mut line, None);
            }
            '\'' => {
                // A character literal (`'{'`, `'\''`, `'\u{7b}'`) or a lifetime (`'a`).
                if chars.get(i + 1) == Some(&'\\') {
                    // (Past the escaped character, which may be `'` itself.)
                    i += 3;
                    while i < chars.len() && chars[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else {
                    let start = i;
                    i += 1;
                    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                        i += 1;
                    }
                    let name: String = chars[start + 1..i].iter().collect();
                    out.push((if name == "static" { Tok::Static } else { Tok::Lifetime }, line));
                    spans.push((start, i));
                }
            }
            _ if c.is_alphanumeric() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                // Raw and byte strings: `r"..."`, `r#"..."#`, `b"..."`, `br#"..."#`, `c"..."`.
                let hashes = chars[i..].iter().take_while(|&&h| h == '#').count();
                let raw = matches!(word.as_str(), "r" | "br" | "cr");
                if chars.get(i + hashes) == Some(&'"')
                    && (raw || (hashes == 0 && matches!(word.as_str(), "b" | "c")))
                {
                    i += hashes + 1;
                    skip_string(&mut i, &mut line, raw.then_some(hashes));
                } else if word == "b" && chars.get(i) == Some(&'\'') {
                    // A byte literal: the `'` case above reads it as a character.
                } else {
                    out.push((Tok::Word(word), line));
                    spans.push((start, i));
                }
            }
            _ => {
                out.push((Tok::Punct(c), line));
                spans.push((i, i + 1));
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_that_own_their_data() {
        let scan = Scan::new(
            r#"
            struct Row { id: u32 }
            struct Cursor<'a> { c: &'a u8 }
            enum Kind<'a> { A(&'a str) }
            impl Db {
                async fn a(&mut self) -> Result<Row, std::io::Error> {}
                async fn b<F: Fn(u8) -> u8>(&mut self, f: F) -> Vec<(u32, Option<T>)> {}
                async fn c(&mut self) {}
                async fn d(&mut self) -> Cursor<'_> {}
                async fn e(&self) -> &str {}
                async fn f(&self) -> Ref<u8> {}
                async fn g(&self) -> Kind {}
                async fn h(&self) -> impl Iterator<Item = u8> {}
                async fn i(&self) -> Self where Self: Sized {}
                async fn j<'a, T: From<&'a str>>(&'a self) -> T {}
                async fn k<T>(&self) -> T where T: From<&'static str> {}
                async fn l(&self) -> &'static str {}
            }
            "#,
        );
        let owns: Vec<(&str, bool)> = scan.fns.iter().map(|f| (f.name.as_str(), scan.owns(&f.output))).collect();
        assert_eq!(
            owns,
            [
                ("a", false), // `Error` is another crate's: it may hide a lifetime.
                ("b", true),
                ("c", true),
                ("d", false),
                ("e", false),
                ("f", false),
                ("g", false),
                ("h", false),
                ("i", false),
                ("j", false),
                ("k", false),
                ("l", true), // `'static` points into nothing of the receiver.
            ]
        );
    }

    const SOURCE: &str = r##"
        struct Conn;
        impl Conn {
            async fn close(self) -> u32 { 0 }
            async fn ping(&self) -> u32 { 1 }
            async fn rename<F: Fn(u8) -> u8>(mut self, f: F) -> Self { self }
            fn shared(self: std::sync::Arc<Self>) {}
            fn pinned(self: Pin<&mut Self>, m: HashMap<u8, (u8, u8)>, f: impl Fn(u8, u8) -> u8,) {}
            fn apply(&self, Pair { a, b }: Pair) {}
            fn new() -> Conn { Conn }
        }
        // fn ping(self) in a comment does not count, nor "fn close(&self) {" in a string,
        // nor r#"fn close(&self)"#, nor the braces in '{', ['\'','{'] or b'}'.
        const S: &str = "fn ping(self) {";
        const R: &str = r#"fn close(&self) { "#;
        const C: [char; 2] = ['\'','{'];
        const B: u8 = b'}';
        mod other {
            struct Pipe;
            impl Pipe { async fn flush(&mut self) {} }
            async fn f<'a>(p: &'a mut Pipe) { p.flush().await }
        }
        async fn g(c: Conn) -> u32 { c.ping().await }
        harness! {
            impl Other { async fn ping(self) -> u32 { 2 } }
            async fn h(o: Other) -> u32 { o.ping().await }
        }
        other_harness! {
            impl Third { async fn ping(&self) -> u32 { 3 } }
        }
    "##;

    fn at(name: &str) -> Table {
        let line = SOURCE.lines().position(|l| l.contains(&format!("fn {name}"))).unwrap() + 1;
        around(SOURCE, name, line)
    }

    fn get(d: &Table, name: &str, params: usize) -> Option<Receiver> {
        d.agreed.get(&(name.to_string(), params)).copied()
    }

    #[test]
    fn reads_each_receiver() {
        let d = at("g");
        assert_eq!(get(&d, "close", 0), Some(Receiver::Taken));
        assert_eq!(get(&d, "rename", 1), Some(Receiver::Taken));
        assert_eq!(get(&d, "rename", 0), None);
        assert_eq!(get(&d, "shared", 0), Some(Receiver::Taken));
        assert_eq!(get(&d, "pinned", 2), Some(Receiver::Taken));
        assert_eq!(get(&d, "apply", 1), Some(Receiver::Lent));
        assert_eq!(get(&d, "flush", 0), Some(Receiver::Lent));
        assert_eq!(get(&d, "new", 0), None);
        // (`Other::ping` and `Third::ping` are inside macro calls that `g` is not in.)
        assert_eq!(get(&d, "ping", 0), Some(Receiver::Lent));
    }

    #[test]
    fn a_macro_call_is_a_world_of_its_own() {
        let d = at("h");
        // (`Other::ping` first; `Conn::close` from outside.)
        assert_eq!(get(&d, "ping", 0), Some(Receiver::Taken));
        assert_eq!(get(&d, "close", 0), Some(Receiver::Taken));
    }

    #[test]
    fn disagreeing_declarations_settle_nothing() {
        // However near one of them is: the nearest `run` may be another type's.
        let src = "mod a { impl A { fn run(self) {} } fn h() {} } mod b { impl B { fn run(&self) {} } }";
        assert_eq!(get(&around(src, "h", 1), "run", 0), None);
    }

    /// How `receiver.method(..)` with `args` arguments takes its receiver in the function
    /// `name` of `src` (on one line, `self` spelled `__self` in the body as the lowering has it).
    fn on(src: &str, name: &str, receiver: &str, method: &str, args: usize) -> Option<Receiver> {
        let f: syn::ItemFn = syn::parse_str(
            &src[src.find(&format!("async fn {name}")).unwrap()..]
                .lines()
                .next()
                .unwrap(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let receiver: Expr = syn::parse_str(receiver).unwrap();
        with(around(src, name, 1), || {
            type_locals(&f.sig, &f.block);
            declared_on(&receiver, method, args)
        })
    }

    const TYPES: &str = r##"
        struct Conn { id: u32 }
        impl Conn { fn new() -> Conn { Conn { id: 0 } } async fn close(self) {} async fn send(self, x: u32) {} }
        struct Pool { conns: Vec<Conn>, first: Option<Conn>, log: Log }
        impl Pool { async fn close(&mut self) {} }
        struct Log;
        impl Log { async fn flush(&self) {} }
        trait Job { async fn close(self); }
        struct A;
        impl Job for A { async fn close(self) {} }
        struct B;
        impl B { async fn close(&self) {} }
        impl Pool { async fn lowered(&mut self, p: &mut Pool, t: impl Job, b: Box<B>) { let c = Conn::new(); let d: Conn = make(); let (tx, rx) = tokio::sync::mpsc::channel(8); let a = A; let e = Conn::open().await?; let x = make(); while let Some(k) = __self.conns.pop() {} let f = __self.first.take().unwrap(); for g in __self.conns {} let h = Self { conns: vec![] }; }
        }
    "##;

    #[test]
    fn a_type_parameter_sees_its_bounds_and_their_supertraits() {
        let src = "trait Run { async fn run(self); } trait Job: Run + Send {} struct W; impl W { async fn run(&self) {} }
            async fn f<J: Job, K>(j: J, k: K, w: W) where K: Run { }
            async fn g((a, b): (W, K), c: &mut Vec<Box<dyn Job>>) { let (a, b) = __arg0; let d = c.pop().unwrap(); }";
        assert_eq!(on(src, "f", "j", "run", 0), Some(Receiver::Taken));
        assert_eq!(on(src, "f", "k", "run", 0), Some(Receiver::Taken));
        assert_eq!(on(src, "f", "w", "run", 0), Some(Receiver::Lent));
        assert_eq!(on(src, "g", "a", "run", 0), Some(Receiver::Lent));
        assert_eq!(on(src, "g", "d", "run", 0), Some(Receiver::Taken));
        // (`K` is no type parameter of `g`: a type of its own, of which nothing is declared.)
        assert_eq!(on(src, "g", "b", "run", 0), None);
    }

    #[test]
    fn a_receiver_of_a_known_type_sees_its_type_s_declarations() {
        let on = |receiver: &str, method: &str, args: usize| on(TYPES, "lowered", receiver, method, args);
        // The declarations of `close` disagree; each type's agree.
        assert_eq!(get(&around(TYPES, "lowered", 1), "close", 0), None);
        for taken in ["c", "d", "e", "k", "f", "g", "a", "t"] {
            assert_eq!(on(taken, "close", 0), Some(Receiver::Taken), "{taken}");
        }
        for lent in ["p", "h", "__self", "b"] {
            assert_eq!(on(lent, "close", 0), Some(Receiver::Lent), "{lent}");
        }
        assert_eq!(on("__self.log", "flush", 0), Some(Receiver::Lent));
        // A type with no declaration of the name, a library's: the file says nothing.
        assert_eq!(on("__self.log", "close", 0), None);
        // (Save one the lowering knows: an `mpsc` sender's `send` lends it.)
        assert_eq!(on("tx", "send", 1), Some(Receiver::Lent));
        assert_eq!(on("rx", "send", 1), None);
        assert_eq!(get(&around(TYPES, "lowered", 1), "send", 1), Some(Receiver::Taken));
        // A type not shown: what all the declarations say, if they agree.
        assert_eq!(on("x", "close", 0), None);
        assert_eq!(on("x", "send", 1), Some(Receiver::Taken));
    }

    #[test]
    fn a_method_taking_a_typed_receiver_is_named_by_its_type() {
        let by_type = |receiver: &str, method: &str| {
            let f: syn::ItemFn = syn::parse_str(TYPES[TYPES.find("async fn lowered").unwrap()..].lines().next().unwrap()).unwrap();
            let receiver: Expr = syn::parse_str(receiver).unwrap();
            with(around(TYPES, "lowered", 1), || {
                type_locals(&f.sig, &f.block);
                (declared_for_type(&receiver, method, 0), taken_by_type(&receiver, method, 0))
            })
        };
        assert_eq!(by_type("c", "close"), (Some((Receiver::Taken, "Conn".to_string())), Some("Conn".to_string())));
        assert_eq!(by_type("a", "close"), (Some((Receiver::Taken, "A".to_string())), Some("A".to_string())));
        assert_eq!(by_type("p", "close"), (Some((Receiver::Lent, "Pool".to_string())), None));
        // A type parameter (`t: impl Job`) is called by the path of the trait of its bounds
        // that declares the method; an unknown type, and a known one without the method, say
        // nothing.
        assert_eq!(by_type("t", "close"), (Some((Receiver::Taken, "Job".to_string())), Some("Job".to_string())));
        assert_eq!(by_type("x", "close"), (None, None));
        assert_eq!(by_type("__self.log", "close"), (None, None));
    }

    #[test]
    fn a_pattern_s_path_names_the_declared_fields() {
        let src = "enum Work { Copy(String, u32), Job { name: String, tag: u8 }, Idle }
            struct Task { id: u32, work: Work }
            struct Pair(u8, u8);
            mod a { pub enum E { V(u8) } }
            mod b { pub enum E { V(u8, u8) } }
            impl Task { async fn run(self) {} }";
        let fields = |path: &str| {
            let path: syn::Path = syn::parse_str(path).unwrap();
            with(around(src, "run", 1), || declared_fields(&path))
        };
        let names = |v: &[&str]| Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(fields("Work::Copy"), names(&["0", "1"]));
        assert_eq!(fields("Work::Job"), names(&["name", "tag"]));
        assert_eq!(fields("Job"), names(&["name", "tag"]));
        assert_eq!(fields("Work::Idle"), names(&[]));
        assert_eq!(fields("Self"), names(&["id", "work"]));
        assert_eq!(fields("crate::Pair"), names(&["0", "1"]));
        // Two declarations that differ, and none: nothing is spelled out.
        assert_eq!(fields("E::V"), None);
        assert_eq!(fields("Other::V"), None);
    }

    #[test]
    fn the_type_s_own_method_is_found_before_a_trait_s() {
        let src = "trait Status { fn finish(&self) -> u32; }
            struct Upload;
            impl Upload { async fn finish(self) -> u32 { 0 } }
            impl Status for Upload { fn finish(&self) -> u32 { 1 } }
            async fn run(u: Upload) { }";
        assert_eq!(on(src, "run", "u", "finish", 0), Some(Receiver::Taken));
    }

    #[test]
    fn a_declared_function_returning_a_struct_makes_it() {
        let src = "struct P { a: u8 } struct Q;
            impl P { fn load(n: &str) -> Self { P { a: 1 } } fn peek(n: &P) -> &P { n } }
            fn mk() -> P { P { a: 1 } } fn num() -> u8 { 1 } fn q() -> Q { Q }
            async fn run() { }";
        with(around(src, "run", 3), || {
            let made = |p: &str| made_by_call(&syn::parse_str(p).unwrap());
            assert_eq!(made("P::load").as_deref(), Some("P"));
            assert_eq!(made("mk").as_deref(), Some("P"));
            assert_eq!(made("q").as_deref(), Some("Q"));
            assert_eq!(made("P::peek"), None);
            assert_eq!(made("num"), None);
            assert_eq!(made("Q::load"), None);
        });
    }

    #[test]
    fn a_oneshot_sender_s_send_takes_it() {
        let src = "struct Req { n: u32, reply: tokio::sync::oneshot::Sender<u32> }
            async fn run(r: Req, tx: oneshot::Sender<u8>, m: mpsc::Sender<u8>, rs: Vec<Req>) { let (a, b) = oneshot::channel(); for q in rs { } }";
        let taken = |receiver: &str| on(src, "run", receiver, "send", 1);
        for receiver in ["r.reply", "tx", "a"] {
            assert_eq!(taken(receiver), Some(Receiver::Taken), "{receiver}");
            assert_eq!(on(src, "run", receiver, "is_closed", 0), Some(Receiver::Lent), "{receiver}");
        }
        assert_eq!(taken("m"), Some(Receiver::Lent));
        assert_eq!(taken("b"), None);
    }

    #[test]
    fn an_mpsc_permit_s_send_takes_it() {
        let src = "async fn run(tx: mpsc::Sender<u8>) {
                let (a, b) = tokio::sync::mpsc::channel::<u8>(2);
                let p = a.reserve().await.unwrap();
                let q = tx.clone().reserve_owned().await?;
                let r = tx.try_reserve().expect(\"room\");
                let s = b.reserve().await.unwrap();
            }";
        let f: syn::ItemFn = syn::parse_str(src).unwrap();
        with(around(src, "run", 1), || {
            type_locals(&f.sig, &f.block);
            for receiver in ["p", "q", "r"] {
                assert_eq!(declared_on(&syn::parse_str(receiver).unwrap(), "send", 1), Some(Receiver::Taken), "{receiver}");
            }
            assert_eq!(declared_on(&syn::parse_str("a").unwrap(), "send", 1), Some(Receiver::Lent));
            assert_eq!(declared_on(&syn::parse_str("q").unwrap(), "release", 0), Some(Receiver::Taken));
            // (A receiver's `reserve` is not a sender's.)
            assert_eq!(declared_on(&syn::parse_str("s").unwrap(), "send", 1), None);
        });
    }

    #[test]
    fn a_method_reached_through_deref_lends_the_receiver() {
        let src = "struct Sq(u32); impl Sq { fn area(&self) -> u32 { 0 } fn eat(self) {} }
            struct Handle(Sq); impl Deref for Handle { type Target = Sq; fn deref(&self) -> &Sq { &self.0 } }
            struct Plain(Sq);
            async fn run(h: Handle, p: Plain) { }";
        assert_eq!(on(src, "run", "h", "area", 0), Some(Receiver::Lent));
        // (Even one that takes `self`: through a `&Sq`, it can only copy.)
        assert_eq!(on(src, "run", "h", "eat", 0), Some(Receiver::Lent));
        // A method the file does not declare, or a type without `Deref`: nothing said.
        assert_eq!(on(src, "run", "h", "into_inner", 0), None);
        assert_eq!(on(src, "run", "p", "area", 0), None);
    }

    #[test]
    fn a_drop_impl_is_seen_in_its_own_world() {
        let src = "m! { struct Job; impl Drop for Job { fn drop(&mut self) {} } async fn a() {} }
            n! { struct Job; async fn b() {} }
            struct Top; impl Drop for Top { fn drop(&mut self) {} }";
        assert!(with(around(src, "a", 1), || implements_drop("Job")));
        assert!(!with(around(src, "b", 2), || implements_drop("Job")));
        assert!(with(around(src, "b", 2), || implements_drop("Top")));
    }

    #[test]
    fn fn_once_aliases_and_fields_are_seen() {
        let src = "type Job = Box<dyn FnOnce() -> u32>;
            type Jobs = Vec<Job>;
            type Plain = Box<dyn Fn() -> u32>;
            struct Task<F> where F: FnOnce() { run: F, name: String }
            struct Hook<G: FnOnce()> { done: G, on: Plain, later: Job }
            async fn run(t: Task<fn()>, h: Hook<fn()>) { }";
        let f: syn::ItemFn = syn::parse_str(src[src.find("async fn run").unwrap()..].lines().next().unwrap()).unwrap();
        with(around(src, "run", 1), || {
            type_locals(&f.sig, &f.block);
            assert_eq!(once_aliases(), ["Job", "Jobs"]);
            for (field, once) in [("t.run", true), ("t.name", false), ("h.done", true), ("h.on", false), ("h.later", true)] {
                assert_eq!(once_field(&syn::parse_str(field).unwrap()), once, "{field}");
            }
        });
    }

    #[test]
    fn literals_and_the_file_s_functions_type_their_locals() {
        let src = "struct Conn; impl Conn { async fn close(self) {} }
            fn make() -> Conn { Conn }
            async fn run() { let mut v = vec![Conn, Conn]; let a = v.pop().unwrap(); let t = (make(), 1u8); let b = make(); }";
        let f: syn::ItemFn = syn::parse_str(src[src.find("async fn run").unwrap()..].lines().next().unwrap()).unwrap();
        let typed = |receiver: &str| {
            let receiver: Expr = syn::parse_str(receiver).unwrap();
            with(around(src, "run", 1), || {
                type_locals(&f.sig, &f.block);
                taken_by_type(&receiver, "close", 0)
            })
        };
        for receiver in ["a", "t.0", "b"] {
            assert_eq!(typed(receiver).as_deref(), Some("Conn"), "{receiver}");
        }
        assert_eq!(typed("t.1"), None);
    }

    #[test]
    fn a_field_of_a_type_parameter_is_named_by_its_bound_s_trait() {
        let src = "trait Shutdown { fn shutdown(self) -> u32; }
            struct Rack<D> { dev: D, n: u32 }
            async fn run<D: Shutdown>(r: Rack<D>, s: Rack<u8>) { }";
        let f: syn::ItemFn = syn::parse_str(src[src.find("async fn run").unwrap()..].lines().next().unwrap()).unwrap();
        let by_path = |receiver: &str| {
            let receiver: Expr = syn::parse_str(receiver).unwrap();
            with(around(src, "run", 1), || {
                type_locals(&f.sig, &f.block);
                taken_by_type(&receiver, "shutdown", 0)
            })
        };
        assert_eq!(by_path("r.dev").as_deref(), Some("Shutdown"));
        // (`u8` is no type of the file's, and has no bounds.)
        assert_eq!(by_path("s.dev"), None);
        assert_eq!(by_path("r.n"), None);
    }
}
