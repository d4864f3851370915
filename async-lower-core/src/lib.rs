//! The async-lower compiler as a plain library over `proc_macro2::TokenStream`.
//!
//! Stages, each in its own folder:
//! - `parse`: the attribute's options and the annotated function;
//! - `normalize`: spill awaits out of expressions so each one stands where the machine can
//!   stop, desugar loops that await, rewrite `return`, `?` and `self`;
//! - `analyze`: scopes, mentions and moves: which locals live across which await;
//! - `layout`: the state enum (a variant per suspension point, its fields), or the C#-style
//!   struct of `layout = "fields"`;
//! - `emit`: the resume closure, the builder calls and the borrow-check shadow.

use proc_macro2::TokenStream;
use quote::quote;

pub use graph::{GraphFormat, graph};
pub use parse::LayoutKind as Layout;

mod analyze;
mod emit;
mod graph;
mod layout;
mod normalize;
mod parse;
mod util;

/// Entry point of the `#[lower]` attribute. Never panics: bad input becomes a
/// `compile_error!` on the offending span, with the original item still emitted so that
/// IDEs keep working.
pub fn lower(args: TokenStream, item: TokenStream) -> TokenStream {
    lower_in(args, item, None)
}

/// As [`lower`], for a function of the file `source` ([`expand`]); `None`: the file the
/// item's span names (the attribute's case).
fn lower_in(args: TokenStream, item: TokenStream, source: Option<&str>) -> TokenStream {
    // A bug of ours must not become a panic of the macro: report it on the item instead.
    let original = item.clone();
    match std::panic::catch_unwind(move || lower_checked(args, item, source)) {
        Ok(tokens) => tokens,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let error = syn::Error::new(
                proc_macro2::Span::call_site(),
                format!(
                    "async-lower: internal error while lowering this function ({message}); \
                     please report it with the function's source. Remove `#[lower]` to use the native `async fn`."
                ),
            );
            with_errors(vec![error], original)
        }
    }
}

fn lower_checked(args: TokenStream, item: TokenStream, source: Option<&str>) -> TokenStream {
    let options: parse::Options = match syn::parse2(args) {
        Ok(o) => o,
        Err(e) => return with_errors(vec![e], item),
    };
    let f = match parse::function(item.clone()) {
        Ok(f) => f,
        Err(e) => return with_errors(vec![e], item),
    };
    // What the file says of the receivers of the methods the body awaits.
    let name = &f.sig.ident;
    let (line, text) = (name.span().start().line, name.to_string());
    let declared = match source {
        Some(source) => analyze::receivers::around(source, &text, line),
        None => analyze::receivers::around_file(name.span(), &text, line),
    };
    match analyze::receivers::with(declared, || emit::function::lower_fn(&options, &f)) {
        Ok(tokens) => tokens,
        Err(errors) => with_errors(errors, item),
    }
}

fn with_errors(errors: Vec<syn::Error>, item: TokenStream) -> TokenStream {
    let errors = errors.into_iter().map(|e| e.to_compile_error());
    quote!(#(#errors)* #item)
}

/// An error from [`expand`].
#[derive(Debug)]
pub struct ExpandError(pub String);

impl std::fmt::Display for ExpandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExpandError {}

/// Lowers every `#[lower]` function in `source` (free functions, methods in `impl` blocks,
/// inside modules) and returns the whole file, formatted with prettyplease.
pub fn expand(source: &str) -> Result<String, ExpandError> {
    expand_with(source, None, None)
}

/// As [`expand`], keeping only the function `name` (a free function or a method).
pub fn expand_fn(source: &str, name: &str) -> Result<String, ExpandError> {
    expand_with(source, Some(name), None)
}

/// As [`expand`] (or [`expand_fn`] with `name`), with every function in `layout` whatever
/// its attribute says: to see one function in both layouts.
pub fn expand_with(
    source: &str,
    name: Option<&str>,
    layout: Option<Layout>,
) -> Result<String, ExpandError> {
    let mut file: syn::File =
        syn::parse_str(source).map_err(|e| ExpandError(format!("cannot parse the source: {e}")))?;
    expand_items(&mut file.items, layout, source)?;
    let Some(name) = name else {
        return print(&file);
    };
    let mut kept = Vec::new();
    keep_fn(file.items, name, &mut kept);
    if kept.is_empty() {
        return Err(ExpandError(format!(
            "there is no function `{name}` in the file"
        )));
    }
    // Functions of that name that were not lowered (a hand-written twin beside the
    // annotated one) are left out when a lowered one is there.
    let lowered = |item: &syn::Item| quote!(#item).to_string().contains("__private");
    if kept.iter().any(lowered) {
        kept.retain(lowered);
    }
    file.items = kept;
    file.attrs.clear();
    print(&file)
}

/// Formats the code. prettyplease panics on syntax it has no printer for (`fn f();` at the
/// top level, `box` patterns): that is an error of the input here, not a crash.
fn print(file: &syn::File) -> Result<String, ExpandError> {
    // prettyplease 0.3 prints the `..` of a struct expression only with a base after it,
    // and `P { x, .. } = p;` (destructuring assignment) has none: an empty one keeps it.
    struct KeepRest;
    impl syn::visit_mut::VisitMut for KeepRest {
        fn visit_expr_struct_mut(&mut self, e: &mut syn::ExprStruct) {
            syn::visit_mut::visit_expr_struct_mut(self, e);
            if e.dot2_token.is_some() && e.rest.is_none() {
                e.rest = Some(Box::new(syn::Expr::Verbatim(TokenStream::new())));
            }
        }
    }
    let mut file = file.clone();
    syn::visit_mut::VisitMut::visit_file_mut(&mut KeepRest, &mut file);
    let file = &file;
    std::panic::catch_unwind(|| prettyplease::unparse(file))
        .map(|code| annotate(&code))
        .map_err(|e| {
            let why = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            ExpandError(format!("cannot format this source (prettyplease: {why}); is it valid Rust?"))
        })
}

fn keep_fn(items: Vec<syn::Item>, name: &str, out: &mut Vec<syn::Item>) {
    for item in items {
        match item {
            syn::Item::Fn(f) if f.sig.ident == name => out.push(syn::Item::Fn(f)),
            syn::Item::Impl(mut imp) => {
                imp.items
                    .retain(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == name));
                if !imp.items.is_empty() {
                    out.push(syn::Item::Impl(imp));
                }
            }
            syn::Item::Mod(m) => {
                if let Some((_, content)) = m.content {
                    keep_fn(content, name, out);
                }
            }
            _ => {}
        }
    }
}

/// Comments a reader of the expansion needs and `cargo expand` cannot show (a token stream
/// carries no comments): why each `unsafe` block is sound.
fn annotate(code: &str) -> String {
    const WHY: &[(&str, &str)] = &[
        (
            "detach(",
            "SAFETY: the state is pinned inside the machine; this reborrow does not outlive the poll, and nothing that holds a live awaiter is moved.",
        ),
        (
            "park(",
            "SAFETY: the state is `Running` here (the body is running), which owns nothing: it is overwritten without a drop.",
        ),
        (
            "poll_in_place(",
            "SAFETY: the awaiter was built in place in the pinned state and has not moved since.",
        ),
        (
            "move_out(",
            "SAFETY: the awaiter of this state completed and was dropped in place; each parked local is moved out once, and nothing runs before the state is marked `Running`.",
        ),
        (
            "vacate(",
            "SAFETY: every value this state held was moved out: marking it `Running` drops nothing.",
        ),
        (
            "split_frame(",
            "SAFETY: the frame is pinned; the state and the slots are projected, never moved.",
        ),
        (
            "fill(",
            "SAFETY: a slot of the pinned frame: the local lives there, unmoved, until its scope ends.",
        ),
        (
            "__rt::open",
            "SAFETY: a slot of the pinned frame, opened empty: the handle is used only after an assignment fills it.",
        ),
        (
            "peek(",
            "SAFETY: the slot was filled before this suspension (if a move emptied it, the local is never used again).",
        ),
        (
            "move_field(",
            "SAFETY: the field's bit keeps it from being dropped again; natively (the shadow checks it) a moved field is not read again until it is assigned.",
        ),
        (
            "put_back(",
            "SAFETY: the value is the field's own bits, read out by `move_field` to be matched; an arm that binds nothing leaves them in place.",
        ),
        (
            "left_in_place(",
            "SAFETY: the tuple holds the parts of the copy that the arm's pattern does not bind; the local keeps them in place, and the arm's bit forgets only what it bound.",
        ),
        (
            "move_whole(",
            "SAFETY: the whole bit keeps the value from being dropped again; natively (the shadow checks it) a moved local is not used again until it is assigned.",
        ),
        (
            "Pin::new_unchecked(",
            "SAFETY: `pin!`: the value is a local that is never moved again (a frame slot if it lives across an await).",
        ),
    ];
    let mut out = String::with_capacity(code.len() + code.len() / 8);
    let mut pending_unsafe = false;
    let mut starting = false;
    for line in code.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        if trimmed.contains("::core::ops::Not::not(") || trimmed.contains("::core::ops::Neg::neg(") {
            out.push_str(&format!(
                "{indent}// `!x.await` (or `-x.await`) as the trait call it is: rustc would take the operator on a\n\
                 {indent}// value whose type it does not know yet for the built-in one, whose output is its operand's.\n"
            ));
        }
        if trimmed.starts_with("fn __as_output<") {
            out.push_str(&format!(
                "{indent}// The output names `impl Trait`, which a `let` cannot: the body's value goes through this\n\
                 {indent}// identity function, whose bounds give it the expectation the native return type gives.\n"
            ));
        }
        if trimmed.starts_with("let __awaiter = __rt::IntoFuture::into_future(") {
            out.push_str(&format!(
                "{indent}// Built before the locals are parked: its operand reads a borrow of one of them, which
                 {indent}// parking would move.
"
            ));
        }
        if trimmed.starts_with("__rt::shadow::<") {
            out.push_str(&format!(
                "{indent}// The borrow-check shadow: the original body, never run. rustc checks its borrows (and\n\
                 {indent}// reports its errors) exactly as for the native `async fn`.\n"
            ));
        }
        if let Some(k) = trimmed
            .strip_prefix("'await")
            .and_then(|rest| rest.strip_suffix(": {"))
            .filter(|k| k.chars().all(|c| c.is_ascii_digit()))
        {
            out.push_str(&format!(
                "{indent}// `break 'await{k}` lands after this block, at the code that polls await {k} (C#: a `goto`).\n"
            ));
        }
        if trimmed.starts_with("match unsafe { __rt::detach(__state.as_mut()) } {")
            || trimmed.starts_with("match __state.state {")
        {
            out.push_str(&format!(
                "{indent}// Where this poll starts (C#: `switch (<>1__state)`): `Start` runs the body, a waiting state jumps to its await.\n"
            ));
        }
        // A local declared again, typed by its witness (see `Emitter::rebind`).
        if trimmed == "if false {" {
            out.push_str(&format!(
                "{indent}// Never runs: gives the local declared again above the type it had before the await, which\n\
                 {indent}// the assignment that comes next would not coerce to (`&mut Box<T>` to `&mut T`).\n"
            ));
        }
        // A `&mut` binding matched again where the code resumes (see `analyze::Rederived`).
        if trimmed == "#[allow(unreachable_patterns, irrefutable_let_patterns)]" {
            out.push_str(&format!(
                "{indent}// Matched again from the reference it came from, parked in its place: parked beside it, the\n\
                 {indent}// binding's borrow would last as long as the machine. Natively nothing else can change the\n\
                 {indent}// matched place while the binding lives.\n"
            ));
        }
        // `let x = x;`: looks like nothing, moves a resumed local into the block that owns it.
        if let Some(rest) = trimmed.strip_prefix("let ") {
            let rest = rest.strip_prefix("mut ").unwrap_or(rest);
            if let Some((name, value)) = rest.strip_suffix(';').and_then(|r| r.split_once(" = ")) {
                if name == "__output" && value == "__output" {
                    out.push_str(&format!(
                        "{indent}// Declared again after the slot guards: the awaited value drops before them, as a native temporary drops before the locals (it may point into a slot).\n"
                    ));
                } else if name == value && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    out.push_str(&format!(
                        "{indent}// Moves `{name}` into this block: it drops at the block's end, as in the source.\n"
                    ));
                }
            }
        }
        // A `match` took a drop-flag local out of its slot; this arm binds nothing.
        if let Some(guard) = trimmed.strip_prefix("let _ = __slot_").and_then(|r| r.strip_suffix(".set(__whole);")) {
            out.push_str(&format!(
                "{indent}// This arm binds nothing: natively the value stays in `{guard}`, so it goes back into its slot.
"
            ));
        }
        if trimmed.contains("into_future(async move {") {
            out.push_str(&format!(
                "{indent}// Awaited inside an `async move` block, which owns the call's temporaries (a receiver the method may take or only borrow, a closure lent to it) until the await ends.\n"
            ));
        }
        if trimmed.starts_with("let __output = __rt::infer_output(") {
            out.push_str(&format!(
                "{indent}// Never runs (it follows the jump): the rest of this statement and block up to the next await,\n\
                 {indent}// for type inference only. This arm goes on after the loop or branch, and rustc must meet the\n\
                 {indent}// types fixed here (say, a `push`) before it meets that code, as in the source.\n"
            ));
        }
        if trimmed.starts_with("let _ = &") && trimmed.contains('[') {
            out.push_str(&format!(
                "{indent}// Checks the index where native code indexes, before the await; the place is reached after it.
"
            ));
        }
        if trimmed.starts_with("let ") && trimmed.split_once(" = ").is_some_and(|(pat, _)| pat.contains("__assign0")) {
            out.push_str(&format!(
                "{indent}// A destructuring assignment, as rustc desugars it: the pattern binds fresh names, then each\n\
                 {indent}// place is assigned (`a = ..` refills a local kept in a frame slot).\n"
            ));
        }
        if let Some((name, _)) = trimmed
            .strip_prefix("let mut ")
            .and_then(|rest| rest.split_once(" = __rt::Partial::"))
        {
            out.push_str(&format!(
                "{indent}// `{name}` has parts read out as values (fields, or what a `match` arm binds) where it cannot be\n\
                 {indent}// left partly moved (parked across an await, or in a frame slot): it is held whole, with a bit\n\
                 {indent}// per part read out. At its scope's end the closure forgets the parts whose bits are set, and\n\
                 {indent}// the rest drops (rustc's per-field drop flags).\n"
            ));
        }
        // The `Start` arm moves the arguments out: no awaiter exists yet.
        if line.contains("::Start {") {
            starting = true;
        }
        // (With no arguments the arm moves nothing out: the next `move_out` is a resume's.)
        if line.contains("vacate(") {
            starting = false;
        }
        if starting && line.contains("move_out(") {
            out.push_str(&format!(
                "{indent}// SAFETY: nothing has run yet: the state holds only the arguments, each moved out once.\n"
            ));
            out.push_str(line);
            out.push('\n');
            starting = false;
            pending_unsafe = false;
            continue;
        }
        if line.contains("unsafe {") || pending_unsafe {
            // prettyplease may break `unsafe {` and the call over two lines.
            match WHY.iter().find(|(call, _)| line.contains(call)) {
                Some((_, why)) => {
                    out.push_str(&format!("{indent}// {why}\n"));
                    pending_unsafe = false;
                }
                None => {
                    // `unsafe { (move_out(a), move_out(b)) }` opens a tuple first.
                    pending_unsafe = line.trim_end().ends_with("unsafe {")
                        || (pending_unsafe && line.trim() == "(")
                }
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The `#[lower]` attribute among `attrs` (by its last path segment), removed, with its arguments.
fn take_lower_attr(attrs: &mut Vec<syn::Attribute>) -> Option<TokenStream> {
    let i = attrs
        .iter()
        .position(|a| a.path().segments.last().is_some_and(|s| s.ident == "lower"))?;
    let attr = attrs.remove(i);
    Some(match attr.meta {
        syn::Meta::List(list) => list.tokens,
        _ => TokenStream::new(),
    })
}

/// The attribute's arguments with `layout = ".."` replaced by `layout`.
fn with_layout(args: TokenStream, layout: Option<Layout>) -> TokenStream {
    let Some(layout) = layout else { return args };
    let value = match layout {
        Layout::Enum => "enum",
        Layout::Fields => "fields",
    };
    // Options are `key = value` separated by top-level commas.
    let mut options: Vec<Vec<proc_macro2::TokenTree>> = vec![Vec::new()];
    for t in args {
        match &t {
            proc_macro2::TokenTree::Punct(p) if p.as_char() == ',' => options.push(Vec::new()),
            _ => options.last_mut().expect("one option at least").push(t),
        }
    }
    options.retain(|o| {
        !o.is_empty() && !matches!(o.first(), Some(proc_macro2::TokenTree::Ident(i)) if i == "layout")
    });
    let options = options.into_iter().map(|o| quote!(#(#o)*));
    quote!(#(#options,)* layout = #value)
}

fn expand_items(items: &mut Vec<syn::Item>, layout: Option<Layout>, source: &str) -> Result<(), ExpandError> {
    let mut out = Vec::with_capacity(items.len());
    for mut item in items.drain(..) {
        match &mut item {
            syn::Item::Fn(f) => {
                if let Some(args) = take_lower_attr(&mut f.attrs) {
                    let lowered = lower_in(with_layout(args, layout), quote!(#f), Some(source));
                    let file: syn::File =
                        syn::parse2(lowered).map_err(|e| ExpandError(format!("internal: {e}")))?;
                    out.extend(file.items);
                    continue;
                }
            }
            syn::Item::Impl(imp) => {
                let mut new_items = Vec::new();
                for mut impl_item in imp.items.drain(..) {
                    if let syn::ImplItem::Fn(f) = &mut impl_item {
                        if let Some(args) = take_lower_attr(&mut f.attrs) {
                            let lowered = lower_in(with_layout(args, layout), quote!(#f), Some(source));
                            let parsed: ImplItems = syn::parse2(lowered.clone())
                                .map_err(|e| ExpandError(format!("internal: {e}: {lowered}")))?;
                            new_items.extend(parsed.0);
                            continue;
                        }
                    }
                    new_items.push(impl_item);
                }
                imp.items = new_items;
            }
            syn::Item::Mod(m) => {
                if let Some((_, content)) = &mut m.content {
                    expand_items(content, layout, source)?;
                }
            }
            _ => {}
        }
        out.push(item);
    }
    *items = out;
    Ok(())
}

struct ImplItems(Vec<syn::ImplItem>);

impl syn::parse::Parse for ImplItems {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let mut v = Vec::new();
        while !input.is_empty() {
            v.push(input.parse()?);
        }
        Ok(ImplItems(v))
    }
}
