//! `dun` without a subcommand: the workbench on a terminal, today's queue
//! otherwise; and `dun --demo`, the same on a throwaway database.

use std::io::{IsTerminal, Write};

use super::Context;
use crate::commands::{self, Format};

/// The workbench, or the queue when the output is not a terminal, on the
/// existing database of `ctx`.
pub fn run(ctx: &mut Context, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut store = ctx.open()?;
    if std::io::stdout().is_terminal() {
        let name = ctx.db.file_name().map_or_else(
            || ctx.db.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let settings = crate::tui::Settings {
            today: ctx.today,
            clock: ctx.clock(),
            user: ctx.user.clone(),
            database: name,
            rules: ctx.team.rules(),
            company: ctx.team.company.clone(),
            letters_dir: ctx.team.letters_dir(&ctx.db)?,
            smtp: ctx.team.smtp.clone(),
        };
        return crate::tui::run(&mut store, settings);
    }
    let empty = store.read(|tx| crate::store::invoices::count(tx))? == 0;
    if empty {
        writeln!(
            out,
            "{} holds no invoices yet.\nImport some with `dun import invoices FILE`, or look around with `dun --demo`.",
            ctx.db.display()
        )?;
        return Ok(());
    }
    let rates = crate::rates::load(&mut store)?;
    commands::queue::run(
        &mut store,
        ctx.today,
        None,
        &ctx.team.rules(),
        &rates,
        Format::Table,
        out,
    )
}

/// `dun --demo`: a throwaway database, filled, shown, removed.
pub fn demo(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("dun-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map_err(|e| anyhow::anyhow!("{}: {}", dir.display(), crate::fault::io_reason(&e)))?;
    crate::tui::remove_on_exit(&dir);
    let result = (|| {
        let mut store = crate::store::Store::open(&dir.join("demo.db"))?;
        commands::demo::fill(&mut store, ctx.today, 400, &ctx.user)?;
        if std::io::stdout().is_terminal() {
            let settings = crate::tui::Settings {
                today: ctx.today,
                clock: ctx.clock(),
                user: ctx.user.clone(),
                database: "DEMO".to_string(),
                rules: ctx.team.rules(),
                company: ctx.team.company.clone(),
                letters_dir: dir.join("letters"),
                smtp: crate::team::SmtpSettings::default(),
            };
            return crate::tui::run(&mut store, settings);
        }
        writeln!(
            out,
            "DEMO — a generated portfolio; nothing here is real and nothing is kept.\n"
        )?;
        let rates = crate::rates::load(&mut store)?;
        commands::queue::run(
            &mut store,
            ctx.today,
            None,
            &ctx.team.rules(),
            &rates,
            Format::Table,
            out,
        )?;
        writeln!(out)?;
        commands::aging::run(&mut store, ctx.today, Format::Table, out)
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}
