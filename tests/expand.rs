//! Snapshots of what `#[async_lower::lower]` generates for the main examples, so that a
//! change in the generated code shows up as a reviewable diff.
//!
//! Regenerate: `INSTA_UPDATE=always cargo test --test expand` (or `cargo insta review`).
//! The snapshots change whenever the compiler improves: review the diff, not just accept it.

/// The treatise's CopyStreamAsync: a loop with two awaits, a buffer lent to every read,
/// `?` after each await.
const COPY_STREAM: &str = r#"
#[async_lower::lower]
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
"#;

/// A `loop` whose `break` carries a value out of the loop, with an await inside.
const LOOP_BREAK_VALUE: &str = r#"
#[async_lower::lower]
async fn first_square_at_least(limit: u64) -> u64 {
    let mut i = 0;
    let found = loop {
        let square = compute(i * i).await;
        if square >= limit {
            break square;
        }
        i += 1;
    };
    found + i
}
"#;

/// A `match` with awaits in several arms.
const MATCH_ARMS: &str = r#"
#[async_lower::lower]
async fn describe(request: Request) -> String {
    match request {
        Request::Get(key) => {
            let value = store_get(&key).await;
            format!("{key} = {value}")
        }
        Request::Put(key, value) => {
            store_put(&key, value).await;
            format!("stored {key}")
        }
        Request::Ping => String::from("pong"),
    }
}
"#;

/// `?` after every await, an early `return`, and a `?` inside an expression.
const TRY_HEAVY: &str = r#"
#[async_lower::lower]
async fn load_config(path: &str) -> Result<Config, AppError> {
    let text = read_file(path).await?;
    let version: u32 = text.lines().next().ok_or(AppError::Empty)?.parse()?;
    if version > 3 {
        return Err(AppError::Version(version));
    }
    let extra = fetch_defaults(version).await?;
    Ok(Config { version, body: text, extra: parse_extra(&extra)? })
}
"#;

/// A `&mut self` method updating fields across awaits and calling another method.
const MUT_SELF: &str = r#"
impl Account {
    #[async_lower::lower]
    pub async fn deposit(&mut self, amount: u64) -> u64 {
        self.balance += confirm(amount).await;
        self.history.push(format!("deposit {amount}"));
        let total = self.total().await;
        self.items.push(total);
        self.balance
    }
}
"#;

#[test]
fn copy_stream() {
    insta::assert_snapshot!(async_lower::expand(COPY_STREAM).unwrap());
}

#[test]
fn loop_break_value() {
    insta::assert_snapshot!(async_lower::expand(LOOP_BREAK_VALUE).unwrap());
}

#[test]
fn match_arms() {
    insta::assert_snapshot!(async_lower::expand(MATCH_ARMS).unwrap());
}

#[test]
fn try_heavy() {
    insta::assert_snapshot!(async_lower::expand(TRY_HEAVY).unwrap());
}

#[test]
fn mut_self_method() {
    insta::assert_snapshot!(async_lower::expand(MUT_SELF).unwrap());
}

/// Syntax prettyplease cannot print is an error of the input, not a crash.
#[test]
fn unprintable_source_is_an_error() {
    assert!(async_lower::expand("fn f() -> u32;").is_err());
}

/// A destructuring assignment's `..` survives the formatting (prettyplease 0.3 drops a
/// struct expression's `..` when no base follows it), so the expansion still compiles.
#[test]
fn destructuring_assignment_keeps_its_rest() {
    let out = async_lower::expand(
        "#[async_lower::lower] async fn f(p: P) -> u32 { let x; P { x, .. } = step(p).await; x }",
    )
    .unwrap();
    assert!(out.matches("P { x, .. } =").count() >= 2, "{out}");
}
