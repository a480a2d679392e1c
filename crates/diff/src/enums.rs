//! Enumerations (values matched by value, then by proto number) and unions (variants matched
//! by name, then by discriminator tag).

use apigen_ir::{EnumRepr, EnumType, EnumValue, TypeDef, UnionMatch, UnionType, UnionVariant};

use crate::ctx::{child, show, Ctx};
use crate::operations::diff_value_type;
use crate::report::ChangeKind as K;
use crate::rules::{Facts, Relation};

fn value_location(def: &TypeDef, v: &EnumValue) -> String {
    child(&def.location, &["enum", &v.value], &v.value)
}

/// Old and new values matched by value, then by number.
fn match_values<'a>(
    old: &'a [EnumValue],
    new: &'a [EnumValue],
) -> Vec<(Option<&'a EnumValue>, Option<&'a EnumValue>)> {
    let mut taken = vec![false; new.len()];
    let mut out = Vec::new();
    let by_value: Vec<Option<usize>> = old
        .iter()
        .map(|v| {
            let i = (0..new.len()).find(|&i| !taken[i] && new[i].value == v.value)?;
            taken[i] = true;
            Some(i)
        })
        .collect();
    for (v, i) in old.iter().zip(by_value) {
        let i = i.or_else(|| {
            v.number?;
            let i = (0..new.len()).find(|&i| !taken[i] && new[i].number == v.number)?;
            taken[i] = true;
            Some(i)
        });
        out.push((Some(v), i.map(|i| &new[i])));
    }
    out.extend(
        new.iter()
            .zip(taken)
            .filter(|(_, t)| !t)
            .map(|(v, _)| (None, Some(v))),
    );
    out
}

type Def<'a, T> = (&'a TypeDef, &'a T);

/// Representation and values of an enum.
pub(crate) fn diff_enum(ctx: &mut Ctx<'_>, (to, a): Def<'_, EnumType>, (tn, b): Def<'_, EnumType>) {
    let dir = ctx.dir(&to.name, &tn.name);
    let base = Facts {
        dir,
        proto: a.values.iter().chain(&b.values).any(|v| v.number.is_some()),
        ..Facts::default()
    };
    let reserved = ctx
        .documents
        .1
        .map(|doc| crate::raw::reserved(doc, &tn.name))
        .unwrap_or_default();
    let name = &tn.name;
    if a.repr != b.repr {
        let repr = |r: EnumRepr| match r {
            EnumRepr::String => "strings",
            EnumRepr::Integer => "integers",
            EnumRepr::Number => "numbers",
            EnumRepr::Boolean => "booleans",
        };
        let msg = format!(
            "values of enum `{name}` changed from {} to {}",
            repr(a.repr),
            repr(b.repr)
        );
        ctx.push(
            K::EnumReprChanged,
            base,
            Some(to.location.clone()),
            Some(tn.location.clone()),
            msg,
        );
    }
    for (vo, vn) in match_values(&a.values, &b.values) {
        match (vo, vn) {
            (Some(v), None) => {
                let msg = format!("value `{}` of enum `{name}` removed", v.value);
                let number_reserved = v.number.is_some_and(|n| {
                    let n = i64::from(n);
                    reserved.0.iter().any(|(a, b)| (*a..=*b).contains(&n))
                });
                let facts = Facts {
                    reserved: number_reserved && reserved.1.contains(&v.value),
                    ..base
                };
                ctx.push(
                    K::EnumValueRemoved,
                    facts,
                    Some(value_location(to, v)),
                    None,
                    msg,
                );
            }
            (None, Some(v)) => {
                let msg = format!("value `{}` added to enum `{name}`", v.value);
                ctx.push(
                    K::EnumValueAdded,
                    base,
                    None,
                    Some(value_location(tn, v)),
                    msg,
                );
            }
            (Some(vo), Some(vn)) => {
                let (lo, ln) = (value_location(to, vo), value_location(tn, vn));
                if vo.value != vn.value {
                    let msg = format!(
                        "value `{}` of enum `{name}` renamed to `{}` (number {})",
                        vo.value,
                        vn.value,
                        vn.number.map_or("?".into(), |n| n.to_string())
                    );
                    ctx.push(
                        K::EnumValueRenamed,
                        base,
                        Some(lo.clone()),
                        Some(ln.clone()),
                        msg,
                    );
                }
                if let (Some(x), Some(y)) = (vo.number, vn.number) {
                    if x != y {
                        let msg = format!(
                            "number of value `{}` of enum `{name}` changed from {x} to {y}",
                            vn.value
                        );
                        ctx.push(
                            K::EnumValueNumberChanged,
                            base,
                            Some(lo.clone()),
                            Some(ln.clone()),
                            msg,
                        );
                    }
                }
                let what = format!("value `{}` of enum `{name}`", vn.value);
                ctx.docs(&vo.docs, &vn.docs, &lo, &ln, &what);
            }
            (None, None) => {}
        }
    }
}

/// Union variants matched by name, then by tag.
pub(crate) fn match_variants<'a>(
    old: &'a [UnionVariant],
    new: &'a [UnionVariant],
) -> Vec<(Option<&'a UnionVariant>, Option<&'a UnionVariant>)> {
    let mut taken = vec![false; new.len()];
    let by_name: Vec<Option<usize>> = old
        .iter()
        .map(|v| {
            let i = (0..new.len()).find(|&i| !taken[i] && new[i].name == v.name)?;
            taken[i] = true;
            Some(i)
        })
        .collect();
    let mut out = Vec::new();
    for (v, i) in old.iter().zip(by_name) {
        let i = i.or_else(|| {
            v.tag.as_ref()?;
            let i = (0..new.len()).find(|&i| !taken[i] && new[i].tag == v.tag)?;
            taken[i] = true;
            Some(i)
        });
        out.push((Some(v), i.map(|i| &new[i])));
    }
    out.extend(
        new.iter()
            .zip(taken)
            .filter(|(_, t)| !t)
            .map(|(v, _)| (None, Some(v))),
    );
    out
}

/// Discriminator and variants of a union.
pub(crate) fn diff_union(
    ctx: &mut Ctx<'_>,
    (to, a): Def<'_, UnionType>,
    (tn, b): Def<'_, UnionType>,
) {
    let dir = ctx.dir(&to.name, &tn.name);
    let base = Facts {
        dir,
        ..Facts::default()
    };
    let name = &tn.name;
    let (lo, ln) = (to.location.clone(), tn.location.clone());
    let tag_of = |v: &UnionVariant| {
        v.tag
            .as_ref()
            .map(|t| format!(" (tag `{t}`)"))
            .unwrap_or_default()
    };
    if a.discriminator != b.discriminator {
        let show = |d: &Option<String>| d.as_ref().map_or("none".into(), |d| format!("`{d}`"));
        let msg = format!(
            "discriminator of union `{name}` changed from {} to {}",
            show(&a.discriminator),
            show(&b.discriminator)
        );
        ctx.push(
            K::UnionDiscriminatorChanged,
            base,
            Some(lo.clone()),
            Some(ln.clone()),
            msg,
        );
    }
    if a.matches != b.matches {
        let (relation, rust_type_changes) = match_change(a.matches, b.matches);
        let msg = format!(
            "union `{name}` changed from {} to {}",
            show_match(a.matches),
            show_match(b.matches)
        );
        let facts = Facts {
            relation,
            rust_type_changes,
            ..base
        };
        ctx.push(
            K::UnionMatchChanged,
            facts,
            Some(lo.clone()),
            Some(ln.clone()),
            msg,
        );
    }
    for (vo, vn) in match_variants(&a.variants, &b.variants) {
        match (vo, vn) {
            (Some(v), None) => {
                let msg = format!(
                    "variant `{}`{} of union `{name}` removed",
                    v.name,
                    tag_of(v)
                );
                ctx.push(
                    K::UnionVariantRemoved,
                    base,
                    Some(lo.clone()),
                    Some(ln.clone()),
                    msg,
                );
            }
            (None, Some(v)) => {
                let msg = format!(
                    "variant `{}` ({}){} added to union `{name}`",
                    v.name,
                    show(&v.ty),
                    tag_of(v)
                );
                ctx.push(
                    K::UnionVariantAdded,
                    base,
                    Some(lo.clone()),
                    Some(ln.clone()),
                    msg,
                );
            }
            (Some(vo), Some(vn)) => {
                diff_value_type(ctx, &vo.ty, &vn.ty, |ctx, relation, msg| {
                    let msg = format!("variant `{}` of union `{name}` {msg}", vn.name);
                    let facts = Facts { relation, ..base };
                    ctx.push(
                        K::UnionVariantTypeChanged,
                        facts,
                        Some(lo.clone()),
                        Some(ln.clone()),
                        msg,
                    );
                });
                if vo.name != vn.name || vo.tag != vn.tag {
                    let msg = format!(
                        "variant `{}`{} of union `{name}` is now `{}`{}",
                        vo.name,
                        tag_of(vo),
                        vn.name,
                        tag_of(vn)
                    );
                    ctx.push(
                        K::UnionDiscriminatorChanged,
                        base,
                        Some(lo.clone()),
                        Some(ln.clone()),
                        msg,
                    );
                }
            }
            (None, None) => {}
        }
    }
}

/// How the values of a union relate after its match changed, and whether its Rust type changes
/// (an enum for `oneOf` and exclusive `anyOf`, a struct of `Option`s for "any subset").
fn match_change(old: UnionMatch, new: UnionMatch) -> (Relation, bool) {
    // Exclusive alternatives match one value at most, as with `oneOf`: only `oneOf` and
    // "any subset" accept different values (one matching several alternatives).
    let relation = match (old, new) {
        (UnionMatch::ExactlyOne, UnionMatch::AnySubset) => Relation::Widened,
        (UnionMatch::AnySubset, UnionMatch::ExactlyOne) => Relation::Narrowed,
        _ => Relation::Same,
    };
    let subset = |m| m == UnionMatch::AnySubset;
    (relation, subset(old) != subset(new))
}

/// A union's match in a sentence.
fn show_match(m: UnionMatch) -> &'static str {
    match m {
        UnionMatch::ExactlyOne => "`oneOf`",
        UnionMatch::AnyExclusive => "`anyOf` of exclusive alternatives",
        UnionMatch::AnySubset => "`anyOf` of alternatives that may hold together (any subset)",
    }
}
