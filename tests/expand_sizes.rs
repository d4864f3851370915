//! `async-lower expand FILE --sizes`: the table of future sizes at the end of the output.
//!
//! It builds a probe project with cargo (see src/sizes.rs), here in this target directory's
//! tmp dir so that it is built once per target directory and not shared with a user's runs:
//! the first run builds async-lower (seconds to a minute), later runs take a second.
//! Everything it needs is in the workspace's Cargo.lock (no resolution, no network).

use std::process::Command;

const FILE: &str = r#"
use std::future::ready;

#[async_lower::lower]
async fn add(a: u32, b: u32) -> u32 {
    let x = ready(a).await;
    let y = ready(b).await;
    x + y
}

#[async_lower::lower]
pub async fn repeat(word: &str, times: usize) -> String {
    let mut out = String::new();
    for _ in 0..times {
        let part = ready(word).await;
        out.push_str(part);
    }
    out
}

pub mod nested {
    #[async_lower::lower(layout = "fields")]
    async fn buffered() -> usize {
        let buffer = [0u8; 64];
        std::future::ready(()).await;
        buffer.len()
    }
}

#[async_lower::lower]
async fn generic<T: Clone>(value: T) -> T {
    std::future::ready(value).await
}

struct Counter(u32);

impl Counter {
    #[async_lower::lower]
    async fn get(&self) -> u32 {
        std::future::ready(self.0).await
    }
}

fn main() {}
"#;

#[test]
fn sizes_table_has_three_sizes_per_free_function() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("expand-sizes");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("user.rs");
    std::fs::write(&file, FILE).unwrap();

    let output = Command::new(env!("CARGO_BIN_EXE_async-lower"))
        .arg("expand")
        .arg(&file)
        .arg("--sizes")
        .env("ASYNC_LOWER_SIZES_DIR", dir.join("project"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "expand --sizes failed:\n{stderr}\n{stdout}");

    let table: Vec<&str> = stdout
        .lines()
        .skip_while(|line| !line.starts_with("// sizes of the futures (bytes)"))
        .collect();
    assert!(!table.is_empty(), "no sizes table in:\n{stdout}");
    assert!(table.iter().all(|line| line.starts_with("//")), "the table is not all comments:\n{stdout}");
    let row = |name: &str| {
        table
            .iter()
            .find(|line| line.split_whitespace().nth(1) == Some(name))
            .unwrap_or_else(|| panic!("no row for `{name}` in:\n{}", table.join("\n")))
            .split_whitespace()
            .skip(2)
            .collect::<Vec<_>>()
    };
    for name in ["add", "repeat", "nested::buffered"] {
        let sizes: Vec<usize> = row(name)
            .iter()
            .map(|n| n.parse().unwrap_or_else(|_| panic!("`{name}`: `{n}` is not a size")))
            .collect();
        let [native, enum_, fields] = sizes[..] else {
            panic!("`{name}`: expected native, enum and fields sizes, got {sizes:?}")
        };
        assert!(native > 0 && enum_ > 0, "`{name}`: {sizes:?}");
        assert!(fields >= enum_, "`{name}`: the fields layout ({fields}) is smaller than the enum's ({enum_})");
    }
    assert_eq!(row("generic")[0], "skipped:");
    assert_eq!(row("Counter::get")[0], "skipped:");
}
