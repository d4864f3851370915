//! `expand FILE --sizes`: the size of the future each `#[lower]` function returns, as a
//! native `async fn` and lowered in both layouts, measured by compiling the user's file.
//!
//! Sizes are only known to rustc, so this builds a throwaway cargo project (by default in
//! `target/async-lower-sizes/` of this repository; `ASYNC_LOWER_SIZES_DIR` overrides it)
//! that depends on this repository's facade by path, with this repository's `Cargo.lock`
//! copied in (no resolution, no network). Its `src/` holds three modules made from the
//! user's file:
//!
//! - `native.rs`: the file with every `#[lower]` attribute blanked out (same lines, so
//!   rustc's errors point at the user's lines);
//! - `enum_layout.rs` and `fields_layout.rs`: `expand_with(.., Some(layout))`.
//!
//! A probe function is added to each (`__async_lower_sizes`, at the end of the file and
//! of every inline module holding a measured function) so that private functions can be
//! named: it applies `output_sizeN(f)`, which reads the size of `f`'s return type without
//! calling it. Only free functions whose type is fully known can be named that way: not
//! methods, not functions with type or const parameters or `impl Trait` arguments.
//!
//! Relative `#[path]`s and file modules (`mod x;`) of the user's file are made absolute
//! (the file is taken as a crate root: `mod x;` is `x.rs` or `x/mod.rs` beside it).

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::Command;
use syn::visit::Visit;

const PROBE: &str = "__async_lower_sizes";
const MAX_ARITY: usize = 6;

/// A function with a `#[lower]` attribute, and whether its future can be measured.
struct Lowered {
    /// Its path from the file's root, `f` or `m::f`.
    name: String,
    /// `Ok(arity)`, or why it is skipped.
    measurable: Result<usize, &'static str>,
}

/// An edit of the user's source: replace `range` with `text`.
#[derive(Clone)]
struct Edit {
    range: Range<usize>,
    text: String,
}

/// The three module files made from the user's source.
struct Modules {
    native: String,
    rooted: String,
    rows: Vec<Lowered>,
}

/// The sizes table for the `#[lower]` functions of `source` (only `only` if given), as
/// `//` lines. `file` is where `source` was read from (for its relative module paths).
pub fn table(file: &Path, source: &str, only: Option<&str>) -> Result<String, String> {
    let modules = modules(file, source, only)?;
    let measured: Vec<&Lowered> = modules.rows.iter().filter(|r| r.measurable.is_ok()).collect();
    let sizes = if measured.is_empty() {
        Vec::new()
    } else {
        let layouts = [async_lower::Layout::Enum, async_lower::Layout::Fields]
            .map(|layout| async_lower::expand_with(&modules.rooted, None, Some(layout)).map_err(|e| e.to_string()));
        let [enum_layout, fields_layout] = layouts;
        build_and_run(&modules.native, &enum_layout?, &fields_layout?, uses(source))?
    };
    let width = modules.rows.iter().map(|r| r.name.len()).max().unwrap_or(0).max(30);
    let mut out = String::new();
    if modules.rows.is_empty() {
        let what = only.map_or(String::new(), |name| format!(" named `{name}`"));
        writeln!(out, "// sizes: no #[lower] function{what} in the file").unwrap();
        return Ok(out);
    }
    writeln!(out, "// {:<width$}  {:>6} {:>6} {:>8}", "sizes of the futures (bytes)", "native", "enum", "fields").unwrap();
    for row in &modules.rows {
        match row.measurable {
            Ok(_) => {
                let (native, enum_, fields) = sizes
                    .iter()
                    .find(|(name, ..)| *name == row.name)
                    .map(|&(_, n, e, f)| (n, e, f))
                    .ok_or_else(|| format!("the size probe did not report `{}`", row.name))?;
                writeln!(out, "// {:<width$}  {native:>6} {enum_:>6} {fields:>8}", row.name).unwrap();
            }
            Err(why) => writeln!(out, "// {:<width$}  skipped: {why}", row.name).unwrap(),
        }
    }
    if !measured.is_empty() {
        writeln!(out, "// (release build; the enum's variants share their bytes, the struct keeps a field per hoisted local)").unwrap();
    }
    Ok(out)
}

/// Which of the facade's dev-dependencies the source names (added to the probe project).
fn uses(source: &str) -> Vec<&'static str> {
    ["tokio", "futures"].into_iter().filter(|krate| source.contains(&format!("{krate}::"))).collect()
}

fn modules(file: &Path, source: &str, only: Option<&str>) -> Result<Modules, String> {
    let parsed: syn::File = syn::parse_str(source).map_err(|e| format!("cannot parse the source: {e}"))?;
    let dir = file
        .canonicalize()
        .ok()
        .and_then(|f| f.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));

    let mut walk = Walk { only, rows: Vec::new(), edits: Vec::new() };
    let calls = walk.items(&parsed.items, "", &dir);
    let mut rooted_edits = walk.edits;
    let mut tail = String::from("\n\n// Added by `async-lower expand --sizes`.\n");
    tail.push_str(&probe_fn(&calls, &walk.rows));
    rooted_edits.push(Edit { range: source.len()..source.len(), text: tail });

    let mut blanks = LowerAttrs::default();
    blanks.visit_file(&parsed);
    let native_edits = blanks.ranges.into_iter().map(|range| Edit { text: blank(&source[range.clone()]), range });
    let rooted = apply(source, rooted_edits.iter().cloned());
    let native = apply(source, rooted_edits.into_iter().chain(native_edits));
    Ok(Modules { native, rooted, rows: walk.rows })
}

/// The items of one module of the user's file, walked for `#[lower]` functions and module
/// paths.
struct Walk<'a> {
    only: Option<&'a str>,
    rows: Vec<Lowered>,
    edits: Vec<Edit>,
}

/// What a module's probe measures: its own functions (index into `rows`, arity), and the
/// child modules whose probes it calls.
#[derive(Default)]
struct Calls {
    own: Vec<(usize, usize)>,
    children: Vec<String>,
}

impl Walk<'_> {
    /// Walks `items` (a module at `prefix`, its file modules relative to `dir`); returns
    /// what its probe must measure.
    fn items(&mut self, items: &[syn::Item], prefix: &str, dir: &Path) -> Calls {
        let mut calls = Calls::default();
        for item in items {
            match item {
                syn::Item::Fn(f) if has_lower(&f.attrs) && self.wanted(&f.sig.ident) => {
                    let measurable = if has_cfg(&f.attrs) { Err("under #[cfg]") } else { measurable(&f.sig) };
                    if let Ok(arity) = measurable {
                        calls.own.push((self.rows.len(), arity));
                    }
                    self.rows.push(Lowered { name: format!("{prefix}{}", f.sig.ident), measurable });
                }
                syn::Item::Impl(imp) => {
                    for item in &imp.items {
                        if let syn::ImplItem::Fn(f) = item
                            && has_lower(&f.attrs)
                            && self.wanted(&f.sig.ident)
                        {
                            let ty = type_name(&imp.self_ty);
                            self.rows.push(Lowered {
                                name: format!("{prefix}{ty}::{}", f.sig.ident),
                                measurable: Err("a method (see the tour or write a call)"),
                            });
                        }
                    }
                }
                syn::Item::Mod(m) => self.module(m, prefix, dir, &mut calls),
                _ => {}
            }
        }
        calls
    }

    fn wanted(&self, name: &syn::Ident) -> bool {
        self.only.is_none_or(|only| name == only)
    }

    fn module(&mut self, m: &syn::ItemMod, prefix: &str, dir: &Path, calls: &mut Calls) {
        let path_attr = m.attrs.iter().find_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s),
                _ => None,
            },
            _ => None,
        });
        let Some((brace, items)) = &m.content else {
            // A file module: make its path absolute. Its items are not walked (the
            // sizes table covers the user's file itself).
            match path_attr {
                Some(lit) => {
                    let path = dir.join(lit.value());
                    self.edits.push(Edit { range: lit.span().byte_range(), text: literal(&path) });
                }
                None => {
                    let name = m.ident.to_string();
                    let name = name.strip_prefix("r#").unwrap_or(&name);
                    let flat = dir.join(format!("{name}.rs"));
                    let path = if flat.exists() { flat } else { dir.join(name).join("mod.rs") };
                    let at = match &m.vis {
                        syn::Visibility::Inherited => m.unsafety.map_or(m.mod_token.span, |u| u.span),
                        syn::Visibility::Public(p) => p.span,
                        syn::Visibility::Restricted(r) => r.pub_token.span,
                    };
                    let at = at.byte_range().start;
                    self.edits.push(Edit { range: at..at, text: format!("#[path = {}] ", literal(&path)) });
                }
            }
            return;
        };
        let dir = match path_attr {
            Some(lit) => dir.join(lit.value()),
            None => dir.join(m.ident.to_string()),
        };
        let first = self.rows.len();
        let inner = self.items(items, &format!("{prefix}{}::", m.ident), &dir);
        if inner.own.is_empty() && inner.children.is_empty() {
            return;
        }
        if has_cfg(&m.attrs) {
            for row in &mut self.rows[first..] {
                row.measurable = Err("under #[cfg]");
            }
            return;
        }
        // The module's probe goes before its closing brace, on the same line.
        let at = brace.span.close().byte_range().start;
        let text = format!(" {}", probe_fn(&inner, &self.rows).replace('\n', " "));
        self.edits.push(Edit { range: at..at, text });
        calls.children.push(m.ident.to_string());
    }
}

/// A module's probe: `(name, size of the returned future)` for its functions and those of
/// its inline modules.
fn probe_fn(calls: &Calls, rows: &[Lowered]) -> String {
    let mut body = String::new();
    for &(row, arity) in &calls.own {
        let name = &rows[row].name;
        let f = name.rsplit("::").next().unwrap_or(name);
        writeln!(body, "__v.push(({name:?}, crate::__async_lower_output_size{arity}({f})));").unwrap();
    }
    for child in &calls.children {
        writeln!(body, "__v.extend({child}::{PROBE}());").unwrap();
    }
    format!(
        "#[doc(hidden)]\npub(crate) fn {PROBE}() -> ::std::vec::Vec<(&'static str, usize)> {{\nlet mut __v = ::std::vec::Vec::new();\n{body}__v\n}}\n"
    )
}

/// The arity of a function whose return type can be named by `output_sizeN(f)`, or why not.
fn measurable(sig: &syn::Signature) -> Result<usize, &'static str> {
    if sig.receiver().is_some() {
        return Err("a method (see the tour or write a call)");
    }
    let generic = sig.generics.params.iter().any(|p| !matches!(p, syn::GenericParam::Lifetime(_)));
    let mut impl_trait = ImplTrait(false);
    for input in &sig.inputs {
        impl_trait.visit_fn_arg(input);
    }
    if generic || impl_trait.0 {
        return Err("generic (see the tour or write a call)");
    }
    if !matches!(sig.safety, syn::Safety::Default) || sig.abi.is_some() || sig.variadic.is_some() {
        return Err("unsafe or extern (write a call)");
    }
    if sig.inputs.len() > MAX_ARITY {
        return Err("more than 6 arguments (write a call)");
    }
    Ok(sig.inputs.len())
}

struct ImplTrait(bool);

impl<'ast> Visit<'ast> for ImplTrait {
    fn visit_type_impl_trait(&mut self, _: &'ast syn::TypeImplTrait) {
        self.0 = true;
    }
}

/// The byte ranges of every `#[lower]`/`#[async_lower::lower(..)]` attribute.
#[derive(Default)]
struct LowerAttrs {
    ranges: Vec<Range<usize>>,
}

impl<'ast> Visit<'ast> for LowerAttrs {
    fn visit_attribute(&mut self, attr: &'ast syn::Attribute) {
        if is_lower(attr) {
            let start = attr.pound_token.span.byte_range().start;
            let end = attr.bracket_token.span.close().byte_range().end;
            self.ranges.push(start..end);
        }
    }
}

fn is_lower(attr: &syn::Attribute) -> bool {
    attr.path().segments.last().is_some_and(|s| s.ident == "lower")
}

fn has_lower(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(is_lower)
}

fn has_cfg(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("cfg"))
}

/// The last segment of a `Self` type, for the table.
fn type_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map_or("_".into(), |s| s.ident.to_string()),
        _ => "_".into(),
    }
}

/// `text` with every character but line breaks turned into a space.
fn blank(text: &str) -> String {
    text.chars().map(|c| if c == '\n' || c == '\r' { c } else { ' ' }).collect()
}

/// A string literal for `path`.
fn literal(path: &Path) -> String {
    format!("{:?}", path.to_string_lossy())
}

fn apply(source: &str, edits: impl IntoIterator<Item = Edit>) -> String {
    let mut edits: Vec<Edit> = edits.into_iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.range.start, e.range.end)));
    let mut out = source.to_string();
    for edit in edits {
        out.replace_range(edit.range, &edit.text);
    }
    out
}

/// The size helpers, one per arity: the size of `F`'s return type, `F` never called.
fn helpers() -> String {
    let mut out = String::new();
    for arity in 0..=MAX_ARITY {
        let args: Vec<String> = (0..arity).map(|i| format!("A{i}")).collect();
        let list = args.join(", ");
        let params = args.iter().map(|a| format!("{a}, ")).collect::<String>();
        writeln!(
            out,
            "fn __async_lower_output_size{arity}<F: FnOnce({list}) -> R, {params}R>(_: F) -> usize {{ ::std::mem::size_of::<R>() }}"
        )
        .unwrap();
    }
    out
}

const MAIN: &str = r#"// Generated by `async-lower expand --sizes`: overwritten on every run.
#![allow(warnings)]

#[path = "native.rs"]
mod native;
#[path = "enum_layout.rs"]
mod enum_layout;
#[path = "fields_layout.rs"]
mod fields_layout;

fn main() {
    let native = native::__async_lower_sizes();
    let enum_layout = enum_layout::__async_lower_sizes();
    let fields_layout = fields_layout::__async_lower_sizes();
    for (((name, n), (_, e)), (_, f)) in native.into_iter().zip(enum_layout).zip(fields_layout) {
        println!("{name}\t{n}\t{e}\t{f}");
    }
}

"#;

/// The probe's own crate is built as in release (the layout of a native `async fn` depends
/// on the MIR optimizations), and so are the runtime's futures. The compiler crates, which
/// the facade links but the probe never calls, get the settings of the proc-macro build
/// (cargo's build-override defaults) so that cargo builds them once, not twice: the first
/// build takes seconds, not minutes.
const PROFILE: &str = "
# Not part of the repository's workspace.
[workspace]

[profile.release.build-override]
opt-level = 0
codegen-units = 256
debug = false
";

/// The crates built once for the proc macro and the facade (see [`PROFILE`]).
const COMPILER_CRATES: [&str; 6] = ["async-lower-core", "syn", "quote", "proc-macro2", "unicode-ident", "prettyplease"];

/// Where the probe project lives.
fn project_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("ASYNC_LOWER_SIZES_DIR") {
        return PathBuf::from(dir);
    }
    let in_repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("async-lower-sizes");
    if std::fs::create_dir_all(in_repo.join("src")).is_ok() {
        return in_repo;
    }
    std::env::temp_dir().join("async-lower-sizes")
}

/// Writes `path` unless it already holds `contents` (an unchanged file is not rebuilt).
fn write(path: &Path, contents: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    std::fs::write(path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn build_and_run(
    native: &str,
    enum_layout: &str,
    fields_layout: &str,
    extra_deps: Vec<&str>,
) -> Result<Vec<(String, usize, usize, usize)>, String> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !repo.join("Cargo.toml").exists() {
        return Err(format!(
            "--sizes builds your file against this repository, which is no longer at {} (run it from a clone: `cargo run -- expand FILE --sizes`)",
            repo.display()
        ));
    }
    let dir = project_dir();
    let src = dir.join("src");
    std::fs::create_dir_all(&src).map_err(|e| format!("cannot create {}: {e}", src.display()))?;
    let mut manifest = format!(
        "# Generated by `async-lower expand --sizes`: overwritten on every run.\n\
         [package]\nname = \"async-lower-sizes\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nasync-lower = {{ path = {} }}\n",
        literal(repo)
    );
    for krate in extra_deps {
        // The facade's dev-dependencies, at the versions of its Cargo.lock.
        manifest.push_str(match krate {
            "tokio" => "tokio = { version = \"1\", features = [\"rt\", \"rt-multi-thread\", \"macros\", \"sync\", \"time\"] }\n",
            _ => "futures = \"0.3\"\n",
        });
    }
    manifest.push_str(PROFILE);
    for krate in COMPILER_CRATES {
        writeln!(manifest, "\n[profile.release.package.{krate}]\nopt-level = 0\ncodegen-units = 256").unwrap();
    }
    write(&dir.join("Cargo.toml"), &manifest)?;
    if let Ok(lock) = std::fs::read_to_string(repo.join("Cargo.lock")) {
        // Every locked version, so that cargo resolves nothing anew.
        write(&dir.join("Cargo.lock"), &lock)?;
    }
    write(&src.join("main.rs"), &format!("{MAIN}{}", helpers()))?;
    write(&src.join("native.rs"), native)?;
    write(&src.join("enum_layout.rs"), enum_layout)?;
    write(&src.join("fields_layout.rs"), fields_layout)?;

    let target = dir.join("target");
    if !target.join("release").exists() {
        eprintln!(
            "async-lower: --sizes: building {} (the first time builds async-lower: seconds to a minute)",
            dir.display()
        );
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["run", "--release", "-q", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&output.stderr).trim_end());
        return Err(format!(
            "--sizes: the probe project in {} does not build or run (cargo's output above). \
             Your file must compile on its own, as a module, with std and async_lower only \
             (tokio and futures are added when it names them). src/native.rs is your file \
             without its #[lower] attributes, at the same lines; src/enum_layout.rs and \
             src/fields_layout.rs are its two expansions.",
            dir.display()
        ));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            let name = parts.next()?.to_string();
            let mut size = || parts.next()?.parse::<usize>().ok();
            Some((name, size()?, size()?, size()?))
        })
        .map(Ok)
        .collect()
}
