//! The SR26 tables joined onto SR28's foods by NDB number: long descriptions
//! (`SR26_FOOD_DES.txt`) and household portions (`SR26_WEIGHT.txt`).

use std::collections::HashMap;

use crate::delimited::Record;
use crate::model::{GenError, Portion};
use crate::portions::fmt_amount;
use crate::sr::{self, clean, group_code, FOOD_DES, WEIGHT};

/// One SR26 food description.
pub(crate) struct LongDesc {
    pub(crate) group: String,
    pub(crate) name: String,
    pub(crate) short: String,
}

pub(crate) fn parse_food_des(records: &[Record]) -> Result<HashMap<String, LongDesc>, GenError> {
    let mut out = HashMap::new();
    for record in records {
        let at = format!("{FOOD_DES} line {}", record.line);
        let row = &record.fields;
        if row.len() < 4 {
            return Err(GenError(format!("{at}: bad record {row:?}")));
        }
        out.insert(
            row[0].trim().to_string(),
            LongDesc {
                group: group_code(&row[1], &at)?,
                name: clean(&row[2]),
                short: row[3].trim().to_string(),
            },
        );
    }
    Ok(out)
}

/// SR26 household portions by NDB number, in SR's own order.
pub(crate) fn parse_weights(records: &[Record]) -> Result<HashMap<String, Vec<Portion>>, GenError> {
    let mut rows: Vec<(String, u32, Portion)> = Vec::new();
    for record in records {
        let row = &record.fields;
        if row.len() < 5 {
            return Err(GenError(format!(
                "{WEIGHT} line {}: bad record {row:?}",
                record.line
            )));
        }
        let ndb = row[0].trim().to_string();
        let what = format!("{WEIGHT} line {} ({ndb})", record.line);
        let seq: u32 = row[1]
            .trim()
            .parse()
            .map_err(|_| GenError(format!("{what}: bad Seq {:?}", row[1])))?;
        let amount =
            sr::number(&row[2], &what)?.ok_or_else(|| GenError(format!("{what}: no amount")))?;
        let grams =
            sr::number(&row[4], &what)?.ok_or_else(|| GenError(format!("{what}: no grams")))?;
        let desc = clean(&row[3]);
        if grams <= 0.0 || amount <= 0.0 || desc.is_empty() {
            continue;
        }
        let label = format!("{} {}", fmt_amount(amount), desc);
        rows.push((ndb, seq, Portion { grams, label }));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out: HashMap<String, Vec<Portion>> = HashMap::new();
    for (ndb, _, portion) in rows {
        out.entry(ndb).or_default().push(portion);
    }
    Ok(out)
}
