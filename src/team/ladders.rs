//! The dunning ladders among the team settings: steps written back as
//! TOML, and each profile's ladder built from its keys and checked.

use std::collections::BTreeMap;

use crate::domain::client::Profile;
use crate::domain::ladder::{Ladder, LadderError, Step};
use crate::domain::queue::Ladders;

/// `steps` as stored and exported: an array of inline tables, every field
/// written (`registered` only when set).
pub fn steps_value(steps: &[Step]) -> toml::Value {
    let tables = steps
        .iter()
        .map(|s| {
            let mut t = toml::Table::new();
            t.insert("offset".into(), i64::from(s.offset).into());
            t.insert("action".into(), s.action.as_str().into());
            t.insert("channel".into(), s.channel.as_str().into());
            t.insert("template".into(), s.template.clone().into());
            t.insert("deadline_days".into(), i64::from(s.deadline_days).into());
            if s.registered {
                t.insert("registered".into(), true.into());
            }
            toml::Value::Table(t)
        })
        .collect();
    toml::Value::Array(tables)
}

/// The three ladders from the checked values of `map`; an error names the
/// key at fault and why.
pub fn build(map: &BTreeMap<String, toml::Value>) -> Result<Ladders, (String, String)> {
    let one = |p: Profile| ladder(map, p.as_str());
    Ok(Ladders {
        administration: one(Profile::Administration)?,
        business: one(Profile::Business)?,
        individual: one(Profile::Individual)?,
    })
}

fn ladder(map: &BTreeMap<String, toml::Value>, name: &str) -> Result<Ladder, (String, String)> {
    let key = |field: &str| format!("ladder.{name}.{field}");
    let days = |field: &str| -> Result<u32, (String, String)> {
        let k = key(field);
        map.get(&k)
            .and_then(toml::Value::as_integer)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| (k, "missing or not a whole number of days".to_string()))
    };
    let steps: Vec<Step> = map
        .get(&key("steps"))
        .cloned()
        .ok_or_else(|| (key("steps"), "missing".to_string()))?
        .try_into()
        .map_err(|e: toml::de::Error| (key("steps"), e.message().trim().to_string()))?;
    let l = Ladder {
        min_gap_days: days("min_gap_days")?,
        promise_grace_days: days("promise_grace_days")?,
        grace_days: days("grace_days")?,
        steps,
    };
    l.check().map_err(|e| {
        let field = match &e {
            LadderError::OutOfRange(what, ..)
                if matches!(
                    what.as_str(),
                    "min_gap_days" | "promise_grace_days" | "grace_days"
                ) =>
            {
                what.clone()
            }
            _ => "steps".to_string(),
        };
        (key(&field), e.to_string())
    })?;
    Ok(l)
}
