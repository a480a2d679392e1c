//! Fields of object types: matched by wire name, then by proto number.

use apigen_ir::{Field, FieldPresence, ObjectType, TypeDef, TypeRef};

use crate::ctx::{child, show, show_value, Ctx};
use crate::operations::diff_value_type;
use crate::raw;
use crate::relate::{constraints, relate, ConstraintChange};
use crate::report::ChangeKind as K;
use crate::rules::{Dir, Facts, Relation};

/// An old field and the new field it became.
pub(crate) struct FieldMatch<'a> {
    pub old: Option<&'a Field>,
    pub new: Option<&'a Field>,
}

/// Fields matched by name, then (proto) by number; removed ones in old order among the
/// matched, then added ones in new order.
pub(crate) fn match_fields<'a>(old: &'a [Field], new: &'a [Field]) -> Vec<FieldMatch<'a>> {
    let mut taken = vec![false; new.len()];
    let mut found: Vec<Option<usize>> = old
        .iter()
        .map(|f| {
            let i = (0..new.len()).find(|&i| !taken[i] && new[i].name == f.name)?;
            taken[i] = true;
            Some(i)
        })
        .collect();
    for (slot, f) in found.iter_mut().zip(old) {
        if slot.is_some() || f.proto_number.is_none() {
            continue;
        }
        // Only when the old name is gone: a kept name with a new number is a renumbering.
        if new.iter().any(|n| n.name == f.name) {
            continue;
        }
        *slot = (0..new.len()).find(|&i| !taken[i] && new[i].proto_number == f.proto_number);
        if let Some(i) = *slot {
            taken[i] = true;
        }
    }
    let mut out: Vec<_> = old
        .iter()
        .zip(found)
        .map(|(f, i)| FieldMatch {
            old: Some(f),
            new: i.map(|i| &new[i]),
        })
        .collect();
    out.extend(
        new.iter()
            .zip(taken)
            .filter(|(_, t)| !t)
            .map(|(f, _)| FieldMatch {
                old: None,
                new: Some(f),
            }),
    );
    out
}

fn location(def: &TypeDef, f: &Field) -> String {
    child(&def.location, &["properties", &f.name], &f.name)
}

type Obj<'a> = (&'a TypeDef, &'a ObjectType);

/// Fields and additional properties of an object type.
pub(crate) fn diff_object(ctx: &mut Ctx<'_>, (to, a): Obj<'_>, (tn, b): Obj<'_>) {
    let dir = ctx.dir(&to.name, &tn.name);
    for m in match_fields(&a.fields, &b.fields) {
        match (m.old, m.new) {
            (Some(f), None) => removed(ctx, to, f, dir),
            (None, Some(f)) => added(ctx, tn, f, dir),
            (Some(fo), Some(fnew)) if fo.name != fnew.name => {
                if relate(ctx, &fo.ty, &fnew.ty) == Relation::Same {
                    let msg = format!(
                        "field `{}` of `{}` renamed to `{}` (number {})",
                        fo.name,
                        tn.name,
                        fnew.name,
                        number(fnew)
                    );
                    let (lo, ln) = (location(to, fo), location(tn, fnew));
                    ctx.push(
                        K::FieldRenamed,
                        Facts {
                            dir,
                            proto: true,
                            ..Facts::default()
                        },
                        Some(lo),
                        Some(ln),
                        msg,
                    );
                    diff_field(ctx, (to, fo), (tn, fnew), dir);
                } else {
                    removed(ctx, to, fo, dir);
                    added(ctx, tn, fnew, dir);
                    let msg = format!(
                        "number {} of removed field `{}` of `{}` reused by `{}`",
                        number(fnew),
                        fo.name,
                        tn.name,
                        fnew.name
                    );
                    let (lo, ln) = (location(to, fo), location(tn, fnew));
                    ctx.push(
                        K::FieldNumberReused,
                        Facts {
                            dir,
                            proto: true,
                            ..Facts::default()
                        },
                        Some(lo),
                        Some(ln),
                        msg,
                    );
                }
            }
            (Some(fo), Some(fnew)) => diff_field(ctx, (to, fo), (tn, fnew), dir),
            (None, None) => {}
        }
    }
    let (lo, ln) = (
        child(
            &to.location,
            &["additionalProperties"],
            "additional_properties",
        ),
        child(
            &tn.location,
            &["additionalProperties"],
            "additional_properties",
        ),
    );
    let msg = |what: String| format!("additional properties of `{}` {what}", tn.name);
    match (&a.additional_properties, &b.additional_properties) {
        (None, None) => {}
        (Some(t), None) => {
            let facts = Facts {
                dir,
                relation: Relation::Narrowed,
                ..Facts::default()
            };
            ctx.push(
                K::AdditionalPropertiesChanged,
                facts,
                Some(lo),
                Some(ln),
                msg(format!("({}) no longer allowed", show(t))),
            );
        }
        (None, Some(t)) => {
            let facts = Facts {
                dir,
                relation: Relation::Widened,
                ..Facts::default()
            };
            ctx.push(
                K::AdditionalPropertiesChanged,
                facts,
                Some(lo),
                Some(ln),
                msg(format!("({}) now allowed", show(t))),
            );
        }
        (Some(x), Some(y)) => diff_value_type(ctx, x, y, |ctx, relation, what| {
            let facts = Facts {
                dir,
                relation,
                ..Facts::default()
            };
            ctx.push(
                K::AdditionalPropertiesChanged,
                facts,
                Some(lo.clone()),
                Some(ln.clone()),
                msg(what),
            );
        }),
    }
}

/// Constraint changes of two value types: of the primitives, or of the items of two arrays
/// (or values of two maps) of primitives.
fn value_constraints(old: &TypeRef, new: &TypeRef) -> Option<ConstraintChange> {
    match (old, new) {
        (TypeRef::Primitive(a), TypeRef::Primitive(b)) => {
            constraints(&a.constraints, &b.constraints)
        }
        (TypeRef::Array(a), TypeRef::Array(b)) => {
            value_constraints(a, b).map(|c| c.prefixed("items: "))
        }
        (TypeRef::Map(a), TypeRef::Map(b)) => {
            value_constraints(a, b).map(|c| c.prefixed("values: "))
        }
        _ => None,
    }
}

/// Whether the new version of a message reserves both the number and the name of a field it
/// no longer has (buf then accepts the deletion).
fn reserved_in(ctx: &Ctx<'_>, new_type: Option<&str>, f: &Field) -> bool {
    let (Some(doc), Some(name), Some(number)) = (ctx.documents.1, new_type, f.proto_number) else {
        return false;
    };
    let (numbers, names) = raw::reserved(doc, name);
    let number = i64::from(number);
    numbers.iter().any(|(a, b)| (*a..=*b).contains(&number)) && names.contains(&f.name)
}

fn number(f: &Field) -> String {
    f.proto_number.map_or("?".to_string(), |n| n.to_string())
}

fn removed(ctx: &mut Ctx<'_>, def: &TypeDef, f: &Field, dir: Dir) {
    let new_name = ctx.pairs.get(&def.name).cloned();
    let facts = Facts {
        dir,
        required: f.required,
        proto: f.proto_number.is_some(),
        reserved: reserved_in(ctx, new_name.as_deref(), f),
        ..Facts::default()
    };
    let req = if f.required { "required" } else { "optional" };
    let msg = format!("{req} field `{}` of `{}` removed", f.name, def.name);
    ctx.push(K::FieldRemoved, facts, Some(location(def, f)), None, msg);
}

fn added(ctx: &mut Ctx<'_>, def: &TypeDef, f: &Field, dir: Dir) {
    let facts = Facts {
        dir,
        required: f.required,
        ..Facts::default()
    };
    let req = if f.required { "required" } else { "optional" };
    let msg = format!(
        "{req} field `{}` ({}) added to `{}`",
        f.name,
        show(&f.ty),
        def.name
    );
    ctx.push(K::FieldAdded, facts, None, Some(location(def, f)), msg);
}

type At<'a> = (&'a TypeDef, &'a Field);

fn diff_field(ctx: &mut Ctx<'_>, (to, fo): At<'_>, (tn, fnew): At<'_>, dir: Dir) {
    let (lo, ln) = (location(to, fo), location(tn, fnew));
    let what = format!("field `{}` of `{}`", fnew.name, tn.name);
    let proto = fo.proto_number.is_some();
    let base = Facts {
        dir,
        proto,
        ..Facts::default()
    };
    let push = |ctx: &mut Ctx<'_>, kind, facts, msg: String| {
        ctx.push(kind, facts, Some(lo.clone()), Some(ln.clone()), msg)
    };
    if let (Some(a), Some(b)) = (fo.proto_number, fnew.proto_number) {
        if a != b {
            push(
                ctx,
                K::FieldNumberChanged,
                base,
                format!("number of {what} changed from {a} to {b}"),
            );
        }
    }
    diff_value_type(ctx, &fo.ty, &fnew.ty, |ctx, relation, msg| {
        push(
            ctx,
            K::FieldTypeChanged,
            Facts { relation, ..base },
            format!("type of {what} {msg}"),
        );
    });
    if fo.required != fnew.required {
        let (kind, state) = if fnew.required {
            (K::FieldBecameRequired, "required")
        } else {
            (K::FieldBecameOptional, "optional")
        };
        push(ctx, kind, base, format!("{what} became {state}"));
    }
    if fo.nullable != fnew.nullable {
        let state = if fnew.nullable {
            "nullable"
        } else {
            "no longer nullable"
        };
        let facts = Facts {
            tightened: !fnew.nullable,
            ..base
        };
        push(
            ctx,
            K::FieldNullableChanged,
            facts,
            format!("{what} is {state}"),
        );
    }
    if (fo.read_only, fo.write_only) != (fnew.read_only, fnew.write_only) {
        let access = |f: &Field| match (f.read_only, f.write_only) {
            (true, false) => "read-only",
            (false, true) => "write-only",
            _ => "read-write",
        };
        let msg = format!("{what} changed from {} to {}", access(fo), access(fnew));
        let facts = Facts {
            tightened: fnew.write_only && !fo.write_only,
            ..base
        };
        push(ctx, K::FieldAccessChanged, facts, msg);
    }
    if fo.default != fnew.default {
        let msg = format!(
            "default of {what} changed from {} to {}",
            show_value(&fo.default),
            show_value(&fnew.default)
        );
        push(ctx, K::FieldDefaultChanged, base, msg);
    }
    let mut change = value_constraints(&fo.ty, &fnew.ty);
    if let (Some(a), Some(b)) = ctx.documents {
        if lo.starts_with('#') {
            let sizes = crate::relate::sizes(&raw::sizes(a, &lo), &raw::sizes(b, &ln));
            change = ConstraintChange::merge(change, sizes);
        }
    }
    if let Some(c) = change {
        let facts = Facts {
            tightened: c.tightened,
            loosened: c.loosened,
            ..base
        };
        let msg = format!("constraints of {what} changed: {}", c.items.join(", "));
        push(ctx, K::FieldConstraintsChanged, facts, msg);
    }
    if fo.json_name != fnew.json_name && proto && fo.name == fnew.name {
        let show = |f: &Field| format!("`{}`", f.json_name.as_deref().unwrap_or(&f.name));
        let msg = format!(
            "JSON name of {what} changed from {} to {}",
            show(fo),
            show(fnew)
        );
        push(ctx, K::FieldJsonNameChanged, base, msg);
    }
    if let (Some(a), Some(b)) = (fo.presence, fnew.presence) {
        if a != b {
            let state = |p: FieldPresence| match p {
                FieldPresence::Explicit => "explicit presence",
                FieldPresence::Implicit => "implicit presence",
            };
            let msg = format!("{what} changed from {} to {}", state(a), state(b));
            push(ctx, K::FieldPresenceChanged, base, msg);
        }
    }
    if let (Some(a), Some(b)) = ctx.documents {
        let types = (
            raw::proto_type(a, &to.name, &fo.name),
            raw::proto_type(b, &tn.name, &fnew.name),
        );
        if let (Some(x), Some(y)) = types {
            if x != y && relate(ctx, &fo.ty, &fnew.ty) == Relation::Same {
                let show = |t: &str| t.trim_start_matches("TYPE_").to_ascii_lowercase();
                let msg = format!(
                    "proto type of {what} changed from `{}` to `{}`",
                    show(x),
                    show(y)
                );
                push(ctx, K::FieldProtoTypeChanged, base, msg);
            }
        }
    }
    if fo.oneof != fnew.oneof {
        let show = |o: &Option<String>| {
            o.as_ref()
                .map_or("no oneof".into(), |o| format!("oneof `{o}`"))
        };
        let msg = format!(
            "{what} moved from {} to {}",
            show(&fo.oneof),
            show(&fnew.oneof)
        );
        push(ctx, K::FieldOneofChanged, base, msg);
    }
    if fo.deprecated != fnew.deprecated {
        let state = if fnew.deprecated {
            "deprecated"
        } else {
            "no longer deprecated"
        };
        push(
            ctx,
            K::DeprecationChanged,
            base,
            format!("{what} is {state}"),
        );
    }
    ctx.docs(&fo.docs, &fnew.docs, &lo, &ln, &what);
}
