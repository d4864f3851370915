//! Where each task is suspended: the "async backtrace" a deadlock report prints.
//!
//! C# counterpart: Visual Studio's *Parallel Stacks / Tasks* window, which walks the
//! `AsyncStateMachineBox` chain to show which `await` each task waits on. A Rust future has
//! no such chain, so machines lowered with the [`Tracing`](crate::builders::Tracing)
//! builder report each suspension here: the executor says which task it is polling, and
//! every machine that returns `Pending` during that poll appends a frame (innermost first,
//! since the inner machine suspends before its caller does). The frames kept for a task
//! are those of its latest poll.
//!
//! Machines built with other builders leave no frames; the report then names the task by
//! its `spawn` location only.

use crate::machine::MachineInfo;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The id of the root future (the one given to `block_on`); tasks use their address.
pub(crate) const ROOT: usize = 1;

#[derive(Clone, Copy)]
struct Frame {
    info: &'static MachineInfo,
    state: usize,
}

thread_local! {
    /// The task being polled on this thread (0: none, outside our executor).
    static CURRENT: Cell<usize> = const { Cell::new(0) };
    /// Frames per task, from its latest poll. Empty unless the `Tracing` builder is used.
    static FRAMES: RefCell<HashMap<usize, Vec<Frame>>> = RefCell::new(HashMap::new());
    static USED: Cell<bool> = const { Cell::new(false) };
}

/// Marks the start of a poll of task `id`; the guard restores the previous task (polls
/// nest when a `block_on` panics inside a task, or a combinator polls in place).
#[inline]
pub(crate) fn enter(id: usize) -> Enter {
    if USED.get() {
        FRAMES.with_borrow_mut(|f| {
            if let Some(v) = f.get_mut(&id) {
                v.clear();
            }
        });
    }
    Enter(CURRENT.replace(id))
}

pub(crate) struct Enter(usize);

impl Drop for Enter {
    #[inline]
    fn drop(&mut self) {
        CURRENT.set(self.0);
    }
}

/// A lowered machine suspended in `state` during the current poll.
pub(crate) fn record_suspend(info: &'static MachineInfo, state: usize) {
    let id = CURRENT.get();
    if id == 0 {
        return; // polled by another executor: nothing to attach the frame to
    }
    USED.set(true);
    let _ = FRAMES.try_with(|f| f.borrow_mut().entry(id).or_default().push(Frame { info, state }));
}

/// The task finished or was cancelled.
#[inline]
pub(crate) fn forget(id: usize) {
    if USED.get() {
        let _ = FRAMES.try_with(|f| f.borrow_mut().remove(&id));
    }
}

/// Forgets every task (the executor shut down).
pub(crate) fn clear() {
    if USED.get() {
        let _ = FRAMES.try_with(|f| f.borrow_mut().clear());
    }
}

/// "waiting in `inner` at Await0 (`rx.recv()`, src/x.rs:12) <- called from `outer` ...".
pub(crate) fn describe(id: usize) -> Option<String> {
    FRAMES.with_borrow(|f| {
        let frames = f.get(&id).filter(|v| !v.is_empty())?;
        let mut out = String::new();
        for (i, fr) in frames.iter().enumerate() {
            let st = fr.info.states.get(fr.state);
            let (name, awaits, line) = st.map_or(("Running", "", 0), |s| (s.name, s.awaits, s.line));
            let _ = write!(
                out,
                "{}`{}` at {} (awaiting `{}`, {}:{})",
                if i == 0 { "waiting in " } else { "\n        <- in " },
                fr.info.name,
                name,
                awaits,
                fr.info.file,
                line
            );
        }
        Some(out)
    })
}
