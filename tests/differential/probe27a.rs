//! Probe round 27a: text and data processing that borrows from locals across awaits, as
//! in a parser, a log analyser or a CSV importer: slices of an awaited `String`/`Vec<u8>`
//! kept across later awaits, `split`/`lines`/`split_whitespace`/`char_indices` iterators
//! held in locals and advanced between awaits, `windows`/`chunks`/`zip`, tokenizer and
//! parser structs holding `&'a str`/`&'a [u8]` with `&mut self` methods, maps keyed by
//! slices of a local buffer, `Vec<&T>` sorted/searched/retained, `Cow<str>`, `format!`
//! with width/precision/named args around awaits, `write!` into a `String`,
//! `strip_prefix` in `if let`/`let else`, `parse` with `?` into an error enum, and
//! checked/saturating/wrapping arithmetic with awaited operands.
use crate::prelude::*;
#[allow(unused_imports)]
use std::borrow::Cow;
#[allow(unused_imports)]
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
#[allow(unused_imports)]
use std::fmt::Write as _;
#[allow(unused_imports)]
use std::num::ParseIntError;
#[allow(unused_imports)]
use std::rc::Rc;

twin! {
    /// Two slices of an awaited `String` kept across later awaits.
    p27a_slice_kept_across_awaits {
        lower! {
            pub async fn f() -> String {
                let _g = Tracker::new("g");
                let text = leaf("read", String::from("alpha,beta,gamma")).await;
                let a = text.find(',').unwrap();
                let first = &text[..a];
                step("s1").await;
                let rest = &text[a + 1..];
                let n = leaf("n", rest.len()).await;
                format!("{first}|{rest}|{n}")
            }
        }
    }
    run { f() }
}

twin! {
    /// A `split(' ')` iterator held in a local and advanced with `next()` between awaits.
    p27a_split_iter_next_between_awaits {
        lower! {
            pub async fn f() -> Vec<String> {
                let t = Tracker::new("buf");
                let text = leaf("read", String::from("a b  c d")).await;
                let mut it = text.split(' ');
                let mut out = Vec::new();
                while let Some(w) = it.next() {
                    step("w").await;
                    if w.is_empty() {
                        log("empty");
                        continue;
                    }
                    out.push(format!("{}:{}", t.name(), w));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `lines().enumerate()` with a tracker per line and an await per line.
    p27a_lines_enumerate_tracker_per_line {
        lower! {
            pub async fn f() -> usize {
                let text = leaf("read", String::from("one\ntwo\n\nthree")).await;
                let mut total = 0;
                for (i, line) in text.lines().enumerate() {
                    let _t = Tracker::new("line");
                    let w = leaf("len", line.len()).await;
                    log(format!("{i}: {line} ({w})"));
                    total += w;
                }
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// `split_whitespace().collect()` into a `Vec<&str>`, then `max_by_key` after awaits.
    p27a_split_whitespace_collect_max {
        lower! {
            pub async fn f() -> (usize, String) {
                let _g = Tracker::new("g");
                let text = leaf("read", String::from("  the quick  brown fox ")).await;
                let words: Vec<&str> = text.split_whitespace().collect();
                step("collected").await;
                let longest = words.iter().max_by_key(|w| w.len()).unwrap();
                let n = leaf("n", words.len()).await;
                (n, longest.to_uppercase())
            }
        }
    }
    run { f() }
}

twin! {
    /// A `char_indices().peekable()` tokenizer with awaits inside the loop, over a borrowed
    /// `&str` passed from a caller that owns the buffer.
    p27a_char_indices_peekable_tokens {
        lower! {
            pub async fn tokens(src: &str) -> Vec<String> {
                let mut out = Vec::new();
                let mut it = src.char_indices().peekable();
                while let Some((i, c)) = it.next() {
                    if c.is_ascii_digit() {
                        let mut end = i + 1;
                        while let Some(&(j, d)) = it.peek() {
                            if d.is_ascii_digit() {
                                end = j + 1;
                                it.next();
                            } else {
                                break;
                            }
                        }
                        step("num").await;
                        out.push(format!("num({})", &src[i..end]));
                    } else if c != ' ' {
                        let k = leaf("sym", c).await;
                        out.push(format!("sym({k})"));
                    }
                }
                out
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let s = leaf("read", String::from("12 + 345*6")).await;
                tokens(&s).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `bytes().enumerate()` checksum with an awaited weight per byte and wrapping math.
    p27a_bytes_enumerate_checksum {
        lower! {
            pub async fn f() -> u32 {
                let text = leaf("read", String::from("hello")).await;
                let _t = Tracker::new("t");
                let mut sum = 0u32;
                for (i, b) in text.bytes().enumerate() {
                    let w = leaf("w", i as u32 + 1).await;
                    sum = sum.wrapping_mul(31).wrapping_add(u32::from(b) * w);
                }
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// `windows(2)` over a vec of trackers and over awaited numbers, with `i64::abs`.
    p27a_windows_over_trackers {
        lower! {
            pub async fn f() -> Vec<i64> {
                let ts = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let nums = leaf("read", vec![3i64, 8, 2, 10]).await;
                let mut diffs = Vec::new();
                for w in nums.windows(2) {
                    let d = leaf("d", w[1] - w[0]).await;
                    diffs.push(d.abs());
                }
                for pair in ts.windows(2) {
                    step("pair").await;
                    log(format!("{}->{}", pair[0].name(), pair[1].name()));
                }
                diffs
            }
        }
    }
    run { f() }
}

twin! {
    /// `chunks(3)` of a vec of trackers, each chunk awaited and summarised.
    p27a_chunks_of_three {
        lower! {
            pub async fn f() -> Vec<String> {
                let ts = vec![
                    Tracker::new("a"), Tracker::new("b"), Tracker::new("c"),
                    Tracker::new("d"), Tracker::new("e"),
                ];
                let mut out = Vec::new();
                for chunk in ts.chunks(3) {
                    let n = leaf("n", chunk.len()).await;
                    let names: Vec<&str> = chunk.iter().map(|t| t.name()).collect();
                    step("joined").await;
                    out.push(format!("{n}:{}", names.join("+")));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `zip` of two `split(',')` iterators over two awaited strings, parsing values.
    p27a_zip_two_splits {
        lower! {
            pub async fn f() -> Vec<String> {
                let keys = leaf("keys", String::from("a,b,c")).await;
                let _t = Tracker::new("t");
                let vals = leaf("vals", String::from("1,2,3")).await;
                let mut out = Vec::new();
                for (k, v) in keys.split(',').zip(vals.split(',')) {
                    let n: u32 = v.parse().unwrap();
                    let m = leaf("m", n * 10).await;
                    out.push(format!("{k}={m}"));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Cursor<'a>` struct with a `&mut self` word method called between awaits; the
    /// returned slices are kept across later awaits.
    p27a_cursor_struct_words {
        pub struct Cursor<'a> {
            src: &'a str,
            pos: usize,
        }
        impl<'a> Cursor<'a> {
            pub fn new(src: &'a str) -> Self {
                Cursor { src, pos: 0 }
            }
            pub fn word(&mut self) -> Option<&'a str> {
                let rest = &self.src[self.pos..];
                let trimmed = rest.trim_start();
                if trimmed.is_empty() {
                    return None;
                }
                let start = self.pos + (rest.len() - trimmed.len());
                let end = trimmed.find(' ').map(|e| start + e).unwrap_or(self.src.len());
                self.pos = end;
                Some(&self.src[start..end])
            }
        }
        lower! {
            pub async fn f() -> String {
                let _g = Tracker::new("g");
                let text = leaf("read", String::from("GET /index.html  HTTP/1.1")).await;
                let mut c = Cursor::new(&text);
                let method = c.word().unwrap();
                step("m").await;
                let path = c.word().unwrap();
                step("p").await;
                let version = c.word();
                let end = c.word();
                leaf("done", format!("{method} {path} {version:?} {end:?}")).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered `&mut self` method on a lexer with a lifetime, returning `Option<&'a str>`,
    /// driven by a `while let` whose scrutinee awaits.
    p27a_lexer_async_method_while_let {
        pub struct Lexer<'a> {
            rest: &'a str,
            count: usize,
        }
        impl<'a> Lexer<'a> {
            lower! {
                pub async fn next_tok(&mut self) -> Option<&'a str> {
                    step("lex").await;
                    let s = self.rest.trim_start_matches(' ');
                    if s.is_empty() {
                        return None;
                    }
                    let end = s.find(' ').unwrap_or(s.len());
                    let (tok, rest) = s.split_at(end);
                    self.rest = rest;
                    self.count += 1;
                    Some(tok)
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<String>, usize) {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("let x  = 42 ;")).await;
                let mut lx = Lexer { rest: &text, count: 0 };
                let mut toks = Vec::new();
                while let Some(tok) = lx.next_tok().await {
                    let up = leaf("up", tok.to_uppercase()).await;
                    toks.push(up);
                }
                (toks, lx.count)
            }
        }
    }
    run { f() }
}

twin! {
    /// `HashMap<&str, usize>` word counts keyed by slices of a local buffer, filled across
    /// awaits, then read by key and sorted for output.
    p27a_hashmap_word_counts {
        lower! {
            pub async fn f() -> (usize, Vec<(String, usize)>) {
                let _g = Tracker::new("g");
                let text = leaf("read", String::from("the cat and the dog and the end")).await;
                let mut counts = HashMap::new();
                for w in text.split_whitespace() {
                    step("w").await;
                    *counts.entry(w).or_insert(0) += 1;
                }
                let the = counts.get("the").copied().unwrap_or(0);
                let n = leaf("n", the).await;
                let mut all: Vec<_> = counts.iter().map(|(k, v)| (k.to_string(), *v)).collect();
                all.sort();
                (n, all)
            }
        }
    }
    run { f() }
}

twin! {
    /// CSV rows grouped into a `BTreeMap<&str, Vec<&str>>` by their first field, across
    /// awaits, then read back.
    p27a_btreemap_group_csv {
        lower! {
            pub async fn f() -> Vec<String> {
                let csv = leaf("read", String::from("fruit,apple\nveg,leek\nfruit,pear\nveg,kale\nnut,pecan")).await;
                let _t = Tracker::new("t");
                let mut groups: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
                for line in csv.lines() {
                    let (k, v) = line.split_once(',').unwrap();
                    let v = leaf("v", v).await;
                    groups.entry(k).or_default().push(v);
                }
                step("grouped").await;
                let mut out = Vec::new();
                for (k, vs) in &groups {
                    let n = leaf("n", vs.len()).await;
                    out.push(format!("{k}:{n}:{}", vs.join("/")));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec<&Row>` of references into a local `Vec<Row>` holding trackers, sorted with
    /// `sort_by_key` between awaits.
    p27a_vec_refs_sort_by_key {
        pub struct Row {
            pub t: Tracker,
            pub score: u32,
        }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let rows = vec![
                    Row { t: Tracker::new("r1"), score: 30 },
                    Row { t: Tracker::new("r2"), score: 10 },
                    Row { t: Tracker::new("r3"), score: 20 },
                ];
                let mut refs: Vec<&Row> = rows.iter().collect();
                step("collected").await;
                refs.sort_by_key(|r| r.score);
                let top = refs.last().unwrap();
                let extra = leaf("x", top.score).await;
                log(format!("top {} {extra}", top.t.name()));
                refs.iter().map(|r| r.t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `sort_by(|a, b| ..)` with a two-key comparator over `(&str, u32)` pairs borrowed from
    /// an awaited buffer, then `binary_search_by` with an awaited needle.
    p27a_sort_by_then_binary_search {
        lower! {
            pub async fn f() -> (Vec<String>, Result<usize, usize>) {
                let _g = Tracker::new("g");
                let text = leaf("read", String::from("b:2 a:2 c:1 d:3")).await;
                let mut pairs = Vec::new();
                for item in text.split(' ') {
                    let (k, v) = item.split_once(':').unwrap();
                    let v: u32 = leaf("v", v).await.parse().unwrap();
                    pairs.push((k, v));
                }
                pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                step("sorted").await;
                let mut keys: Vec<&str> = pairs.iter().map(|p| p.0).collect();
                keys.sort();
                let needle = leaf("needle", "c").await;
                let found = keys.binary_search_by(|k| k.cmp(&needle));
                (pairs.iter().map(|(k, v)| format!("{k}{v}")).collect(), found)
            }
        }
    }
    run { f() }
}

twin! {
    /// `retain` on a `Vec<&str>` with an awaited threshold, then `dedup_by_key`.
    p27a_retain_then_dedup_by_key {
        lower! {
            pub async fn f() -> Vec<String> {
                let text = leaf("read", String::from("aa b ccc dd eee f gg hhh")).await;
                let _t = Tracker::new("t");
                let mut words: Vec<&str> = text.split(' ').collect();
                let min = leaf("min", 2).await;
                words.retain(|w| w.len() >= min);
                step("retained").await;
                words.dedup_by_key(|w| w.len());
                let tail = leaf("tail", words.len()).await;
                words.iter().map(|w| format!("{w}{tail}")).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Cow<str>` from a normalising helper, borrowed or owned, held across awaits.
    p27a_cow_normalize_across_awaits {
        pub fn normalize(s: &str) -> Cow<'_, str> {
            if s.contains(' ') { Cow::Owned(s.replace(' ', "_")) } else { Cow::Borrowed(s) }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let _g = Tracker::new("g");
                let text = leaf("read", String::from("plain;with space;x y z")).await;
                let mut out = Vec::new();
                for part in text.split(';') {
                    let c = normalize(part);
                    step("norm").await;
                    let kind = match &c {
                        Cow::Borrowed(_) => "b",
                        Cow::Owned(_) => "o",
                    };
                    let s = leaf("s", c.into_owned()).await;
                    out.push(format!("{kind}:{s}"));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `String::push_str` of awaited pieces, with `&leaf(..).await` as the argument.
    p27a_push_str_awaited_pieces {
        lower! {
            pub async fn f() -> String {
                let _t = Tracker::new("t");
                let mut s = String::new();
                s.push_str(&leaf("a", String::from("ab")).await);
                s.push(leaf("c", ',').await);
                s.push_str(leaf("b", "cd").await);
                s.push_str(&format!("{}", leaf("n", 7).await));
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `format!` with named width/precision args, each awaited.
    p27a_format_named_width_precision {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let name = leaf("name", "id").await;
                let a = format!("[{name:>width$}]", width = leaf("w", 6).await);
                let b = format!("[{v:.prec$}]", v = leaf("v", 3.14159).await, prec = leaf("p", 2).await);
                let c = format!("[{:<w$}|{:^w$}]", leaf("l", "x").await, name, w = 5);
                vec![a, b, c]
            }
        }
    }
    run { f() }
}

twin! {
    /// `write!`/`writeln!` into a `String` with awaits in the arguments.
    p27a_write_into_string {
        lower! {
            pub async fn f() -> String {
                let _t = Tracker::new("t");
                let mut out = String::new();
                write!(out, "{}-{}", leaf("a", 1).await, leaf("b", 2).await).unwrap();
                writeln!(out, " total={:>4}", leaf("c", 3).await + 10).unwrap();
                let items = leaf("items", vec!["x", "y"]).await;
                for (i, it) in items.iter().enumerate() {
                    write!(&mut out, "{i}:{it};").unwrap();
                    step("item").await;
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `use std::fmt::Write` inside the lowered fn body, then `write!` into a `String`.
    p27a_use_inside_fn_body_write {
        lower! {
            pub async fn f() -> String {
                use std::fmt::Write;
                let mut out = String::new();
                let n = leaf("n", 5).await;
                write!(out, "{n:03}").unwrap();
                step("s").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `to_uppercase`, `trim_matches` and `trim_start_matches` with awaits between.
    p27a_trim_matches_upper {
        lower! {
            pub async fn f() -> (String, String, usize) {
                let _t = Tracker::new("t");
                let raw = leaf("read", String::from("--==Hello World==--")).await;
                let core = raw.trim_matches(|c| c == '-' || c == '=');
                step("trimmed").await;
                let up = core.to_uppercase();
                let tail = raw.trim_start_matches('-');
                let n = leaf("n", tail.len()).await;
                (up, core.to_lowercase(), n)
            }
        }
    }
    run { f() }
}

twin! {
    /// `strip_prefix` in `if let` with awaits in both branches, per line.
    p27a_strip_prefix_if_let {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("cmd:run\n# comment\ncmd:stop\nplain")).await;
                let mut out = Vec::new();
                for line in text.lines() {
                    if let Some(cmd) = line.strip_prefix("cmd:") {
                        let c = leaf("cmd", cmd).await;
                        out.push(format!("C {c}"));
                    } else if let Some(c) = line.strip_prefix('#') {
                        step("comment").await;
                        out.push(format!("R {}", c.trim()));
                    } else {
                        out.push(format!("P {}", leaf("plain", line).await));
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `let else` on `strip_prefix` whose `else` awaits and returns early with a tracker live.
    p27a_let_else_strip_prefix_awaits {
        lower! {
            pub async fn parse(line: String) -> Result<String, String> {
                let _t = Tracker::new("t");
                step("start").await;
                let Some(rest) = line.strip_prefix("key=") else {
                    let _e = Tracker::new("e");
                    step("bad").await;
                    return Err(format!("no key in {line}"));
                };
                let v = leaf("v", rest.len()).await;
                Ok(format!("{rest}/{v}"))
            }
        }
        lower! {
            pub async fn f() -> (Result<String, String>, Result<String, String>) {
                let a = parse(String::from("key=abc")).await;
                let b = parse(String::from("value=1")).await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// `parse::<u32>()` with `?` into an error enum via `From<ParseIntError>`, fields of a
    /// line parsed across awaits, failing on the third line.
    p27a_parse_question_error_enum {
        #[derive(Debug)]
        pub enum ImportError {
            Parse(ParseIntError),
            Missing(&'static str),
        }
        impl From<ParseIntError> for ImportError {
            fn from(e: ParseIntError) -> Self {
                ImportError::Parse(e)
            }
        }
        lower! {
            pub async fn import(text: &str) -> Result<u32, ImportError> {
                let _g = Tracker::new("g");
                let mut total = 0;
                for line in text.lines() {
                    let _l = Tracker::new("l");
                    let field = line.split(',').nth(1).ok_or(ImportError::Missing("field"))?;
                    let n = leaf("field", field).await.parse::<u32>()?;
                    total += n;
                }
                Ok(total)
            }
        }
        lower! {
            pub async fn f() -> (Result<u32, ImportError>, Result<u32, ImportError>, Result<u32, ImportError>) {
                let good = leaf("read", String::from("a,1\nb,2\nc,3")).await;
                let bad = leaf("read", String::from("a,1\nb,x2\nc,3")).await;
                let missing = leaf("read", String::from("a,1\nb")).await;
                (import(&good).await, import(&bad).await, import(&missing).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `checked_add`, `saturating_sub`, `wrapping_mul` with awaited operands.
    p27a_checked_saturating_wrapping {
        lower! {
            pub async fn f() -> (Option<u8>, Option<u8>, u8, u8, i32) {
                let _t = Tracker::new("t");
                let a = 200u8.checked_add(leaf("a", 50).await);
                let b = leaf("b0", 200u8).await.checked_add(leaf("b", 60).await);
                let c = leaf("c0", 5u8).await.saturating_sub(leaf("c", 9).await);
                let d = 17u8.wrapping_mul(leaf("d", 31).await);
                let e = leaf("e", -7i32).await.abs() * i32::abs(leaf("e2", -3).await);
                (a, b, c, d, e)
            }
        }
    }
    run { f() }
}

twin! {
    /// `iter().sum()`, `product()`, `fold` and `max_by_key` in expressions next to awaits.
    p27a_sum_product_fold_near_awaits {
        lower! {
            pub async fn f() -> (u32, u64, u32, Option<&'static str>) {
                let _t = Tracker::new("t");
                let v = leaf("read", vec![1u32, 2, 3, 4]).await;
                let s = v.iter().sum::<u32>() + leaf("x", 10).await;
                let p = leaf("y", 2u64).await * v.iter().map(|&x| u64::from(x)).product::<u64>();
                let digits = v.iter().copied().fold(leaf("seed", 0).await, |acc, d| acc * 10 + d);
                let names = leaf("names", vec!["ab", "abcd", "abc"]).await;
                let longest = names.iter().copied().max_by_key(|n| n.len());
                (s, p, digits, longest)
            }
        }
    }
    run { f() }
}

twin! {
    /// `as` casts, `u64::from`, `i32::abs` and `f64` formatting of awaited values.
    p27a_casts_and_float_format {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let n = leaf("n", 300i32).await;
                let total = leaf("total", 7u32).await;
                let avg = u64::from(total) as f64 / leaf("div", 3u32).await as f64;
                vec![
                    format!("{}", n as u8),
                    format!("{}", (-n) as u32),
                    format!("{avg:.3}"),
                    format!("{:>9.2}|{:+}|{:08.1}", avg, leaf("neg", -1.5f64).await, avg),
                    format!("{:e}", leaf("big", 1234.5f64).await),
                    format!("{}", i32::abs(leaf("m", -42).await) as u64 * 2),
                ]
            }
        }
    }
    run { f() }
}

twin! {
    /// A `String` shadowed by its own trimmed `&str` before an await: the shadowed owner
    /// must live on.
    p27a_shadow_string_with_trimmed_slice {
        lower! {
            pub async fn f() -> (usize, String) {
                let _t = Tracker::new("t");
                let line = leaf("read", String::from("   padded value   ")).await;
                let line = line.trim();
                step("trimmed").await;
                let line = line.strip_suffix("value").unwrap_or(line);
                let n = leaf("n", line.len()).await;
                (n, line.to_string())
            }
        }
    }
    run { f() }
}

twin! {
    /// Temporary lifetime extension: `let r = &leaf(..).await;` and
    /// `let words = &text.split(..).collect::<Vec<_>>();` held across awaits.
    p27a_temporary_lifetime_extension {
        lower! {
            pub async fn f() -> String {
                let g = &Tracker::new("g");
                let text = &leaf("read", String::from("x y z")).await;
                step("a").await;
                let words = &text.split(' ').collect::<Vec<_>>();
                step("b").await;
                let s: &str = &format!("{}{}", words[2], leaf("n", 1).await);
                step("c").await;
                format!("{}:{s}:{}", g.name(), words.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered fn returning `Vec<&'a str>` of fields of its borrowed argument, called on a
    /// local buffer whose slices are kept across more awaits.
    p27a_returns_vec_of_borrowed_fields {
        lower! {
            pub async fn fields<'a>(line: &'a str, sep: char) -> Vec<&'a str> {
                let mut out = Vec::new();
                for f in line.split(sep) {
                    let f = leaf("f", f.trim()).await;
                    if !f.is_empty() {
                        out.push(f);
                    }
                }
                out
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let buf = leaf("read", String::from(" id ; name;; age ")).await;
                let fs = fields(&buf, ';').await;
                step("got").await;
                let mut out = Vec::new();
                for (i, f) in fs.iter().enumerate() {
                    out.push(format!("{i}={}", leaf("up", f.to_uppercase()).await));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec<u8>` split on a byte with `split(|b| ..)`, each field decoded with
    /// `from_utf8` across awaits.
    p27a_bytes_split_from_utf8 {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let data = leaf("read", b"ab|cde||f".to_vec()).await;
                let mut out = Vec::new();
                for field in data.split(|b| *b == b'|') {
                    let s = std::str::from_utf8(field).unwrap();
                    let n = leaf("n", field.len()).await;
                    out.push(format!("{s}:{n}"));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A byte reader struct over `&'a [u8]` with `&mut self` methods that return slices,
    /// called between awaits and the slices kept.
    p27a_byte_reader_struct {
        pub struct Reader<'a> {
            buf: &'a [u8],
            at: usize,
        }
        impl<'a> Reader<'a> {
            pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
                let s = self.buf.get(self.at..self.at + n)?;
                self.at += n;
                Some(s)
            }
            pub fn u8(&mut self) -> Option<u8> {
                self.take(1).map(|s| s[0])
            }
        }
        lower! {
            pub async fn f() -> Result<Vec<String>, String> {
                let _t = Tracker::new("t");
                let data = leaf("read", vec![3u8, b'a', b'b', b'c', 2, b'x', b'y', 9]).await;
                let mut r = Reader { buf: &data, at: 0 };
                let mut out = Vec::new();
                while let Some(len) = r.u8() {
                    step("len").await;
                    let body = r.take(len as usize).ok_or(format!("short at {}", r.at))?;
                    let s = leaf("body", String::from_utf8_lossy(body).into_owned()).await;
                    out.push(s);
                }
                Ok(out)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Token<'a>` enum produced by a lexer struct implementing `Iterator`, consumed by
    /// a `for` loop with awaits and a `match` on the token.
    p27a_lexer_iterator_enum_tokens {
        #[derive(Debug)]
        pub enum Token<'a> {
            Word(&'a str),
            Num(u32),
            Punct(char),
        }
        pub struct Lexer<'a> {
            s: &'a str,
        }
        impl<'a> Iterator for Lexer<'a> {
            type Item = Token<'a>;
            fn next(&mut self) -> Option<Token<'a>> {
                self.s = self.s.trim_start();
                let c = self.s.chars().next()?;
                if c.is_ascii_digit() {
                    let end = self.s.find(|c: char| !c.is_ascii_digit()).unwrap_or(self.s.len());
                    let (n, rest) = self.s.split_at(end);
                    self.s = rest;
                    Some(Token::Num(n.parse().unwrap()))
                } else if c.is_alphabetic() {
                    let end = self.s.find(|c: char| !c.is_alphabetic()).unwrap_or(self.s.len());
                    let (w, rest) = self.s.split_at(end);
                    self.s = rest;
                    Some(Token::Word(w))
                } else {
                    self.s = &self.s[c.len_utf8()..];
                    Some(Token::Punct(c))
                }
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<String>) {
                let _g = Tracker::new("g");
                let src = leaf("read", String::from("sum 12 + 30, ab 5")).await;
                let mut total = 0;
                let mut words = Vec::new();
                for tok in (Lexer { s: &src }) {
                    match tok {
                        Token::Num(n) => total += leaf("num", n).await,
                        Token::Word(w) => {
                            let _w = Tracker::new("w");
                            words.push(leaf("word", w).await.to_string());
                        }
                        Token::Punct(p) => log(format!("punct {p}")),
                    }
                }
                (total, words)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Record<'a>` structs holding borrowed fields and a tracker, built per CSV line
    /// across awaits, collected, filtered and dropped in order.
    p27a_records_with_trackers_borrowing_buffer {
        #[derive(Debug)]
        pub struct Record<'a> {
            pub name: &'a str,
            pub age: u32,
            pub guard: Tracker,
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let csv = leaf("read", String::from("ann,31\nbob,17\ncyd,45")).await;
                let mut recs = Vec::new();
                for line in csv.lines() {
                    let mut parts = line.split(',');
                    let name = parts.next().unwrap();
                    step("name").await;
                    let age = leaf("age", parts.next().unwrap()).await.parse().unwrap();
                    recs.push(Record { name, age, guard: Tracker::new("rec") });
                }
                let limit = leaf("limit", 18).await;
                recs.retain(|r| r.age >= limit);
                step("filtered").await;
                recs.iter().map(|r| format!("{}:{}:{}", r.name, r.age, r.guard.name())).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `BTreeMap<&str, Tracker>` keyed by slices of a local buffer, entries removed and
    /// replaced across awaits (drop order of replaced values).
    p27a_btreemap_trackers_replaced {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let text = leaf("read", String::from("a b a c b")).await;
                let names = ["t0", "t1", "t2", "t3", "t4"];
                let mut m = BTreeMap::new();
                for (i, k) in text.split(' ').enumerate() {
                    let t = Tracker::new(names[i]);
                    step("ins").await;
                    if let Some(old) = m.insert(k, t) {
                        log(format!("replaced {}", old.name()));
                    }
                }
                let gone = m.remove(leaf("rm", "b").await);
                step("removed").await;
                drop(gone);
                m.values().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `lines()` iterator held in a local: the header is taken, then the rest is consumed
    /// with awaits in a `for` loop over the same iterator.
    p27a_header_then_rest_of_lines {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("h1,h2\n1,2\n3,4")).await;
                let mut lines = text.lines();
                let header: Vec<&str> = lines.next().unwrap().split(',').collect();
                step("header").await;
                let mut out = Vec::new();
                for line in lines {
                    for (h, v) in header.iter().zip(line.split(',')) {
                        out.push(format!("{h}={}", leaf("v", v).await));
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `splitn`, `rsplit_once` and `split_at` with an awaited index.
    p27a_splitn_rsplit_once_split_at {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let path = leaf("read", String::from("usr/local/lib/libfoo.so.1")).await;
                let mut it = path.splitn(3, '/');
                let a = it.next().unwrap();
                step("a").await;
                let b = it.next().unwrap();
                let rest = it.next().unwrap();
                let (dir, file) = rest.rsplit_once('/').unwrap();
                let (stem, ext) = file.split_at(leaf("at", 6).await);
                vec![a.into(), b.into(), dir.into(), stem.into(), ext.into()]
            }
        }
    }
    run { f() }
}

twin! {
    /// A labeled `break 'outer` out of nested loops over lines and words, with an awaited
    /// condition and trackers in both loops.
    p27a_labeled_break_nested_lines {
        lower! {
            pub async fn f() -> Option<String> {
                let text = leaf("read", String::from("a b\nc STOP d\ne")).await;
                let mut found = None;
                'outer: for line in text.lines() {
                    let _l = Tracker::new("line");
                    for w in line.split(' ') {
                        let _w = Tracker::new("word");
                        if leaf("is_stop", w == "STOP").await {
                            found = Some(line);
                            break 'outer;
                        }
                    }
                }
                step("after").await;
                found.map(|l| l.to_string())
            }
        }
    }
    run { f() }
}

twin! {
    /// `loop` with `let Some(line) = lines.next() else { break }` and awaits per line.
    p27a_loop_let_else_break {
        lower! {
            pub async fn f() -> usize {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("x=1\ny=22\nz=333")).await;
                let mut lines = text.lines();
                let mut total = 0;
                loop {
                    let Some(line) = lines.next() else { break };
                    let Some((_, v)) = line.split_once('=') else { continue };
                    total += leaf("len", v.len()).await;
                }
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` on `Option` inside an async fn returning `Option`, with a split iterator and
    /// trackers live at the early return.
    p27a_option_question_with_iter_live {
        lower! {
            pub async fn third(text: &str) -> Option<String> {
                let _t = Tracker::new("t");
                let mut it = text.split(',');
                let a = it.next()?;
                step("a").await;
                let _u = Tracker::new("u");
                let b = it.next()?;
                step("b").await;
                let c = it.next()?;
                Some(format!("{a}{b}{}", leaf("c", c).await))
            }
        }
        lower! {
            pub async fn f() -> (Option<String>, Option<String>) {
                let s1 = leaf("r1", String::from("1,2,3")).await;
                let s2 = leaf("r2", String::from("1,2")).await;
                (third(&s1).await, third(&s2).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// An error enum holding a tracker and an owned copy of the bad slice, returned with `?`
    /// from inside a loop over fields.
    p27a_error_with_tracker_from_loop {
        #[derive(Debug)]
        pub enum Bad {
            Field(Tracker, String),
        }
        lower! {
            pub async fn check(text: &str) -> Result<usize, Bad> {
                let mut ok = 0;
                for f in text.split(';') {
                    let _f = Tracker::new("f");
                    let good = leaf("chk", f.chars().all(|c| c.is_ascii_alphanumeric())).await;
                    if !good {
                        Err(Bad::Field(Tracker::new("err"), f.to_string()))?;
                    }
                    ok += 1;
                }
                Ok(ok)
            }
        }
        lower! {
            pub async fn f() -> Result<usize, Bad> {
                let _g = Tracker::new("g");
                let text = leaf("read", String::from("ab;c1;d-e;f")).await;
                let n = check(&text).await?;
                step("unreachable").await;
                Ok(n)
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` while a `Vec<&str>` of slices and a map of trackers are live.
    p27a_boom_with_slices_and_map_live {
        lower! {
            pub async fn f() -> usize {
                let text = leaf("read", String::from("k1 k2 k3")).await;
                let words: Vec<&str> = text.split(' ').collect();
                let mut m = BTreeMap::new();
                m.insert(words[0], Tracker::new("m0"));
                step("a").await;
                m.insert(words[1], Tracker::new("m1"));
                let _t = Tracker::new("t");
                let n = boom("b").await;
                m.len() + n as usize
            }
        }
    }
    run { f() }
}

twin! {
    /// Slicing past the end of a buffer panics with slices and trackers live.
    p27a_slice_out_of_range_panic {
        lower! {
            pub async fn f() -> String {
                let _a = Tracker::new("a");
                let text = leaf("read", String::from("short")).await;
                let head = &text[..2];
                let _b = Tracker::new("b");
                let end = leaf("end", 99).await;
                let tail = &text[2..end];
                format!("{head}{tail}")
            }
        }
    }
    run { f() }
}

twin! {
    /// Arithmetic overflow panic on an awaited `u8` operand with trackers live.
    p27a_overflow_panic_awaited_operand {
        lower! {
            pub async fn f() -> u8 {
                let _a = Tracker::new("a");
                let v = leaf("read", vec![Tracker::new("v1"), Tracker::new("v2")]).await;
                let x = leaf("x", 200u8).await;
                let _b = Tracker::new("b");
                let y = x + leaf("y", 100u8).await;
                y + v.len() as u8
            }
        }
    }
    run { f() }
}

twin! {
    /// `match` on a slice pattern of split words with awaits in arms and a binding guard.
    p27a_match_slice_pattern_of_words {
        lower! {
            pub async fn run_cmd(line: &str) -> String {
                let _t = Tracker::new("cmd");
                let words: Vec<&str> = line.split_whitespace().collect();
                match words.as_slice() {
                    ["set", key, value] => {
                        let v = leaf("set", value.len()).await;
                        format!("set {key}={v}")
                    }
                    ["get", key] if key.len() > 1 => format!("get {}", leaf("get", key).await),
                    [cmd, rest @ ..] => {
                        step("other").await;
                        format!("{cmd} +{}", rest.len())
                    }
                    [] => String::from("empty"),
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let text = leaf("read", String::from("set a 123\nget bb\nget c\n\nquit now please")).await;
                let mut out = Vec::new();
                for line in text.lines() {
                    out.push(run_cmd(line).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// An await inside a `match` guard that inspects a borrowed slice.
    p27a_await_in_match_guard {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("aa,b,cccc")).await;
                let mut out = Vec::new();
                for w in text.split(',') {
                    let r = match w.len() {
                        n if leaf("big", n > 2).await => format!("big {w}"),
                        1 => format!("one {w}"),
                        _ => format!("mid {}", leaf("mid", w).await),
                    };
                    out.push(r);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure capturing a borrowed key slice, defined before awaits and called after.
    p27a_closure_captures_slice_called_after_await {
        lower! {
            pub async fn f() -> (usize, Vec<String>) {
                let _t = Tracker::new("t");
                let cfg = leaf("cfg", String::from("key=error")).await;
                let key = cfg.split_once('=').unwrap().1;
                let matches = |line: &str| line.contains(key);
                let log_text = leaf("log", String::from("ok\nerror: x\nwarn\nerror: y")).await;
                step("loaded").await;
                let hits: Vec<&str> = log_text.lines().filter(|l| matches(l)).collect();
                let n = leaf("n", hits.len()).await;
                (n, hits.iter().map(|h| h.to_string()).collect())
            }
        }
    }
    run { f() }
}

twin! {
    /// A `map` adapter iterator with a capturing closure held across awaits and advanced
    /// with `next()`.
    p27a_map_adapter_held_across_awaits {
        lower! {
            pub async fn f() -> Vec<usize> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("a,bb,ccc,dddd")).await;
                let offset = leaf("off", 100).await;
                let mut it = text.split(',').map(|s| s.len() + offset);
                let mut out = Vec::new();
                out.push(it.next().unwrap());
                step("s1").await;
                out.push(it.next().unwrap());
                step("s2").await;
                out.extend(it);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic lowered fn tallying any iterator of `&'a str` into a
    /// `BTreeMap<&'a str, usize>`.
    p27a_generic_tally_iterator_of_slices {
        lower! {
            pub async fn tally<'a, I: Iterator<Item = &'a str>>(it: I) -> BTreeMap<&'a str, usize> {
                let mut m = BTreeMap::new();
                for w in it {
                    step("w").await;
                    *m.entry(w).or_insert(0) += 1;
                }
                m
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("b a b c a b")).await;
                let m = tally(text.split(' ')).await;
                let m2 = tally(text.split(' ').filter(|w| *w != "b")).await;
                step("done").await;
                m.iter().chain(m2.iter()).map(|(k, v)| format!("{k}{v}")).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered fn taking `&mut HashMap<&'a str, usize>` and a `&'a str`, filling the
    /// caller's map across awaits.
    p27a_fill_callers_map_by_mut_ref {
        lower! {
            pub async fn add_words<'a>(m: &mut HashMap<&'a str, usize>, line: &'a str) -> usize {
                let mut added = 0;
                for w in line.split_whitespace() {
                    let n = leaf("n", w.len()).await;
                    if m.insert(w, n).is_none() {
                        added += 1;
                    }
                }
                added
            }
        }
        lower! {
            pub async fn f() -> (usize, usize, Option<usize>, Option<usize>) {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("alpha beta\nbeta gamma delta")).await;
                let mut m = HashMap::new();
                let mut lines = text.lines();
                let a = add_words(&mut m, lines.next().unwrap()).await;
                let b = add_words(&mut m, lines.next().unwrap()).await;
                (a, b, m.get("delta").copied(), m.get("zeta").copied())
            }
        }
    }
    run { f() }
}

twin! {
    /// `m.entry(k).or_default().push(leaf(..).await)`: a `&mut Vec` from the map held while
    /// the argument awaits.
    p27a_entry_or_default_push_awaited_arg {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("a:1 b:2 a:3")).await;
                let mut m: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
                for kv in text.split(' ') {
                    let (k, v) = kv.split_once(':').unwrap();
                    m.entry(k).or_default().push(leaf("v", v).await);
                }
                m.into_iter().map(|(k, vs)| format!("{k}{vs:?}")).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `*counts.entry(w).or_insert(leaf(..).await) += leaf(..).await`: awaits in the place
    /// and in the operand of a compound assignment.
    p27a_compound_assign_entry_awaits {
        lower! {
            pub async fn f() -> Vec<(String, u32)> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("x y x")).await;
                let mut counts = BTreeMap::new();
                for w in text.split(' ') {
                    *counts.entry(w).or_insert(leaf("init", 100).await) += leaf("inc", 1).await;
                }
                counts.iter().map(|(k, v)| (k.to_string(), *v)).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `v[leaf(i).await] += leaf(d).await` on primitives: the right operand is evaluated
    /// before the place.
    p27a_compound_assign_index_order {
        lower! {
            pub async fn f() -> Vec<u32> {
                let _t = Tracker::new("t");
                let mut v = leaf("read", vec![1u32, 2, 3]).await;
                v[leaf("i", 1).await] += leaf("d", 5).await;
                v[val("j", 2)] *= leaf("m", 3).await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `v.push(leaf(.., v.len()).await)`: a two-phase borrow of the receiver with an await
    /// in the argument.
    p27a_two_phase_push_awaited_len {
        lower! {
            pub async fn f() -> Vec<usize> {
                let _t = Tracker::new("t");
                let mut v = Vec::new();
                v.push(leaf("a", v.len()).await);
                v.push(leaf("b", v.len() * 10).await);
                let mut words: Vec<String> = Vec::new();
                words.push(leaf("w", format!("w{}", words.len())).await);
                v.push(words.len());
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let Some(v) = map.get_mut(k)` with a `&mut Vec<&str>` live across awaits.
    p27a_get_mut_held_across_awaits {
        lower! {
            pub async fn f() -> Vec<String> {
                let text = leaf("read", String::from("a b c")).await;
                let mut m = BTreeMap::new();
                m.insert("list", vec![Tracker::new("t0")]);
                let mut names = Vec::new();
                if let Some(v) = m.get_mut("list") {
                    for w in text.split(' ') {
                        step("w").await;
                        names.push(w);
                        if w == "b" {
                            v.push(Tracker::new("t1"));
                        }
                    }
                    let popped = v.remove(0);
                    step("popped").await;
                    log(format!("popped {}", popped.name()));
                }
                names.iter().map(|n| n.to_string()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec::drain(1..)` of trackers held across awaits, partly consumed, then dropped.
    p27a_vec_drain_held_across_awaits {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c"), Tracker::new("d")];
                let mut d = v.drain(1..);
                let first = d.next().unwrap();
                step("one").await;
                log(format!("got {}", first.name()));
                let second = d.next();
                step("two").await;
                drop(d);
                step("dropped").await;
                drop(second);
                v.push(first);
                v.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `String::drain(..n)` held across an await, then the rest of the string read.
    p27a_string_drain_across_await {
        lower! {
            pub async fn f() -> (String, String) {
                let _t = Tracker::new("t");
                let mut s = leaf("read", String::from("HEAD:body text")).await;
                let n = s.find(':').unwrap() + 1;
                let mut d = s.drain(..n);
                let first = d.next();
                step("drain").await;
                let rest: String = d.collect();
                step("collected").await;
                (format!("{first:?}{rest}"), s)
            }
        }
    }
    run { f() }
}

twin! {
    /// `into_iter()` of a `Vec<Tracker>` zipped with a split iterator, left with `break`:
    /// the remaining trackers drop with the iterator.
    p27a_into_iter_zip_break_drops_rest {
        lower! {
            pub async fn f() -> Vec<String> {
                let ts = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c"), Tracker::new("d")];
                let text = leaf("read", String::from("1 2 stop 4")).await;
                let mut out = Vec::new();
                for (t, w) in ts.into_iter().zip(text.split(' ')) {
                    if leaf("stop?", w == "stop").await {
                        break;
                    }
                    out.push(format!("{}{w}", t.name()));
                }
                step("after").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `lines().peekable()` with `next_if` grouping continuation lines, awaiting per group.
    p27a_peekable_lines_next_if {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("a\n  a2\n  a3\nb\nc\n  c2")).await;
                let mut lines = text.lines().peekable();
                let mut out = Vec::new();
                while let Some(head) = lines.next() {
                    let mut parts = vec![head];
                    step("head").await;
                    while let Some(cont) = lines.next_if(|l| l.starts_with(' ')) {
                        parts.push(leaf("cont", cont.trim()).await);
                    }
                    out.push(parts.join("+"));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `chars().rev()`, `to_digit` and `rposition` over a borrowed buffer across awaits.
    p27a_chars_rev_to_digit {
        lower! {
            pub async fn f() -> (u32, String, Option<usize>) {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("a1b22c3")).await;
                let mut sum = 0;
                for c in text.chars().rev() {
                    if let Some(d) = c.to_digit(10) {
                        sum += leaf("d", d).await;
                    }
                }
                let rev: String = text.chars().rev().collect();
                step("rev").await;
                let bytes = text.as_bytes();
                let last_b = bytes.iter().rposition(|b| *b == b'b');
                (sum, rev, last_b)
            }
        }
    }
    run { f() }
}


twin! {
    /// A list of boxed predicates over `&str`, applied to lines across awaits.
    p27a_boxed_predicates_over_lines {
        lower! {
            pub async fn f() -> Vec<(usize, usize)> {
                let _t = Tracker::new("t");
                let needle = leaf("needle", String::from("err")).await;
                let preds: Vec<Box<dyn Fn(&str) -> bool + '_>> = vec![
                    Box::new(|l: &str| l.starts_with('#')),
                    Box::new(|l: &str| l.contains(needle.as_str())),
                ];
                let text = leaf("read", String::from("# x\nerr 1\nok\n#err")).await;
                let mut out = Vec::new();
                for (i, line) in text.lines().enumerate() {
                    step("line").await;
                    let hits = preds.iter().filter(|p| p(line)).count();
                    out.push((i, hits));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `dyn Trait` extractor returning slices of its argument, through a `&dyn`.
    p27a_dyn_extractor_returning_slices {
        pub trait Extract {
            fn pick<'a>(&self, s: &'a str) -> Option<&'a str>;
        }
        pub struct Between(pub char, pub char);
        impl Extract for Between {
            fn pick<'a>(&self, s: &'a str) -> Option<&'a str> {
                let a = s.find(self.0)? + self.0.len_utf8();
                let b = s[a..].find(self.1)? + a;
                Some(&s[a..b])
            }
        }
        lower! {
            pub async fn run(ex: &dyn Extract) -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("[a] (b) [cc] none")).await;
                let mut out = Vec::new();
                for w in text.split(' ') {
                    let got = ex.pick(w);
                    step("pick").await;
                    out.push(format!("{got:?}"));
                }
                out
            }
        }
    }
    run { run(leak(Between('[', ']'))) }
}

twin! {
    /// A lowered `&self` method returning `&'a str` on a struct holding `&'a str`.
    p27a_doc_method_returns_borrow {
        pub struct Doc<'a> {
            pub text: &'a str,
            pub guard: Tracker,
        }
        impl<'a> Doc<'a> {
            lower! {
                pub async fn title(&self) -> &'a str {
                    step("title").await;
                    self.text.lines().next().unwrap_or("")
                }
            }
            lower! {
                pub async fn body_len(&self) -> usize {
                    let t = self.title().await;
                    leaf("len", self.text.len() - t.len()).await
                }
            }
        }
        lower! {
            pub async fn f() -> (String, usize) {
                let text = leaf("read", String::from("Title\nbody\nmore")).await;
                let doc = Doc { text: &text, guard: Tracker::new("doc") };
                let t = doc.title().await;
                let n = doc.body_len().await;
                drop(doc);
                step("after").await;
                (t.to_string(), n)
            }
        }
    }
    run { f() }
}

twin! {
    /// A builder with a lifetime consumed by value in a lowered method (`mut self`) that
    /// returns `Self`, chained with awaits.
    p27a_builder_by_value_with_lifetime {
        #[derive(Debug)]
        pub struct Query<'a> {
            pub parts: Vec<&'a str>,
            pub guard: Tracker,
        }
        impl<'a> Query<'a> {
            lower! {
                pub async fn with(mut self, p: &'a str) -> Self {
                    step("with").await;
                    self.parts.push(p);
                    self
                }
            }
        }
        lower! {
            pub async fn f() -> String {
                let text = leaf("read", String::from("select * from t")).await;
                let mut words = text.split(' ');
                let q = Query { parts: Vec::new(), guard: Tracker::new("q") };
                let q = q.with(words.next().unwrap()).await.with(words.next().unwrap()).await;
                let q = q.with(leaf("last", words.last().unwrap()).await).await;
                q.parts.join(" ")
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&mut &'a str` cursor parameter advanced by a lowered fn, returning a word.
    p27a_mut_ref_str_cursor_param {
        lower! {
            pub async fn take_word<'a>(s: &mut &'a str) -> Option<&'a str> {
                step("take").await;
                let t = s.trim_start();
                if t.is_empty() {
                    return None;
                }
                let end = t.find(' ').unwrap_or(t.len());
                let (w, rest) = t.split_at(end);
                *s = rest;
                Some(w)
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("  one two   three ")).await;
                let mut cur = text.as_str();
                let mut out = Vec::new();
                while let Some(w) = take_word(&mut cur).await {
                    out.push(format!("{w}|{}", cur.len()));
                }
                out
            }
        }
    }
    run { f() }
}

// Known gap: a tuple-struct parameter pattern copying a field out of a Drop type drops the argument at the start of the body instead of at its end
#[cfg(feature = "known-gaps")]
twin! {
    /// Parameters destructured in the signature: a tuple of slices and a `mut String`.
    p27a_destructured_params {
        lower! {
            pub async fn join((a, b): (&str, &str), mut acc: String, Tracker(name): Tracker) -> String {
                step("join").await;
                acc.push_str(a);
                acc.push_str(leaf("sep", "-").await);
                acc.push_str(b);
                format!("{acc}/{name}")
            }
        }
        lower! {
            pub async fn f() -> String {
                let text = leaf("read", String::from("left right")).await;
                let (l, r) = text.split_once(' ').unwrap();
                join((l, r), String::from(">"), Tracker::new("p")).await
            }
        }
    }
    run { f() }
}

twin! {
    /// An error enum borrowing the bad slice, `Result<&'a str, ParseErr<'a>>`, converted to
    /// an owned error in the caller with `map_err` and `?`.
    p27a_borrowed_error_map_err {
        #[derive(Debug)]
        pub enum ParseErr<'a> {
            Unexpected(&'a str),
            Empty,
        }
        lower! {
            pub async fn ident<'a>(s: &'a str) -> Result<&'a str, ParseErr<'a>> {
                step("ident").await;
                if s.is_empty() {
                    return Err(ParseErr::Empty);
                }
                match s.find(|c: char| !c.is_alphanumeric()) {
                    Some(i) => Err(ParseErr::Unexpected(&s[i..])),
                    None => Ok(s),
                }
            }
        }
        lower! {
            pub async fn f(src: &'static str) -> Result<Vec<String>, String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from(src)).await;
                let mut out = Vec::new();
                for part in text.split(',') {
                    let id = ident(part).await.map_err(|e| format!("{e:?} in {part}"))?;
                    out.push(id.to_uppercase());
                }
                Ok(out)
            }
        }
    }
    run { pair(f("ab,c1,x"), f("ab,c-d,e")) }
}

twin! {
    /// `unwrap()` of a failed `parse` panics mid-import with records holding trackers.
    p27a_unwrap_parse_panics_mid_import {
        pub struct Rec<'a> {
            pub name: &'a str,
            pub n: u32,
            pub t: Tracker,
        }
        lower! {
            pub async fn f() -> usize {
                let text = leaf("read", String::from("a 1\nb 2\nc x\nd 4")).await;
                let mut recs = Vec::new();
                for line in text.lines() {
                    let (name, n) = line.split_once(' ').unwrap();
                    let t = Tracker::new("rec");
                    let n = leaf("n", n).await.parse::<u32>().unwrap();
                    recs.push(Rec { name, n, t });
                }
                recs.iter().map(|r| r.n as usize + r.name.len()).sum()
            }
        }
    }
    run { f() }
}

twin! {
    /// A leaf future holding a borrowed slice, created before another await and awaited
    /// after it (dropped unfinished on cancellation).
    p27a_future_holding_slice_stored {
        lower! {
            pub async fn f() -> String {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("abcdef")).await;
                let fut = leaf("later", &text[2..]);
                step("between").await;
                let _u = Tracker::new("u");
                let s = fut.await;
                format!("{s}{}", s.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec` of leaf futures over borrowed words, awaited one by one from its `IntoIter`.
    p27a_vec_of_futures_over_words {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("p q r")).await;
                let futs: Vec<_> = text.split(' ').map(|w| leaf("w", w)).collect();
                let mut out = Vec::new();
                for fu in futs {
                    let w = fu.await;
                    out.push(w.repeat(2));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::pin::pin!` of an inner future borrowing the buffer, polled via `.as_mut()`.
    p27a_pin_macro_inner_future {
        lower! {
            pub async fn count_upper(s: &str) -> usize {
                step("cu").await;
                s.chars().filter(|c| c.is_uppercase()).count()
            }
        }
        lower! {
            pub async fn f() -> usize {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("AbCdE")).await;
                let mut fut = std::pin::pin!(count_upper(&text));
                step("pinned").await;
                let n = fut.as_mut().await;
                n + leaf("x", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async` block inside the lowered fn borrowing a local slice, awaited later.
    p27a_async_block_borrowing_slice {
        lower! {
            pub async fn f() -> String {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("key=value")).await;
                let (k, v) = text.split_once('=').unwrap();
                let fut = async {
                    let _i = Tracker::new("inner");
                    step("inner").await;
                    format!("{v}:{k}")
                };
                step("outer").await;
                let s = fut.await;
                leaf("done", s).await
            }
        }
    }
    run { f() }
}

twin! {
    /// An async closure capturing a borrowed slice, called twice.
    p27a_async_closure_over_slice {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("pre")).await;
                let prefix = &text[..];
                let tag = async |s: &str| {
                    step("tag").await;
                    format!("{prefix}-{s}")
                };
                let a = tag("a").await;
                let b = tag(leaf("b", "b").await).await;
                vec![a, b]
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::future::join` of two lowered calls borrowing the same buffer.
    p27a_join_two_borrowing_calls {
        lower! {
            pub async fn count(s: &str, c: char) -> usize {
                let _t = Tracker::new("cnt");
                step("count").await;
                s.matches(c).count()
            }
        }
        lower! {
            pub async fn f() -> (usize, usize) {
                let text = leaf("read", String::from("banana")).await;
                let _g = Tracker::new("g");
                futures::future::join(count(&text, 'a'), count(&text, 'n')).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Recursive descent on nested brackets via `Box::pin` of the recursive call.
    p27a_recursive_box_pin_parser {
        lower! {
            pub async fn depth(s: &str) -> usize {
                step("d").await;
                let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
                    return 0;
                };
                1 + Box::pin(depth(inner)).await
            }
        }
        lower! {
            pub async fn f() -> usize {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("((()))")).await;
                depth(&text).await
            }
        }
    }
    run { f() }
}

twin! {
    /// 2024 tail-expression temporaries: a temporary tracker in the tail expression next to
    /// an await, with a local tracker.
    p27a_tail_expr_temporary_tracker {
        lower! {
            pub async fn f() -> usize {
                let _l = Tracker::new("local");
                let text = leaf("read", String::from("abc")).await;
                Tracker::new("tmp").name().len() + leaf("x", text.len()).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` scrutinee temporary (a tracker) living through an arm that awaits.
    p27a_match_scrutinee_temporary_lives {
        lower! {
            pub async fn f() -> String {
                let text = leaf("read", String::from("abc")).await;
                let r = match Tracker::new("scrut").name().len() + text.len() {
                    n if n > 3 => {
                        step("arm").await;
                        format!("big {n}")
                    }
                    n => format!("small {n}"),
                };
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// 2024 `if let` scrutinee temporary dropped before the `else` block, which awaits.
    p27a_if_let_temporary_before_else {
        pub struct Holder(pub Tracker, pub Option<u32>);
        impl Holder {
            pub fn get(&self) -> Option<u32> {
                self.1
            }
        }
        lower! {
            pub async fn f(v: Option<u32>) -> u32 {
                let _l = Tracker::new("l");
                step("s").await;
                if let Some(x) = Holder(Tracker::new("tmp"), v).get() {
                    step("then").await;
                    x
                } else {
                    step("else").await;
                    0
                }
            }
        }
    }
    run { pair(f(Some(3)), f(None)) }
}

twin! {
    /// A `let` statement temporary tracker around an await in the initializer.
    p27a_let_statement_temporary_across_await {
        lower! {
            pub async fn f() -> usize {
                let text = leaf("read", String::from("xyz")).await;
                let n = Tracker::new("tmp").name().len() + leaf("x", text.len()).await;
                step("after").await;
                n
            }
        }
    }
    run { f() }
}

// Known gap: a tuple-struct parameter pattern copying a field out of a Drop type drops the argument at the start of the body instead of at its end
#[cfg(feature = "known-gaps")]
twin! {
    /// A tuple-struct parameter pattern that copies a field out of a `Drop` type: the
    /// argument itself must live to the end of the body.
    p27a_destructured_params_min {
        lower! {
            pub async fn f(Tracker(name): Tracker) -> &'static str {
                step("s").await;
                name
            }
        }
    }
    run { f(Tracker::new("p")) }
}

twin! {
    /// A tuple parameter pattern with `_` for a tracker: the tuple lives to the end.
    p27a_param_tuple_wildcard_tracker {
        lower! {
            pub async fn f((n, _): (u32, Tracker), text: String) -> String {
                let _l = Tracker::new("l");
                step("s").await;
                format!("{n}{}", leaf("t", text).await)
            }
        }
    }
    run { f((3, Tracker::new("arg")), String::from("x")) }
}

twin! {
    /// A struct parameter pattern moving out one field (`text`) with `..`: the rest (a
    /// tracker) drops at the end of the body.
    p27a_param_struct_pattern_rest {
        pub struct Line {
            pub text: String,
            pub t: Tracker,
        }
        lower! {
            pub async fn f(Line { text, .. }: Line) -> usize {
                let _l = Tracker::new("l");
                let w = text.split(' ').count();
                step("s").await;
                leaf("n", w + text.len()).await
            }
        }
    }
    run { f(Line { text: String::from("a b c"), t: Tracker::new("line") }) }
}

twin! {
    /// A `VecDeque<&str>` work queue of slices, pushed and popped across awaits.
    p27a_vecdeque_queue_of_slices {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("a/b/c d/e f")).await;
                let mut q: VecDeque<&str> = text.split(' ').collect();
                let mut out = Vec::new();
                while let Some(item) = q.pop_front() {
                    step("pop").await;
                    if let Some((head, rest)) = item.split_once('/') {
                        q.push_back(rest);
                        out.push(leaf("head", head).await.to_string());
                    } else {
                        out.push(format!("leaf {item}"));
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A bracket matcher with a `Vec<(char, usize)>` stack and an early error return.
    p27a_bracket_matcher_stack {
        lower! {
            pub async fn check(s: &str) -> Result<usize, String> {
                let _t = Tracker::new("chk");
                let mut stack = Vec::new();
                let mut pairs = 0;
                for (i, c) in s.char_indices() {
                    match c {
                        '(' | '[' => stack.push((c, i)),
                        ')' | ']' => {
                            let (open, at) = stack.pop().ok_or(format!("unopened at {i}"))?;
                            step("close").await;
                            if (open == '(') != (c == ')') {
                                return Err(format!("mismatch {at}..{i}"));
                            }
                            pairs += 1;
                        }
                        _ => {}
                    }
                }
                if let Some((_, at)) = stack.last() {
                    return Err(format!("unclosed at {}", leaf("at", *at).await));
                }
                Ok(pairs)
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<usize, String>> {
                let text = leaf("read", String::from("(a[b])\n(]\n((x)\n)")).await;
                let mut out = Vec::new();
                for line in text.lines() {
                    out.push(check(line).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// An INI parser: `BTreeMap<&str, BTreeMap<&str, &str>>` sections keyed by slices,
    /// with `strip_prefix`/`strip_suffix` and awaits per line.
    p27a_ini_parser_nested_maps {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("[a]\nx=1\ny = 2\n[b]\n; note\nz=3")).await;
                let mut sections: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
                let mut current = "";
                for line in text.lines() {
                    let line = line.trim();
                    if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                        current = leaf("section", name).await;
                        continue;
                    }
                    if line.starts_with(';') {
                        continue;
                    }
                    let (k, v) = line.split_once('=').unwrap();
                    step("kv").await;
                    sections.entry(current).or_default().insert(k.trim(), v.trim());
                }
                let mut out = Vec::new();
                for (s, kvs) in &sections {
                    for (k, v) in kvs {
                        out.push(format!("{s}.{k}={v}"));
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A log analyser: level counts in a `HashMap<&str, usize>`, error messages kept as
    /// slices and sorted by length.
    p27a_log_analyser_levels {
        lower! {
            pub async fn f() -> (usize, usize, Vec<String>) {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from(
                    "INFO 1 started\nERROR 2 disk full\nWARN 3 slow\nERROR 4 no\nINFO 5 done",
                )).await;
                let mut levels = HashMap::new();
                let mut errors = Vec::new();
                for line in text.lines() {
                    let mut parts = line.splitn(3, ' ');
                    let level = parts.next().unwrap();
                    let _ts = parts.next();
                    let msg = parts.next().unwrap_or("");
                    *levels.entry(level).or_insert(0usize) += 1;
                    if level == "ERROR" {
                        errors.push(leaf("err", msg).await);
                    }
                }
                step("scanned").await;
                errors.sort_by_key(|m| m.len());
                (levels["ERROR"], levels.get("INFO").copied().unwrap_or(0), errors.iter().map(|e| e.to_string()).collect())
            }
        }
    }
    run { f() }
}

twin! {
    /// Top-k words: counts into a `Vec<(&str, usize)>`, sorted with `then_with`, truncated.
    p27a_top_k_words {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("b a c b a b d c")).await;
                let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
                for w in text.split_whitespace() {
                    *counts.entry(w).or_default() += 1;
                }
                let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
                step("counted").await;
                v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
                v.truncate(leaf("k", 3).await);
                v.iter().map(|(w, n)| format!("{w}:{n}")).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A quoted-CSV field splitter written as a char state machine, awaiting per field.
    p27a_quoted_csv_state_machine {
        lower! {
            pub async fn fields(line: &str) -> Vec<String> {
                let mut out = Vec::new();
                let mut cur = String::new();
                let mut quoted = false;
                let mut chars = line.chars();
                while let Some(c) = chars.next() {
                    match (c, quoted) {
                        ('"', false) => quoted = true,
                        ('"', true) => quoted = false,
                        (',', false) => {
                            step("field").await;
                            out.push(std::mem::take(&mut cur));
                        }
                        (c, _) => cur.push(c),
                    }
                }
                out.push(leaf("last", cur).await);
                out
            }
        }
        lower! {
            pub async fn f() -> Vec<Vec<String>> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("a,\"b,c\",d\n\"x\"\"y\",,z")).await;
                let mut rows = Vec::new();
                for line in text.lines() {
                    rows.push(fields(line).await);
                }
                rows
            }
        }
    }
    run { f() }
}

twin! {
    /// `HashSet<&str>` dedupe whose `insert` result is the condition of an `if` that awaits.
    p27a_hashset_dedupe_insert_cond {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("x y x z y w")).await;
                let mut seen = HashSet::new();
                let mut out = Vec::new();
                for w in text.split(' ') {
                    if seen.insert(w) {
                        out.push(leaf("new", w).await.to_string());
                    } else {
                        step("dup").await;
                    }
                }
                out.push(seen.len().to_string());
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `BTreeSet<&str>` built across awaits, then a `range` query with awaited bounds.
    p27a_btreeset_range_query {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("pear apple fig banana cherry date")).await;
                let mut set = BTreeSet::new();
                for w in text.split(' ') {
                    step("ins").await;
                    set.insert(w);
                }
                let lo = leaf("lo", "b").await;
                let hi = leaf("hi", "d").await;
                set.range(lo..hi).map(|s| s.to_string()).collect()
            }
        }
    }
    run { f() }
}


twin! {
    /// `match_indices` iterator held across awaits, slices taken between matches.
    p27a_match_indices_held {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("a::b::cc::d")).await;
                let mut it = text.match_indices("::");
                let mut last = 0;
                let mut out = Vec::new();
                while let Some((i, m)) = it.next() {
                    step("m").await;
                    out.push(format!("{}{}", &text[last..i], m.len()));
                    last = i + m.len();
                }
                out.push(leaf("tail", &text[last..]).await.to_string());
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Comma positions collected, then `windows(2)` slicing between them across awaits.
    p27a_positions_windows_slices {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from(",ab,c,,def,")).await;
                let pos: Vec<usize> = text.char_indices().filter(|(_, c)| *c == ',').map(|(i, _)| i).collect();
                step("pos").await;
                let mut out = Vec::new();
                for w in pos.windows(2) {
                    let s = &text[w[0] + 1..w[1]];
                    out.push(leaf("s", s).await.to_string());
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `from_utf8` with `?` into an error enum via `From<Utf8Error>` and hex parse via
    /// `from_str_radix` with `?` via `From<ParseIntError>`.
    p27a_utf8_and_hex_errors {
        #[derive(Debug)]
        pub enum DecodeError {
            Utf8(std::str::Utf8Error),
            Int(ParseIntError),
        }
        impl From<std::str::Utf8Error> for DecodeError {
            fn from(e: std::str::Utf8Error) -> Self {
                DecodeError::Utf8(e)
            }
        }
        impl From<ParseIntError> for DecodeError {
            fn from(e: ParseIntError) -> Self {
                DecodeError::Int(e)
            }
        }
        lower! {
            pub async fn decode(bytes: Vec<u8>) -> Result<u32, DecodeError> {
                let _t = Tracker::new("t");
                let end = bytes.iter().position(|b| *b == b';').unwrap_or(bytes.len());
                let s = std::str::from_utf8(&bytes[..end])?;
                step("utf8").await;
                let n = u32::from_str_radix(leaf("hex", s).await, 16)?;
                Ok(n)
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<u32, DecodeError>> {
                vec![
                    decode(b"ff;rest".to_vec()).await,
                    decode(vec![0xff, 0xfe, b';']).await,
                    decode(b"zz".to_vec()).await,
                ]
            }
        }
    }
    run { f() }
}

twin! {
    /// `checked_mul(..).ok_or(..)?` and `u32::try_from` of awaited operands.
    p27a_checked_mul_try_from {
        #[derive(Debug)]
        pub enum MathError {
            Overflow(&'static str),
            Range(std::num::TryFromIntError),
        }
        lower! {
            pub async fn area(w: i64, h: &str) -> Result<u32, MathError> {
                let _t = Tracker::new("t");
                let h: i64 = leaf("h", h).await.parse().unwrap();
                let a = w.checked_mul(leaf("scale", h).await).ok_or(MathError::Overflow("mul"))?;
                step("mul").await;
                u32::try_from(a).map_err(MathError::Range)
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<u32, MathError>> {
                vec![area(3, "4").await, area(i64::MAX, "2").await, area(1 << 40, "1").await]
            }
        }
    }
    run { f() }
}

twin! {
    /// `min`, `max`, `clamp` and `pow` with awaited operands.
    p27a_min_max_clamp_pow {
        lower! {
            pub async fn f() -> (u32, u32, i32, u64) {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("17 4 99")).await;
                let nums: Vec<u32> = text.split(' ').map(|s| s.parse().unwrap()).collect();
                let a = nums[0].min(leaf("b", nums[1]).await);
                let b = leaf("c", nums[2]).await.max(nums[0]);
                let c = (-(nums[2] as i32)).clamp(leaf("lo", -50).await, leaf("hi", 50).await);
                let d = u64::from(leaf("base", nums[1]).await).pow(leaf("exp", 3).await);
                (a, b, c, d)
            }
        }
    }
    run { f() }
}

twin! {
    /// Short-circuit `&&`/`||` with awaits on both sides over borrowed slices.
    p27a_short_circuit_awaits_on_slices {
        lower! {
            pub async fn f() -> Vec<bool> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("abc,,xyz")).await;
                let mut out = Vec::new();
                for w in text.split(',') {
                    let a = !w.is_empty() && leaf("long", w.len() > 2).await;
                    let b = w.is_empty() || leaf("starts", w.starts_with('x')).await;
                    out.push(a);
                    out.push(b);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `f64` parse, sum, average and `max_by` with `partial_cmp`, formatted with precision.
    p27a_f64_stats_formatting {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("1.5,2.25,-0.75,10")).await;
                let mut vals = Vec::new();
                for s in text.split(',') {
                    vals.push(leaf("v", s).await.parse::<f64>().unwrap());
                }
                let sum: f64 = vals.iter().sum();
                let avg = sum / vals.len() as f64;
                let max = vals.iter().copied().max_by(|a, b| a.partial_cmp(b).unwrap()).unwrap();
                step("stats").await;
                vec![
                    format!("{sum:.2}"),
                    format!("{avg:>10.4}"),
                    format!("{max:?}"),
                    format!("{:.0}|{}", leaf("r", 2.5f64).await.round(), (avg * 100.0).trunc()),
                ]
            }
        }
    }
    run { f() }
}

twin! {
    /// `iter().rev().take(2)`, `skip(1).step_by(2)` and `split_terminator` across awaits.
    p27a_rev_take_step_by {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("a;b;c;d;e;")).await;
                let parts: Vec<&str> = text.split_terminator(';').collect();
                let mut out = Vec::new();
                for p in parts.iter().rev().take(2) {
                    out.push(leaf("rev", *p).await.to_string());
                }
                for (i, p) in parts.iter().enumerate().skip(1).step_by(2) {
                    step("sb").await;
                    out.push(format!("{i}{p}"));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `chunks_exact(2)` over bytes with `remainder()`, and `rsplit` of a path.
    p27a_chunks_exact_remainder {
        lower! {
            pub async fn f() -> (Vec<u16>, Vec<u8>, Vec<String>) {
                let _t = Tracker::new("t");
                let data = leaf("read", vec![1u8, 2, 3, 4, 5]).await;
                let it = data.chunks_exact(2);
                let rem = it.remainder().to_vec();
                let mut words = Vec::new();
                for c in it {
                    words.push(u16::from(c[0]) << 8 | u16::from(leaf("lo", c[1]).await));
                }
                let path = leaf("path", String::from("a/b/c")).await;
                let mut segs = Vec::new();
                for s in path.rsplit('/') {
                    step("seg").await;
                    segs.push(s.to_string());
                }
                (words, rem, segs)
            }
        }
    }
    run { f() }
}

twin! {
    /// `text.get(a..b)?` with awaited bounds in an `Option`-returning fn.
    p27a_str_get_question_option {
        lower! {
            pub async fn sub(text: &str, a: usize, b: usize) -> Option<String> {
                let _t = Tracker::new("t");
                let s = text.get(leaf("a", a).await..leaf("b", b).await)?;
                step("got").await;
                Some(s.to_uppercase())
            }
        }
        lower! {
            pub async fn f() -> Vec<Option<String>> {
                let text = leaf("read", String::from("héllo")).await;
                vec![sub(&text, 0, 1).await, sub(&text, 1, 2).await, sub(&text, 3, 9).await]
            }
        }
    }
    run { f() }
}

twin! {
    /// An arithmetic expression parser (sum of products) on a tokenizer struct with
    /// `peek`/`bump` methods, awaiting per operand.
    p27a_expr_parser_sum_of_products {
        pub struct Toks<'a> {
            toks: Vec<&'a str>,
            i: usize,
        }
        impl<'a> Toks<'a> {
            pub fn peek(&self) -> Option<&'a str> {
                self.toks.get(self.i).copied()
            }
            pub fn bump(&mut self) -> Option<&'a str> {
                let t = self.peek();
                self.i += 1;
                t
            }
        }
        lower! {
            pub async fn product<'a>(t: &mut Toks<'a>) -> Result<i64, String> {
                let first = t.bump().ok_or("eof")?;
                let mut acc: i64 = leaf("operand", first).await.parse().map_err(|_| format!("bad {first}"))?;
                while t.peek() == Some("*") {
                    t.bump();
                    let n = t.bump().ok_or("eof after *")?;
                    acc *= leaf("operand", n).await.parse::<i64>().map_err(|_| format!("bad {n}"))?;
                }
                Ok(acc)
            }
        }
        lower! {
            pub async fn sum(src: &str) -> Result<i64, String> {
                let _t = Tracker::new("sum");
                let mut t = Toks { toks: src.split(' ').collect(), i: 0 };
                let mut acc = product(&mut t).await?;
                while let Some(op) = t.bump() {
                    let rhs = product(&mut t).await?;
                    match op {
                        "+" => acc += rhs,
                        "-" => acc -= rhs,
                        other => return Err(format!("op {other}")),
                    }
                }
                Ok(acc)
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<i64, String>> {
                let text = leaf("read", String::from("2 * 3 + 4\n1 - 2 * x\n5 / 1\n7 *")).await;
                let mut out = Vec::new();
                for line in text.lines() {
                    out.push(sum(line).await);
                }
                out
            }
        }
    }
    run { f() }
}

// Known gap: a field moved out of a local held in a `Partial` inside an awaited operand (`leaf("n", p.words.count()).await`): E0507 on Partial<P>.
#[cfg(feature = "known-gaps")]
twin! {
    /// A lowered `expect` method returning `Result<&'a str, String>` from a token struct.
    p27a_expect_method_result_borrow {
        pub struct P<'a> {
            words: std::str::SplitWhitespace<'a>,
            guard: Tracker,
        }
        impl<'a> P<'a> {
            lower! {
                pub async fn expect(&mut self, want: &str) -> Result<&'a str, String> {
                    step("expect").await;
                    match self.words.next() {
                        Some(w) if w == want => Ok(w),
                        Some(w) => Err(format!("{}: want {want}, got {w}", self.guard.name())),
                        None => Err(String::from("eof")),
                    }
                }
            }
        }
        lower! {
            pub async fn parse(src: &str) -> Result<String, String> {
                let mut p = P { words: src.split_whitespace(), guard: Tracker::new("p") };
                let a = p.expect("let").await?;
                let name = p.words.next().ok_or("no name")?;
                let b = p.expect("=").await?;
                Ok(format!("{a} {name} {b} {}", leaf("rest", p.words.count()).await))
            }
        }
        lower! {
            pub async fn f() -> (Result<String, String>, Result<String, String>) {
                let text = leaf("read", String::from("let x = 1 2\nlet y : 3")).await;
                let mut lines = text.lines();
                let a = parse(lines.next().unwrap()).await;
                let b = parse(lines.next().unwrap()).await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic lowered fn over `T: AsRef<str>` slices.
    p27a_generic_as_ref_str {
        lower! {
            pub async fn total_len<T: AsRef<str>>(items: &[T]) -> usize {
                let mut n = 0;
                for it in items {
                    n += leaf("len", it.as_ref().len()).await;
                }
                n
            }
        }
        lower! {
            pub async fn f() -> (usize, usize) {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("ab cde f")).await;
                let words: Vec<&str> = text.split(' ').collect();
                let owned: Vec<String> = words.iter().map(|w| w.repeat(2)).collect();
                (total_len(&words).await, total_len(&owned).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered fn returning `impl Iterator<Item = &'a str> + 'a` over its argument.
    p27a_returns_impl_iterator_of_slices {
        lower! {
            pub async fn long_words<'a>(s: &'a str, min: usize) -> impl Iterator<Item = &'a str> + 'a {
                step("lw").await;
                s.split(' ').filter(move |w| w.len() >= min)
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("a bbb cc dddd")).await;
                let mut it = long_words(&text, 2).await;
                let first = it.next();
                step("first").await;
                let mut out: Vec<String> = it.map(|w| w.to_uppercase()).collect();
                out.insert(0, format!("{first:?}"));
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// An `impl Iterator<Item = &'a str>` argument consumed across awaits.
    p27a_impl_iterator_argument {
        lower! {
            pub async fn longest<'a>(it: impl Iterator<Item = &'a str>) -> Option<&'a str> {
                let _t = Tracker::new("lg");
                let mut best: Option<&str> = None;
                for w in it {
                    step("w").await;
                    if best.is_none_or(|b| w.len() > b.len()) {
                        best = Some(w);
                    }
                }
                best
            }
        }
        lower! {
            pub async fn f() -> (Option<String>, Option<String>) {
                let text = leaf("read", String::from("aa bbbb c dddd")).await;
                let a = longest(text.split(' ')).await;
                let b = longest(text.split(' ').filter(|w| w.len() < 2)).await;
                (a.map(String::from), b.map(String::from))
            }
        }
    }
    run { f() }
}

twin! {
    /// Paragraphs accumulated with `mem::take` of a `Vec<&str>` and `mem::replace` of a
    /// `String` across awaits.
    p27a_mem_take_paragraphs {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("a\nb\n\nc\n\n\nd\ne")).await;
                let mut cur: Vec<&str> = Vec::new();
                let mut title = String::from("first");
                let mut out = Vec::new();
                for line in text.lines().chain(std::iter::once("")) {
                    if line.is_empty() {
                        if cur.is_empty() {
                            continue;
                        }
                        let para = std::mem::take(&mut cur);
                        step("para").await;
                        let old = std::mem::replace(&mut title, leaf("title", String::from("next")).await);
                        out.push(format!("{old}:{}", para.join(" ")));
                    } else {
                        cur.push(line);
                    }
                }
                out
            }
        }
    }
    run { f() }
}


twin! {
    /// `split(char::is_whitespace)` with a fn item and `split(&[',', ';'][..])` with a char
    /// slice pattern.
    p27a_split_fn_item_and_char_slice {
        lower! {
            pub async fn f() -> (Vec<String>, Vec<String>) {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("a b\tc;d,e")).await;
                let mut a = Vec::new();
                for w in text.split(char::is_whitespace) {
                    a.push(leaf("ws", w).await.to_string());
                }
                let mut b = Vec::new();
                for w in text.split(&[',', ';'][..]) {
                    step("sep").await;
                    b.push(w.to_string());
                }
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// `split_off` of a `Vec<Tracker>` at a found position, and `swap_remove`, across awaits.
    p27a_split_off_swap_remove_trackers {
        lower! {
            pub async fn f() -> (Vec<&'static str>, Vec<&'static str>) {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c"), Tracker::new("d"), Tracker::new("e")];
                let key = leaf("key", "c").await;
                let at = v.iter().position(|t| t.name() == key).unwrap();
                let mut tail = v.split_off(at);
                step("split").await;
                let gone = tail.swap_remove(0);
                step("swapped").await;
                drop(gone);
                v.truncate(leaf("keep", 1).await);
                (v.iter().map(|t| t.name()).collect(), tail.iter().map(|t| t.name()).collect())
            }
        }
    }
    run { f() }
}

twin! {
    /// `sort_unstable_by_key` with `Reverse` on `Vec<&Row>` and `chunk_by` on sorted words.
    p27a_reverse_sort_and_chunk_by {
        pub struct Row {
            pub t: Tracker,
            pub score: u32,
        }
        lower! {
            pub async fn f() -> (Vec<&'static str>, Vec<String>) {
                let rows = vec![
                    Row { t: Tracker::new("r1"), score: 5 },
                    Row { t: Tracker::new("r2"), score: 9 },
                    Row { t: Tracker::new("r3"), score: 7 },
                ];
                let mut refs: Vec<&Row> = rows.iter().collect();
                refs.sort_unstable_by_key(|r| std::cmp::Reverse(r.score));
                step("sorted").await;
                let text = leaf("read", String::from("aa bb c dd e f")).await;
                let words: Vec<&str> = text.split(' ').collect();
                let mut groups = Vec::new();
                for g in words.chunk_by(|a, b| a.len() == b.len()) {
                    groups.push(leaf("g", g.join("")).await);
                }
                (refs.iter().map(|r| r.t.name()).collect(), groups)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Cursor` method that indexes out of bounds panics mid-parse with trackers live.
    p27a_cursor_method_panics_mid_parse {
        pub struct Cur<'a> {
            b: &'a [u8],
            i: usize,
        }
        impl<'a> Cur<'a> {
            pub fn byte(&mut self) -> u8 {
                let c = self.b[self.i];
                self.i += 1;
                c
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let _a = Tracker::new("a");
                let data = leaf("read", b"abc".to_vec()).await;
                let mut c = Cur { b: &data, i: 0 };
                let mut sum = 0;
                while sum < 10_000 {
                    let _b = Tracker::new("b");
                    let x = c.byte();
                    sum += leaf("x", u32::from(x)).await;
                }
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// Early `return` from inside a `match` inside a `for` with a map of trackers live.
    p27a_early_return_from_match_in_for {
        lower! {
            pub async fn f() -> Result<usize, String> {
                let text = leaf("read", String::from("add a\nadd b\ndel a\nbad z\nadd c")).await;
                let mut m = BTreeMap::new();
                for line in text.lines() {
                    let (cmd, arg) = line.split_once(' ').unwrap();
                    match cmd {
                        "add" => {
                            m.insert(arg, Tracker::new("entry"));
                            step("add").await;
                        }
                        "del" => {
                            let t = m.remove(arg);
                            step("del").await;
                            drop(t);
                        }
                        other => {
                            let _e = Tracker::new("err");
                            return Err(format!("{other} {}", leaf("arg", arg).await));
                        }
                    }
                }
                Ok(m.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// `assert_eq!` on an awaited value fails mid-loop with slices and trackers live.
    p27a_assert_eq_fails_mid_loop {
        lower! {
            pub async fn f() -> usize {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("aa bb ccc dd")).await;
                let mut n = 0;
                for w in text.split(' ') {
                    let _w = Tracker::new("w");
                    assert_eq!(leaf("len", w.len()).await, 2, "word {w}");
                    n += 1;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `loop { .. break w; }` yielding a slice of the buffer, used after more awaits.
    p27a_loop_break_value_slice {
        lower! {
            pub async fn f() -> String {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("x1 y2 key3 z4")).await;
                let mut it = text.split(' ');
                let found = loop {
                    let Some(w) = it.next() else { break "none" };
                    if leaf("is_key", w.starts_with("key")).await {
                        break w;
                    }
                };
                step("after").await;
                format!("{found}+{}", it.next().unwrap_or("-"))
            }
        }
    }
    run { f() }
}

twin! {
    /// An index-based byte scanner (`while i < bytes.len()`) matching byte ranges with
    /// awaits in arms.
    p27a_byte_scanner_match_ranges {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("ab12 +C9")).await;
                let bytes = text.as_bytes();
                let mut i = 0;
                let mut out = Vec::new();
                while i < bytes.len() {
                    let start = i;
                    match bytes[i] {
                        b'0'..=b'9' => {
                            while i < bytes.len() && bytes[i].is_ascii_digit() {
                                i += 1;
                            }
                            out.push(format!("N{}", leaf("num", &text[start..i]).await));
                        }
                        b'a'..=b'z' | b'A'..=b'Z' => {
                            i += 1;
                            step("alpha").await;
                            out.push(format!("A{}", bytes[start] as char));
                        }
                        b' ' => i += 1,
                        other => {
                            i += 1;
                            out.push(format!("O{}", leaf("other", other).await));
                        }
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A nested `Vec<Vec<&str>>` table transposed with awaits.
    p27a_table_transpose {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("a,b,c\n1,2,3")).await;
                let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
                step("rows").await;
                let mut cols = Vec::new();
                for c in 0..rows[0].len() {
                    let mut col = Vec::new();
                    for r in &rows {
                        col.push(leaf("cell", r[c]).await);
                    }
                    cols.push(col.join(""));
                }
                cols
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option<&str>` chains: `and_then`, `map_or`, `unwrap_or_default` around awaits.
    p27a_option_str_chains {
        lower! {
            pub async fn f() -> (usize, String, String) {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("name: Ann ; age: 3")).await;
                let name = text.split(';').next().and_then(|p| p.split_once(':')).map(|(_, v)| v.trim());
                step("name").await;
                let n = name.map_or(0, |s| s.len()) + leaf("x", 1).await;
                let missing = text.split(';').nth(5).map(str::trim).unwrap_or_default();
                (n, name.unwrap_or_default().to_string(), format!("[{missing}]"))
            }
        }
    }
    run { f() }
}

twin! {
    /// `matches!` with a guard that awaits, over a token enum borrowing the buffer.
    p27a_matches_macro_guard_awaits {
        pub enum Tok<'a> {
            Word(&'a str),
            Num(u32),
        }
        lower! {
            pub async fn f() -> Vec<bool> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("ab 12 xyz 3")).await;
                let toks: Vec<Tok> = text
                    .split(' ')
                    .map(|w| w.parse().map(Tok::Num).unwrap_or(Tok::Word(w)))
                    .collect();
                let mut out = Vec::new();
                for t in &toks {
                    out.push(matches!(t, Tok::Word(w) if w.len() > leaf("min", 2).await));
                    out.push(matches!(t, Tok::Num(n) if *n > 5));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let .. && let .. && cond.await` let chains over a line.
    p27a_let_chains_with_await {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("n=5\nn=x\nm=7\nn=1")).await;
                let mut out = Vec::new();
                for line in text.lines() {
                    if let Some(r) = line.strip_prefix("n=")
                        && let Ok(n) = r.parse::<u32>()
                        && leaf("big", n > 1).await
                    {
                        out.push(format!("ok {n}"));
                    } else {
                        step("else").await;
                        out.push(format!("no {line}"));
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `let [a, b] = parts[..] else { .. }` and `let (Some(x), Some(y)) = (..) else` over
    /// split fields, with awaits in the `else`.
    p27a_let_else_slice_and_tuple_patterns {
        lower! {
            pub async fn pair_of(line: &str) -> Result<String, String> {
                let _t = Tracker::new("t");
                let parts: Vec<&str> = line.split(',').collect();
                let [a, b] = parts[..] else {
                    step("bad").await;
                    return Err(format!("{} parts", parts.len()));
                };
                let mut it = b.split(':');
                let (Some(x), Some(y)) = (it.next(), it.next()) else {
                    return Err(leaf("err", String::from("no colon")).await);
                };
                Ok(format!("{a}{x}{}", leaf("y", y).await))
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<String, String>> {
                let text = leaf("read", String::from("a,b:c\na,b,c\na,bc")).await;
                let mut out = Vec::new();
                for l in text.lines() {
                    out.push(pair_of(l).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A labeled block `'blk: { .. break 'blk v; .. }` yielding a slice, with awaits.
    p27a_labeled_block_break_value {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("#x\nkey:v\nplain")).await;
                let mut out = Vec::new();
                for line in text.lines() {
                    let kind = 'blk: {
                        if line.starts_with('#') {
                            break 'blk "comment";
                        }
                        if let Some((k, _)) = line.split_once(':') {
                            step("kv").await;
                            break 'blk k;
                        }
                        leaf("plain", "text").await
                    };
                    out.push(kind.to_string());
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `const`, `fn`, `struct` and `impl` items inside the lowered fn body.
    p27a_items_inside_fn_body {
        lower! {
            pub async fn f() -> (usize, String) {
                const SEP: char = ',';
                fn is_vowel(c: char) -> bool {
                    "aeiou".contains(c)
                }
                struct Stat<'a> {
                    word: &'a str,
                    vowels: usize,
                }
                impl Stat<'_> {
                    fn show(&self) -> String {
                        format!("{}:{}", self.word, self.vowels)
                    }
                }
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("banana,kiwi,fig")).await;
                let mut stats = Vec::new();
                for w in text.split(SEP) {
                    let vowels = leaf("v", w.chars().filter(|c| is_vowel(*c)).count()).await;
                    stats.push(Stat { word: w, vowels });
                }
                step("done").await;
                let best = stats.iter().max_by_key(|s| s.vowels).unwrap();
                (stats.len(), best.show())
            }
        }
    }
    run { f() }
}

twin! {
    /// A typed parse closure returning `Result`, called on awaited slices with `?`.
    p27a_parse_closure_with_question {
        lower! {
            pub async fn f(src: &'static str) -> Result<u32, ParseIntError> {
                let _t = Tracker::new("t");
                let parse = |s: &str| -> Result<u32, ParseIntError> { s.trim().parse() };
                let text = leaf("read", String::from(src)).await;
                let mut total = 0;
                for part in text.split('+') {
                    total += parse(leaf("part", part).await)?;
                }
                Ok(total)
            }
        }
    }
    run { pair(f("1 + 2 +3"), f("4 + x")) }
}

twin! {
    /// `sum::<Result<u32, _>>()?` and `collect::<Result<Vec<_>, _>>()?` then awaits.
    p27a_sum_collect_result_question {
        lower! {
            pub async fn f(src: &'static str) -> Result<(u32, Vec<u8>), ParseIntError> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from(src)).await;
                let total = text.split(',').map(|s| s.parse::<u32>()).sum::<Result<u32, _>>()?;
                step("sum").await;
                let bytes = text.split(',').map(|s| s.parse::<u8>()).collect::<Result<Vec<_>, _>>()?;
                Ok((total + leaf("x", 0).await, bytes))
            }
        }
    }
    run { pair(f("1,2,3"), f("1,300")) }
}

twin! {
    /// `peek()` result (a reference into the peekable iterator) held across an await.
    p27a_peek_ref_held_across_await {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("a b c")).await;
                let mut it = text.split(' ').peekable();
                let mut out = Vec::new();
                loop {
                    let p = it.peek();
                    step("peeked").await;
                    match p {
                        Some(w) => out.push(format!("peek {w}")),
                        None => break,
                    }
                    let w = it.next().unwrap();
                    out.push(leaf("next", w).await.to_string());
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `iter_mut()` held across awaits, pushing onto `String`s through the `&mut`.
    p27a_iter_mut_held_across_awaits {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let mut v = leaf("read", vec![String::from("a"), String::from("b"), String::from("c")]).await;
                let mut it = v.iter_mut();
                let first = it.next().unwrap();
                step("first").await;
                first.push_str(leaf("suffix", "!").await);
                for s in it {
                    s.push_str(leaf("more", "?").await);
                }
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `split_at_mut` on a `Vec<u32>`, both halves edited across awaits.
    p27a_split_at_mut_halves {
        lower! {
            pub async fn f() -> Vec<u32> {
                let _t = Tracker::new("t");
                let mut v = leaf("read", vec![1u32, 2, 3, 4, 5]).await;
                let (a, b) = v.split_at_mut(2);
                a[0] += leaf("x", 10).await;
                step("mid").await;
                b[0] = a[1] * leaf("y", 100).await;
                a.swap(0, 1);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `sort()` of a `Vec<Tracker>` (derived `Ord`) between awaits, then `dedup`.
    p27a_sort_dedup_trackers {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let text = leaf("read", String::from("c a b a c")).await;
                let names: Vec<&'static str> = text.split(' ').map(|w| match w {
                    "a" => "ta",
                    "b" => "tb",
                    _ => "tc",
                }).collect();
                let mut v = Vec::new();
                for n in names {
                    step("new").await;
                    v.push(Tracker::new(n));
                }
                v.sort();
                step("sorted").await;
                v.dedup();
                step("deduped").await;
                v.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `BinaryHeap` of `(Reverse(u32), &str)` filled from parsed lines across awaits.
    p27a_binary_heap_reverse_slices {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("c 3\na 1\nb 2\nd 0")).await;
                let mut heap = std::collections::BinaryHeap::new();
                for line in text.lines() {
                    let (name, pri) = line.split_once(' ').unwrap();
                    let p: u32 = leaf("pri", pri).await.parse().unwrap();
                    heap.push((std::cmp::Reverse(p), name));
                }
                let mut out = Vec::new();
                while let Some((std::cmp::Reverse(p), name)) = heap.pop() {
                    step("pop").await;
                    out.push(format!("{name}{p}"));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `fold` building a `String` with a closure capturing a borrowed separator, next to
    /// awaits, and shadowing per line.
    p27a_fold_string_shadow_line {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let cfg = leaf("cfg", String::from("|")).await;
                let sep = cfg.as_str();
                let text = leaf("read", String::from("  a b \n c  d ")).await;
                let mut out = Vec::new();
                for line in text.lines() {
                    let line = line.trim();
                    step("line").await;
                    let line = line.split(' ').fold(String::new(), |mut acc, w| {
                        if !acc.is_empty() {
                            acc.push_str(sep);
                        }
                        acc.push_str(w);
                        acc
                    });
                    out.push(leaf("joined", line).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `chunk_by` over a local array held across an await.
    p27a_reverse_sort_and_chunk_by_min {
        lower! {
            pub async fn f() -> usize {
                let words = [1, 1, 2];
                let mut it = words.chunk_by(|a, b| a == b);
                step("s").await;
                it.next().unwrap().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered parser method named `expect(&mut self)` returning `Option<&'a str>`, awaited
    /// on a local: the caller does not compile.
    p27a_expect_method_result_borrow_min {
        pub struct P<'a> {
            pub s: &'a str,
        }
        impl<'a> P<'a> {
            lower! {
                pub async fn expect(&mut self) -> Option<&'a str> {
                    step("e").await;
                    Some(self.s)
                }
            }
        }
        lower! {
            pub async fn f(src: &'static str) -> usize {
                let mut p = P { s: src };
                let a = p.expect().await;
                a.map_or(0, |s| s.len())
            }
        }
    }
    run { f("a b") }
}

// Known gap: a field moved out of a local struct inside an awaited operand (leaf(.., p.words.count()).await): E0507 cannot move out of dereference of Partial<P>
#[cfg(feature = "known-gaps")]
twin! {
    /// Moving a field out of a local struct inside an awaited operand:
    /// `leaf(.., p.words.count()).await`.
    p27a_partial_move_in_await_operand_min {
        pub struct P {
            pub words: std::vec::IntoIter<u32>,
            pub guard: Tracker,
        }
        lower! {
            pub async fn f() -> usize {
                let p = P { words: vec![1, 2].into_iter(), guard: Tracker::new("p") };
                step("s").await;
                leaf("n", p.words.count()).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `rchunks(2)` over a local vec of trackers held in a loop across awaits.
    p27a_rchunks_over_trackers {
        lower! {
            pub async fn f() -> Vec<String> {
                let ts = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut out = Vec::new();
                for c in ts.rchunks(2) {
                    let n = leaf("n", c.len()).await;
                    out.push(format!("{n}{}", c[0].name()));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `HashSet::intersection`/`difference` iterators over two local sets of slices,
    /// consumed with awaits (sorted for determinism).
    p27a_set_intersection_difference {
        lower! {
            pub async fn f() -> (Vec<String>, Vec<String>) {
                let _t = Tracker::new("t");
                let a_text = leaf("a", String::from("x y z w")).await;
                let b_text = leaf("b", String::from("y w q")).await;
                let a: BTreeSet<&str> = a_text.split(' ').collect();
                let b: BTreeSet<&str> = b_text.split(' ').collect();
                let mut both = Vec::new();
                for w in a.intersection(&b) {
                    both.push(leaf("both", *w).await.to_string());
                }
                let mut only = Vec::new();
                let mut d = a.difference(&b);
                while let Some(w) = d.next() {
                    step("only").await;
                    only.push(w.to_string());
                }
                (both, only)
            }
        }
    }
    run { f() }
}

twin! {
    /// `encode_utf16()` and `escape_default()` iterators held across awaits.
    p27a_encode_utf16_escape_default {
        lower! {
            pub async fn f() -> (Vec<u16>, String) {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("aé\n")).await;
                let mut units = Vec::new();
                let mut it = text.encode_utf16();
                while let Some(u) = it.next() {
                    units.push(leaf("u", u).await);
                }
                let mut esc = text.escape_default();
                let first = esc.next();
                step("esc").await;
                let rest: String = esc.collect();
                (units, format!("{first:?}{rest}"))
            }
        }
    }
    run { f() }
}

twin! {
    /// A user method named `get_len(&self) -> usize` (a `get` name that does not borrow),
    /// then the receiver moved into a lowered call after an await.
    p27a_get_named_method_not_borrowing {
        pub struct Rec {
            pub text: String,
            pub t: Tracker,
        }
        impl Rec {
            pub fn get_len(&self) -> usize {
                self.text.len()
            }
        }
        lower! {
            pub async fn consume(r: Rec) -> usize {
                step("consume").await;
                r.text.len() * 2
            }
        }
        lower! {
            pub async fn f() -> usize {
                let r = Rec { text: leaf("read", String::from("abcd")).await, t: Tracker::new("rec") };
                let n = r.get_len();
                step("s").await;
                let m = consume(r).await;
                n + m
            }
        }
    }
    run { f() }
}

twin! {
    /// An `Entry` of a `BTreeMap` keyed by a slice held across an await before
    /// `or_insert`.
    p27a_entry_held_across_await {
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("t");
                let text = leaf("read", String::from("k v k")).await;
                let mut m = BTreeMap::new();
                for w in text.split(' ') {
                    let e = m.entry(w);
                    step("entry").await;
                    *e.or_insert(0) += 1;
                }
                m.iter().map(|(k, v)| format!("{k}{v}")).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A parser with `peek(&self) -> Option<&'a str>`, `next(&mut self)` and `ok(&self)`
    /// named like std methods, used across awaits on a local struct.
    p27a_parser_std_named_methods {
        pub struct Parser<'a> {
            toks: Vec<&'a str>,
            at: usize,
        }
        impl<'a> Parser<'a> {
            pub fn peek(&self) -> Option<&'a str> {
                self.toks.get(self.at).copied()
            }
            pub fn next(&mut self) -> Option<&'a str> {
                let t = self.peek();
                self.at += 1;
                t
            }
            pub fn ok(&self) -> bool {
                self.at <= self.toks.len()
            }
        }
        lower! {
            pub async fn f() -> (Vec<String>, bool) {
                let _g = Tracker::new("g");
                let text = leaf("read", String::from("a b c")).await;
                let mut p = Parser { toks: text.split(' ').collect(), at: 0 };
                let mut out = Vec::new();
                let first = p.peek();
                step("peek").await;
                while let Some(t) = p.next() {
                    out.push(leaf("t", t).await.to_string());
                }
                out.push(format!("{first:?}"));
                let ok = p.ok();
                step("ok").await;
                (out, ok)
            }
        }
    }
    run { f() }
}
