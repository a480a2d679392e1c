//! Blank lines between the items of a printed file.

/// Puts a blank line between consecutive items, which prettyplease does not, so that
/// generated files read like hand-written ones.
pub(super) fn space_out_items(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    let mut in_item_macro = false;
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        let Some(next) = lines.get(i + 1) else {
            continue;
        };
        let indent = |l: &str| l.len() - l.trim_start().len();
        let trimmed = line.trim();
        let next_trimmed = next.trim_start();
        in_item_macro |= ITEM_MACROS.iter().any(|m| trimmed.starts_with(m));
        let ends_item_macro = in_item_macro && trimmed.ends_with(");");
        in_item_macro &= !ends_item_macro;
        let ends_item = (line.starts_with("//!") && !next_trimmed.starts_with("//!"))
            || (line.starts_with("#![") && !next_trimmed.starts_with("#!["))
            || trimmed == "}"
            || trimmed == "};"
            || (trimmed.ends_with(" {}") && !trimmed.starts_with("//"))
            || ends_item_macro
            || (trimmed.ends_with(';')
                && !trimmed.starts_with("//")
                && next_trimmed.starts_with("///"));
        let starts_item = !next_trimmed.starts_with('}')
            && !next_trimmed.starts_with(')')
            && !next_trimmed.starts_with(']')
            && !next_trimmed.starts_with("else")
            && !next_trimmed.is_empty();
        if ends_item
            && starts_item
            && indent(line) == indent(next)
            && !is_inside_expression(next_trimmed)
        {
            out.push('\n');
        }
    }
    out
}

/// The runtime macros that write a type's impls, invoked after it as items.
const ITEM_MACROS: [&str; 4] = [
    "::apigen_runtime::record!",
    "::apigen_runtime::grpc_server!",
    "::apigen_runtime::response_impls!",
    "::apigen_runtime::string_enum!",
];

/// Lines that continue an expression or statement list rather than start an item.
fn is_inside_expression(line: &str) -> bool {
    !(line.starts_with("#[")
        || ITEM_MACROS.iter().any(|m| line.starts_with(m))
        || line.starts_with("#![")
        || line.starts_with("///")
        || line.starts_with("//!")
        || line.starts_with("pub ")
        || line.starts_with("impl")
        || line.starts_with("fn ")
        || line.starts_with("async fn ")
        || line.starts_with("struct ")
        || line.starts_with("enum ")
        || line.starts_with("trait ")
        || line.starts_with("type ")
        || line.starts_with("const ")
        || line.starts_with("mod ")
        || line.starts_with("use "))
}

