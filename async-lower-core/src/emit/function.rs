//! The lowered function as a whole: its signature, the state enum, the borrow-check shadow,
//! and the call that starts the machine.

use super::Emitter;
use crate::analyze::analyze;
use crate::layout::{await_sources, layout};
use crate::normalize::rename::rename_shadowing;
use crate::normalize::rewrite::{ControlFlow, NumberAwaits, RenameSelf, SELF_NAME};
use crate::normalize::{Normalizer, bind_param_patterns};
use crate::parse::Options;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use std::collections::BTreeSet;
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;
use syn::{FnArg, ItemFn, Pat, ReturnType, Type};

/// Lowers one `async fn`. Errors are returned for the caller to report beside the item.
pub fn lower_fn(options: &Options, f: &ItemFn) -> Result<TokenStream, Vec<syn::Error>> {
    let krate = &options.krate;
    let rt = quote!(__rt);
    let fn_name = &f.sig.ident;

    // Parameters: the `Start` variant holds each argument under a plain name.
    let mut sig = f.sig.clone();
    sig.asyncness = None;
    let mut params: Vec<(syn::Ident, bool)> = Vec::new();
    let mut pattern_bindings = Vec::new();
    let mut shadow_pats: Vec<TokenStream> = Vec::new();
    let mut shadow_lets: Vec<TokenStream> = Vec::new();
    let mut arg_refs: Vec<TokenStream> = Vec::new();
    // How `Start` is filled: each argument under its name, `self` as `__self`.
    let mut start_inits: Vec<(syn::Ident, Option<TokenStream>)> = Vec::new();
    for (i, arg) in sig.inputs.iter_mut().enumerate() {
        match arg {
            FnArg::Receiver(r) => {
                let name = format_ident!("{}", SELF_NAME, span = r.self_token.span);
                let mutable = r.mutability.is_some();
                r.mutability = None;
                params.push((name.clone(), mutable));
                shadow_pats.push(if mutable {
                    quote!(mut #name)
                } else {
                    quote!(#name)
                });
                let self_token = r.self_token;
                arg_refs.push(quote!(&#self_token));
                start_inits.push((name.clone(), Some(quote!(#self_token))));
            }
            FnArg::Typed(t) => {
                let shadow_pat = rename_self_in_pat(&t.pat);
                match &mut *t.pat {
                    Pat::Ident(p) if p.subpat.is_none() && p.by_ref.is_none() => {
                        shadow_pats.push(shadow_pat);
                        pattern_bindings.push((None, p.ident.clone(), p.mutability.is_some()));
                        params.push((p.ident.clone(), p.mutability.is_some()));
                        p.mutability = None;
                        let id = &p.ident;
                        arg_refs.push(quote!(&#id));
                        start_inits.push((id.clone(), None));
                    }
                    other => {
                        let arg_name = format_ident!("__arg{}", i, span = other.span());
                        // Bound inside the shadow's `async` block, as the native `async fn`
                        // binds it: a `ref` binding borrows the block's own argument.
                        shadow_pats.push(quote!(#arg_name));
                        shadow_lets.push(quote!(let #shadow_pat = #arg_name;));
                        pattern_bindings.push((Some(other.clone()), arg_name.clone(), false));
                        params.push((arg_name.clone(), false));
                        arg_refs.push(quote!(&#arg_name));
                        start_inits.push((arg_name.clone(), None));
                        *t.pat = Pat::Ident(syn::PatIdent {
                            attrs: vec![],
                            by_ref: None,
                            mutability: None,
                            ident: arg_name,
                            subpat: None,
                        });
                    }
                }
            }
        }
    }
    let output_ty: Type = match &f.sig.output {
        ReturnType::Default => syn::parse_quote!(()),
        // `!` may not be written as a type argument on stable Rust; a projection names it.
        ReturnType::Type(_, t) if matches!(**t, Type::Never(_)) => {
            syn::parse_quote!(<fn() -> ! as #krate::__private::Returns>::Output)
        }
        ReturnType::Type(_, t) => (**t).clone(),
    };
    let output_span = f.sig.output.span();
    let has_receiver = sig.inputs.iter().any(|a| matches!(a, FnArg::Receiver(_)));
    // A method that needs a lifetime of its own may implement a trait's `async fn`, whose
    // signature cannot change (E0195): it stays an `async fn` that builds the machine and
    // awaits it (the machine is the same; the native coroutine around it only holds it).
    // So does a function whose arguments may hold the enclosing `impl`'s type parameters
    // (`self` by value in `impl<T> W<T>`, `x: T`) if it may hold a borrow across an await:
    // an awaiter or a parked local that borrows (`count(&self.0).await`) has a lifetime
    // the hidden type must name, which asks `T` to outlive it (E0310/E0311), and the
    // signature may not gain a `T: '__sm` bound.
    // So does a function that may call itself through a box (`Box::pin(fib(n - 1)).await`):
    // an `impl Future` whose hidden type holds itself, even behind a `Box`, is E0720, while a
    // native coroutine may hold a boxed copy of itself.
    // So does a method of an `impl` with a type parameter its self type does not name
    // (`impl<F, Fut> Retry<F> where F: Fn() -> Fut`): the machine may hold one (a `Fut`
    // awaited), which the signature's `+ '_` would ask to outlive the borrow of `self`
    // (E0311).
    let wrapped = (has_receiver && needs_machine_lifetime(&sig))
        || (takes_outer_generics(&sig) && may_hold_borrows(&f.block))
        || (has_receiver && crate::analyze::receivers::impl_param_outside_self())
        || may_recurse(&f.block, fn_name);
    if wrapped {
        sig.asyncness = f.sig.asyncness;
        sig.output = f.sig.output.clone();
    } else if needs_machine_lifetime(&sig) {
        let sm = add_machine_lifetime(&mut sig);
        sig.output = syn::parse_quote_spanned!(output_span=> -> impl ::core::future::Future<Output = #output_ty> + #sm);
    } else {
        // At most one lifetime and no type parameters: rustc can pick that lifetime (or
        // `'static`) for the awaiters' borrows, and the signature stays as written, so the
        // function can also implement a trait's `async fn`.
        // The one lifetime, if any, is named as captured, for edition 2021's capture rules
        // (edition 2024 captures it anyway).
        sig.output = match single_lifetime(&sig) {
            // `+ 'a` asks the types of an impl's own parameters to outlive `'a` (`self:
            // W<T>`, `x: T`), which the native `async fn` does not: `Captures<'a>` only
            // names the lifetime.
            Some(lt) if takes_outer_generics(&sig) => {
                syn::parse_quote_spanned!(output_span=> -> impl ::core::future::Future<Output = #output_ty> + #krate::__private::Captures<#lt>)
            }
            Some(lt) => {
                syn::parse_quote_spanned!(output_span=> -> impl ::core::future::Future<Output = #output_ty> + #lt)
            }
            None => {
                syn::parse_quote_spanned!(output_span=> -> impl ::core::future::Future<Output = #output_ty>)
            }
        };
    }
    let turbofish_output = if mentions_impl(&output_ty) {
        quote!(_)
    } else {
        quote!(#output_ty)
    };

    // The body: normalized, with `return`/`?`/`self` rewritten and the awaits numbered.
    let mut body = (*f.block).clone();
    let items = crate::normalize::items::hoist(&mut body);
    RenameSelf.visit_block_mut(&mut body);
    let original_body = body.clone();
    bind_param_patterns(pattern_bindings, &mut body);
    let param_names: Vec<syn::Ident> = params.iter().map(|(n, _)| n.clone()).collect();
    crate::normalize::declarations(&mut body);
    crate::normalize::keep_unbound_parts(&mut body);
    rename_shadowing(&param_names, &mut body);
    let owned_params = owned_params(&f.sig);
    crate::normalize::split_rest_lets(&owned_params, &mut body);
    crate::normalize::split_or_arms(&mut body);
    crate::normalize::spell_out_struct_updates(&mut body);
    crate::normalize::call_unary_on_await(&mut body);
    crate::normalize::assign_fields_one_by_one(&mut body);
    let mut macros = crate::normalize::AwaitingMacros { errors: Vec::new() };
    macros.visit_block_mut(&mut body);
    if !macros.errors.is_empty() {
        return Err(macros.errors);
    }
    let param_strings: Vec<String> = param_names.iter().map(|p| p.to_string()).collect();
    // (The types the syntax shows, for the receivers the normalizer moves before an
    // awaiting argument; typed again once the body is normalized.)
    crate::analyze::receivers::type_locals(&f.sig, &body);
    let owned = crate::normalize::owned_locals(&owned_params, &param_strings, &body);
    let mut normalizer = Normalizer::default();
    normalizer.owned = owned;
    // Parameters that are references: what an awaiter borrows through them is not theirs,
    // and a pattern matched against one binds references.
    // (With whether each is `&mut`.)
    let ref_params: Vec<(String, bool)> = f
        .sig
        .inputs
        .iter()
        .filter_map(|a| match a {
            FnArg::Receiver(r) => match r.kind {
                syn::ReceiverKind::Reference(_, _, mutability) => Some((SELF_NAME.to_string(), mutability.is_some())),
                _ => None,
            },
            FnArg::Typed(t) => match (&*t.pat, &*t.ty) {
                (Pat::Ident(p), syn::Type::Reference(r)) => Some((p.ident.to_string(), r.mutability.is_some())),
                _ => None,
            },
        })
        .collect();
    let by_ref_params: Vec<String> = ref_params.iter().map(|(n, _)| n.clone()).collect();
    let mut_ref_params: Vec<String> = ref_params.iter().filter(|(_, m)| *m).map(|(n, _)| n.clone()).collect();
    normalizer.ref_params = by_ref_params.iter().cloned().collect();
    // Parameters whose fields are their own, as a literal-bound local's (see `field_params`).
    let field_params = field_params(&f.sig, &owned_params);
    normalizer.literal = crate::analyze::captures::literal_locals(&body);
    normalizer.literal.extend(field_params.iter().cloned());
    let mut body = normalizer.block(body);
    if !normalizer.errors.is_empty() {
        return Err(normalizer.errors);
    }
    let keep_question_mark = returns_result(&output_ty);
    let output_fn = output_expectation(&f.sig, &output_ty);
    let output_fn_name = output_fn.as_ref().map(|_| quote!(__as_output));
    ControlFlow {
        rt: &rt,
        keep_question_mark,
        output_fn: output_fn_name.clone(),
    }
    .visit_block_mut(&mut body);
    crate::normalize::joins::insert_joins(&mut body);
    let mut numbering = NumberAwaits::default();
    numbering.visit_block_mut(&mut body);

    // A shared reference (`&self`) can be copied while what it points to is borrowed: it
    // never needs a frame slot.
    let shared_self = f.sig.inputs.iter().any(|a| matches!(a, FnArg::Receiver(r) if matches!(r.kind, syn::ReceiverKind::Reference(_, _, None))));
    let never_slot: Vec<String> = if shared_self {
        vec![SELF_NAME.to_string()]
    } else {
        Vec::new()
    };
    // Parameters called once: `impl FnOnce(..)`, `Box<dyn FnOnce(..)>`, or a type parameter
    // bound by `FnOnce`.
    let once_generics: Vec<String> = f
        .sig
        .generics
        .type_params()
        .filter(|t| crate::analyze::mentions_fn_once(&t.bounds))
        .map(|t| t.ident.to_string())
        .chain(f.sig.generics.where_clause.iter().flat_map(|w| w.predicates.iter()).filter_map(|p| match p {
            syn::WherePredicate::Type(t) if crate::analyze::mentions_fn_once(&t.bounds) => {
                let ty = &t.bounded_ty;
                Some(quote!(#ty).to_string())
            }
            _ => None,
        }))
        .collect();
    let fn_once_params = params_typed(f, |ty| {
        crate::analyze::mentions_fn_once(ty) || once_generics.contains(&quote!(#ty).to_string())
    });
    // Parameters of a type that is surely `Copy`: a number, `bool`, `char`, a shared reference.
    let copy_params = params_typed(f, crate::analyze::surely_copy_type);
    // Parameters whose type names a `Box` (`*b` may move out of one).
    let boxed_params = params_typed(f, |ty| {
        let mut idents = BTreeSet::new();
        crate::util::collect_idents(&quote!(#ty), &mut idents);
        idents.contains("Box")
    });
    let hints = crate::analyze::Hints {
        never_slot,
        by_ref_params,
        mut_ref_params,
        fn_once_params,
        copy_params,
        field_params: field_params.clone(),
        boxed_params,
    };
    // The doc line of each variant quotes the await as written, before partly moved locals
    // and slots rewrite it.
    let sources = await_sources(&body);
    // The types of the locals that the syntax shows, for the receivers of awaited methods.
    crate::analyze::receivers::type_locals(&f.sig, &body);
    let mut analysis = analyze(&params, &body, numbering.count, &hints);
    // Locals read field by field before an await they live across: held whole, with a bit
    // per field read out (and analyzed again).
    if !analysis.partial.is_empty() {
        let partial: Vec<super::partial::PartialLocal> = analysis
            .partial
            .iter()
            .map(|&l| super::partial::PartialLocal {
                name: analysis.locals[l].name.to_string(),
                param: l < params.len(),
            })
            .collect();
        super::partial::partial_body(&mut body, &partial, &params, &field_params, &rt);
        analysis = analyze(&params, &body, numbering.count, &hints);
    }
    // Locals the lowered code moves away but rustc still counts in `Send`: give each a
    // zero-sized witness that lives where the local's storage would (and analyze again).
    // (Also a local declared again where the code resumes because it is assigned before it
    // is read, `cur = next`: its witness gives it its type there, which the assignment
    // alone would not coerce to, see `Emitter::rebind`.)
    let witnessed: BTreeSet<String> = analysis
        .sites
        .iter()
        .flat_map(|s| {
            let retyped = s.redeclare.iter().filter(|(_, mutable, _, l)| *mutable && analysis.locals[*l].has_init).map(|r| r.3);
            s.witnessed.iter().copied().chain(retyped)
        })
        .map(|l| analysis.locals[l].name.to_string())
        .collect();
    if !witnessed.is_empty() {
        insert_witnesses(&mut body, &witnessed, &param_names, &rt);
        analysis = analyze(&params, &body, numbering.count, &hints);
    }
    let slot_map: super::slots::SlotMap = analysis
        .slots
        .iter()
        .enumerate()
        .map(|(i, &local)| (analysis.locals[local].name.to_string(), i))
        .collect();
    let take_every_move: Vec<String> = analysis
        .take_every_move
        .iter()
        .map(|&l| analysis.locals[l].name.to_string())
        .collect();
    let locals: BTreeSet<String> = analysis.locals.iter().map(|l| l.name.to_string()).collect();
    super::slots::slot_body(&mut body, &slot_map, &take_every_move, &locals, &rt);
    let start_fields: Vec<syn::Ident> = params.iter().map(|(n, _)| n.clone()).collect();
    let layout = layout(
        options.layout,
        fn_name,
        &start_fields,
        &analysis,
        &sources,
        f.sig.fn_token.span,
        &{
            let mut taken = BTreeSet::new();
            crate::util::collect_idents(&quote!(#f), &mut taken);
            taken
        },
    );
    let mut emitter = Emitter::new(&analysis, &layout, rt.clone(), &body, slot_map.clone());
    let nameable = !mentions_impl(&output_ty);
    if nameable {
        emitter.output = Some(quote!(#output_ty));
    }
    emitter.output_fn = output_fn_name.clone();
    let dispatch = emitter.arms(&body, &params);
    let enum_tokens = layout.to_tokens(fn_name, &rt);

    let builder = match &options.builder {
        Some(b) => quote!(#b),
        None => quote!(#rt::DefaultBuilder),
    };
    // Inner attributes of the body (`#![allow(..)]`) apply to the whole function: outside it
    // they are written as outer ones.
    let attrs: Vec<syn::Attribute> = f
        .attrs
        .iter()
        .cloned()
        .map(|mut a| {
            a.style = syn::AttrStyle::Outer;
            a
        })
        .collect();
    let vis = &f.vis;
    let span = f.sig.ident.span();
    // The shadow's `return`s are coerced to the declared type, as the native body's are
    // (an `async` block takes its output type from its first `return` otherwise).
    // Only a type with a reference or a trait object takes such a coercion (`&String` to
    // `&str`, `Box<T>` to `Box<dyn Trait>`).
    let mut original_body = original_body;
    let coercible = {
        let text = quote!(#output_ty).to_string();
        text.contains('&') || text.contains("dyn")
    };
    if nameable && coercible {
        CoerceReturns(quote!(::core::convert::identity::<#output_ty>)).visit_block_mut(&mut original_body);
    }
    let shadow_value = match &output_fn_name {
        Some(expect) => {
            CoerceReturns(expect.clone()).visit_block_mut(&mut original_body);
            quote!(#expect(#original_body))
        }
        None => quote!(#original_body),
    };
    let shadow = quote_spanned! {span=>
        // The borrow-check shadow: the original body, never run, so that rustc checks its
        // borrows (and reports its errors) exactly as it would for the native `async fn`.
        #rt::shadow::<_, #turbofish_output, _>((#(#arg_refs,)*), |(#(#shadow_pats,)*)| async move {
            #(#shadow_lets)*
            let __value: #turbofish_output = #shadow_value;
            __value
        });
    };
    // With frame slots, the machine's state is a `Frame { state, slots }`.
    let (start, resume_param, split) = if slot_map.is_empty() {
        (
            emitter.start_value(&start_inits),
            quote!(__state),
            quote!(),
        )
    } else {
        let empty = slot_map.iter().map(|_| quote!(#rt::Slot::new()));
        (
            {
                let start = emitter.start_value(&start_inits);
                quote!(#rt::Frame { state: #start, slots: (#(#empty,)*) })
            },
            quote!(__frame),
            quote!(let (mut __state, __slots) = unsafe { #rt::split_frame(__frame.as_mut()) };),
        )
    };
    let finish = if wrapped {
        quote!(__machine.await)
    } else {
        quote!(__machine)
    };
    Ok(quote! {
        #(#attrs)*
        // The added `'__sm` bounds go in a `where` clause beside the user's own bounds.
        #[allow(clippy::multiple_bound_locations)]
        #vis #sig {
            use #krate::__private as #rt;
            #(#items)*
            #output_fn
            #enum_tokens
            #shadow
            #[allow(unused_mut, unused_variables, unreachable_code, unused_assignments, unused_labels, unused_braces, unused_parens, non_snake_case, clippy::all)]
            let __machine = #rt::StateMachine::<_, _, #builder, #turbofish_output>::start(
                #start,
                move |mut #resume_param, __cx| 'poll: loop {
                    #split
                    #dispatch
                },
            );
            #finish
        }
    })
}

/// Could the body hold a borrow of a local or an argument across an await (an awaiter or
/// a parked value that borrows)? Not if it makes no reference: no `&`, no `ref`, no method
/// called on a place (`self.items.iter()`, `v.len()`), no non-`move` closure or `async`
/// block, no `&` or `ref` in a macro's tokens. Such a body holds only owned values.
fn may_hold_borrows(body: &syn::Block) -> bool {
    struct Find(bool);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_expr(&mut self, e: &'a syn::Expr) {
            match e {
                syn::Expr::Reference(_) => self.0 = true,
                syn::Expr::MethodCall(m) if crate::normalize::is_place(&m.receiver) => self.0 = true,
                syn::Expr::Closure(c) if c.capture.is_none() => self.0 = true,
                syn::Expr::Async(a) if a.capture.is_none() => self.0 = true,
                _ => {}
            }
            syn::visit::visit_expr(self, e);
        }
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            self.0 |= p.by_ref.is_some();
            syn::visit::visit_pat_ident(self, p);
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            self.0 |= m.tokens.clone().into_iter().any(|t| has_ref_token(&t));
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    fn has_ref_token(t: &proc_macro2::TokenTree) -> bool {
        match t {
            proc_macro2::TokenTree::Punct(p) => p.as_char() == '&',
            proc_macro2::TokenTree::Ident(i) => i == "ref",
            proc_macro2::TokenTree::Group(g) => g.stream().into_iter().any(|t| has_ref_token(&t)),
            _ => false,
        }
    }
    let mut f = Find(false);
    syn::visit::Visit::visit_block(&mut f, body);
    f.0
}

/// Does the body call the function itself (`f(..)`, `Self::f(..)`, `x.f(..)`), or await a
/// boxed call (`Box::pin(g(..))`, `Box::pin(x.g(..))`, `g(..).boxed()`), which may lead back to it through
/// another function?
fn may_recurse(body: &syn::Block, name: &syn::Ident) -> bool {
    struct Find<'n> {
        name: &'n syn::Ident,
        found: bool,
    }
    impl<'a> syn::visit::Visit<'a> for Find<'_> {
        fn visit_expr_call(&mut self, call: &'a syn::ExprCall) {
            if let syn::Expr::Path(p) = &*call.func {
                let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
                let own = segs.last().is_some_and(|l| *self.name == l)
                    && (segs.len() == 1 || (segs.len() == 2 && segs[0] == "Self"));
                // (A method too: `Box::pin(self.pong(n))` in `ping`, which `pong` calls
                // back the same way.)
                let boxed_call = segs.ends_with(&["Box".to_string(), "pin".to_string()])
                    && call.args.iter().any(|a| matches!(a, syn::Expr::Call(_) | syn::Expr::MethodCall(_)));
                self.found |= own || boxed_call;
            }
            syn::visit::visit_expr_call(self, call);
        }
        fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
            // `child.walk()` inside `walk`: any receiver may be of the same type.
            self.found |= m.method == *self.name || m.method == "boxed";
            syn::visit::visit_expr_method_call(self, m);
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut find = Find { name, found: false };
    syn::visit::Visit::visit_block(&mut find, body);
    find.found
}

/// The witness of local `n`: `__witness_n`.
pub(super) fn witness_name(n: &syn::Ident) -> syn::Ident {
    format_ident!("__witness_{}", n.to_string().trim_start_matches("r#").trim_start_matches('_'))
}

/// `let __witness_x = witness(&x);` after each binding of a witnessed local.
fn insert_witnesses(
    body: &mut syn::Block,
    names: &BTreeSet<String>,
    params: &[syn::Ident],
    rt: &TokenStream,
) {
    let stmt = |n: &syn::Ident| -> syn::Stmt {
        let w = witness_name(n);
        syn::parse_quote!(let #w = #rt::witness(&#n);)
    };
    struct Insert<'a, F: Fn(&syn::Ident) -> syn::Stmt> {
        names: &'a BTreeSet<String>,
        stmt: F,
    }
    impl<F: Fn(&syn::Ident) -> syn::Stmt> Insert<'_, F> {
        fn for_pat(&self, pat: &Pat) -> Vec<syn::Stmt> {
            let mut bound = Vec::new();
            crate::analyze::bindings(pat, &mut bound);
            bound
                .iter()
                .filter(|(n, _)| self.names.contains(&n.to_string()))
                .map(|(n, _)| (self.stmt)(n))
                .collect()
        }
    }
    impl<F: Fn(&syn::Ident) -> syn::Stmt> VisitMut for Insert<'_, F> {
        fn visit_block_mut(&mut self, b: &mut syn::Block) {
            let mut out = Vec::new();
            for mut s in b.stmts.drain(..) {
                self.visit_stmt_mut(&mut s);
                let extra = match &s {
                    syn::Stmt::Local(l) => self.for_pat(&l.pat),
                    _ => Vec::new(),
                };
                out.push(s);
                out.extend(extra);
            }
            b.stmts = out;
        }
        fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
            syn::visit_mut::visit_arm_mut(self, arm);
            if let syn::Expr::Block(b) = &mut *arm.body {
                let mut extra = self.for_pat(&arm.pat);
                extra.append(&mut b.block.stmts);
                b.block.stmts = extra;
            }
        }
        fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
        fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    let ins = Insert { names, stmt };
    let mut first: Vec<syn::Stmt> = params
        .iter()
        .filter(|p| names.contains(&p.to_string()))
        .map(|p| (ins.stmt)(p))
        .collect();
    let mut ins = ins;
    ins.visit_block_mut(body);
    first.append(&mut body.stmts);
    body.stmts = first;
}

/// Two lifetimes or more, or type parameters: the awaiters' borrows need a lifetime of
/// their own that every other one outlives.
fn needs_machine_lifetime(sig: &syn::Signature) -> bool {
    if sig.generics.type_params().next().is_some() {
        return true;
    }
    let mut lifetimes = sig.generics.lifetimes().count();
    for arg in &sig.inputs {
        let tokens = match arg {
            FnArg::Receiver(r) => quote!(#r),
            FnArg::Typed(t) => {
                let ty = &t.ty;
                quote!(#ty)
            }
        };
        if mentions_impl_tokens(&tokens) {
            return true;
        }
        lifetimes += count_references(&tokens);
    }
    lifetimes >= 2
}

fn mentions_impl_tokens(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        proc_macro2::TokenTree::Ident(i) => i == "impl",
        proc_macro2::TokenTree::Group(g) => mentions_impl_tokens(&g.stream()),
        _ => false,
    })
}

/// May an argument's type hold type parameters of the enclosing `impl`, which the
/// attribute cannot see? `self` taken by value, `Self`, or a name that looks like a type
/// parameter (`T`, `K2`) that the function does not declare.
fn takes_outer_generics(sig: &syn::Signature) -> bool {
    let declared: Vec<String> = sig.generics.type_params().map(|t| t.ident.to_string()).collect();
    sig.inputs.iter().any(|arg| match arg {
        FnArg::Receiver(r) => !matches!(r.kind, syn::ReceiverKind::Reference(..)),
        FnArg::Typed(t) => {
            let ty = &t.ty;
            let mut idents = std::collections::BTreeSet::new();
            crate::util::collect_idents(&quote!(#ty), &mut idents);
            idents.iter().any(|name| {
                name == "Self"
                    || (name.len() <= 2
                        && name.starts_with(|c: char| c.is_ascii_uppercase())
                        && !declared.contains(name))
            })
        }
    })
}

/// The signature's only lifetime (`'_` when it is elided), if it has exactly one.
fn single_lifetime(sig: &syn::Signature) -> Option<syn::Lifetime> {
    if let Some(l) = sig.generics.lifetimes().next() {
        return Some(l.lifetime.clone());
    }
    let mut found = None;
    for arg in &sig.inputs {
        let tokens = match arg {
            FnArg::Receiver(r) => quote!(#r),
            FnArg::Typed(t) => {
                let ty = &t.ty;
                quote!(#ty)
            }
        };
        if count_references(&tokens) > 0 {
            found = Some(
                explicit_lifetime(&tokens)
                    .unwrap_or_else(|| syn::Lifetime::new("'_", proc_macro2::Span::call_site())),
            );
        }
    }
    found
}

fn explicit_lifetime(tokens: &TokenStream) -> Option<syn::Lifetime> {
    let tts: Vec<_> = tokens.clone().into_iter().collect();
    for (i, t) in tts.iter().enumerate() {
        match t {
            proc_macro2::TokenTree::Punct(p) if p.as_char() == '\'' => {
                if let Some(proc_macro2::TokenTree::Ident(id)) = tts.get(i + 1) {
                    if id != "_" {
                        return Some(syn::Lifetime::new(&format!("'{id}"), id.span()));
                    }
                }
            }
            proc_macro2::TokenTree::Group(g) => {
                if let Some(l) = explicit_lifetime(&g.stream()) {
                    return Some(l);
                }
            }
            _ => {}
        }
    }
    None
}

/// `&` and lifetimes in a type: each is a lifetime of the signature.
fn count_references(tokens: &TokenStream) -> usize {
    let mut n = 0;
    let tts: Vec<_> = tokens.clone().into_iter().collect();
    for (i, t) in tts.iter().enumerate() {
        match t {
            proc_macro2::TokenTree::Punct(p) if p.as_char() == '&' => {
                let named = matches!(tts.get(i + 1), Some(proc_macro2::TokenTree::Punct(q)) if q.as_char() == '\'');
                if !named {
                    n += 1;
                }
            }
            proc_macro2::TokenTree::Punct(p) if p.as_char() == '\'' => n += 1,
            proc_macro2::TokenTree::Group(g) => n += count_references(&g.stream()),
            _ => {}
        }
    }
    n
}

/// Names the lifetime of the machine, `'__sm`, and bounds every lifetime and type of the
/// signature by it, so that rustc can pick it for the borrows the awaiters hold on the
/// parked locals (a proc-macro cannot name "the lifetime of the pinned state"; rustc's own
/// coroutines erase these regions instead). Elided lifetimes get names so they can be
/// bounded; `impl Trait` arguments get `+ '__sm`.
fn add_machine_lifetime(sig: &mut syn::Signature) -> syn::Lifetime {
    let sm = syn::Lifetime::new("'__sm", proc_macro2::Span::call_site());
    let mut names = NameElided {
        next: 0,
        new: Vec::new(),
        sm: sm.clone(),
    };
    for arg in sig.inputs.iter_mut() {
        match arg {
            FnArg::Receiver(r) => {
                if let syn::ReceiverKind::Reference(_, lt, _) = &mut r.kind {
                    if lt.as_ref().is_none_or(|l| l.ident == "_") {
                        *lt = Some(names.fresh());
                    }
                }
                if let syn::ReceiverKind::Typed(_, ty) = &mut r.kind {
                    names.visit_type_mut(ty);
                }
            }
            FnArg::Typed(t) => names.visit_type_mut(&mut t.ty),
        }
    }
    let generics = &mut sig.generics;
    let mut bounds: Vec<syn::WherePredicate> = Vec::new();
    for param in generics.params.iter() {
        match param {
            syn::GenericParam::Lifetime(l) => {
                let lt = &l.lifetime;
                bounds.push(syn::parse_quote!(#lt: #sm));
            }
            syn::GenericParam::Type(t) => {
                let id = &t.ident;
                bounds.push(syn::parse_quote!(#id: #sm));
            }
            _ => {}
        }
    }
    for lt in &names.new {
        bounds.push(syn::parse_quote!(#lt: #sm));
    }
    // Types from an enclosing `impl` (its parameters, `Self`) are invisible here: bound
    // every argument type and the output, which is where they can appear.
    let mut typed: Vec<Type> = sig
        .inputs
        .iter()
        .map(|a| match a {
            FnArg::Typed(t) => (*t.ty).clone(),
            FnArg::Receiver(_) => syn::parse_quote!(Self),
        })
        .collect();
    if let ReturnType::Type(_, t) = &sig.output {
        typed.push((**t).clone());
    }
    let own: Vec<String> = generics
        .params
        .iter()
        .filter_map(|p| match p {
            syn::GenericParam::Type(t) => Some(t.ident.to_string()),
            _ => None,
        })
        .collect();
    for ty in typed {
        if !mentions_impl(&ty) && may_name_outer_type(&ty, &own) {
            bounds.push(syn::parse_quote!(#ty: #sm));
        }
    }
    let mut params: syn::punctuated::Punctuated<syn::GenericParam, syn::Token![,]> =
        syn::punctuated::Punctuated::new();
    params.push(syn::parse_quote!(#sm));
    for lt in &names.new {
        params.push(syn::parse_quote!(#lt));
    }
    for p in generics.params.iter() {
        params.push(p.clone());
    }
    // Lifetimes must come first.
    let (lifetimes, others): (Vec<_>, Vec<_>) = params
        .into_iter()
        .partition(|p| matches!(p, syn::GenericParam::Lifetime(_)));
    generics.params = lifetimes.into_iter().chain(others).collect();
    if generics.lt_token.is_none() {
        generics.lt_token = Some(Default::default());
        generics.gt_token = Some(Default::default());
    }
    generics.make_where_clause().predicates.extend(bounds);
    sm
}

/// Gives elided lifetimes in argument types a name (`&T` -> `&'__l0 T`, `'_` -> `'__l1`),
/// except inside `Fn(..)` sugar and `fn` pointers, where elision means "for all".
struct NameElided {
    next: usize,
    new: Vec<syn::Lifetime>,
    sm: syn::Lifetime,
}

impl NameElided {
    fn fresh(&mut self) -> syn::Lifetime {
        let lt = syn::Lifetime::new(
            &format!("'__l{}", self.next),
            proc_macro2::Span::call_site(),
        );
        self.next += 1;
        self.new.push(lt.clone());
        lt
    }
}

impl VisitMut for NameElided {
    fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
        if r.lifetime.as_ref().is_none_or(|l| l.ident == "_") {
            r.lifetime = Some(self.fresh());
        }
        syn::visit_mut::visit_type_reference_mut(self, r);
        // `&impl Debug` gets a second bound: `&(impl Debug + '__sm)`, not the ambiguous
        // `&impl Debug + '__sm`.
        if matches!(&*r.elem, Type::ImplTrait(_)) {
            let elem = std::mem::replace(&mut *r.elem, Type::Verbatim(TokenStream::new()));
            *r.elem = syn::parse_quote!((#elem));
        }
    }
    fn visit_lifetime_mut(&mut self, l: &mut syn::Lifetime) {
        if l.ident == "_" {
            *l = self.fresh();
        }
    }
    fn visit_type_impl_trait_mut(&mut self, t: &mut syn::TypeImplTrait) {
        syn::visit_mut::visit_type_impl_trait_mut(self, t);
        let sm = &self.sm;
        t.bounds.push(syn::parse_quote!(#sm));
    }
    fn visit_parenthesized_generic_arguments_mut(
        &mut self,
        _: &mut syn::ParenthesizedGenericArguments,
    ) {
    }
    fn visit_type_fn_ptr_mut(&mut self, _: &mut syn::TypeFnPtr) {}
}

fn rename_self_in_pat(pat: &Pat) -> TokenStream {
    quote!(#pat)
}

/// Does the type name some type (not only references to primitives)? Bounds like
/// `u32: 'a` are noise.
/// Could `ty` name a type this signature does not bound already: a parameter of an
/// enclosing `impl`, `Self` or a projection? Its own type parameters, its lifetimes (all
/// bounded by `'__sm`), primitives, prelude types and paths (`std::io::Result`) cannot.
fn may_name_outer_type(ty: &Type, own: &[String]) -> bool {
    const KNOWN: &[&str] = &[
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
        "f32", "f64", "bool", "char", "str", "String", "Vec", "Option", "Result", "Box",
    ];
    struct Find<'a> {
        own: &'a [String],
        outer: bool,
    }
    impl<'v> syn::visit::Visit<'v> for Find<'_> {
        fn visit_type_path(&mut self, p: &'v syn::TypePath) {
            let first = p.path.segments.first().map(|s| s.ident.to_string()).unwrap_or_default();
            let single = p.path.segments.len() == 1 && p.path.leading_colon.is_none();
            self.outer |= p.qself.is_some()
                || first == "Self"
                || (single && !self.own.contains(&first) && !KNOWN.contains(&first.as_str()));
            syn::visit::visit_type_path(self, p);
        }
    }
    let mut find = Find { own, outer: false };
    syn::visit::Visit::visit_type(&mut find, ty);
    find.outer
}

fn mentions_impl(ty: &Type) -> bool {
    // (At any depth: `(&'a str, impl Fn(u32))`.)
    mentions_impl_tokens(&quote!(#ty))
}

/// `Result<..>` (any path ending in `Result`): `?` works unchanged in a closure returning
/// `Poll<Result<..>>`.
fn returns_result(ty: &Type) -> bool {
    match ty {
        Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Result"),
        _ => false,
    }
}

/// `return value` to `return identity::<T>(value)`: a coercion site for the declared type
/// (or an expectation of it: `__as_output(value)`, see [`output_expectation`]).
struct CoerceReturns(TokenStream);

impl VisitMut for CoerceReturns {
    fn visit_expr_return_mut(&mut self, r: &mut syn::ExprReturn) {
        if let Some(e) = &mut r.expr {
            self.visit_expr_mut(e);
            let f = &self.0;
            **e = syn::parse_quote_spanned!(e.span()=> #f(#e));
        }
    }
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// The parameters taken by value whose fields are their own, never reached through a
/// pointer: of a tuple type, or of a struct the file declares (`self` of the `impl`'s) (not an `Rc` or a type
/// parameter, whose fields a closure reaches through a `Deref`) without a `Drop` (whose
/// fields a closure cannot take apart).
fn field_params(sig: &syn::Signature, owned_params: &[String]) -> BTreeSet<String> {
    let own_fields = |name: &str| {
        crate::analyze::receivers::declares_struct(name) && !crate::analyze::receivers::implements_drop(name)
    };
    sig.inputs
        .iter()
        .filter_map(|a| match a {
            // (`self` by value, of the `impl`'s type.)
            FnArg::Receiver(_) => crate::analyze::receivers::self_type().filter(|t| own_fields(t)).map(|_| SELF_NAME.to_string()),
            FnArg::Typed(t) => match (&*t.pat, &*t.ty) {
                (Pat::Ident(p), syn::Type::Tuple(_)) => Some(p.ident.to_string()),
                (Pat::Ident(p), syn::Type::Path(ty)) => {
                    let name = ty.path.segments.last()?.ident.to_string();
                    own_fields(&name).then(|| p.ident.to_string())
                }
                _ => None,
            },
        })
        .filter(|p| owned_params.contains(p))
        .collect()
}

/// The parameters that surely own their value: `self`, or a name whose type is written as
/// a named type or a tuple (not a reference, `impl Trait` or one of the function's type
/// parameters, which may stand for a reference).
fn owned_params(sig: &syn::Signature) -> Vec<String> {
    let generic = |p: &syn::TypePath| p.qself.is_none() && p.path.get_ident().is_some_and(|i| sig.generics.type_params().any(|t| t.ident == *i));
    sig.inputs
        .iter()
        .filter_map(|a| match a {
            FnArg::Receiver(r) if matches!(r.kind, syn::ReceiverKind::Value) => Some(SELF_NAME.to_string()),
            FnArg::Typed(t) => match (&*t.pat, &*t.ty) {
                (Pat::Ident(p), syn::Type::Path(ty)) if p.by_ref.is_none() && !generic(ty) => Some(p.ident.to_string()),
                (Pat::Ident(p), syn::Type::Tuple(_)) if p.by_ref.is_none() => Some(p.ident.to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The parameters bound to a plain name whose type `typed` accepts.
fn params_typed(f: &ItemFn, typed: impl Fn(&syn::Type) -> bool) -> BTreeSet<String> {
    f.sig
        .inputs
        .iter()
        .filter_map(|a| match a {
            FnArg::Typed(t) => match &*t.pat {
                Pat::Ident(p) if typed(&t.ty) => Some(p.ident.to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// Where the declared output names `impl Trait` (`-> impl Fn(u32) -> u32`), which no `let`
/// can write: an identity function generic over each such type, bounded as written. The
/// body's value, given to it, has the expectation the native `async fn`'s return type
/// gives it (a closure's parameters take their types from the bound). None where the type
/// names the function's generics or `Self`, which a nested function cannot.
fn output_expectation(sig: &syn::Signature, output: &Type) -> Option<TokenStream> {
    struct Opaque(Vec<(syn::Ident, syn::punctuated::Punctuated<syn::TypeParamBound, syn::Token![+]>)>);
    impl VisitMut for Opaque {
        fn visit_type_mut(&mut self, t: &mut Type) {
            // (Inner ones first: `impl Iterator<Item = impl Display>`.)
            syn::visit_mut::visit_type_mut(self, t);
            if let Type::ImplTrait(it) = t {
                let name = quote::format_ident!("__Output{}", self.0.len());
                self.0.push((name.clone(), it.bounds.clone()));
                *t = syn::parse_quote!(#name);
            }
        }
    }
    if !mentions_impl(output) {
        return None;
    }
    let mut ty = output.clone();
    let mut opaque = Opaque(Vec::new());
    opaque.visit_type_mut(&mut ty);
    let (names, mut bounds): (Vec<_>, Vec<_>) = opaque.0.into_iter().unzip();
    // Each lifetime but `'static` (`+ '_`, `&'a str`) becomes one of the function's own:
    // an identity function fits any.
    struct Lifetimes(Vec<(String, syn::Lifetime)>, bool);
    impl VisitMut for Lifetimes {
        // (An elided one, `Item = &u32`, may not be left out of a bound: it gets a name.
        // But not in `Fn(&str)`, where it is any lifetime, as the closure's must be.)
        fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
            if !self.1 {
                r.lifetime.get_or_insert_with(|| syn::Lifetime::new("'_", r.and_token.span));
            }
            syn::visit_mut::visit_type_reference_mut(self, r);
        }
        fn visit_parenthesized_generic_arguments_mut(&mut self, a: &mut syn::ParenthesizedGenericArguments) {
            let outer = std::mem::replace(&mut self.1, true);
            syn::visit_mut::visit_parenthesized_generic_arguments_mut(self, a);
            self.1 = outer;
        }
        fn visit_lifetime_mut(&mut self, l: &mut syn::Lifetime) {
            let name = l.ident.to_string();
            if name == "static" || (self.1 && name == "_") {
                return;
            }
            let fresh = match self.0.iter().find(|(n, _)| n == &name && n != "_") {
                Some((_, f)) => f.clone(),
                None => {
                    let f = syn::Lifetime::new(&format!("'__o{}", self.0.len()), l.span());
                    self.0.push((name, f.clone()));
                    f
                }
            };
            *l = fresh;
        }
    }
    let mut lifetimes = Lifetimes(Vec::new(), false);
    lifetimes.visit_type_mut(&mut ty);
    for b in &mut bounds {
        for bound in b.iter_mut() {
            lifetimes.visit_type_param_bound_mut(bound);
        }
    }
    let fresh: Vec<&syn::Lifetime> = lifetimes.0.iter().map(|(_, f)| f).collect();
    let tokens = quote!(#ty #(#bounds)*);
    let generics: BTreeSet<String> = sig.generics.type_params().map(|t| t.ident.to_string()).chain(sig.generics.const_params().map(|c| c.ident.to_string())).collect();
    let mut idents = BTreeSet::new();
    crate::util::collect_idents(&tokens, &mut idents);
    if idents.contains("Self") || idents.iter().any(|i| generics.contains(i)) {
        return None;
    }
    Some(quote! {
        fn __as_output<#(#fresh,)* #(#names: #bounds),*>(value: #ty) -> #ty {
            value
        }
    })
}
