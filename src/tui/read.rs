//! Reading what a screen shows, in one read transaction.

use super::perform::Env;
use crate::app::event::{AgingLoad, Event, Load, Loaded, PenaltyOf};
use crate::app::{App, ClientPage, TIMELINE_LINES};
use crate::domain::penalty::RateTables;
use crate::report::penalties::penalty_view;
use crate::report::queue::Keep;
use crate::store::{self, Snapshot, StoreError};

impl Env<'_> {
    /// Reads what `load` asks for; a failure (a busy database) is said on
    /// the message line.
    pub fn read(&mut self, app: &App, load: &Load) -> Event {
        match self.store.read(|tx| read(tx, app, load)) {
            Ok((loaded, keep)) => {
                if keep.is_some() {
                    self.keep = keep;
                }
                Event::Loaded(Box::new(loaded))
            }
            Err(e) => Event::Failed(e.to_string()),
        }
    }
}

/// What `load` asks for, and the queue lines built that are worth keeping.
fn read(tx: &Snapshot, app: &App, load: &Load) -> Result<(Loaded, Option<Keep>), StoreError> {
    let today = app.today;
    let mut out = Loaded::default();
    let mut fresh: Option<RateTables> = None;
    if load.rates {
        // The team's rates first: the penalties below use them.
        let stored = store::rates::all(tx)?;
        let tables = crate::rates::tables(&stored).map_err(|e| e.to_string());
        let rates = tables.as_ref().unwrap_or(&app.rates);
        let missing = crate::rates::missing_today(tx, rates, today)?;
        if let Ok(t) = &tables {
            fresh = Some(t.clone());
        }
        out.rates = Some((tables, missing));
    }
    let rates = fresh.as_ref().unwrap_or(&app.rates);
    let mut keep = None;
    if let Some(q) = &load.queue {
        match &q.only {
            None => {
                let read = crate::report::queue::read(tx, today, &app.rules, rates)?;
                keep = read.keep;
                out.queue = Some(crate::report::queue::of_clerk(
                    read.lines,
                    q.clerk.as_deref(),
                ));
            }
            Some(codes) => {
                let lines = crate::report::queue::of_clerk(
                    crate::report::queue::lines_of(tx, today, codes, &app.rules, rates)?,
                    q.clerk.as_deref(),
                );
                out.queue_of = Some((codes.clone(), lines));
            }
        }
    }
    if let Some(a) = &load.aging {
        aging(tx, app, a, rates, &mut out)?;
    }
    if let Some(code) = &load.page {
        let page = match store::clients::find(tx, code)? {
            Some((_, client)) => Some({
                let open = store::aging::for_client(tx, today, code)?;
                let mut case = store::queue::case_of(tx, today, code, &app.rules)?;
                crate::letters::hold::mark(tx, &mut case.lines, today, &app.rules.ladders, rates)?;
                ClientPage {
                    today: case.lines,
                    outlook: open
                        .iter()
                        .map(|l| case.outlooks.get(&l.invoice).copied())
                        .collect(),
                    governs: case.facts,
                    notes: store::solvency::for_client(tx, code)?,
                    penalties: open
                        .iter()
                        .map(|l| penalty_view(tx, &l.invoice, today, rates))
                        .collect::<Result<_, _>>()?,
                    open,
                    timeline: store::journal::for_client(tx, code, TIMELINE_LINES)?,
                    client,
                }
            }),
            None => None,
        };
        out.page = Some((code.clone(), page));
    }
    if let Some(typed) = &load.queue_search {
        let codes = store::client_list::found_codes(tx, typed)?;
        out.queue_found = Some((typed.clone(), codes));
    }
    if let Some(c) = &load.clients {
        use store::client_list;
        let count = client_list::count(tx, today, &c.query)?;
        let lines = client_list::page(tx, today, &c.query, &c.window, c.limit)?;
        out.clients = Some((c.window.clone(), count, lines));
    }
    if let Some(j) = &load.journal {
        use store::journal_page::{JournalQuery, JournalWindow, page};
        let query = JournalQuery {
            user: j.user.clone(),
            kind: j.kind,
            search: j.search.clone(),
        };
        match &j.after {
            // The next entries below those shown.
            Some(after) => {
                let window = JournalWindow::After(after.clone());
                out.journal_more = Some(page(tx, &query, &window, j.limit)?);
            }
            None => {
                let entries = page(tx, &query, &JournalWindow::First, j.limit)?;
                out.journal = Some((j.clone(), entries));
            }
        }
    }
    Ok((out, keep))
}

/// The aging list's part: the bands, the count, a window of lines, and
/// the penalties of the selected one.
fn aging(
    tx: &Snapshot,
    app: &App,
    a: &AgingLoad,
    rates: &RateTables,
    out: &mut Loaded,
) -> Result<(), StoreError> {
    let today = app.today;
    if a.report {
        out.aging_report = Some(store::aging::report(tx, today)?);
    }
    let count = if a.count {
        let n = store::aging::count(tx, today, &a.query)?;
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        out.aging_count = Some(n);
        n
    } else {
        app.aging.count
    };
    if let Some((top, rows)) = a.window {
        let total = u32::try_from(count).ok();
        let lines = store::aging::page(tx, today, &a.query, top, rows, total)?;
        out.aging_rows = Some((usize::try_from(top).unwrap_or(usize::MAX), lines));
    }
    let number = match &a.penalty {
        PenaltyOf::None => return Ok(()),
        PenaltyOf::Invoice(n) => Some(n.clone()),
        PenaltyOf::Selected { selected, known } => {
            let selected = (*selected).min(count.saturating_sub(1));
            let number = out.aging_rows.as_ref().and_then(|(top, rows)| {
                selected
                    .checked_sub(*top)
                    .and_then(|i| rows.get(i))
                    .map(|l| l.invoice.clone())
            });
            if number.is_some() && number == *known {
                return Ok(());
            }
            number
        }
    };
    out.aging_penalty = Some(match number {
        Some(n) => Some((n.clone(), penalty_view(tx, &n, today, rates)?)),
        None => None,
    });
    Ok(())
}
