//! CopyStreamAsync, the treatise's first example, in Rust: an `async fn` and its twin.
//!
//! `copy_stream` is lowered by `#[async_lower::lower]`; `by_hand::copy_stream` is the same
//! function written as a state machine by hand, in the shape the compiler generates:
//! an enum with `Start`, one `AwaitN` per `.await`, the locals that live across an await
//! lifted into the variants, and the awaiter stored and polled in place.
//!
//! Run: `cargo run --example copy_stream`. The twin is checked against the annotated
//! function (output, polls, order of side effects) in `tests/examples_twins.rs`.

#[path = "common/drive.rs"]
pub mod drive;
#[path = "common/io.rs"]
pub mod memio;

use memio::{AsyncRead, AsyncWrite};

// ANCHOR: lowered
/// Copies everything from `source` to `destination`, 4 KiB at a time.
#[async_lower::lower]
pub async fn copy_stream<R: AsyncRead, W: AsyncWrite>(
    source: &mut R,
    destination: &mut W,
) -> std::io::Result<u64> {
    let mut buffer = vec![0u8; 4096];
    let mut total = 0u64;
    loop {
        let n = source.read(&mut buffer).await?;
        if n == 0 {
            break;
        }
        destination.write_all(&buffer[..n]).await?;
        total += n as u64;
    }
    Ok(total)
}
// ANCHOR_END: lowered

/// The same function lowered in C#'s shape (`layout = "fields"`): one struct with a state tag
/// and a field per awaiter and hoisted local. Same behaviour, bigger (see `main`).
pub mod as_fields {
    use super::memio::{AsyncRead, AsyncWrite};

    #[async_lower::lower(layout = "fields")]
    pub async fn copy_stream<R: AsyncRead, W: AsyncWrite>(
        source: &mut R,
        destination: &mut W,
    ) -> std::io::Result<u64> {
        let mut buffer = vec![0u8; 4096];
        let mut total = 0u64;
        loop {
            let n = source.read(&mut buffer).await?;
            if n == 0 {
                break;
            }
            destination.write_all(&buffer[..n]).await?;
            total += n as u64;
        }
        Ok(total)
    }
}

/// The same function without the attribute: rustc's own lowering, for comparison.
pub mod native {
    use super::memio::{AsyncRead, AsyncWrite};

    pub async fn copy_stream<R: AsyncRead, W: AsyncWrite>(
        source: &mut R,
        destination: &mut W,
    ) -> std::io::Result<u64> {
        let mut buffer = vec![0u8; 4096];
        let mut total = 0u64;
        loop {
            let n = source.read(&mut buffer).await?;
            if n == 0 {
                break;
            }
            destination.write_all(&buffer[..n]).await?;
            total += n as u64;
        }
        Ok(total)
    }
}

/// The same function, written by hand as an explicit state machine.
pub mod by_hand {
    // ANCHOR: twin
    use super::memio::{AsyncRead, AsyncWrite, Read, WriteAll};
    use std::future::Future;
    use std::io;
    use std::marker::PhantomPinned;
    use std::mem;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    /// Calling the function only stores the arguments. Nothing of the body runs until the
    /// first poll (Rust futures are lazy; a C# async method runs up to its first await).
    pub fn copy_stream<'s, 'd, R: AsyncRead, W: AsyncWrite>(
        source: &'s mut R,
        destination: &'d mut W,
    ) -> CopyStream<'s, 'd, R, W> {
        CopyStream { state: State::Start { source, destination }, _pin: PhantomPinned }
    }

    /// The future: one state value, pinned once it is polled.
    pub struct CopyStream<'s, 'd, R, W> {
        state: State<'s, 'd, R, W>,
        // An awaiter borrows locals stored beside it, so this value must never move once
        // polled: `PhantomPinned` makes it `!Unpin`, and `Pin` then forbids the move.
        _pin: PhantomPinned,
    }

    /// One variant per place the function can be: before its first poll, suspended at
    /// each `.await`, and finished. Each variant holds exactly the locals alive there.
    ///
    /// Fields drop in declaration order, so the awaiter comes first (it borrows the
    /// locals after it) and the locals follow in reverse order of declaration, as a
    /// native `async fn` drops them when it is cancelled.
    enum State<'s, 'd, R, W> {
        /// Not polled yet: only the arguments exist.
        Start { source: &'s mut R, destination: &'d mut W },
        /// Suspended at `source.read(&mut buffer).await`.
        Await0 {
            awaiter: Option<Read<'s, R>>,
            total: u64,
            buffer: Vec<u8>,
            destination: &'d mut W,
            source: &'s mut R,
        },
        /// Suspended at `destination.write_all(&buffer[..n]).await`. `n` is needed after
        /// the await (`total += n`), so it is lifted too.
        Await1 {
            awaiter: Option<WriteAll<'d, W>>,
            n: usize,
            total: u64,
            buffer: Vec<u8>,
            destination: &'d mut W,
            source: &'s mut R,
        },
        /// The body is running between two awaits: its locals are on the stack.
        Running,
        /// Finished: polling again is a bug.
        Returned,
    }

    impl<R: AsyncRead, W: AsyncWrite> Future for CopyStream<'_, '_, R, W> {
        type Output = io::Result<u64>;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<u64>> {
            // SAFETY: we never move the state while an awaiter inside it is alive: a
            // variant is replaced (moved out with `mem::replace`) only after its awaiter
            // has finished and been set to `None`.
            let state = unsafe { &mut self.get_unchecked_mut().state };
            // `loop` so that after each transition the new awaiter is polled at once, as
            // native code does: a ready awaiter costs no extra `Pending`.
            loop {
                match state {
                    State::Start { .. } => {
                        let State::Start { source, destination } = mem::replace(state, State::Running)
                        else {
                            unreachable!()
                        };
                        // The user's code up to the first await, unchanged.
                        let buffer = vec![0u8; 4096];
                        let total = 0u64;
                        // Park the live locals, then build the awaiter in place from them.
                        *state = State::Await0 { awaiter: None, total, buffer, destination, source };
                        start_read(state);
                    }
                    State::Await0 { awaiter, .. } => {
                        let Poll::Ready(result) = poll_in_place(awaiter, cx) else {
                            return Poll::Pending; // the awaiter has arranged a wake-up
                        };
                        // The awaiter is gone, so nothing borrows the parked locals any
                        // more: move them back into ordinary locals.
                        let State::Await0 { total, buffer, destination, source, .. } =
                            mem::replace(state, State::Running)
                        else {
                            unreachable!()
                        };
                        // `?`: on error the locals are dropped and the function returns.
                        let n = match result {
                            Ok(n) => n,
                            Err(e) => return finish(state, Err(e)),
                        };
                        if n == 0 {
                            return finish(state, Ok(total)); // `break;` then `Ok(total)`
                        }
                        *state = State::Await1 { awaiter: None, n, total, buffer, destination, source };
                        start_write(state);
                    }
                    State::Await1 { awaiter, .. } => {
                        let Poll::Ready(result) = poll_in_place(awaiter, cx) else {
                            return Poll::Pending;
                        };
                        let State::Await1 { n, mut total, buffer, destination, source, .. } =
                            mem::replace(state, State::Running)
                        else {
                            unreachable!()
                        };
                        if let Err(e) = result {
                            return finish(state, Err(e));
                        }
                        total += n as u64;
                        // End of the loop body: back to the loop head, the read.
                        *state = State::Await0 { awaiter: None, total, buffer, destination, source };
                        start_read(state);
                    }
                    State::Running => unreachable!("a previous poll panicked mid-body"),
                    State::Returned => panic!("`async fn` resumed after completion"),
                }
            }
        }
    }

    /// Builds `source.read(&mut buffer)` inside `Await0`, from the locals parked there.
    fn start_read<'s, R: AsyncRead, W>(state: &mut State<'s, '_, R, W>) {
        let State::Await0 { awaiter, buffer, source, .. } = state else { unreachable!() };
        // SAFETY: the awaiter borrows `source` and `buffer`, its neighbours in the same
        // pinned variant: a self-reference the borrow checker cannot express, so we extend
        // the borrows to `'s` by hand. It is sound because (1) the state is pinned, (2)
        // nobody touches `source` or `buffer` while the awaiter exists, and (3) the
        // awaiter is dropped first, on `Ready` or by field order when the future is dropped.
        let (source, buffer): (&'s mut R, &'s mut [u8]) = unsafe { (detach(*source), detach(buffer)) };
        *awaiter = Some(source.read(buffer));
    }

    /// Builds `destination.write_all(&buffer[..n])` inside `Await1`.
    fn start_write<'d, R, W: AsyncWrite>(state: &mut State<'_, 'd, R, W>) {
        let State::Await1 { awaiter, n, buffer, destination, .. } = state else { unreachable!() };
        // SAFETY: as in `start_read`.
        let (destination, bytes): (&'d mut W, &'d mut [u8]) =
            unsafe { (detach(*destination), detach(&mut buffer[..*n])) };
        *awaiter = Some(destination.write_all(bytes));
    }

    /// Reborrows `value` with a lifetime the caller picks, hiding the borrow from the
    /// borrow checker (the generated code calls the runtime's `machine::detach`).
    ///
    /// # Safety
    /// The referent must not move, and nothing else may use it, while the result is alive.
    pub(crate) unsafe fn detach<'u, T: ?Sized>(value: &mut T) -> &'u mut T {
        // SAFETY: forwarded to the caller.
        unsafe { &mut *(value as *mut T) }
    }

    /// Polls the awaiter where it lies; drops it as soon as it is ready, as native code
    /// drops an awaited future right after its `.await`.
    pub(crate) fn poll_in_place<F: Future + Unpin>(awaiter: &mut Option<F>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // Our awaiters are `Unpin`, so `Pin::new` is enough. A `!Unpin` awaiter would need
        // `Pin::new_unchecked`, justified by the pinning of the whole state.
        let poll = Pin::new(awaiter.as_mut().expect("awaiter polled after completion")).poll(cx);
        if poll.is_ready() {
            *awaiter = None;
        }
        poll
    }

    /// Every return path: mark the machine finished, then hand out the result.
    fn finish<R, W, T>(state: &mut State<'_, '_, R, W>, result: T) -> Poll<T> {
        *state = State::Returned;
        Poll::Ready(result)
    }
    // ANCHOR_END: twin
}

/// The same function in C#'s layout: one struct, a state number, every lifted local a
/// field for the whole life of the future (the shape of a Roslyn *debug* build, where the
/// state machine is a class). Compare its size with the enum twin's in `main`.
pub mod by_hand_fields {
    // ANCHOR: fields
    use super::by_hand::{detach, poll_in_place};
    use super::memio::{AsyncRead, AsyncWrite, Read, WriteAll};
    use std::future::Future;
    use std::io;
    use std::marker::PhantomPinned;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    /// C#'s numbering: -1 not started (C# also uses it for "running"), N suspended at
    /// await N, -2 finished.
    const START: i32 = -1;
    const DONE: i32 = -2;

    pub fn copy_stream<'s, 'd, R: AsyncRead, W: AsyncWrite>(
        source: &'s mut R,
        destination: &'d mut W,
    ) -> CopyStream<'s, 'd, R, W> {
        CopyStream {
            state: START,
            read_awaiter: None,
            write_awaiter: None,
            n: 0,
            total: 0,
            buffer: Vec::new(), // an empty Vec does not allocate: C#'s `null`
            destination,
            source,
            _pin: PhantomPinned,
        }
    }

    /// Every field exists in every state: no overlap, so the struct is the *sum* of what
    /// the enum twin stores per variant. Awaiters first: they borrow the fields after them.
    pub struct CopyStream<'s, 'd, R, W> {
        state: i32,
        read_awaiter: Option<Read<'s, R>>,
        write_awaiter: Option<WriteAll<'d, W>>,
        n: usize,
        total: u64,
        buffer: Vec<u8>,
        destination: &'d mut W,
        source: &'s mut R,
        _pin: PhantomPinned,
    }

    impl<R: AsyncRead, W: AsyncWrite> Future for CopyStream<'_, '_, R, W> {
        type Output = io::Result<u64>;

        /// C#'s `MoveNext`: jump on the state number, run to the next await, store the state.
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<u64>> {
            // SAFETY: no field is ever moved out of the pinned struct; fields are only
            // overwritten in place, and an awaiter is cleared before what it borrows is.
            let this = unsafe { self.get_unchecked_mut() };
            loop {
                match this.state {
                    START => {
                        this.buffer = vec![0u8; 4096];
                        this.total = 0;
                        this.start_read();
                    }
                    0 => {
                        let Poll::Ready(result) = poll_in_place(&mut this.read_awaiter, cx) else {
                            return Poll::Pending;
                        };
                        match result {
                            Err(e) => return this.finish(Err(e)),
                            Ok(0) => return this.finish(Ok(this.total)),
                            Ok(n) => {
                                this.n = n;
                                this.start_write();
                            }
                        }
                    }
                    1 => {
                        let Poll::Ready(result) = poll_in_place(&mut this.write_awaiter, cx) else {
                            return Poll::Pending;
                        };
                        if let Err(e) = result {
                            return this.finish(Err(e));
                        }
                        this.total += this.n as u64;
                        this.start_read();
                    }
                    _ => panic!("`async fn` resumed after completion"),
                }
            }
        }
    }

    impl<'s, 'd, R: AsyncRead, W: AsyncWrite> CopyStream<'s, 'd, R, W> {
        fn start_read(&mut self) {
            // SAFETY: the awaiter borrows two fields of this pinned struct; neither is
            // touched until the awaiter is cleared, and it is declared (so dropped) first.
            let (source, buffer): (&'s mut R, &'s mut [u8]) =
                unsafe { (detach(self.source), detach(&mut self.buffer[..])) };
            self.read_awaiter = Some(source.read(buffer));
            self.state = 0;
        }

        fn start_write(&mut self) {
            // SAFETY: as in `start_read`.
            let (destination, bytes): (&'d mut W, &'d mut [u8]) =
                unsafe { (detach(self.destination), detach(&mut self.buffer[..self.n])) };
            self.write_awaiter = Some(destination.write_all(bytes));
            self.state = 1;
        }

        /// Every return path. With all locals as fields, nothing goes out of scope by
        /// itself: the buffer must be freed by hand (C# sets it to `null` for the GC).
        fn finish<T>(&mut self, result: T) -> Poll<T> {
            self.state = DONE;
            self.buffer = Vec::new();
            Poll::Ready(result)
        }
    }

    // ANCHOR_END: fields
}

/// The two in-memory ends of a copy, writing to one event log.
pub struct Ends {
    pub source: memio::MemReader,
    pub destination: memio::MemWriter,
    pub log: memio::Log,
}

impl Ends {
    /// Reads of at most 3000 bytes, `Pending` every 3rd read; writes of at most 1000
    /// bytes, `Pending` every 4th write.
    pub fn new(data: &[u8]) -> Ends {
        let log = memio::new_log();
        let source = memio::MemReader::new(data.to_vec(), 3000, 3, log.clone());
        let destination = memio::MemWriter::new(1000, 4, log.clone());
        Ends { source, destination, log }
    }

    /// What happened so far, in order.
    pub fn events(&self) -> Vec<String> {
        self.log.borrow().clone()
    }
}

/// Runs `copy` over `ends` to completion; returns its output and how many polls it took.
///
/// `copy` gets both ends with one lifetime `'a`: any copy function fits, the `async fn`,
/// its twins, and the lowered function (whose lifetimes are named, hence early-bound, so
/// it would not fit a `for<'a, 'b>` bound such as `AsyncFnOnce(&mut R, &mut W)`).
pub fn run<'a, F: std::future::Future>(
    ends: &'a mut Ends,
    copy: impl FnOnce(&'a mut memio::MemReader, &'a mut memio::MemWriter) -> F,
) -> (F::Output, usize) {
    drive::block_on_counting(copy(&mut ends.source, &mut ends.destination))
}

fn main() {
    let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();

    let mut ends = Ends::new(&data);
    let (result, polls) = run(&mut ends, native::copy_stream);
    let events = ends.events();
    println!("rustc's async fn : {result:?} in {polls} polls, copy intact: {}", ends.destination.data == data);

    let mut ends = Ends::new(&data);
    let (result, polls) = run(&mut ends, copy_stream);
    println!("#[lower]         : {result:?} in {polls} polls, same events: {}", ends.events() == events);

    let mut ends = Ends::new(&data);
    let (result, polls) = run(&mut ends, as_fields::copy_stream);
    println!("#[lower(fields)] : {result:?} in {polls} polls, same events: {}", ends.events() == events);

    let mut ends = Ends::new(&data);
    let (result, polls) = run(&mut ends, by_hand::copy_stream);
    println!("twin, enum layout: {result:?} in {polls} polls, same events: {}", ends.events() == events);

    let mut ends = Ends::new(&data);
    let (result, polls) = run(&mut ends, by_hand_fields::copy_stream);
    println!("twin, C# layout  : {result:?} in {polls} polls, same events: {}", ends.events() == events);
    println!("events: {}", events.join(", "));

    let Ends { mut source, mut destination, .. } = Ends::new(&[]);
    println!("size of the future:");
    println!("  rustc's async fn  {:>4} B", size_of_val(&native::copy_stream(&mut source, &mut destination)));
    println!("  #[lower]          {:>4} B", size_of_val(&copy_stream(&mut source, &mut destination)));
    println!("  #[lower(fields)]  {:>4} B", size_of_val(&as_fields::copy_stream(&mut source, &mut destination)));
    println!("  twin, enum layout {:>4} B", size_of_val(&by_hand::copy_stream(&mut source, &mut destination)));
    println!("  twin, C# layout   {:>4} B", size_of_val(&by_hand_fields::copy_stream(&mut source, &mut destination)));
}
