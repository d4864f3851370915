//! How the resume code reaches the state, for each layout: the value the machine starts
//! in, the `match` on where it stands, moving hoisted locals in (a suspension) and out (a
//! resumption). The arms' own code (`mod.rs`) is the same for both layouts.
//!
//! - `enum` (default): a suspension `park`s a whole variant over `Running`; a resumption
//!   moves each parked local out where it lies (`move_out`) and marks the state `Running`
//!   (`vacate`).
//! - `fields` (C#'s shape): a suspension stores each local in its field
//!   (`__this.total = Some(total)`) and sets `__this.state`; a resumption sets the state to
//!   `Running` and takes each field back (`__this.total.take().unwrap()`).
//!
//! In both, each step reborrows the pinned state afresh (`detach`): an awaiter may borrow
//! hoisted locals beside it, which only the pinning makes legal.

use super::Emitter;
use crate::layout::fields::{awaiter_field, input_field};
use crate::parse::LayoutKind;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Expr, Ident, parse_quote};

/// A hoisted local as bound when it comes back: its name and whether it is `mut`.
pub struct Bound {
    pub name: Ident,
    pub mutable: bool,
}

impl Emitter<'_> {
    pub(super) fn fields(&self) -> bool {
        self.layout.kind == LayoutKind::Fields
    }

    /// The state the machine is created in, holding the arguments: each under its name,
    /// with the value given (`__self: self`) or the variable of that name.
    pub fn start_value(&self, args: &[(Ident, Option<TokenStream>)]) -> TokenStream {
        let state = &self.layout.name;
        if !self.fields() {
            let inits = args.iter().map(|(name, value)| match value {
                Some(v) => quote!(#name: #v),
                None => quote!(#name),
            });
            return quote!(#state::Start { #(#inits),* });
        }
        let step = self.layout.step_name();
        // Each argument goes into its field, the rest start empty.
        let args: Vec<(Ident, TokenStream)> = args
            .iter()
            .map(|(name, value)| {
                let value = value.clone().unwrap_or_else(|| quote!(#name));
                (self.layout.field(usize::MAX, name), value)
            })
            .collect();
        let fields = self.layout.hoisted.iter().map(|h| {
            let n = &h.name;
            match args.iter().find(|(f, _)| f == n) {
                Some((_, value)) => quote!(#n: ::core::option::Option::Some(#value)),
                None => quote!(#n: ::core::option::Option::None),
            }
        });
        quote!(#state { state: #step::Start, #(#fields,)* })
    }

    /// The resume closure's body: C#'s `switch (<>1__state)` with a `goto` per await.
    ///
    /// ```text
    /// 'await1: { 'await0: { match state { Start => { .. break 'await0 }, Await0 => break 'await0, .. } }
    ///            /* poll await 0's awaiter, run on to the next await */ }
    /// /* poll await 1's awaiter, .. */
    /// ```
    /// The code that polls await N follows the blocks of the awaits before it, so reaching
    /// await N from earlier code is `break 'awaitN` (straight on, no dispatch); only a jump
    /// back (a loop) goes round `'poll` and through the `match` again.
    pub fn dispatch(&self, start: TokenStream, awaits: Vec<(TokenStream, TokenStream)>) -> TokenStream {
        let rt = &self.rt;
        let arms = awaits.iter().map(|(arm, _)| arm);
        let running = self.running_arm();
        let mut code = if self.fields() {
            quote!(match __state.state { #start #(#arms)* #running })
        } else {
            quote!(match unsafe { #rt::detach(__state.as_mut()) } { #start #(#arms)* #running })
        };
        for (k, (_, resume)) in awaits.into_iter().enumerate() {
            let label = await_label(k);
            code = quote! {
                #label: { #code }
                #resume
            };
        }
        code
    }

    /// Where a suspension at await `k` goes once its awaiter is built: straight on to the
    /// code that polls it if that code follows (`break 'awaitK`), else round the loop.
    fn jump_to(&self, k: usize) -> TokenStream {
        if self.resuming.get().is_none_or(|j| k > j) {
            let label = await_label(k);
            quote!(break #label;)
        } else {
            quote!(continue 'poll;)
        }
    }

    /// The `Start` arm: move the arguments out, then run the body.
    pub fn start_arm(&self, params: &[Bound], body: TokenStream) -> TokenStream {
        let (rt, state) = (&self.rt, &self.layout.name);
        if !self.fields() {
            let names: Vec<&Ident> = params.iter().map(|b| &b.name).collect();
            let bind = params.iter().map(bind_pattern);
            let take = (!params.is_empty()).then(|| {
                quote!(let (#(#bind,)*) = unsafe { (#(#rt::move_out(#names),)*) };)
            });
            return quote! {
                #state::Start { #(#names),* } => {
                    #take
                    unsafe { #rt::vacate(__state.as_mut(), #state::Running) };
                    #body
                }
            };
        }
        let step = self.layout.step_name();
        let take = self.take_fields(usize::MAX, params);
        quote! {
            #step::Start => {
                #take
                #body
            }
        }
    }

    /// `__this.state = Running; let x = __this.x.take().unwrap(); ..` (at await `k`, or
    /// `usize::MAX`: at `Start`).
    fn take_fields(&self, k: usize, bound: &[Bound]) -> TokenStream {
        let (rt, step) = (&self.rt, self.layout.step_name());
        let takes = bound.iter().map(|b| {
            let n = &b.name;
            let f = self.layout.field(k, n);
            let m = b.mutable.then(|| quote!(mut));
            quote!(let #m #n = __this.#f.take().unwrap();)
        });
        quote! {
            let __this = unsafe { #rt::detach(__state.as_mut()) };
            __this.state = #step::Running;
            #(#takes)*
        }
    }

    /// The arm of await `k`: (build the deferred awaiter,) poll it in place, and once it is
    /// ready take the hoisted locals back and run the continuation.
    pub fn await_arm(
        &self,
        k: usize,
        deferred: Option<(&[Ident], TokenStream)>,
        bound: &[Bound],
        tail: TokenStream,
    ) -> (TokenStream, TokenStream) {
        let (rt, state) = (&self.rt, &self.layout.name);
        let variant = &self.layout.variants[k + 1].name;
        let label = await_label(k);
        let poll = quote! {
            match unsafe { #rt::poll_in_place(awaiter, __cx) } {
                #rt::Poll::Ready(output) => output,
                #rt::Poll::Pending => return #rt::Poll::Pending,
            }
        };
        // The output is declared again after the slot guards taken back, so that it drops
        // before them, as the native temporary drops before the locals: a guard the await
        // made (`*c.lock().await` on a slotted `c`) must not outlive the slot it points into.
        let output_last = bound
            .iter()
            .any(|b| b.name.to_string().starts_with("__slot_"))
            .then(|| quote!(let __output = __output;));
        if !self.fields() {
            // Every parked field is bound by `&mut`; once the awaiter is done each is moved
            // out where it lies, then the state is marked `Running`. A deferred awaiter's
            // closure may capture the bindings it is built from: the fields are bound again.
            let names: Vec<&Ident> = bound.iter().map(|b| &b.name).collect();
            let bind = bound.iter().map(bind_pattern);
            let (pattern, rebind, build) = match deferred {
                Some((used, build)) => (
                    quote!(#(#used,)*),
                    quote! {
                        let parked = unsafe { #rt::detach(__state.as_mut()) };
                        let #state::#variant { #(#names,)* .. } = parked else { unreachable!() };
                    },
                    build,
                ),
                None => (quote!(#(#names,)*), quote!(), quote!()),
            };
            let take = (!bound.is_empty()).then(|| {
                quote! {
                    #rebind
                    let (#(#bind,)*) = unsafe { (#(#rt::move_out(#names),)*) };
                }
            });
            return (
                quote!(#state::#variant { .. } => break #label,),
                quote! {
                    let parked = unsafe { #rt::detach(__state.as_mut()) };
                    let #state::#variant { awaiter, #pattern .. } = parked else { unreachable!() };
                    #build
                    let __output = #poll;
                    #take
                    #output_last
                    unsafe { #rt::vacate(__state.as_mut(), #state::Running) };
                    #tail
                },
            );
        }
        let step = self.layout.step_name();
        let awaiter = awaiter_field(k);
        let build = deferred.map(|(used, build)| {
            let inputs: Vec<&Ident> = self.analysis.sites[k].inputs.iter().map(|p| &p.name).collect();
            let used: Vec<&Ident> = used.iter().filter(|u| !inputs.contains(u)).collect();
            let used_fields = used.iter().map(|u| self.layout.field(k, u));
            let input_fields = inputs.iter().map(|n| input_field(k, n));
            quote! {
                #(let #used = __this.#used_fields.as_mut().unwrap();)*
                #(let #inputs = &mut __this.#input_fields;)*
                #build
            }
        });
        let take = self.take_fields(k, bound);
        (
            quote!(#step::#variant => break #label,),
            quote! {
                let __output = {
                    let __this = unsafe { #rt::detach(__state.as_mut()) };
                    let awaiter = &mut __this.#awaiter;
                    #build
                    #poll
                };
                #take
                #output_last
                #tail
            },
        )
    }

    /// The arm that cannot be reached: the wrapper never resumes a running machine.
    pub fn running_arm(&self) -> TokenStream {
        let message = quote!("async-lower: the state machine was re-entered while running");
        if self.fields() {
            let step = self.layout.step_name();
            quote!(#step::Running => unreachable!(#message),)
        } else {
            let state = &self.layout.name;
            quote!(#state::Running => unreachable!(#message),)
        }
    }

    /// A suspension at await `k` whose awaiter is built in its own arm: hoist the live
    /// locals (`fields`) and the awaiter's inputs, and go poll.
    pub fn park_deferred(&self, k: usize, inputs: &[Ident], fields: &[&Ident]) -> Expr {
        let (rt, state) = (&self.rt, &self.layout.name);
        let jump = self.jump_to(k);
        let variant = &self.layout.variants[k + 1].name;
        if !self.fields() {
            return parse_quote! {{
                unsafe { #rt::park(__state.as_mut(), #state::#variant { awaiter: ::core::option::Option::None, #(#inputs: ::core::option::Option::Some(#inputs),)* #(#fields),* }) };
                #jump
            }};
        }
        let step = self.layout.step_name();
        let awaiter = awaiter_field(k);
        let input_fields = inputs.iter().map(|n| input_field(k, n));
        let slots = fields.iter().map(|f| self.layout.field(k, f));
        parse_quote! {{
            let __this = unsafe { #rt::detach(__state.as_mut()) };
            #(__this.#slots = ::core::option::Option::Some(#fields);)*
            #(__this.#input_fields = ::core::option::Option::Some(#inputs);)*
            __this.#awaiter = ::core::option::Option::None;
            __this.state = #step::#variant;
            #jump
        }}
    }

    /// A suspension at await `k`: hoist the live locals (`fields`), build the awaiter in
    /// place from those it uses (`used`, reached through `&mut` bindings), and go poll.
    /// `early`: the awaiter reads none of them, and is built first (see `SiteFacts::early`).
    /// `rematched`: the `&mut` bindings it uses, matched again from those (see
    /// `SiteFacts::lent`).
    pub fn park_and_build(&self, k: usize, fields: &[&Ident], used: &[Ident], rematched: &[syn::Stmt], operand: &Expr, early: bool) -> Expr {
        let (rt, state) = (&self.rt, &self.layout.name);
        let jump = self.jump_to(k);
        let variant = &self.layout.variants[k + 1].name;
        // (Built early, it is made first and stored where the in-place one is built.)
        let (built, into) = if early {
            (quote!(let __awaiter = #rt::IntoFuture::into_future(#operand);), quote!(::core::option::Option::Some(__awaiter)))
        } else {
            (quote!(), quote!(::core::option::Option::Some(#rt::IntoFuture::into_future(#operand))))
        };
        if !self.fields() {
            return parse_quote! {{
                #built
                unsafe { #rt::park(__state.as_mut(), #state::#variant { awaiter: ::core::option::Option::None, #(#fields),* }) };
                let parked = unsafe { #rt::detach(__state.as_mut()) };
                let #state::#variant { awaiter, #(#used,)* .. } = parked else { unreachable!() };
                #(#rematched)*
                *awaiter = #into;
                #jump
            }};
        }
        let step = self.layout.step_name();
        let awaiter = awaiter_field(k);
        let stored: Vec<&&Ident> = fields.iter().filter(|f| !used.contains(f)).collect();
        let stored_fields = stored.iter().map(|f| self.layout.field(k, f));
        let used_fields = used.iter().map(|f| self.layout.field(k, f));
        // C#'s order: `<>1__state = N; <>u__1 = awaiter;` (the awaiter borrows the fields
        // just stored, so it is built after them).
        parse_quote! {{
            #built
            let __this = unsafe { #rt::detach(__state.as_mut()) };
            #(__this.#stored_fields = ::core::option::Option::Some(#stored);)*
            #(let #used = __this.#used_fields.insert(#used);)*
            #(#rematched)*
            __this.state = #step::#variant;
            __this.#awaiter = #into;
            #jump
        }}
    }
}

/// `'awaitN`: the label of the code that polls await N.
fn await_label(k: usize) -> syn::Lifetime {
    syn::Lifetime::new(&format!("'await{k}"), proc_macro2::Span::call_site())
}

fn bind_pattern(b: &Bound) -> TokenStream {
    let n = &b.name;
    if b.mutable { quote!(mut #n) } else { quote!(#n) }
}
