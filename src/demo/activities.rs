//! The demo journal on open invoices: reminders along each profile's ladder,
//! calls, promises kept and broken, disputes, visits, snoozes and formal
//! notices, with one of each special case the follow-up queue shows.

use super::history;
use super::rng::{Rng, day, num, office_time, working_day};
use super::texts::{self, DISPUTES};
use crate::domain::activity::{Activity, ActivityKind, CALL_OUTCOMES};
use crate::domain::client::Profile;
use crate::domain::payment::Payment;

/// The clerks and the journal being written.
pub struct Journal<'a> {
    pub today: i32,
    pub clerks: &'a [String],
    pub out: Vec<Activity>,
}

/// One invoice as the journal sees it.
pub struct Inv<'a> {
    pub number: &'a str,
    pub code: &'a str,
    pub clerk: usize,
    pub profile: Profile,
    pub issued: i32,
    pub due: i32,
    pub amount: i64,
    pub payments: &'a [Payment],
}

impl Inv<'_> {
    /// Amount less the payments received on or before day `on`.
    pub fn outstanding(&self, on: i32) -> i64 {
        let paid: i64 = self
            .payments
            .iter()
            .filter(|p| num(p.received_on) <= on)
            .map(|p| p.amount)
            .sum();
        self.amount - paid
    }
}

impl Journal<'_> {
    /// A new entry by the client's clerk (now and then a colleague).
    pub fn make(
        &self,
        kind: ActivityKind,
        code: &str,
        clerk: usize,
        on: i32,
        rng: &mut Rng,
    ) -> Activity {
        let who = if rng.chance(0.85) {
            clerk
        } else {
            rng.index(self.clerks.len())
        };
        let user = self.clerks.get(who).map(String::as_str).unwrap_or_default();
        let on = working_day(on);
        Activity::new(kind, code, office_time(on, rng), day(on), user)
    }

    /// A new entry about invoice `x`.
    pub fn about(&self, kind: ActivityKind, x: &Inv, on: i32, rng: &mut Rng) -> Activity {
        let mut a = self.make(kind, x.code, x.clerk, on, rng);
        a.invoice_number = Some(x.number.to_string());
        a
    }
}

/// Dunning steps of a profile, in days from the due date.
pub struct Ladder {
    pub courtesy: f64,
    pub steps: [i32; 3],
    pub notice_from: i32,
    pub notice: f64,
    /// Expected number of calls on an overdue invoice.
    pub calls: f64,
}

/// Businesses: courtesy −3, reminders +7, +18, +27, formal notice from +35;
/// administrations and individuals are chased less and more slowly.
pub fn ladder(p: Profile) -> Ladder {
    match p {
        Profile::Business => Ladder {
            courtesy: 0.5,
            steps: [7, 18, 27],
            notice_from: 35,
            notice: 0.4,
            calls: 1.0,
        },
        Profile::Administration => Ladder {
            courtesy: 0.0,
            steps: [15, 45, 75],
            notice_from: 90,
            notice: 0.05,
            calls: 0.8,
        },
        Profile::Individual => Ladder {
            courtesy: 0.3,
            steps: [10, 24, 38],
            notice_from: 45,
            notice: 0.25,
            calls: 0.5,
        },
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    Ladder,
    Quiet,
    Disputed,
    DisputeResolved,
    PromiseBroken,
    PromiseUpcoming,
    VisitPlanned,
    VisitDone,
    Snoozed,
    FormalNotice,
}

/// Cases every demo shows at least once, given to the most recent eligible invoices.
pub const MANDATORY: [Scenario; 8] = [
    Scenario::FormalNotice,
    Scenario::VisitPlanned,
    Scenario::PromiseUpcoming,
    Scenario::PromiseBroken,
    Scenario::DisputeResolved,
    Scenario::Disputed,
    Scenario::VisitDone,
    Scenario::Snoozed,
];

fn eligible(s: Scenario, age: i32, p: Profile) -> bool {
    match s {
        Scenario::Ladder | Scenario::Quiet => true,
        Scenario::FormalNotice => p != Profile::Administration && age >= ladder(p).notice_from + 3,
        Scenario::VisitPlanned => p == Profile::Business && age >= 10,
        Scenario::PromiseUpcoming | Scenario::Disputed => age >= 1,
        Scenario::PromiseBroken => age >= 6,
        Scenario::DisputeResolved => age >= 15,
        Scenario::VisitDone => p != Profile::Individual && age >= 20,
        Scenario::Snoozed => age >= 2,
    }
}

/// The scenario of an overdue invoice: a pending mandatory one if it fits,
/// else a random one.
pub fn choose(pending: &mut Vec<Scenario>, age: i32, p: Profile, rng: &mut Rng) -> Scenario {
    if let Some(i) = pending.iter().position(|&s| eligible(s, age, p)) {
        return pending.remove(i);
    }
    let s = rng.weighted([
        (Scenario::Ladder, 62),
        (Scenario::Quiet, 8),
        (Scenario::Disputed, 5),
        (Scenario::PromiseBroken, 8),
        (Scenario::PromiseUpcoming, 5),
        (Scenario::Snoozed, 5),
        (Scenario::VisitDone, 2),
        (Scenario::VisitPlanned, 1),
        (Scenario::DisputeResolved, 2),
    ]);
    if eligible(s, age, p) {
        s
    } else {
        Scenario::Ladder
    }
}

/// Courtesy reminder and reminders 1–3 logged before `stop`; returns the day
/// of reminder 3 when it was sent. `prompt` logs each step on its day.
pub fn run_ladder(
    j: &mut Journal,
    x: &Inv,
    stop: i32,
    max_level: usize,
    prompt: bool,
    rng: &mut Rng,
) -> Option<i32> {
    let l = ladder(x.profile);
    let stop = stop.min(j.today + 1);
    let courtesy = x.due - 3;
    if rng.chance(l.courtesy) && courtesy >= x.issued && courtesy < stop {
        let mut a = j.about(ActivityKind::Reminder, x, courtesy, rng);
        a.level = Some(0);
        a.date = Some(day(x.due));
        a.note = "Courtesy reminder sent by email".to_string();
        j.out.push(a);
    }
    let mut prev = i32::MIN;
    let mut third = None;
    for (i, off) in l.steps.into_iter().enumerate().take(max_level) {
        let lag = match (prompt, rng.chance(0.85)) {
            (true, _) => 0,
            (false, true) => rng.range(0, 2),
            (false, false) => rng.range(3, 6),
        };
        let on = (x.due + off + lag).max(prev + 1);
        if on >= stop {
            break;
        }
        let mut a = j.about(ActivityKind::Reminder, x, on, rng);
        a.level = Some(i as u8 + 1);
        // The deadline the letter gave.
        a.date = Some(day(on + [10, 8, 7][i.min(2)]));
        a.note = [
            "Reminder 1 sent",
            "Reminder 2 sent",
            "Reminder 3 sent, last before formal notice",
        ]
        .get(i)
        .copied()
        .unwrap_or_default()
        .to_string();
        a.registered = i == 2 && x.profile == Profile::Business && rng.chance(0.3);
        let registered = a.registered;
        j.out.push(a);
        if registered {
            receipt(j, x, on, stop, rng);
        }
        prev = on;
        if i == 2 {
            third = Some(on);
        }
    }
    third
}

/// A formal notice after reminder 3 (sent on `third`), if it falls before `stop`.
pub fn formal_notice(j: &mut Journal, x: &Inv, third: i32, stop: i32, lag: i32, rng: &mut Rng) {
    let on = (x.due + ladder(x.profile).notice_from).max(third + 3) + lag;
    if on < stop.min(j.today + 1) {
        let mut a = j.about(ActivityKind::FormalNotice, x, on, rng);
        a.note = "Formal notice sent by registered mail".to_string();
        a.date = Some(day(on + 8));
        a.registered = true;
        j.out.push(a);
        receipt(j, x, on, stop, rng);
    }
}

/// Most signed receipts of a registered letter sent on `sent` come back
/// within a week. The entry refers to the letter's entry once both are in
/// the database (see `commands::demo`).
fn receipt(j: &mut Journal, x: &Inv, sent: i32, stop: i32, rng: &mut Rng) {
    let on = sent + rng.range(3, 8);
    if rng.chance(0.85) && on < stop.min(j.today + 1) {
        let mut a = j.about(ActivityKind::Letter, x, on, rng);
        a.outcome = Some(crate::domain::activity::ACKNOWLEDGED.to_string());
        a.note = "Acknowledgment of receipt came back signed".to_string();
        j.out.push(a);
    }
}

/// A call on day `on` with the given outcome (index in `CALL_OUTCOMES`).
pub fn call(j: &mut Journal, x: &Inv, on: i32, outcome: usize, rng: &mut Rng) -> Activity {
    let mut a = j.about(ActivityKind::Call, x, on, rng);
    a.outcome = CALL_OUTCOMES.get(outcome).map(|s| s.to_string());
    a.note = texts::call_note(outcome, x.profile, rng).to_string();
    if rng.chance(0.35) {
        a.next_action_on = Some(day(on + rng.range(1, 8)));
    }
    a
}

/// Calls made between `from` and `stop` (exclusive).
pub fn some_calls(j: &mut Journal, x: &Inv, from: i32, stop: i32, rng: &mut Rng) {
    let last = stop.min(j.today + 1) - 1;
    let expected = ladder(x.profile).calls;
    let count = usize::from(rng.chance(expected * 0.6)) + usize::from(rng.chance(expected * 0.4));
    for _ in 0..count {
        if from > last {
            return;
        }
        let on = rng.range(from, last);
        let outcome = rng.weighted([(0, 40), (1, 25), (2, 20), (3, 5), (4, 10)]);
        let a = call(j, x, on, outcome, rng);
        j.out.push(a);
    }
}

/// A promise to pay the outstanding balance by `promised`, made on a call on
/// `on`; `next` sets the call's next action date.
pub fn promise(j: &mut Journal, x: &Inv, on: i32, promised: i32, next: Option<i32>, rng: &mut Rng) {
    let owed = x.outstanding(on);
    if owed <= 0 {
        return;
    }
    let mut c = call(j, x, on, 0, rng);
    c.note = "Promised to pay the full balance by transfer".to_string();
    if next.is_some() {
        c.next_action_on = next.map(super::rng::day);
    }
    let mut p = j.about(ActivityKind::Promise, x, on, rng);
    p.at = c.at + chrono::TimeDelta::minutes(2);
    p.user = c.user.clone();
    p.amount = Some(owed);
    p.date = Some(day(promised));
    j.out.push(c);
    j.out.push(p);
}

/// A dispute opened on `on`; resolved on `resolved` when given.
pub fn dispute(j: &mut Journal, x: &Inv, on: i32, resolved: Option<i32>, rng: &mut Rng) {
    let (reason, text, resolution) = rng.pick(DISPUTES);
    let mut a = j.about(ActivityKind::Dispute, x, on, rng);
    a.reason = Some(reason.to_string());
    a.note = text.to_string();
    a.next_action_on = Some(day(on + rng.range(7, 14)));
    if reason == "not_received" {
        let mut e = j.about(ActivityKind::Email, x, on, rng);
        e.at = a.at + chrono::TimeDelta::minutes(5);
        e.user = a.user.clone();
        e.note = "Sent a copy of the invoice by email".to_string();
        j.out.push(e);
    }
    j.out.push(a);
    if let Some(r) = resolved {
        let mut a = j.about(ActivityKind::DisputeResolved, x, r, rng);
        a.reason = Some(reason.to_string());
        a.note = resolution.to_string();
        j.out.push(a);
    }
}

/// A visit: `planned` for `date`, or `done` on `date`.
fn visit(j: &mut Journal, x: &Inv, on: i32, date: i32, done: bool, rng: &mut Rng) -> Activity {
    let mut a = j.about(ActivityKind::Visit, x, on, rng);
    a.outcome = Some(if done { "done" } else { "planned" }.to_string());
    a.date = Some(day(date));
    a.note = if done {
        "Met the owner on site; cash flow tight, agreed to pay in two instalments"
    } else {
        "Visit booked with the manager to agree a payment plan"
    }
    .to_string();
    a
}

/// Everything logged on an invoice that is overdue today. `cap` stops the
/// dunning earlier (a client on hold).
pub fn overdue(j: &mut Journal, x: &Inv, s: Scenario, cap: i32, rng: &mut Rng) {
    let today = j.today;
    let age = today - x.due;
    let mut stop = cap.min(today + 1);
    match s {
        Scenario::Ladder | Scenario::Quiet | Scenario::FormalNotice => {}
        Scenario::Disputed => {
            stop = stop.min(rng.range(x.due + 1, today));
            dispute(j, x, stop, None, rng);
        }
        Scenario::DisputeResolved => {
            stop = stop.min(rng.range(x.due + 1, x.due + age / 2));
            let resolved = rng.range(stop + 3, today);
            dispute(j, x, stop, Some(resolved), rng);
        }
        Scenario::PromiseBroken => {
            let promised = today - rng.range(1, (age - 2).min(25));
            stop = stop.min((promised - rng.range(2, 7)).max(x.due + 1));
            promise(j, x, stop, promised, Some(promised + 1), rng);
        }
        Scenario::PromiseUpcoming => {
            stop = stop.min(today - rng.range(0, (age - 1).min(5)));
            promise(j, x, stop, today + rng.range(1, 5), None, rng);
        }
        Scenario::VisitPlanned => {
            stop = stop.min(today - rng.range(1, (age - 1).min(6)));
            let date = today + rng.range(1, 2);
            let mut v = visit(j, x, stop, date, false, rng);
            v.next_action_on = Some(day(date - 1));
            j.out.push(v);
        }
        Scenario::VisitDone => {
            let on = rng.range(x.due + 10, today - 1);
            stop = stop.min((on - rng.range(3, 10)).max(x.due + 1));
            let planned = visit(j, x, stop, on, false, rng);
            let done = visit(j, x, on, on, true, rng);
            j.out.push(planned);
            j.out.push(done);
        }
        Scenario::Snoozed => {
            stop = stop.min(today - rng.range(0, (age - 1).min(10)));
            let until = day(today + rng.range(5, 30));
            let mut a = j.about(ActivityKind::Snooze, x, stop, rng);
            a.date = Some(until);
            a.next_action_on = Some(until);
            a.note = "Accountant on leave, call back when she is back".to_string();
            j.out.push(a);
        }
    }
    if s == Scenario::Quiet {
        return;
    }
    let prompt = s == Scenario::FormalNotice;
    let max_level = if s == Scenario::Ladder && rng.chance(0.15) {
        rng.index(3)
    } else {
        3
    };
    let third = run_ladder(j, x, stop, max_level, prompt, rng);
    if let Some(third) = third
        && (prompt || rng.chance(ladder(x.profile).notice))
    {
        let lag = if prompt { 0 } else { rng.range(0, 3) };
        formal_notice(j, x, third, stop, lag, rng);
    }
    some_calls(j, x, x.due + 3, stop, rng);
    history::invoice_note(j, x, stop, rng);
}
