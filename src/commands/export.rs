//! `dun export aging|journal [-o FILE]`: to standard output, or to FILE
//! replaced whole (see [`crate::write_file`]), private or the team's as the
//! database is.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use crate::cli::ExportWhat;
use crate::domain::queue::Rules;
use crate::export::{self, ExportFormat};
use crate::store::{Store, host};

pub fn run(
    store: &mut Store,
    what: ExportWhat,
    format: ExportFormat,
    rules: &Rules,
    as_of: NaiveDate,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let Some(path) = output else {
        return write(store, what, format, rules, as_of, out);
    };
    let mode = host::new_file_mode(&host::parent_dir(store.path()));
    crate::write_file::replace(path, mode, |w| write(store, what, format, rules, as_of, w))
}

fn write(
    store: &mut Store,
    what: ExportWhat,
    format: ExportFormat,
    rules: &Rules,
    as_of: NaiveDate,
    sink: &mut dyn Write,
) -> anyhow::Result<()> {
    match what {
        ExportWhat::Aging => {
            let (lines, outlooks, off) = store.read(|tx| {
                let lines = crate::store::aging::lines(tx, as_of)?;
                let outlooks = crate::store::queue::outlooks(tx, as_of, rules)?;
                let off = crate::store::aging::written_off(tx, as_of)?.by_invoice;
                Ok::<_, crate::store::StoreError>((lines, outlooks, off))
            })?;
            export::aging::write(&mut *sink, &lines, &outlooks, &off, as_of, format)?;
        }
        ExportWhat::Journal => {
            let entries = store.read(|tx| crate::store::journal::latest(tx, None))?;
            export::journal::write(&mut *sink, &entries, format)?;
        }
    }
    sink.flush()?;
    Ok(())
}
