//! Structure-aware inputs for the OpenAPI frontend: one of a few small valid seed specs,
//! changed by a list of mutations that `arbitrary` reads from the fuzzer's bytes, then written
//! out as YAML or JSON text.
//!
//! Mutations insert, replace, delete, rename, wrap and copy nodes at paths chosen by the
//! input. Paths can step to the n-th child, to a named key, or to the n-th node anywhere below
//! that sits under a given key (`properties`, `operationId`, `schema`, …), so that the fuzzer
//! reaches the places the frontend cares about in few bytes. Keys and values are drawn mostly
//! from OpenAPI vocabulary and from names that are hard to turn into Rust identifiers
//! ([`crate::vocabulary`]); the seeds are in [`crate::seeds`].

use std::fmt;

use arbitrary::Arbitrary;
use serde_yaml::{Mapping, Value};

use crate::seeds::seed;
use crate::vocabulary::{Key, Known, Val, Word};

/// A document never grows past this many nodes; a mutation that would is undone.
const MAX_NODES: usize = 4_000;

/// A document never nests deeper than this (the parsers stop at 128 anyway).
const MAX_DEPTH: usize = 160;

/// One structured input.
#[derive(Arbitrary)]
pub struct Input {
    /// Which seed spec to start from (modulo the number of seeds).
    seed: u8,
    /// What to do to it, in order.
    mutations: Vec<Op>,
    /// Write the document as JSON instead of YAML (when it has only string keys).
    json: bool,
}

impl Input {
    /// The mutated document.
    pub fn document(&self) -> Value {
        let mut doc = seed(self.seed);
        for op in &self.mutations {
            let before = doc.clone();
            op.apply(&mut doc);
            let (nodes, depth) = size(&doc);
            if nodes > MAX_NODES || depth > MAX_DEPTH {
                doc = before;
            }
        }
        doc
    }

    /// The mutated document as spec text.
    pub fn render(&self) -> String {
        render(&self.document(), self.json)
    }
}

/// Shows the spec text, so `cargo fuzz fmt openapi_structured <artifact>` prints the spec a
/// crashing input stands for.
impl fmt::Debug for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// Writes a document as YAML, or as JSON when asked and possible.
pub fn render(doc: &Value, json: bool) -> String {
    if json {
        if let Ok(text) = serde_json::to_string_pretty(doc) {
            return text;
        }
    }
    serde_yaml::to_string(doc).unwrap_or_default()
}

/// The number of nodes and the depth of a document.
fn size(value: &Value) -> (usize, usize) {
    let children: Box<dyn Iterator<Item = &Value>> = match value {
        Value::Mapping(map) => Box::new(map.iter().flat_map(|(k, v)| [k, v])),
        Value::Sequence(items) => Box::new(items.iter()),
        Value::Tagged(tagged) => Box::new(std::iter::once(&tagged.value)),
        _ => Box::new(std::iter::empty()),
    };
    children.fold((1, 1), |(nodes, depth), child| {
        let (n, d) = size(child);
        (nodes + n, depth.max(d + 1))
    })
}

/// One mutation.
#[derive(Arbitrary, Debug)]
enum Op {
    /// At a mapping: insert or replace `key`; at a sequence: push; elsewhere: replace the node
    /// with `{key: value}`.
    Set { at: Vec<Step>, key: Key, value: Val },
    /// Replaces the node.
    Replace { at: Vec<Step>, value: Val },
    /// Removes the node from its parent.
    Delete { at: Vec<Step> },
    /// Renames the key the node sits under (keeping its place).
    Rename { at: Vec<Step>, key: Key },
    /// Replaces the node with `{key: node}`.
    Wrap { at: Vec<Step>, key: Key },
    /// Replaces the node with `[node]`.
    Listify { at: Vec<Step> },
    /// Copies the node at `from` under `key` of the node at `to` (which may be inside it).
    Copy {
        from: Vec<Step>,
        to: Vec<Step>,
        key: Key,
    },
    /// Renames the n-th component schema, and every `$ref` to it.
    RenameSchema { index: u8, name: Word },
}

impl Op {
    fn apply(&self, doc: &mut Value) {
        match self {
            Op::Set { at, key, value } => {
                let node = node_mut(doc, &locate(doc, at));
                let value = value.to_value();
                match node {
                    Value::Mapping(map) => {
                        map.insert(key.to_value(), value);
                    }
                    Value::Sequence(items) => items.push(value),
                    other => *other = single(key.to_value(), value),
                }
            }
            Op::Replace { at, value } => *node_mut(doc, &locate(doc, at)) = value.to_value(),
            Op::Delete { at } => {
                let path = locate(doc, at);
                if let Some((last, parent)) = path.split_last() {
                    match node_mut(doc, parent) {
                        Value::Mapping(map) => {
                            if let Some(key) = map.keys().nth(*last).cloned() {
                                map.shift_remove(&key);
                            }
                        }
                        Value::Sequence(items) if *last < items.len() => {
                            items.remove(*last);
                        }
                        _ => {}
                    }
                }
            }
            Op::Rename { at, key } => {
                let path = locate(doc, at);
                if let Some((last, parent)) = path.split_last() {
                    if let Value::Mapping(map) = node_mut(doc, parent) {
                        let new_key = key.to_value();
                        if !map.contains_key(&new_key) {
                            *map = std::mem::take(map)
                                .into_iter()
                                .enumerate()
                                .map(|(i, (k, v))| {
                                    if i == *last {
                                        (new_key.clone(), v)
                                    } else {
                                        (k, v)
                                    }
                                })
                                .collect();
                        }
                    }
                }
            }
            Op::Wrap { at, key } => {
                let node = node_mut(doc, &locate(doc, at));
                let inner = std::mem::take(node);
                *node = single(key.to_value(), inner);
            }
            Op::Listify { at } => {
                let node = node_mut(doc, &locate(doc, at));
                let inner = std::mem::take(node);
                *node = Value::Sequence(vec![inner]);
            }
            Op::Copy { from, to, key } => {
                let copy = node_mut(doc, &locate(doc, from)).clone();
                let target = node_mut(doc, &locate(doc, to));
                match target {
                    Value::Mapping(map) => {
                        map.insert(key.to_value(), copy);
                    }
                    Value::Sequence(items) => items.push(copy),
                    other => *other = copy,
                }
            }
            Op::RenameSchema { index, name } => rename_schema(doc, *index, &name.to_string()),
        }
    }
}

/// A mapping with one entry.
pub(crate) fn single(key: Value, value: Value) -> Value {
    let mut map = Mapping::new();
    map.insert(key, value);
    Value::Mapping(map)
}

/// Renames the n-th schema of `components/schemas` to `name` and rewrites the `$ref`s to it.
fn rename_schema(doc: &mut Value, index: u8, name: &str) {
    let Some(Value::Mapping(schemas)) =
        doc.get_mut("components").and_then(|c| c.get_mut("schemas"))
    else {
        return;
    };
    if schemas.is_empty() || schemas.contains_key(name) {
        return;
    }
    let index = usize::from(index) % schemas.len();
    let Some(old) = schemas
        .keys()
        .nth(index)
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return;
    };
    *schemas = std::mem::take(schemas)
        .into_iter()
        .enumerate()
        .map(|(i, (k, v))| {
            if i == index {
                (Value::String(name.to_string()), v)
            } else {
                (k, v)
            }
        })
        .collect();
    let from = format!("#/components/schemas/{old}");
    let to = format!("#/components/schemas/{name}");
    rewrite_refs(doc, &from, &to);
}

/// Replaces every `$ref: from` below `value` with `$ref: to`.
fn rewrite_refs(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map.iter_mut() {
                if key.as_str() == Some("$ref") && child.as_str() == Some(from) {
                    *child = Value::String(to.to_string());
                } else {
                    rewrite_refs(child, from, to);
                }
            }
        }
        Value::Sequence(items) => items
            .iter_mut()
            .for_each(|item| rewrite_refs(item, from, to)),
        _ => {}
    }
}

/// One step of a path.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Step {
    /// The n-th child (modulo the number of children).
    Child(u8),
    /// The child under this key, if there is one.
    Key(Known),
    /// The n-th node (pre-order, modulo their number) anywhere below that sits under this key.
    Under(Known, u8),
}

/// Follows `steps` from the root as far as they go; returns child positions.
fn locate(doc: &Value, steps: &[Step]) -> Vec<usize> {
    let mut path = Vec::new();
    let mut node = doc;
    for step in steps {
        let found = match *step {
            Step::Child(n) => {
                let count = children(node).count();
                (count > 0).then(|| vec![usize::from(n) % count])
            }
            Step::Key(key) => match node {
                Value::Mapping(map) => map
                    .keys()
                    .position(|k| k.as_str() == Some(key.as_str()))
                    .map(|i| vec![i]),
                _ => None,
            },
            Step::Under(key, n) => {
                let mut found = Vec::new();
                under(node, key.as_str(), &mut Vec::new(), &mut found);
                (!found.is_empty()).then(|| found.swap_remove(usize::from(n) % found.len()))
            }
        };
        let Some(rel) = found else { break };
        for i in rel {
            node = children(node)
                .nth(i)
                .expect("a position found in this node");
            path.push(i);
        }
    }
    path
}

/// The children of a node (the values of a mapping, the items of a sequence).
fn children(value: &Value) -> Box<dyn Iterator<Item = &Value> + '_> {
    match value {
        Value::Mapping(map) => Box::new(map.values()),
        Value::Sequence(items) => Box::new(items.iter()),
        _ => Box::new(std::iter::empty()),
    }
}

/// Collects the relative paths of every node below `value` that sits under `key`.
fn under(value: &Value, key: &str, at: &mut Vec<usize>, found: &mut Vec<Vec<usize>>) {
    match value {
        Value::Mapping(map) => {
            for (i, (k, child)) in map.iter().enumerate() {
                at.push(i);
                if k.as_str() == Some(key) {
                    found.push(at.clone());
                }
                under(child, key, at, found);
                at.pop();
            }
        }
        Value::Sequence(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(i);
                under(child, key, at, found);
                at.pop();
            }
        }
        _ => {}
    }
}

/// The node at a path of child positions found by [`locate`].
fn node_mut<'a>(mut node: &'a mut Value, path: &[usize]) -> &'a mut Value {
    for &i in path {
        node = match node {
            Value::Mapping(map) => map.values_mut().nth(i).expect("a located position"),
            Value::Sequence(items) => &mut items[i],
            _ => unreachable!("located paths only go through collections"),
        };
    }
    node
}
