//! The follow-up queue over a real database: the cached standings agree
//! with the journal, the reasons follow the ladder, and a formal notice
//! before three reminders is impossible by any path.

use chrono::NaiveDate;
use dun::commands::log::{LogRequest, run as log};
use dun::domain::queue::Reason;
use dun::store::Store;
use dun::store::queue::{queue, queue_using};
use dun::team::TeamSettings;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[path = "common/demo.rs"]
mod common_demo;
use common_demo::{demo, today};

fn log_entry(store: &mut Store, req: LogRequest) -> Result<String, String> {
    let mut out = Vec::new();
    log(store, &req, "clerk", today(), chrono::Utc::now(), &mut out)
        .map(|()| String::from_utf8(out).unwrap())
        .map_err(|e| format!("{e:#}"))
}

#[test]
fn the_cached_standings_give_the_same_queue_as_the_journal() {
    let (_dir, mut store) = demo();
    let ladders = TeamSettings::default().rules();
    for as_of in ["2026-11-22", "2026-11-29", "2027-01-15"] {
        let (cached, journal) = store
            .read(|tx| {
                Ok::<_, dun::store::StoreError>((
                    queue_using(tx, d(as_of), None, &ladders, true)?,
                    queue_using(tx, d(as_of), None, &ladders, false)?,
                ))
            })
            .unwrap();
        assert!(!cached.is_empty());
        assert_eq!(cached, journal, "as of {as_of}");
    }
}

#[test]
fn a_past_date_ignores_what_was_logged_after_it() {
    let (_dir, mut store) = demo();
    let ladders = TeamSettings::default().rules();
    let before = store.read(|tx| queue(tx, today(), None, &ladders)).unwrap();
    let line = before
        .iter()
        .find(|l| matches!(l.reason, Reason::Reminder(_)))
        .expect("a reminder is due in the demo")
        .clone();
    let invoice = line.invoice.clone().unwrap();
    log_entry(
        &mut store,
        LogRequest {
            kind: "reminder".into(),
            invoice: vec![invoice.clone()],
            ..LogRequest::default()
        },
    )
    .unwrap();
    let after = store.read(|tx| queue(tx, today(), None, &ladders)).unwrap();
    assert!(
        !after
            .iter()
            .any(|l| l.reason == line.reason && l.invoices.contains(&invoice)),
        "the reminder sent today takes the line off the queue"
    );
    // Seen from yesterday, the reminder was not sent yet.
    let yesterday = d("2026-11-21");
    let then = store
        .read(|tx| queue(tx, yesterday, None, &ladders))
        .unwrap();
    assert!(
        then.iter()
            .any(|l| l.reason == line.reason && l.invoices.contains(&invoice))
    );
}

#[test]
fn a_formal_notice_before_three_reminders_is_refused_by_every_path() {
    let (_dir, mut store) = demo();
    let number = open_invoice(&mut store, 0);
    let e = log_entry(
        &mut store,
        LogRequest {
            kind: "formal_notice".into(),
            invoice: vec![number.clone()],
            ..LogRequest::default()
        },
    )
    .unwrap_err();
    assert!(
        e.contains("at least three reminders") && e.contains("has had 0"),
        "{e}"
    );
    // Straight SQL, as another program might try: the schema refuses too.
    let sql = store.write(|tx| {
        tx.execute(
            "INSERT INTO activities (at, on_date, user, kind, client_id, invoice_id) \
             SELECT '2026-11-22T10:00:00Z', '2026-11-22', 'x', 'formal_notice', client_id, id \
             FROM invoices WHERE number = ?1",
            [&number],
        )
        .map_err(dun::store::StoreError::from)
    });
    let e = sql.unwrap_err().to_string();
    assert!(e.contains("at least three reminders"), "{e}");
    // After three reminders it goes through.
    for _ in 0..3 {
        log_entry(
            &mut store,
            LogRequest {
                kind: "reminder".into(),
                invoice: vec![number.clone()],
                ..LogRequest::default()
            },
        )
        .unwrap();
    }
    let ok = log_entry(
        &mut store,
        LogRequest {
            kind: "formal_notice".into(),
            invoice: vec![number.clone()],
            registered: true,
            ..LogRequest::default()
        },
    )
    .unwrap();
    assert!(ok.starts_with("Formal notice logged"), "{ok}");
}

#[test]
fn reminder_levels_go_in_order_and_bad_entries_write_nothing() {
    let (_dir, mut store) = demo();
    let number = open_invoice(&mut store, 0);
    let count = |store: &mut Store| store.read(|tx| dun::store::activities::count(tx)).unwrap();
    let before = count(&mut store);
    for (req, why) in [
        (
            LogRequest {
                kind: "reminder".into(),
                invoice: vec![number.clone()],
                level: Some(2),
                ..LogRequest::default()
            },
            "needs reminder 1 first",
        ),
        (
            LogRequest {
                kind: "call".into(),
                invoice: vec![number.clone()],
                outcome: Some("maybe".into()),
                ..LogRequest::default()
            },
            "outcome is one of",
        ),
        (
            LogRequest {
                kind: "payment".into(),
                invoice: vec![number.clone()],
                amount: Some("99999999999".into()),
                ..LogRequest::default()
            },
            "still due",
        ),
        (
            LogRequest {
                kind: "promise".into(),
                invoice: vec![number.clone()],
                date: Some(d("2026-11-01")),
                amount: Some("10".into()),
                ..LogRequest::default()
            },
            "a promise is for the day it was made or later",
        ),
        (
            LogRequest {
                kind: "note".into(),
                client: Some("NOPE".into()),
                ..LogRequest::default()
            },
            "no client NOPE",
        ),
    ] {
        let e = log_entry(&mut store, req).unwrap_err();
        assert!(e.contains(why), "{e}");
    }
    assert_eq!(count(&mut store), before);
}

#[test]
fn a_promise_for_the_whole_account_pauses_every_invoice_then_breaks() {
    let (_dir, mut store) = demo();
    let ladders = TeamSettings::default().rules();
    let q = store.read(|tx| queue(tx, today(), None, &ladders)).unwrap();
    let client = q
        .iter()
        .find(|l| {
            matches!(l.reason, Reason::Reminder(_))
                && l.profile == dun::domain::client::Profile::Business
        })
        .unwrap()
        .code
        .clone();
    log_entry(
        &mut store,
        LogRequest {
            kind: "promise".into(),
            client: Some(client.clone()),
            date: Some(d("2026-11-27")),
            amount: Some("100".into()),
            ..LogRequest::default()
        },
    )
    .unwrap();
    let paused = store.read(|tx| queue(tx, today(), None, &ladders)).unwrap();
    assert!(
        !paused
            .iter()
            .any(|l| l.code == client && matches!(l.reason, Reason::Reminder(_)))
    );
    // Promised for the 27th, three days' grace: broken on December 1st.
    let due = store
        .read(|tx| queue(tx, d("2026-11-27"), None, &ladders))
        .unwrap();
    assert!(
        due.iter()
            .any(|l| l.code == client && l.reason == Reason::PromiseDue(d("2026-11-27")))
    );
    let broken = store
        .read(|tx| queue(tx, d("2026-12-01"), None, &ladders))
        .unwrap();
    let first = broken.iter().position(|l| l.code == client).unwrap();
    assert_eq!(broken[first].reason, Reason::BrokenPromise(d("2026-11-27")));
    assert!(
        broken[..first]
            .iter()
            .all(|l| matches!(l.reason, Reason::BrokenPromise(_)))
    );
}

fn open_invoice(store: &mut Store, level: u32) -> String {
    store
        .read(|tx| {
            Ok::<_, dun::store::StoreError>(tx.query_row(
                "SELECT number FROM invoices WHERE settled_on IS NULL AND reminder_level = ?1 \
                 AND disputed = 0 AND due_on < '2026-10-01' AND client_id NOT IN \
                   (SELECT id FROM clients WHERE snoozed_until > '2026-11-22') LIMIT 1",
                [level],
                |r| r.get(0),
            )?)
        })
        .unwrap()
}

fn req(kind: &str, invoice: &str) -> LogRequest {
    LogRequest {
        kind: kind.into(),
        invoice: vec![invoice.into()],
        ..LogRequest::default()
    }
}

#[test]
fn reminders_go_one_level_at_a_time_and_a_notice_cannot_be_backdated() {
    let (_dir, mut store) = demo();
    let n = open_invoice(&mut store, 0);
    for level in 1..=3u8 {
        // Sending the same level twice is refused: it would count as the next.
        if level > 1 {
            let again = LogRequest {
                level: Some(level - 1),
                ..req("reminder", &n)
            };
            let e = log_entry(&mut store, again).unwrap_err();
            assert!(e.contains("was sent already"), "{e}");
        }
        log_entry(
            &mut store,
            LogRequest {
                level: Some(level),
                ..req("reminder", &n)
            },
        )
        .unwrap();
    }
    let e = log_entry(&mut store, req("reminder", &n)).unwrap_err();
    assert!(e.contains("a formal notice comes next"), "{e}");
    // Three reminders today do not make a notice dated last month possible.
    let backdated = LogRequest {
        on: Some(d("2026-10-22")),
        ..req("formal_notice", &n)
    };
    let e = log_entry(&mut store, backdated).unwrap_err();
    assert!(e.contains("has had 0"), "{e}");
    log_entry(&mut store, req("formal_notice", &n)).unwrap();
}

#[test]
fn a_resolution_needs_an_open_dispute_and_a_payment_its_arrival() {
    let (_dir, mut store) = demo();
    let n = open_invoice(&mut store, 0);
    let e = log_entry(&mut store, req("dispute_resolved", &n)).unwrap_err();
    assert!(e.contains("no open dispute"), "{e}");
    log_entry(
        &mut store,
        LogRequest {
            reason: Some("price".into()),
            ..req("dispute", &n)
        },
    )
    .unwrap();
    let early = LogRequest {
        on: Some(d("2026-11-21")),
        ..req("dispute_resolved", &n)
    };
    let e = log_entry(&mut store, early).unwrap_err();
    assert!(e.contains("raised on 2026-11-22"), "{e}");
    log_entry(&mut store, req("dispute_resolved", &n)).unwrap();
    let future = LogRequest {
        amount: Some("1".into()),
        date: Some(d("2027-03-01")),
        ..req("payment", &n)
    };
    let e = log_entry(&mut store, future).unwrap_err();
    assert!(e.contains("once received"), "{e}");
}

#[test]
fn a_signed_receipt_coming_back_is_not_a_contact() {
    let (_dir, mut store) = demo();
    let ladders = TeamSettings::default().rules();
    let n = open_invoice(&mut store, 3);
    let sent = log_entry(
        &mut store,
        LogRequest {
            registered: true,
            on: Some(d("2026-11-10")),
            ..req("formal_notice", &n)
        },
    );
    let id: i64 = sent
        .unwrap()
        .rsplit("journal entry ")
        .next()
        .unwrap()
        .trim_end_matches(")\n")
        .parse()
        .unwrap();
    let client = store
        .read(|tx| dun::store::invoices::find(tx, &n))
        .unwrap()
        .unwrap()
        .invoice
        .client_code;
    let before = store.read(|tx| queue(tx, today(), None, &ladders)).unwrap();
    let ack = LogRequest {
        kind: "letter".into(),
        invoice: vec![n.clone()],
        outcome: Some("acknowledged".into()),
        refers_to: Some(id),
        ..LogRequest::default()
    };
    log_entry(&mut store, ack).unwrap();
    let after = store.read(|tx| queue(tx, today(), None, &ladders)).unwrap();
    let lines = |q: &[dun::store::queue::FollowUp]| {
        q.iter()
            .filter(|l| l.code == client && !matches!(l.reason, Reason::NoAcknowledgment(_)))
            .map(|l| (l.reason, l.last_contact))
            .collect::<Vec<_>>()
    };
    assert_eq!(lines(&before), lines(&after));
    // What it does answer: the line asking for it, twelve days after the letter.
    let waiting = |q: &[dun::store::queue::FollowUp]| {
        q.iter()
            .any(|l| l.code == client && l.reason == Reason::NoAcknowledgment(d("2026-11-10")))
    };
    assert!(waiting(&before), "{:?}", lines(&before));
    assert!(!waiting(&after));
}

#[test]
fn a_letter_is_not_sent_when_its_invoice_moved_on_meanwhile() {
    let (dir, mut store) = demo();
    let ladders = TeamSettings::default().rules();
    let rates = dun::rates::shipped_tables().unwrap();
    let company = dun::config::CompanyConfig::default();
    let q = store.read(|tx| queue(tx, today(), None, &ladders)).unwrap();
    let line = q
        .iter()
        .find(|l| l.reason == Reason::FormalNoticeReady)
        .unwrap()
        .clone();
    let composed = store
        .read(|tx| {
            dun::letters::compose::compose(tx, &line, today(), &company, &ladders.ladders, &rates)
                .map_err(|e| dun::store::StoreError::Invalid(e.to_string()))
        })
        .unwrap();
    // Another clerk sends the notice first.
    log_entry(&mut store, req("formal_notice", &line.invoices[0])).unwrap();
    let out = dir.path().join("letters");
    let e = dun::letters::send::send(
        &mut store,
        &composed,
        today(),
        &out,
        &company,
        "clerk",
        chrono::Utc::now(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("changed since the letter was written"), "{e}");
    // Refused before anything was written.
    let left: Vec<_> = std::fs::read_dir(out.join("2026-11-22"))
        .map(|d| d.collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

/// The lines of `client` in the queue of `day`.
fn reasons_of(store: &mut Store, client: &str, day: NaiveDate) -> Vec<Reason> {
    let rules = TeamSettings::default().rules();
    store
        .read(|tx| queue(tx, day, None, &rules))
        .unwrap()
        .into_iter()
        .filter(|l| l.code == client)
        .map(|l| l.reason)
        .collect()
}

#[test]
fn a_call_to_a_wrong_number_or_an_unrelated_letter_answers_no_line() {
    let (_dir, mut store) = demo();
    let rules = TeamSettings::default().rules();
    let q = store.read(|tx| queue(tx, today(), None, &rules)).unwrap();
    // The demo's client with a visit to confirm also has a deposit unpaid.
    let client = q
        .iter()
        .find(|l| matches!(l.reason, Reason::ConfirmVisit(_)))
        .expect("a visit to confirm in the demo")
        .code
        .clone();
    let before = reasons_of(&mut store, &client, today());
    assert!(before.contains(&Reason::UnpaidDeposit), "{before:?}");
    for outcome in ["wrong_number", "no_answer", "voicemail"] {
        log_entry(
            &mut store,
            LogRequest {
                kind: "call".into(),
                client: Some(client.clone()),
                outcome: Some(outcome.into()),
                ..LogRequest::default()
            },
        )
        .unwrap();
        assert_eq!(
            reasons_of(&mut store, &client, today()),
            before,
            "{outcome}"
        );
    }
    // A statement sent (a contact) answers neither the visit nor the deposit.
    log_entry(
        &mut store,
        LogRequest {
            kind: "statement".into(),
            client: Some(client.clone()),
            ..LogRequest::default()
        },
    )
    .unwrap();
    let after = reasons_of(&mut store, &client, today());
    assert!(
        after.iter().any(|r| matches!(r, Reason::ConfirmVisit(_))),
        "{after:?}"
    );
    assert!(after.contains(&Reason::UnpaidDeposit), "{after:?}");
    // A call that reaches the client confirms the visit, and only that.
    log_entry(
        &mut store,
        LogRequest {
            kind: "call".into(),
            client: Some(client.clone()),
            outcome: Some("reached".into()),
            ..LogRequest::default()
        },
    )
    .unwrap();
    let reached = reasons_of(&mut store, &client, today());
    assert!(
        !reached.iter().any(|r| matches!(r, Reason::ConfirmVisit(_))),
        "{reached:?}"
    );
    assert!(reached.contains(&Reason::UnpaidDeposit), "{reached:?}");
}

#[test]
fn a_pilot_ending_is_answered_by_its_notice_not_by_a_reminder() {
    let (dir, mut store) = demo();
    let team = TeamSettings::default();
    let rules = team.rules();
    // The demo's pilots end within the fortnight from some day on.
    let (day, line) = (0..90u64)
        .find_map(|k| {
            let day = today().checked_add_days(chrono::Days::new(k)).unwrap();
            let q = store.read(|tx| queue(tx, day, None, &rules)).unwrap();
            q.into_iter()
                .find(|l| matches!(l.reason, Reason::PilotEnds(_)))
                .map(|l| (day, l))
        })
        .expect("a pilot ending in the demo");
    let client = line.code.clone();
    let open = store
        .read(|tx| dun::store::aging::for_client(tx, day, &client))
        .unwrap();
    if let Some(inv) = open.first() {
        let mut out = Vec::new();
        let req = LogRequest {
            kind: "reminder".into(),
            invoice: vec![inv.invoice.clone()],
            level: Some(0),
            ..LogRequest::default()
        };
        log(&mut store, &req, "clerk", day, chrono::Utc::now(), &mut out).unwrap();
        assert!(
            reasons_of(&mut store, &client, day)
                .iter()
                .any(|r| matches!(r, Reason::PilotEnds(_))),
            "a reminder does not tell the client the pilot ends"
        );
    }
    let composed = store
        .read(|tx| {
            dun::letters::answer::letter_for(
                tx,
                &line,
                day,
                &team.company,
                &rules.ladders,
                &dun::rates::shipped_tables().unwrap(),
            )
            .map_err(|e| dun::store::StoreError::Invalid(e.to_string()))
        })
        .unwrap();
    assert_eq!(composed.kind, dun::letters::LetterKind::PilotEndNotice);
    dun::letters::send::send(
        &mut store,
        &composed,
        day,
        &dir.path().join("letters"),
        &team.company,
        "clerk",
        chrono::Utc::now(),
    )
    .unwrap();
    assert!(
        !reasons_of(&mut store, &client, day)
            .iter()
            .any(|r| matches!(r, Reason::PilotEnds(_)))
    );
}

#[test]
fn a_reminder_logged_by_hand_records_the_deadline_its_ladder_gives() {
    let (_dir, mut store) = demo();
    let n = open_invoice(&mut store, 0);
    let profile: String = store
        .read(|tx| {
            Ok::<_, dun::store::StoreError>(tx.query_row(
                "SELECT c.profile FROM invoices i JOIN clients c ON c.id = i.client_id \
                 WHERE i.number = ?1",
                [&n],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    log_entry(&mut store, req("reminder", &n)).unwrap();
    let deadline: NaiveDate = store
        .read(|tx| {
            Ok::<_, dun::store::StoreError>(tx.query_row(
                "SELECT date FROM activities WHERE id = (SELECT max(id) FROM activities)",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    let ladders = TeamSettings::default().ladders;
    let ladder = ladders.for_profile(dun::domain::client::Profile::parse(&profile).unwrap());
    let days = ladder.steps[1].deadline_days;
    assert_eq!(
        deadline,
        today()
            .checked_add_days(chrono::Days::new(days.into()))
            .unwrap()
    );
}

#[test]
fn the_tracking_number_is_kept_with_the_acknowledgment() {
    let (_dir, mut store) = demo();
    let n = open_invoice(&mut store, 3);
    let sent = log_entry(
        &mut store,
        LogRequest {
            registered: true,
            ..req("formal_notice", &n)
        },
    )
    .unwrap();
    let id: i64 = sent
        .rsplit("journal entry ")
        .next()
        .unwrap()
        .trim_end_matches(")\n")
        .parse()
        .unwrap();
    log_entry(
        &mut store,
        LogRequest {
            kind: "letter".into(),
            invoice: vec![n.clone()],
            outcome: Some("acknowledged".into()),
            refers_to: Some(id),
            reference: Some("RR123456785FR".into()),
            ..LogRequest::default()
        },
    )
    .unwrap();
    let note: String = store
        .read(|tx| {
            Ok::<_, dun::store::StoreError>(tx.query_row(
                "SELECT note FROM activities WHERE refers_to = ?1",
                [id],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(note, "tracking number RR123456785FR");
}

/// `dun queue --format csv` is written as every other export: the UTF-8
/// byte-order mark, CRLF line ends, one row per line of the JSON.
#[test]
fn the_queue_as_csv_is_an_export_like_the_others() {
    let (_dir, mut store) = demo();
    let rules = TeamSettings::default().rules();
    let rates = dun::rates::shipped_tables().unwrap();
    let mut csv = Vec::new();
    dun::commands::queue::run(
        &mut store,
        today(),
        None,
        &rules,
        &rates,
        dun::commands::Format::Csv,
        &mut csv,
    )
    .unwrap();
    let mut json = Vec::new();
    dun::commands::queue::run(
        &mut store,
        today(),
        None,
        &rules,
        &rates,
        dun::commands::Format::Json,
        &mut json,
    )
    .unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert!(csv.starts_with(
        "\u{feff}client,name,reason,currency,amount,invoices,days,last_contact,clerk\r\n"
    ));
    let rows = csv.trim_end().split("\r\n").count() - 1;
    assert_eq!(rows, json.as_array().unwrap().len());
    assert!(rows > 10);
}
