//! `dun dossier CLIENT --out DIR`: a case's evidence file (see
//! [`crate::dossier`]).

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use crate::config::CompanyConfig;
use crate::domain::penalty::RateTables;
use crate::dossier::{DossierError, gather, write};
use crate::store::Store;

pub struct DossierRun<'a> {
    pub client: &'a str,
    pub invoices: &'a [String],
    pub out: &'a Path,
    pub as_of: NaiveDate,
    /// The team's letters folder, where the letters sent are.
    pub letters: &'a Path,
    pub user: &'a str,
}

pub fn run(
    store: &mut Store,
    run: &DossierRun<'_>,
    company: &CompanyConfig,
    rates: &RateTables,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let dossier = store.read(|tx| {
        gather(tx, run.client, run.invoices, run.as_of, rates).map_err(|e| match e {
            DossierError::Store(e) => anyhow::Error::from(e),
            other => anyhow::anyhow!("{other}"),
        })
    })?;
    let written = write(&dossier, company, run.letters, run.out, run.user)?;
    writeln!(
        out,
        "Evidence file of {} ({} invoices, {} letters, {} journal entries) as of {} in {}:",
        dossier.client.code,
        dossier.invoices.len(),
        written.letters,
        dossier.journal.len(),
        run.as_of,
        written.dir.display()
    )?;
    for f in &written.files {
        writeln!(out, "  {f}")?;
    }
    if written.missing > 0 {
        writeln!(
            out,
            "{} letter files are no longer in the letters folder ({}): index.txt names them",
            written.missing,
            run.letters.display()
        )?;
    }
    Ok(())
}
