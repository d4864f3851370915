//! `async-lower`: the tour, and the `expand` and `graph` commands.
//!
//! - `cargo run --release` runs the tour on the treatise's CopyStreamAsync.
//! - `async-lower expand FILE [--fn NAME] [--layout enum|fields|both] [--sizes]` prints the
//!   lowered functions of a file (`--sizes`: and the sizes of their futures, see `sizes.rs`).
//! - `async-lower graph FILE --fn NAME [--format mermaid|dot]` prints a state diagram.

mod sizes;

#[path = "../examples/copy_stream.rs"]
#[allow(dead_code)] // the example's own `main` and demo helpers
mod copy_stream;

use copy_stream::{Ends, memio};
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

const EXAMPLE: &str = include_str!("../examples/copy_stream.rs");

const USAGE: &str = "\
usage:
  async-lower                                   the tour (CopyStreamAsync, lowered and run)
  async-lower expand FILE [--fn NAME] [--layout enum|fields|both] [--sizes]
                                                lower the #[lower] functions of FILE and print them
                                                (--layout: override each attribute's layout;
                                                both: the enum, then C#'s one struct;
                                                --sizes: end with the size of each function's
                                                future, native and in both layouts, as // lines:
                                                builds FILE with cargo, so it must compile)
  async-lower graph FILE --fn NAME [--format mermaid|dot]
                                                the state diagram of one lowered function";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None => {
            tour();
            Ok(())
        }
        Some("expand") => expand(&args[1..]),
        Some("graph") => graph(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("async-lower: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `--name value` among `args`.
fn option<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

fn read_file(args: &[String]) -> Result<String, String> {
    let path = file_arg(args)?;
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn file_arg(args: &[String]) -> Result<&str, String> {
    args.first().filter(|a| !a.starts_with("--")).map(String::as_str).ok_or_else(|| format!("which file?\n{USAGE}"))
}

fn expand(args: &[String]) -> Result<(), String> {
    use async_lower::Layout;
    let source = read_file(args)?;
    let name = option(args, "--fn");
    let layouts: &[Option<Layout>] = match option(args, "--layout") {
        None => &[None],
        Some("enum") => &[Some(Layout::Enum)],
        Some("fields") => &[Some(Layout::Fields)],
        Some("both") => &[Some(Layout::Enum), Some(Layout::Fields)],
        Some(other) => return Err(format!("unknown layout `{other}`: write enum, fields or both")),
    };
    for (i, &layout) in layouts.iter().enumerate() {
        if layouts.len() > 1 {
            let title = match layout {
                Some(Layout::Fields) => "layout = \"fields\": one struct, a field per hoisted local (C#'s shape)",
                _ => "layout = \"enum\": one enum, a variant per await (rustc's shape)",
            };
            println!("{}// ==== {title} ====\n", if i > 0 { "\n" } else { "" });
        }
        let out = async_lower::expand_with(&source, name, layout).map_err(|e| e.to_string())?;
        print!("{out}");
    }
    if args.iter().any(|a| a == "--sizes") {
        // On stdout, as `//` lines: the whole output stays valid Rust, and the sizes come
        // right after the code they measure.
        let table = sizes::table(std::path::Path::new(file_arg(args)?), &source, name)?;
        print!("\n{table}");
    }
    Ok(())
}

fn graph(args: &[String]) -> Result<(), String> {
    let source = read_file(args)?;
    let name = option(args, "--fn").ok_or("graph needs --fn NAME")?;
    let format = match option(args, "--format").unwrap_or("mermaid") {
        "mermaid" => async_lower::GraphFormat::Mermaid,
        "dot" => async_lower::GraphFormat::Dot,
        other => return Err(format!("unknown format `{other}` (mermaid or dot)")),
    };
    print!("{}", async_lower::graph(&source, name, format).map_err(|e| e.to_string())?);
    Ok(())
}

/// The part of the example between `// ANCHOR: name` and `// ANCHOR_END: name`.
fn anchor(name: &str) -> &'static str {
    let start = format!("// ANCHOR: {name}\n");
    let end = format!("// ANCHOR_END: {name}");
    let from = EXAMPLE.find(&start).map(|i| i + start.len()).unwrap_or(0);
    let to = EXAMPLE[from..].find(&end).map(|i| from + i).unwrap_or(EXAMPLE.len());
    &EXAMPLE[from..to]
}

struct Style {
    on: bool,
}

impl Style {
    fn heading(&self, text: &str) {
        if self.on {
            println!("\n\x1b[1;36m== {text} ==\x1b[0m");
        } else {
            println!("\n== {text} ==");
        }
    }
    fn dim(&self, text: &str) -> String {
        if self.on { format!("\x1b[2m{text}\x1b[0m") } else { text.to_string() }
    }
}

/// A waker that says when it is called: who wakes the machine, and when.
struct Announce {
    wakes: AtomicUsize,
}

impl Wake for Announce {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        let n = self.wakes.fetch_add(1, Ordering::Relaxed) + 1;
        println!("    wake #{n} (the in-memory stream asks to be polled again)");
    }
}

/// Polls to completion, printing each poll; the tracing builder prints the transitions.
fn run_traced<F: std::future::Future>(future: F) -> (F::Output, usize) {
    let waker_state = Arc::new(Announce { wakes: AtomicUsize::new(0) });
    let waker = Waker::from(waker_state);
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    let mut polls = 0;
    loop {
        polls += 1;
        println!("  poll #{polls}");
        let (poll, transitions) = async_lower::runtime::Tracing::record(|| future.as_mut().poll(&mut cx));
        for t in transitions {
            println!("    {t}");
        }
        if let Poll::Ready(out) = poll {
            return (out, polls);
        }
    }
}

/// CopyStream's body, stamped out twice below: lowered with the tracing builder (so each
/// transition is printed), and as a plain `async fn` (rustc's own lowering, for sizes).
macro_rules! copy_stream_fn {
    ($(#[$attr:meta])* $name:ident) => {
        $(#[$attr])*
        async fn $name<R: memio::AsyncRead, W: memio::AsyncWrite>(
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
    };
}

copy_stream_fn!(#[async_lower::lower(builder = async_lower::runtime::Tracing)] copy_stream_traced);
copy_stream_fn!(copy_stream_native);

fn tour() {
    let style = Style { on: std::io::stdout().is_terminal() };
    println!("async-lower: how an `async fn` becomes a state machine (the treatise's CopyStreamAsync, in Rust)");

    style.heading("1. The source");
    let source = anchor("lowered");
    println!("{}", source.trim_end());

    style.heading("2. What #[async_lower::lower] makes of it");
    println!("{}", style.dim("(one enum variant per await, the locals that live across it parked in the variant, the awaiter polled in place)"));
    match async_lower::expand_fn(source, "copy_stream") {
        Ok(code) => println!("{}", code.trim_end()),
        Err(e) => println!("(expansion failed: {e})"),
    }

    style.heading("3. The same machine written by hand (examples/copy_stream.rs)");
    println!("{}", anchor("twin").trim_end());

    style.heading("4. Running it: each poll, transition and wake");
    println!("{}", style.dim("(reads of at most 3000 bytes, Pending every 3rd read; writes of at most 1000 bytes, Pending every 4th write)"));
    println!("{}", style.dim("(an await whose future is ready at once does not suspend: the machine runs on, as C#'s does when the awaiter IsCompleted)"));
    let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
    let mut ends = Ends::new(&data);
    let (result, polls) = {
        let Ends { source, destination, .. } = &mut ends;
        run_traced(copy_stream_traced(source, destination))
    };
    println!("  lowered: {result:?} after {polls} polls; the copy is intact: {}", ends.destination.data == data);
    let events = ends.events();

    let mut twin_ends = Ends::new(&data);
    let (twin_result, twin_polls) = copy_stream::run(&mut twin_ends, copy_stream::by_hand::copy_stream);
    println!(
        "  hand-written twin: {twin_result:?} after {twin_polls} polls; same reads and writes in the same order: {}",
        twin_ends.events() == events
    );

    style.heading("5. Sizes of the future returned by the call");
    let Ends { mut source, mut destination, .. } = Ends::new(&[]);
    let native = std::mem::size_of_val(&copy_stream_native(&mut source, &mut destination));
    let lowered = std::mem::size_of_val(&copy_stream::copy_stream(&mut source, &mut destination));
    let lowered_fields = std::mem::size_of_val(&copy_stream::as_fields::copy_stream(&mut source, &mut destination));
    let twin = std::mem::size_of_val(&copy_stream::by_hand::copy_stream(&mut source, &mut destination));
    let fields = std::mem::size_of_val(&copy_stream::by_hand_fields::copy_stream(&mut source, &mut destination));
    println!("  native async fn (rustc's coroutine)              {native:>4} bytes");
    println!("  #[lower] (one enum, variants overlap)            {lowered:>4} bytes");
    println!("  #[lower(layout = \"fields\")] (C#: one struct)     {lowered_fields:>4} bytes");
    println!("  hand-written twin, enum layout                   {twin:>4} bytes");
    println!("  hand-written twin, C# layout (one struct)        {fields:>4} bytes");
    println!("  (the struct keeps a field per local and awaiter; the enum's variants share their bytes:");
    println!("   `cargo run -- expand examples/copy_stream.rs --fn copy_stream --layout both` shows both)");
    println!();
    println!("Next: `cargo run -- expand FILE`, `cargo run -- graph FILE --fn NAME`, and the examples in examples/.");
}
