//! `dun settings`: the team settings shown, set one by one, exported to a
//! TOML file and imported from one.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::team::{Entry, Source, file};

/// How `dun settings show` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SettingsFormat {
    /// `key = value  # source`, one key a line (itself a TOML file).
    #[default]
    Toml,
    Json,
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    key: &'a str,
    value: &'a toml::Value,
    /// `default` or `set`.
    source: &'static str,
    set_by: Option<&'a str>,
    set_at: Option<&'a str>,
}

/// Every key with its value and where it comes from.
pub fn show(entries: &[Entry], format: SettingsFormat, out: &mut dyn Write) -> anyhow::Result<()> {
    match format {
        SettingsFormat::Toml => {
            let width = entries.iter().map(|e| e.key.len()).max().unwrap_or(0);
            for e in entries {
                let value = file::inline(&e.value);
                writeln!(out, "{:width$} = {value}  # {}", e.key, e.source)?;
            }
        }
        SettingsFormat::Json => {
            let rows: Vec<JsonEntry<'_>> = entries
                .iter()
                .map(|e| {
                    let (source, set_by, set_at) = match &e.source {
                        Source::Default => ("default", None, None),
                        Source::Set { by, at } => ("set", Some(by.as_str()), Some(at.as_str())),
                    };
                    JsonEntry {
                        key: &e.key,
                        value: &e.value,
                        source,
                        set_by,
                        set_at,
                    }
                })
                .collect();
            crate::export::json_safe::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// Every key as a TOML file that `dun settings import` takes back, to
/// `output` (replaced whole, with `mode`) or `out`.
pub fn export(
    entries: &[Entry],
    output: Option<&Path>,
    mode: u32,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let text = file::export(entries);
    match output {
        Some(path) => crate::write_file::replace(path, mode, |w| Ok(w.write_all(text.as_bytes())?)),
        None => Ok(out.write_all(text.as_bytes())?),
    }
}
