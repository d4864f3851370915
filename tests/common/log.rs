//! The shared event log (thread-local) and the seeded schedule of pending counts.

use std::cell::{Cell, RefCell};

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static RNG: Cell<u64> = const { Cell::new(0) };
    static MAX_PENDING: Cell<u64> = const { Cell::new(2) };
}

/// Appends one event to this thread's log.
pub fn log(event: impl Into<String>) {
    let event = event.into();
    LOG.with(|l| l.borrow_mut().push(event));
}

/// Takes (and clears) this thread's log.
pub fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// Clears the log and restarts the pending schedule from `seed`. Seed 0 means "never
/// pending": every leaf is ready at its first poll.
pub fn reset(seed: u64) {
    take_log();
    RNG.with(|r| r.set(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
}

/// Sets the largest number of times one leaf returns `Pending` (default 2).
pub fn set_max_pending(max: u64) {
    MAX_PENDING.with(|m| m.set(max));
}

/// The next number of `Pending`s from the seeded schedule (xorshift64*).
pub fn draw_pending() -> u32 {
    RNG.with(|r| {
        let mut x = r.get();
        if x == 0 {
            return 0;
        }
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        r.set(x);
        let max = MAX_PENDING.with(|m| m.get());
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as u32 % (max as u32 + 1)
    })
}
