//! The state diagram of a lowered function, read off the generated code (enum layout): the
//! `Start` arm of the resume closure's `match` and the code after each `'awaitN` block are
//! the states; a suspension it can reach (`park(.., X::AwaitN { .. })`) is an edge, and so
//! is a return (`Poll::Ready`, including `?` and `return`).

use crate::ExpandError;
use quote::ToTokens;
use std::collections::BTreeSet;
use syn::visit::Visit;

/// Output formats of [`graph`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// Mermaid `stateDiagram-v2`.
    Mermaid,
    /// Graphviz `dot`.
    Dot,
}

struct State {
    name: String,
    label: String,
    edges: BTreeSet<String>,
}

/// The state diagram of the `#[lower]` function `fn_name` in `source`.
pub fn graph(source: &str, fn_name: &str, format: GraphFormat) -> Result<String, ExpandError> {
    let expanded = crate::expand_with(source, Some(fn_name), Some(crate::Layout::Enum))?;
    let file: syn::File =
        syn::parse_str(&expanded).map_err(|e| ExpandError(format!("internal: {e}")))?;
    let mut finder = FindFn {
        name: fn_name,
        found: None,
    };
    finder.visit_file(&file);
    let f = finder
        .found
        .ok_or_else(|| ExpandError(format!("no lowered function `{fn_name}` in the file")))?;

    // Variant names and their doc lines, from the state enum.
    let mut states: Vec<State> = Vec::new();
    let mut enum_name = String::new();
    for stmt in &f.block.stmts {
        if let syn::Stmt::Item(syn::Item::Enum(e)) = stmt {
            enum_name = e.ident.to_string();
            for v in &e.variants {
                if v.ident == "Running" {
                    continue;
                }
                let doc = v
                    .attrs
                    .iter()
                    .find_map(|a| match &a.meta {
                        syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                            syn::Expr::Lit(syn::ExprLit {
                                lit: syn::Lit::Str(s),
                                ..
                            }) => Some(s.value()),
                            _ => None,
                        },
                        _ => None,
                    })
                    .unwrap_or_default();
                states.push(State {
                    name: v.ident.to_string(),
                    label: short_label(&doc),
                    edges: BTreeSet::new(),
                });
            }
        }
    }
    if enum_name.is_empty() {
        return Err(ExpandError(format!(
            "`{fn_name}` was not lowered (is it `#[lower] async fn`?)"
        )));
    }

    // Edges, from the arms of the resume closure's `match`.
    let mut arms = FindArms {
        enum_name: &enum_name,
        arms: Vec::new(),
    };
    arms.visit_block(&f.block);
    // `'awaitN` labels number the awaits; the states after `Start` are in that order.
    for (state, _) in &mut arms.arms {
        if let Some(k) = state.strip_prefix("'await").and_then(|k| k.parse::<usize>().ok()) {
            if let Some(s) = states.get(k + 1) {
                *state = s.name.clone();
            }
        }
    }
    for (state, body) in arms.arms {
        let mut edges = Edges {
            enum_name: &enum_name,
            edges: BTreeSet::new(),
        };
        edges.visit_expr(&body);
        if let Some(s) = states.iter_mut().find(|s| s.name == state) {
            s.edges = edges.edges;
        }
    }
    Ok(match format {
        GraphFormat::Mermaid => mermaid(fn_name, &states),
        GraphFormat::Dot => dot(fn_name, &states),
    })
}

fn short_label(doc: &str) -> String {
    let doc = doc.trim();
    let cut = doc.find("; holds").unwrap_or(doc.len());
    doc[..cut].trim_end_matches('.').replace('"', "'")
}

fn mermaid(fn_name: &str, states: &[State]) -> String {
    let mut out = format!("%% state diagram of `{fn_name}`\nstateDiagram-v2\n    [*] --> Start\n");
    for s in states {
        out.push_str(&format!("    {}: {}\n", s.name, s.label.replace(':', " -")));
    }
    for s in states {
        for e in &s.edges {
            out.push_str(&format!("    {} --> {}\n", s.name, e));
        }
    }
    out.push_str("    Returned --> [*]\n");
    out
}

fn dot(fn_name: &str, states: &[State]) -> String {
    let mut out = format!("digraph \"{fn_name}\" {{\n    rankdir=TB;\n    node [shape=box];\n");
    for s in states {
        out.push_str(&format!(
            "    {} [label=\"{}\\n{}\"];\n",
            s.name,
            s.name,
            s.label.replace('"', "'")
        ));
    }
    out.push_str("    Returned [shape=doublecircle];\n");
    for s in states {
        for e in &s.edges {
            out.push_str(&format!("    {} -> {};\n", s.name, e));
        }
    }
    out.push_str("}\n");
    out
}

struct FindFn<'a> {
    name: &'a str,
    found: Option<syn::ItemFn>,
}

impl<'ast> Visit<'ast> for FindFn<'_> {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if f.sig.ident == self.name && self.found.is_none() {
            self.found = Some(f.clone());
        }
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if f.sig.ident == self.name && self.found.is_none() {
            self.found = Some(syn::ItemFn {
                attrs: f.attrs.clone(),
                vis: f.vis.clone(),
                sig: f.sig.clone(),
                block: Box::new(f.block.clone()),
                modifiers: Default::default(),
            });
        }
    }
}

/// The `XState::Start { .. } => body` arm of the resume closure, and the code that follows
/// each `'awaitN: { .. }` block (keyed `'awaitN`).
struct FindArms<'a> {
    enum_name: &'a str,
    arms: Vec<(String, syn::Expr)>,
}

impl<'ast> Visit<'ast> for FindArms<'_> {
    fn visit_block(&mut self, b: &'ast syn::Block) {
        for (i, stmt) in b.stmts.iter().enumerate() {
            if let syn::Stmt::Expr(syn::Expr::Block(inner), _) = stmt {
                if let Some(label) = &inner.label {
                    let name = label.name.to_string();
                    if name.starts_with("'await") {
                        let rest = syn::Block {
                            brace_token: Default::default(),
                            stmts: b.stmts[i + 1..].to_vec(),
                        };
                        self.arms.push((
                            name,
                            syn::Expr::Block(syn::ExprBlock {
                                attrs: Vec::new(),
                                label: None,
                                block: rest,
                            }),
                        ));
                    }
                }
            }
        }
        syn::visit::visit_block(self, b);
    }
    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        if let syn::Pat::Struct(p) = &arm.pat {
            let segs: Vec<String> = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            // The other arms only jump to their await's code (`break 'awaitN`).
            if segs.len() == 2 && segs[0] == self.enum_name && segs[1] == "Start" {
                self.arms.push((segs[1].clone(), (*arm.body).clone()));
                return;
            }
        }
        syn::visit::visit_arm(self, arm);
    }
}

struct Edges<'a> {
    enum_name: &'a str,
    edges: BTreeSet<String>,
}

impl<'ast> Visit<'ast> for Edges<'_> {
    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        let parks = matches!(&*c.func, syn::Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "park"));
        if parks {
            if let Some(syn::Expr::Struct(s)) = c.args.iter().nth(1) {
                let segs: Vec<String> = s
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                if segs.len() == 2 && segs[0] == self.enum_name {
                    self.edges.insert(segs[1].clone());
                }
            }
        }
        syn::visit::visit_expr_call(self, c);
    }
    fn visit_expr_try(&mut self, t: &'ast syn::ExprTry) {
        self.edges.insert("Returned".into());
        syn::visit::visit_expr_try(self, t);
    }
    fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
        let text = r.to_token_stream().to_string();
        if text.contains("Ready") {
            self.edges.insert("Returned".into());
        }
        syn::visit::visit_expr_return(self, r);
    }
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
}

#[cfg(test)]
mod tests {
    #[test]
    fn copy_stream_edges() {
        let src = include_str!("../../examples/copy_stream.rs");
        let g = super::graph(src, "copy_stream", super::GraphFormat::Mermaid).unwrap();
        assert!(g.contains("Await0 --> Await1"), "{g}");
        assert!(g.contains("Await1 --> Await0"), "{g}");
        assert!(g.contains("Await0 --> Returned"), "{g}");
    }
}
