//! How a new type relates to the old one as a set of JSON values (same, widened, narrowed,
//! changed), and whether changed constraints accept fewer values.

use apigen_ir::{Api, Constraints, EnumRepr, PrimitiveKind, TypeKind, TypeRef};

use crate::ctx::Ctx;
use crate::rules::Relation;

/// How deep aliases are followed (guards against alias cycles).
const MAX_ALIAS_DEPTH: usize = 16;

/// The relation of `new` to `old`. Named types that are paired (the same type, maybe renamed)
/// are the same here: their own changes are reported where they are defined.
pub(crate) fn relate(ctx: &Ctx<'_>, old: &TypeRef, new: &TypeRef) -> Relation {
    relate_at(ctx, old, new, 0)
}

fn relate_at(ctx: &Ctx<'_>, old: &TypeRef, new: &TypeRef, depth: usize) -> Relation {
    if let (TypeRef::Named(a), TypeRef::Named(b)) = (old, new) {
        if ctx.paired(a, b) {
            return Relation::Same;
        }
    }
    if depth < MAX_ALIAS_DEPTH {
        if let Some(target) = alias_target(ctx.old, old) {
            return relate_at(ctx, target, new, depth + 1);
        }
        if let Some(target) = alias_target(ctx.new, new) {
            return relate_at(ctx, old, target, depth + 1);
        }
    }
    use TypeRef::*;
    match (old, new) {
        (Primitive(a), Primitive(b)) => primitive(a.kind, b.kind),
        (Array(a), Array(b)) | (Map(a), Map(b)) => relate_at(ctx, a, b, depth),
        (Any, Any) | (Unit, Unit) => Relation::Same,
        (_, Any) => Relation::Widened,
        (Any, _) => Relation::Narrowed,
        (Primitive(p), Named(n)) if enum_of(ctx.new, n, p.kind) => Relation::Narrowed,
        (Named(n), Primitive(p)) if enum_of(ctx.old, n, p.kind) => Relation::Widened,
        _ => Relation::Changed,
    }
}

fn alias_target<'a>(api: &'a Api, ty: &TypeRef) -> Option<&'a TypeRef> {
    match ty {
        TypeRef::Named(n) => match &api.type_def(n)?.kind {
            TypeKind::Alias(target) => Some(target),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `name` is an enum whose values are all values of the primitive `kind`.
fn enum_of(api: &Api, name: &str, kind: PrimitiveKind) -> bool {
    let Some(TypeKind::Enum(e)) = api.type_def(name).map(|t| &t.kind) else {
        return false;
    };
    match e.repr {
        EnumRepr::String => kind == PrimitiveKind::String,
        EnumRepr::Integer => matches!(
            kind,
            PrimitiveKind::Int32
                | PrimitiveKind::Int64
                | PrimitiveKind::Uint32
                | PrimitiveKind::Uint64
        ),
    }
}

fn primitive(old: PrimitiveKind, new: PrimitiveKind) -> Relation {
    if old == new {
        Relation::Same
    } else if widens(old, new) {
        Relation::Widened
    } else if widens(new, old) {
        Relation::Narrowed
    } else {
        Relation::Changed
    }
}

/// Whether every JSON value of `from` is a value of `to`.
fn widens(from: PrimitiveKind, to: PrimitiveKind) -> bool {
    use PrimitiveKind::*;
    matches!(
        (from, to),
        (Int32, Int64 | Double)
            | (Uint32, Uint64 | Int64 | Double)
            | (Float, Double)
            | (
                DateTime | Date | Uuid | Base64 | Int64String | Uint64String,
                String
            )
    )
}

/// What changed between two sets of constraints, and whether fewer values pass now.
pub(crate) struct ConstraintChange {
    /// One `name: old → new` item per changed constraint.
    pub items: Vec<String>,
    /// Some value that passed before fails now.
    pub tightened: bool,
}

/// Compares constraints; `None` when they are equal.
pub(crate) fn constraints(old: &Constraints, new: &Constraints) -> Option<ConstraintChange> {
    if old == new {
        return None;
    }
    let mut items = Vec::new();
    let mut tightened = false;
    let mut bound = |name: &str, o: Option<f64>, n: Option<f64>, lower: bool| {
        if o != n {
            items.push(format!("{name} {} → {}", num(o), num(n)));
            tightened |= match (o, n) {
                (_, None) => false,
                (None, Some(_)) => true,
                (Some(o), Some(n)) => (lower && n > o) || (!lower && n < o),
            };
        }
    };
    bound("minimum", old.minimum, new.minimum, true);
    bound("maximum", old.maximum, new.maximum, false);
    let len = |v: Option<u64>| v.map(|v| v as f64);
    bound("minLength", len(old.min_length), len(new.min_length), true);
    bound("maxLength", len(old.max_length), len(new.max_length), false);
    let mut flag = |name: &str, o: bool, n: bool| {
        if o != n {
            items.push(format!("{name} {o} → {n}"));
            tightened |= n;
        }
    };
    flag(
        "exclusiveMinimum",
        old.exclusive_minimum,
        new.exclusive_minimum,
    );
    flag(
        "exclusiveMaximum",
        old.exclusive_maximum,
        new.exclusive_maximum,
    );
    if old.pattern != new.pattern {
        let show = |p: &Option<String>| p.as_ref().map_or("none".to_string(), |p| format!("`{p}`"));
        items.push(format!(
            "pattern {} → {}",
            show(&old.pattern),
            show(&new.pattern)
        ));
        // A different pattern may reject values the old one accepted.
        tightened |= new.pattern.is_some();
    }
    Some(ConstraintChange { items, tightened })
}

fn num(v: Option<f64>) -> String {
    v.map_or("none".to_string(), |v| v.to_string())
}
