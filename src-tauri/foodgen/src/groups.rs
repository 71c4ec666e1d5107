//! Food groups: SR26's table of them, and the group of a food SR26 does not describe,
//! guessed from foods it does.

use std::collections::{BTreeMap, HashMap};

use crate::delimited::Record;
use crate::model::GenError;
use crate::sr::{clean, group_code, FD_GROUP};
use crate::sr26::LongDesc;

pub(crate) fn parse_groups(records: &[Record]) -> Result<BTreeMap<String, String>, GenError> {
    let mut groups = BTreeMap::new();
    for record in records {
        let at = format!("{FD_GROUP} line {}", record.line);
        let [code, name] = record.fields.as_slice() else {
            return Err(GenError(format!("{at}: bad record {:?}", record.fields)));
        };
        groups.insert(group_code(code, &at)?, clean(name));
    }
    Ok(groups)
}

/// NDB prefixes that are not food group codes but whose SR26 foods all sit in one group
/// (23xxx are beef, 28xxx baked products, ...).
pub(crate) fn consistent_prefix_groups(
    long: &HashMap<String, LongDesc>,
) -> HashMap<String, String> {
    let mut seen: HashMap<String, Option<String>> = HashMap::new();
    for (ndb, desc) in long {
        let prefix = ndb[..2].to_string();
        match seen.get(&prefix) {
            None => {
                seen.insert(prefix, Some(desc.group.clone()));
            }
            Some(Some(g)) if *g != desc.group => {
                seen.insert(prefix, None);
            }
            _ => {}
        }
    }
    seen.into_iter()
        .filter_map(|(p, g)| g.map(|g| (p, g)))
        .collect()
}

/// The most common group of the SR26 foods whose short description starts with the same
/// word ("JAMS", "CANDIES"), by that first word; ties go to the lowest code.
pub(crate) fn head_groups(long: &HashMap<String, LongDesc>) -> HashMap<String, String> {
    let mut counts: HashMap<String, BTreeMap<String, u32>> = HashMap::new();
    for desc in long.values() {
        *counts
            .entry(short_head(&desc.short))
            .or_default()
            .entry(desc.group.clone())
            .or_default() += 1;
    }
    counts
        .into_iter()
        .filter_map(|(head, groups)| {
            let best = groups
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(g, _)| g.clone());
            best.map(|g| (head, g))
        })
        .collect()
}

fn short_head(short: &str) -> String {
    short
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_uppercase()
}

/// The food group of a food SR26 does not describe: its NDB prefix when that is a group
/// code, else the group all SR26 foods with that prefix share, else the usual group of SR26
/// foods whose short description starts with the same word.
pub(crate) fn fallback_group(
    ndb: &str,
    short: &str,
    groups: &BTreeMap<String, String>,
    prefix_groups: &HashMap<String, String>,
    head_groups: &HashMap<String, String>,
) -> Option<String> {
    let prefix = &ndb[..2];
    if groups.contains_key(prefix) {
        return Some(prefix.to_string());
    }
    prefix_groups
        .get(prefix)
        .or_else(|| head_groups.get(&short_head(short)))
        .cloned()
}
