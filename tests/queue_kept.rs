//! The queue kept in the database (migration 013) is a cache of the queue:
//! whatever clerks write, the queue read through it is the queue built
//! from the ledger (`store::queue::queue` with the held letters marked),
//! line for line and in the same order.

use chrono::{Days, NaiveDate};
use dun::commands::log::{LogRequest, run as log};
use dun::domain::penalty::RateTables;
use dun::domain::queue::Rules;
use dun::letters::hold;
use dun::report::queue::{Ahead, DAYS_AHEAD, Keep, QueueRead, keep, keep_ahead, read};
use dun::store::queue::{self, FollowUp};
use dun::store::{Store, queue_kept};
use dun::team::TeamSettings;
use proptest::prelude::*;

#[path = "common/demo.rs"]
mod demo;
use demo::{demo, today};

/// The queue built from the ledger, held letters marked.
fn truth(store: &mut Store, as_of: NaiveDate, rules: &Rules, rates: &RateTables) -> Vec<FollowUp> {
    store
        .read(|tx| {
            let mut lines = queue::queue(tx, as_of, None, rules)?;
            hold::mark(tx, &mut lines, as_of, &rules.ladders, rates)?;
            Ok::<_, dun::store::StoreError>(lines)
        })
        .unwrap()
}

fn through_kept(
    store: &mut Store,
    as_of: NaiveDate,
    rules: &Rules,
    rates: &RateTables,
) -> QueueRead {
    store.read(|tx| read(tx, as_of, rules, rates)).unwrap()
}

fn log_entry(store: &mut Store, req: LogRequest) {
    let mut out = Vec::new();
    log(store, &req, "clerk", today(), chrono::Utc::now(), &mut out).unwrap();
}

fn rates() -> RateTables {
    dun::rates::shipped_tables().unwrap()
}

#[test]
fn a_queue_kept_is_read_back_whole_and_only_what_changed_is_built_again() {
    let (_dir, mut store) = demo();
    let rules = TeamSettings::default().rules();
    let rates = rates();
    // Nothing kept: built whole, and kept.
    let first = through_kept(&mut store, today(), &rules, &rates);
    let whole = truth(&mut store, today(), &rules, &rates);
    assert_eq!(first.lines, whole);
    assert!(matches!(first.keep, Some(Keep::All { .. })));
    assert!(keep(&mut store, first.keep.as_ref().unwrap()).unwrap());
    // Kept already: keeping it again writes nothing.
    assert!(!keep(&mut store, first.keep.as_ref().unwrap()).unwrap());
    // Read back as it was, nothing to keep.
    let again = through_kept(&mut store, today(), &rules, &rates);
    assert_eq!(again.lines, whole);
    assert!(again.keep.is_none());

    // Another clerk notes a call on one client: only its lines are built.
    let code = whole[0].code.clone();
    log_entry(
        &mut store,
        LogRequest {
            kind: "call".into(),
            client: Some(code.clone()),
            outcome: Some("reached".into()),
            note: Some("will pay on Friday".into()),
            next: Some(today().checked_add_days(Days::new(7)).unwrap()),
            ..LogRequest::default()
        },
    );
    let after = through_kept(&mut store, today(), &rules, &rates);
    assert_eq!(after.lines, truth(&mut store, today(), &rules, &rates));
    assert_ne!(after.lines, whole, "the call changes the client's lines");
    match &after.keep {
        Some(Keep::Clients { codes, .. }) => assert_eq!(codes, std::slice::from_ref(&code)),
        other => panic!("{other:?}"),
    }
    assert!(keep(&mut store, after.keep.as_ref().unwrap()).unwrap());
    let kept = through_kept(&mut store, today(), &rules, &rates);
    assert_eq!(kept.lines, after.lines);
    assert!(kept.keep.is_none());

    // Another day, other rules or other rates: built whole.
    let tomorrow = today().checked_add_days(Days::new(1)).unwrap();
    let next_day = through_kept(&mut store, tomorrow, &rules, &rates);
    assert!(matches!(next_day.keep, Some(Keep::All { .. })));
    assert_eq!(next_day.lines, truth(&mut store, tomorrow, &rules, &rates));
    let no_rates = RateTables::default();
    let bare = through_kept(&mut store, today(), &rules, &no_rates);
    assert!(matches!(bare.keep, Some(Keep::All { .. })));
    assert_eq!(bare.lines, truth(&mut store, today(), &rules, &no_rates));
    assert!(
        bare.lines.iter().any(|l| l.held.is_some()),
        "without rates, some letters are held"
    );
    // Held letters are kept as held.
    assert!(keep(&mut store, bare.keep.as_ref().unwrap()).unwrap());
    let read_back = through_kept(&mut store, today(), &rules, &no_rates);
    assert!(read_back.keep.is_none());
    assert_eq!(read_back.lines, bare.lines);

    // A change of the team's settings: built whole.
    dun::team::change::set(
        &mut store,
        "dunning.ack_days",
        "21",
        "root",
        chrono::Utc::now(),
    )
    .unwrap();
    let rules = dun::team::load(&mut store).unwrap().rules();
    let changed = through_kept(&mut store, today(), &rules, &no_rates);
    assert!(matches!(changed.keep, Some(Keep::All { .. })));
    assert_eq!(changed.lines, truth(&mut store, today(), &rules, &no_rates));
}

#[test]
fn a_kept_queue_moved_on_by_another_reader_is_not_overwritten() {
    let (_dir, mut store) = demo();
    let rules = TeamSettings::default().rules();
    let rates = rates();
    let first = through_kept(&mut store, today(), &rules, &rates);
    assert!(keep(&mut store, first.keep.as_ref().unwrap()).unwrap());
    let code = first.lines[0].code.clone();
    log_entry(
        &mut store,
        LogRequest {
            kind: "note".into(),
            client: Some(code),
            note: Some("asked for a copy".into()),
            ..LogRequest::default()
        },
    );
    // Two workbenches bring the same kept queue up to date: the first
    // keeps its lines, the second finds the queue moved on and keeps none.
    let one = through_kept(&mut store, today(), &rules, &rates);
    let two = through_kept(&mut store, today(), &rules, &rates);
    assert!(keep(&mut store, one.keep.as_ref().unwrap()).unwrap());
    assert!(!keep(&mut store, two.keep.as_ref().unwrap()).unwrap());
    // An older whole queue is not kept over a newer one either.
    assert!(!keep(&mut store, first.keep.as_ref().unwrap()).unwrap());
    assert_eq!(
        through_kept(&mut store, today(), &rules, &rates).lines,
        truth(&mut store, today(), &rules, &rates)
    );
    // Forgotten: built whole again.
    store.write_kept(|tx| queue_kept::forget(tx)).unwrap();
    assert!(matches!(
        through_kept(&mut store, today(), &rules, &rates).keep,
        Some(Keep::All { .. })
    ));
}

/// One clerk's write, on the `k`-th line's client or invoice.
#[derive(Clone, Debug)]
enum Write {
    Note(usize),
    Call(usize, u64),
    Promise(usize, u64, u32),
    Payment(usize, u32),
    Dispute(usize),
    Reminder(usize),
}

/// Whether the write was made.
fn write(store: &mut Store, lines: &[FollowUp], w: &Write) -> bool {
    let line = |k: usize| &lines[k % lines.len()];
    let day = |d: u64| Some(today().checked_add_days(Days::new(d)).unwrap());
    let req = match *w {
        Write::Note(k) => LogRequest {
            kind: "note".into(),
            client: Some(line(k).code.clone()),
            note: Some("noted".into()),
            ..LogRequest::default()
        },
        Write::Call(k, d) => LogRequest {
            kind: "call".into(),
            client: Some(line(k).code.clone()),
            outcome: Some("reached".into()),
            next: day(d),
            ..LogRequest::default()
        },
        Write::Promise(k, d, amount) => LogRequest {
            kind: "promise".into(),
            client: Some(line(k).code.clone()),
            date: day(d),
            amount: Some(amount.to_string()),
            ..LogRequest::default()
        },
        Write::Payment(k, _) | Write::Dispute(k) | Write::Reminder(k)
            if line(k).invoice.is_none() =>
        {
            return false;
        }
        Write::Payment(k, amount) => LogRequest {
            kind: "payment".into(),
            invoice: vec![line(k).invoice.clone().unwrap_or_default()],
            amount: Some(amount.to_string()),
            ..LogRequest::default()
        },
        Write::Dispute(k) => LogRequest {
            kind: "dispute".into(),
            invoice: vec![line(k).invoice.clone().unwrap_or_default()],
            note: Some("goods damaged".into()),
            ..LogRequest::default()
        },
        Write::Reminder(k) => LogRequest {
            kind: "reminder".into(),
            invoice: vec![line(k).invoice.clone().unwrap_or_default()],
            ..LogRequest::default()
        },
    };
    // A write the checks refuse (a reminder out of turn, a payment over
    // what is owed) writes nothing, and the queue stays as it was.
    let mut out = Vec::new();
    log(store, &req, "clerk", today(), chrono::Utc::now(), &mut out).is_ok()
}

fn writes() -> impl Strategy<Value = Vec<Vec<Write>>> {
    let one = prop_oneof![
        (0..200usize).prop_map(Write::Note),
        (0..200usize, 0..20u64).prop_map(|(k, d)| Write::Call(k, d)),
        (0..200usize, 0..20u64, 1..5_000u32).prop_map(|(k, d, a)| Write::Promise(k, d, a)),
        (0..200usize, 1..5_000u32).prop_map(|(k, a)| Write::Payment(k, a)),
        (0..200usize).prop_map(Write::Dispute),
        (0..200usize).prop_map(Write::Reminder),
    ];
    proptest::collection::vec(proptest::collection::vec(one, 1..4), 1..4)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    /// Rounds of writes, each followed by a workbench's start: the queue
    /// read through the kept one is always the queue built whole.
    #[test]
    fn the_kept_queue_brought_up_to_date_is_the_queue(rounds in writes()) {
        let (_dir, mut store) = demo();
        let rules = TeamSettings::default().rules();
        let rates = rates();
        let first = through_kept(&mut store, today(), &rules, &rates);
        keep(&mut store, first.keep.as_ref().unwrap()).unwrap();
        let mut lines = first.lines;
        let mut made = 0;
        for round in &rounds {
            for w in round {
                made += usize::from(write(&mut store, &lines, w));
            }
            let read = through_kept(&mut store, today(), &rules, &rates);
            prop_assert_eq!(&read.lines, &truth(&mut store, today(), &rules, &rates));
            if let Some(k) = &read.keep {
                keep(&mut store, k).unwrap();
            }
            lines = read.lines;
        }
        // Notes are always made: the rounds wrote something.
        prop_assert!(made > 0 || rounds.iter().flatten().all(|w| !matches!(w, Write::Note(_))));
    }
}

fn day_after(days: u64) -> NaiveDate {
    today().checked_add_days(Days::new(days)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// An open workbench keeps the next days' queues while clerks write;
    /// the first start of each of those days reads its queue kept ahead,
    /// brought up to date with the writes since, and it is the queue
    /// built whole that day.
    #[test]
    fn the_queues_kept_ahead_are_the_queues_of_their_days(rounds in writes(), last in writes()) {
        let (_dir, mut store) = demo();
        let rules = TeamSettings::default().rules();
        let rates = rates();
        let never = || false;
        prop_assert_eq!(keep_ahead(&mut store, today(), &rules, &rates, &never).unwrap().kept, DAYS_AHEAD as usize);
        let days = store.read(|tx| queue_kept::days(tx)).unwrap();
        prop_assert_eq!(days, (1..=DAYS_AHEAD).map(day_after).collect::<Vec<_>>());
        // Nothing changed: nothing to keep again.
        prop_assert_eq!(keep_ahead(&mut store, today(), &rules, &rates, &never).unwrap(), Ahead::default());
        let lines = truth(&mut store, today(), &rules, &rates);
        for round in &rounds {
            for w in round {
                write(&mut store, &lines, w);
            }
            keep_ahead(&mut store, today(), &rules, &rates, &never).unwrap();
        }
        // Writes after the last round (the evening's), read by the first
        // start of the next days.
        for w in last.iter().flatten() {
            write(&mut store, &lines, w);
        }
        for ahead in 1..=DAYS_AHEAD {
            let day = day_after(ahead);
            let read = through_kept(&mut store, day, &rules, &rates);
            prop_assert!(!matches!(read.keep, Some(Keep::All { .. })), "day {} built whole", day);
            prop_assert_eq!(&read.lines, &truth(&mut store, day, &rules, &rates));
        }
        // The next morning, the queue of the day before is forgotten.
        let built = through_kept(&mut store, today(), &rules, &rates);
        keep(&mut store, built.keep.as_ref().unwrap()).unwrap();
        keep_ahead(&mut store, day_after(1), &rules, &rates, &never).unwrap();
        let days = store.read(|tx| queue_kept::days(tx)).unwrap();
        prop_assert_eq!(days, (1..=DAYS_AHEAD + 1).map(day_after).collect::<Vec<_>>());
    }
}

#[test]
fn keeping_ahead_stops_when_asked_or_busy_and_other_rules_build_whole() {
    let (dir, mut store) = demo();
    let rules = TeamSettings::default().rules();
    let rates = rates();
    let stopped = || true;
    assert_eq!(
        keep_ahead(&mut store, today(), &rules, &rates, &stopped).unwrap(),
        Ahead {
            kept: 0,
            left: DAYS_AHEAD as usize
        }
    );
    assert!(store.read(|tx| queue_kept::days(tx)).unwrap().is_empty());
    // Another clerk holds the write lock: the days are left for the next
    // round, which keeps them.
    let mut other = Store::open(&dir.path().join("demo.db")).unwrap();
    let busy = store
        .write(|_| {
            Ok::<_, dun::store::StoreError>(
                keep_ahead(&mut other, today(), &rules, &rates, &|| false).unwrap(),
            )
        })
        .unwrap();
    assert_eq!(
        busy,
        Ahead {
            kept: 0,
            left: DAYS_AHEAD as usize
        }
    );
    assert_eq!(
        keep_ahead(&mut other, today(), &rules, &rates, &|| false).unwrap(),
        Ahead {
            kept: DAYS_AHEAD as usize,
            left: 0
        }
    );
    // Other rates: the days kept ahead do not serve.
    let bare = RateTables::default();
    let read = through_kept(&mut store, day_after(1), &rules, &bare);
    assert!(matches!(read.keep, Some(Keep::All { .. })));
    assert_eq!(read.lines, truth(&mut store, day_after(1), &rules, &bare));
}

/// What promises are judged by is read one way for a few clients (each
/// one's invoices) and another for many (the open invoices and those
/// settled lately): both give every client the same invoices and
/// payments, from any day, as reading each client alone.
#[test]
fn promise_ledgers_read_for_many_clients_are_each_client_s() {
    use dun::store::promises::{Reading, ledgers_by, ledgers_of};
    use std::collections::HashMap;
    // Hundreds of clients, each read both ways and alone.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    dun::commands::demo::fill(&mut store, today(), 4_000, "root").unwrap();
    let ids: Vec<i64> = store
        .read(|tx| {
            let mut ids = Vec::new();
            for l in dun::store::clients::overview(tx, today())? {
                if let Some((id, _)) = dun::store::clients::find(tx, &l.client.code)? {
                    ids.push(id);
                }
            }
            Ok::<_, dun::store::StoreError>(ids)
        })
        .unwrap();
    let ids: std::collections::BTreeSet<i64> = ids.into_iter().collect();
    assert!(ids.len() >= 64, "{} clients", ids.len());
    for (k, from) in ["2025-06-01", "2026-09-15", "2026-11-20"]
        .iter()
        .enumerate()
    {
        let from: NaiveDate = from.parse().unwrap();
        // Days apart from one client to the next.
        let since: HashMap<i64, NaiveDate> = ids
            .iter()
            .enumerate()
            .map(|(n, &id)| {
                (
                    id,
                    from.checked_add_days(Days::new(((n + k) % 5) as u64 * 20))
                        .unwrap(),
                )
            })
            .collect();
        let many = store
            .read(|tx| ledgers_by(tx, &since, today(), Reading::OpenAndSettled))
            .unwrap();
        let by_client = store
            .read(|tx| ledgers_by(tx, &since, today(), Reading::ClientByClient))
            .unwrap();
        assert_eq!(many, by_client);
        let mut each = HashMap::new();
        for (&id, &d) in &since {
            let one = store
                .read(|tx| ledgers_of(tx, &HashMap::from([(id, d)]), today()))
                .unwrap();
            each.extend(one);
        }
        assert_eq!(many, each);
        assert!(many.values().any(|(_, paid)| !paid.is_empty()));
    }
}
