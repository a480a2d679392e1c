//! Rendering a report: Markdown for a pull-request comment or CI job summary, JSON for tools.
//! Both keep the report's order, so the same inputs always give the same text.

use serde_json::json;

use crate::report::{Change, Impact, Report};

impl Report {
    /// The report as Markdown: a summary line with the semver bump, then one table per
    /// severity (breaking, compatible, and the rest folded away).
    pub fn to_markdown(&self) -> String {
        let mut out = format!(
            "### API changes: {} → {}\n\n",
            escape(&self.old_label),
            escape(&self.new_label)
        );
        if self.changes.is_empty() {
            out.push_str("No changes.\n");
            return out;
        }
        let count = |f: &dyn Fn(&Change) -> bool| self.changes.iter().filter(|c| f(c)).count();
        out.push_str(&format!(
            "**Semver bump of the generated crates: {}.** {} changes: {} breaking for client users, {} breaking for server implementors, {} breaking on the wire.\n",
            self.semver_bump().as_str(),
            self.changes.len(),
            count(&|c| c.client == Impact::Breaking),
            count(&|c| c.server == Impact::Breaking),
            count(&|c| c.wire == Some(Impact::Breaking)),
        ));
        let sections = [
            (Impact::Breaking, "Breaking", false),
            (Impact::Compatible, "Compatible", false),
            (
                Impact::None,
                "Documentation and other invisible changes",
                true,
            ),
        ];
        for (severity, title, folded) in sections {
            let rows: Vec<&Change> = self
                .changes
                .iter()
                .filter(|c| c.severity() == severity)
                .collect();
            if rows.is_empty() {
                continue;
            }
            if folded {
                out.push_str(&format!(
                    "\n<details><summary>{title} ({})</summary>\n\n",
                    rows.len()
                ));
            } else {
                out.push_str(&format!("\n#### {title} ({})\n\n", rows.len()));
            }
            out.push_str(
                "| Change | Client | Server | Wire | Rule | Old location | New location |\n",
            );
            out.push_str("|---|---|---|---|---|---|---|\n");
            for c in rows {
                out.push_str(&format!(
                    "| {} | {} | {} | {} | `{}` | {} | {} |\n",
                    escape(&c.message),
                    cell(c.client),
                    cell(c.server),
                    c.wire.map_or("n/a", cell),
                    kind_name(c),
                    location(&c.location_old),
                    location(&c.location_new),
                ));
            }
            if folded {
                out.push_str("\n</details>\n");
            }
        }
        out
    }

    /// The report as JSON: labels, semver bump, counts and every change.
    pub fn to_json(&self) -> serde_json::Value {
        let count = |f: &dyn Fn(&Change) -> bool| self.changes.iter().filter(|c| f(c)).count();
        json!({
            "old": self.old_label,
            "new": self.new_label,
            "semver_bump": self.semver_bump(),
            "breaking": {
                "client": count(&|c| c.client == Impact::Breaking),
                "server": count(&|c| c.server == Impact::Breaking),
                "wire": count(&|c| c.wire == Some(Impact::Breaking)),
            },
            "changes": self.changes.iter().map(|c| {
                let mut v = serde_json::to_value(c).unwrap_or_default();
                v["equivalents"] = json!(crate::rules::equivalents(c.kind));
                v
            }).collect::<Vec<_>>(),
        })
    }
}

fn cell(i: Impact) -> &'static str {
    match i {
        Impact::Breaking => "**breaking**",
        Impact::Compatible => "compatible",
        Impact::None => "none",
    }
}

fn kind_name(c: &Change) -> String {
    serde_json::to_value(c.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn location(l: &Option<String>) -> String {
    match l {
        Some(l) => format!("`{}`", l.replace('`', "'").replace('|', "\\|")),
        None => "—".to_string(),
    }
}

/// Keeps table cells intact: no pipes or line breaks.
fn escape(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}
