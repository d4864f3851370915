//! Probe round 35b: borrowed data across awaits, as real code passes it around: lowered
//! fns taking `&str`, `&[T]`, `&mut Vec<T>`, `&mut String`, `&mut HashMap`/`BTreeMap`;
//! references returned from parameters; structs with lifetime parameters and lowered
//! `&self`/`&mut self` methods; iterators over borrowed params held across awaits;
//! `split_at_mut`, `chunks_mut`, `iter_mut` with awaits in the loop; `Cow<'_, str>`;
//! `Option<&T>`/`Option<&mut T>` locals across awaits; `&mut` passed down to other lowered
//! fns and reborrowed; borrowed closures passed to lowered fns.
use crate::prelude::*;
#[allow(unused_imports)]
use std::borrow::Cow;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};

twin! {
    /// Returns a reference into a slice parameter after awaits.
    p35b_first_ref {
        lower! {
            pub async fn first<'a>(v: &'a [u32]) -> &'a u32 {
                step("a").await;
                let r = &v[0];
                step("b").await;
                r
            }
        }
    }
    run { first(leak(vec![7u32, 8, 9])) }
}

twin! {
    /// A split iterator over a `&str` param held across awaits in `while let`.
    p35b_split_iter_while_let {
        lower! {
            pub async fn f(s: &str) -> Vec<u32> {
                let mut it = s.split(',');
                let mut out = Vec::new();
                while let Some(x) = it.next() {
                    let n: u32 = x.trim().parse().unwrap_or(0);
                    out.push(leaf("n", n).await);
                }
                out
            }
        }
    }
    run { f("1, 2,x,40") }
}

twin! {
    /// `split_at_mut` halves mutated with awaits between.
    p35b_split_at_mut {
        lower! {
            pub async fn f(v: &mut [i32]) -> i32 {
                let (a, b) = v.split_at_mut(2);
                a[0] += leaf("x", 10).await;
                b[0] += leaf("y", 20).await;
                a[1] = b[1] + 1;
                a.iter().sum::<i32>() + b.iter().sum::<i32>()
            }
        }
        lower! {
            pub async fn g() -> (i32, Vec<i32>) {
                let mut v = vec![1, 2, 3, 4];
                let s = f(&mut v).await;
                (s, v)
            }
        }
    }
    run { g() }
}

twin! {
    /// `chunks_mut` with an await per chunk.
    p35b_chunks_mut {
        lower! {
            pub async fn f(v: &mut Vec<u32>) {
                for (i, c) in v.chunks_mut(2).enumerate() {
                    let k = leaf("k", i as u32 + 1).await;
                    for x in c.iter_mut() {
                        *x *= k;
                    }
                }
            }
        }
        lower! {
            pub async fn g() -> Vec<u32> {
                let mut v = vec![1, 1, 1, 1, 1];
                let _t = Tracker::new("t");
                f(&mut v).await;
                v
            }
        }
    }
    run { g() }
}

twin! {
    /// `Cow` borrowed or owned depending on the input, across an await.
    p35b_cow_normalize {
        lower! {
            pub async fn norm(s: &str) -> Cow<'_, str> {
                let c: Cow<'_, str> = if s.contains(' ') { Cow::Owned(s.replace(' ', "_")) } else { Cow::Borrowed(s) };
                step("n").await;
                c
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut out = Vec::new();
                for s in ["ab", "a b", "c d e"] {
                    let c = norm(s).await;
                    out.push(format!("{}:{}", matches!(c, Cow::Borrowed(_)), c));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option<&mut T>` local kept across an await and written after.
    p35b_opt_mut_local {
        lower! {
            pub async fn f(v: &mut Vec<u32>) -> Option<u32> {
                let last = v.last_mut();
                let d = leaf("d", 5).await;
                if let Some(x) = last {
                    *x += d;
                }
                v.first().copied()
            }
        }
        lower! {
            pub async fn g() -> (Option<u32>, Vec<u32>) {
                let mut v = vec![1, 2, 3];
                let r = f(&mut v).await;
                (r, v)
            }
        }
    }
    run { g() }
}

twin! {
    /// Reference into a local `Vec` kept across an await, then the vec mutated.
    p35b_ref_into_vec_then_mutate {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1u32, 2, 3];
                let r = &v[1];
                let x = leaf("x", *r).await;
                log(format!("r={r}"));
                v.push(x);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Byte slicing past a char boundary panics after an await.
    p35b_str_slice_panic {
        lower! {
            pub async fn f(s: &str) -> usize {
                let _t = Tracker::new("t");
                let i = leaf("i", 1usize).await;
                let sub = &s[i..];
                sub.len()
            }
        }
    }
    run { f("éa") }
}

twin! {
    /// `&dyn Fn` passed to a lowered fn applied per element with awaits.
    p35b_dyn_fn_arg {
        lower! {
            pub async fn map_all(v: &[u32], f: &dyn Fn(u32) -> u32) -> Vec<u32> {
                let mut out = Vec::new();
                for &x in v {
                    let y = leaf("x", x).await;
                    out.push(f(y));
                }
                out
            }
        }
        lower! {
            pub async fn g() -> Vec<u32> {
                let k = 3;
                let add = move |x: u32| x + k;
                let v = vec![1, 2, 3];
                map_all(&v, &add).await
            }
        }
    }
    run { g() }
}

twin! {
    /// `&mut impl FnMut` passed to a lowered fn that calls it between awaits.
    p35b_fnmut_arg {
        lower! {
            pub async fn each(v: &[u32], f: &mut impl FnMut(u32)) {
                for &x in v {
                    step("e").await;
                    f(x);
                }
            }
        }
        lower! {
            pub async fn g() -> (u32, Vec<u32>) {
                let mut sum = 0;
                let mut seen = Vec::new();
                let mut cb = |x: u32| { sum += x; seen.push(x); };
                each(&[1, 2, 3], &mut cb).await;
                each(&[10], &mut cb).await;
                (sum, seen)
            }
        }
    }
    run { g() }
}

twin! {
    /// Parser with a lifetime and lowered `&mut self` methods.
    p35b_parser_struct {
        pub struct Parser<'a> { src: &'a str, pos: usize }
        impl<'a> Parser<'a> {
            lower! {
                pub async fn next_word(&mut self) -> Option<&'a str> {
                    let rest = &self.src[self.pos..];
                    let rest_trim = rest.trim_start();
                    self.pos += rest.len() - rest_trim.len();
                    if rest_trim.is_empty() { return None; }
                    let end = rest_trim.find(' ').unwrap_or(rest_trim.len());
                    step("w").await;
                    let w = &self.src[self.pos..self.pos + end];
                    self.pos += end;
                    Some(w)
                }
            }
        }
        lower! {
            pub async fn f(s: &str) -> Vec<&str> {
                let mut p = Parser { src: s, pos: 0 };
                let mut out = Vec::new();
                while let Some(w) = p.next_word().await {
                    out.push(w);
                }
                out
            }
        }
    }
    run { f("  the quick  brown fox ") }
}

twin! {
    /// View over borrowed rows with lowered `&self` methods.
    p35b_view_struct {
        #[derive(Debug)]
        pub struct Row { id: u32, name: String }
        pub struct View<'a> { rows: &'a [Row] }
        impl<'a> View<'a> {
            lower! {
                pub async fn find(&self, id: u32) -> Option<&'a Row> {
                    for r in self.rows {
                        step("scan").await;
                        if r.id == id { return Some(r); }
                    }
                    None
                }
            }
            lower! {
                pub async fn names(&self) -> Vec<&'a str> {
                    let mut out = Vec::new();
                    for r in self.rows.iter() {
                        out.push(leaf("n", r.name.as_str()).await);
                    }
                    out
                }
            }
        }
        lower! {
            pub async fn f(rows: &[Row]) -> (Option<&Row>, Option<&Row>, Vec<&str>) {
                let v = View { rows };
                let a = v.find(2).await;
                let b = v.find(9).await;
                (a, b, v.names().await)
            }
        }
    }
    run { f(leak(vec![Row { id: 1, name: "x".into() }, Row { id: 2, name: "y".into() }])) }
}

twin! {
    /// Tokenizer over `&str` with `char_indices().peekable()` held across awaits.
    p35b_tokenizer {
        #[derive(Debug)]
        pub enum Tok<'a> { Num(u64), Ident(&'a str), Sym(char) }
        lower! {
            pub async fn lex(s: &str) -> Vec<Tok<'_>> {
                let _g = Tracker::new("lex");
                let mut out = Vec::new();
                let mut it = s.char_indices().peekable();
                while let Some(&(i, c)) = it.peek() {
                    if c.is_whitespace() {
                        it.next();
                        continue;
                    }
                    step("tok").await;
                    if c.is_ascii_digit() {
                        let mut n = 0u64;
                        while let Some(&(_, d)) = it.peek() {
                            if let Some(v) = d.to_digit(10) { n = n * 10 + v as u64; it.next(); } else { break; }
                        }
                        out.push(Tok::Num(n));
                    } else if c.is_alphabetic() {
                        let mut end = i;
                        while let Some(&(j, d)) = it.peek() {
                            if d.is_alphanumeric() { end = j + d.len_utf8(); it.next(); } else { break; }
                        }
                        out.push(Tok::Ident(&s[i..end]));
                    } else {
                        it.next();
                        out.push(Tok::Sym(c));
                    }
                }
                out
            }
        }
    }
    run { lex("let x1 = 42+ y ;") }
}

twin! {
    /// CSV splitter: lines then fields, awaiting per field, fields borrowed from the input.
    p35b_csv_split {
        lower! {
            pub async fn parse<'a>(src: &'a str, out: &mut Vec<Vec<&'a str>>) -> usize {
                let mut n = 0;
                for line in src.lines() {
                    if line.is_empty() { continue; }
                    let mut row = Vec::new();
                    let mut fields = line.split(',');
                    while let Some(f) = fields.next() {
                        let f = leaf("f", f.trim()).await;
                        row.push(f);
                        n += 1;
                    }
                    out.push(row);
                }
                n
            }
        }
        lower! {
            pub async fn f(src: &str) -> (usize, Vec<Vec<&str>>) {
                let mut rows = Vec::new();
                let _t = Tracker::new("t");
                let n = parse(src, &mut rows).await;
                (n, rows)
            }
        }
    }
    run { f("a, b,c\n\n1,2 ,3\nx") }
}

twin! {
    /// In-place normalizer over `&mut [String]` with awaits, early `?` on a bad entry.
    p35b_normalizer_question {
        lower! {
            pub async fn check(s: &str) -> Result<(), String> {
                step("chk").await;
                if s.contains('!') { Err(format!("bad {s}")) } else { Ok(()) }
            }
        }
        lower! {
            pub async fn normalize(v: &mut [String]) -> Result<usize, String> {
                let _g = Tracker::new("g");
                let mut changed = 0;
                for s in v.iter_mut() {
                    check(s).await?;
                    let lower = s.to_lowercase();
                    if *s != lower {
                        *s = lower;
                        changed += 1;
                    }
                }
                Ok(changed)
            }
        }
        lower! {
            pub async fn f() -> (Result<usize, String>, Vec<String>, Result<usize, String>, Vec<String>) {
                let mut a = vec!["Ab".to_string(), "cd".to_string(), "EF".to_string()];
                let mut b = vec!["X".to_string(), "y!".to_string(), "Z".to_string()];
                let ra = normalize(&mut a).await;
                let rb = normalize(&mut b).await;
                (ra, a, rb, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// Key-value store view: struct borrowing a `HashMap`, lowered `&self` getter returning
    /// a borrowed value, and a `&mut self` setter.
    p35b_kv_store_view {
        pub struct Store<'a> { map: &'a mut HashMap<String, String>, log: Vec<String> }
        impl<'a> Store<'a> {
            lower! {
                pub async fn get(&self, k: &str) -> Option<&str> {
                    step("get").await;
                    self.map.get(k).map(|s| s.as_str())
                }
            }
            lower! {
                pub async fn set(&mut self, k: &str, v: &str) -> Option<String> {
                    let old = self.map.insert(k.to_string(), v.to_string());
                    self.log.push(leaf("set", format!("{k}={v}")).await);
                    old
                }
            }
        }
        lower! {
            pub async fn f() -> (Option<String>, Option<String>, Option<String>, Vec<String>) {
                let mut m = HashMap::new();
                let mut st = Store { map: &mut m, log: Vec::new() };
                let a = st.set("k", "1").await;
                let b = st.set("k", "2").await;
                let c = st.get("k").await.map(|s| s.to_string());
                let l = std::mem::take(&mut st.log);
                let _ = st;
                log(format!("len {}", m.len()));
                (a, b, c, l)
            }
        }
    }
    run { f() }
}

twin! {
    /// Reborrow of `&mut Vec` param passed to two helpers in a row, then used directly.
    p35b_reborrow_param_chain {
        lower! {
            pub async fn push2(v: &mut Vec<Tracker>, n: &'static str) {
                step("p").await;
                v.push(Tracker::new(n));
            }
        }
        lower! {
            pub async fn f(v: &mut Vec<Tracker>) -> usize {
                push2(v, "a").await;
                push2(&mut *v, "b").await;
                let w = &mut *v;
                push2(w, "c").await;
                v.pop();
                v.len()
            }
        }
        lower! {
            pub async fn g() -> usize {
                let mut v = Vec::new();
                let n = f(&mut v).await;
                log("after f");
                n
            }
        }
    }
    run { g() }
}

twin! {
    /// `drain(..)` iterator of a `&mut Vec` held across awaits; cancellation drops the rest.
    p35b_drain_across {
        lower! {
            pub async fn f(v: &mut Vec<Tracker>) -> Vec<&'static str> {
                let mut out = Vec::new();
                for t in v.drain(1..) {
                    step("d").await;
                    out.push(t.0);
                }
                out
            }
        }
        lower! {
            pub async fn g() -> (Vec<&'static str>, usize) {
                let mut v = vec![Tracker("a"), Tracker("b"), Tracker("c")];
                let o = f(&mut v).await;
                (o, v.len())
            }
        }
    }
    run { g() }
}

twin! {
    /// Lowered fn taking `&&str` and `&mut &str` (advancing a slice cursor).
    p35b_mut_str_cursor {
        lower! {
            pub async fn eat<'a>(s: &mut &'a str, n: usize) -> &'a str {
                step("eat").await;
                let (h, t) = s.split_at(n);
                *s = t;
                h
            }
        }
        lower! {
            pub async fn f(src: &str) -> Vec<&str> {
                let mut cur = src;
                let mut out = Vec::new();
                while !cur.is_empty() {
                    let n = cur.len().min(2);
                    out.push(eat(&mut cur, n).await);
                }
                out
            }
        }
    }
    run { f("abcde") }
}

twin! {
    /// `&mut &[u8]` cursor advanced inside a loop with a `?` on short input.
    p35b_mut_slice_cursor_question {
        lower! {
            pub async fn u16be(buf: &mut &[u8]) -> Option<u16> {
                step("rd").await;
                if buf.len() < 2 { return None; }
                let v = u16::from_be_bytes([buf[0], buf[1]]);
                *buf = &buf[2..];
                Some(v)
            }
        }
        lower! {
            pub async fn f(mut data: &[u8]) -> Option<Vec<u16>> {
                let _g = Tracker::new("g");
                let n = u16be(&mut data).await?;
                let mut out = Vec::new();
                for _ in 0..n {
                    out.push(u16be(&mut data).await?);
                }
                Some(out)
            }
        }
        lower! {
            pub async fn g() -> (Option<Vec<u16>>, Option<Vec<u16>>) {
                (f(&[0, 2, 1, 1, 0, 5]).await, f(&[0, 3, 1, 1]).await)
            }
        }
    }
    run { g() }
}

twin! {
    /// Nested lowered calls both borrowing the same `&mut` state through a struct.
    p35b_ctx_struct_mut_passdown {
        pub struct Ctx<'a> { out: &'a mut Vec<String>, depth: usize }
        lower! {
            pub async fn emit(cx: &mut Ctx<'_>, s: &str) {
                step("emit").await;
                let pad = " ".repeat(cx.depth);
                cx.out.push(format!("{pad}{s}"));
            }
        }
        lower! {
            pub async fn block(cx: &mut Ctx<'_>, name: &str) {
                emit(cx, name).await;
                cx.depth += 1;
                emit(cx, "body").await;
                cx.depth -= 1;
                emit(cx, "end").await;
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut out = Vec::new();
                let mut cx = Ctx { out: &mut out, depth: 0 };
                block(&mut cx, "a").await;
                block(&mut cx, "b").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `contains_key` then `get` then `remove` across awaits on a borrowed map with trackers.
    p35b_map_remove_tracker {
        lower! {
            pub async fn take(m: &mut BTreeMap<u32, Tracker>, k: u32) -> Option<&'static str> {
                if !m.contains_key(&k) {
                    step("miss").await;
                    return None;
                }
                step("hit").await;
                let t = m.remove(&k)?;
                step("removed").await;
                Some(t.0)
            }
        }
        lower! {
            pub async fn g() -> (Option<&'static str>, Option<&'static str>, usize) {
                let mut m = BTreeMap::new();
                m.insert(1, Tracker("one"));
                m.insert(2, Tracker("two"));
                let a = take(&mut m, 1).await;
                let b = take(&mut m, 9).await;
                (a, b, m.len())
            }
        }
    }
    run { g() }
}

twin! {
    /// A lowered fn returning `&mut Tracker` from `&mut [Tracker]`, replaced by the caller.
    p35b_return_mut_tracker {
        lower! {
            pub async fn pick<'a>(v: &'a mut [Tracker], name: &str) -> Option<&'a mut Tracker> {
                for t in v.iter_mut() {
                    step("p").await;
                    if t.0 == name { return Some(t); }
                }
                None
            }
        }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = vec![Tracker("a"), Tracker("b")];
                if let Some(t) = pick(&mut v, "b").await {
                    *t = Tracker::new("B");
                }
                if let Some(t) = pick(&mut v, "q").await {
                    *t = Tracker::new("Q");
                }
                v.iter().map(|t| t.0).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `Cow` param to a lowered fn: `to_mut` after an await makes it owned.
    p35b_cow_to_mut {
        lower! {
            pub async fn f(mut c: Cow<'_, str>, add: bool) -> (bool, String) {
                step("a").await;
                if add {
                    c.to_mut().push_str(leaf("x", "+").await);
                }
                (matches!(c, Cow::Owned(_)), c.into_owned())
            }
        }
        lower! {
            pub async fn g() -> Vec<(bool, String)> {
                let s = String::from("base");
                vec![f(Cow::Borrowed(&s), false).await, f(Cow::Borrowed(&s), true).await, f(Cow::Owned("o".into()), false).await]
            }
        }
    }
    run { g() }
}

twin! {
    /// Recursive in-place quicksort over `&mut [u32]` with `split_at_mut` and awaits.
    p35b_recursive_qsort_mut {
        lower! {
            pub async fn qs(v: &mut [u32]) {
                if v.len() <= 1 { return; }
                let p = v[v.len() - 1];
                let mut i = 0;
                for j in 0..v.len() - 1 {
                    if leaf("cmp", v[j] < p).await {
                        v.swap(i, j);
                        i += 1;
                    }
                }
                let last = v.len() - 1;
                v.swap(i, last);
                let (a, b) = v.split_at_mut(i);
                Box::pin(qs(a)).await;
                Box::pin(qs(&mut b[1..])).await;
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![5, 1, 4, 2, 3];
                let _t = Tracker::new("t");
                qs(&mut v).await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Realistic: an INI-ish config parser over `&str` into a `&mut BTreeMap`, sections,
    /// comments, awaiting per line, with an error on a malformed line.
    p35b_ini_parser {
        lower! {
            pub async fn parse_ini<'a>(src: &'a str, out: &mut BTreeMap<String, &'a str>) -> Result<usize, String> {
                let _g = Tracker::new("ini");
                let mut section: Option<&str> = None;
                let mut n = 0;
                for (lineno, raw) in src.lines().enumerate() {
                    let line = raw.trim();
                    step("line").await;
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    if line.starts_with('[') && line.ends_with(']') {
                        section = Some(&line[1..line.len() - 1]);
                        continue;
                    }
                    let (k, v) = line.split_once('=').ok_or_else(|| format!("line {}: {raw:?}", lineno + 1))?;
                    let key = match section {
                        Some(s) => format!("{s}.{}", k.trim()),
                        None => k.trim().to_string(),
                    };
                    let v = leaf("val", v.trim()).await;
                    out.insert(key, v);
                    n += 1;
                }
                Ok(n)
            }
        }
        lower! {
            pub async fn f() -> (Result<usize, String>, BTreeMap<String, &'static str>, Result<usize, String>) {
                let mut m = BTreeMap::new();
                let a = parse_ini("top=1\n# c\n[db]\nhost = h\nport=5\n\n[web]\nroot=/", &mut m).await;
                let mut m2 = BTreeMap::new();
                let b = parse_ini("[x]\nok=1\nbroken\nz=2", &mut m2).await;
                (a, m, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// Realistic: a word-frequency pipeline: `&str` -> lowercase tokens (borrowed where
    /// possible via `Cow`) -> `&mut HashMap<Cow<str>, usize>` -> top-k sorted.
    p35b_word_freq_cow {
        lower! {
            pub async fn tally<'a>(text: &'a str, m: &mut HashMap<Cow<'a, str>, usize>) {
                for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                    let key: Cow<'a, str> = if w.chars().any(|c| c.is_uppercase()) {
                        Cow::Owned(w.to_lowercase())
                    } else {
                        Cow::Borrowed(w)
                    };
                    step("w").await;
                    *m.entry(key).or_insert(0) += 1;
                }
            }
        }
        lower! {
            pub async fn top(text: &str, k: usize) -> Vec<(String, usize)> {
                let mut m = HashMap::new();
                tally(text, &mut m).await;
                let mut v: Vec<(String, usize)> = m.into_iter().map(|(w, n)| (w.into_owned(), n)).collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                v.truncate(leaf("k", k).await);
                v
            }
        }
    }
    run { top("The cat, the dog; THE end. cat!", 2) }
}

twin! {
    /// Realistic: a line editor buffer `Editor<'a>` borrowing `&'a mut Vec<String>` with
    /// lowered insert/delete/replace methods and an undo log of trackers.
    p35b_editor_buffer {
        pub struct Editor<'a> { lines: &'a mut Vec<String>, undo: Vec<Tracker> }
        impl<'a> Editor<'a> {
            lower! {
                pub async fn insert(&mut self, at: usize, s: &str) {
                    step("ins").await;
                    self.lines.insert(at, s.to_string());
                    self.undo.push(Tracker::new("u-ins"));
                }
            }
            lower! {
                pub async fn replace(&mut self, at: usize, from: &str, to: &str) -> bool {
                    let Some(line) = self.lines.get_mut(at) else { return false };
                    let found = leaf("find", line.find(from)).await;
                    match found {
                        Some(i) => {
                            line.replace_range(i..i + from.len(), to);
                            self.undo.push(Tracker::new("u-rep"));
                            true
                        }
                        None => false,
                    }
                }
            }
            lower! {
                pub async fn delete(&mut self, at: usize) -> Option<String> {
                    if at >= self.lines.len() { return None; }
                    step("del").await;
                    let s = self.lines.remove(at);
                    self.undo.pop();
                    Some(s)
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<bool>, Option<String>, Vec<String>) {
                let mut buf = vec!["hello world".to_string()];
                let mut flags = Vec::new();
                {
                    let mut ed = Editor { lines: &mut buf, undo: Vec::new() };
                    ed.insert(0, "first").await;
                    flags.push(ed.replace(1, "world", "there").await);
                    flags.push(ed.replace(0, "zzz", "y").await);
                    flags.push(ed.replace(7, "a", "b").await);
                    let d = ed.delete(0).await;
                    log(format!("deleted {d:?}"));
                }
                let last = buf.last().cloned();
                (flags, last, buf)
            }
        }
    }
    run { f() }
}

twin! {
    /// Realistic: a matrix view `Grid<'a>` over `&'a mut [f64]` with row access via
    /// `chunks_mut`, normalising each row in place with an awaited divisor.
    p35b_grid_normalize_rows {
        pub struct Grid<'a> { cells: &'a mut [i64], w: usize }
        impl<'a> Grid<'a> {
            lower! {
                pub async fn normalize(&mut self) -> Vec<i64> {
                    let mut sums = Vec::new();
                    for row in self.cells.chunks_mut(self.w) {
                        let s: i64 = row.iter().sum();
                        let d = leaf("div", if s == 0 { 1 } else { s.abs().min(3) }).await;
                        for c in row.iter_mut() {
                            *c /= d;
                        }
                        sums.push(s);
                    }
                    sums
                }
            }
            lower! {
                pub async fn row(&self, i: usize) -> &[i64] {
                    step("row").await;
                    &self.cells[i * self.w..(i + 1) * self.w]
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<i64>, Vec<i64>, Vec<i64>) {
                let mut cells = vec![3, 6, 9, 0, 0, 0, -4, 8, 2];
                let mut g = Grid { cells: &mut cells, w: 3 };
                let sums = g.normalize().await;
                let r = g.row(2).await.to_vec();
                (sums, r, cells)
            }
        }
    }
    run { f() }
}

twin! {
    /// Realistic: a recursive-descent arithmetic evaluator as lowered `&mut self` methods on
    /// `Expr<'a> { toks: &'a [&'a str], at: usize }`, recursion through `Box::pin`, errors by `?`.
    p35b_expr_eval {
        pub struct Expr<'a> { toks: &'a [&'a str], at: usize }
        impl<'a> Expr<'a> {
            lower! {
                pub async fn atom(&mut self) -> Result<i64, String> {
                    let t = *self.toks.get(self.at).ok_or("eof")?;
                    self.at += 1;
                    step("atom").await;
                    if t == "(" {
                        let v = Box::pin(self.sum()).await?;
                        if self.toks.get(self.at) != Some(&")") { return Err("expected )".into()); }
                        self.at += 1;
                        Ok(v)
                    } else {
                        t.parse::<i64>().map_err(|e| format!("{t}: {e}"))
                    }
                }
            }
            lower! {
                pub async fn prod(&mut self) -> Result<i64, String> {
                    let mut v = self.atom().await?;
                    while self.toks.get(self.at) == Some(&"*") {
                        self.at += 1;
                        v *= self.atom().await?;
                    }
                    Ok(v)
                }
            }
            lower! {
                pub async fn sum(&mut self) -> Result<i64, String> {
                    let _g = Tracker::new("sum");
                    let mut v = self.prod().await?;
                    while let Some(&op) = self.toks.get(self.at) {
                        if op != "+" && op != "-" { break; }
                        self.at += 1;
                        let r = self.prod().await?;
                        if op == "+" { v += r } else { v -= r }
                    }
                    Ok(v)
                }
            }
        }
        lower! {
            pub async fn eval(src: &str) -> Result<i64, String> {
                let toks: Vec<&str> = src.split_whitespace().collect();
                let mut e = Expr { toks: &toks, at: 0 };
                e.sum().await
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<i64, String>> {
                let mut out = Vec::new();
                for s in ["1 + 2 * 3", "( 1 + 2 ) * 3 - 4", "2 * ( 3", "x + 1"] {
                    out.push(eval(s).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Realistic: a ring buffer `Ring<'a> { buf: &'a mut [u8], head, len }` with lowered
    /// push/pop and a reader draining into `&mut Vec<u8>`.
    p35b_ring_buffer {
        pub struct Ring<'a> { buf: &'a mut [u8], head: usize, len: usize }
        impl<'a> Ring<'a> {
            lower! {
                pub async fn push(&mut self, b: u8) -> bool {
                    step("push").await;
                    if self.len == self.buf.len() { return false; }
                    let i = (self.head + self.len) % self.buf.len();
                    self.buf[i] = b;
                    self.len += 1;
                    true
                }
            }
            lower! {
                pub async fn drain_into(&mut self, out: &mut Vec<u8>) -> usize {
                    let mut n = 0;
                    while self.len > 0 {
                        let b = leaf("pop", self.buf[self.head]).await;
                        out.push(b);
                        self.head = (self.head + 1) % self.buf.len();
                        self.len -= 1;
                        n += 1;
                    }
                    n
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<bool>, usize, Vec<u8>) {
                let mut storage = [0u8; 3];
                let mut r = Ring { buf: &mut storage, head: 0, len: 0 };
                let mut ok = Vec::new();
                for b in [1, 2, 3, 4] { ok.push(r.push(b).await); }
                let mut out = Vec::new();
                let n = r.drain_into(&mut out).await;
                ok.push(r.push(9).await);
                r.drain_into(&mut out).await;
                (ok, n, out)
            }
        }
    }
    run { f() }
}

twin! {
    /// Realistic: a template renderer substituting `{name}` from a `&HashMap<&str, String>`
    /// into a `&mut String`, awaiting per lookup, erroring on an unknown name.
    p35b_template_render {
        lower! {
            pub async fn render(tpl: &str, vars: &HashMap<&str, String>, out: &mut String) -> Result<(), String> {
                let mut rest = tpl;
                while let Some(open) = rest.find('{') {
                    out.push_str(&rest[..open]);
                    let close = rest[open..].find('}').ok_or("unclosed")? + open;
                    let name = &rest[open + 1..close];
                    let v = leaf("var", vars.get(name)).await.ok_or_else(|| format!("unknown {name}"))?;
                    out.push_str(v);
                    rest = &rest[close + 1..];
                }
                out.push_str(rest);
                Ok(())
            }
        }
        lower! {
            pub async fn f() -> Vec<(Result<(), String>, String)> {
                let mut vars = HashMap::new();
                vars.insert("who", "world".to_string());
                vars.insert("n", "3".to_string());
                let _t = Tracker::new("t");
                let mut res = Vec::new();
                for tpl in ["hi {who} x{n}!", "{who}{nope}", "open {who"] {
                    let mut out = String::new();
                    let r = render(tpl, &vars, &mut out).await;
                    res.push((r, out));
                }
                res
            }
        }
    }
    run { f() }
}

twin! {
    /// Realistic: a batch updater taking `&mut [Account]` and `&[(usize, i64)]` transfers,
    /// using `split_at_mut` for two-account access, rejecting overdrafts with an `Err`.
    p35b_bank_transfers {
        #[derive(Debug)]
        pub struct Account { id: u32, bal: i64 }
        lower! {
            pub async fn transfer(accts: &mut [Account], from: usize, to: usize, amt: i64) -> Result<(), String> {
                let (a, b) = if from < to {
                    let (l, r) = accts.split_at_mut(to);
                    (&mut l[from], &mut r[0])
                } else {
                    let (l, r) = accts.split_at_mut(from);
                    (&mut r[0], &mut l[to])
                };
                let ok = leaf("check", a.bal >= amt).await;
                if !ok { return Err(format!("{} short", a.id)); }
                a.bal -= amt;
                step("credit").await;
                b.bal += amt;
                Ok(())
            }
        }
        lower! {
            pub async fn f() -> (Vec<Result<(), String>>, Vec<Account>) {
                let mut accts = vec![Account { id: 1, bal: 10 }, Account { id: 2, bal: 0 }, Account { id: 3, bal: 5 }];
                let mut rs = Vec::new();
                for &(f, t, a) in &[(0usize, 1usize, 4i64), (2, 0, 5), (1, 2, 9), (0, 2, 11)] {
                    rs.push(transfer(&mut accts, f, t, a).await);
                }
                (rs, accts)
            }
        }
    }
    run { f() }
}

twin! {
    /// Realistic: a tokenizer struct `Lexer<'a>` with a `Peekable<CharIndices<'a>>` field,
    /// lowered `next_token(&mut self)` returning borrowed tokens.
    p35b_lexer_struct_peekable {
        pub struct Lexer<'a> { src: &'a str, it: std::iter::Peekable<std::str::CharIndices<'a>> }
        impl<'a> Lexer<'a> {
            lower! {
                pub async fn next_token(&mut self) -> Option<&'a str> {
                    while let Some(&(_, c)) = self.it.peek() {
                        if c.is_whitespace() { self.it.next(); } else { break; }
                    }
                    let (start, c) = self.it.next()?;
                    step("tok").await;
                    let mut end = start + c.len_utf8();
                    if c.is_alphanumeric() {
                        while let Some(&(i, d)) = self.it.peek() {
                            if !d.is_alphanumeric() { break; }
                            end = i + d.len_utf8();
                            self.it.next();
                        }
                    }
                    Some(&self.src[start..end])
                }
            }
        }
        lower! {
            pub async fn f(s: &str) -> Vec<&str> {
                let mut lx = Lexer { src: s, it: s.char_indices().peekable() };
                let mut out = Vec::new();
                while let Some(t) = lx.next_token().await {
                    out.push(t);
                }
                out
            }
        }
    }
    run { f("fn main(){ let é1 = 2; }") }
}

twin! {
    /// A `&mut Vec<Tracker>` param lent to a nested lowered call twice inside one expression.
    p35b_two_awaits_one_expr_mut {
        lower! {
            pub async fn add(v: &mut Vec<Tracker>, n: &'static str) -> usize {
                step(n).await;
                v.push(Tracker::new(n));
                v.len()
            }
        }
        lower! {
            pub async fn f() -> (usize, usize) {
                let mut v = Vec::new();
                let s = add(&mut v, "a").await + add(&mut v, "b").await * 10;
                step("x").await;
                (s, v.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&str` borrowed from a local `String` passed down through two lowered layers.
    p35b_str_two_layers {
        lower! {
            pub async fn inner(s: &str) -> &str {
                step("in").await;
                s.trim_matches('*')
            }
        }
        lower! {
            pub async fn outer(s: &str) -> &str {
                let t = inner(s).await;
                step("out").await;
                inner(t).await
            }
        }
        lower! {
            pub async fn f() -> String {
                let owned = leaf("own", String::from("**ab*")).await;
                let r = outer(&owned).await;
                r.to_string()
            }
        }
    }
    run { f() }
}

twin! {
    /// Cancellation while a `&mut` borrow of a tracker vec is lent to a nested lowered fn.
    p35b_cancel_while_lent {
        lower! {
            pub async fn work(v: &mut Vec<Tracker>) {
                let _w = Tracker::new("w");
                v.push(Tracker::new("x"));
                step("w1").await;
                v.push(Tracker::new("y"));
                step("w2").await;
            }
        }
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("base")];
                let _o = Tracker::new("o");
                work(&mut v).await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A reference param pattern `&(a, b)` and `&[x, y]` destructured in the signature.
    p35b_ref_pattern_params {
        lower! {
            pub async fn f(&(a, b): &(u32, u32), [x, y]: &[u32; 2]) -> u32 {
                step("a").await;
                a * *x + b * *y + leaf("c", 1).await
            }
        }
    }
    run { f(&(2, 3), &[10, 100]) }
}

twin! {
    /// `&mut self` builder-like method returning `&mut Self` awaited in sequence.
    p35b_builder_mut_self {
        #[derive(Debug, Default)]
        pub struct Req { parts: Vec<String> }
        impl Req {
            lower! {
                pub async fn add(&mut self, s: &str) -> &mut Self {
                    step("add").await;
                    self.parts.push(s.to_string());
                    self
                }
            }
        }
        lower! {
            pub async fn f() -> Req {
                let mut r = Req::default();
                let r2 = r.add("a").await;
                r2.add("b").await.add("c").await;
                r.add("d").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// Slice pattern on a `&[Tracker]` param with a rest binding, awaiting in the arm.
    p35b_slice_pattern_param {
        lower! {
            pub async fn f(v: &[Tracker]) -> usize {
                match v {
                    [] => { step("empty").await; 0 }
                    [one] => { step(one.0).await; 1 }
                    [first, rest @ ..] => {
                        step(first.0).await;
                        let mut n = 1;
                        for t in rest {
                            step(t.0).await;
                            n += 1;
                        }
                        n
                    }
                }
            }
        }
        lower! {
            pub async fn g() -> (usize, usize, usize) {
                let v = vec![Tracker("a"), Tracker("b"), Tracker("c")];
                (f(&v).await, f(&v[..1]).await, f(&[]).await)
            }
        }
    }
    run { g() }
}

twin! {
    /// `if let [a, b, ..] = &mut v[..]` with awaits writing through both.
    p35b_slice_pattern_mut {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1u32, 2, 3];
                if let [a, b, ..] = &mut v[..] {
                    *a += leaf("a", 10).await;
                    *b += leaf("b", 20).await;
                    std::mem::swap(a, b);
                }
                step("s").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `for (k, v) in &mut map` on a `BTreeMap<_, Tracker>` with an await, replacing values.
    p35b_for_mut_map_replace {
        lower! {
            pub async fn f(m: &mut BTreeMap<u32, Tracker>) -> u32 {
                let mut s = 0;
                for (k, v) in m.iter_mut() {
                    s += leaf("k", *k).await;
                    if *k == 2 {
                        *v = Tracker::new("two'");
                    }
                }
                s
            }
        }
        lower! {
            pub async fn g() -> (u32, Vec<&'static str>) {
                let mut m = BTreeMap::from([(1, Tracker("one")), (2, Tracker("two")), (3, Tracker("three"))]);
                let s = f(&mut m).await;
                (s, m.values().map(|t| t.0).collect())
            }
        }
    }
    run { g() }
}

twin! {
    /// A linked-list cursor `Option<&Node>` advanced across awaits.
    p35b_list_cursor_ref {
        pub struct Node { v: u32, next: Option<Box<Node>> }
        lower! {
            pub async fn sum(head: &Node) -> u32 {
                let mut cur = Some(head);
                let mut s = 0;
                while let Some(n) = cur {
                    s += leaf("n", n.v).await;
                    cur = n.next.as_deref();
                }
                s
            }
        }
    }
    run { sum(leak(Node { v: 1, next: Some(Box::new(Node { v: 2, next: Some(Box::new(Node { v: 3, next: None })) })) })) }
}

twin! {
    /// A linked-list cursor `&mut Option<Box<Node>>` advanced to the tail across awaits, then appended.
    p35b_list_cursor_mut_append {
        #[derive(Debug)]
        pub struct Node { v: u32, next: Option<Box<Node>> }
        lower! {
            pub async fn append(head: &mut Option<Box<Node>>, v: u32) -> usize {
                let mut cur = head;
                let mut depth = 0;
                while let Some(node) = cur {
                    step("hop").await;
                    depth += 1;
                    cur = &mut node.next;
                }
                *cur = Some(Box::new(Node { v: leaf("v", v).await, next: None }));
                depth
            }
        }
        lower! {
            pub async fn f() -> (Vec<usize>, Option<Box<Node>>) {
                let mut head = None;
                let mut ds = Vec::new();
                for v in [1, 2, 3] {
                    ds.push(append(&mut head, v).await);
                }
                (ds, head)
            }
        }
    }
    run { f() }
}

twin! {
    /// An `Option<&mut u32>` local reassigned in a loop from `get_mut`, written after awaits.
    p35b_opt_mut_reassigned {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![0u32; 4];
                {
                    let mut slot: Option<&mut u32> = None;
                    for i in [3usize, 1, 9] {
                        let j = leaf("i", i).await;
                        if let Some(s) = slot.take() { *s += 1; }
                        slot = v.get_mut(j);
                    }
                    if let Some(s) = slot { *s = 7; }
                }
                step("end").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A lazy `map` iterator over a param capturing a local, pulled across awaits.
    p35b_lazy_map_capture {
        lower! {
            pub async fn f(v: &[u32]) -> Vec<u32> {
                let k = leaf("k", 3).await;
                let t = Tracker::new("t");
                let mut it = v.iter().map(|x| x * k + t.0.len() as u32);
                let mut out = Vec::new();
                while let Some(x) = it.next() {
                    out.push(leaf("x", x).await);
                }
                out
            }
        }
    }
    run { f(&[1, 2, 3]) }
}

twin! {
    /// `&mut impl Iterator<Item = &str>` passed to a lowered fn, consumed partly, rest after.
    p35b_mut_iter_param {
        lower! {
            pub async fn take2<'a>(it: &mut impl Iterator<Item = &'a str>) -> Vec<&'a str> {
                let mut out = Vec::new();
                for _ in 0..2 {
                    if let Some(x) = it.next() {
                        out.push(leaf("x", x).await);
                    }
                }
                out
            }
        }
        lower! {
            pub async fn f(s: &str) -> (Vec<&str>, Vec<&str>, Vec<&str>) {
                let mut it = s.split(' ');
                let a = take2(&mut it).await;
                let b = take2(&mut it).await;
                let rest: Vec<&str> = it.collect();
                (a, b, rest)
            }
        }
    }
    run { f("a b c d e") }
}

twin! {
    /// `by_ref().take(n)` on a borrowed iterator in a `for` with awaits, then the rest.
    p35b_by_ref_take {
        lower! {
            pub async fn f(v: &[u32]) -> (u32, Vec<u32>) {
                let mut it = v.iter().copied();
                let mut s = 0;
                for x in it.by_ref().take(2) {
                    s += leaf("x", x).await;
                }
                let rest: Vec<u32> = it.collect();
                step("e").await;
                (s, rest)
            }
        }
    }
    run { f(&[1, 2, 3, 4]) }
}

twin! {
    /// A `&dyn Fn` literal closure `&|x| x * k` passed to an awaited call.
    p35b_closure_literal_ref_arg {
        lower! {
            pub async fn apply(f: &dyn Fn(u32) -> u32, x: u32) -> u32 {
                f(leaf("x", x).await)
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let k = leaf("k", 5).await;
                let t = Tracker::new("t");
                let a = apply(&|x| x * k, 2).await;
                let b = apply(&|x| x + t.0.len() as u32, a).await;
                b
            }
        }
    }
    run { g() }
}

twin! {
    /// `&mut` reborrow `let r = &mut v;` then `r.push(x.await)` repeatedly, `v` used after.
    p35b_reborrow_push_await_arg {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut v = Vec::new();
                let r = &mut v;
                r.push(leaf("a", Tracker::new("a")).await);
                r.push(leaf("b", Tracker::new("b")).await);
                v.push(Tracker::new("c"));
                step("s").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&mut [u32]` param reassigned to a subslice in a loop (`v = &mut v[1..]`) with awaits.
    p35b_mut_slice_shrink {
        lower! {
            pub async fn f(mut v: &mut [u32]) -> usize {
                let mut n = 0;
                while let Some((first, rest)) = v.split_first_mut() {
                    *first += leaf("d", 1).await;
                    v = rest;
                    n += 1;
                }
                n
            }
        }
        lower! {
            pub async fn g() -> (usize, Vec<u32>) {
                let mut v = vec![1, 2, 3];
                let n = f(&mut v).await;
                (n, v)
            }
        }
    }
    run { g() }
}

twin! {
    /// `std::mem::take(&mut v[i])` of `String`s in a borrowed slice across awaits.
    p35b_mem_take_elem {
        lower! {
            pub async fn f(v: &mut [String]) -> Vec<String> {
                let mut out = Vec::new();
                for i in (0..v.len()).rev() {
                    let s = std::mem::take(&mut v[i]);
                    out.push(leaf("s", s).await);
                }
                out
            }
        }
        lower! {
            pub async fn g() -> (Vec<String>, Vec<String>) {
                let mut v = vec!["a".into(), "b".into()];
                let o = f(&mut v).await;
                (o, v)
            }
        }
    }
    run { g() }
}

twin! {
    /// A match on `&mut Option<Tracker>` param with an arm that awaits and an arm that
    /// replaces it.
    p35b_match_mut_option_param {
        lower! {
            pub async fn f(o: &mut Option<Tracker>) -> &'static str {
                match o {
                    Some(t) if t.0 == "keep" => {
                        step("keep").await;
                        t.0
                    }
                    Some(t) => {
                        let n = t.0;
                        step("swap").await;
                        *o = None;
                        n
                    }
                    None => {
                        *o = Some(Tracker::new(leaf("mk", "keep").await));
                        "made"
                    }
                }
            }
        }
        lower! {
            pub async fn g() -> Vec<&'static str> {
                let mut o = Some(Tracker("x"));
                let mut out = Vec::new();
                for _ in 0..3 { out.push(f(&mut o).await); }
                out
            }
        }
    }
    run { g() }
}

twin! {
    /// `Option<&T>` chained with `and_then`/`filter` from a map, kept across awaits, then
    /// the map mutated.
    p35b_opt_ref_chain_then_mutate {
        lower! {
            pub async fn f() -> (Option<usize>, usize) {
                let mut m = BTreeMap::from([("a", vec![Tracker("a1")]), ("b", vec![])]);
                let got = m.get("a").and_then(|v| v.first()).filter(|t| t.0.len() > 1);
                step("s").await;
                let n = got.map(|t| t.0.len());
                step("t").await;
                m.insert("c", vec![Tracker::new("c1")]);
                (n, m.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct holding `&'a mut Vec<Tracker>` whose lowered method lends it to a free
    /// lowered fn, then the outer vec is read.
    p35b_struct_mut_ref_lend {
        pub struct Sink<'a> { out: &'a mut Vec<Tracker>, n: usize }
        lower! {
            pub async fn put(v: &mut Vec<Tracker>, name: &'static str) {
                step("put").await;
                v.push(Tracker::new(name));
            }
        }
        impl<'a> Sink<'a> {
            lower! {
                pub async fn put2(&mut self) {
                    put(self.out, "x").await;
                    put(&mut *self.out, "y").await;
                    self.n += 2;
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, usize) {
                let mut v = Vec::new();
                let mut s = Sink { out: &mut v, n: 0 };
                s.put2().await;
                s.put2().await;
                let n = s.n;
                (n, v.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&str` param compared against `&String` keys, `position` then slice `split_off`.
    p35b_split_off_after {
        lower! {
            pub async fn f(v: &mut Vec<Tracker>, at: &str) -> Vec<Tracker> {
                let i = v.iter().position(|t| t.0 == at).unwrap_or(v.len());
                step("pos").await;
                let tail = v.split_off(i);
                step("split").await;
                tail
            }
        }
        lower! {
            pub async fn g() -> (usize, usize) {
                let mut v = vec![Tracker("a"), Tracker("b"), Tracker("c")];
                let t = f(&mut v, "b").await;
                log("got tail");
                let n = t.len();
                drop(t);
                (n, v.len())
            }
        }
    }
    run { g() }
}

twin! {
    /// `char_indices` then byte-index slicing `&s[i..]` after awaits, multibyte input.
    p35b_char_indices_slice {
        lower! {
            pub async fn suffixes(s: &str) -> Vec<&str> {
                let mut out = Vec::new();
                for (i, _) in s.char_indices() {
                    let i = leaf("i", i).await;
                    out.push(&s[i..]);
                }
                out
            }
        }
    }
    run { suffixes("añb") }
}

twin! {
    /// A lowered method on `&'a str` wrapper returning `impl Iterator + 'a` is avoided; instead
    /// returns `Vec<&'a str>` built with `rsplitn` across awaits.
    p35b_rsplitn_path {
        pub struct Path<'a>(&'a str);
        impl<'a> Path<'a> {
            lower! {
                pub async fn parent_and_name(&self) -> (Option<&'a str>, &'a str) {
                    let mut it = self.0.rsplitn(2, '/');
                    let name = it.next().unwrap_or("");
                    step("n").await;
                    let parent = it.next();
                    step("p").await;
                    (parent, name)
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<(Option<&'static str>, &'static str)> {
                let mut out = Vec::new();
                for p in ["a/b/c.txt", "c.txt", "/x"] {
                    out.push(Path(p).parent_and_name().await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `RefCell`-free shared view: two `&self` lowered calls on the same struct joined
    /// with `pair` (concurrently borrowed).
    p35b_pair_shared_self {
        pub struct Db { rows: Vec<(u32, &'static str)>, _t: Tracker }
        impl Db {
            lower! {
                pub async fn name(&self, id: u32) -> Option<&'static str> {
                    for r in &self.rows {
                        step("scan").await;
                        if r.0 == id { return Some(r.1); }
                    }
                    None
                }
            }
        }
        lower! {
            pub async fn f() -> (Option<&'static str>, Option<&'static str>) {
                let db = Db { rows: vec![(1, "a"), (2, "b")], _t: Tracker::new("db") };
                pair(db.name(2), db.name(7)).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A `let r = &Tracker::new(..)` temporary lifetime extension kept across awaits.
    p35b_extended_temp_ref {
        lower! {
            pub async fn f() -> usize {
                let _a = Tracker::new("a");
                let r = &Tracker::new("ext");
                step("s").await;
                let _b = Tracker::new("b");
                step("t").await;
                r.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// An extended `&format!(..)` temporary as `&str` across an await.
    p35b_extended_format_str {
        lower! {
            pub async fn f(n: u32) -> String {
                let s: &str = &format!("n={}", leaf("n", n).await);
                step("s").await;
                s.to_uppercase()
            }
        }
    }
    run { f(4) }
}

twin! {
    /// Temporary extension through a struct literal field: `View { rows: &vec![..] }`.
    p35b_extended_temp_struct_field {
        pub struct View<'a> { rows: &'a Vec<Tracker>, tag: &'a str }
        lower! {
            pub async fn f() -> usize {
                let v = View { rows: &vec![Tracker::new("r1"), Tracker::new("r2")], tag: "t" };
                let _x = Tracker::new("x");
                step("s").await;
                let n = v.rows.len() + v.tag.len();
                step("t").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Extended `&mut` temporary: `let r = &mut vec![..]` mutated across awaits.
    p35b_extended_temp_mut_vec {
        lower! {
            pub async fn f() -> usize {
                let r = &mut vec![Tracker::new("a")];
                let _g = Tracker::new("g");
                r.push(leaf("b", Tracker::new("b")).await);
                step("s").await;
                r.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Extended temporary in a tuple: `let (a, b) = (&Tracker::new(..), 1)`, no; rather
    /// `let p = (&Tracker::new("x"), &Tracker::new("y"));` across an await.
    p35b_extended_temp_tuple {
        lower! {
            pub async fn f() -> &'static str {
                let p = (&Tracker::new("x"), &Tracker::new("y"));
                step("s").await;
                let _z = Tracker::new("z");
                step("t").await;
                p.1 .0
            }
        }
    }
    run { f() }
}

twin! {
    /// Compound assignment on a primitive through `get_mut` with an awaiting RHS: the RHS is
    /// evaluated before the place.
    p35b_compound_assign_place_order {
        lower! {
            pub async fn f(m: &mut BTreeMap<u32, u32>) -> u32 {
                *val("place", m.get_mut(&1)).unwrap() += leaf("rhs", 5).await;
                *val("place2", m.entry(2).or_insert(0)) += leaf("rhs2", 7).await;
                m.values().sum()
            }
        }
        lower! {
            pub async fn g() -> (u32, BTreeMap<u32, u32>) {
                let mut m = BTreeMap::from([(1, 10)]);
                let s = f(&mut m).await;
                (s, m)
            }
        }
    }
    run { g() }
}

// Known gap: known gap: `place op= value` with an await evaluates the value before a `String` place reached through a call (`*val("s", &mut *s) += x.await`): the place's side effect runs after the await, natively before
#[cfg(feature = "known-gaps")]
twin! {
    /// Compound assignment on a `String` place (not primitive: place first) with an
    /// awaiting RHS through a `&mut String` param.
    p35b_compound_assign_string_order {
        lower! {
            pub async fn f(s: &mut String, v: &mut Vec<String>) {
                *val("s", &mut *s) += leaf("a", "A").await;
                val("v0", &mut v[0]).push_str(leaf("b", "B").await);
                v[1] += &leaf("c", String::from("C")).await;
            }
        }
        lower! {
            pub async fn g() -> (String, Vec<String>) {
                let mut s = String::from("s");
                let mut v = vec!["x".to_string(), "y".to_string()];
                f(&mut s, &mut v).await;
                (s, v)
            }
        }
    }
    run { g() }
}

twin! {
    /// Two-phase borrow: `v.push(v.len() + x.await)` on a local vec and on a `self` field.
    p35b_two_phase_push {
        pub struct S { items: Vec<usize> }
        impl S {
            lower! {
                pub async fn grow(&mut self) {
                    self.items.push(self.items.len() + leaf("a", 10).await);
                    self.items.insert(0, self.items.len() * leaf("b", 100).await);
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<usize>, Vec<usize>) {
                let mut v = vec![1];
                v.push(v.len() + leaf("c", 1000).await);
                let mut s = S { items: vec![] };
                s.grow().await;
                s.grow().await;
                (v, s.items)
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited index into a `&mut Vec` param (`v[i.await] += 1`, one level).
    p35b_await_in_index {
        lower! {
            pub async fn f(v: &mut Vec<u32>) -> u32 {
                v[leaf("i", 1usize).await] += 1;
                let j = v[leaf("j", 2usize).await];
                v[0] = j + leaf("k", 5).await;
                v.iter().sum()
            }
        }
        lower! {
            pub async fn g() -> (u32, Vec<u32>) {
                let mut v = vec![1, 2, 3];
                let s = f(&mut v).await;
                (s, v)
            }
        }
    }
    run { g() }
}

twin! {
    /// `match m.get(&key.await)` scrutinee borrowing a map, arm awaiting.
    p35b_match_scrutinee_borrow_await {
        lower! {
            pub async fn f(m: &BTreeMap<u32, Tracker>) -> &'static str {
                match m.get(&leaf("k", 2).await) {
                    Some(t) => {
                        step("hit").await;
                        t.0
                    }
                    None => "none",
                }
            }
        }
    }
    run { f(leak(BTreeMap::from([(1, Tracker("a")), (2, Tracker("b"))]))) }
}

twin! {
    /// `match s.as_str()` on a local `String` with awaiting arms, then `s` moved.
    p35b_match_as_str_then_move {
        lower! {
            pub async fn f(input: &str) -> (u32, String) {
                let s = input.to_lowercase();
                let n = match s.as_str() {
                    "one" => leaf("one", 1).await,
                    "two" => { step("two").await; 2 }
                    other => leaf("other", other.len() as u32).await,
                };
                (n, s)
            }
        }
        lower! {
            pub async fn g() -> Vec<(u32, String)> {
                vec![f("ONE").await, f("Two").await, f("zzz").await]
            }
        }
    }
    run { g() }
}

twin! {
    /// A `&mut` closure captured over a local vec, kept across awaits, then the vec read.
    p35b_mut_closure_kept {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![];
                let mut add = |x: u32| v.push(x);
                add(leaf("a", 1).await);
                step("s").await;
                add(leaf("b", 2).await);
                step("t").await;
                v.push(3);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&self` method returning `&'a str` called on a temporary struct in a `let`,
    /// `Path(s).name().await`.
    p35b_method_on_temp_struct {
        pub struct P<'a>(&'a str, Tracker);
        impl<'a> P<'a> {
            lower! {
                pub async fn name(&self) -> &'a str {
                    step("nm").await;
                    self.0.rsplit('/').next().unwrap_or("")
                }
            }
        }
        lower! {
            pub async fn f(s: &str) -> &str {
                let n = P(s, Tracker::new("tmp")).name().await;
                step("after").await;
                n
            }
        }
    }
    run { f("a/b/c") }
}

twin! {
    /// A lowered method taking `self` by value on a lifetime struct, returning borrowed data.
    p35b_self_by_value_lifetime {
        pub struct Rd<'a> { src: &'a str, at: usize, _t: Tracker }
        impl<'a> Rd<'a> {
            lower! {
                pub async fn skip(&mut self, n: usize) {
                    step("skip").await;
                    self.at += n;
                }
            }
            lower! {
                pub async fn into_rest(self) -> &'a str {
                    step("rest").await;
                    &self.src[self.at..]
                }
            }
        }
        lower! {
            pub async fn f(s: &str) -> &str {
                let mut r = Rd { src: s, at: 0, _t: Tracker::new("rd") };
                r.skip(2).await;
                let out = r.into_rest().await;
                log("done");
                out
            }
        }
    }
    run { f("abcdef") }
}

twin! {
    /// `iter_mut` with each `&mut` passed down to a lowered helper.
    p35b_iter_mut_passdown {
        lower! {
            pub async fn bump(x: &mut Tracker, to: &'static str) {
                step("bump").await;
                *x = Tracker::new(to);
            }
        }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = vec![Tracker("a"), Tracker("b")];
                for (i, t) in v.iter_mut().enumerate() {
                    bump(t, ["A", "B"][i]).await;
                }
                v.iter().map(|t| t.0).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let Some(x) = m.get(&k) else { .. }` with the else branch awaiting then returning.
    p35b_let_else_get_await {
        lower! {
            pub async fn f(m: &BTreeMap<&'static str, Tracker>, k: &str) -> usize {
                let _g = Tracker::new("g");
                let Some(t) = m.get(k) else {
                    step("miss").await;
                    return 0;
                };
                step("hit").await;
                t.0.len()
            }
        }
        lower! {
            pub async fn g() -> (usize, usize) {
                let m = BTreeMap::from([("a", Tracker("aaa"))]);
                (f(&m, "a").await, f(&m, "b").await)
            }
        }
    }
    run { g() }
}

twin! {
    /// Shadowing an owned local by a reference to it across awaits (`let v = &v;`).
    p35b_shadow_by_ref {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                step("s").await;
                let v = &v;
                step("t").await;
                let _x = Tracker::new("x");
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A reference into a local vec returned through a block expression across an await.
    p35b_block_returns_ref {
        lower! {
            pub async fn f() -> u32 {
                let v = vec![3u32, 4, 5];
                let r = {
                    let i = leaf("i", 1usize).await;
                    &v[i]
                };
                step("s").await;
                *r + v[2]
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let Some(x) = &mut opt_local` awaiting and writing, then `opt_local` moved out.
    p35b_if_let_mut_opt_local {
        lower! {
            pub async fn f() -> Option<String> {
                let mut o = Some(String::from("a"));
                let _t = Tracker::new("t");
                if let Some(s) = &mut o {
                    s.push_str(leaf("x", "b").await);
                    step("s").await;
                    s.push('c');
                }
                o
            }
        }
    }
    run { f() }
}

// Known gap: known gap: `place op= value` with an await evaluates the value before a `String` place reached through a call (`*val("s", &mut *s) += x.await`): the place's side effect runs after the await, natively before
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduced: `*val(..) += x.await` on a `String` place reached through a call: the place
    /// must be evaluated before the awaited value.
    p35b_min_compound_string_call_place {
        lower! {
            pub async fn f(s: &mut String) {
                *val("place", &mut *s) += leaf("rhs", "A").await;
            }
        }
        lower! {
            pub async fn g() -> String {
                let mut s = String::from("s");
                f(&mut s).await;
                s
            }
        }
    }
    run { g() }
}

twin! {
    /// Reduced: `v[i] += &x.await` on a `&mut Vec<String>` parameter with an out-of-range
    /// index: natively the index panics before the leaf is polled.
    p35b_compound_string_vec_param_index {
        lower! {
            pub async fn f(v: &mut Vec<String>) {
                let _t = Tracker::new("t");
                step("pre").await;
                v[5] += &leaf("rhs", String::from("x")).await;
            }
        }
        lower! {
            pub async fn g() -> usize {
                let mut v = vec![String::new()];
                f(&mut v).await;
                v.len()
            }
        }
    }
    run { g() }
}

twin! {
    /// Reduced: `v[i] += &x.await` on a local `Vec<String>` built by `vec!` with an
    /// out-of-range index.
    p35b_compound_string_vec_local_index {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![String::from("a")];
                let _t = Tracker::new("t");
                step("pre").await;
                v[5] += &leaf("rhs", String::from("x")).await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Reduced: `m.get_mut(k).unwrap() += ..` style on a `&mut HashMap<_, String>`:
    /// `*m.get_mut(&9).unwrap() += &x.await` panics natively before the leaf is polled.
    p35b_compound_string_get_mut_unwrap {
        lower! {
            pub async fn f(m: &mut BTreeMap<u32, String>) {
                step("pre").await;
                *m.get_mut(&9).unwrap() += &leaf("rhs", String::from("x")).await;
            }
        }
        lower! {
            pub async fn g() -> usize {
                let mut m = BTreeMap::new();
                m.insert(1, String::new());
                let _t = Tracker::new("t");
                f(&mut m).await;
                m.len()
            }
        }
    }
    run { g() }
}

twin! {
    /// `write!` into a `&mut String` param with an awaited argument.
    p35b_write_macro_await_arg {
        lower! {
            pub async fn f(out: &mut String, n: u32) -> std::fmt::Result {
                use std::fmt::Write;
                write!(out, "[{}]", leaf("n", n).await)?;
                step("s").await;
                writeln!(out, "{}-{}", n, leaf("m", n * 2).await)
            }
        }
        lower! {
            pub async fn g() -> (std::fmt::Result, String) {
                let mut s = String::new();
                let _t = Tracker::new("t");
                let r = f(&mut s, 3).await;
                (r, s)
            }
        }
    }
    run { g() }
}

twin! {
    /// `&mut dyn std::fmt::Write` passed down, written between awaits.
    p35b_dyn_write_param {
        lower! {
            pub async fn emit(w: &mut dyn std::fmt::Write, items: &[&str]) -> usize {
                let mut n = 0;
                for it in items {
                    step("e").await;
                    if w.write_str(it).is_ok() { n += 1; }
                }
                n
            }
        }
        lower! {
            pub async fn g() -> (usize, String) {
                let mut s = String::new();
                let n = emit(&mut s, &["a", "b"]).await + emit(&mut s, &["c"]).await;
                (n, s)
            }
        }
    }
    run { g() }
}

twin! {
    /// `assert!`/`assert_eq!` with awaits inside, reading borrowed params; the second fails.
    p35b_assert_macros_await {
        lower! {
            pub async fn f(v: &[u32], s: &str) -> u32 {
                let _t = Tracker::new("t");
                assert_eq!(v[0], leaf("a", 1).await);
                assert!(s.starts_with(leaf("p", "ab").await), "prefix of {s}");
                assert!(v.len() > leaf("n", 5).await, "too short: {}", v.len());
                0
            }
        }
    }
    run { f(&[1, 2], "abc") }
}

twin! {
    /// `matches!` on an awaited borrowed value.
    p35b_matches_await {
        lower! {
            pub async fn f(v: &[Option<&'static str>]) -> usize {
                let mut n = 0;
                for x in v {
                    if matches!(leaf("x", *x).await, Some(s) if s.len() > 1) { n += 1; }
                }
                n
            }
        }
    }
    run { f(&[Some("ab"), None, Some("c"), Some("de")]) }
}

twin! {
    /// Destructuring a `&mut` struct into field references across awaits.
    p35b_destructure_mut_struct {
        pub struct P<'a> { src: &'a str, pos: usize, seen: Vec<Tracker> }
        lower! {
            pub async fn f(p: &mut P<'_>) -> usize {
                let P { src, pos, seen } = p;
                while *pos < src.len() {
                    step("adv").await;
                    *pos += 2;
                    seen.push(Tracker::new("s"));
                }
                seen.len()
            }
        }
        lower! {
            pub async fn g() -> (usize, usize) {
                let mut p = P { src: "abcde", pos: 0, seen: vec![] };
                let n = f(&mut p).await;
                (n, p.pos)
            }
        }
    }
    run { g() }
}

twin! {
    /// `let Some(ref mut v) = o else {..}` across awaits on a local.
    p35b_let_else_ref_mut {
        lower! {
            pub async fn f(flag: bool) -> Option<Vec<u32>> {
                let mut o = if flag { Some(vec![1]) } else { None };
                let _t = Tracker::new("t");
                let Some(ref mut v) = o else {
                    step("none").await;
                    return None;
                };
                v.push(leaf("x", 2).await);
                step("s").await;
                v.push(3);
                o
            }
        }
        lower! {
            pub async fn g() -> (Option<Vec<u32>>, Option<Vec<u32>>) {
                (f(true).await, f(false).await)
            }
        }
    }
    run { g() }
}

twin! {
    /// `match &v[..] { [a, .., b] => .. }` on a local vec of trackers with awaits.
    p35b_match_slice_first_last {
        lower! {
            pub async fn f(n: usize) -> String {
                let names = ["a", "b", "c", "d"];
                let v: Vec<Tracker> = names[..n].iter().map(|s| Tracker(s)).collect();
                match &v[..] {
                    [] => { step("e").await; String::new() }
                    [a, .., b] if n > 2 => {
                        step(a.0).await;
                        step(b.0).await;
                        format!("{}{}", a.0, b.0)
                    }
                    [a, ..] => { step("x").await; a.0.to_string() }
                }
            }
        }
        lower! {
            pub async fn g() -> Vec<String> {
                vec![f(0).await, f(2).await, f(4).await]
            }
        }
    }
    run { g() }
}

twin! {
    /// A closure returning a reference into a local vec, kept and called across awaits.
    p35b_closure_returns_ref {
        lower! {
            pub async fn f() -> u32 {
                let v = vec![10u32, 20, 30];
                let get = |i: usize| &v[i];
                let a = get(leaf("i", 0usize).await);
                step("s").await;
                let b = get(leaf("j", 2usize).await);
                *a + *b
            }
        }
    }
    run { f() }
}

twin! {
    /// `zip` of a shared and a mutable iterator over two params, awaiting each step.
    p35b_zip_shared_mut {
        lower! {
            pub async fn f(src: &[u32], dst: &mut [u32]) -> usize {
                let mut n = 0;
                for (s, d) in src.iter().zip(dst.iter_mut()) {
                    *d = leaf("c", *s * 2).await;
                    n += 1;
                }
                n
            }
        }
        lower! {
            pub async fn g() -> (usize, Vec<u32>) {
                let src = vec![1, 2, 3];
                let mut dst = vec![0; 2];
                let n = f(&src, &mut dst).await;
                (n, dst)
            }
        }
    }
    run { g() }
}

twin! {
    /// `std::iter::from_fn` closure borrowing a `&mut usize` cursor, pulled across awaits.
    p35b_from_fn_cursor {
        lower! {
            pub async fn f(s: &str) -> Vec<char> {
                let bytes = s.as_bytes();
                let mut at = 0;
                let mut it = std::iter::from_fn(|| {
                    let b = *bytes.get(at)?;
                    at += 2;
                    Some(b as char)
                });
                let mut out = Vec::new();
                while let Some(c) = it.next() {
                    out.push(leaf("c", c).await);
                }
                out
            }
        }
    }
    run { f("abcdefg") }
}

twin! {
    /// A struct with a lifetime and a type parameter, lowered `&mut self` method.
    p35b_lifetime_and_generic_struct {
        pub struct Wrap<'a, T: std::fmt::Debug> { items: &'a mut Vec<T>, seen: usize }
        impl<'a, T: std::fmt::Debug + Clone> Wrap<'a, T> {
            lower! {
                pub async fn dup_last(&mut self) -> Option<String> {
                    let last = self.items.last()?.clone();
                    step("dup").await;
                    self.items.push(last);
                    self.seen += 1;
                    Some(format!("{:?}", self.items))
                }
            }
        }
        lower! {
            pub async fn f() -> (Option<String>, Option<String>, usize) {
                let mut v = vec![1u8];
                let mut e: Vec<u8> = vec![];
                let mut w = Wrap { items: &mut v, seen: 0 };
                let a = w.dup_last().await;
                let mut w2 = Wrap { items: &mut e, seen: 0 };
                let b = w2.dup_last().await;
                (a, b, v.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::mem::replace` of a `self` field holding a tracker, between awaits.
    p35b_mem_replace_self_field {
        pub struct Conn { cur: Tracker, generation: u32 }
        impl Conn {
            lower! {
                pub async fn rotate(&mut self, name: &'static str) -> &'static str {
                    step("pre").await;
                    let old = std::mem::replace(&mut self.cur, Tracker::new(name));
                    self.generation += 1;
                    step("post").await;
                    old.0
                }
            }
        }
        lower! {
            pub async fn f() -> (&'static str, &'static str, u32) {
                let mut c = Conn { cur: Tracker::new("c0"), generation: 0 };
                let a = c.rotate("c1").await;
                let b = c.rotate("c2").await;
                (a, b, c.generation)
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic `F: FnMut(&str) -> bool` taken by value, with a borrowed `&str` input.
    p35b_fnmut_by_value_filter {
        lower! {
            pub async fn keep<'a, F: FnMut(&str) -> bool>(s: &'a str, mut pred: F) -> Vec<&'a str> {
                let mut out = Vec::new();
                for w in s.split(' ') {
                    step("w").await;
                    if pred(w) { out.push(w); }
                }
                out
            }
        }
        lower! {
            pub async fn g() -> (Vec<&'static str>, u32) {
                let mut calls = 0;
                let t = Tracker::new("pred");
                let r = keep("aa b ccc d", |w| { calls += 1; let _ = &t; w.len() > 1 }).await;
                (r, calls)
            }
        }
    }
    run { g() }
}

twin! {
    /// `impl Iterator<Item = &'a u32>` argument moved into the frame, pulled across awaits.
    p35b_impl_iter_arg {
        lower! {
            pub async fn total<'a>(it: impl Iterator<Item = &'a u32>) -> u32 {
                let mut s = 0;
                for x in it {
                    s += leaf("x", *x).await;
                }
                s
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let v = vec![1, 2, 3, 4];
                total(v.iter().filter(|x| **x % 2 == 0)).await + total(v.iter().rev().take(1)).await
            }
        }
    }
    run { g() }
}

twin! {
    /// A reference returned by a method the file declares (`lookup`), kept across an
    /// await, then the owner mutated after the reference's last use.
    p35b_declared_method_ref_kept {
        pub struct Store { rows: Vec<(u32, String)> }
        impl Store {
            pub fn lookup(&self, id: u32) -> Option<&String> {
                self.rows.iter().find(|r| r.0 == id).map(|r| &r.1)
            }
        }
        lower! {
            pub async fn f() -> (Option<usize>, usize) {
                let mut st = Store { rows: vec![(1, "one".into()), (2, "two".into())] };
                let r = st.lookup(2);
                step("s").await;
                let n = r.map(|s| s.len());
                step("t").await;
                st.rows.push((3, "three".into()));
                (n, st.rows.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A `loop` whose `break` value is a reference into a param, found after awaits.
    p35b_loop_break_ref {
        lower! {
            pub async fn f<'a>(v: &'a [String], pat: &str) -> Option<&'a String> {
                let mut i = 0;
                let hit = loop {
                    if i >= v.len() { break None; }
                    if leaf("t", v[i].contains(pat)).await { break Some(&v[i]); }
                    i += 1;
                };
                step("after").await;
                hit
            }
        }
    }
    run { f(leak(vec!["abc".to_string(), "xyz".to_string()]), "y") }
}

twin! {
    /// A panic inside a `&dyn Fn` callback after awaits; trackers unwind in order.
    p35b_dyn_fn_panics {
        lower! {
            pub async fn run(v: &[u32], f: &dyn Fn(u32) -> u32) -> u32 {
                let _g = Tracker::new("run");
                let mut s = 0;
                for &x in v {
                    let y = leaf("x", x).await;
                    s += f(y);
                }
                s
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let _o = Tracker::new("outer");
                let f = |x: u32| if x == 3 { panic!("bad {x}") } else { x };
                run(&[1, 2, 3, 4], &f).await
            }
        }
    }
    run { g() }
}

twin! {
    /// An `async` block borrowing a param, built before an await and awaited after it.
    p35b_async_block_borrow_param {
        lower! {
            pub async fn f(s: &str, v: &mut Vec<u32>) -> usize {
                let fut = async { leaf("len", s.len()).await };
                step("between").await;
                let n = fut.await;
                v.push(n as u32);
                n
            }
        }
        lower! {
            pub async fn g() -> (usize, Vec<u32>) {
                let mut v = vec![];
                let _t = Tracker::new("t");
                let n = f("abc", &mut v).await;
                (n, v)
            }
        }
    }
    run { g() }
}

twin! {
    /// An `async` block mutably borrowing a local vec, dropped unpolled on one path.
    p35b_async_block_mut_borrow_unpolled {
        lower! {
            pub async fn f(go: bool) -> Vec<Tracker> {
                let mut v = vec![Tracker::new("a")];
                {
                    let fut = async {
                        step("in").await;
                        v.push(Tracker::new("b"));
                    };
                    step("mid").await;
                    if go { fut.await; }
                }
                step("end").await;
                v
            }
        }
        lower! {
            pub async fn g() -> (usize, usize) {
                let a = f(true).await.len();
                let b = f(false).await.len();
                (a, b)
            }
        }
    }
    run { g() }
}

twin! {
    /// `pair` of two lowered calls borrowing disjoint fields mutably.
    p35b_pair_disjoint_fields {
        pub struct S { a: Vec<u32>, b: Vec<u32>, _t: Tracker }
        lower! {
            pub async fn fill(v: &mut Vec<u32>, n: u32) -> usize {
                for i in 0..n {
                    v.push(leaf("f", i).await);
                }
                v.len()
            }
        }
        lower! {
            pub async fn f() -> ((usize, usize), Vec<u32>, Vec<u32>) {
                let mut s = S { a: vec![], b: vec![9], _t: Tracker::new("s") };
                let r = pair(fill(&mut s.a, 2), fill(&mut s.b, 3)).await;
                (r, s.a.clone(), s.b.clone())
            }
        }
    }
    run { f() }
}

twin! {
    /// `for x in &mut it` over a local iterator with an await and early break; `it`
    /// resumed afterwards.
    p35b_for_mut_iter_resume {
        lower! {
            pub async fn f(s: &str) -> (Vec<&str>, Vec<&str>) {
                let mut it = s.split('/');
                let mut head = Vec::new();
                for part in &mut it {
                    if leaf("p", part).await == "stop" { break; }
                    head.push(part);
                }
                let mut tail = Vec::new();
                for part in it {
                    tail.push(leaf("t", part).await);
                }
                (head, tail)
            }
        }
    }
    run { f("a/b/stop/c/d") }
}

twin! {
    /// Two `&mut` from one `iter_mut` (`a = it.next()`, `b = it.next()`) held across awaits.
    p35b_two_mut_from_iter {
        lower! {
            pub async fn f(v: &mut [Tracker]) -> bool {
                let mut it = v.iter_mut();
                let (Some(a), Some(b)) = (it.next(), it.next()) else { return false };
                step("s").await;
                std::mem::swap(a, b);
                step("t").await;
                *b = Tracker::new("new");
                true
            }
        }
        lower! {
            pub async fn g() -> (bool, Vec<&'static str>) {
                let mut v = vec![Tracker("a"), Tracker("b"), Tracker("c")];
                let r = f(&mut v).await;
                (r, v.iter().map(|t| t.0).collect())
            }
        }
    }
    run { g() }
}

twin! {
    /// `Vec<&mut String>` passed down as `&mut [&mut String]`.
    p35b_slice_of_mut_refs_param {
        lower! {
            pub async fn shout(v: &mut [&mut String]) {
                for s in v.iter_mut() {
                    step("sh").await;
                    s.make_ascii_uppercase();
                }
            }
        }
        lower! {
            pub async fn f() -> (String, String, String) {
                let mut a = String::from("a");
                let b = String::from("b");
                let mut c = String::from("c");
                {
                    let mut refs = vec![&mut a, &mut c];
                    shout(&mut refs).await;
                    refs[0].push('!');
                }
                (a, b, c)
            }
        }
    }
    run { f() }
}

twin! {
    /// `retain_mut` on a `&mut Vec<Tracker>` after an await, the closure reading a local.
    p35b_retain_mut_after {
        lower! {
            pub async fn f(v: &mut Vec<(Tracker, u32)>) -> usize {
                let lim = leaf("lim", 2).await;
                v.retain_mut(|(_, n)| { *n += 1; *n > lim });
                step("s").await;
                v.len()
            }
        }
        lower! {
            pub async fn g() -> usize {
                let mut v = vec![(Tracker("a"), 0), (Tracker("b"), 5), (Tracker("c"), 1)];
                let n = f(&mut v).await;
                log("g end");
                n
            }
        }
    }
    run { g() }
}

// Known gap: COMPILE (E0597): `&mut r` of a local `r` holding a `&mut`, lent to an awaited call (`f(&mut r).await`), as p35b_min_lend_mut_of_mut_local (the annotated reborrow `let inner: &mut Vec<u32> = *v;` of `f` works)
#[cfg(feature = "known-gaps")]
twin! {
    /// `&mut &mut Vec` parameter (double indirection) pushed through across awaits.
    p35b_mut_mut_param {
        lower! {
            pub async fn f(v: &mut &mut Vec<u32>) -> usize {
                v.push(leaf("a", 1).await);
                let inner: &mut Vec<u32> = *v;
                inner.push(leaf("b", 2).await);
                v.len()
            }
        }
        lower! {
            pub async fn g() -> (usize, Vec<u32>) {
                let mut base = vec![0];
                let n = {
                    let mut r = &mut base;
                    f(&mut r).await
                };
                (n, base)
            }
        }
    }
    run { g() }
}

twin! {
    /// `while` whose condition awaits on a borrowed iterator's next element.
    p35b_while_cond_await_iter {
        lower! {
            pub async fn f(v: &[u32]) -> Vec<u32> {
                let mut it = v.iter();
                let mut out = Vec::new();
                while let Some(x) = leaf("nx", it.next()).await {
                    if *x == 0 { continue; }
                    out.push(*x);
                }
                out
            }
        }
    }
    run { f(&[1, 0, 2, 3]) }
}

twin! {
    /// A `&self` method on a struct holding `&'a mut Vec` that returns a shared slice of it.
    p35b_shared_view_of_mut_field {
        pub struct Acc<'a> { buf: &'a mut Vec<u32> }
        impl<'a> Acc<'a> {
            lower! {
                pub async fn add(&mut self, x: u32) {
                    self.buf.push(leaf("add", x).await);
                }
            }
            lower! {
                pub async fn tail(&self, n: usize) -> &[u32] {
                    step("tail").await;
                    let l = self.buf.len();
                    &self.buf[l.saturating_sub(n)..]
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<u32>, usize) {
                let mut v = vec![];
                let mut a = Acc { buf: &mut v };
                a.add(1).await;
                a.add(2).await;
                a.add(3).await;
                let t = a.tail(2).await.to_vec();
                (t, v.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// `split_first`/`split_last` on a `&[Tracker]` param with awaits between uses.
    p35b_split_first_last {
        lower! {
            pub async fn f(v: &[Tracker]) -> Option<(&'static str, &'static str, usize)> {
                let (first, rest) = v.split_first()?;
                step("a").await;
                let (last, mid) = rest.split_last()?;
                step("b").await;
                Some((first.0, last.0, mid.len()))
            }
        }
        lower! {
            pub async fn g() -> Vec<Option<(&'static str, &'static str, usize)>> {
                let v = vec![Tracker("a"), Tracker("b"), Tracker("c"), Tracker("d")];
                vec![f(&v).await, f(&v[..1]).await, f(&[]).await]
            }
        }
    }
    run { g() }
}

twin! {
    /// An awaited call whose argument is a borrow of a temporary (`&String::from(..)`).
    p35b_borrow_temp_arg {
        lower! {
            pub async fn len_of(s: &str) -> usize {
                step("len").await;
                s.len()
            }
        }
        lower! {
            pub async fn f() -> usize {
                let a = len_of(&String::from("abc")).await;
                let b = len_of(&format!("{}-{}", a, Tracker::new("fmt").0)).await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// Reduced: two awaited temporaries borrowed by method calls in one tail tuple drop in
    /// creation order (natively in reverse, at the end of the expression).
    p35b_min_tail_tuple_temps_drop_order {
        lower! {
            pub async fn f() -> (usize, usize) {
                (leaf("a", Tracker::new("a")).await.name().len(), leaf("b", Tracker::new("b")).await.name().len())
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: the same tuple in a `let` statement.
    p35b_min_let_tuple_temps_drop_order {
        lower! {
            pub async fn f() -> (usize, usize) {
                let p = (leaf("a", Tracker::new("a")).await.name().len(), leaf("b", Tracker::new("b")).await.name().len());
                step("after").await;
                p
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: two awaited temporaries in a sum.
    p35b_min_sum_temps_drop_order {
        lower! {
            pub async fn f() -> usize {
                let n = leaf("a", Tracker::new("a")).await.name().len() + leaf("b", Tracker::new("b")).await.name().len();
                step("after").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Reduced: `let inner: &mut Vec<u32> = v;` (implicit reborrow of a `&mut` param by
    /// annotation) used across an await, then `v` used again: E0499 in the lowering.
    p35b_min_reborrow_param_annotated {
        lower! {
            pub async fn f(v: &mut Vec<u32>) -> usize {
                let inner: &mut Vec<u32> = v;
                inner.push(leaf("b", 2).await);
                v.len()
            }
        }
        lower! {
            pub async fn g() -> usize {
                let mut base = vec![0];
                f(&mut base).await
            }
        }
    }
    run { g() }
}

// Known gap: COMPILE (E0597): `&mut r` of a local `r` holding a `&mut` reference lent to an awaited call (`let mut r = &mut base; f(&mut r).await`, also as a block tail): `r` does not live long enough
#[cfg(feature = "known-gaps")]
twin! {
    /// A block whose tail awaits a call lent `&mut` of a block-local reference
    /// (`{ let mut r = &mut base; f(&mut r).await }`): E0597 in the lowering.
    p35b_block_tail_lend_mut_of_mut_local {
        lower! {
            pub async fn f(v: &mut &mut Vec<u32>) -> usize {
                step("f").await;
                v.len()
            }
        }
        lower! {
            pub async fn g() -> usize {
                let mut base = vec![0];
                let n = {
                    let mut r = &mut base;
                    f(&mut r).await
                };
                n
            }
        }
    }
    run { g() }
}

twin! {
    /// Variant: the block-local is an owned `Tracker` lent by `&`.
    p35b_block_tail_await_borrows_tracker {
        lower! {
            pub async fn name_len(t: &Tracker) -> usize {
                step("n").await;
                t.0.len()
            }
        }
        lower! {
            pub async fn g() -> usize {
                let n = {
                    let t = Tracker::new("blk");
                    name_len(&t).await
                };
                log("after block");
                n
            }
        }
    }
    run { g() }
}

// Known gap: COMPILE (E0597): `&mut r` of a local `r` holding a `&mut` reference lent to an awaited call (`let mut r = &mut base; f(&mut r).await`, also as a block tail): `r` does not live long enough
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduced: `&mut r` of a local `r` holding a `&mut` reference, lent to an awaited call
    /// in a `let`: E0597 in the lowering.
    p35b_min_lend_mut_of_mut_local {
        lower! {
            pub async fn f(v: &mut &mut Vec<u32>) -> usize {
                step("f").await;
                v.len()
            }
        }
        lower! {
            pub async fn g() -> usize {
                let mut base = vec![0];
                let mut r = &mut base;
                let n = f(&mut r).await;
                n
            }
        }
    }
    run { g() }
}

twin! {
    /// Variant: `&r` of a local `r` holding a `&mut` reference, lent to an awaited call.
    p35b_lend_ref_of_mut_local {
        lower! {
            pub async fn f(v: &&mut Vec<u32>) -> usize {
                step("f").await;
                v.len()
            }
        }
        lower! {
            pub async fn g() -> usize {
                let mut base = vec![0];
                let r = &mut base;
                let n = f(&r).await;
                r.push(1);
                n
            }
        }
    }
    run { g() }
}

twin! {
    /// Variant: `&mut r` of a local `r` holding a shared reference.
    p35b_lend_mut_of_ref_local {
        lower! {
            pub async fn f(v: &mut &[u32]) -> usize {
                step("f").await;
                *v = &v[1..];
                v.len()
            }
        }
        lower! {
            pub async fn g() -> (usize, usize) {
                let base = vec![0, 1, 2];
                let mut r: &[u32] = &base;
                let n = f(&mut r).await;
                (n, r.len())
            }
        }
    }
    run { g() }
}
