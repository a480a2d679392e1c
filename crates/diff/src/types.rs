//! Named types: added, removed, renamed, or compared by kind (objects in `fields.rs`, enums and
//! unions in `enums.rs`).

use apigen_ir::{NameOrigin, TypeDef, TypeKind};

use crate::ctx::{same_rust_name, Ctx};
use crate::operations::diff_value_type;
use crate::report::ChangeKind as K;
use crate::rules::{Facts, Relation};

/// Every named type, old ones by name, then new ones by name.
pub(crate) fn diff_types(ctx: &mut Ctx<'_>) {
    let (old, new) = (ctx.old, ctx.new);
    for to in &old.types {
        let paired = ctx.pairs.get(&to.name).and_then(|n| new.type_def(n));
        match paired {
            Some(tn) => diff_type(ctx, to, tn),
            None => {
                let facts = Facts {
                    dir: ctx.dir(&to.name, ""),
                    ..Facts::default()
                };
                let msg = format!("type `{}` removed", to.name);
                ctx.push(K::TypeRemoved, facts, Some(to.location.clone()), None, msg);
            }
        }
    }
    for tn in &new.types {
        if !ctx.pairs.values().any(|n| *n == tn.name) {
            let msg = format!("type `{}` ({}) added", tn.name, kind_name(&tn.kind));
            ctx.push(
                K::TypeAdded,
                Facts::default(),
                None,
                Some(tn.location.clone()),
                msg,
            );
        }
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Object(_) => "object",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "union",
        TypeKind::Alias(_) => "alias",
    }
}

fn diff_type(ctx: &mut Ctx<'_>, to: &TypeDef, tn: &TypeDef) {
    let (lo, ln) = (to.location.clone(), tn.location.clone());
    let dir = ctx.dir(&to.name, &tn.name);
    if to.name != tn.name {
        let derived =
            if to.name_origin == NameOrigin::Derived && tn.name_origin == NameOrigin::Derived {
                " (both names derived from where the type is used)"
            } else {
                ""
            };
        let same = same_rust_name(&to.name, &tn.name);
        let effect = if same {
            "the generated type name stays the same"
        } else {
            "the generated type name changes"
        };
        let msg = format!(
            "type `{}` renamed to `{}`{derived}: {effect}",
            to.name, tn.name
        );
        ctx.push(
            K::TypeRenamed,
            Facts {
                dir,
                same_rust_name: same,
                ..Facts::default()
            },
            Some(lo.clone()),
            Some(ln.clone()),
            msg,
        );
    }
    ctx.docs(&to.docs, &tn.docs, &lo, &ln, &format!("type `{}`", tn.name));
    if let (Some(a), Some(b), true) = (ctx.documents.0, ctx.documents.1, lo.starts_with('#')) {
        let sizes = crate::relate::sizes(&crate::raw::sizes(a, &lo), &crate::raw::sizes(b, &ln));
        if let Some(c) = sizes {
            let facts = Facts {
                dir,
                tightened: c.tightened,
                loosened: c.loosened,
                ..Facts::default()
            };
            let msg = format!(
                "constraints of type `{}` changed: {}",
                tn.name,
                c.items.join(", ")
            );
            ctx.push(
                K::FieldConstraintsChanged,
                facts,
                Some(lo.clone()),
                Some(ln.clone()),
                msg,
            );
        }
    }
    if let (Some(a), Some(b)) = ctx.documents {
        let (old_numbers, old_names) = crate::raw::reserved(a, &to.name);
        let (new_numbers, new_names) = crate::raw::reserved(b, &tn.name);
        let covered = |(x, y): &(i64, i64)| new_numbers.iter().any(|(a, b)| a <= x && y <= b);
        let lost_numbers: Vec<String> = old_numbers
            .iter()
            .filter(|r| !covered(r))
            .map(|(x, y)| {
                if x == y {
                    x.to_string()
                } else {
                    format!("{x} to {y}")
                }
            })
            .collect();
        let lost_names: Vec<String> = old_names
            .iter()
            .filter(|n| !new_names.contains(n))
            .map(|n| format!("`{n}`"))
            .collect();
        if !lost_numbers.is_empty() || !lost_names.is_empty() {
            let all: Vec<String> = lost_numbers.into_iter().chain(lost_names).collect();
            let msg = format!("`{}` no longer reserves {}", tn.name, all.join(", "));
            let facts = Facts {
                dir,
                proto: true,
                ..Facts::default()
            };
            ctx.push(
                K::ReservedRemoved,
                facts,
                Some(lo.clone()),
                Some(ln.clone()),
                msg,
            );
        }
    }
    match (&to.kind, &tn.kind) {
        (TypeKind::Object(a), TypeKind::Object(b)) => {
            crate::fields::diff_object(ctx, (to, a), (tn, b))
        }
        (TypeKind::Enum(a), TypeKind::Enum(b)) => crate::enums::diff_enum(ctx, (to, a), (tn, b)),
        (TypeKind::Union(a), TypeKind::Union(b)) => crate::enums::diff_union(ctx, (to, a), (tn, b)),
        (TypeKind::Alias(a), TypeKind::Alias(b)) => {
            diff_value_type(ctx, a, b, |ctx, relation, msg| {
                let facts = Facts {
                    dir,
                    relation,
                    ..Facts::default()
                };
                let msg = format!("type `{}` (an alias) {msg}", tn.name);
                ctx.push(
                    K::TypeKindChanged,
                    facts,
                    Some(lo.clone()),
                    Some(ln.clone()),
                    msg,
                );
            });
        }
        (a, b) => {
            let facts = Facts {
                dir,
                relation: Relation::Changed,
                ..Facts::default()
            };
            let msg = format!(
                "type `{}` changed from {} to {}",
                tn.name,
                kind_name(a),
                kind_name(b)
            );
            ctx.push(K::TypeKindChanged, facts, Some(lo), Some(ln), msg);
        }
    }
}
