//! A class exercise, ready to copy: `cp tests/exercise_template.rs tests/exercise_NAME.rs`.
//! See docs/src/exercises.md for the walk-through.
//!
//! An exercise has two checks on one piece of source:
//! 1. a **snapshot** of what `async_lower::expand` makes of it: the students predict the
//!    state enum (which variants, which locals lifted into which variant) and compare
//!    their prediction with `tests/snapshots/exercise_template__*.snap`;
//! 2. a **behaviour** check: the same function, compiled through `#[async_lower::lower]`,
//!    runs and gives the answer the plain `async fn` would.
//!
//! `exercise!` keeps one copy of the source: it compiles the items *and* stores their text
//! in the named constant for `expand` (`stringify!` loses the layout, but `expand` formats
//! its output anyway). A file can hold several exercises, each with its own constant.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: exercise
macro_rules! exercise {
    (const $name:ident; $($source:tt)*) => {
        $($source)*
        /// The exercise's source, as `async_lower::expand` receives it.
        const $name: &str = stringify!($($source)*);
    };
}

exercise! {
    const SUM_OF_TWO;
    /// Exercise 1: which locals does the state enum keep at each await?
    /// (`a` lives across the second await; `b` never does; `label` lives across both.)
    #[async_lower::lower]
    async fn sum_of_two(first: Later, second: Later) -> String {
        let label = String::from("sum");
        let a = first.await;
        let b = second.await;
        format!("{label} = {}", a + b)
    }
}
// ANCHOR_END: exercise

/// A leaf future that is `Pending` once, then ready with its value: each await suspends.
struct Later {
    value: u32,
    polled: bool,
}

fn later(value: u32) -> Later {
    Later { value, polled: false }
}

impl Future for Later {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if std::mem::replace(&mut self.polled, true) {
            Poll::Ready(self.value)
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// Check 1: the expansion. On the first run insta writes the snapshot for review
/// (`cargo insta review`, or `INSTA_UPDATE=always cargo test --test exercise_NAME`).
#[test]
fn sum_of_two_expansion() {
    insta::assert_snapshot!("sum_of_two", async_lower::expand(SUM_OF_TWO).unwrap());
}

/// Check 2: the lowered function behaves like the `async fn` it came from.
#[test]
fn sum_of_two_runs() {
    let output = futures::executor::block_on(sum_of_two(later(2), later(40)));
    assert_eq!(output, "sum = 42");
}
