//! `twin_pair!`: one piece of source, compiled twice.
//!
//! ```ignore
//! mod body {
//!     twin_pair! {
//!         {
//!             // Any items. Every item is copied into both `native` and `lowered`;
//!             // `lower! { one fn }` marks a function to lower: it expands to the fn as
//!             // written in `native` and under `#[async_lower::lower]` in `lowered`
//!             // (also inside `impl` blocks).
//!             lower! {
//!                 pub async fn f(t: Tracker, n: u32) -> u32 { leaf("a", n).await + 1 }
//!             }
//!         }
//!         // A block expanded in each copy (so `f` is that copy's `f`); it must return the
//!         // future under test. Borrowed arguments: `leak(..)` (never freed).
//!         run { f(Tracker("t"), 3) }
//!     }
//! }
//! // body::native::__run(), body::lowered::__run() and body::fields::__run() (the same
//! // items lowered with `layout = "fields"`) now build the three futures.
//! ```
//!
//! Both copies see the items of the module that invokes the macro's parent through
//! `use super::super::*`, so shared helpers (traits, error types, native helper functions)
//! are written once, beside the invocation.

macro_rules! twin_pair {
    // One copy of the items: `lower!` puts each marked function under `$attr` (none: the
    // function as written).
    (@copy ($d:tt) $name:ident [$($attr:tt)*] $doc:literal { $($items:tt)* } run { $($run:tt)* }) => {
        #[doc = $doc]
        pub mod $name {
            #[allow(unused_macros)]
            macro_rules! lower {
                ($d($d item:tt)*) => { $($attr)* $d($d item)* };
            }
            #[allow(unused_imports)]
            use super::super::*;

            $($items)*

            /// Builds the future under test.
            #[allow(dead_code)]
            pub fn __run() -> impl ::core::future::Future<Output = impl ::core::fmt::Debug> {
                $($run)*
            }
        }
    };
    ({ $($items:tt)* } run { $($run:tt)* }) => {
        twin_pair!(enum_only { $($items)* } run { $($run)* });
        twin_pair!(@copy ($) fields [#[async_lower::lower(layout = "fields")]] "The same items lowered with `layout = \"fields\"` (C#'s shape: one struct)." { $($items)* } run { $($run)* });
    };
    // Without the `fields` copy (see `differential_probes.rs`).
    (enum_only { $($items:tt)* } run { $($run:tt)* }) => {
        twin_pair!(@copy ($) native [] "The items as written, compiled by rustc." { $($items)* } run { $($run)* });
        twin_pair!(@copy ($) lowered [#[async_lower::lower]] "The same items, each `lower! { fn }` under `#[async_lower::lower]`." { $($items)* } run { $($run)* });
    };
}

/// Leaks a value to lend it to a future for `'static` (the twins' `run` blocks return the
/// future, so whatever it borrows must outlive them).
pub fn leak<T>(value: T) -> &'static mut T {
    Box::leak(Box::new(value))
}
