use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn entry(id: i64, kind: ActivityKind, on: &str) -> LifeEntry {
    LifeEntry {
        id,
        kind: Some(kind),
        on: d(on),
        invoice: Some("F1".into()),
        currency: Some(Currency::EUR),
        ..LifeEntry::default()
    }
}

#[test]
fn a_dispute_comes_back_on_its_review_date_or_after_the_team_s_days() {
    let mut raised = entry(1, ActivityKind::Dispute, "2026-11-02");
    let entries = vec![raised.clone()];
    let open = open_dispute(&entries, "F1", 14, d("2026-11-03")).unwrap();
    assert_eq!(open.review_on, d("2026-11-16"));
    assert_eq!(open.since, d("2026-11-02"));
    raised.date = Some(d("2026-11-20"));
    raised.assignee = Some("alice".into());
    let open = open_dispute(&[raised.clone()], "F1", 14, d("2026-11-03")).unwrap();
    assert_eq!(open.review_on, d("2026-11-20"));
    assert_eq!(open.owner.as_deref(), Some("alice"));
    // Before it was raised, and once resolved, there is none.
    assert_eq!(
        open_dispute(&[raised.clone()], "F1", 14, d("2026-11-01")),
        None
    );
    let resolved = entry(2, ActivityKind::DisputeResolved, "2026-11-10");
    assert_eq!(
        open_dispute(&[raised.clone(), resolved], "F1", 14, d("2026-11-10")),
        None
    );
    assert_eq!(open_dispute(&[raised], "F2", 14, d("2026-11-10")), None);
}

#[test]
fn an_escalation_stands_until_an_outcome_closes_it() {
    let mut opened = entry(1, ActivityKind::Escalation, "2026-11-02");
    opened.invoice = None;
    opened.reason = Some("court".into());
    opened.date = Some(d("2027-01-15"));
    let cases_on = |es: &[LifeEntry], on: &str| cases(es, d(on));
    let c = cases_on(&[opened.clone()], "2026-11-03");
    let e = c[0].1.escalation.clone().unwrap();
    assert_eq!((e.to.as_str(), e.review_on), ("court", d("2027-01-15")));
    // A judgment sets the next review; the money paid closes it.
    let mut judgment = opened.clone();
    judgment.id = 2;
    judgment.on = d("2027-01-15");
    judgment.outcome = Some("judgment".into());
    judgment.date = Some(d("2027-03-01"));
    let c = cases_on(&[opened.clone(), judgment.clone()], "2027-01-16");
    let e = c[0].1.escalation.clone().unwrap();
    assert_eq!((e.on, e.review_on), (d("2026-11-02"), d("2027-03-01")));
    let mut paid = judgment.clone();
    paid.id = 3;
    paid.on = d("2027-02-20");
    paid.outcome = Some("paid".into());
    paid.date = None;
    assert!(cases_on(&[opened, judgment, paid], "2027-02-21").is_empty());
}

#[test]
fn instalments_are_met_in_order_and_a_missed_one_breaks_the_plan() {
    let plan = Plan {
        on: d("2026-11-30"),
        invoices: vec!["F1".into()],
        instalments: vec![
            Instalment {
                on: d("2026-12-15"),
                amount: 50_000,
            },
            Instalment {
                on: d("2027-01-15"),
                amount: 50_000,
            },
        ],
    };
    let first = plan.instalments[0];
    let second = plan.instalments[1];
    assert_eq!(
        plan_state(&plan, 100_000, 3, d("2026-12-01")),
        PlanState::Next(first)
    );
    assert_eq!(
        plan_state(&plan, 100_000, 3, d("2026-12-18")),
        PlanState::Next(first)
    );
    assert_eq!(
        plan_state(&plan, 100_000, 3, d("2026-12-19")),
        PlanState::Broken(first)
    );
    // Part of the first paid: still the first.
    assert_eq!(
        plan_state(&plan, 60_000, 3, d("2026-12-19")),
        PlanState::Broken(first)
    );
    assert_eq!(
        plan_state(&plan, 50_000, 3, d("2026-12-19")),
        PlanState::Next(second)
    );
    assert_eq!(plan_state(&plan, 0, 3, d("2027-02-01")), PlanState::Done);
}

#[test]
fn instalments_are_read_in_date_order_and_proposed_monthly() {
    let read = instalments_text("2026-12-15:500.00, 2027-01-15:500,00").unwrap();
    assert_eq!(read.len(), 2);
    assert_eq!(read[1], (d("2027-01-15"), "500,00".to_string()));
    assert!(
        instalments_text("2026-12-15")
            .unwrap_err()
            .contains("DATE:AMOUNT")
    );
    assert!(
        instalments_text("2027-01-15:1,2026-12-15:1")
            .unwrap_err()
            .contains("not after")
    );
    assert!(
        instalments_text("15/12/2026:1")
            .unwrap_err()
            .contains("not a date")
    );
    let three = equal_monthly(100_000, 3, d("2027-01-31"));
    let amounts: Vec<i64> = three.iter().map(|i| i.amount).collect();
    assert_eq!(amounts, [33_333, 33_333, 33_334]);
    assert_eq!(three[1].on, d("2027-02-28"));
}
