//! The letter a queue line asks for: its ladder step, the client's
//! invoices with their history and penalties, written in the client's
//! language.

use crate::store::Snapshot;
use chrono::{Days, NaiveDate};

use super::addressee::{client_details, config_templates};
use super::builder::Penalties;
use super::context::{CompanyDetails, InvoiceLine, LetterContext};
use super::kind::{Law, LetterKind};
use super::render::{Letter, render};
use super::writing::Writing;

pub use super::statement::compose_statement;
use super::statement::statement_context;
use crate::config::CompanyConfig;
use crate::domain::activity::ActivityKind;
use crate::domain::client::Client;
use crate::domain::ladder::{Channel, Step, StepAction, deadline_days};
use crate::domain::money::Money;
use crate::domain::penalty::{RateKey, RateTables, Rule, reminder_fee};
use crate::domain::promise::{asked, last_broken};
use crate::domain::queue::Ladders;
use crate::report::penalties::penalty_of;
use crate::store::StoreError;
use crate::store::invoice_history::{InvoiceHistory, history};
use crate::store::queue::FollowUp;

/// A letter ready to go, and what sending it records.
#[derive(Clone, Debug, PartialEq)]
pub struct Composed {
    pub client: Client,
    pub kind: LetterKind,
    /// What sending records for each invoice: a reminder of `level`, a
    /// formal notice, or an account statement.
    pub logs: ActivityKind,
    /// Which letter of the account's routine, recorded with each entry
    /// (`pilot_end_notice`, `deposit_request`, `visit_confirmation`).
    pub reason: Option<&'static str>,
    pub level: Option<u8>,
    pub registered: bool,
    pub channel: Channel,
    /// "reminder 2", "formal notice", "account statement".
    pub label: &'static str,
    /// The invoices it is about: each gets a journal entry when it is sent.
    pub invoices: Vec<String>,
    /// What the letter is for each invoice, beside `invoices`: the formal
    /// notice, or the invoice's own next reminder (an invoice that joined
    /// the case late gets its first reminder inside the case's third).
    pub steps: Vec<(ActivityKind, Option<u8>)>,
    /// The day the letter gives to pay by.
    pub deadline: NaiveDate,
    /// Where each invoice stood when the letter was written: sending checks
    /// that nobody logged a reminder, notice, promise or dispute meanwhile.
    pub standings: Vec<String>,
    pub letter: Letter,
    /// What goes in the envelope with it: the statement of account a UK
    /// Letter of Claim encloses. Written beside the letter
    /// (`CLIENT-KIND-statement.txt`), in its PDF after it, in its e-mail
    /// after its text.
    pub enclosure: Option<Letter>,
    /// The letter as a PDF for the post, when one was made.
    pub pdf: Option<Vec<u8>>,
    /// Why the letter shows no interest or compensation, when it does not.
    pub penalty_note: Option<String>,
    /// A reminder 3 or formal notice whose penalties need a reference rate
    /// the tables lack: held unless a clerk sends it anyway.
    pub held: Option<RateKey>,
}

/// Why a queue line has no letter.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Letter(#[from] super::LetterError),
    #[error("{0}")]
    NoLetter(String),
}

/// The ladder step a queue line asks for, if it asks for one.
pub fn step_for<'a>(line: &FollowUp, ladders: &'a Ladders) -> Option<&'a Step> {
    let action = line.reason.step()?;
    ladders
        .for_profile(line.profile)
        .steps
        .iter()
        .find(|s| s.action == action)
}

/// The letter for `line` as of `as_of`.
pub fn compose(
    conn: &Snapshot,
    line: &FollowUp,
    as_of: NaiveDate,
    company: &CompanyConfig,
    ladders: &Ladders,
    rates: &RateTables,
) -> Result<Composed, ComposeError> {
    let step = step_for(line, ladders).ok_or_else(|| {
        ComposeError::NoLetter(format!(
            "{} is not a ladder step: no letter",
            line.reason.describe()
        ))
    })?;
    if step.channel == Channel::Call {
        return Err(ComposeError::NoLetter(format!(
            "the {} step is a call: log it with c",
            step.action.label()
        )));
    }
    let kind = LetterKind::parse(&step.template).ok_or_else(|| {
        ComposeError::NoLetter(format!(
            "the ladder names an unknown template {:?}",
            step.template
        ))
    })?;
    let mut histories = Vec::new();
    for n in &line.invoices {
        let h = history(conn, n, as_of)?
            .ok_or_else(|| ComposeError::NoLetter(format!("invoice {n} is gone")))?;
        histories.push(h);
    }
    let Some(first) = histories.first() else {
        return Err(ComposeError::NoLetter("no invoice to write about".into()));
    };
    let client = first.client.clone();
    let lang = Writing::for_client(&client);
    let country = client.country.as_deref();
    let fee = fee(step, &histories, as_of);
    let deadline = if step.action == StepAction::Courtesy {
        // A courtesy note asks for payment by the due date.
        histories
            .iter()
            .map(|h| h.stored.invoice.due_on)
            .min()
            .unwrap_or(as_of)
            .max(as_of)
    } else {
        let days = deadline_days(step, country, client.profile, fee.is_some());
        as_of
            .checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(as_of)
    };
    let steps: Vec<(ActivityKind, Option<u8>)> = histories
        .iter()
        .map(|h| entry_for(step.action, h.reminder_level))
        .collect();
    let mut ctx = LetterContext::new(
        kind,
        lang,
        as_of,
        deadline,
        CompanyDetails::from_config(company),
        client_details(&client),
    )
    .with_law(country.and_then(Law::for_country));
    let with_penalties = matches!(
        step.action,
        StepAction::Reminder3 | StepAction::FormalNotice
    );
    // A formal notice claims the invoices that had three reminders; the
    // others of the case are listed beside it with their own reminder.
    let claimed = super::hold::claimed(step.action, &histories);
    let also: Vec<usize> = (0..histories.len())
        .filter(|k| !claimed.contains(k))
        .collect();
    let pick = |ks: &[usize]| -> Vec<InvoiceHistory> {
        ks.iter().map(|&k| histories[k].clone()).collect()
    };
    let (main, extra) = (pick(&claimed), pick(&also));
    let mark = |lines: Vec<InvoiceLine>, ks: &[usize]| -> Vec<InvoiceLine> {
        lines
            .into_iter()
            .zip(ks)
            .map(|(line, &k)| {
                let earlier = histories[k]
                    .reminders
                    .iter()
                    .filter(|(l, _)| *l >= 1)
                    .map(|&(l, d)| (u32::from(l), d))
                    .collect();
                let line = line.with_reminders(lang, earlier);
                match steps[k] {
                    (ActivityKind::Reminder, Some(l)) if l >= 1 => line.with_level(u32::from(l)),
                    _ => line,
                }
            })
            .collect()
    };
    let Lines {
        lines,
        penalties,
        note,
        excluded,
        contractual,
    } = invoice_lines(&main, as_of, rates, with_penalties);
    let total = main.iter().map(InvoiceHistory::outstanding).sum();
    ctx = ctx.with_invoices(
        mark(lines, &claimed),
        Money::new(total, first.stored.invoice.amount.currency),
    );
    if !extra.is_empty() {
        let lines = invoice_lines(&extra, as_of, rates, false).lines;
        ctx = ctx.with_also_overdue(mark(lines, &also));
    }
    // A reminder 3 or formal notice missing a reference rate is held; sent
    // anyway, it states the figures known and the rest "to be specified".
    let held = if with_penalties {
        super::hold::missing_rate(&main, as_of, rates)
    } else {
        None
    };
    if held.is_some() {
        let known = super::hold::known_figures(&main, as_of, rates);
        ctx = ctx.with_known_penalties(
            &known,
            Money::new(total, first.stored.invoice.amount.currency),
        );
    } else if let Some(p) = penalties {
        ctx = ctx.with_penalties(p);
    }
    if excluded {
        ctx = ctx.excluding_penalties();
    }
    if contractual {
        ctx = ctx.under_contract();
    }
    for (level, date) in previous_reminders(&main) {
        ctx = ctx.with_previous_reminder(level, date);
    }
    if let Some(fee) = fee {
        ctx = ctx.with_reminder_fee(fee);
    }
    if step.action != StepAction::Courtesy
        && let Some((made_on, by, amount)) =
            broken_promise(conn, &client, &histories, ladders, as_of)?
    {
        ctx = ctx.with_promise(made_on, by, amount);
    }
    if step.registered {
        ctx = ctx.by_registered_mail();
    }
    let letter = render(&ctx, config_templates().as_deref())?;
    // A Letter of Claim (UK, individual debtor) encloses an up-to-date
    // statement of account (Pre-Action Protocol for Debt Claims, 3.1).
    let statement = if kind == LetterKind::FormalNotice && claims_under_the_protocol(&client) {
        let cur = first.stored.invoice.amount.currency;
        let s = statement_context(conn, &client.code, cur, as_of, deadline, company, rates)?;
        let letter = render(&s, config_templates().as_deref())?;
        Some((s, letter))
    } else {
        None
    };
    let enclosed: Vec<_> = statement.iter().map(|(c, l)| (c, l)).collect();
    let pdf = Some(super::pdf::pdf_with(&ctx, &letter, &enclosed)?);
    let channel = if statement.is_some() {
        // The Protocol asks for a Letter of Claim by post, whatever the ladder.
        Channel::Letter
    } else {
        step.channel
    };
    Ok(Composed {
        enclosure: statement.map(|(_, l)| l),
        client,
        kind,
        logs: match step.action {
            StepAction::FormalNotice => ActivityKind::FormalNotice,
            _ => ActivityKind::Reminder,
        },
        reason: None,
        level: step.action.level(),
        registered: step.registered,
        channel,
        label: step.action.label(),
        invoices: line.invoices.clone(),
        steps,
        deadline,
        standings: line
            .invoices
            .iter()
            .map(|n| crate::store::dunning::invoice_standing(conn, n))
            .collect::<Result<_, _>>()?,
        letter,
        pdf,
        penalty_note: note,
        held,
    })
}

/// Whether a formal notice to `client` is a Letter of Claim under the UK
/// Pre-Action Protocol for Debt Claims: a debtor in the UK who is an
/// individual (sole traders included).
pub fn claims_under_the_protocol(client: &Client) -> bool {
    client.profile == crate::domain::client::Profile::Individual
        && client.country.as_deref().and_then(Law::for_country) == Some(Law::Gb)
}

/// What a letter of `step` records for an invoice at `level`: the formal
/// notice for an invoice that has had three reminders, otherwise the
/// invoice's own next reminder (a courtesy note stays level 0).
pub fn entry_for(step: StepAction, level: u32) -> (ActivityKind, Option<u8>) {
    match step {
        StepAction::Courtesy => (ActivityKind::Reminder, Some(0)),
        StepAction::FormalNotice if level >= 3 => (ActivityKind::FormalNotice, None),
        _ => (
            ActivityKind::Reminder,
            Some(u8::try_from((level + 1).min(3)).unwrap_or(3)),
        ),
    }
}

/// The invoice lines of a letter and the penalties over them.
pub(super) struct Lines {
    pub lines: Vec<InvoiceLine>,
    /// Every figure known, in one currency.
    pub penalties: Option<Penalties>,
    /// Why the penalties are left out, when they are.
    pub note: Option<String>,
    /// Interest or compensation is owed but was left out: the letter must
    /// not let its totals pass for all that is due.
    pub excluded: bool,
    /// Some invoice's penalties follow the client's contract.
    pub contractual: bool,
}

/// The invoice lines and, when asked and every figure is known in one
/// currency, the penalties over them; otherwise why they are left out.
/// An invoice on which no interest has run and no compensation is owed
/// (not yet due; a French individual before the formal notice) shows no
/// penalty line at all, rather than "interest: 0.00".
pub(super) fn invoice_lines(
    histories: &[InvoiceHistory],
    as_of: NaiveDate,
    rates: &RateTables,
    with_penalties: bool,
) -> Lines {
    let mut lines = Vec::new();
    let mut note = None;
    let (mut interest, mut compensation, mut outstanding) = (0i64, None::<Money>, 0i64);
    let mut rate = None;
    let mut from: Option<NaiveDate> = None;
    let mut complete = with_penalties;
    let mut owed = false;
    let mut contractual = false;
    for h in histories {
        let inv = &h.stored.invoice;
        let lang = h.client.language;
        let w = Writing::for_client(&h.client);
        let cur = inv.amount.currency;
        let mut line = InvoiceLine::new(
            w,
            as_of,
            &inv.number,
            inv.issued_on,
            inv.due_on,
            inv.amount,
            Money::new(h.outstanding(), cur),
        );
        if let Some(m) = &inv.milestone {
            line = line.with_milestone(m);
        }
        line = line.as_deposit(inv.is_deposit);
        line = line.with_payment_reference(h.stored.payment_reference.as_deref());
        outstanding += h.outstanding();
        if with_penalties {
            match penalty_of(h, as_of, rates) {
                Ok(p) if matches!(p.rule, Rule::None(_)) => {
                    complete = false;
                    if let Rule::None(why) = p.rule {
                        note = Some(why);
                    }
                }
                Ok(p) => {
                    contractual |= p.rule == Rule::Contract;
                    let ran = p.from.is_some() || p.compensation.is_some();
                    owed |= ran || !p.missing.is_empty();
                    if ran {
                        line = line
                            .with_penalties(lang, p.interest, p.compensation)
                            .with_periods(w, &p.periods, p.interest);
                    }
                    interest += p.interest.minor;
                    compensation = match (compensation, p.compensation) {
                        (None, c) => c,
                        (Some(a), Some(b)) if a.currency == b.currency => {
                            Some(Money::new(a.minor + b.minor, a.currency))
                        }
                        (Some(a), Some(_)) => {
                            complete = false;
                            Some(a)
                        }
                        (a, None) => a,
                    };
                    rate = p.rate.or(rate);
                    from = match (from, p.from) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    if p.compensation.is_some_and(|c| c.currency != cur) {
                        complete = false;
                        note = Some(
                            "the compensation is in another currency than the invoices".into(),
                        );
                    }
                }
                Err(e) => {
                    complete = false;
                    owed = true;
                    note = Some(e.to_string());
                }
            }
        }
        lines.push(line);
    }
    let cur = histories.first().map(|h| h.stored.invoice.amount.currency);
    let penalties = match (complete, rate, from, cur) {
        (true, Some(rate), Some(from), Some(cur)) if interest > 0 || compensation.is_some() => {
            let comp = compensation.map_or(0, |c| c.minor);
            Some(Penalties {
                rate,
                from,
                interest: Money::new(interest, cur),
                compensation,
                grand_total: Money::new(outstanding + interest + comp, cur),
            })
        }
        _ => None,
    };
    Lines {
        lines,
        excluded: owed && penalties.is_none(),
        contractual,
        penalties,
        note,
    }
}

/// The case's last promise to pay, when the client broke it by the one
/// rule of [`crate::domain::promise`]: when it was made, the day promised
/// and the amount (the balance of the invoices it covered on the day it
/// was made, when the promise named none).
fn broken_promise(
    conn: &Snapshot,
    client: &Client,
    histories: &[InvoiceHistory],
    ladders: &Ladders,
    as_of: NaiveDate,
) -> Result<Option<(NaiveDate, NaiveDate, Money)>, StoreError> {
    let Some(first) = histories.first() else {
        return Ok(None);
    };
    let cur = first.stored.invoice.amount.currency;
    let numbers: Vec<String> = histories
        .iter()
        .map(|h| h.stored.invoice.number.clone())
        .collect();
    let book = crate::store::promises::of_client(conn, &client.code, as_of)?;
    let promises = book.about(cur, &numbers);
    let grace = ladders.for_profile(client.profile).promise_grace_days;
    Ok(
        last_broken(&promises, &book.invoices, &book.payments, grace, as_of).map(|p| {
            (
                p.made.made_on,
                p.made.by,
                Money::new(asked(p, &book.invoices, &book.payments), cur),
            )
        }),
    )
}

/// Every reminder of level 1 or more already sent for these invoices,
/// oldest first, each date once.
fn previous_reminders(histories: &[InvoiceHistory]) -> Vec<(u32, NaiveDate)> {
    let mut all: Vec<(NaiveDate, u32)> = histories
        .iter()
        .flat_map(|h| h.reminders.iter())
        .filter(|(l, _)| *l >= 1)
        .map(|&(l, d)| (d, u32::from(l)))
        .collect();
    all.sort();
    all.dedup_by_key(|(d, _)| *d);
    all.into_iter().map(|(d, l)| (l, d)).collect()
}

/// The Norwegian reminder fee, where the law allows one with this letter:
/// sent at least 14 days after the oldest invoice's due date, at most two
/// fees in the case.
fn fee(step: &Step, histories: &[InvoiceHistory], as_of: NaiveDate) -> Option<Money> {
    if !matches!(
        step.action,
        StepAction::Reminder1 | StepAction::Reminder2 | StepAction::Reminder3
    ) {
        return None;
    }
    let h = histories.iter().min_by_key(|h| h.stored.invoice.due_on)?;
    let due = h.stored.invoice.due_on;
    let charged = h
        .reminders
        .iter()
        .filter(|(l, d)| *l >= 1 && (*d - due).num_days() >= 14)
        .count();
    reminder_fee(
        h.client.country.as_deref(),
        (as_of - due).num_days(),
        u32::try_from(charged).unwrap_or(u32::MAX),
    )
}
