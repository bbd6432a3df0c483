//! `dun settings` on the command line: its subcommands, and which of them
//! only read and which write (none creates a database).

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;

use super::Context;
use crate::commands::{self, settings::SettingsFormat};
use crate::domain::text::printable;

#[derive(Subcommand, Debug)]
pub enum SettingsAction {
    /// Every key, its value and where it comes from (default, or who set it when).
    Show {
        /// toml (itself a settings file) or json for scripts.
        #[arg(long, value_enum, default_value_t = SettingsFormat::Toml)]
        format: SettingsFormat,
    },
    /// Set KEY to VALUE, a TOML value (`10`, `"5.00"`, `[{ offset = 7, … }]`);
    /// for a text key a bare word is the text.
    Set {
        /// The setting's key, as `dun settings show` lists it.
        key: String,
        /// The new value, a TOML value or, for a text key, a bare word.
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
    /// Set every key of a TOML file (as `export` writes): all or nothing.
    Import {
        /// The TOML file to read.
        file: PathBuf,
    },
    /// Write every key as TOML, for editing and `import`.
    Export {
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// `dun settings`: shown and exported without writing, set and imported in
/// one transaction each; all of them on an existing database only.
pub fn run(
    ctx: &mut Context,
    action: Option<SettingsAction>,
    format: SettingsFormat,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let entries = |ctx: &mut Context| -> anyhow::Result<Vec<crate::team::Entry>> {
        // Shown even when the settings in force do not pass the checks
        // together, so that they can be put right.
        let mut store = crate::store::Store::open_read(&ctx.db)?;
        Ok(crate::team::load_entries(&mut store)?)
    };
    match action.unwrap_or(SettingsAction::Show { format }) {
        SettingsAction::Show { format } => {
            commands::settings::show(&entries(ctx)?, format, out)?;
        }
        SettingsAction::Export { output } => {
            let mode = crate::store::host::new_file_mode(&crate::store::host::parent_dir(&ctx.db));
            commands::settings::export(&entries(ctx)?, output.as_deref(), mode, out)?;
        }
        SettingsAction::Set { key, value } => {
            let mut store = crate::store::Store::open_existing(&ctx.db)?;
            let changed =
                crate::team::set(&mut store, &key, &value, &ctx.user, chrono::Utc::now())?;
            let entries = crate::team::load_entries(&mut store)?;
            let now = entries.iter().find(|e| e.key == key);
            let shown = now.map_or(String::new(), |e| crate::team::file::inline(&e.value));
            if changed {
                writeln!(out, "{key} = {}", printable(&shown))?;
            } else {
                writeln!(out, "{key} = {} (unchanged)", printable(&shown))?;
            }
        }
        SettingsAction::Import { file } => {
            let mut store = crate::store::Store::open_existing(&ctx.db)?;
            let n = crate::team::import(&mut store, &file, &ctx.user, chrono::Utc::now())?;
            writeln!(
                out,
                "{}: {n} setting{} changed",
                printable(&file.display().to_string()),
                if n == 1 { "" } else { "s" }
            )?;
        }
    }
    Ok(())
}
