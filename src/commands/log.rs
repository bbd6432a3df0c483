//! `dun log KIND`: records one journal entry from a script, with the same
//! checks as the workbench's forms, in one write transaction.

use std::io::Write;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::activity::ActivityKind;
use crate::domain::case_life::{Instalment, instalments_text};
use crate::domain::client::Rating;
use crate::domain::payment::PaymentMethod;
use crate::domain::solvency::SolvencySource;
use crate::domain::text::printable;
use crate::record::{Correction, correct, record};
use crate::record::{Submission, Target, typed_amount};
use crate::store::invoices::StoredInvoice;
use crate::store::{self, Store, StoreError};

/// What the command line says to record (the arguments of `dun log`).
#[derive(Clone, Debug, Default, clap::Args)]
pub struct LogRequest {
    /// What happened (see above).
    pub kind: String,
    /// The client's code (may be left out when --invoice is given).
    #[arg(long, value_name = "CODE")]
    pub client: Option<String>,
    /// The invoice it is about (a payment plan: the invoices it covers,
    /// by default the client's overdue invoices in its currency; a
    /// promise: one invoice, several, or none for the whole overdue
    /// account).
    #[arg(long, value_name = "NUMBER", num_args = 1..)]
    pub invoice: Vec<String>,
    /// Free text kept with the entry (what was said, what was agreed).
    #[arg(long)]
    pub note: Option<String>,
    /// Set the client's next action date.
    #[arg(long, value_name = "DATE", value_parser = super::parse_iso_date)]
    pub next: Option<NaiveDate>,
    /// The kind's own date: promised, visit planned, payment received,
    /// end of a hold or snooze.
    #[arg(long, value_name = "DATE", value_parser = super::parse_iso_date)]
    pub date: Option<NaiveDate>,
    /// When it happened, if not today.
    #[arg(long, value_name = "DATE", value_parser = super::parse_iso_date)]
    pub on: Option<NaiveDate>,
    /// Amount of a promise or payment (recommended limit of a credit
    /// check, which becomes the client's credit limit).
    #[arg(long, visible_alias = "limit")]
    pub amount: Option<String>,
    /// Outcome: a call's (reached, no_answer, voicemail, wrong_number,
    /// refused), a visit's (planned, done, cancelled), a credit check's rating.
    #[arg(long, visible_alias = "rating")]
    pub outcome: Option<String>,
    /// Reminder level: 0 (courtesy) to 3; default: the next one.
    #[arg(long)]
    pub level: Option<u8>,
    /// Reason code of a dispute; source of a credit check; why a
    /// correction or a write-off is made.
    #[arg(long, visible_alias = "source")]
    pub reason: Option<String>,
    /// A credit check: keep the client's credit limit rather than take the
    /// recommended one, for this reason.
    #[arg(long, value_name = "REASON")]
    pub keep_limit: Option<String>,
    /// Payment method: transfer, card, cheque, cash, direct_debit, other.
    #[arg(long)]
    pub method: Option<String>,
    /// Payment reference; for an acknowledgment of receipt, the postal
    /// tracking number of the registered letter.
    #[arg(long)]
    pub reference: Option<String>,
    /// Sent by registered mail.
    #[arg(long)]
    pub registered: bool,
    /// The journal entry this one completes (an acknowledgment of receipt)
    /// or corrects (a correction; a write-off's negative amount).
    #[arg(long, value_name = "ID")]
    pub refers_to: Option<i64>,
    /// When a dispute or an escalation comes back to the queue (a
    /// dispute: by default dunning.dispute_review_days from today).
    #[arg(long, value_name = "DATE", value_parser = super::parse_iso_date)]
    pub review: Option<NaiveDate>,
    /// The clerk who owns a dispute (default: the client's clerk).
    #[arg(long, value_name = "LOGIN")]
    pub assign: Option<String>,
    /// Where an escalation goes: agency or court.
    #[arg(long, value_name = "agency|court")]
    pub to: Option<String>,
    /// An escalation's procedure: injonction_de_payer,
    /// procedimiento_monitorio, inkasso, county_court_claim,
    /// european_payment_order, administrative_route.
    #[arg(long, value_name = "P")]
    pub procedure: Option<String>,
    /// The collection agency or court an escalation goes to.
    #[arg(long, value_name = "NAME")]
    pub body: Option<String>,
    /// A payment plan's instalments: "2026-12-15:500.00,2027-01-15:500.00".
    #[arg(long, value_name = "DATE:AMOUNT,…")]
    pub instalments: Option<String>,
}

pub fn run(
    store: &mut Store,
    req: &LogRequest,
    user: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let kind = ActivityKind::parse(&req.kind).ok_or_else(|| {
        let kinds: Vec<&str> = ActivityKind::ALL
            .iter()
            .filter(|k| **k != ActivityKind::ClientChange)
            .map(|k| k.as_str())
            .collect();
        anyhow::anyhow!("unknown kind {:?}: one of {}", req.kind, kinds.join(", "))
    })?;
    if kind == ActivityKind::Correction {
        return correction(store, req, user, today, now, out);
    }
    if kind == ActivityKind::ClientChange {
        anyhow::bail!("client_change: a client's file is changed with dun client edit CODE");
    }
    let target = store.read(|tx| target(tx, req, kind))?;
    let s = submission(kind, req, &target, today)?;
    let (id, message) = record(store, &target, &s, user, today, now)?;
    // The message names the client and invoice as the database has them.
    writeln!(out, "{} (journal entry {id})", printable(&message))?;
    Ok(())
}

/// `dun log correction --refers-to ID --reason TEXT`: undoes entry ID.
fn correction(
    store: &mut Store,
    req: &LogRequest,
    user: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let Some(refers_to) = req.refers_to else {
        anyhow::bail!("refers-to: a correction names the entry it corrects (--refers-to ID)");
    };
    let given = [
        ("--client", req.client.is_some()),
        ("--invoice", !req.invoice.is_empty()),
        ("--amount", req.amount.is_some()),
        ("--date", req.date.is_some()),
        ("--on", req.on.is_some()),
        ("--outcome", req.outcome.is_some()),
        ("--level", req.level.is_some()),
        ("--note", req.note.is_some()),
    ];
    if let Some((flag, _)) = given.iter().find(|(_, g)| *g) {
        anyhow::bail!(
            "{flag}: a correction takes only the entry it corrects and why (--refers-to ID --reason TEXT)"
        );
    }
    let c = Correction {
        refers_to,
        reason: req.reason.clone().unwrap_or_default(),
    };
    let done = correct(store, &c, user, today, now)?;
    writeln!(
        out,
        "{} (journal entry {})",
        printable(&done.message),
        done.id
    )?;
    Ok(())
}

/// The client and invoice the entry is about, from the database.
fn target(
    tx: &crate::store::Snapshot,
    req: &LogRequest,
    kind: ActivityKind,
) -> Result<Target, StoreError> {
    // A promise or a payment plan may cover several invoices.
    let several = matches!(kind, ActivityKind::PaymentPlan | ActivityKind::Promise);
    if req.invoice.len() > 1 && !several {
        return Err(StoreError::Invalid(format!(
            "--invoice: a {} is about one invoice, not {}",
            kind.as_str().replace('_', " "),
            req.invoice.len()
        )));
    }
    let invoice = match req.invoice.first() {
        Some(n) => Some(
            store::invoices::find(tx, n)?
                .ok_or_else(|| StoreError::Invalid(format!("no invoice {n}")))?,
        ),
        None => None,
    };
    let code = match (&req.client, &invoice) {
        (Some(c), Some(inv)) if *c != inv.invoice.client_code => {
            return Err(StoreError::Invalid(format!(
                "invoice {} is {}'s, not {c}'s",
                inv.invoice.number, inv.invoice.client_code
            )));
        }
        (Some(c), _) => c.clone(),
        (None, Some(inv)) => inv.invoice.client_code.clone(),
        (None, None) => {
            return Err(StoreError::Invalid(
                "name the client (--client) or the invoice (--invoice)".into(),
            ));
        }
    };
    let (_, client) = store::clients::find(tx, &code)?
        .ok_or_else(|| StoreError::Invalid(format!("no client {code}")))?;
    let level = match &invoice {
        Some(inv) => store::activities::reminder_level(tx, inv.id)?,
        None => 0,
    };
    // A payment plan is about the client's case as a whole: its invoices
    // go with the plan, its currency is theirs.
    let about_case = kind == ActivityKind::PaymentPlan
        || (kind == ActivityKind::Promise && req.invoice.len() > 1);
    Ok(Target {
        client: client.code,
        client_name: client.name,
        invoice: invoice
            .as_ref()
            .filter(|_| !about_case)
            .map(|i| i.invoice.number.clone()),
        currency: invoice
            .as_ref()
            .map_or(client.currency, |i| i.invoice.amount.currency),
        invoice_outstanding: invoice.as_ref().map_or(0, StoredInvoice::outstanding),
        overdue: 0,
        reminder_level: level,
        line_invoices: Vec::new(),
        overdue_invoices: Vec::new(),
    })
}

fn submission(
    kind: ActivityKind,
    req: &LogRequest,
    target: &Target,
    today: NaiveDate,
) -> anyhow::Result<Submission> {
    let mut s = Submission::new(kind);
    s.note = req.note.clone().unwrap_or_default();
    s.next_action_on = req.next;
    s.date = req.date;
    s.on = req.on;
    s.outcome = req.outcome.clone();
    s.level = req.level;
    s.reason = req.reason.clone();
    s.registered = req.registered;
    s.refers_to = req.refers_to;
    s.keep_limit = req.keep_limit.clone();
    s.assignee = req.assign.clone();
    if matches!(kind, ActivityKind::Dispute | ActivityKind::Escalation) {
        if req.date.is_some() && req.review.is_some() {
            anyhow::bail!("--review: give the review date once (--review, not --date)");
        }
        s.date = req.review.or(req.date);
    } else if req.review.is_some() {
        anyhow::bail!(
            "--review: only a dispute or an escalation has a review date, not a {}",
            kind.as_str().replace('_', " ")
        );
    }
    if kind == ActivityKind::Escalation {
        s.reason = req.to.clone().or(s.reason);
        s.reference = req.reference.clone();
        s.procedure = req.procedure.clone();
        s.body = req.body.clone();
    }
    if kind == ActivityKind::PaymentPlan {
        let text = req.instalments.as_deref().ok_or_else(|| {
            anyhow::anyhow!("--instalments: a payment plan needs its instalments (\"2026-12-15:500.00,2027-01-15:500.00\")")
        })?;
        let mut instalments = Vec::new();
        for (k, (on, amount)) in instalments_text(text)
            .map_err(|e| anyhow::anyhow!("--instalments: {e}"))?
            .into_iter()
            .enumerate()
        {
            let minor = typed_amount(&amount, target)
                .map_err(|e| anyhow::anyhow!("--instalments: instalment {}: {e}", k + 1))?;
            instalments.push(Instalment { on, amount: minor });
        }
        s.plan = Some((req.invoice.clone(), instalments));
    } else if req.instalments.is_some() {
        anyhow::bail!("--instalments: only a payment plan has instalments");
    }
    if kind == ActivityKind::Promise && req.invoice.len() > 1 {
        s.covers = req.invoice.clone();
    }
    if kind != ActivityKind::Escalation
        && let (Some(tracking), Some(crate::domain::activity::ACKNOWLEDGED)) =
            (&req.reference, req.outcome.as_deref())
    {
        // The registered letter's tracking number, kept with its receipt.
        let tracking = tracking.trim();
        s.note = if s.note.is_empty() {
            format!("tracking number {tracking}")
        } else {
            format!("tracking number {tracking}; {}", s.note)
        };
    }
    if let Some(text) = &req.amount {
        let minor = typed_amount(text, target).map_err(|e| anyhow::anyhow!("--amount: {e}"))?;
        s.amount = Some(minor);
    }
    match kind {
        ActivityKind::Payment => {
            let method = match &req.method {
                Some(m) => PaymentMethod::parse(m),
                None => PaymentMethod::Transfer,
            };
            s.payment = Some((method, req.reference.clone()));
            s.date = Some(req.date.or(req.on).unwrap_or(today));
            if s.amount.is_none() {
                s.amount = Some(target.invoice_outstanding);
            }
        }
        ActivityKind::CreditCheck => {
            let source = req
                .reason
                .as_deref()
                .and_then(SolvencySource::parse)
                .ok_or_else(|| anyhow::anyhow!("--reason: the source (credit_bureau, bank, trade_reference, payment_history, visit)"))?;
            let rating = req
                .outcome
                .as_deref()
                .and_then(Rating::parse)
                .ok_or_else(|| anyhow::anyhow!("--outcome: the rating, A, B, C or D"))?;
            s.solvency = Some((source, rating, s.amount));
        }
        ActivityKind::Reminder if s.level.is_none() => {
            s.level = Some(u8::try_from((target.reminder_level + 1).min(3)).unwrap_or(3));
        }
        _ => {}
    }
    Ok(s)
}
