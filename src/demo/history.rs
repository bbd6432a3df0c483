//! The demo journal on invoices that are paid or not yet due: a sample of
//! past dunning (reminders, kept promises, settled disputes) and courtesy
//! reminders.

use super::activities::{Inv, Journal, call, dispute, formal_notice, promise, run_ladder};
use super::rng::{Rng, day, num};
use super::texts::INVOICE_NOTES;
use crate::domain::activity::ActivityKind;

/// What was logged on an invoice that has since been paid in full.
pub fn paid(j: &mut Journal, x: &Inv, rng: &mut Rng) {
    let Some(last) = x.payments.last() else {
        return;
    };
    let paid = num(last.received_on);
    let late = paid - x.due;
    if late <= 0 {
        run_ladder(j, x, paid, 0, false, rng);
        return;
    }
    if let Some(third) = run_ladder(j, x, paid, 3, false, rng)
        && rng.chance(0.25)
    {
        let lag = rng.range(0, 3);
        formal_notice(j, x, third, paid, lag, rng);
    }
    if late >= 10 && rng.chance(0.35) {
        // A promise kept: the payment came on or before the promised date.
        let on = (paid - rng.range(2, 8)).max(x.due + 1);
        if on < paid {
            let promised = paid + rng.range(0, 5);
            promise(j, x, on, promised, None, rng);
        }
    } else if late >= 5 && rng.chance(0.3) && x.due + 3 < paid {
        let on = rng.range(x.due + 3, paid - 1);
        let outcome = rng.weighted([(0, 50), (1, 25), (2, 25)]);
        let a = call(j, x, on, outcome, rng);
        j.out.push(a);
    }
    if late >= 20 && rng.chance(0.04) {
        let on = rng.range(x.due + 1, x.due + late / 2);
        let resolved = rng.range(on + 2, paid);
        dispute(j, x, on, Some(resolved), rng);
    }
    invoice_note(j, x, paid, rng);
}

/// An open invoice not yet due: perhaps a courtesy reminder.
pub fn not_due(j: &mut Journal, x: &Inv, rng: &mut Rng) {
    run_ladder(j, x, j.today + 1, 0, false, rng);
    invoice_note(j, x, j.today + 1, rng);
}

/// Now and then a note on the invoice, before `stop`.
pub fn invoice_note(j: &mut Journal, x: &Inv, stop: i32, rng: &mut Rng) {
    let last = stop.min(j.today + 1) - 1;
    if last < x.issued || !rng.chance(0.05) {
        return;
    }
    let on = rng.range(x.issued, last);
    let mut a = j.about(ActivityKind::Note, x, on, rng);
    a.note = rng.pick(INVOICE_NOTES).to_string();
    if rng.chance(0.3) {
        a.next_action_on = Some(day(on + rng.range(2, 10)));
    }
    j.out.push(a);
}
