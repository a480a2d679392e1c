//! Elements a tolerant reading could not lower: an unknown change when their text differs
//! between the sides (or they exist on one side only), and nothing else said about them.

use std::collections::BTreeMap;

use crate::report::{Change, ChangeKind, Impact};
use crate::Side;

/// Replaces what the IR comparison says about unread elements by one unknown change each.
pub(crate) fn apply(old: &Side<'_>, new: &Side<'_>, changes: &mut Vec<Change>) {
    // location → (reason, unread on the old side, unread on the new side)
    let mut locations: BTreeMap<&str, (&str, bool, bool)> = BTreeMap::new();
    for u in old.unread {
        locations
            .entry(&u.location)
            .or_insert((&u.reason, false, false))
            .1 = true;
    }
    for u in new.unread {
        locations
            .entry(&u.location)
            .or_insert((&u.reason, false, false))
            .2 = true;
    }
    let mut unknown = Vec::new();
    for (location, (reason, in_old, in_new)) in &locations {
        let (a, b) = ((old.text_at)(location), (new.text_at)(location));
        if *in_old && *in_new && a == b {
            continue; // unread on both sides, and unchanged
        }
        changes.retain(|c| {
            !under(c.location_old.as_deref(), location)
                && !under(c.location_new.as_deref(), location)
        });
        if a.is_none() && b.is_none() {
            continue; // nowhere in either text (a scheme named but never declared)
        }
        let side = match (in_old, in_new) {
            (true, true) => "on both sides",
            (true, false) => "in the old spec",
            _ => "in the new spec",
        };
        unknown.push(Change {
            kind: ChangeKind::Unknown,
            location_old: a.is_some().then(|| location.to_string()),
            location_new: b.is_some().then(|| location.to_string()),
            message: format!("`{location}` could not be compared (not read {side}: {reason})"),
            client: Impact::Compatible,
            server: Impact::Compatible,
            wire: Some(Impact::Compatible),
        });
    }
    changes.extend(unknown);
}

/// Whether `location` is `base` or lies inside it.
fn under(location: Option<&str>, base: &str) -> bool {
    let Some(l) = location else { return false };
    match l.strip_prefix(base) {
        Some("") => true,
        Some(rest) => rest.starts_with(['/', ':', '.', ' ']),
        None => false,
    }
}
