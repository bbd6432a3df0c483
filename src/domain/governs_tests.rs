use super::*;
use crate::domain::case::CaseLetters;
use crate::domain::ladder::{InvoiceStanding, Ladder};
use crate::domain::queue::{Ladders, plan};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn rules() -> Rules {
    Rules::new(Ladders {
        administration: Ladder::example(),
        business: Ladder::example(),
        individual: Ladder::example(),
    })
}

fn client() -> QueueClient {
    QueueClient::example("A")
}

fn invoice(due: &str, outstanding: i64) -> QueueInvoice {
    QueueInvoice {
        client: 0,
        number: format!("I-{due}"),
        issued_on: plus(d(due), -30),
        currency: Currency::EUR,
        outstanding,
        is_deposit: false,
        standing: InvoiceStanding {
            due_on: d(due),
            ..InvoiceStanding::default()
        },
        dispute: None,
    }
}

/// The facts, given the reasons the queue's own rules give today.
fn of(c: &QueueClient, invoices: &[QueueInvoice], today: NaiveDate) -> Vec<Governs> {
    let clients = [c.clone()];
    let (lines, _) = plan(&clients, invoices, &rules(), today);
    let reasons: Vec<Reason> = lines.iter().map(|l| l.reason).collect();
    facts(c, 0, invoices, &reasons, &rules(), today)
}

#[test]
fn a_snooze_a_hold_a_visit_and_a_promise_each_say_their_date() {
    let today = d("2026-11-22");
    let mut c = client();
    c.snoozed_until = Some(d("2026-12-09"));
    c.pause.hold_until = Some(d("2026-12-01"));
    c.visit_on = Some(d("2026-12-03"));
    c.next_action_on = Some(d("2026-11-30"));
    let mut promised = invoice("2026-10-01", 120_000);
    promised.standing.promised_for = Some(d("2026-12-05"));
    let mut second = invoice("2026-10-15", 30_000);
    second.standing.promised_for = Some(d("2026-12-05"));
    let facts = of(&c, &[promised, second], today);
    assert_eq!(
        facts,
        [
            Governs::Snoozed {
                until: d("2026-12-09")
            },
            Governs::OnHold {
                until: d("2026-12-01")
            },
            Governs::NextAction {
                on: d("2026-11-30")
            },
            Governs::Visit {
                on: d("2026-12-03"),
                confirmed: false
            },
            Governs::Promise {
                currency: Currency::EUR,
                by: d("2026-12-05"),
                owed: 150_000,
                state: PromiseState::Pending(d("2026-12-05")),
            },
        ]
    );
}

#[test]
fn what_a_queue_line_says_already_is_not_said_again() {
    let today = d("2026-11-22");
    let mut c = client();
    // Reached: a next action line; a visit in two days: a line to confirm it.
    c.next_action_on = Some(d("2026-11-20"));
    c.visit_on = Some(d("2026-11-24"));
    let mut broken = invoice("2026-09-01", 500);
    broken.standing.promised_for = Some(d("2026-11-01"));
    assert_eq!(of(&c, &[broken.clone()], today), []);
    // Snoozed, there is no line: each fact says it instead.
    c.snoozed_until = Some(d("2026-11-29"));
    let facts = of(&c, &[broken], today);
    assert_eq!(facts.len(), 4, "{facts:?}");
    assert!(facts.contains(&Governs::NextAction {
        on: d("2026-11-20")
    }));
    assert!(facts.iter().any(|f| matches!(
        f,
        Governs::Promise {
            state: PromiseState::Broken(_),
            ..
        }
    )));
    // A snooze's end is its next action: said once.
    let mut snoozed = client();
    snoozed.snoozed_until = Some(d("2026-11-29"));
    snoozed.next_action_on = Some(d("2026-11-29"));
    assert_eq!(
        of(&snoozed, &[], today),
        [Governs::Snoozed {
            until: d("2026-11-29")
        }]
    );
    // A visit a week ahead: not yet confirmed; two days before it, a call
    // that reached the client confirms it (no line to confirm it then).
    c.snoozed_until = None;
    c.visit_on = Some(d("2026-11-30"));
    assert!(of(&c, &[], today).contains(&Governs::Visit {
        on: d("2026-11-30"),
        confirmed: false
    }));
    c.reached_on = Some(d("2026-11-28"));
    assert!(of(&c, &[], d("2026-11-28")).contains(&Governs::Visit {
        on: d("2026-11-30"),
        confirmed: true
    }));
    // An expired snooze or hold, a next action answered by a contact: nothing.
    let mut done = client();
    done.snoozed_until = Some(d("2026-11-22"));
    done.pause.hold_until = Some(d("2026-11-01"));
    done.next_action_on = Some(d("2026-11-10"));
    done.pause.last_contact_on = Some(d("2026-11-12"));
    assert_eq!(of(&done, &[], today), []);
}

#[test]
fn the_last_letter_of_the_case_with_the_deadline_it_gave() {
    let today = d("2026-11-22");
    let mut c = client();
    c.letters = vec![(
        Currency::EUR,
        CaseLetters {
            courtesy_on: None,
            reminder_on: [Some(d("2026-10-20")), Some(d("2026-11-10")), None],
            notice_on: None,
            deadline_on: Some(d("2026-11-24")),
        },
    )];
    let mut late = invoice("2026-10-01", 10_000);
    late.standing.reminder_level = 2;
    late.standing.reminded_on = Some(d("2026-11-10"));
    let facts = of(&c, &[late.clone()], today);
    assert_eq!(
        facts,
        [Governs::LastLetter {
            currency: Currency::EUR,
            step: StepAction::Reminder2,
            on: d("2026-11-10"),
            deadline: Some(d("2026-11-24")),
        }]
    );
    // Letters of a case closed before the oldest open invoice fell due
    // are not this case's.
    let mut newer = late;
    newer.standing = InvoiceStanding {
        due_on: d("2026-11-15"),
        ..InvoiceStanding::default()
    };
    assert_eq!(of(&c, &[newer], today), []);
    // Nothing overdue: no case, no letter.
    assert_eq!(of(&c, &[invoice("2026-12-01", 100)], today), []);
}
