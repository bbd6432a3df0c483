use super::*;
use crate::domain::ladder::Ladder;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn ladder() -> Ladder {
    Ladder::example()
}

fn ladders() -> Rules {
    Rules::new(Ladders {
        administration: ladder(),
        business: ladder(),
        individual: ladder(),
    })
}

fn client(code: &str) -> QueueClient {
    QueueClient::example(code)
}

fn invoice(client: usize, due: &str, outstanding: i64) -> QueueInvoice {
    QueueInvoice {
        client,
        number: format!("I-{client}-{due}"),
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

fn reasons(lines: &[QueueLine], clients: &[QueueClient]) -> Vec<(String, Reason)> {
    lines
        .iter()
        .map(|l| (clients[l.client].code.clone(), l.reason))
        .collect()
}

#[test]
fn the_day_plan_comes_in_the_order_a_clerk_works() {
    let today = d("2026-11-22");
    let mut clients = vec![
        client("A"),
        client("B"),
        client("C"),
        client("D"),
        client("E"),
    ];
    clients[3].visit_on = Some(d("2026-11-24"));
    clients[4].pilot_ends_on = Some(d("2026-12-01"));
    clients[2].next_action_on = Some(d("2026-11-20"));
    let mut broken = invoice(1, "2026-10-01", 500);
    broken.standing.promised_for = Some(d("2026-11-15"));
    let mut notice = invoice(0, "2026-09-01", 10_000);
    notice.standing.reminder_level = 3;
    notice.standing.reminded_on = Some(d("2026-10-01"));
    clients[0].letters = vec![(
        Currency::EUR,
        CaseLetters {
            reminder_on: [
                Some(d("2026-09-08")),
                Some(d("2026-09-20")),
                Some(d("2026-10-01")),
            ],
            deadline_on: Some(d("2026-10-08")),
            ..CaseLetters::default()
        },
    )];
    let big_reminder = invoice(2, "2026-11-01", 1_000_000);
    let lines = build(&clients, &[broken, notice, big_reminder], &ladders(), today);
    assert_eq!(
        reasons(&lines, &clients),
        vec![
            ("B".into(), Reason::BrokenPromise(d("2026-11-15"))),
            ("A".into(), Reason::FormalNoticeReady),
            ("C".into(), Reason::Reminder(1)),
            ("C".into(), Reason::NextAction(d("2026-11-20"))),
            ("D".into(), Reason::ConfirmVisit(d("2026-11-24"))),
            ("E".into(), Reason::PilotEnds(d("2026-12-01"))),
        ]
    );
}

#[test]
fn each_line_is_answered_by_its_own_activity() {
    let today = d("2026-11-22");
    let mut clients = vec![client("D"), client("E"), client("F")];
    clients[0].visit_on = Some(d("2026-11-24"));
    clients[1].pilot_ends_on = Some(d("2026-12-01"));
    let mut deposit = invoice(2, "2026-11-20", 300);
    deposit.is_deposit = true;
    // Any contact (a letter, a call with no answer…) answers none of them.
    for c in &mut clients {
        c.pause.last_contact_on = Some(today);
    }
    let lines = build(&clients, &[deposit.clone()], &ladders(), today);
    assert_eq!(
        reasons(&lines, &clients),
        vec![
            ("D".into(), Reason::ConfirmVisit(d("2026-11-24"))),
            ("E".into(), Reason::PilotEnds(d("2026-12-01"))),
            ("F".into(), Reason::UnpaidDeposit),
        ]
    );
    // A call that reached the client confirms the visit; the pilot-end
    // notice tells the client; the deposit request waits for its deadline.
    clients[0].reached_on = Some(d("2026-11-22"));
    clients[1].pilot_notice_on = Some(d("2026-11-20"));
    clients[2].deposit_request_until = Some(d("2026-11-30"));
    assert!(build(&clients, &[deposit.clone()], &ladders(), today).is_empty());
    let later = build(&clients, &[deposit], &ladders(), d("2026-12-01"));
    assert!(later.iter().any(|l| l.reason == Reason::UnpaidDeposit));
    // A visit whose day passed with no outcome asks for one.
    let after = build(&clients, &[], &ladders(), d("2026-11-25"));
    assert!(
        after
            .iter()
            .any(|l| l.reason == Reason::VisitOutcome(d("2026-11-24")))
    );
}

#[test]
fn a_registered_letter_without_its_receipt_comes_back_after_ten_days() {
    let mut clients = vec![client("R")];
    clients[0].registered_on = Some(d("2026-11-01"));
    let on = |day: &str, c: &[QueueClient]| {
        build(c, &[], &ladders(), d(day))
            .iter()
            .any(|l| l.reason == Reason::NoAcknowledgment(d("2026-11-01")))
    };
    assert!(!on("2026-11-10", &clients));
    assert!(on("2026-11-11", &clients));
    clients[0].acknowledged_on = Some(d("2026-11-01"));
    assert!(!on("2026-11-11", &clients));
}

#[test]
fn a_balance_below_the_minimum_is_shown_once_and_not_chased() {
    let clients = vec![client("S")];
    let invoices = [invoice(0, "2026-10-01", 150), invoice(0, "2026-10-02", 200)];
    let lines = build(&clients, &invoices, &ladders(), d("2026-11-22"));
    assert_eq!(
        reasons(&lines, &clients),
        vec![("S".into(), Reason::SmallBalance)]
    );
    assert_eq!(lines[0].amount, 350);
}

#[test]
fn one_ladder_line_per_case_lists_every_overdue_invoice() {
    let clients = vec![client("K")];
    let invoices = [
        invoice(0, "2026-10-01", 10_000),
        invoice(0, "2026-10-20", 20_000),
        invoice(0, "2026-12-20", 30_000),
    ];
    let lines = build(&clients, &invoices, &ladders(), d("2026-11-22"));
    assert_eq!(
        reasons(&lines, &clients),
        vec![("K".into(), Reason::Reminder(1))]
    );
    assert_eq!(lines[0].invoices, vec![0, 1]);
    assert_eq!(lines[0].amount, 30_000);
}

#[test]
fn a_snoozed_client_waits_and_higher_amounts_come_first() {
    let today = d("2026-11-22");
    let mut clients = vec![client("S"), client("SMALL"), client("BIG")];
    clients[0].snoozed_until = Some(d("2026-11-25"));
    let invoices = [
        invoice(0, "2026-11-01", 900_000),
        invoice(1, "2026-11-01", 100),
        invoice(2, "2026-11-01", 50_000),
    ];
    let lines = build(&clients, &invoices, &ladders(), today);
    let codes: Vec<String> = reasons(&lines, &clients)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(codes, ["BIG", "SMALL"]);
}

#[test]
fn after_the_formal_notice_s_deadline_the_case_is_to_escalate() {
    let clients = {
        let mut c = vec![client("N")];
        c[0].letters = vec![(
            Currency::EUR,
            CaseLetters {
                reminder_on: [
                    Some(d("2026-09-08")),
                    Some(d("2026-09-19")),
                    Some(d("2026-09-28")),
                ],
                notice_on: Some(d("2026-10-06")),
                deadline_on: Some(d("2026-10-14")),
                ..CaseLetters::default()
            },
        )];
        c
    };
    let mut inv = invoice(0, "2026-09-01", 100_000);
    inv.standing.reminder_level = 3;
    inv.standing.notice_on = Some(d("2026-10-06"));
    let invoices = [inv];
    // Until the deadline and a grace day have passed, it waits for that day.
    assert!(build(&clients, &invoices, &ladders(), d("2026-10-14")).is_empty());
    let look = outlook(&clients, &invoices, &ladders(), d("2026-10-14"));
    assert_eq!(look[0].stage, Stage::Step(StepAction::FormalNotice));
    assert_eq!(
        (look[0].next_on, look[0].next),
        (d("2026-10-15"), Reason::Escalate)
    );
    let lines = build(&clients, &invoices, &ladders(), d("2026-10-15"));
    assert_eq!(
        reasons(&lines, &clients),
        vec![("N".into(), Reason::Escalate)]
    );
    assert_eq!(lines[0].invoices, vec![0]);
    // Escalated: out of the ladder until its review date.
    let mut escalated = clients.clone();
    escalated[0].cases = vec![(
        Currency::EUR,
        CaseLife {
            escalation: Some(crate::domain::case_life::Escalation {
                on: d("2026-10-15"),
                to: "court".into(),
                review_on: d("2026-12-15"),
            }),
            plan: None,
        },
    )];
    assert!(build(&escalated, &invoices, &ladders(), d("2026-12-14")).is_empty());
    let look = outlook(&escalated, &invoices, &ladders(), d("2026-11-01"));
    assert_eq!(
        (look[0].stage, look[0].next_on),
        (Stage::Escalated, d("2026-12-15"))
    );
    assert_eq!(
        reasons(
            &build(&escalated, &invoices, &ladders(), d("2026-12-15")),
            &clients
        ),
        vec![("N".into(), Reason::EscalationReview(d("2026-12-15")))]
    );
}

#[test]
fn a_dispute_waits_for_its_review_date_never_for_ever() {
    let clients = vec![client("D")];
    let mut inv = invoice(0, "2026-10-01", 100_000);
    inv.standing.disputed = true;
    inv.dispute = Some(Dispute {
        since: d("2026-10-20"),
        review_on: d("2026-11-03"),
        owner: Some("alice".into()),
    });
    let invoices = [inv];
    assert!(build(&clients, &invoices, &ladders(), d("2026-11-02")).is_empty());
    let look = outlook(&clients, &invoices, &ladders(), d("2026-11-02"));
    assert_eq!(
        (look[0].stage, look[0].next_on),
        (Stage::Disputed, d("2026-11-03"))
    );
    assert_eq!(look[0].next_name(), "dispute_review");
    assert_eq!(
        reasons(
            &build(&clients, &invoices, &ladders(), d("2026-11-10")),
            &clients
        ),
        vec![("D".into(), Reason::DisputeReview(d("2026-11-03")))]
    );
    // A disputed invoice whose review date is unknown comes back at once.
    let mut unknown = invoices[0].clone();
    unknown.dispute = None;
    let lines = build(&clients, &[unknown], &ladders(), d("2026-11-02"));
    assert_eq!(lines[0].reason, Reason::DisputeReview(d("2026-11-02")));
}
