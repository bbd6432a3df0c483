//! The command line: global options, subcommands, and the one place that
//! turns errors into a one-line message and an exit status.

mod context;
mod import_cmd;
mod rates;
mod settings;
mod workbench;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::commands::rates::RatesFormat;
use crate::commands::settings::SettingsFormat;
use crate::commands::{self, Format};
use crate::domain::text::printable;
use crate::export::ExportFormat;
pub use context::Context;
pub use rates::RatesAction;
pub use settings::SettingsAction;

#[derive(Parser, Debug)]
#[command(
    name = "dun",
    version,
    about = "A terminal workbench for collections: aging, follow-up queue, client history.",
    after_help = "Without a subcommand, dun shows today's follow-up queue.\n\
                  Try it on generated data: dun --demo"
)]
pub struct Cli {
    /// Database file (default: dun.db in the data directory; see `dun paths`).
    /// It must exist, except for `init`, `demo` and `import`; a leading `~`
    /// is the home directory.
    #[arg(long, env = "DUN_DB", global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Take this date as today (YYYY-MM-DD), for reproducible reports.
    #[arg(long, env = "DUN_TODAY", global = true, value_name = "DATE", value_parser = commands::parse_iso_date)]
    pub today: Option<NaiveDate>,
    /// Run on a throwaway database filled with the demo portfolio.
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Import invoices, payments or clients from a CSV export (all or
    /// nothing); creates the database when there is none yet.
    Import {
        /// What the file holds: invoices, payments or clients.
        what: ImportWhat,
        /// The CSV file to read.
        file: PathBuf,
        /// Currency of amounts when the file has no currency column (e.g. EUR).
        #[arg(long)]
        currency: Option<String>,
        /// Date format when the file's dates are ambiguous: YYYY-MM-DD,
        /// DD/MM/YYYY, DD.MM.YYYY or M/D/YYYY.
        #[arg(long, value_name = "FORMAT")]
        date_format: Option<String>,
        /// Decimal separator of amounts, when the file's amounts could be
        /// read both ways (`1.000`).
        #[arg(long, value_enum, value_name = "SEPARATOR")]
        decimal_separator: Option<Separator>,
    },
    /// Aging totals per currency and bucket.
    Aging {
        /// Age as things stood on this date (default: today).
        #[arg(long, value_name = "DATE", value_parser = commands::parse_iso_date)]
        as_of: Option<NaiveDate>,
        /// table for reading, csv for spreadsheets, json for scripts.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Who to chase today.
    Queue {
        /// The queue as it stood on this date (default: today).
        #[arg(long, value_name = "DATE", value_parser = commands::parse_iso_date)]
        as_of: Option<NaiveDate>,
        /// Only the clients assigned to you.
        #[arg(long)]
        mine: bool,
        /// table for reading, csv for spreadsheets, json for scripts.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// One invoice: outstanding, days overdue, reminders, and the
    /// late-payment interest and compensation its client's law allows.
    Invoice {
        /// The invoice's number.
        number: String,
        /// Its figures as they stood on this date (default: today).
        #[arg(long, value_name = "DATE", value_parser = commands::parse_iso_date)]
        as_of: Option<NaiveDate>,
        /// table for reading, csv for spreadsheets (the invoice's row, then
        /// one row per interest period), json for scripts.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write a client's evidence file for a court, a collection agency or a
    /// lawyer: index.txt (the account, the penalties period by period, the
    /// letters and every contact), a copy of every letter sent, the
    /// journal extract (journal.csv, journal.json) and claim.json. Reads
    /// only.
    Dossier {
        /// The client's code.
        client: String,
        /// The invoices of the case (default: every invoice overdue on the
        /// day). Repeat it for several.
        #[arg(long = "invoice", value_name = "NUMBER")]
        invoices: Vec<String>,
        /// The new folder to write it into (it must not exist, or be empty).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The day its figures are computed for (default: today).
        #[arg(long, value_name = "DATE", value_parser = commands::parse_iso_date)]
        as_of: Option<NaiveDate>,
    },
    /// Write the letters the queue asks for today (a text file each, and an
    /// e-mail message for clients with an address), e-mail them with
    /// --send, and journal them. Running it again the same day sends
    /// nothing twice.
    Letters {
        /// The day the letters are due and dated (default: today).
        #[arg(long, value_name = "DATE", value_parser = commands::parse_iso_date)]
        as_of: Option<NaiveDate>,
        /// Where to write them (default: the team's `letters.folder`, or
        /// letters/ beside the database).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Only the clients assigned to you.
        #[arg(long)]
        mine: bool,
        /// Show what is due; write and log nothing.
        #[arg(long)]
        dry_run: bool,
        /// Send the e-mail letters through the team's mail server
        /// (`smtp.url`); without it they are written, not sent.
        #[arg(long)]
        send: bool,
        /// Print the letters that go by post (the ladder's letter steps,
        /// registered letters, and those no e-mail carried) with the
        /// team's `print.command` (default `lp`), and record them as posted.
        #[arg(long)]
        print: bool,
        /// Also send the reminders 3 and formal notices held for a missing
        /// reference rate, with the figures known and the interest "to be
        /// specified" (without it they wait until `dun rates set`).
        #[arg(long)]
        incomplete: bool,
    },
    /// Record one journal entry: a call, a reminder, a promise, a payment…
    ///
    /// Kinds: call, visit, email, letter, reminder, formal_notice, promise,
    /// dispute, dispute_resolved, payment, statement, credit_check, hold,
    /// snooze, note, escalation, payment_plan, write_off, correction. The
    /// same checks as the workbench apply: a formal notice needs three
    /// reminders first, a payment or a write-off no more than is due, a
    /// plan's instalments what its invoices owe. A correction
    /// (--refers-to ID --reason TEXT) undoes entry ID: a payment reversed,
    /// a reminder or an acknowledgment logged by mistake no longer counts.
    Log(Box<commands::log::LogRequest>),
    /// Change a client's file or add a client, journaled old → new.
    #[command(subcommand)]
    Client(ClientAction),
    /// Export the aging list or the journal (CSV for spreadsheets, JSON for scripts).
    Export {
        /// aging (one row per open invoice) or journal (every entry).
        what: ExportWhat,
        /// csv for spreadsheets (formula-like cells neutralised), json for scripts.
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// For the aging list: the date to age at (default: today).
        #[arg(long, value_name = "DATE", value_parser = commands::parse_iso_date)]
        as_of: Option<NaiveDate>,
        /// Write to this file instead of standard output (replaced whole,
        /// through a temporary file beside it).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Fill an empty database with a generated demo portfolio.
    Demo {
        /// Number of invoices to generate.
        #[arg(long, default_value_t = 400)]
        scale: usize,
    },
    /// Show the database, configuration file and user dun would use.
    Paths,
    /// Create a database: private (0600), or with --shared GROUP a team's
    /// (a setgid 2770 directory of the group, a 0660 file). Changes nothing
    /// on an existing one; says what is wrong with it.
    Init {
        /// The clerks' Unix group (then PATH is required).
        #[arg(long, value_name = "GROUP", requires = "path")]
        shared: Option<String>,
        /// Default: the database dun uses (see `dun paths`).
        path: Option<PathBuf>,
    },
    /// The team settings every clerk shares (ladders, company details,
    /// letters folder, time zone, minimum amounts, deposits): show them,
    /// set one, or export and import them as a TOML file. Each change is
    /// journaled with who made it.
    #[command(args_conflicts_with_subcommands = true)]
    Settings {
        #[command(subcommand)]
        action: Option<SettingsAction>,
        /// toml (itself a settings file) or json, as `dun settings show`.
        #[arg(long, value_enum, default_value_t = SettingsFormat::Toml)]
        format: SettingsFormat,
    },
    /// The reference rates of late-payment interest, the team's: every
    /// series and period in force with its value, source and origin
    /// (shipped, set by a clerk, or derived), then the rates needed today
    /// that are missing; `dun rates set` adds or corrects one.
    #[command(args_conflicts_with_subcommands = true)]
    Rates {
        #[command(subcommand)]
        action: Option<RatesAction>,
        /// Only this series (`ecb`, `france_legal`, `spain`,
        /// `norway_interest`, `norway_compensation`, `uk_bank_rate`).
        #[arg(long, value_name = "SERIES")]
        series: Option<String>,
        /// table for reading, json for scripts.
        #[arg(long, value_enum, default_value_t = RatesFormat::Table)]
        format: RatesFormat,
    },
    /// Copy the live database to FILE while others keep working, and check the copy.
    Backup {
        /// The file to write the copy to.
        file: PathBuf,
        /// Replace FILE if it exists (never with the copy of a database
        /// that holds no invoices and no journal).
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ClientAction {
    /// Change the fields given (one flag each), with the checks of a
    /// clients import; refused if another clerk changed one meanwhile.
    Edit(Box<commands::client::EditRequest>),
    /// Add a client: a new code, a name, a language, a country and a
    /// profile at least.
    Add(Box<commands::client::AddRequest>),
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ImportWhat {
    Invoices,
    Payments,
    Clients,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Separator {
    Dot,
    Comma,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExportWhat {
    Aging,
    Journal,
}

/// Parses the arguments, runs, and reports errors in one line on stderr.
pub fn main() -> ExitCode {
    // Past a file size limit (`ulimit -f`) the kernel would end the process
    // without a word; caught, the write fails instead and the error is told.
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            // Errors quote file contents: shown, never obeyed.
            eprintln!("{}", printable(&format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(
                |e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe),
            )
    })
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let mut ctx = Context::new(&cli)?;
    let stdout = std::io::stdout();
    // Buffered: a report of thousands of lines is a few writes, not one per line.
    let mut out = std::io::BufWriter::new(stdout.lock());
    if cli.demo {
        return workbench::demo(&ctx, &mut out);
    }
    let Some(command) = cli.command else {
        return workbench::run(&mut ctx, &mut out);
    };
    match command {
        Command::Import {
            what,
            file,
            currency,
            date_format,
            decimal_separator,
        } => {
            let options = import_cmd::Options {
                currency,
                date_format,
                decimal_separator,
            };
            import_cmd::run(&mut ctx, what, &file, options, &mut out)?;
        }
        Command::Aging { as_of, format } => {
            let mut store = ctx.open_read()?;
            commands::aging::run(&mut store, as_of.unwrap_or(ctx.today), format, &mut out)?;
        }
        Command::Queue {
            as_of,
            mine,
            format,
        } => {
            let mut store = ctx.open_read()?;
            let mine = mine.then_some(ctx.user.as_str());
            let rates = crate::rates::load(&mut store)?;
            commands::queue::run(
                &mut store,
                as_of.unwrap_or(ctx.today),
                mine,
                &ctx.team.rules(),
                &rates,
                format,
                &mut out,
            )?;
        }
        Command::Invoice {
            number,
            as_of,
            format,
        } => {
            let mut store = ctx.open_read()?;
            let rates = crate::rates::load(&mut store)?;
            commands::invoice::run(
                &mut store,
                &number,
                as_of.unwrap_or(ctx.today),
                &rates,
                format,
                &mut out,
            )?;
        }
        Command::Dossier {
            client,
            invoices,
            out: dir,
            as_of,
        } => {
            let mut store = ctx.open_read()?;
            let letters = ctx.team.letters_dir(&ctx.db)?;
            let rates = crate::rates::load(&mut store)?;
            commands::dossier::run(
                &mut store,
                &commands::dossier::DossierRun {
                    client: &client,
                    invoices: &invoices,
                    out: &dir,
                    as_of: as_of.unwrap_or(ctx.today),
                    letters: &letters,
                    user: &ctx.user,
                },
                &ctx.team.company,
                &rates,
                &mut out,
            )?;
        }
        Command::Letters {
            as_of,
            out: dir,
            mine,
            dry_run,
            send,
            print,
            incomplete,
        } => {
            let mut store = ctx.open()?;
            let rates = crate::rates::load(&mut store)?;
            let dir = match dir {
                Some(d) => d,
                None => ctx.team.letters_dir(&ctx.db)?,
            };
            let run = commands::letters::LettersRun {
                as_of: as_of.unwrap_or(ctx.today),
                out: &dir,
                mine: mine.then_some(ctx.user.as_str()),
                dry_run,
                send_mail: send,
                print: print.then_some(ctx.team.print_command.as_str()),
                incomplete,
                smtp: &ctx.team.smtp,
                user: &ctx.user,
                now: chrono::Utc::now(),
            };
            commands::letters::run(
                &mut store,
                &run,
                &ctx.team.company,
                &ctx.team.rules(),
                &rates,
                &mut out,
            )?;
        }
        Command::Log(req) => {
            let mut store = ctx.open()?;
            commands::log::run(
                &mut store,
                &req,
                &ctx.user,
                ctx.today,
                chrono::Utc::now(),
                &mut out,
            )?;
        }
        Command::Client(action) => {
            let mut store = ctx.open()?;
            let now = chrono::Utc::now();
            match action {
                ClientAction::Edit(req) => commands::client::run_edit(
                    &mut store, &req, &ctx.user, ctx.today, now, &mut out,
                )?,
                ClientAction::Add(req) => commands::client::run_add(
                    &mut store, &req, &ctx.user, ctx.today, now, &mut out,
                )?,
            }
        }
        Command::Export {
            what,
            format,
            as_of,
            output,
        } => {
            let mut store = ctx.open_read()?;
            commands::export::run(
                &mut store,
                what,
                format,
                &ctx.team.rules(),
                as_of.unwrap_or(ctx.today),
                output.as_deref(),
                &mut out,
            )?;
        }
        Command::Demo { scale } => {
            let (mut store, _) = ctx.open_or_create()?;
            let started = std::time::Instant::now();
            let s = commands::demo::fill(&mut store, ctx.today, scale, &ctx.user)?;
            writeln!(
                out,
                "{}: demo portfolio as of {}: {} clients, {} invoices, {} payments, {} activities, {} solvency notes ({:.1} s)",
                ctx.db.display(),
                ctx.today,
                s.clients,
                s.invoices,
                s.payments,
                s.activities,
                s.solvency_notes,
                started.elapsed().as_secs_f64()
            )?;
        }
        Command::Init { shared, path } => {
            let path = match path {
                Some(p) => crate::paths::expand_home(&p)?,
                None => ctx.db.clone(),
            };
            commands::init::run(&path, shared.as_deref(), &mut out)?;
        }
        Command::Backup { file, force } => {
            commands::backup::run(&ctx.open_read()?, &file, force, &mut out)?;
        }
        Command::Settings { action, format } => settings::run(&mut ctx, action, format, &mut out)?,
        Command::Rates {
            action,
            series,
            format,
        } => rates::run(&mut ctx, action, series.as_deref(), format, &mut out)?,
        Command::Paths => {
            // The team's day, when there is a database to read it from.
            if ctx.db.exists() {
                let _ = ctx.open_read();
            }
            writeln!(out, "database  {}", ctx.db.display())?;
            writeln!(
                out,
                "config    {}{}",
                ctx.config_path
                    .as_ref()
                    .map_or("-".into(), |p| p.display().to_string()),
                if ctx.config_path.as_ref().is_some_and(|p| p.exists()) {
                    ""
                } else {
                    " (not present; defaults apply)"
                }
            )?;
            writeln!(out, "user      {}", ctx.user)?;
            writeln!(out, "today     {}", ctx.today)?;
        }
    }
    out.flush()?;
    Ok(())
}
