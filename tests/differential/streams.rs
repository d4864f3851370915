//! The treatise's CopyStreamAsync over in-memory streams with pending steps, and two
//! variants a user would also write (`while let` with an inner write loop, generic streams).
use crate::prelude::*;
use std::io;

/// Data, with reads of at most 3000 bytes, logged, pending per the seeded schedule.
pub fn source(len: usize) -> MemReader {
    MemReader::new(pattern(len)).with_chunk(3000).with_pending_fn(draw_pending).with_log(log)
}

/// A writer that logs and pends per the seeded schedule.
pub fn destination() -> MemWriter {
    MemWriter::new().with_chunk(1500).with_pending_fn(draw_pending).with_log(log)
}

twin! {
    /// `copy_stream` as in `tests/common/copy_stream.rs`: 10,000 bytes, an empty source,
    /// and a source that fails mid-way (`?` returns the error).
    copy_stream {
        copy_stream_tokens!(lower!());
    }
    run {
        pair(
            pair(copy_stream(leak(source(10_000)), leak(destination())), copy_stream(leak(source(0)), leak(destination()))),
            pair(
                copy_stream(leak(source(10_000).failing_at(7000)), leak(destination())),
                copy_stream(leak(source(5000)), leak(destination().failing_after(4500))),
            ),
        )
    }
}

twin! {
    /// The `while` shape of CopyStreamAsync: the read awaits in the `while let` scrutinee
    /// (with `?`), the write loops over partial writes.
    copy_stream_while {
        lower! {
            pub async fn copy_stream(source: &mut MemReader, destination: &mut MemWriter) -> io::Result<u64> {
                let mut buffer = vec![0u8; 4096];
                let mut total = 0u64;
                while let read @ 1.. = source.read(&mut buffer).await? {
                    let mut written = 0;
                    while written < read {
                        written += destination.write(&buffer[written..read]).await?;
                    }
                    total += read as u64;
                }
                Ok(total)
            }
        }
    }
    run {
        pair(
            copy_stream(leak(source(9000)), leak(destination())),
            copy_stream(leak(source(9000)), leak(destination().failing_after(5000))),
        )
    }
}

twin! {
    /// CopyStreamAsync over generic streams (`R: AsyncSource, W: AsyncSink`), buffer size a
    /// parameter, returning the destination's bytes count and a checksum.
    copy_stream_generic {
        lower! {
            pub async fn copy_generic<R, W>(source: &mut R, destination: &mut W, size: usize) -> io::Result<(u64, u32)>
            where
                R: AsyncSource + ?Sized,
                W: AsyncSink,
            {
                let mut buffer = vec![0u8; size];
                let mut total = 0u64;
                let mut sum = 0u32;
                loop {
                    let n = match source.read_into(&mut buffer).await {
                        Ok(0) => break,
                        Ok(n) => n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(e),
                    };
                    let chunk = &buffer[..n];
                    sum = chunk.iter().fold(sum, |a, &b| a.wrapping_mul(31).wrapping_add(b as u32));
                    let mut rest = chunk;
                    while !rest.is_empty() {
                        let w = destination.write_some(rest).await?;
                        rest = &rest[w..];
                    }
                    total += n as u64;
                }
                Ok((total, sum))
            }
        }
    }
    run { copy_generic(leak(source(7000)), leak(destination()), 1024) }
}
