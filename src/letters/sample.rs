//! A realistic letter of every kind in every language, for previews and
//! tests: a business client with two overdue invoices and one not yet due
//! (a deposit in the deposit request; a formal notice also lists an
//! invoice that fell overdue later).

use rust_decimal::{Decimal, RoundingStrategy};

use super::builder::Penalties;
use super::cast::{cast, date};
use super::context::{InvoiceLine, LetterContext};
use super::kind::LetterKind;
use crate::domain::currency::Currency;
use crate::domain::language::Language;
use crate::domain::money::Money;
use crate::domain::payment_reference::{Scheme, for_invoice};

/// Simple interest on `m` at `rate` percent a year for `days` days over
/// 365, half away from zero.
fn interest(m: Money, rate: Decimal, days: i64) -> Money {
    let value = m.to_decimal() * rate * Decimal::from(days) / Decimal::from(36500);
    let rounded = value.round_dp_with_strategy(
        m.currency.exponent(),
        RoundingStrategy::MidpointAwayFromZero,
    );
    Money::from_decimal_rounded(rounded, m.currency).unwrap_or(Money::zero(m.currency))
}

/// The sample letter of `kind` in `lang`, dated Tuesday 24 November 2026.
pub fn sample(kind: LetterKind, lang: Language) -> LetterContext {
    let c = cast(lang);
    let today = date(2026, 11, 24);
    let money = |major: i64| Money::new(major * 100 * c.scale, c.currency);
    let scheme = if c.currency == Currency::NOK {
        Scheme::KidForNok
    } else {
        Scheme::Rf
    };
    let reference = |n: &str| for_invoice(n, c.currency, scheme);
    let (a_due, b_due, c_due) = (date(2026, 10, 15), date(2026, 10, 31), date(2026, 11, 27));
    let a = InvoiceLine::new(
        lang,
        today,
        c.numbers[0],
        date(2026, 9, 15),
        a_due,
        money(4800),
        money(4800),
    )
    .with_payment_reference(reference(c.numbers[0]).as_deref())
    .with_milestone(c.milestones[0]);
    let b = InvoiceLine::new(
        lang,
        today,
        c.numbers[1],
        date(2026, 10, 1),
        b_due,
        money(1250),
        money(650),
    )
    .with_payment_reference(reference(c.numbers[1]).as_deref());
    let not_due = InvoiceLine::new(
        lang,
        today,
        c.numbers[2],
        date(2026, 10, 28),
        c_due,
        money(2160),
        money(2160),
    )
    .with_payment_reference(reference(c.numbers[2]).as_deref())
    .with_milestone(c.milestones[1]);
    let deadline = match kind {
        LetterKind::Courtesy => c_due,
        LetterKind::VisitConfirmation => date(2026, 11, 30),
        LetterKind::Reminder3 => date(2026, 12, 1),
        LetterKind::FormalNotice => date(2026, 12, 8),
        _ => date(2026, 12, 4),
    };
    let ctx =
        LetterContext::new(kind, lang, today, deadline, c.company, c.client).with_law(Some(c.law));
    let overdue = money(4800 + 650);
    let reminders = [
        (1, date(2026, 10, 22)),
        (2, date(2026, 11, 2)),
        (3, date(2026, 11, 10)),
    ];
    let previous = |ctx: LetterContext, n: usize| {
        reminders[..n].iter().fold(ctx, |ctx, (level, on)| {
            ctx.with_previous_reminder(*level, *on)
        })
    };
    match kind {
        LetterKind::Courtesy => ctx.with_invoices(vec![not_due], money(2160)),
        LetterKind::Reminder1 => ctx.with_invoices(vec![a, b], overdue),
        LetterKind::Reminder2 => {
            let ctx = previous(ctx.with_invoices(vec![a, b], overdue), 1).with_promise(
                date(2026, 11, 5),
                date(2026, 11, 13),
                money(650),
            );
            match c.fee {
                Some(fee) => ctx.with_reminder_fee(Money::new(fee * 100, c.currency)),
                None => ctx,
            }
        }
        LetterKind::PilotEndNotice => ctx.with_pilot(date(2026, 12, 8)),
        LetterKind::DepositRequest => {
            let deposit = InvoiceLine::new(
                lang,
                today,
                c.numbers[2],
                date(2026, 11, 10),
                date(2026, 11, 20),
                money(1500),
                money(1500),
            )
            .with_payment_reference(reference(c.numbers[2]).as_deref())
            .with_milestone(c.milestones[1])
            .as_deposit(true);
            ctx.with_invoices(vec![deposit], money(1500))
        }
        LetterKind::Reminder3 | LetterKind::FormalNotice => {
            let n = if kind == LetterKind::Reminder3 { 2 } else { 3 };
            let (ia, ib) = (
                interest(money(4800), c.rate, 40),
                interest(money(650), c.rate, 24),
            );
            let fixed = |major: i64| Money::new(major * 100, c.currency);
            let (ca, cb) = (fixed(c.compensation[0]), fixed(c.compensation[1]));
            let fee = c
                .fee
                .filter(|_| kind == LetterKind::FormalNotice)
                .map(|f| Money::new(f * 100, c.currency));
            let add = |x: Money, y: Money| Money::new(x.minor + y.minor, x.currency);
            let total_interest = add(ia, ib);
            let total_comp = add(ca, cb);
            let grand = add(
                add(overdue, total_interest),
                add(total_comp, fee.unwrap_or(Money::zero(c.currency))),
            );
            let (a, b) = if kind == LetterKind::Reminder3 {
                // B fell overdue after A's first reminder: this letter is
                // its second.
                (
                    a.with_reminders(lang, reminders[..2].to_vec())
                        .with_level(3),
                    b.with_reminders(lang, vec![(1, date(2026, 11, 2))])
                        .with_level(2),
                )
            } else {
                (a, b)
            };
            let lines = vec![
                a.with_penalties(lang, ia, Some(ca)),
                b.with_penalties(lang, ib, Some(cb)),
            ];
            let ctx = previous(ctx.with_invoices(lines, overdue), n).with_penalties(Penalties {
                rate: c.rate,
                from: date(2026, 10, 16),
                interest: total_interest,
                compensation: Some(total_comp),
                grand_total: grand,
            });
            let ctx = match fee {
                Some(fee) => ctx.with_reminder_fee(fee),
                None => ctx,
            };
            if kind == LetterKind::FormalNotice {
                // Overdue since 14 November, not yet reminded: the notice
                // does not cover it and is its first reminder.
                let late = InvoiceLine::new(
                    lang,
                    today,
                    c.numbers[3],
                    date(2026, 10, 15),
                    date(2026, 11, 14),
                    money(980),
                    money(980),
                )
                .with_payment_reference(reference(c.numbers[3]).as_deref())
                .with_level(1);
                ctx.by_registered_mail().with_also_overdue(vec![late])
            } else {
                ctx
            }
        }
        LetterKind::Statement => ctx.with_invoices(vec![a, b, not_due], money(4800 + 650 + 2160)),
        LetterKind::VisitConfirmation => {
            let place = ctx.client.address.join(", ");
            ctx.with_invoices(vec![a, b], overdue)
                .with_visit(date(2026, 12, 1), c.time, &place)
        }
    }
}
