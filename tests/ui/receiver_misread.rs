// A known limit, kept sound. The file declares a `Mutex` of its own whose `lock` takes
// `self`; the function's `Mutex` is std's, whose `lock` borrows. The lowering reads a
// field's type by its name, so it takes `s.m` to be given up, and calls the method by its
// path, `Mutex::lock(<s.m read out>)`: rustc rejects that, where a method call would have
// compiled and dropped the copy under `s`, which is read after.
#![allow(dead_code)]

mod mine {
    pub struct Mutex;
    impl Mutex {
        pub fn lock(self) {}
    }
}

use std::sync::Mutex;

async fn leaf() {}

struct S {
    m: Mutex<u32>,
    n: String,
}

#[async_lower::lower]
async fn f(s: S) -> usize {
    let n = s.n;
    leaf().await;
    let v = *s.m.lock().unwrap();
    n.len() + v as usize + *s.m.lock().unwrap() as usize
}

fn main() {}
