//! Task-local values that flow like C#'s `AsyncLocal<T>` / `ExecutionContext`.
//!
//! In C#, every `await` captures the `ExecutionContext` (an immutable map holding the
//! `AsyncLocal` values) and restores it in the continuation; `Task.Run` captures it too,
//! so a task started inside a scope sees the values of that scope. A child's changes do
//! not flow back to its parent, because the map is immutable: a change makes a new map.
//!
//! Here the context is an immutable linked list of `(key, value)` nodes behind an `Rc`:
//!
//! - [`TaskLocal::scope`] wraps a future: each time it is polled, the context "parent +
//!   this value" is installed for the poll and removed after it. A Rust future is resumed
//!   only by being polled again through the same wrappers, so the value is there after
//!   every `await` (this is the "flow across awaits").
//! - [`spawn`](crate::spawn) captures the current context (an `Rc` clone, no copy of the
//!   values) and installs it around every poll of the new task: the task sees the values
//!   of the scope it was spawned in, even after that scope has ended.
//!
//! tokio's `task_local!` has the scoping but not the capture into `spawn`.
//!
//! ```
//! use async_lower_runtime::{block_on, spawn, task_local};
//! task_local! { static REQUEST: u32; }
//! block_on(REQUEST.scope(7, async {
//!     let child = spawn(async { REQUEST.get() });
//!     assert_eq!(child.await, 7);
//! }));
//! ```

use core::any::Any;
use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::cell::RefCell;
use std::rc::Rc;

/// Declares task-local values: `task_local! { pub static NAME: Type; }` (the type must be
/// `Clone + 'static`).
#[macro_export]
macro_rules! task_local {
    ($($(#[$attr:meta])* $vis:vis static $name:ident: $ty:ty;)+) => {$(
        $(#[$attr])*
        $vis static $name: $crate::task_local::TaskLocal<$ty> =
            $crate::task_local::TaskLocal::new(::core::stringify!($name));
    )+};
}

/// One node of the context: a key, its value, and the enclosing context.
pub(crate) struct Node {
    key: *const (),
    value: Box<dyn Any>,
    parent: Option<Rc<Node>>,
}

/// A captured context (C#: an `ExecutionContext`).
pub(crate) type Ctx = Rc<Node>;

thread_local! {
    static CURRENT: RefCell<Option<Ctx>> = const { RefCell::new(None) };
}

/// The context visible now, for `spawn` to copy into the new task.
pub(crate) fn capture() -> Option<Ctx> {
    CURRENT.with_borrow(|c| c.clone())
}

/// Installs `ctx` until dropped (also on unwind).
struct Install(Option<Ctx>);

impl Install {
    fn new(ctx: Option<Ctx>) -> Install {
        Install(CURRENT.replace(ctx))
    }
}

impl Drop for Install {
    fn drop(&mut self) {
        let _ = CURRENT.try_with(|c| *c.borrow_mut() = self.0.take());
    }
}

/// A task-local key; declare one with [`task_local!`](crate::task_local!).
pub struct TaskLocal<T: 'static> {
    name: &'static str,
    _type: PhantomData<fn() -> T>,
}

impl<T: 'static> std::fmt::Debug for TaskLocal<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TaskLocal").field("name", &self.name).finish()
    }
}

impl<T: Clone + 'static> TaskLocal<T> {
    /// Used by [`task_local!`](crate::task_local!). The key's identity is the address of
    /// the `static` (the name field keeps it from being zero-sized, which would let two
    /// keys share an address).
    #[doc(hidden)]
    pub const fn new(name: &'static str) -> Self {
        TaskLocal { name, _type: PhantomData }
    }

    fn key(&'static self) -> *const () {
        self as *const Self as *const ()
    }

    /// Runs `future` with this key set to `value` (C#: `local.Value = value` at the start
    /// of an async method, seen by everything it awaits and starts).
    pub fn scope<F: Future>(&'static self, value: T, future: F) -> Scope<T, F> {
        Scope { key: self, value: Some(value), ctx: None, future }
    }

    /// Runs the closure with this key set to `value`.
    pub fn sync_scope<R>(&'static self, value: T, f: impl FnOnce() -> R) -> R {
        let node = Rc::new(Node { key: self.key(), value: Box::new(value), parent: capture() });
        let _installed = Install::new(Some(node));
        f()
    }

    /// The value of the innermost scope, if any.
    pub fn try_get(&'static self) -> Option<T> {
        let key = self.key();
        CURRENT.with_borrow(|c| {
            let mut node = c.as_deref();
            while let Some(n) = node {
                if n.key == key {
                    return n.value.downcast_ref::<T>().cloned();
                }
                node = n.parent.as_deref();
            }
            None
        })
    }

    /// The value of the innermost scope.
    ///
    /// # Panics
    /// Outside any scope of this key.
    #[track_caller]
    pub fn get(&'static self) -> T {
        self.try_get()
            .unwrap_or_else(|| panic!("task-local `{}` read outside any scope that sets it", self.name))
    }
}

pin_project_lite::pin_project! {
    /// The future of [`TaskLocal::scope`].
    pub struct Scope<T: 'static, F> {
        key: &'static TaskLocal<T>,
        value: Option<T>,
        ctx: Option<Ctx>,
        #[pin]
        future: F,
    }
}

impl<T: Clone + 'static, F: Future> Future for Scope<T, F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        if this.ctx.is_none() {
            // Built once, on the first poll: one allocation per scope, none per poll.
            let value = this.value.take().expect("value is taken once");
            *this.ctx = Some(Rc::new(Node { key: this.key.key(), value: Box::new(value), parent: capture() }));
        }
        let _installed = Install::new(this.ctx.clone());
        this.future.poll(cx)
    }
}

pin_project_lite::pin_project! {
    /// A spawned future together with the context captured at `spawn`.
    pub(crate) struct WithContext<F> {
        ctx: Ctx,
        #[pin]
        future: F,
    }
}

impl<F> WithContext<F> {
    pub(crate) fn new(ctx: Ctx, future: F) -> Self {
        WithContext { ctx, future }
    }
}

impl<F: Future> Future for WithContext<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let _installed = Install::new(Some(this.ctx.clone()));
        this.future.poll(cx)
    }
}
