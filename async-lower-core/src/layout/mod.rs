//! Layout: the state enum.
//!
//! One variant per suspension point, as C#'s state numbers and rustc's `Suspend0..`:
//! `Start` holds the arguments, `AwaitN` holds the awaiter of await N (polled in place,
//! first so that it drops first) and the locals parked across it (last declared first, so
//! that dropping the variant drops them in native order), `Running` stands in while the
//! body runs with its locals back on the stack. `Returned` and `Panicked` live in the
//! runtime's wrapper, in the niche of this enum's tag.
//!
//! The enum is generic, one type parameter per stored value: a proc-macro runs before type
//! checking and cannot name the types of locals or of awaited futures, so rustc infers
//! them from the assignments in the resume closure.
//!
//! `layout = "fields"` lays the same facts out as C#'s compiler does (see `fields.rs`): one
//! struct, a field per hoisted local and per awaiter, and a small state tag.

pub mod fields;

use crate::analyze::Analysis;
use crate::parse::LayoutKind;
use crate::util::{camel, ident, line_of, source_text};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};
use syn::Ident;

pub struct Field {
    pub name: Ident,
    pub ty: Ident,
    /// An input of a deferred awaiter, carried in an `Option` until the awaiter takes it.
    pub optional: bool,
}

pub struct Variant {
    pub name: Ident,
    pub doc: String,
    pub awaiter: Option<Ident>,
    /// In storage (and so drop) order.
    pub fields: Vec<Field>,
    /// For the builder's `StateInfo`.
    pub awaits_text: String,
    pub line: u32,
}

pub struct Layout {
    pub kind: LayoutKind,
    pub name: Ident,
    pub params: Vec<Ident>,
    pub variants: Vec<Variant>,
    /// The fields of the C#-style struct, in declaration (and so drop) order.
    pub hoisted: Vec<fields::Hoisted>,
    /// Which field holds each hoisted name (names repeat across scopes, fields do not).
    pub field_names: fields::FieldNames,
}

/// What the layout needs to know about one await.
pub struct AwaitSource {
    pub text: String,
    pub line: u32,
    /// A join point inserted by the compiler (see `normalize::joins`), not a user's await.
    pub join: bool,
}

pub fn layout(
    kind: LayoutKind,
    fn_name: &Ident,
    start_fields: &[Ident],
    analysis: &Analysis,
    awaits: &[AwaitSource],
    fn_span: Span,
    taken: &BTreeSet<String>,
) -> Layout {
    // `GoState`, unless the function names a type of its own so (the enum, declared inside
    // the function, would hide it).
    let base = camel(&fn_name.to_string());
    let name = [format!("{base}State"), format!("{base}Machine"), format!("{base}StateMachine")]
        .into_iter()
        .find(|n| {
            let step = format!("{}Step", n.strip_suffix("State").unwrap_or(n));
            !taken.contains(n) && !taken.contains(&step)
        })
        .unwrap_or_else(|| format!("__{base}State"));
    let name = ident(&name);
    let mut used_names = BTreeSet::new();
    let mut local_ty: BTreeMap<usize, Ident> = BTreeMap::new();
    let mut params = Vec::new();
    let mut ty_for = |local: usize, local_name: &str, params: &mut Vec<Ident>| -> Ident {
        if let Some(t) = local_ty.get(&local) {
            return t.clone();
        }
        // `T` and the local's name, as C# names type parameters (`TResult`): a parameter
        // named `Read` or `String` would read like the real type.
        let base = format!("T{}", camel(local_name));
        let mut candidate = base.clone();
        let mut n = 2;
        while !used_names.insert(candidate.clone()) || candidate.starts_with("TAwaiter") {
            candidate = format!("{base}{n}");
            n += 1;
        }
        let t = ident(&candidate);
        local_ty.insert(local, t.clone());
        params.push(t.clone());
        t
    };

    let mut variants = Vec::new();
    // Parameters are the first locals of the analysis, in order.
    let start = start_fields
        .iter()
        .enumerate()
        .map(|(i, f)| Field {
            name: f.clone(),
            ty: ty_for(i, &f.to_string(), &mut params),
            optional: false,
        })
        .collect();
    variants.push(Variant {
        name: ident("Start"),
        doc: format!(
            " Created, not yet polled: holds the arguments of `{fn_name}`. Nothing has run yet."
        ),
        awaiter: None,
        fields: start,
        awaits_text: String::new(),
        line: line_of(fn_span),
    });
    let mut awaiters = Vec::new();
    for (k, site) in analysis.sites.iter().enumerate() {
        let mut fields: Vec<Field> = site
            .inputs
            .iter()
            .map(|p| Field {
                name: p.name.clone(),
                ty: ty_for(p.local, &p.name.to_string(), &mut params),
                optional: true,
            })
            .collect();
        // Parked locals and the guards of slotted ones, last declared first: dropping the
        // variant (cancellation) drops them in native order.
        let mut stored: Vec<(usize, Field)> = site
            .parked
            .iter()
            .map(|p| {
                (
                    p.local,
                    Field {
                        name: p.name.clone(),
                        ty: ty_for(p.local, &p.name.to_string(), &mut params),
                        optional: false,
                    },
                )
            })
            .collect();
        stored.extend(site.slotted.iter().map(|p| {
            let guard = crate::emit::slots::guard_name(&p.name);
            // The guard's own type parameter (keyed apart from the local's value).
            (
                p.local,
                Field {
                    name: guard.clone(),
                    ty: ty_for(
                        usize::MAX - p.local,
                        &format!("slot_{}", p.name),
                        &mut params,
                    ),
                    optional: false,
                },
            )
        }));
        stored.sort_by_key(|(local, _)| std::cmp::Reverse(*local));
        fields.extend(stored.into_iter().map(|(_, f)| f));
        let awaiter = format_ident!("TAwaiter{}", k);
        awaiters.push(awaiter.clone());
        let src = &awaits[k];
        let holds = if fields.is_empty() {
            String::from("nothing else")
        } else {
            fields
                .iter()
                .map(|f| format!("`{}`", f.name))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let at = if src.line > 0 {
            format!(" (line {})", src.line)
        } else {
            String::new()
        };
        let (name, doc) = if src.join {
            (
                format_ident!("Join{}", k),
                format!(
                    " A join point: the paths out of the construct{at} meet here, so the code after it is written once and what they hand over has one type (it never waits); holds {holds}."
                ),
            )
        } else {
            (
                format_ident!("Await{}", k),
                format!(" Waits at `{}.await`{at}; holds {holds}.", src.text),
            )
        };
        variants.push(Variant {
            name,
            doc,
            awaiter: Some(awaiter),
            fields,
            awaits_text: src.text.clone(),
            line: src.line,
        });
    }
    params.extend(awaiters);
    let (hoisted, field_names) = fields::hoisted(start_fields, &variants, analysis, &local_ty, awaits);
    Layout {
        kind,
        name,
        params,
        variants,
        hoisted,
        field_names,
    }
}

impl Layout {
    /// `enum XState<..> { .. }` (or the struct of `layout = "fields"`) and its
    /// `MachineState` impl.
    pub fn to_tokens(&self, fn_name: &Ident, rt: &TokenStream) -> TokenStream {
        if self.kind == LayoutKind::Fields {
            return self.fields_tokens(fn_name, rt);
        }
        let name = &self.name;
        let generics = self.generics();
        let variants = self.variants.iter().map(|v| {
            let vname = &v.name;
            let doc = &v.doc;
            let awaiter = v
                .awaiter
                .as_ref()
                .map(|a| quote!(awaiter: ::core::option::Option<#a>,));
            let fields = v.fields.iter().map(|f| {
                let (n, t) = (&f.name, &f.ty);
                if f.optional {
                    quote!(#n: ::core::option::Option<#t>)
                } else {
                    quote!(#n: #t)
                }
            });
            quote! {
                #[doc = #doc]
                #vname { #awaiter #(#fields),* }
            }
        });
        let indices = self.variants.iter().enumerate().map(|(i, v)| {
            let vname = &v.name;
            quote!(Self::#vname { .. } => #i)
        });
        let machine_state = self.machine_state(
            fn_name,
            rt,
            quote! {
                match self {
                    #(#indices,)*
                    Self::Running => usize::MAX,
                }
            },
        );
        let enum_doc = format!(
            " The states of `{fn_name}`: one variant per place where it can stop (C#: the state \
             field of its state-machine struct, with the hoisted locals and awaiters)."
        );
        quote! {
            #[doc = #enum_doc]
            #[allow(dead_code, non_camel_case_types, non_snake_case, clippy::large_enum_variant)]
            enum #name #generics {
                #(#variants,)*
                /// The body is running: its locals are back on the stack.
                Running,
            }
            #machine_state
        }
    }

    /// `<A, B, ..>`, one parameter per stored value.
    fn generics(&self) -> TokenStream {
        if self.params.is_empty() {
            quote!()
        } else {
            let p = &self.params;
            quote!(<#(#p),*>)
        }
    }

    /// `impl MachineState`: the static description of the states, and which one is current.
    fn machine_state(&self, fn_name: &Ident, rt: &TokenStream, index: TokenStream) -> TokenStream {
        let (name, generics) = (&self.name, self.generics());
        let infos = self.variants.iter().map(|v| {
            let (vname, text, line) = (v.name.to_string(), &v.awaits_text, v.line);
            quote!(#rt::StateInfo { name: #vname, awaits: #text, line: #line })
        });
        let fn_str = fn_name.to_string();
        quote! {
            impl #generics #rt::MachineState for #name #generics {
                const INFO: &'static #rt::MachineInfo = &#rt::MachineInfo {
                    name: #fn_str,
                    file: ::core::file!(),
                    states: &[#(#infos),*],
                };
                fn state_index(&self) -> usize {
                    #index
                }
            }
        }
    }
}

/// `tokio::select! { .. }` for the `async` block that `normalize::AwaitingMacros` wrapped
/// around an awaiting macro (its rewritten handlers are not what the user wrote).
fn wrapped_macro(base: &syn::Expr) -> Option<String> {
    struct Find(Option<String>);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            let name = m.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            if self.0.is_none() && matches!(name.as_str(), "select" | "select_biased" | "join" | "try_join") {
                let path = &m.path;
                self.0 = Some(format!("{}! {{ .. }}", quote::quote!(#path).to_string().replace(' ', "")));
            }
        }
    }
    let syn::Expr::Async(block) = base else { return None };
    let mut f = Find(None);
    syn::visit::Visit::visit_block(&mut f, &block.block);
    f.0
}

/// The text and line of each await, in number order.
pub fn await_sources(body: &syn::Block) -> Vec<AwaitSource> {
    struct Collect(Vec<(usize, AwaitSource)>);
    impl<'a> syn::visit::Visit<'a> for Collect {
        fn visit_expr_await(&mut self, aw: &'a syn::ExprAwait) {
            if let Some(i) = crate::normalize::rewrite::await_index(aw) {
                let text = wrapped_macro(&aw.base)
                    .unwrap_or_else(|| source_text(&aw.base))
                    .replace("__self", "self");
                let line = line_of(syn::spanned::Spanned::span(&aw.base));
                let join = crate::normalize::joins::is_join(aw);
                self.0.push((i, AwaitSource { text, line, join }));
            }
            syn::visit::visit_expr_await(self, aw);
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut c = Collect(Vec::new());
    syn::visit::Visit::visit_block(&mut c, body);
    c.0.sort_by_key(|(i, _)| *i);
    c.0.into_iter().map(|(_, s)| s).collect()
}
