//! `sync`: a tracker brought in line with its catalog. Parties, recommendations and
//! steps the catalog has and the tracker lacks are added (steps as `status: unknown`),
//! each after its nearest predecessor in catalog order; keys the catalog lists in a
//! step's `renamed_from` take the new id (only the key's text changes); what the
//! catalog no longer has is dropped where nothing is recorded under it, and held back,
//! with the reason, where a history would go with it.

use crate::model::catalog::{Catalog, Text as CatalogText};
use crate::model::edit::place::Editor;
use crate::model::edit::render::{Kind, Out};
use crate::model::edit::verify::{object_at, verify};
use crate::model::edit::walk::{At, PairAt, guard};
use crate::model::edit::{EditError, Held, SyncChange, Synced};
use crate::syntax::document::Node;
use serde_json::Value as Json;
use std::collections::HashSet;

/// A step's value as sync adds it.
fn new_step() -> Out {
    Out::Map(vec![("status", Out::Scalar("unknown".into(), Kind::Word))])
}

/// A party's name as the catalog writes it: one string, or one per language.
fn name_out(name: &CatalogText) -> Out {
    if name.is_plain() {
        return Out::Scalar(name.get("").to_string(), Kind::Text);
    }
    Out::Keyed(
        name.languages()
            .map(|l| {
                (
                    l.to_string(),
                    Out::Scalar(name.get(l).to_string(), Kind::Text),
                )
            })
            .collect(),
    )
}

/// How many history entries a step has.
fn entries(step: &Node) -> usize {
    step.get("history")
        .and_then(Node::as_seq)
        .map_or(0, <[Node]>::len)
}

fn mapping<'j>(
    json: &'j mut Json,
    keys: &[&str],
) -> Result<&'j mut serde_json::Map<String, Json>, EditError> {
    object_at(json, keys)
        .ok_or_else(|| EditError::Verify(format!("`{}` is not a mapping", keys.join("."))))
}

/// The additions to one mapping, each placed after the nearest earlier id of `order`
/// that stays in the map (`kept`: id → its key as written), else before its first pair.
fn add_missing(
    ed: &mut Editor<'_>,
    map: At<'_>,
    order: &[&str],
    kept: &[(&str, &str)],
    added: Vec<(String, Out)>,
) -> Result<(), EditError> {
    for (id, value) in added {
        let at = order.iter().position(|o| *o == id).unwrap_or(order.len());
        let before: Vec<&str> = order[..at]
            .iter()
            .rev()
            .filter_map(|o| kept.iter().find(|(k, _)| k == o).map(|(_, key)| *key))
            .collect();
        if before.is_empty() {
            ed.insert_first(map, &id, &value)?;
        } else {
            ed.insert_pair(map, &before, &id, &value)?;
        }
    }
    Ok(())
}

/// See [`super::sync`].
pub(super) fn sync(
    ed: &mut Editor<'_>,
    root: At<'_>,
    catalog: &Catalog,
) -> Result<Synced, EditError> {
    guard(ed.root, root.shape, "the document")?;
    let mut expected = root.node.to_json();
    let mut changes = Vec::new();
    let mut held = Vec::new();
    // Removals are made last, so an addition at the start of a removed pair's line
    // comes before it in the splice.
    let mut removals: Vec<(At<'_>, PairAt<'_>)> = Vec::new();

    // Parties.
    let catalog_parties: Vec<&str> = catalog.party_ids().collect();
    match root.pair("parties") {
        None => {
            let all: Vec<(String, Out)> = catalog
                .parties
                .iter()
                .map(|(id, name)| (id.clone(), name_out(name)))
                .collect();
            for (id, name) in &catalog.parties {
                changes.push(SyncChange::AddedParty {
                    id: id.clone(),
                    name: name.get(catalog.default_language()).to_string(),
                });
            }
            let value = Out::Keyed(all);
            mapping(&mut expected, &[])?.insert("parties".into(), value.to_json());
            ed.insert_pair(root, &["as_of", "title", "id"], "parties", &value)?;
        }
        Some(parties) => {
            guard(ed.root, parties.value.shape, "`parties`")?;
            let written = parties.value.pairs();
            let kept: Vec<(&str, &str)> = written
                .iter()
                .filter(|p| catalog_parties.contains(&p.key))
                .map(|p| (p.key, p.key))
                .collect();
            let mut added = Vec::new();
            for (id, name) in &catalog.parties {
                if written.iter().any(|p| p.key == id) {
                    continue;
                }
                let value = name_out(name);
                mapping(&mut expected, &["parties"])?.insert(id.clone(), value.to_json());
                changes.push(SyncChange::AddedParty {
                    id: id.clone(),
                    name: name.get(catalog.default_language()).to_string(),
                });
                added.push((id.clone(), value));
            }
            add_missing(ed, parties.value, &catalog_parties, &kept, added)?;
            for p in written.iter().filter(|p| !catalog_parties.contains(&p.key)) {
                mapping(&mut expected, &["parties"])?.remove(p.key);
                changes.push(SyncChange::DroppedParty { id: p.key.into() });
                removals.push((parties.value, *p));
            }
        }
    }

    // Recommendations.
    let recs = root.pair("recommendations").ok_or(EditError::Unsupported {
        what: "the tracker has no `recommendations`".into(),
        line: 1,
    })?;
    guard(ed.root, recs.value.shape, "`recommendations`")?;
    let rec_order: Vec<&str> = catalog
        .recommendations
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    let written_recs = recs.value.pairs();
    let mut added_recs = Vec::new();
    for rec in &catalog.recommendations {
        let Some(written) = written_recs.iter().find(|p| p.key == rec.id) else {
            let steps = rec
                .steps
                .iter()
                .map(|s| (s.id.clone(), new_step()))
                .collect();
            let value = Out::Map(vec![("steps", Out::Keyed(steps))]);
            mapping(&mut expected, &["recommendations"])?.insert(rec.id.clone(), value.to_json());
            changes.push(SyncChange::AddedRecommendation {
                rec: rec.id.clone(),
                steps: rec.steps.len(),
            });
            added_recs.push((rec.id.clone(), value));
            continue;
        };
        guard(ed.root, written.value.shape, "the recommendation")?;
        let Some(steps) = written.value.pair("steps") else {
            let all = rec
                .steps
                .iter()
                .map(|s| (s.id.clone(), new_step()))
                .collect();
            let value = Out::Keyed(all);
            mapping(&mut expected, &["recommendations", &rec.id])?
                .insert("steps".into(), value.to_json());
            for s in &rec.steps {
                changes.push(SyncChange::AddedStep {
                    rec: rec.id.clone(),
                    step: s.id.clone(),
                });
            }
            ed.insert_pair(written.value, &[], "steps", &value)?;
            continue;
        };
        guard(ed.root, steps.value.shape, "the recommendation's `steps`")?;
        let path = ["recommendations", rec.id.as_str(), "steps"];
        let written_steps = steps.value.pairs();
        let present = |id: &str| written_steps.iter().find(|p| p.key == id).copied();
        let mut handled: HashSet<&str> = HashSet::new();
        // id in the catalog → the key that stays under it.
        let mut kept: Vec<(&str, &str)> = Vec::new();
        let mut added = Vec::new();
        for step in &rec.steps {
            // A `renamed_from` naming a current step (a broken catalog) renames nothing,
            // and no key is taken twice.
            let candidates: Vec<PairAt<'_>> = std::iter::once(step.id.as_str())
                .chain(
                    step.renamed_from
                        .iter()
                        .map(String::as_str)
                        .filter(|o| rec.step(o).is_none()),
                )
                .filter_map(present)
                .filter(|p| !handled.contains(p.key))
                .collect();
            handled.extend(candidates.iter().map(|p| p.key));
            let recorded: Vec<&PairAt<'_>> = candidates
                .iter()
                .filter(|p| entries(p.value.node) > 0)
                .collect();
            if recorded.len() > 1 {
                // Two histories would become one step's: that is the monitor's call.
                held.extend(recorded.iter().map(|p| Held {
                    step: format!("{}/{}", rec.id, p.key),
                    span: p.key_shape.span,
                    entries: entries(p.value.node),
                    merge_into: Some(step.id.clone()),
                }));
                continue;
            }
            let keeper = recorded
                .first()
                .map(|p| **p)
                .or_else(|| candidates.iter().find(|p| p.key == step.id).copied())
                .or_else(|| candidates.first().copied());
            let Some(keeper) = keeper else {
                mapping(&mut expected, &path)?.insert(step.id.clone(), new_step().to_json());
                changes.push(SyncChange::AddedStep {
                    rec: rec.id.clone(),
                    step: step.id.clone(),
                });
                added.push((step.id.clone(), new_step()));
                continue;
            };
            for other in candidates.iter().filter(|p| p.key != keeper.key) {
                mapping(&mut expected, &path)?.remove(other.key);
                changes.push(SyncChange::DroppedStep {
                    rec: rec.id.clone(),
                    step: other.key.to_string(),
                    renamed_to: Some(step.id.clone()),
                });
                removals.push((steps.value, *other));
            }
            if keeper.key != step.id {
                let map = mapping(&mut expected, &path)?;
                let value = map.remove(keeper.key).unwrap_or(Json::Null);
                map.insert(step.id.clone(), value);
                changes.push(SyncChange::Renamed {
                    rec: rec.id.clone(),
                    from: keeper.key.to_string(),
                    to: step.id.clone(),
                });
                ed.rename_key(steps.value.shape, keeper, &step.id)?;
            }
            kept.push((step.id.as_str(), keeper.key));
        }
        for p in written_steps.iter().filter(|p| !handled.contains(p.key)) {
            let n = entries(p.value.node);
            if n > 0 {
                held.push(Held {
                    step: format!("{}/{}", rec.id, p.key),
                    span: p.key_shape.span,
                    entries: n,
                    merge_into: None,
                });
                continue;
            }
            mapping(&mut expected, &path)?.remove(p.key);
            changes.push(SyncChange::DroppedStep {
                rec: rec.id.clone(),
                step: p.key.to_string(),
                renamed_to: None,
            });
            removals.push((steps.value, *p));
        }
        let order: Vec<&str> = rec.steps.iter().map(|s| s.id.as_str()).collect();
        add_missing(ed, steps.value, &order, &kept, added)?;
    }
    let kept_recs: Vec<(&str, &str)> = written_recs
        .iter()
        .filter(|p| rec_order.contains(&p.key))
        .map(|p| (p.key, p.key))
        .collect();
    add_missing(ed, recs.value, &rec_order, &kept_recs, added_recs)?;
    // Recommendations the catalog no longer has: dropped only when nothing is recorded
    // in any of their steps.
    for p in written_recs.iter().filter(|p| !rec_order.contains(&p.key)) {
        let recorded: Vec<Held> = p
            .value
            .pair("steps")
            .map(|s| s.value.pairs())
            .unwrap_or_default()
            .iter()
            .filter(|s| entries(s.value.node) > 0)
            .map(|s| Held {
                step: format!("{}/{}", p.key, s.key),
                span: s.key_shape.span,
                entries: entries(s.value.node),
                merge_into: None,
            })
            .collect();
        if !recorded.is_empty() {
            held.extend(recorded);
            continue;
        }
        mapping(&mut expected, &["recommendations"])?.remove(p.key);
        changes.push(SyncChange::DroppedRecommendation {
            rec: p.key.to_string(),
        });
        removals.push((recs.value, *p));
    }

    if !held.is_empty() {
        return Ok(Synced {
            text: ed.text.s.to_string(),
            changes,
            held,
        });
    }
    for (map, pair) in removals {
        ed.remove_pair(map, pair)?;
    }
    let text = std::mem::take(&mut ed.splice).apply(ed.text.s)?;
    verify(&text, &expected)?;
    Ok(Synced {
        text,
        changes,
        held,
    })
}

#[cfg(test)]
mod tests;
