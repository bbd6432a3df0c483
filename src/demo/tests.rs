//! Invariants of the demo portfolio at several scales (built only under
//! #[cfg(test)], see `mod.rs`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::{Portfolio, generate};
use crate::domain::activity::{ActivityKind, CALL_OUTCOMES};
use crate::domain::aging::Bucket;
use crate::domain::client::Profile;
use crate::domain::currency::Currency;
use crate::domain::invoice::plausible_date;

fn today() -> NaiveDate {
    "2026-03-16".parse().unwrap()
}

fn outstanding(p: &Portfolio) -> HashMap<&str, i64> {
    let mut open: HashMap<&str, i64> = p
        .invoices
        .iter()
        .map(|i| (i.number.as_str(), i.amount.minor))
        .collect();
    for pay in &p.payments {
        *open.get_mut(pay.invoice_number.as_str()).unwrap() -= pay.amount;
    }
    open
}

fn buckets(p: &Portfolio, today: NaiveDate) -> [usize; 5] {
    let open = outstanding(p);
    let mut b = [0; 5];
    for i in &p.invoices {
        if open[i.number.as_str()] > 0 {
            b[Bucket::for_days((today - i.due_on).num_days()).index()] += 1;
        }
    }
    b
}

fn open_share(p: &Portfolio) -> f64 {
    let open = outstanding(p).values().filter(|v| **v > 0).count();
    open as f64 / p.invoices.len() as f64
}

fn check_invariants(p: &Portfolio, today: NaiveDate, n: usize) {
    assert_eq!(p.invoices.len(), n);
    assert!(p.clients.len() >= 30);
    let clients: HashMap<&str, _> = p.clients.iter().map(|c| (c.code.as_str(), c)).collect();
    assert_eq!(clients.len(), p.clients.len(), "client codes unique");
    let names: HashSet<&str> = p.clients.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), p.clients.len(), "client names unique");
    let invoices: HashMap<&str, _> = p.invoices.iter().map(|i| (i.number.as_str(), i)).collect();
    assert_eq!(invoices.len(), n, "invoice numbers unique");
    for i in &p.invoices {
        let c = clients[i.client_code.as_str()];
        assert_eq!(i.amount.currency, c.currency);
        assert!(i.amount.minor > 0);
        assert!(i.due_on >= i.issued_on && i.issued_on <= today);
        assert!(plausible_date(i.issued_on) && plausible_date(i.due_on));
    }
    for (number, left) in outstanding(p) {
        assert!(left >= 0, "{number} overpaid");
    }
    for pay in &p.payments {
        let inv = invoices[pay.invoice_number.as_str()];
        assert!(pay.amount > 0);
        assert!(pay.received_on >= inv.issued_on && pay.received_on <= today);
    }
    let mut reminders: HashMap<&str, Vec<NaiveDate>> = HashMap::new();
    for a in &p.activities {
        assert!(clients.contains_key(a.client_code.as_str()));
        assert!(a.on <= today && plausible_date(a.on), "{a:?}");
        assert_eq!(a.at.date_naive(), a.on);
        for d in [a.date, a.next_action_on].into_iter().flatten() {
            assert!(plausible_date(d));
        }
        if let Some(n) = &a.invoice_number {
            assert_eq!(invoices[n.as_str()].client_code, a.client_code);
        }
        if a.kind == ActivityKind::Call {
            assert!(CALL_OUTCOMES.contains(&a.outcome.as_deref().unwrap()));
        }
        if a.kind == ActivityKind::Reminder && a.level.unwrap() >= 1 {
            reminders
                .entry(a.invoice_number.as_deref().unwrap())
                .or_default()
                .push(a.on);
        }
    }
    for a in p
        .activities
        .iter()
        .filter(|a| a.kind == ActivityKind::FormalNotice)
    {
        let n = a.invoice_number.as_deref().unwrap();
        let before = reminders
            .get(n)
            .map_or(0, |r| r.iter().filter(|d| **d < a.on).count());
        assert!(before >= 3, "formal notice on {n} after {before} reminders");
    }
    for w in p.activities.windows(2) {
        assert!(w[0].at <= w[1].at, "journal in recording order");
    }
    let latest: HashMap<&str, _> = p.solvency_notes.iter().fold(HashMap::new(), |mut m, n| {
        let e = m.entry(n.client_code.as_str()).or_insert(n);
        if n.on >= e.on {
            *e = n;
        }
        m
    });
    for c in &p.clients {
        assert_eq!(c.rating, Some(latest[c.code.as_str()].rating), "{}", c.code);
    }
    for d in p.solvency_notes.iter().map(|n| n.on) {
        assert!(d <= today && plausible_date(d));
    }
}

#[test]
fn invariants_hold_at_every_scale() {
    for n in [0, 1, 7, 100, 400, 10_000] {
        let p = generate(today(), n, 42, "marie");
        check_invariants(&p, today(), n);
    }
}

#[test]
fn any_today_and_seed_keeps_the_invariants() {
    for day in ["2026-03-15", "2025-01-01", "2027-08-07", "1999-02-28"] {
        let t: NaiveDate = day.parse().unwrap();
        for seed in [0, 1, u64::MAX] {
            for n in [100, 401] {
                let p = generate(t, n, seed, "");
                check_invariants(&p, t, n);
                let b = buckets(&p, t);
                assert!(b.iter().all(|&k| k > 0), "{day} seed {seed} n {n}: {b:?}");
            }
        }
    }
}

#[test]
fn same_arguments_same_portfolio() {
    let a = generate(today(), 400, 7, "marie");
    assert_eq!(a, generate(today(), 400, 7, "marie"));
    assert_ne!(a.invoices, generate(today(), 400, 8, "marie").invoices);
}

#[test]
fn every_bucket_has_open_invoices() {
    for n in [100, 400, 10_000] {
        for seed in 0..3 {
            let b = buckets(&generate(today(), n, seed, "marie"), today());
            assert!(b.iter().all(|&k| k > 0), "n={n} seed={seed}: {b:?}");
        }
    }
}

#[test]
fn open_share_fits_the_scale() {
    for seed in 0..3 {
        let s = open_share(&generate(today(), 400, seed, "marie"));
        assert!((0.20..=0.40).contains(&s), "400 seed {seed}: {s}");
    }
    let s = open_share(&generate(today(), 200_000, 1, "marie"));
    assert!((0.06..=0.10).contains(&s), "200k: {s}");
}

#[test]
fn clients_cover_countries_profiles_and_clerks() {
    let p = generate(today(), 400, 3, "marie");
    assert_eq!(p.clients.len(), 30);
    assert_eq!(generate(today(), 8_000, 3, "marie").clients.len(), 200);
    for country in ["FR", "NO", "ES", "GB", "DE"] {
        for &profile in Profile::ALL {
            assert!(
                p.clients
                    .iter()
                    .any(|c| c.country.as_deref() == Some(country) && c.profile == profile)
            );
        }
    }
    let nok = p
        .clients
        .iter()
        .find(|c| c.country.as_deref() == Some("NO"))
        .unwrap();
    assert_eq!(nok.currency, Currency::NOK);
    let de = p
        .clients
        .iter()
        .find(|c| c.country.as_deref() == Some("DE"))
        .unwrap();
    assert_eq!((de.language.code(), de.currency), ("en", Currency::EUR));
    let mine = p
        .clients
        .iter()
        .filter(|c| c.clerk.as_deref() == Some("marie"))
        .count();
    assert!(mine >= 5, "marie owns {mine}");
    let alice = generate(today(), 400, 3, "alice");
    let clerks: HashSet<_> = alice
        .clients
        .iter()
        .filter_map(|c| c.clerk.clone())
        .collect();
    assert_eq!(clerks.len(), 4);
    assert!(p.clients.iter().any(|c| c.email.is_none()));
    assert!(p.clients.iter().any(|c| c.email.is_some()));
    let t = today();
    let holds: Vec<_> = p.clients.iter().filter_map(|c| c.hold_until).collect();
    assert!(holds.len() == 1 && holds[0] > t);
    let pilots: Vec<_> = p.clients.iter().filter_map(|c| c.pilot_ends_on).collect();
    assert!(pilots.iter().any(|d| *d > t && (*d - t).num_days() <= 14));
    assert!(pilots.iter().any(|d| (*d - t).num_days() > 14));
    assert!(pilots.iter().any(|d| *d < t));
    assert!(
        p.clients
            .iter()
            .all(|c| [0, 30, 50].contains(&c.deposit_pct))
    );
}

#[test]
fn the_queue_has_one_of_each_case() {
    let t = today();
    for (n, seed) in [100, 400]
        .into_iter()
        .flat_map(|n| (0..20).map(move |s| (n, s)))
    {
        let p = generate(t, n, seed, "marie");
        let open = outstanding(&p);
        let is_open = |num: &Option<String>| open[num.as_deref().unwrap()] > 0;
        let kinds = |k| p.activities.iter().filter(move |a| a.kind == k);
        assert!(
            kinds(ActivityKind::Promise).any(|a| a.date.unwrap() > t && is_open(&a.invoice_number))
        );
        assert!(
            kinds(ActivityKind::Promise).any(|a| a.date.unwrap() < t && is_open(&a.invoice_number))
        );
        assert!(kinds(ActivityKind::Promise).any(|a| !is_open(&a.invoice_number)) || n < 400);
        assert!(kinds(ActivityKind::DisputeResolved).count() >= 1);
        assert!(kinds(ActivityKind::Dispute).any(|a| a.reason.is_some()));
        assert!(
            kinds(ActivityKind::Visit).any(|a| a.outcome.as_deref() == Some("planned")
                && (1..=2).contains(&(a.date.unwrap() - t).num_days()))
        );
        assert!(kinds(ActivityKind::Visit).any(|a| a.outcome.as_deref() == Some("done")));
        assert!(kinds(ActivityKind::FormalNotice).count() >= 1);
        assert!(kinds(ActivityKind::Snooze).count() >= 1);
        assert!(kinds(ActivityKind::Reminder).any(|a| a.level == Some(0)));
        let next: Vec<_> = p
            .activities
            .iter()
            .filter_map(|a| a.next_action_on)
            .collect();
        assert!(next.iter().any(|d| *d <= t) && next.iter().any(|d| *d > t));
        let deposit_overdue = p
            .invoices
            .iter()
            .any(|i| i.is_deposit && i.due_on < t && open[i.number.as_str()] > 0);
        assert!(deposit_overdue);
        assert!(
            p.invoices
                .iter()
                .any(|i| i.milestone.is_some() && !i.is_deposit)
        );
        for i in p.invoices.iter().filter(|i| i.is_deposit) {
            let c = p.clients.iter().find(|c| c.code == i.client_code).unwrap();
            assert!(c.deposit_pct > 0);
        }
    }
}

#[test]
fn payments_terms_and_notes_look_real() {
    use chrono::{Datelike, Weekday};
    let t = today();
    let p = generate(t, 400, 9, "marie");
    let open = outstanding(&p);
    let weekend = |d: NaiveDate| matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
    assert!(p.invoices.iter().all(|i| !weekend(i.issued_on)));
    assert!(p.payments.iter().all(|x| !weekend(x.received_on)));
    assert!(p.activities.iter().all(|a| !weekend(a.on)));
    let mut per_invoice: HashMap<&str, Vec<_>> = HashMap::new();
    for x in &p.payments {
        per_invoice
            .entry(x.invoice_number.as_str())
            .or_default()
            .push(x);
    }
    assert!(
        per_invoice.values().any(|v| v.len() == 2),
        "some settled in two payments"
    );
    assert!(
        per_invoice.keys().any(|n| open[n] > 0),
        "some partial payments on open invoices"
    );
    let methods: HashSet<_> = p.payments.iter().map(|x| x.method).collect();
    assert!(methods.len() >= 4);
    for a in p
        .activities
        .iter()
        .filter(|a| a.kind == ActivityKind::Promise)
    {
        let n = a.invoice_number.as_deref().unwrap();
        if open[n] == 0 {
            let last = per_invoice[n].iter().map(|x| x.received_on).max().unwrap();
            assert!(last <= a.date.unwrap(), "kept promise on {n}");
        }
    }
    for c in &p.clients {
        match c.profile {
            Profile::Administration => assert!([45, 60].contains(&c.terms_days)),
            Profile::Individual => assert_eq!(c.terms_days, 14),
            Profile::Business => assert!(c.terms_days <= 60),
        }
    }
    let mut notes: HashMap<&str, Vec<_>> = HashMap::new();
    for n in &p.solvency_notes {
        notes.entry(n.client_code.as_str()).or_default().push(n);
    }
    assert!(
        notes
            .values()
            .any(|v| v.len() == 2 && v[0].rating != v[1].rating)
    );
    let clients: HashMap<&str, _> = p.clients.iter().map(|c| (c.code.as_str(), c)).collect();
    let languages: HashSet<_> = p
        .invoices
        .iter()
        .filter(|i| i.milestone.is_some() && !i.is_deposit)
        .map(|i| clients[i.client_code.as_str()].language)
        .collect();
    assert_eq!(languages.len(), 4, "milestones in every language");
}

#[test]
fn activity_volume_stays_moderate() {
    let p = generate(today(), 200_000, 5, "marie");
    assert!(p.activities.len() < 300_000, "{}", p.activities.len());
    assert!(p.activities.len() > 20_000);
}

#[test]
#[ignore = "benchmark: run with --release --ignored --nocapture"]
fn a_million_invoices_in_a_few_seconds() {
    let start = std::time::Instant::now();
    let p = generate(today(), 1_000_000, 1, "marie");
    let took = start.elapsed();
    println!(
        "1,000,000 invoices: {:.2?} ({} clients, {} payments, {} activities, {} notes, {:.1}% open)",
        took,
        p.clients.len(),
        p.payments.len(),
        p.activities.len(),
        p.solvency_notes.len(),
        open_share(&p) * 100.0
    );
    let b = buckets(&p, today());
    println!("open per bucket: {b:?}");
    assert!(p.activities.len() <= 1_500_000);
}
