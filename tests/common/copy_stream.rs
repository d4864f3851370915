//! The treatise's CopyStreamAsync, in Rust, written once:
//!
//! ```csharp
//! async Task CopyStreamToStreamAsync(Stream source, Stream destination)
//! {
//!     var buffer = new byte[0x1000];
//!     int numRead;
//!     while ((numRead = await source.ReadAsync(buffer, 0, buffer.Length)) != 0)
//!         await destination.WriteAsync(buffer, 0, numRead);
//! }
//! ```
//!
//! The tokens of the function live in one macro, `copy_stream_tokens!`, which hands them to
//! a callback macro, so the same source can be compiled natively, compiled lowered, or turned
//! into a string for `async_lower::expand` snapshots:
//!
//! ```ignore
//! mod native { use crate::common::io::*; copy_stream_tokens!(emit_with_attr!(allow();)); }
//! mod lowered { use crate::common::io::*; copy_stream_tokens!(emit_with_attr!(async_lower::lower;)); }
//! const SOURCE: &str = copy_stream_tokens!(emit_source!());
//! ```
//!
//! The function needs `MemReader`, `MemWriter` (from `common::io`) in scope.

/// Calls `$callback!($args.. <the fn item tokens>)`.
macro_rules! copy_stream_tokens {
    ($callback:ident ! ( $($args:tt)* )) => {
        $callback! { $($args)*
            /// Copies `source` into `destination` through one 4 KiB buffer lent to every
            /// read; returns the number of bytes copied.
            pub async fn copy_stream(source: &mut MemReader, destination: &mut MemWriter) -> std::io::Result<u64> {
                let mut buffer = vec![0u8; 4096];
                let mut total: u64 = 0;
                loop {
                    let read = source.read(&mut buffer).await?;
                    if read == 0 {
                        break;
                    }
                    destination.write_all(&buffer[..read]).await?;
                    total += read as u64;
                }
                Ok(total)
            }
        }
    };
}

/// Emits the item with an optional attribute: `emit_with_attr!(async_lower::lower; item)`.
macro_rules! emit_with_attr {
    ($($attr:meta)? ; $($item:tt)*) => {
        $(#[$attr])?
        $($item)*
    };
}

/// The item's source text (token-spaced), for `async_lower::expand`: prepend
/// `#[async_lower::lower]` yourself.
macro_rules! emit_source {
    ($($item:tt)*) => {
        stringify!($($item)*)
    };
}
