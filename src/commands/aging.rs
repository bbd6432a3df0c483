//! `dun aging`: totals per currency and bucket as of a date.

use std::io::Write;

use chrono::NaiveDate;

use super::Format;
use super::table::{Align, render};
use crate::domain::aging::AgingJson;
use crate::domain::money::decimal_string_wide;
use crate::store::Store;

pub fn run(
    store: &mut Store,
    as_of: NaiveDate,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let report = store.read(|tx| crate::store::aging::report(tx, as_of))?;
    match format {
        Format::Json => {
            crate::export::json_safe::to_writer(&mut *out, &AgingJson::from(&report))?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record(["as_of", "currency", "bucket", "count", "outstanding"])?;
            for t in &report.totals {
                for b in &t.buckets {
                    w.write_record([
                        as_of.to_string(),
                        t.currency.code().to_string(),
                        b.bucket.label().to_string(),
                        b.count.to_string(),
                        decimal_string_wide(b.outstanding, t.currency.exponent()),
                    ])?;
                }
            }
            w.flush()?;
        }
        Format::Table => {
            writeln!(out, "Aging as of {as_of}")?;
            if report.totals.is_empty() {
                writeln!(out, "No open invoices.")?;
                return Ok(());
            }
            let mut rows = Vec::new();
            for t in &report.totals {
                let e = t.currency.exponent();
                for b in &t.buckets {
                    rows.push(vec![
                        t.currency.code().to_string(),
                        b.bucket.label().to_string(),
                        b.count.to_string(),
                        decimal_string_wide(b.outstanding, e),
                        percent(b.outstanding, t.outstanding),
                    ]);
                }
                rows.push(vec![
                    t.currency.code().to_string(),
                    "total".to_string(),
                    t.count().to_string(),
                    decimal_string_wide(t.outstanding, e),
                    "100.0%".to_string(),
                ]);
            }
            let header = [
                ("currency", Align::Left),
                ("bucket", Align::Left),
                ("invoices", Align::Right),
                ("outstanding", Align::Right),
                ("share", Align::Right),
            ];
            write!(out, "{}", render(&header, &rows))?;
        }
    }
    Ok(())
}

/// `part` as a share of `whole`, one decimal, for display only.
fn percent(part: i128, whole: i128) -> String {
    if whole == 0 {
        return "-".to_string();
    }
    let tenths = (part.saturating_mul(1000) + whole / 2) / whole;
    format!("{}.{}%", tenths / 10, tenths % 10)
}
