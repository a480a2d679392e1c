//! How a new type relates to the old one as a set of JSON values (same, widened, narrowed,
//! changed), and whether changed constraints accept fewer values.

use apigen_ir::{Api, Constraints, EnumRepr, PrimitiveKind, TypeKind, TypeRef};

use crate::ctx::Ctx;
use crate::raw::Sizes;
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
        EnumRepr::Number => matches!(kind, PrimitiveKind::Float | PrimitiveKind::Double),
        EnumRepr::Boolean => kind == PrimitiveKind::Boolean,
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
    /// Some value that failed before passes now.
    pub loosened: bool,
}

impl ConstraintChange {
    /// Both changes in one (`None` when neither changed).
    pub fn merge(a: Option<Self>, b: Option<Self>) -> Option<Self> {
        match (a, b) {
            (Some(mut a), Some(b)) => {
                a.items.extend(b.items);
                a.tightened |= b.tightened;
                a.loosened |= b.loosened;
                Some(a)
            }
            (a, b) => a.or(b),
        }
    }

    /// The same change, each item prefixed (`items: maximum 3 → 2`).
    pub fn prefixed(mut self, prefix: &str) -> Self {
        for item in &mut self.items {
            *item = format!("{prefix}{item}");
        }
        self
    }
}

/// Compares the size and divisibility keywords of two schemas.
pub(crate) fn sizes(old: &Sizes, new: &Sizes) -> Option<ConstraintChange> {
    if old == new {
        return None;
    }
    let mut c = Bounds::default();
    c.bound("minItems", old.min_items, new.min_items, true);
    c.bound("maxItems", old.max_items, new.max_items, false);
    c.bound(
        "minProperties",
        old.min_properties,
        new.min_properties,
        true,
    );
    c.bound(
        "maxProperties",
        old.max_properties,
        new.max_properties,
        false,
    );
    c.flag("uniqueItems", old.unique_items, new.unique_items);
    if old.multiple_of != new.multiple_of {
        c.items.push(format!(
            "multipleOf {} → {}",
            num(old.multiple_of),
            num(new.multiple_of)
        ));
        // Multiples of `new` include every multiple of `old` when `old` is a multiple of `new`.
        let divides = |a: f64, b: f64| b != 0.0 && (a / b).fract() == 0.0;
        match (old.multiple_of, new.multiple_of) {
            (_, None) => c.loosened = true,
            (None, Some(_)) => c.tightened = true,
            (Some(o), Some(n)) => {
                c.tightened |= !divides(o, n);
                c.loosened |= !divides(n, o);
            }
        }
    }
    Some(ConstraintChange {
        items: c.items,
        tightened: c.tightened,
        loosened: c.loosened,
    })
}

/// Items of a constraint comparison being built.
#[derive(Default)]
struct Bounds {
    items: Vec<String>,
    tightened: bool,
    loosened: bool,
}

impl Bounds {
    /// A lower (`lower`) or upper bound.
    fn bound(&mut self, name: &str, o: Option<f64>, n: Option<f64>, lower: bool) {
        if o == n {
            return;
        }
        self.items.push(format!("{name} {} → {}", num(o), num(n)));
        match (o, n) {
            (_, None) => self.loosened = true,
            (None, Some(_)) => self.tightened = true,
            (Some(o), Some(n)) => {
                let narrower = (lower && n > o) || (!lower && n < o);
                self.tightened |= narrower;
                self.loosened |= !narrower;
            }
        }
    }

    /// A flag that narrows when set.
    fn flag(&mut self, name: &str, o: bool, n: bool) {
        if o != n {
            self.items.push(format!("{name} {o} → {n}"));
            self.tightened |= n;
            self.loosened |= o;
        }
    }
}

/// Compares constraints; `None` when they are equal.
pub(crate) fn constraints(old: &Constraints, new: &Constraints) -> Option<ConstraintChange> {
    if old == new {
        return None;
    }
    let mut c = Bounds::default();
    c.bound("minimum", old.minimum, new.minimum, true);
    c.bound("maximum", old.maximum, new.maximum, false);
    let len = |v: Option<u64>| v.map(|v| v as f64);
    c.bound("minLength", len(old.min_length), len(new.min_length), true);
    c.bound("maxLength", len(old.max_length), len(new.max_length), false);
    c.flag(
        "exclusiveMinimum",
        old.exclusive_minimum,
        new.exclusive_minimum,
    );
    c.flag(
        "exclusiveMaximum",
        old.exclusive_maximum,
        new.exclusive_maximum,
    );
    if old.pattern != new.pattern {
        let show = |p: &Option<String>| p.as_ref().map_or("none".to_string(), |p| format!("`{p}`"));
        let note = match (&old.pattern, &new.pattern) {
            // Whether one regular expression accepts less than another is not decided here:
            // a changed pattern is reported, never called breaking (oasdiff warns too).
            (Some(_), Some(_)) => " (changed: not checked, possibly breaking)",
            _ => "",
        };
        c.items.push(format!(
            "pattern {} → {}{note}",
            show(&old.pattern),
            show(&new.pattern)
        ));
        match (&old.pattern, &new.pattern) {
            (None, Some(_)) => c.tightened = true,
            (Some(_), None) => c.loosened = true,
            _ => {}
        }
    }
    Some(ConstraintChange {
        items: c.items,
        tightened: c.tightened,
        loosened: c.loosened,
    })
}

fn num(v: Option<f64>) -> String {
    v.map_or("none".to_string(), |v| v.to_string())
}
