//! `impl`, `trait` and `mod` blocks printed one member at a time (see [`print_block`]), also
//! when their members come in later parts ([`Shell`], for `Printer::open`).

use proc_macro2::TokenStream;
use syn::visit_mut::VisitMut;

use super::{file_of, DocLineBreaks};

/// The blocks printed member by member.
#[derive(Clone, Copy)]
pub(super) enum Block {
    Impl,
    Trait,
    Mod,
}

/// Parses and prints the next item of `input`.
pub(super) fn print_item(input: syn::parse::ParseStream, text: &mut String) -> syn::Result<()> {
    if let Some(block) = block_ahead(input)? {
        return print_block(input, block, text);
    }
    let mut item: syn::Item = input.parse()?;
    DocLineBreaks.visit_item_mut(&mut item);
    text.push_str(&prettyplease::unparse(&file_of(Vec::new(), vec![item])));
    Ok(())
}

/// Whether the next item is an `impl`, `trait` or `mod` (with a body or not): looks past its
/// attributes, visibility and `unsafe` token by token, without parsing them.
pub(super) fn block_ahead(input: syn::parse::ParseStream) -> syn::Result<Option<Block>> {
    use proc_macro2::Delimiter;
    let mut c = input.cursor();
    while let Some((p, rest)) = c.punct() {
        if p.as_char() != '#' {
            return Ok(None);
        }
        match rest.group(Delimiter::Bracket) {
            Some((_, _, next)) => c = next,
            None => return Ok(None),
        }
    }
    if let Some((word, rest)) = c.ident() {
        if word == "pub" {
            c = rest.group(Delimiter::Parenthesis).map_or(rest, |(_, _, next)| next);
        }
    }
    if let Some((word, rest)) = c.ident() {
        if word == "unsafe" {
            c = rest;
        }
    }
    Ok(match c.ident() {
        Some((word, _)) if word == "impl" => Some(Block::Impl),
        Some((word, _)) if word == "trait" => Some(Block::Trait),
        Some((word, _)) if word == "mod" => Some(Block::Mod),
        _ => None,
    })
}

/// Prints an `impl`, `trait` or `mod` one member at a time: the header (everything before the
/// brace) is parsed once, then each member is parsed and printed inside that header alone and
/// the member's lines are cut out of it. prettyplease prints a block as its header line(s),
/// each member (which ends with a line break) and `}`, so the pieces add up to the text of the
/// whole block; each piece is checked against the header's text and, should one not fit (a
/// shape this does not foresee), the block is printed whole instead.
fn print_block(input: syn::parse::ParseStream, block: Block, text: &mut String) -> syn::Result<()> {
    let mut head = TokenStream::new();
    while !input.peek(syn::token::Brace) {
        let tt: proc_macro2::TokenTree = input.parse()?;
        let end = matches!(&tt, proc_macro2::TokenTree::Punct(p) if p.as_char() == ';');
        head.extend([tt]);
        if end {
            // `mod name;`: no body.
            return print_parsed(syn::parse2(head)?, text);
        }
    }
    let content;
    syn::braced!(content in input);
    let whole = content.fork();
    if content.is_empty() {
        return print_parsed(syn::parse2(quote::quote!(#head {}))?, text);
    }
    if !content.call(syn::Attribute::parse_inner)?.is_empty() {
        return print_whole(&head, &whole, &content, text);
    }
    let Some(mut shell) = Shell::new(&head, block)? else {
        return print_whole(&head, &whole, &content, text);
    };
    let mut out = String::new();
    while !content.is_empty() {
        match shell.member(Member::parse(&content, block)?) {
            Some(lines) => out.push_str(&lines),
            None => return print_whole(&head, &whole, &content, text),
        }
    }
    out.push_str(&shell.close());
    text.push_str(&out);
    Ok(())
}

/// A block printed member by member: its head is printed once with a marker member, then each
/// member alone inside the head, and the member's lines cut out of that text. prettyplease
/// prints a block as its header line(s), each member (which ends with a line break) and `}`, so
/// the pieces add up to the text of the whole block.
pub(super) struct Shell {
    /// `head { member }`, the member replaced for each one printed.
    file: syn::File,
    /// The text of `head {` (its lines up to the first member).
    opening: String,
    pub(super) block: Block,
    /// The tokens before the brace (`head {}` is printed when no member comes).
    head: TokenStream,
    /// Whether a member was printed (the opening with it).
    started: bool,
}

impl Shell {
    /// The shell of the block `head { … }`, or `None` when prettyplease prints its head in a
    /// shape this does not foresee.
    pub(super) fn new(head: &TokenStream, block: Block) -> syn::Result<Option<Shell>> {
        let shell: syn::Item = syn::parse2(quote::quote!(#head {}))?;
        let mut file = file_of(Vec::new(), vec![shell]);
        DocLineBreaks.visit_file_mut(&mut file);
        let (marker, marker_text) = match block {
            Block::Trait => (
                quote::quote!(const __APIGEN_SPLIT: ();),
                "    const __APIGEN_SPLIT: ();\n",
            ),
            Block::Impl | Block::Mod => (
                quote::quote!(const __APIGEN_SPLIT: () = ();),
                "    const __APIGEN_SPLIT: () = ();\n",
            ),
        };
        let marker = syn::parse::Parser::parse2(|s: syn::parse::ParseStream| Member::parse(s, block), marker)?;
        if !set_member(&mut file.items[0], marker) {
            return Ok(None);
        }
        let shell_text = prettyplease::unparse(&file);
        let Some(opening) = shell_text
            .strip_suffix("}\n")
            .and_then(|t| t.strip_suffix(marker_text))
        else {
            return Ok(None);
        };
        Ok(Some(Shell {
            opening: opening.to_string(),
            file,
            block,
            head: head.clone(),
            started: false,
        }))
    }

    /// The text of `member` in the block (the block's opening before the first), or `None`
    /// when it does not fit the shape foreseen.
    pub(super) fn member(&mut self, member: Member) -> Option<String> {
        if !set_member(&mut self.file.items[0], member) {
            return None;
        }
        let piece = prettyplease::unparse(&self.file);
        let lines = piece
            .strip_prefix(self.opening.as_str())
            .and_then(|p| p.strip_suffix("}\n"))?;
        let text = if self.started {
            lines.to_string()
        } else {
            format!("{}{lines}", self.opening)
        };
        self.started = true;
        Some(text)
    }

    /// The text that ends the block: `}`, or the whole `head {}` when no member came.
    pub(super) fn close(self) -> String {
        if self.started {
            return "}\n".to_string();
        }
        let mut text = String::new();
        let head = &self.head;
        // `head {}` parsed in `Shell::new` already.
        if let Ok(item) = syn::parse2(quote::quote!(#head {})) {
            print_item_text(item, &mut text);
        }
        text
    }
}

/// Prints one parsed item, doc strings fixed.
pub(super) fn print_parsed(item: syn::Item, text: &mut String) -> syn::Result<()> {
    print_item_text(item, text);
    Ok(())
}

/// Appends the text of one item, doc strings fixed.
fn print_item_text(mut item: syn::Item, text: &mut String) {
    DocLineBreaks.visit_item_mut(&mut item);
    text.push_str(&prettyplease::unparse(&file_of(Vec::new(), vec![item])));
}

/// Prints the block `head { body }` at once, its body parsed from `body` (a fork of `content`
/// taken before its first member; `content` is consumed to its end).
fn print_whole(
    head: &TokenStream,
    body: syn::parse::ParseStream,
    content: syn::parse::ParseStream,
    text: &mut String,
) -> syn::Result<()> {
    content.parse::<TokenStream>()?;
    let body: TokenStream = body.parse()?;
    print_parsed(syn::parse2(quote::quote!(#head { #body }))?, text)
}

/// One member of a block.
pub(super) enum Member {
    Impl(syn::ImplItem),
    Trait(syn::TraitItem),
    Mod(syn::Item),
}

impl Member {
    /// Parses the next member of a block's body, doc strings fixed.
    pub(super) fn parse(content: syn::parse::ParseStream, block: Block) -> syn::Result<Member> {
        Ok(match block {
            Block::Impl => {
                let mut m: syn::ImplItem = content.parse()?;
                DocLineBreaks.visit_impl_item_mut(&mut m);
                Member::Impl(m)
            }
            Block::Trait => {
                let mut m: syn::TraitItem = content.parse()?;
                DocLineBreaks.visit_trait_item_mut(&mut m);
                Member::Trait(m)
            }
            Block::Mod => {
                let mut m: syn::Item = content.parse()?;
                DocLineBreaks.visit_item_mut(&mut m);
                Member::Mod(m)
            }
        })
    }
}

/// Makes `member` the only member of the block `shell`; false when the kinds differ.
fn set_member(shell: &mut syn::Item, member: Member) -> bool {
    match (shell, member) {
        (syn::Item::Impl(i), Member::Impl(m)) => i.items = vec![m],
        (syn::Item::Trait(t), Member::Trait(m)) => t.items = vec![m],
        (syn::Item::Mod(m), Member::Mod(item)) => {
            m.content = Some((syn::token::Brace::default(), vec![item]));
        }
        _ => return false,
    }
    true
}

