//! Items declared in the body (`fn`, `struct`, `const`, `use`, `thread_local!`, ..) move
//! out of it, to the top of the lowered function: the body is cut at each await into arms,
//! and an item left in one arm could not be named from another. An item has no place in
//! the evaluation order (it is visible in its whole block), so only its scope can change.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::BTreeMap;
use syn::visit_mut::VisitMut;
use syn::{Block, Item, Stmt};

/// Takes the items out of `body`, in order: those of its own statements, and those of an
/// inner block (a block expression, a loop's or an arm's body) whose names are unique in
/// the function and named nowhere outside that block, so that the wider scope changes
/// nothing. (Not inside closures, `async` blocks or items, which are not cut.)
pub fn hoist(body: &mut Block) -> Vec<Item> {
    let makers = item_macros(body);
    let item_of = |s: &Stmt| item_of(s, &makers);
    let mut items = Vec::new();
    body.stmts.retain(|s| match item_of(s) {
        Some(item) => {
            items.push(item);
            false
        }
        None => true,
    });
    let mut counts = BTreeMap::new();
    crate::util::count_idents(&body.to_token_stream(), &mut counts);
    for item in &items {
        crate::util::count_idents(&item.to_token_stream(), &mut counts);
    }
    let mut inner = Inner { counts, makers, items: Vec::new() };
    for stmt in &mut body.stmts {
        inner.visit_stmt_mut(stmt);
    }
    items.extend(inner.items);
    items
}

/// A statement that is an item: a declaration, or a macro call that makes items
/// (`thread_local! { static X: .. }`, a `makers` one).
fn item_of(stmt: &Stmt, makers: &[String]) -> Option<Item> {
    match stmt {
        Stmt::Item(item) => Some(item.clone()),
        Stmt::Macro(m) if m.mac.path.is_ident("thread_local") || makers.iter().any(|n| m.mac.path.is_ident(n)) => {
            Some(Item::Macro(syn::ItemMacro { attrs: m.attrs.clone(), ident: None, mac: m.mac.clone(), semi_token: m.semi_token }))
        }
        _ => None,
    }
}

/// The names an item declares, or `None` where they cannot be read (a glob `use`, a
/// macro call other than `thread_local!`): such a block keeps its items.
fn names(item: &Item) -> Option<Vec<String>> {
    let one = |i: &syn::Ident| Some(vec![i.to_string()]);
    match item {
        Item::Fn(f) => one(&f.sig.ident),
        Item::Struct(s) => one(&s.ident),
        Item::Enum(e) => one(&e.ident),
        Item::Union(u) => one(&u.ident),
        Item::Const(c) => one(&c.ident),
        Item::Static(s) => one(&s.ident),
        Item::Type(t) => one(&t.ident),
        Item::Trait(t) => one(&t.ident),
        Item::Mod(m) => one(&m.ident),
        Item::Impl(_) => Some(Vec::new()),
        Item::Use(u) => use_names(&u.tree),
        Item::Macro(m) if m.mac.path.is_ident("thread_local") => {
            // `static NAME: T = ..;` each.
            let tokens: Vec<TokenTree> = m.mac.tokens.clone().into_iter().collect();
            Some(
                tokens
                    .windows(2)
                    .filter_map(|w| match w {
                        [TokenTree::Ident(s), TokenTree::Ident(n)] if s == "static" => Some(n.to_string()),
                        _ => None,
                    })
                    .collect(),
            )
        }
        Item::Macro(m) => m.ident.as_ref().and_then(one),
        _ => None,
    }
}

/// The `macro_rules!` of the body's own statements whose every rule makes items
/// (`() => { fn one() -> u32 { 1 } }`): a call of one at a statement is an item.
fn item_macros(body: &Block) -> Vec<String> {
    const ITEM_WORDS: &[&str] =
        &["fn", "struct", "enum", "union", "const", "static", "type", "trait", "impl", "mod", "use", "pub", "macro_rules"];
    let makes_items = |rules: &TokenStream| {
        let tokens: Vec<TokenTree> = rules.clone().into_iter().collect();
        // `(matcher) => { transcriber }`, each: the group after each `=>`.
        let transcribers: Vec<&proc_macro2::Group> = tokens
            .windows(3)
            .filter_map(|w| match w {
                [TokenTree::Punct(eq), TokenTree::Punct(gt), TokenTree::Group(g)] if eq.as_char() == '=' && gt.as_char() == '>' => Some(g),
                _ => None,
            })
            .collect();
        !transcribers.is_empty()
            && transcribers.iter().all(|g| {
                // (Past `#[attr]`s.)
                let first = g.stream().into_iter().find(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == '#') && !matches!(t, TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Bracket));
                matches!(first, Some(TokenTree::Ident(i)) if ITEM_WORDS.contains(&i.to_string().as_str()))
            })
    };
    body.stmts
        .iter()
        .filter_map(|s| match s {
            Stmt::Item(Item::Macro(m)) if m.mac.path.is_ident("macro_rules") && makes_items(&m.mac.tokens) => {
                m.ident.as_ref().map(|i| i.to_string())
            }
            _ => None,
        })
        .collect()
}

fn use_names(tree: &syn::UseTree) -> Option<Vec<String>> {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree),
        syn::UseTree::Name(n) => Some(vec![n.ident.to_string()]),
        syn::UseTree::Rename(r) => Some(vec![r.rename.to_string()]),
        syn::UseTree::Glob(_) => None,
        syn::UseTree::Group(g) => g.items.iter().map(use_names).collect::<Option<Vec<_>>>().map(|n| n.concat()),
    }
}

/// The inner blocks' items that can move out (see [`hoist`]).
struct Inner {
    /// How often each identifier occurs in the whole function.
    counts: BTreeMap<String, usize>,
    /// The body's item-making macros (see [`item_macros`]).
    makers: Vec<String>,
    items: Vec<Item>,
}

impl VisitMut for Inner {
    fn visit_block_mut(&mut self, block: &mut Block) {
        syn::visit_mut::visit_block_mut(self, block);
        let found: Vec<Item> = block.stmts.iter().filter_map(|s| item_of(s, &self.makers)).collect();
        if found.is_empty() {
            return;
        }
        let Some(names) = found.iter().map(names).collect::<Option<Vec<_>>>().map(|n| n.concat()) else {
            return;
        };
        // (`_` of `use Trait as _` and `const _` name nothing.)
        let names: Vec<String> = names.into_iter().filter(|n| n != "_").collect();
        let mut here = BTreeMap::new();
        crate::util::count_idents(&block.to_token_stream(), &mut here);
        let unique = names.iter().enumerate().all(|(i, n)| !names[..i].contains(n));
        let only_here = names.iter().all(|n| here.get(n) == self.counts.get(n));
        if unique && only_here {
            block.stmts.retain(|s| item_of(s, &self.makers).is_none());
            self.items.extend(found);
        }
    }
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_item_mut(&mut self, _: &mut Item) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(items: &[Item]) -> Vec<String> {
        items.iter().map(|i| names(i).unwrap_or_default().join(",")).collect()
    }

    #[test]
    fn inner_blocks_give_up_their_items_unless_a_name_is_shared() {
        let mut body: Block = syn::parse_quote!({
            const TOP: u32 = 1;
            let a = { fn one() -> u32 { 1 } x.await; one() };
            for i in 0..3 { use std::fmt::Write as _; struct P; impl P {} }
            let b = { fn pick() -> u32 { 1 } pick() };
            let c = { fn pick() -> u32 { 2 } pick() };
            thread_local! { static DEPTH: u32 = 0; }
        });
        let items = hoist(&mut body);
        assert_eq!(names_of(&items), ["TOP", "DEPTH", "one", "_", "P", ""]);
        // (The two `pick`s stay in their blocks.)
        let left = body.to_token_stream().to_string();
        assert_eq!(left.matches("fn pick").count(), 2);
        assert!(!left.contains("fn one") && !left.contains("thread_local"));
    }

    #[test]
    fn a_call_of_an_item_making_macro_is_an_item() {
        let mut body: Block = syn::parse_quote!({
            macro_rules! make { () => { fn one() -> u32 { 1 } }; }
            macro_rules! twice { ($e:expr) => { $e + $e }; }
            make!();
            let v = twice!(1);
            x.await;
        });
        let items = hoist(&mut body);
        assert_eq!(items.len(), 3);
        assert!(body.to_token_stream().to_string().contains("twice !"));
    }
}
