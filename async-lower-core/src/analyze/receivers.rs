//! What the file around a lowered function says about the receivers of its methods.
//!
//! Whether `c.close().await` takes `c` or borrows it depends on the signature of `close`,
//! which a proc macro cannot see: it runs before types exist. But the signature is often in
//! the same file (`async fn close(self)`), and a macro may read the file that holds the
//! function (`Span::local_file`, stable since Rust 1.88). So the lowering scans that file's
//! text for method declarations (inside macro calls too: the scan is lexical). Where all
//! the declarations of a name with that number of parameters agree, that settles whether
//! an awaited call of that name takes its receiver; elsewhere the naming conventions of
//! [`super::awaited_call_consumes`] guess. Agreement is asked of the whole file, not of the
//! nearest declarations: the nearest `close` may well be another type's (a wrapper's own
//! `close(&mut self)` delegating to its field's `close(self)`). Only a macro call's body
//! (`twin! { .. }`, a test harness's) is a world of its own: its declarations are seen by
//! the functions inside it, before those outside any macro call.
//!
//! The table is installed for the lowering of one function ([`with`]) and read where the
//! passes ask about an awaited call ([`declared`]). A wrong answer (the only declaration of
//! a name is another type's, a library type's `&self` method shares it) costs what a wrong
//! guess by name costs: mostly a compile error, and where the `&self` method's future
//! borrows nothing, the receiver drops when the call is made instead of at its scope end.

use std::cell::RefCell;
use std::collections::HashMap;

/// How a method declared in the file takes its receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Receiver {
    /// `self`, `mut self`, `self: Box<Self>`, `self: Arc<Self>`, `self: Pin<&mut Self>`.
    Taken,
    /// `&self`, `&mut self`, `self: &Self`.
    Lent,
}

/// The receivers of the methods one function sees declared, by name and number of
/// parameters (`self` not counted): Rust has no overloading, so a call with another number
/// of arguments is a method of another type.
pub(crate) type Declared = HashMap<(String, usize), Receiver>;

thread_local! {
    static DECLARED: RefCell<Declared> = RefCell::new(HashMap::new());
}

/// Runs `f` (the lowering of one function) with `table` as what the file declares.
pub(crate) fn with<R>(table: Declared, f: impl FnOnce() -> R) -> R {
    struct Restore(Declared);
    impl Drop for Restore {
        fn drop(&mut self) {
            DECLARED.with(|d| *d.borrow_mut() = std::mem::take(&mut self.0));
        }
    }
    let _restore = Restore(DECLARED.with(|d| std::mem::replace(&mut *d.borrow_mut(), table)));
    f()
}

/// How the method `name` with `args` parameters takes its receiver, if what the function
/// being lowered sees of the file says so unambiguously.
pub(crate) fn declared(name: &str, args: usize) -> Option<Receiver> {
    DECLARED.with(|d| d.borrow().get(&(name.to_string(), args)).copied())
}

/// The receivers the file `source` declares for the function `name` declared on `line`
/// (1-based; the first `fn name` of the file if no such line) to see.
pub(crate) fn around(source: &str, name: &str, line: usize) -> Declared {
    Scan::new(source).around(name, line)
}

impl Scan {
    fn around(&self, name: &str, line: usize) -> Declared {
        let at = self
            .fns
            .iter()
            .filter(|f| f.name == name)
            .min_by_key(|f| (f.line != line, f.line))
            .map(|f| f.groups.as_slice())
            .unwrap_or(&[]);
        // A function sees the declarations inside the outermost macro call around it, if
        // any, and then those outside any macro call.
        let world = |groups: &[usize]| groups.iter().copied().find(|g| self.macro_bodies.contains(g));
        let own = world(at);
        let agreed = |in_world: &dyn Fn(Option<usize>) -> bool| {
            let mut agreed: HashMap<(&str, usize), Option<Receiver>> = HashMap::new();
            for f in self.fns.iter().filter(|f| in_world(world(&f.groups))) {
                let Some((receiver, params)) = f.receiver else { continue };
                let entry = agreed.entry((&f.name, params)).or_insert(Some(receiver));
                if *entry != Some(receiver) {
                    *entry = None;
                }
            }
            agreed
        };
        let mut seen = agreed(&|w| w.is_none());
        if own.is_some() {
            seen.extend(agreed(&|w| w == own));
        }
        seen.into_iter()
            .filter_map(|((n, params), r)| Some(((n.to_string(), params), r?)))
            .collect()
    }
}

/// As [`around`], for the file on disk that holds `span` (the attribute's case). Each file
/// is scanned once per compilation (and again when it changes, for a language server that
/// keeps the macro loaded); nothing is known when the file cannot be read.
pub(crate) fn around_file(span: proc_macro2::Span, name: &str, line: usize) -> Declared {
    type Scanned = HashMap<std::path::PathBuf, (Option<std::time::SystemTime>, std::rc::Rc<Scan>)>;
    thread_local! {
        static SCANNED: RefCell<Scanned> = RefCell::new(HashMap::new());
    }
    let Some(path) = span.local_file() else {
        return Declared::new();
    };
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let cached = SCANNED.with(|s| {
        s.borrow()
            .get(&path)
            .filter(|(m, _)| *m == modified)
            .map(|(_, scan)| scan.clone())
    });
    let scan = match cached {
        Some(scan) => scan,
        None => {
            let Ok(source) = std::fs::read_to_string(&path) else {
                return Declared::new();
            };
            let scan = std::rc::Rc::new(Scan::new(&source));
            SCANNED.with(|s| s.borrow_mut().insert(path, (modified, scan.clone())));
            scan
        }
    };
    scan.around(name, line)
}

/// A `fn` declaration found by the scan.
struct Decl {
    name: String,
    line: usize,
    /// The braces it is in, outermost first (each by the order of its `{` in the file).
    groups: Vec<usize>,
    /// The receiver and the number of other parameters; `None` for a function without
    /// `self`.
    receiver: Option<(Receiver, usize)>,
}

/// A lexical scan of Rust source: tokens are words and punctuation; comments, strings and
/// character literals are skipped, so that their braces and `fn`s do not count.
struct Scan {
    fns: Vec<Decl>,
    /// The braces that are a macro call's body (`name! { .. }`).
    macro_bodies: Vec<usize>,
}

#[derive(Debug, PartialEq)]
enum Tok {
    Word(String),
    Punct(char),
    Lifetime,
}

impl Scan {
    fn new(source: &str) -> Scan {
        let tokens = lex(source);
        let mut fns = Vec::new();
        let (mut open, mut next_group, mut macro_bodies) = (Vec::new(), 0, Vec::new());
        for (i, (tok, line)) in tokens.iter().enumerate() {
            match tok {
                Tok::Punct('{') => {
                    if i >= 2 && matches!((&tokens[i - 2].0, &tokens[i - 1].0), (Tok::Word(_), Tok::Punct('!'))) {
                        macro_bodies.push(next_group);
                    }
                    open.push(next_group);
                    next_group += 1;
                }
                Tok::Punct('}') => {
                    open.pop();
                }
                Tok::Word(w) if w == "fn" => {
                    if let Some((Tok::Word(name), _)) = tokens.get(i + 1) {
                        fns.push(Decl {
                            name: name.clone(),
                            line: *line,
                            groups: open.clone(),
                            receiver: receiver(&tokens[i + 2..]),
                        });
                    }
                }
                _ => {}
            }
        }
        Scan { fns, macro_bodies }
    }
}

/// The receiver of a declaration whose tokens after the name are `rest`, and how many
/// parameters follow it: skips the generics (`<F: Fn(u8) -> u8>`), then splits the
/// parameters at the commas outside brackets.
fn receiver(rest: &[(Tok, usize)]) -> Option<(Receiver, usize)> {
    let mut toks = rest.iter().map(|(t, _)| t).peekable();
    if toks.peek() == Some(&&Tok::Punct('<')) {
        let mut depth = Depth::default();
        for t in toks.by_ref() {
            depth.step(t);
            if depth.depth == 0 {
                break;
            }
        }
    }
    if toks.next() != Some(&Tok::Punct('(')) {
        return None;
    }
    let mut params: Vec<Vec<&Tok>> = vec![Vec::new()];
    let mut depth = Depth::default();
    for t in toks {
        match (depth.step(t), t) {
            (0, Tok::Punct(',')) => params.push(Vec::new()),
            (0, Tok::Punct(')')) => break,
            _ => params.last_mut()?.push(t),
        }
    }
    params.retain(|p| !p.is_empty());
    let (first, rest) = params.split_first()?;
    // `&'a mut self`, `mut self`, `self: Type`.
    let at = first.iter().position(|t| matches!(t, Tok::Word(w) if w == "self"))?;
    let (before, after) = (&first[..at], &first[at + 1..]);
    if !before.iter().all(|t| matches!(t, Tok::Punct('&') | Tok::Lifetime) || matches!(t, Tok::Word(w) if w == "mut")) {
        return None;
    }
    // `self: &Self` lends; `self: Box<Self>`, `Arc<Self>`, `Pin<&mut Self>` take the
    // receiver (a pin is a value: `g.bump()` on a `Pin<&mut G>` moves it).
    let lent = before.contains(&&Tok::Punct('&')) || matches!(after, [Tok::Punct(':'), Tok::Punct('&'), ..]);
    Some((if lent { Receiver::Lent } else { Receiver::Taken }, rest.len()))
}

/// Bracket depth over a declaration's tokens: `(`, `[`, `{` (`Pair { a, b }: Pair`) and `<`
/// open, and the `>` of `->` closes nothing.
#[derive(Default)]
struct Depth {
    depth: usize,
    arrow: bool,
}

impl Depth {
    /// The depth after `t` (a closing bracket counts at its opening's depth).
    fn step(&mut self, t: &Tok) -> usize {
        let now = match t {
            Tok::Punct('(' | '[' | '{' | '<') => {
                self.depth += 1;
                self.depth
            }
            Tok::Punct(')' | ']' | '}') => {
                let d = self.depth;
                self.depth = d.saturating_sub(1);
                d
            }
            Tok::Punct('>') if !self.arrow => {
                let d = self.depth;
                self.depth = d.saturating_sub(1);
                d
            }
            _ => self.depth,
        };
        self.arrow = t == &Tok::Punct('-');
        now
    }
}

/// Words, punctuation and lifetimes, each with its line; comments and literals dropped.
fn lex(source: &str) -> Vec<(Tok, usize)> {
    let chars: Vec<char> = source.chars().collect();
    let (mut out, mut i, mut line) = (Vec::new(), 0, 1);
    // Skips to just after the `"` that closes a string opened before `i`, counting lines.
    let skip_string = |i: &mut usize, line: &mut usize, hashes: Option<usize>| {
        while *i < chars.len() {
            let c = chars[*i];
            *i += 1;
            match (c, hashes) {
                ('\n', _) => *line += 1,
                ('\\', None) => {
                    if chars.get(*i) == Some(&'\n') {
                        *line += 1;
                    }
                    *i += 1;
                }
                ('"', None) => return,
                ('"', Some(n))
                    if chars[*i..].iter().take(n).filter(|&&h| h == '#').count() == n =>
                {
                    *i += n;
                    return;
                }
                _ => {}
            }
        }
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            _ if c.is_whitespace() => i += 1,
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                // Block comments nest.
                let mut depth = 0;
                while i < chars.len() {
                    if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 2;
                    } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        if chars[i] == '\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                }
            }
            '"' => {
                i += 1;
                skip_string(&mut i, &mut line, None);
            }
            '\'' => {
                // A character literal (`'{'`, `'\''`, `'\u{7b}'`) or a lifetime (`'a`).
                if chars.get(i + 1) == Some(&'\\') {
                    // (Past the escaped character, which may be `'` itself.)
                    i += 3;
                    while i < chars.len() && chars[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else {
                    i += 1;
                    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                        i += 1;
                    }
                    out.push((Tok::Lifetime, line));
                }
            }
            _ if c.is_alphanumeric() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                // Raw and byte strings: `r"..."`, `r#"..."#`, `b"..."`, `br#"..."#`, `c"..."`.
                let hashes = chars[i..].iter().take_while(|&&h| h == '#').count();
                let raw = matches!(word.as_str(), "r" | "br" | "cr");
                if chars.get(i + hashes) == Some(&'"')
                    && (raw || (hashes == 0 && matches!(word.as_str(), "b" | "c")))
                {
                    i += hashes + 1;
                    skip_string(&mut i, &mut line, raw.then_some(hashes));
                } else if word == "b" && chars.get(i) == Some(&'\'') {
                    // A byte literal: the `'` case above reads it as a character.
                } else {
                    out.push((Tok::Word(word), line));
                }
            }
            _ => {
                out.push((Tok::Punct(c), line));
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r##"
        struct Conn;
        impl Conn {
            async fn close(self) -> u32 { 0 }
            async fn ping(&self) -> u32 { 1 }
            async fn rename<F: Fn(u8) -> u8>(mut self, f: F) -> Self { self }
            fn shared(self: std::sync::Arc<Self>) {}
            fn pinned(self: Pin<&mut Self>, m: HashMap<u8, (u8, u8)>, f: impl Fn(u8, u8) -> u8,) {}
            fn apply(&self, Pair { a, b }: Pair) {}
            fn new() -> Conn { Conn }
        }
        // fn ping(self) in a comment does not count, nor "fn close(&self) {" in a string,
        // nor r#"fn close(&self)"#, nor the braces in '{', ['\'','{'] or b'}'.
        const S: &str = "fn ping(self) {";
        const R: &str = r#"fn close(&self) { "#;
        const C: [char; 2] = ['\'','{'];
        const B: u8 = b'}';
        mod other {
            struct Pipe;
            impl Pipe { async fn flush(&mut self) {} }
            async fn f<'a>(p: &'a mut Pipe) { p.flush().await }
        }
        async fn g(c: Conn) -> u32 { c.ping().await }
        harness! {
            impl Other { async fn ping(self) -> u32 { 2 } }
            async fn h(o: Other) -> u32 { o.ping().await }
        }
        other_harness! {
            impl Third { async fn ping(&self) -> u32 { 3 } }
        }
    "##;

    fn at(name: &str) -> Declared {
        let line = SOURCE.lines().position(|l| l.contains(&format!("fn {name}"))).unwrap() + 1;
        around(SOURCE, name, line)
    }

    fn get(d: &Declared, name: &str, params: usize) -> Option<Receiver> {
        d.get(&(name.to_string(), params)).copied()
    }

    #[test]
    fn reads_each_receiver() {
        let d = at("g");
        assert_eq!(get(&d, "close", 0), Some(Receiver::Taken));
        assert_eq!(get(&d, "rename", 1), Some(Receiver::Taken));
        assert_eq!(get(&d, "rename", 0), None);
        assert_eq!(get(&d, "shared", 0), Some(Receiver::Taken));
        assert_eq!(get(&d, "pinned", 2), Some(Receiver::Taken));
        assert_eq!(get(&d, "apply", 1), Some(Receiver::Lent));
        assert_eq!(get(&d, "flush", 0), Some(Receiver::Lent));
        assert_eq!(get(&d, "new", 0), None);
        // (`Other::ping` and `Third::ping` are inside macro calls that `g` is not in.)
        assert_eq!(get(&d, "ping", 0), Some(Receiver::Lent));
    }

    #[test]
    fn a_macro_call_is_a_world_of_its_own() {
        let d = at("h");
        // (`Other::ping` first; `Conn::close` from outside.)
        assert_eq!(get(&d, "ping", 0), Some(Receiver::Taken));
        assert_eq!(get(&d, "close", 0), Some(Receiver::Taken));
    }

    #[test]
    fn disagreeing_declarations_settle_nothing() {
        // However near one of them is: the nearest `run` may be another type's.
        let src = "mod a { impl A { fn run(self) {} } fn h() {} } mod b { impl B { fn run(&self) {} } }";
        assert_eq!(get(&around(src, "h", 1), "run", 0), None);
    }
}
