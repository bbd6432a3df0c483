//! `dun aging`: totals per currency and bucket as of a date.

use std::io::Write;

use chrono::NaiveDate;

use super::Format;
use super::table::{Align, render};
use crate::domain::aging::{AgingJson, WrittenOffJson};
use crate::domain::money::decimal_string_wide;
use crate::store::Store;

pub fn run(
    store: &mut Store,
    as_of: NaiveDate,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let (report, written_off) = store.read(|tx| {
        let report = crate::store::aging::report(tx, as_of)?;
        Ok::<_, crate::store::StoreError>((report, crate::store::aging::written_off(tx, as_of)?))
    })?;
    let written_off = written_off.by_currency;
    match format {
        Format::Json => {
            let mut json = AgingJson::from(&report);
            json.written_off = written_off
                .iter()
                .map(|(c, n, a)| WrittenOffJson {
                    currency: c.code().to_string(),
                    count: *n,
                    amount: decimal_string_wide(i128::from(*a), c.exponent()),
                })
                .collect();
            crate::export::json_safe::to_writer(&mut *out, &json)?;
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
            // Written off: out of the buckets, on rows of their own.
            for (c, n, a) in &written_off {
                w.write_record([
                    as_of.to_string(),
                    c.code().to_string(),
                    "written_off".to_string(),
                    n.to_string(),
                    decimal_string_wide(i128::from(*a), c.exponent()),
                ])?;
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
            for (c, n, a) in &written_off {
                writeln!(
                    out,
                    "Written off by {as_of}, not in the aging: {} {} ({n} {})",
                    decimal_string_wide(i128::from(*a), c.exponent()),
                    c.code(),
                    if *n == 1 { "entry" } else { "entries" }
                )?;
            }
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
