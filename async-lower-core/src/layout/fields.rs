//! `layout = "fields"`: the machine laid out as C#'s compiler lays out a state machine.
//!
//! Roslyn emits one struct per `async` method: `<>1__state` (an `int`), a field per hoisted
//! local and per awaiter (`<>u__1`), and the builder. Here: `state`, a small tag enum
//! (`Start`, `Await0`, ..., `Running`), then an `Option` field per awaiter and per lifted
//! local. A field is `Some` only while its value is hoisted, so the struct owns exactly what
//! the enum layout's current variant would own; but every field has its own place, so the
//! struct is the sum of them all where the enum's variants overlap (the treatise's "struct vs
//! class" chapter holds the two side by side).
//!
//! Fields are declared in drop order: the awaiters, the inputs of deferred awaiters (which
//! a native awaiter would own), then the locals, last declared first. Dropping the struct on
//! cancellation then drops what is hoisted in native order, as dropping a variant does.

use super::{Layout, Variant};
use crate::analyze::Analysis;
use crate::util::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;
use syn::Ident;

/// The field of each hoisted name: (await index, or `usize::MAX` for `Start`, name) to field.
pub type FieldNames = BTreeMap<(usize, String), Ident>;

/// A field of the struct.
pub struct Hoisted {
    pub name: Ident,
    pub ty: Ident,
    pub doc: String,
}

/// The struct's fields, from the same facts as the enum's variants.
pub(super) fn hoisted(
    start_fields: &[Ident],
    variants: &[Variant],
    analysis: &Analysis,
    local_ty: &BTreeMap<usize, Ident>,
    awaits: &[super::AwaitSource],
) -> (Vec<Hoisted>, FieldNames) {
    let mut field_names = FieldNames::new();
    let at = |k: usize| {
        let src = &awaits[k];
        let what = if src.join {
            format!("join point {k}")
        } else {
            format!("await {k}")
        };
        if src.line > 0 {
            format!("{what} (line {})", src.line)
        } else {
            what
        }
    };
    let mut out = Vec::new();
    for (k, v) in variants.iter().skip(1).enumerate() {
        let awaiter = v.awaiter.clone().expect("an await's variant has an awaiter");
        let doc = if awaits[k].join {
            format!(" The awaiter of join point {k} (ready at once; it never waits).")
        } else {
            format!(
                " The awaiter of `{}.await`{}, polled in place (C#: a `<>u__` field).",
                awaits[k].text,
                line_note(awaits[k].line)
            )
        };
        out.push(Hoisted {
            name: awaiter_field(k),
            ty: awaiter,
            doc,
        });
    }
    for (k, site) in analysis.sites.iter().enumerate() {
        for p in &site.inputs {
            out.push(Hoisted {
                name: input_field(k, &p.name),
                ty: local_ty[&p.local].clone(),
                doc: format!(
                    " `{}`, moved into the awaiter of {} when it is built.",
                    p.name,
                    at(k)
                ),
            });
        }
    }
    // Each lifted local (or the guard of a slotted one) and the awaits it lives across,
    // keyed by (local, guard?): a slotted argument has both its value (until the body
    // starts) and its guard.
    struct Entry<'a> {
        name: Ident,
        ty: Ident,
        sites: Vec<usize>,
        slotted: Option<&'a Ident>,
    }
    let mut locals: BTreeMap<(usize, bool), Entry> = BTreeMap::new();
    for (k, site) in analysis.sites.iter().enumerate() {
        for p in &site.parked {
            locals
                .entry((p.local, false))
                .or_insert_with(|| Entry {
                    name: p.name.clone(),
                    ty: local_ty[&p.local].clone(),
                    sites: Vec::new(),
                    slotted: None,
                })
                .sites
                .push(k);
        }
        for p in &site.slotted {
            locals
                .entry((p.local, true))
                .or_insert_with(|| Entry {
                    name: crate::emit::slots::guard_name(&p.name),
                    ty: local_ty[&(usize::MAX - p.local)].clone(),
                    sites: Vec::new(),
                    slotted: Some(&p.name),
                })
                .sites
                .push(k);
        }
    }
    // The arguments are the first locals; each has a field, lifted across an await or not.
    for (i, name) in start_fields.iter().enumerate() {
        locals.entry((i, false)).or_insert_with(|| Entry {
            name: name.clone(),
            ty: local_ty[&i].clone(),
            sites: Vec::new(),
            slotted: None,
        });
    }
    // Last declared first; a guard before its local's own value.
    for ((local, _), e) in locals.into_iter().rev() {
        let across = e.sites.iter().map(|&k| at(k)).collect::<Vec<_>>();
        let across = match across.as_slice() {
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
            [] => String::new(),
        };
        let doc = match e.slotted {
            Some(v) => format!(
                " The guard of `{v}`'s frame slot (`{v}` is borrowed across {across}; it stays in the slot)."
            ),
            None if e.sites.is_empty() => format!(" `{}`: an argument, held until the body starts.", e.name),
            None if local < start_fields.len() => {
                format!(" `{}`: an argument; lives across {across}.", e.name)
            }
            None => format!(" `{}`: lives across {across}.", e.name),
        };
        // Two locals of one name (in different scopes) get two fields.
        let mut name = e.name.clone();
        let mut n = 2usize;
        // (`state` is the tag's own field.)
        while name == "state" || out.iter().any(|h: &Hoisted| h.name == name) {
            name = format_ident!("{}_{}", e.name, n);
            n += 1;
        }
        let ours = |site: &Vec<crate::analyze::Parked>| site.iter().any(|p| p.local == local);
        for (k, site) in analysis.sites.iter().enumerate() {
            let found = if e.slotted.is_some() { ours(&site.slotted) } else { ours(&site.parked) };
            if found {
                field_names.insert((k, e.name.to_string()), name.clone());
            }
        }
        if local < start_fields.len() && e.slotted.is_none() {
            field_names.insert((usize::MAX, e.name.to_string()), name.clone());
        }
        out.push(Hoisted { name, ty: e.ty, doc });
    }
    (out, field_names)
}

fn line_note(line: u32) -> String {
    if line > 0 {
        format!(" (line {line})")
    } else {
        String::new()
    }
}

/// The field of the awaiter of await `k`.
pub fn awaiter_field(k: usize) -> Ident {
    format_ident!("awaiter{}", k)
}

/// The field of `local` while it waits to move into the deferred awaiter of await `k`.
pub fn input_field(k: usize, local: &Ident) -> Ident {
    format_ident!("{}_for_await{}", local.to_string().trim_start_matches('_'), k)
}

impl Layout {
    /// The field that holds `name` at await `k` (`usize::MAX`: the arguments at `Start`).
    pub fn field(&self, k: usize, name: &Ident) -> Ident {
        self.field_names
            .get(&(k, name.to_string()))
            .cloned()
            .unwrap_or_else(|| name.clone())
    }

    /// The tag enum: C#'s `<>1__state`, with names instead of numbers.
    pub fn step_name(&self) -> Ident {
        let name = self.name.to_string();
        ident(&format!("{}Step", name.strip_suffix("State").unwrap_or(&name)))
    }

    /// `struct XState<..> { state: XStep, awaiter0: Option<..>, .. }`, the tag enum, and the
    /// `MachineState` impl.
    pub(super) fn fields_tokens(&self, fn_name: &Ident, rt: &TokenStream) -> TokenStream {
        let (name, step) = (&self.name, self.step_name());
        let generics = self.generics();
        let steps = self.variants.iter().map(|v| {
            let (vname, doc) = (&v.name, &v.doc);
            quote!(#[doc = #doc] #vname)
        });
        let fields = self.hoisted.iter().map(|h| {
            let (n, t, doc) = (&h.name, &h.ty, &h.doc);
            quote!(#[doc = #doc] #n: ::core::option::Option<#t>)
        });
        let indices = self.variants.iter().enumerate().map(|(i, v)| {
            let vname = &v.name;
            quote!(#step::#vname => #i)
        });
        let machine_state = self.machine_state(
            fn_name,
            rt,
            quote! {
                match self.state {
                    #(#indices,)*
                    #step::Running => usize::MAX,
                }
            },
        );
        let struct_doc = format!(
            " The state machine of `{fn_name}`, laid out as C# does: a state tag, then one field \
             per awaiter and per local that lives across an await (`Some` while it is hoisted)."
        );
        let step_doc = format!(
            " Where `{fn_name}` stands (C#: `<>1__state`, -1 running, 0.. an await)."
        );
        // Dropped before its first poll, a native `async fn` drops its arguments in the order
        // they were passed (they are the coroutine's upvars); hoisted later, as locals, they
        // drop last declared first, which is the order of the fields.
        let args: Vec<Ident> = self.variants[0]
            .fields
            .iter()
            .map(|f| self.field(usize::MAX, &f.name))
            .collect();
        let drop_args = (args.len() > 1).then(|| {
            quote! {
                impl #generics Drop for #name #generics {
                    /// Not polled yet: the arguments drop in the order they were passed.
                    fn drop(&mut self) {
                        if let #step::Start = self.state {
                            #(drop(self.#args.take());)*
                        }
                    }
                }
            }
        });
        quote! {
            #[doc = #step_doc]
            #[derive(Clone, Copy)]
            #[allow(dead_code)]
            enum #step {
                #(#steps,)*
                /// The body is running: its locals are on the stack.
                Running,
            }
            #[doc = #struct_doc]
            #[allow(dead_code, non_camel_case_types, non_snake_case)]
            struct #name #generics {
                /// Where it stands.
                state: #step,
                #(#fields,)*
            }
            #drop_args
            #machine_state
        }
    }
}
