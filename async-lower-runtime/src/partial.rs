//! Partly moved locals: rustc's per-field drop flags, kept by hand.
//!
//! Natively, `let n = job.id; work().await; ..` copies a field out and `job` lives on to the
//! end of its scope; `let name = job.name; work().await; ..` moves one field out and the
//! rest of `job` lives on. The coroutine keeps `job` in place with a drop flag per field.
//! A proc macro cannot tell a copy from a move, and an enum variant cannot hold a partly
//! moved value, so a local whose fields are read as values before an await it lives across
//! is held whole in a [`Partial`]: a field read as a value is copied out bit for bit
//! ([`Partial::move_field`]) and a bit records it; when the local's scope ends (or the
//! machine is dropped), the bits say which fields not to drop again.
//!
//! The borrow-check shadow proves what makes this sound: natively, a field that was really
//! moved is never read again until it is assigned.

use core::mem::ManuallyDrop;
use core::ops::{Deref, DerefMut};

/// A local `T`, whole in memory, with a bit per field path that was read out as a value.
pub struct Partial<T> {
    value: ManuallyDrop<T>,
    /// Bit `k`: the k-th field path was read out (or [`WHOLE`]: the value was).
    moved: u64,
    /// Drops `T` except the fields whose bits are set: generated per local, it moves those
    /// fields out and forgets them, and rustc's own drop glue drops the rest. (A function
    /// pointer, not a closure type: the code that makes the local may be emitted in more
    /// than one place, and each copy of a closure is a type of its own.)
    rest: fn(T, u64),
}

/// The bit for "the whole value was moved out".
const WHOLE: u64 = 1 << 63;

impl<T> Partial<T> {
    /// `let job = value;`: `rest` drops a `T` whose fields with set bits were read out.
    pub fn new(value: T, rest: fn(T, u64)) -> Self {
        Partial {
            value: ManuallyDrop::new(value),
            moved: 0,
            rest,
        }
    }

    /// `job.name` as a value: the field's bits, with `bit` recording that it is out.
    ///
    /// # Safety
    /// The field must not be used again until it is assigned ([`Partial::refill`]), unless
    /// its type is `Copy`: what the native body's borrow check (the shadow) proves.
    pub unsafe fn move_field<F>(&mut self, bit: u64, field: impl FnOnce(&T) -> &F) -> F {
        self.moved |= bit;
        // SAFETY: `field` points into `self.value`, initialized; the bit keeps it from being
        // dropped again, and the caller's contract keeps it from being read as a value twice.
        unsafe { core::ptr::read(field(&self.value)) }
    }

    /// `match job.kind { .. }` (or `if let`, `let .. else`) reached an arm whose pattern binds
    /// nothing: natively the match moved nothing out of `job.kind`. The generated code read the
    /// field out with [`Partial::move_field`] to match it; here that copy is forgotten and the
    /// bit cleared, so the field stays `job`'s, to be dropped with it.
    ///
    /// # Safety
    /// `value` is what `move_field(bit, ..)` returned for this field, unchanged, and the field
    /// was not written since: its bits are still in place.
    pub unsafe fn put_back<F>(&mut self, bit: u64, value: F) {
        core::mem::forget(value);
        self.moved &= !bit;
    }

    /// `match job.kind { K::B(s, _) => .. }` reached an arm that binds part of the field
    /// read out and leaves the rest (`_`): natively the rest stays in `job.kind`, to drop
    /// with `job`. The arm bound the rest of the copy too (`left`) and it is forgotten
    /// here. The bits of the field's path (`bits`: its own, set by the read-out, and those
    /// of other arms on it) give way to the arm's (`arm`), whose part of `rest` forgets only
    /// what the arm's pattern binds. (An earlier arm on the same field can only have copied:
    /// natively a field partly moved cannot be matched again.)
    ///
    /// # Safety
    /// `left` holds the parts of the copy `move_field(..)` returned that the arm's pattern
    /// does not bind, and the field was not written since.
    pub unsafe fn left_in_place<L>(&mut self, bits: u64, arm: u64, left: L) {
        core::mem::forget(left);
        self.moved = (self.moved & !bits) | arm;
    }

    /// `job.inner = value` after `job.inner.name` was read out (`bits`: those of the paths
    /// under `inner`): the new value is written, and of the old one only what was not read
    /// out is dropped (`rest` forgets the parts whose bits are set).
    pub fn refill_part<F>(
        &mut self,
        bits: u64,
        value: F,
        field: impl FnOnce(&mut T) -> &mut F,
        rest: impl FnOnce(F, u64),
    ) {
        let moved = self.moved & bits;
        let whole = self.moved & WHOLE != 0;
        let place = field(&mut self.value);
        if moved == 0 && !whole {
            *place = value;
            return;
        }
        // SAFETY: `place` is a valid, aligned field of `self.value`; the old value is read
        // out once and replaced at once.
        let old = unsafe { core::ptr::replace(place, value) };
        self.moved &= !bits;
        if whole {
            // Moved out as a whole: nothing of the old value is ours to drop.
            core::mem::forget(old);
        } else {
            rest(old, moved);
        }
    }

    /// `job.name = value`: a field that was read out is written without dropping what
    /// was there (it is owned elsewhere now); otherwise the old value is dropped, as usual.
    pub fn refill<F>(&mut self, bit: u64, value: F, field: impl FnOnce(&mut T) -> &mut F) {
        let place = field(&mut self.value);
        if self.moved & (bit | WHOLE) != 0 {
            // SAFETY: `place` is a valid, aligned field of `self.value`; its old contents
            // were moved out, so overwriting them leaks nothing.
            unsafe { core::ptr::write(place, value) };
            self.moved &= !bit;
        } else {
            *place = value;
        }
    }

    /// `job` as a value (`consume(job)`): the whole bits. The native borrow check proves no
    /// field was moved out before (copies of `Copy` fields may have been).
    ///
    /// # Safety
    /// The value must not be used again until it is assigned ([`Partial::set`]), unless `T`
    /// is `Copy`: what the shadow proves.
    pub unsafe fn move_whole(&mut self) -> T {
        self.moved = WHOLE;
        // SAFETY: `self.value` is initialized; `WHOLE` keeps it from being dropped again.
        unsafe { core::ptr::read(&*self.value) }
    }

    /// `job = value`: drops what is left of the old value, as native assignment does.
    pub fn set(&mut self, value: T) {
        self.drop_rest();
        self.value = ManuallyDrop::new(value);
        self.moved = 0;
    }

    fn drop_rest(&mut self) {
        if self.moved & WHOLE != 0 {
            return;
        }
        // SAFETY: the value is initialized and not moved out as a whole; it is taken once,
        // and `WHOLE` marks it gone.
        let value = unsafe { ManuallyDrop::take(&mut self.value) };
        let moved = core::mem::replace(&mut self.moved, WHOLE);
        if moved == 0 {
            drop(value);
        } else {
            (self.rest)(value, moved);
        }
    }
}

impl<T> Drop for Partial<T> {
    fn drop(&mut self) {
        self.drop_rest();
    }
}

impl<T> Deref for Partial<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for Partial<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    thread_local!(static LOG: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) });
    struct D(&'static str);
    impl Drop for D {
        fn drop(&mut self) {
            LOG.with(|l| l.borrow_mut().push(self.0));
        }
    }
    struct Pair {
        a: D,
        b: D,
    }
    fn log() -> Vec<&'static str> {
        LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
    }
    /// `let p = Pair { .. }`, whose field `a` (bit 1) may be read out.
    fn pair() -> Partial<Pair> {
        Partial::new(Pair { a: D("a"), b: D("b") }, |p, moved| {
            if moved & 1 != 0 {
                core::mem::forget(p.a);
            }
        })
    }

    #[test]
    fn drops_only_what_is_left() {
        let mut p = pair();
        let a = unsafe { p.move_field(1, |p| &p.a) };
        drop(p);
        assert_eq!(log(), ["b"]);
        drop(a);
        assert_eq!(log(), ["a"]);
    }

    #[test]
    fn put_back_leaves_the_field_to_the_local() {
        let mut p = pair();
        let a = unsafe { p.move_field(1, |p| &p.a) };
        unsafe { p.put_back(1, a) };
        assert_eq!(log(), Vec::<&str>::new());
        drop(p);
        assert_eq!(log(), ["a", "b"]);
    }

    #[test]
    fn refill_and_set_drop_in_native_order() {
        let mut p = pair();
        let a = unsafe { p.move_field(1, |p| &p.a) };
        p.refill(1, D("a2"), |p| &mut p.a);
        assert_eq!(log(), Vec::<&str>::new());
        p.refill(1, D("a3"), |p| &mut p.a);
        assert_eq!(log(), ["a2"]);
        p.set(Pair { a: D("x"), b: D("y") });
        assert_eq!(log(), ["a3", "b"]);
        let whole = unsafe { p.move_whole() };
        drop(p);
        assert_eq!(log(), Vec::<&str>::new());
        drop((a, whole));
        assert_eq!(log(), ["a", "x", "y"]);
    }

    #[test]
    fn an_arm_leaving_part_of_the_field_leaves_it_to_the_local() {
        // `match p.a_and_b { (x, _) => .. }` on `(a, b)`: bit 1 the field, bit 2 the arm.
        let mut p = Partial::new(((D("a"), D("b")), D("t")), |p, moved| {
            if moved & 1 != 0 {
                core::mem::forget(p.0);
            } else if moved & 2 != 0 {
                let (x, _) = p.0;
                core::mem::forget(x);
            }
        });
        let (x, left) = unsafe { p.move_field(1, |p| &p.0) };
        unsafe { p.left_in_place(1 | 2, 2, (left,)) };
        assert_eq!(log(), Vec::<&str>::new());
        drop(x);
        assert_eq!(log(), ["a"]);
        drop(p);
        assert_eq!(log(), ["b", "t"]);
    }

    struct Nest {
        inner: Pair,
        t: D,
    }

    #[test]
    fn refill_part_drops_only_what_was_left_of_the_old_part() {
        let mut n = Partial::new(Nest { inner: Pair { a: D("a"), b: D("b") }, t: D("t") }, |n, moved| {
            if moved & 1 != 0 {
                core::mem::forget(n.inner.a);
            }
        });
        let a = unsafe { n.move_field(1, |n| &n.inner.a) };
        n.refill_part(1, Pair { a: D("a2"), b: D("b2") }, |n| &mut n.inner, |old, moved| {
            if moved & 1 != 0 {
                core::mem::forget(old.a);
            }
        });
        assert_eq!(log(), ["b"]);
        drop(n);
        assert_eq!(log(), ["a2", "b2", "t"]);
        drop(a);
        assert_eq!(log(), ["a"]);
    }
}
