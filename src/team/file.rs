//! Team settings as a TOML document: read from nested tables into flat
//! keys (`ladder.business.steps`), and written back for `export`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Entry;

/// Every leaf of `table` under its dotted key, in the file's key order.
/// Arrays (a ladder's steps) are leaves.
pub fn flatten(table: toml::Table) -> Vec<(String, toml::Value)> {
    let mut out = Vec::new();
    walk(String::new(), table, &mut out);
    out
}

fn walk(prefix: String, table: toml::Table, out: &mut Vec<(String, toml::Value)>) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(t) => walk(key, t, out),
            other => out.push((key, other)),
        }
    }
}

/// The fields of a step in the order people write them.
const STEP_FIELDS: [&str; 6] = [
    "offset",
    "action",
    "channel",
    "template",
    "deadline_days",
    "registered",
];

/// `value` as a TOML literal on one line (as stored), a step's fields in
/// their usual order.
pub fn inline(value: &toml::Value) -> String {
    match value {
        toml::Value::Array(items) => {
            let items: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        toml::Value::Table(t) => {
            let rank = |k: &str| STEP_FIELDS.iter().position(|f| *f == k).unwrap_or(99);
            let mut fields: Vec<(&String, &toml::Value)> = t.iter().collect();
            fields.sort_by_key(|(k, _)| rank(k));
            let fields: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{} = {}", key(k), inline(v)))
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
        toml::Value::String(t) => string(t),
        other => other.to_string(),
    }
}

/// `t` as a TOML basic string in which every character that could act on
/// a terminal (controls, bidi marks) is escaped: the text reads back
/// exactly, and shows harmlessly.
pub fn string(t: &str) -> String {
    let mut s = String::with_capacity(t.len() + 2);
    s.push('"');
    for c in t.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c if c.is_control() || crate::domain::text::is_unsafe(c) => {
                let _ = if u32::from(c) > 0xFFFF {
                    write!(s, "\\U{:08X}", u32::from(c))
                } else {
                    write!(s, "\\u{:04X}", u32::from(c))
                };
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// A key as TOML writes it: bare when it can be.
fn key(k: &str) -> String {
    let bare = !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare { k.to_string() } else { string(k) }
}

/// `value` as a TOML literal; a ladder's steps one to a line.
pub fn literal(value: &toml::Value) -> String {
    match value {
        toml::Value::Array(items) if items.iter().any(toml::Value::is_table) => {
            let mut s = String::from("[\n");
            for item in items {
                let _ = writeln!(s, "  {},", inline(item));
            }
            s.push(']');
            s
        }
        other => inline(other),
    }
}

/// The entries as a TOML file that `dun settings import` takes back: one
/// table per group of keys, who set a key and when in a comment.
pub fn export(entries: &[Entry]) -> String {
    let mut groups: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        let (group, _) = e.key.rsplit_once('.').unwrap_or(("", &e.key));
        groups.entry(group).or_default().push(e);
    }
    let mut out =
        String::from("# dun team settings: `dun settings import FILE` sets them all at once.\n");
    for (group, entries) in groups {
        let _ = write!(out, "\n[{group}]\n");
        for e in entries {
            let field = e.key.rsplit_once('.').map_or(e.key.as_str(), |(_, f)| f);
            let _ = write!(out, "{} = {}", key(field), literal(&e.value));
            let _ = match &e.source {
                super::Source::Default => writeln!(out),
                set => writeln!(out, "  # {set}"),
            };
        }
    }
    out
}
