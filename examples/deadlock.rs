//! Sync over async on a single-threaded executor: C#'s `.Result` deadlock, in Rust, and
//! how the runtime diagnoses it instead of hanging.
//!
//! ```csharp
//! void Button_Click(...) { var page = DownloadAsync().Result; }   // blocks the UI thread
//! async Task<string> DownloadAsync() { var page = await GetAsync(url); return page.ToUpper(); }
//! ```
//! The UI thread waits for `DownloadAsync`, whose continuation waits for the UI thread.
//!
//! Run: `cargo run --example deadlock`.

use async_lower::runtime::{block_on, spawn};
use futures::channel::oneshot;
use std::panic::{AssertUnwindSafe, catch_unwind};

// ANCHOR: lowered
/// Waits for the page, then shouts it. Lowered with the `Tracing` builder, so that a
/// deadlock report can say which `await` it is stuck at.
#[async_lower::lower(builder = async_lower::runtime::builders::Tracing)]
pub async fn download(page: oneshot::Receiver<String>) -> String {
    let body = page.await.expect("the page's sender is kept alive");
    body.to_uppercase()
}
// ANCHOR_END: lowered

/// `download`, written by hand.
pub mod by_hand {
    // ANCHOR: twin
    use futures::channel::oneshot::Receiver;
    use std::future::Future;
    use std::mem;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub fn download(page: Receiver<String>) -> Download {
        Download { state: State::Start { page } }
    }

    pub struct Download {
        state: State,
    }

    /// `page.await` moves the receiver into the awaiter: after `Start`, it is no longer a
    /// local but the thing being awaited.
    enum State {
        Start { page: Receiver<String> },
        Await0 { awaiter: Receiver<String> },
        Running,
        Returned,
    }

    impl Future for Download {
        type Output = String;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
            let state = &mut self.get_mut().state; // `Unpin`: the receiver owns its channel end
            loop {
                match mem::replace(state, State::Running) {
                    State::Start { page } => *state = State::Await0 { awaiter: page },
                    State::Await0 { mut awaiter } => {
                        let Poll::Ready(received) = Pin::new(&mut awaiter).poll(cx) else {
                            *state = State::Await0 { awaiter };
                            return Poll::Pending;
                        };
                        drop(awaiter);
                        let body = received.expect("the page's sender is kept alive");
                        *state = State::Returned;
                        return Poll::Ready(body.to_uppercase());
                    }
                    State::Running => panic!("`async fn` resumed after panicking"),
                    State::Returned => panic!("`async fn` resumed after completion"),
                }
            }
        }
    }
    // ANCHOR_END: twin
}

/// Scenario 1: the handler blocks (a nested `block_on`) on a download that needs the UI thread.
pub fn blocking_handler() -> String {
    block_on(async {
        let (deliver, page) = oneshot::channel::<String>();
        // The "network" answers on the UI thread's loop, i.e. as a task of this executor.
        let network = spawn(async move { deliver.send("<html>hello</html>".into()).unwrap() });
        let handler = spawn(async move {
            // `.Result`: block this thread until the download is done. The network task
            // above can only run on this very thread, which is now blocked.
            block_on(download(page))
        });
        let page = handler.await;
        network.await;
        page
    })
}

/// Scenario 2: no blocking, but a cycle. The "message loop" delivers the page only after
/// the handler finished, and the handler waits for the page.
pub fn waiting_in_a_cycle<F>(download: impl FnOnce(oneshot::Receiver<String>) -> F + 'static) -> String
where
    F: Future<Output = String> + 'static,
{
    block_on(async {
        let (deliver, page) = oneshot::channel::<String>();
        let handler = spawn(download(page));
        let shouted = handler.await; // waits for the handler...
        deliver.send("<html>hello</html>".into()).unwrap(); // ...which waits for this line
        shouted
    })
}

/// Scenario 3, the fix, as in C#: async all the way. Deliver and await concurrently.
pub fn async_all_the_way<F>(download: impl FnOnce(oneshot::Receiver<String>) -> F + 'static) -> String
where
    F: Future<Output = String> + 'static,
{
    block_on(async {
        let (deliver, page) = oneshot::channel::<String>();
        let handler = spawn(download(page));
        deliver.send("<html>hello</html>".into()).unwrap();
        handler.await
    })
}

use std::future::Future;

/// Runs `f`, returning its panic message as an error instead of unwinding further.
pub fn caught(f: impl FnOnce() -> String) -> Result<String, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        payload.downcast_ref::<String>().cloned().or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
    })
}

fn main() {
    std::panic::set_hook(Box::new(|_| {})); // the panics are caught and printed below

    println!("1. sync over async: the handler calls block_on inside the executor");
    println!("   tokio would panic (\"Cannot start a runtime from within a runtime\"); futures' block_on would hang.");
    println!("   {}\n", caught(blocking_handler).unwrap_err().replace(". ", ".\n   "));

    println!("2. a cycle: the handler awaits the page, the page is sent after the handler returns");
    println!("   {}\n", caught(|| waiting_in_a_cycle(download)).unwrap_err().replace('\n', "\n   "));

    println!("3. async all the way: {}", caught(|| async_all_the_way(download)).unwrap());
}
