use super::*;
use crate::domain::ladder::Ladder;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn inv(due: &str) -> InvoiceStanding {
    InvoiceStanding {
        due_on: d(due),
        ..InvoiceStanding::default()
    }
}

fn members(invs: &[InvoiceStanding]) -> Vec<Member<'_>> {
    invs.iter()
        .map(|s| Member {
            standing: s,
            outstanding: 10_000,
        })
        .collect()
}

/// (step, day, due?) of the case's next step.
fn next_of(
    invs: &[InvoiceStanding],
    letters: &CaseLetters,
    pause: &ClientPause,
    as_of: &str,
) -> Next<'static> {
    let ladder: &'static Ladder = Box::leak(Box::new(Ladder::example()));
    next(ladder, &members(invs), letters, pause, 500, d(as_of))
}

fn due_step(n: &Next<'_>) -> Option<(StepAction, NaiveDate)> {
    match n {
        Next::Due { step, since, .. } => Some((step.action, *since)),
        _ => None,
    }
}

fn later_step(n: &Next<'_>) -> Option<(StepAction, NaiveDate)> {
    match n {
        Next::Later { step, on } => Some((step.action, *on)),
        _ => None,
    }
}

#[test]
fn reminder_one_comes_seven_days_after_the_oldest_due_date() {
    let invs = [inv("2026-11-01"), inv("2026-11-05")];
    let none = CaseLetters::default();
    let p = ClientPause::default();
    assert_eq!(
        later_step(&next_of(&invs, &none, &p, "2026-11-06")),
        Some((StepAction::Reminder1, d("2026-11-08")))
    );
    // Missed while nobody looked: still due, with every invoice of the case.
    let n = next_of(&invs, &none, &p, "2027-03-01");
    assert_eq!(due_step(&n), Some((StepAction::Reminder1, d("2026-11-08"))));
    assert!(matches!(n, Next::Due { ref members, .. } if members == &[0, 1]));
}

#[test]
fn the_next_step_waits_for_the_deadline_of_the_last_letter() {
    let mut a = inv("2026-11-01");
    a.reminder_level = 1;
    let letters = CaseLetters {
        reminder_on: [Some(d("2026-11-08")), None, None],
        // Reminder 1 of Nov 8 gave until Nov 25 (a late clerk gave more).
        deadline_on: Some(d("2026-11-25")),
        ..CaseLetters::default()
    };
    let p = ClientPause::default();
    // Reminder 2 is at +18 (Nov 19) by the ladder, but not before Nov 26.
    assert_eq!(
        later_step(&next_of(&[a.clone()], &letters, &p, "2026-11-25")),
        Some((StepAction::Reminder2, d("2026-11-26")))
    );
    assert_eq!(
        due_step(&next_of(&[a], &letters, &p, "2026-11-26")),
        Some((StepAction::Reminder2, d("2026-11-26")))
    );
}

#[test]
fn a_late_reminder_pushes_the_next_one_back_by_the_ladders_gap() {
    let mut a = inv("2026-11-01");
    a.reminder_level = 1;
    let letters = CaseLetters {
        reminder_on: [Some(d("2026-11-20")), None, None],
        deadline_on: Some(d("2026-11-30")),
        ..CaseLetters::default()
    };
    // Reminder 2 comes 11 days (18 − 7) after reminder 1: Dec 1.
    assert_eq!(
        later_step(&next_of(
            &[a],
            &letters,
            &ClientPause::default(),
            "2026-11-25"
        )),
        Some((StepAction::Reminder2, d("2026-12-01")))
    );
}

#[test]
fn no_step_sooner_than_the_minimum_gap_after_a_contact() {
    let p = ClientPause {
        last_contact_on: Some(d("2026-11-07")),
        ..ClientPause::default()
    };
    assert_eq!(
        later_step(&next_of(
            &[inv("2026-11-01")],
            &CaseLetters::default(),
            &p,
            "2026-11-08"
        )),
        Some((StepAction::Reminder1, d("2026-11-10")))
    );
}

#[test]
fn an_invoice_that_joins_late_gets_its_own_reminder_in_the_case_letter() {
    let mut old = inv("2026-09-01");
    old.reminder_level = 2;
    let new = inv("2026-10-20");
    let letters = CaseLetters {
        reminder_on: [Some(d("2026-09-08")), Some(d("2026-09-19")), None],
        deadline_on: Some(d("2026-09-27")),
        ..CaseLetters::default()
    };
    let n = next_of(&[old, new], &letters, &ClientPause::default(), "2026-11-01");
    assert_eq!(due_step(&n).map(|s| s.0), Some(StepAction::Reminder3));
    assert!(matches!(n, Next::Due { ref members, .. } if members == &[0, 1]));
}

#[test]
fn after_a_formal_notice_the_case_gets_no_letter_until_it_is_closed() {
    let mut old = inv("2026-09-01");
    old.reminder_level = 3;
    old.notice_on = Some(d("2026-10-10"));
    let letters = CaseLetters {
        reminder_on: [
            Some(d("2026-09-08")),
            Some(d("2026-09-19")),
            Some(d("2026-09-28")),
        ],
        notice_on: Some(d("2026-10-10")),
        deadline_on: Some(d("2026-10-18")),
        ..CaseLetters::default()
    };
    // A new invoice falls overdue: it joins the case at its stage.
    let invs = [old, inv("2026-11-01")];
    let n = next_of(&invs, &letters, &ClientPause::default(), "2026-12-01");
    assert_eq!(n, Next::Noticed(d("2026-10-10")));
    // Once the old one is paid, the new one opens a new case (its due
    // date is after the notice).
    let n = next_of(&invs[1..], &letters, &ClientPause::default(), "2026-12-01");
    assert_eq!(due_step(&n).map(|s| s.0), Some(StepAction::Reminder1));
}

#[test]
fn disputes_promises_and_holds_keep_invoices_out() {
    let p = ClientPause::default();
    let none = CaseLetters::default();
    let mut a = inv("2026-11-01");
    a.disputed = true;
    assert_eq!(
        next_of(&[a.clone()], &none, &p, "2026-12-01"),
        Next::Paused(Pause::Disputed)
    );
    // The disputed one waits, the other is chased alone.
    let n = next_of(&[a, inv("2026-11-02")], &none, &p, "2026-12-01");
    assert!(matches!(n, Next::Due { ref members, .. } if members == &[1]));
    let mut b = inv("2026-11-01");
    b.promised_for = Some(d("2026-11-20"));
    assert_eq!(
        next_of(&[b.clone()], &none, &p, "2026-11-23"),
        Next::Paused(Pause::Promised(d("2026-11-20")))
    );
    // Broken (past the grace days, nobody called): the queue's broken
    // promise line, not the ladder.
    assert_eq!(
        promise_state(&b, &p, 3, d("2026-11-24")),
        PromiseState::Broken(d("2026-11-20"))
    );
    let held = ClientPause {
        hold_until: Some(d("2026-12-15")),
        ..p
    };
    assert_eq!(
        next_of(&[inv("2026-11-01")], &none, &held, "2026-12-01"),
        Next::Paused(Pause::Hold(d("2026-12-15")))
    );
}

#[test]
fn a_case_below_the_minimum_is_not_chased() {
    let ladder = Ladder::example();
    let a = inv("2026-11-01");
    let m = [Member {
        standing: &a,
        outstanding: 499,
    }];
    let n = next(
        &ladder,
        &m,
        &CaseLetters::default(),
        &ClientPause::default(),
        500,
        d("2026-12-01"),
    );
    assert_eq!(n, Next::Small);
}

#[test]
fn the_stage_counts_only_letters_of_the_open_case() {
    let letters = CaseLetters {
        reminder_on: [Some(d("2026-03-08")), Some(d("2026-03-19")), None],
        ..CaseLetters::default()
    };
    assert_eq!(
        letters.stage(d("2026-03-01")),
        Some((StepAction::Reminder2, d("2026-03-19")))
    );
    assert_eq!(letters.stage(d("2026-06-01")), None);
}

#[test]
fn a_courtesy_note_only_before_the_due_date() {
    let ladder = Ladder::example();
    let a = inv("2026-11-10");
    let m = [Member {
        standing: &a,
        outstanding: 10_000,
    }];
    let p = ClientPause::default();
    assert!(courtesy(&ladder, &m, &p, 500, d("2026-11-06")).is_none());
    assert!(courtesy(&ladder, &m, &p, 500, d("2026-11-07")).is_some());
    let late = ClientPause {
        last_contact_on: Some(d("2026-11-08")),
        ..p
    };
    // The gap after a contact would bring it on the due date: too late.
    assert!(courtesy(&ladder, &m, &late, 500, d("2026-11-09")).is_none());
}
