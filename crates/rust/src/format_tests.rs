//! Tests of the formatter (`format.rs`).

use super::*;

/// Printing in parts, blocks member by member, gives the text of printing the whole file
/// at once (with prettyplease's own `unparse`).
#[test]
fn parts_and_blocks_print_like_the_whole_file() {
    let parts = [
        quote::quote! {
            #![doc = " Crate docs."]
        },
        quote::quote! {
            #![warn(missing_docs)]
            /// A trait.
            pub trait Api: Send + Sync + 'static {
                /// One.
                fn one(&self, a: u8) -> impl ::std::future::Future<Output = ::std::result::Result<u8, ()>> + Send;
                /// Two.
                const TWO: u8 = 2;
            }
            impl<T: ::std::fmt::Debug + ::std::clone::Clone + ::std::marker::Send + 'static, U> Wrapper<T, U>
            where
                U: ::std::iter::Iterator<Item = T> + ::std::marker::Send + ::std::marker::Sync + 'static,
            {
                /// A method.
                pub fn a(&self) -> u8 { let x = 1; x + 1 }
                #[doc = " Carriage\r return."]
                pub async fn b(&self) {}
            }
            impl Empty {}
            pub mod inner {
                //! Module docs.
                pub struct S;
                impl S { pub fn f() {} }
            }
            pub mod outer;
            const C: S = S { a: 1 };
            pub fn after() {}
        },
    ];
    let mut printer = Printer::new("x");
    for part in parts.clone() {
        printer.part(part);
    }
    let text = printer.finish().expect("formats");
    let whole: TokenStream = parts.into_iter().collect();
    let mut file: syn::File = syn::parse2(whole).expect("parses");
    DocLineBreaks.visit_file_mut(&mut file);
    let skip: syn::Attribute = syn::parse_quote!(#![cfg_attr(rustfmt, rustfmt::skip)]);
    file.attrs.insert(1, skip);
    let expected = format!(
        "{}\n{}",
        header("//", "x"),
        space_out_items(&prettyplease::unparse(&file))
    );
    assert_eq!(text, expected);
    assert!(text.contains("    pub fn a(&self) -> u8 {"), "{text}");
}

/// A backend bug (tokens that are not Rust) is an error naming the file, not a panic, and
/// the parts after it are ignored.
#[test]
fn invalid_tokens_are_an_error() {
    let mut printer = Printer::new("spec/x.yaml");
    printer.part(quote::quote!(pub struct A; pub fn {} pub struct B;));
    printer.part(quote::quote!(pub struct C;));
    let err = printer.finish().expect_err("invalid");
    assert!(err.to_string().contains("spec/x.yaml"), "{err}");
}

/// A doc line ending in `;` followed by another doc line is not the end of an item: no
/// blank line between them (clippy's `empty_line_after_doc_comments` flagged a spec
/// description with such a line).
#[test]
fn doc_lines_ending_in_a_semicolon_stay_together() {
    let tokens = quote::quote! {
        /// First line;
        /// second line;
        pub struct S;
        /// Next.
        pub struct T;
        impl T {
            /// Within;
            /// a block.
            pub const A: u8 = 1;
            /// B.
            pub const B: u8 = 2;
        }
    };
    let text = rust_file("x", tokens).expect("formats");
    assert!(text.contains("/// First line;\n/// second line;\npub struct S;\n\n/// Next."), "{text}");
    assert!(text.contains("    /// Within;\n    /// a block.\n    pub const A: u8 = 1;\n\n    /// B."), "{text}");
}

/// Conformance finding (clippy `empty_line_after_doc_comments`): a doc line of a JSON example
/// ending in ` {}` was taken for the end of an item and a blank line put after it.
#[test]
fn doc_lines_ending_in_braces_stay_together() {
    let tokens = quote::quote! {
        /// ```text
        /// { "query": {}
        /// }
        /// ```
        pub struct S;
    };
    let text = rust_file("x", tokens).expect("formats");
    assert!(text.contains("/// { \"query\": {}\n/// }\n"), "{text}");
}

/// Fuzz finding: a carriage return in a doc string (a proto comment `// a\rb`) made the
/// formatted file unparseable: prettyplease printed it inside a `///` comment.
#[test]
fn carriage_returns_in_docs_still_parse() {
    let docs = ["a\rb", "a\r\nb", "\r", "x\r/* y", "*/\r"];
    for doc in docs {
        let tokens = quote::quote! {
            #![doc = #doc]
            #[doc = #doc]
            pub struct S {
                #[doc = #doc]
                pub f: u8,
            }
            pub mod m {
                #[doc = #doc]
                pub fn f() {}
            }
        };
        let text = rust_file("x", tokens).expect("formats");
        assert!(!text.contains('\r'), "{doc:?}: {text}");
        syn::parse_file(&text).unwrap_or_else(|e| panic!("{doc:?}: {e}\n{text}"));
    }
}

/// The runtime macro writing a model's `Deserialize` stands apart, one blank line before and
/// after, like the items around it (at the root and in a module).
#[test]
fn item_macros_are_spaced_out() {
    let tokens = quote::quote! {
        pub struct S { pub a: u8 }
        ::apigen_runtime::record!(S { a 0 "a" plain });
        impl S {}
        pub mod m {
            pub struct T { pub b: u8 }
            ::apigen_runtime::record!(T { b 0 "b" plain });
            impl T {}
        }
    };
    let text = rust_file("x", tokens).expect("formats");
    assert!(text.contains("}\n\n::apigen_runtime::record!(S { a 0 \"a\" plain });\n\nimpl S {}"), "{text}");
    assert!(text.contains("    }\n\n    ::apigen_runtime::record!(T { b 0 \"b\" plain });\n\n    impl T {}"), "{text}");
}

/// A block opened and closed around parts prints as the same block in one part; with no
/// member, as the empty block; left open, it is an error.
#[test]
fn streamed_blocks_print_like_whole_ones() {
    let whole = rust_file(
        "x",
        quote::quote! {
            pub struct C;
            impl C {
                /// One.
                pub fn one(&self) -> u8 { 1 }
                pub fn two(&self) -> u8 { 2 }
            }
            /// Docs.
            pub mod builder {
                use super::C;
                pub struct B(pub C);
            }
            impl C {}
        },
    )
    .expect("formats");
    let mut printer = Printer::new("x");
    printer.part(quote::quote!(pub struct C;));
    printer.open(quote::quote!(impl C));
    printer.part(quote::quote!(#[doc = " One."] pub fn one(&self) -> u8 { 1 }));
    printer.part(quote::quote!(pub fn two(&self) -> u8 { 2 }));
    printer.close();
    printer.open(quote::quote!(#[doc = " Docs."] pub mod builder));
    printer.part(quote::quote!(use super::C;));
    printer.part(quote::quote!(pub struct B(pub C);));
    printer.close();
    printer.open(quote::quote!(impl C));
    printer.close();
    assert_eq!(printer.finish().expect("formats"), whole);
    let mut open = Printer::new("x");
    open.open(quote::quote!(impl C));
    assert!(open.finish().is_err(), "a block left open");
    let mut stray = Printer::new("x");
    stray.close();
    assert!(stray.finish().is_err(), "no block to close");
}
