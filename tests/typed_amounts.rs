//! An amount typed in `dun log` (or a workbench form) and the same text in a
//! cell of an import are read the same way: the same minor units, or both
//! refused; and digits beyond the currency's decimals are never read as more.

#[path = "common/fuzz.rs"]
mod fuzz;

use dun::domain::currency::Currency;
use dun::import::amounts::parse_typed;
use dun::import::headers::{Field, FileKind};
use dun::import::table::Table;
use fuzz::{check, fuzz};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

const FILE: &str = "typed_amounts";

/// An amount as written: its digits, how they are grouped and separated.
#[derive(Clone, Debug)]
struct Written {
    text: String,
    units: u64,
    /// The digits after the decimal separator (none written when empty).
    decimals: String,
    grouped: bool,
}

fn group(units: u64, by: Option<char>) -> String {
    let digits = units.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0
            && (digits.len() - i).is_multiple_of(3)
            && let Some(g) = by
        {
            out.push(g);
        }
        out.push(c);
    }
    out
}

fn written() -> impl Strategy<Value = Written> {
    let grouping =
        prop::sample::select(vec![None, Some('.'), Some(','), Some(' '), Some('\u{a0}')]);
    let marker = prop::sample::select(vec![
        "", "", "€", "£", "$", "kr", "¥", "EUR", "GBP", "JPY", "NOK", "BHD", "USD",
    ]);
    (
        prop_oneof![0u64..2000, 0u64..10_000_000_000],
        "[0-9]{0,3}",
        grouping,
        any::<bool>(),
        marker,
        (any::<bool>(), any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(units, decimals, by, comma, marker, (before, spaced, minus))| {
                let decimal = match by {
                    Some('.') => ',',
                    Some(',') => '.',
                    _ if comma => ',',
                    _ => '.',
                };
                let mut body = group(units, by);
                if !decimals.is_empty() {
                    body.push(decimal);
                    body.push_str(&decimals);
                }
                if minus {
                    body.insert(0, '-');
                }
                let gap = if spaced && !marker.is_empty() {
                    " "
                } else {
                    ""
                };
                let text = if before {
                    format!("{marker}{gap}{body}")
                } else {
                    format!("{body}{gap}{marker}")
                };
                Written {
                    text,
                    units,
                    decimals,
                    grouped: by.is_some() && units >= 1000,
                }
            },
        )
}

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec!["EUR", "GBP", "JPY", "BHD", "NOK", "USD"])
        .prop_map(|c| Currency::from_code(c).unwrap())
}

#[test]
fn an_import_cell_and_a_typed_amount_read_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("payments.csv");
    fuzz(
        FILE,
        "cell_and_typed",
        (written(), currency()),
        |(w, cur)| {
            std::fs::write(
                &path,
                format!(
                    "invoice\tpayment date\tamount\nF1\t2026-01-05\t\"{}\"\n",
                    w.text
                ),
            )
            .unwrap();
            let table = Table::read(&path, FileKind::Payments, None, None)
                .map_err(|e| TestCaseError::fail(format!("{}: {e}", w.text)))?;
            let row = table.rows().next().expect("one row");
            let imported = row.amount(Field::Amount, cur).ok().flatten();
            let typed = parse_typed(&w.text, cur).ok();
            check(imported == typed, || {
                format!(
                    "{:?} in {cur}: import {imported:?}, typed {typed:?}",
                    w.text
                )
            })?;
            // More decimals than the currency has are refused, unless the lone
            // separator before three digits is read as grouping thousands.
            let exponent = cur.exponent() as usize;
            let as_thousands = w.decimals.len() == 3 && !w.grouped && w.units != 0 && exponent < 3;
            if w.decimals.len() > exponent && !as_thousands {
                check(typed.is_none(), || {
                    format!("{:?} in {cur} read as {typed:?}", w.text)
                })?;
            }
            // What is read is what was written.
            if let Some(minor) = typed
                && w.decimals.len() <= exponent
            {
                let scale = 10i128.pow(cur.exponent());
                let frac = if w.decimals.is_empty() {
                    0
                } else {
                    w.decimals.parse::<i128>().unwrap()
                        * 10i128.pow(cur.exponent() - w.decimals.len() as u32)
                };
                let want = i128::from(w.units) * scale + frac;
                check(i128::from(minor).abs() == want, || {
                    format!("{:?} in {cur} read as {minor}, not {want}", w.text)
                })?;
            }
            Ok(())
        },
    );
}
