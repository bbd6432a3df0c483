//! `index.txt`: the evidence file's summary, in plain text a lawyer can
//! read without dun.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::gather::Dossier;
use super::letters::LetterCopy;
use crate::domain::money::decimal_string;
use crate::domain::text::printable;
use crate::team::CompanyConfig;

/// What the index says about the letter copies: each letter and the files
/// copied (or why one is missing).
pub struct CopiedLetter<'a> {
    pub letter: &'a LetterCopy,
    /// The file names inside the dossier's `letters/`.
    pub copied: Vec<String>,
    /// Files the letters folder no longer holds.
    pub missing: Vec<String>,
}

/// The text of `index.txt`.
pub fn index(
    d: &Dossier,
    company: &CompanyConfig,
    letters: &[CopiedLetter<'_>],
    prepared_by: &str,
) -> String {
    let mut s = String::new();
    let c = &d.client;
    let _ = writeln!(
        s,
        "EVIDENCE FILE: {} {}\nFigures as of {}; prepared by {prepared_by}.\n",
        c.code, c.name, d.as_of
    );

    let _ = writeln!(s, "CREDITOR");
    line(&mut s, "Name", &company.name);
    for (k, a) in company
        .address
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        line(&mut s, if k == 0 { "Address" } else { "" }, a.trim());
    }
    line(&mut s, "E-mail", &company.email);
    line(&mut s, "Phone", &company.phone);
    line(&mut s, "Bank account", &company.bank_account);
    line(&mut s, "IBAN", &company.iban);
    line(&mut s, "BIC", &company.bic);
    line(
        &mut s,
        "General conditions",
        if company.terms.trim().is_empty() {
            "not recorded (dun settings set company.terms FILE-OR-ADDRESS)"
        } else {
            company.terms.trim()
        },
    );

    let _ = writeln!(s, "\nDEBTOR");
    line(&mut s, "Code", &c.code);
    line(&mut s, "Name", &c.name);
    line(&mut s, "Profile", c.profile.as_str());
    line(
        &mut s,
        "Country",
        c.country.as_deref().unwrap_or("not recorded"),
    );
    line(&mut s, "Language", c.language.code());
    for (k, a) in c
        .address
        .as_deref()
        .unwrap_or("")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        line(&mut s, if k == 0 { "Address" } else { "" }, a.trim());
    }
    line(&mut s, "E-mail", c.email.as_deref().unwrap_or(""));
    line(&mut s, "Phone", c.phone.as_deref().unwrap_or(""));
    line(
        &mut s,
        "Payment terms",
        &format!("{} days from the invoice date", c.terms_days),
    );
    if let Some(limit) = c.credit_limit {
        line(
            &mut s,
            "Credit limit",
            &format!(
                "{} {}",
                decimal_string(limit, c.currency.exponent()),
                c.currency.code()
            ),
        );
    }
    if c.late_rate.is_some() || c.late_fee.is_some() {
        let rate = c.late_rate.map(|r| format!("{} % a year", r.normalize()));
        let fee = c.late_fee.map(|f| {
            format!(
                "a fee of {} {}",
                decimal_string(f, c.currency.exponent()),
                c.currency.code()
            )
        });
        let terms: Vec<String> = [rate, fee].into_iter().flatten().collect();
        line(&mut s, "Agreed late terms", &terms.join(" and "));
    }
    line(&mut s, "Assigned clerk", c.clerk.as_deref().unwrap_or(""));

    invoices(&mut s, d);
    penalties(&mut s, d);
    letters_sent(&mut s, letters);
    contacts(&mut s, d);
    s
}

fn line(s: &mut String, key: &str, value: &str) {
    if value.trim().is_empty() && !key.is_empty() {
        return;
    }
    let _ = writeln!(s, "  {key:<20}{}", printable(value));
}

fn invoices(s: &mut String, d: &Dossier) {
    let _ = writeln!(s, "\nINVOICES");
    let _ = writeln!(
        s,
        "  {:<16}{:<12}{:<12}{:>14}{:>14}{:>14} {:<4}payment reference",
        "number", "issued", "due", "amount", "paid", "outstanding", "cur"
    );
    let mut totals: BTreeMap<String, (i64, i64, u32)> = BTreeMap::new();
    for c in &d.invoices {
        let inv = &c.history.stored.invoice;
        let cur = inv.amount.currency;
        let exp = cur.exponent();
        let paid: i64 = c.history.payments.iter().map(|(_, a)| a).sum();
        let _ = writeln!(
            s,
            "  {:<16}{:<12}{:<12}{:>14}{:>14}{:>14} {:<4}{}",
            printable(&inv.number),
            inv.issued_on.to_string(),
            inv.due_on.to_string(),
            decimal_string(inv.amount.minor, exp),
            decimal_string(paid, exp),
            decimal_string(c.history.outstanding(), exp),
            cur.code(),
            c.history.stored.payment_reference.as_deref().unwrap_or("")
        );
        for (on, amount) in &c.history.payments {
            let _ = writeln!(s, "      paid {} on {on}", decimal_string(*amount, exp));
        }
        if c.history.written_off != 0 {
            let _ = writeln!(
                s,
                "      written off {} (see the journal for who and why)",
                decimal_string(c.history.written_off, exp)
            );
        }
        if let Some(m) = &inv.milestone {
            let _ = writeln!(s, "      for: {}", printable(m));
        }
        let t = totals.entry(cur.code().to_string()).or_insert((0, 0, exp));
        t.0 += inv.amount.minor;
        t.1 += c.history.outstanding();
    }
    for (cur, (amount, outstanding, exp)) in totals {
        let _ = writeln!(
            s,
            "  {:<40}{:>14}{:>14}{:>14} {cur}",
            "total",
            decimal_string(amount, exp),
            "",
            decimal_string(outstanding, exp)
        );
    }
}

fn penalties(s: &mut String, d: &Dossier) {
    let _ = writeln!(
        s,
        "\nLATE-PAYMENT INTEREST AND COMPENSATION AS OF {}\n  Simple interest, actual days over 365, on each day's balance, rounded once, half away from zero.",
        d.as_of
    );
    for c in &d.invoices {
        let r = &c.report;
        let _ = writeln!(
            s,
            "  {} ({} {} outstanding, due {}): rule {}",
            printable(&r.number),
            r.outstanding,
            r.currency,
            r.due_on,
            r.rule.as_deref().unwrap_or("none (see the notes)")
        );
        if !r.periods.is_empty() {
            let _ = writeln!(
                s,
                "      {:<12}{:<12}{:>6}{:>14}{:>9}{:>12}",
                "from", "to", "days", "balance", "rate %", "interest"
            );
            for p in &r.periods {
                let _ = writeln!(
                    s,
                    "      {:<12}{:<12}{:>6}{:>14}{:>9}{:>12}",
                    p.from.to_string(),
                    p.to.to_string(),
                    p.days,
                    p.balance,
                    p.rate,
                    p.interest.as_deref().unwrap_or("-")
                );
            }
        }
        match (&r.interest, r.interest_from) {
            (Some(i), Some(from)) => {
                let _ = writeln!(s, "      interest {i} {} from {from}", r.currency);
            }
            (Some(i), None) => {
                let _ = writeln!(s, "      interest {i} {}", r.currency);
            }
            _ => {}
        }
        if let (Some(comp), Some(cur)) = (&r.compensation, &r.compensation_currency) {
            let _ = writeln!(s, "      fixed compensation {comp} {cur}");
        }
        for n in &r.notes {
            let _ = writeln!(s, "      note: {}", printable(n));
        }
    }
}

fn letters_sent(s: &mut String, letters: &[CopiedLetter<'_>]) {
    let _ = writeln!(s, "\nLETTERS SENT (copies in letters/)");
    if letters.is_empty() {
        let _ = writeln!(s, "  none");
    }
    for c in letters {
        let l = c.letter;
        let mut facts = vec![l.channel.to_string()];
        if let Some(d) = l.deadline {
            facts.push(format!("deadline {d}"));
        }
        if l.registered {
            facts.push("registered".into());
            if let Some(t) = &l.tracking {
                facts.push(format!("tracking number {}", printable(t)));
            }
            facts.push(match l.acknowledged_on {
                Some(d) => format!("received {d}"),
                None => "no acknowledgment of receipt recorded".into(),
            });
        }
        let _ = writeln!(
            s,
            "  {} {} ({}), journal entry {} by {}; invoices {}",
            l.on,
            l.what,
            facts.join(", "),
            l.entry,
            printable(&l.user),
            printable(&l.invoices.join(" "))
        );
        if l.files.is_empty() {
            let _ = writeln!(s, "      logged by hand: no copy kept by dun");
        }
        for f in &c.copied {
            let _ = writeln!(s, "      letters/{}", printable(f));
        }
        for f in &c.missing {
            let _ = writeln!(
                s,
                "      {} is no longer in the letters folder",
                printable(f)
            );
        }
    }
}

fn contacts(s: &mut String, d: &Dossier) {
    let _ = writeln!(
        s,
        "\nEVERY CONTACT AND ENTRY, OLDEST FIRST (journal.csv has them all)"
    );
    for e in &d.journal {
        let mut what = e.kind.replace('_', " ");
        if let Some(l) = e.level
            && e.kind == "reminder"
        {
            what = format!("reminder {l}");
        }
        if let (Some(a), Some(cur)) = (&e.amount, &e.currency) {
            what = format!("{what} {a} {cur}");
        }
        // An escalation's agency or court, procedure and reference; a
        // dispute's owner.
        let facts: Vec<String> = [
            e.body.as_deref().map(|b| format!("to {b}")),
            e.procedure.as_deref().map(|p| format!("procedure {p}")),
            e.reference.as_deref().map(|r| format!("reference {r}")),
            e.assignee.as_deref().map(|a| format!("owner {a}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        let facts = if facts.is_empty() {
            String::new()
        } else {
            format!(" ({})", facts.join(", "))
        };
        let _ = writeln!(
            s,
            "  {} {:<16} {:<10} {}{}{}",
            e.on,
            printable(&what),
            printable(&e.user),
            e.invoice
                .as_deref()
                .map(|n| format!("[{}] ", printable(n)))
                .unwrap_or_default(),
            printable(&e.summary()),
            printable(&facts)
        );
    }
}
