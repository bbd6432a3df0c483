//! The workbench's state driven by the keys a clerk presses, on the demo
//! portfolio with a fixed today.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dun::app::{App, Tab, keymap};
use dun::store::Store;

fn today() -> NaiveDate {
    "2026-11-22".parse().unwrap()
}

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    dun::commands::demo::fill(&mut store, today(), 400, "root").unwrap();
    (dir, store)
}

/// Presses keys the way the event loop does.
fn press(app: &mut App, store: &mut Store, keys: &[KeyCode]) {
    for code in keys {
        let key = KeyEvent::new(*code, KeyModifiers::NONE);
        if let Some(action) = keymap::action_for(app.tab, key)
            && let Some(load) = app.update(action)
        {
            app.load(store, load).unwrap();
        }
    }
}

fn started(store: &mut Store) -> App {
    let mut app = App::new(today(), "root", "DEMO");
    app.list_height = 12;
    app.load(store, dun::app::Load::All).unwrap();
    app
}

#[test]
fn the_queue_opens_with_the_most_urgent_client_selected() {
    let (_dir, mut store) = demo();
    let app = started(&mut store);
    assert_eq!(app.tab, Tab::Queue);
    assert!(!app.queue.is_empty());
    assert_eq!(app.queue_selected, 0);
    assert!(
        matches!(
            app.queue[0].reason,
            dun::domain::queue::Reason::BrokenPromise(_)
        ),
        "broken promises come first"
    );
}

#[test]
fn moving_through_the_aging_list_loads_the_lines_on_screen() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    press(&mut app, &mut store, &[KeyCode::Char('2')]);
    assert_eq!(app.tab, Tab::Aging);
    assert_eq!(app.aging_rows.len(), 12);
    press(&mut app, &mut store, &[KeyCode::Char('G')]);
    assert_eq!(app.aging_selected, app.aging_count - 1);
    let visible = app.aging_selected - app.aging_top;
    assert!(
        visible < app.aging_rows.len(),
        "the last line is on screen: {visible} of {}",
        app.aging_rows.len()
    );
    press(
        &mut app,
        &mut store,
        &[
            KeyCode::Char('g'),
            KeyCode::Char('j'),
            KeyCode::Char('j'),
            KeyCode::Char('k'),
        ],
    );
    assert_eq!(app.aging_selected, 1);
    assert_eq!(app.aging_top, 0);
    press(&mut app, &mut store, &[KeyCode::PageDown]);
    assert_eq!(app.aging_selected, 13);
    assert_eq!(app.aging_top, 12);
    assert_eq!(app.aging_rows.len(), 12);
}

#[test]
fn mine_shows_only_my_clients_and_back_again() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let everyone = app.queue.len();
    press(&mut app, &mut store, &[KeyCode::Char('m')]);
    assert!(app.queue.iter().all(|c| c.clerk.as_deref() == Some("root")));
    assert!(!app.queue.is_empty() && app.queue.len() < everyone);
    assert!(app.message.contains("root"));
    press(&mut app, &mut store, &[KeyCode::Char('m')]);
    assert_eq!(app.queue.len(), everyone);
}

#[test]
fn help_opens_and_closes_and_q_quits() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    press(&mut app, &mut store, &[KeyCode::Char('?')]);
    assert!(app.help);
    press(&mut app, &mut store, &[KeyCode::Esc]);
    assert!(!app.help);
    press(&mut app, &mut store, &[KeyCode::Char('x'), KeyCode::F(5)]);
    assert!(!app.quit, "unknown keys do nothing");
    press(&mut app, &mut store, &[KeyCode::Char('q')]);
    assert!(app.quit);
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let key = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let action = keymap::action_for(Tab::Journal, key).unwrap();
    app.update(action);
    assert!(app.quit);
}

fn journal_count(store: &Store) -> i64 {
    dun::store::activities::count(store.conn()).unwrap()
}

/// Keys while a form is open go to the form.
fn type_in(app: &mut App, store: &mut Store, keys: &[KeyCode]) {
    for code in keys {
        let key = KeyEvent::new(*code, KeyModifiers::NONE);
        if let Some(load) = app.form_key(key) {
            app.load(store, load).unwrap();
        }
    }
}

fn chars(s: &str) -> Vec<KeyCode> {
    s.chars().map(KeyCode::Char).collect()
}

#[test]
fn a_call_with_no_answer_takes_two_keys_after_c() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let before = journal_count(&store);
    let client = app.queue[0].code.clone();
    press(&mut app, &mut store, &[KeyCode::Char('c')]);
    assert!(app.form.is_some());
    type_in(&mut app, &mut store, &[KeyCode::Char('2'), KeyCode::Enter]);
    assert!(
        app.form.is_none(),
        "{:?}",
        app.form.as_ref().and_then(|f| f.error.clone())
    );
    assert_eq!(journal_count(&store), before + 1);
    assert!(
        app.message.starts_with("Call logged (no_answer)"),
        "{}",
        app.message
    );
    press(&mut app, &mut store, &[KeyCode::Char('4')]);
    let latest = &app.journal[0];
    assert_eq!(
        (latest.kind.as_str(), latest.client.as_str()),
        ("call", client.as_str())
    );
    assert_eq!(latest.outcome.as_deref(), Some("no_answer"));
}

#[test]
fn a_promise_for_next_friday_is_p_then_enter() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    press(&mut app, &mut store, &[KeyCode::Char('p')]);
    type_in(&mut app, &mut store, &[KeyCode::Enter]);
    assert!(
        app.form.is_none(),
        "{:?}",
        app.form.as_ref().and_then(|f| f.error.clone())
    );
    press(&mut app, &mut store, &[KeyCode::Char('4')]);
    let latest = &app.journal[0];
    assert_eq!(latest.kind, "promise");
    assert_eq!(
        latest.date,
        Some("2026-11-27".parse().unwrap()),
        "2026-11-22 is a Sunday"
    );
}

#[test]
fn bad_input_keeps_the_form_open_with_the_reason_and_records_nothing() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let before = journal_count(&store);
    // A payment larger than what is due.
    press(&mut app, &mut store, &[KeyCode::Char('$')]);
    let mut keys = vec![KeyCode::Backspace; 20];
    keys.extend(chars("99999999"));
    keys.push(KeyCode::Enter);
    type_in(&mut app, &mut store, &keys);
    let error = app
        .form
        .as_ref()
        .and_then(|f| f.error.clone())
        .expect("still open");
    assert!(error.contains("more than"), "{error}");
    // An amount with letters.
    let mut keys = vec![KeyCode::Backspace; 20];
    keys.extend(chars("12a"));
    keys.push(KeyCode::Enter);
    type_in(&mut app, &mut store, &keys);
    let error = app
        .form
        .as_ref()
        .and_then(|f| f.error.clone())
        .expect("still open");
    assert!(error.starts_with("Amount:"), "{error}");
    // A date that is not a date.
    let mut keys = vec![KeyCode::Backspace; 20];
    keys.extend([KeyCode::Char('5'), KeyCode::Tab]);
    keys.extend(vec![KeyCode::Backspace; 12]);
    keys.extend(chars("31/02/2026"));
    keys.push(KeyCode::Enter);
    type_in(&mut app, &mut store, &keys);
    let error = app
        .form
        .as_ref()
        .and_then(|f| f.error.clone())
        .expect("still open");
    assert!(error.starts_with("Received on:"), "{error}");
    type_in(&mut app, &mut store, &[KeyCode::Esc]);
    assert!(app.form.is_none());
    assert!(app.message.contains("nothing recorded"));
    assert_eq!(journal_count(&store), before);
}

/// The "done when": find the most overdue client, read its solvency
/// notes, log a call with a promise to pay, see both in the journal.
#[test]
fn most_overdue_client_notes_call_and_promise_then_the_journal() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    // The aging list starts with the most overdue invoice.
    press(
        &mut app,
        &mut store,
        &[KeyCode::Char('2'), KeyCode::Char('g'), KeyCode::Enter],
    );
    let page = app.page.clone().expect("the client page is open");
    assert_eq!(
        Some(page.client.code.clone()),
        app.aging_rows.first().map(|l| l.client.clone())
    );
    assert!(!page.notes.is_empty(), "its solvency notes are on the page");
    assert!(
        page.notes.windows(2).all(|w| w[0].on >= w[1].on),
        "newest first"
    );
    // c 1 (reached) Enter, then p Enter (next Friday, what is due).
    press(&mut app, &mut store, &[KeyCode::Char('c')]);
    type_in(&mut app, &mut store, &[KeyCode::Char('1'), KeyCode::Enter]);
    press(&mut app, &mut store, &[KeyCode::Char('p')]);
    type_in(&mut app, &mut store, &[KeyCode::Enter]);
    let timeline = &app.page.as_ref().unwrap().timeline;
    assert_eq!(timeline[0].kind, "promise");
    assert_eq!(timeline[1].kind, "call");
    press(&mut app, &mut store, &[KeyCode::Esc, KeyCode::Char('4')]);
    assert_eq!(app.journal[0].kind, "promise");
    assert_eq!(app.journal[0].client, page.client.code);
    assert_eq!(app.journal[1].outcome.as_deref(), Some("reached"));
}

#[test]
fn the_aging_list_searches_filters_and_sorts() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let all = {
        press(&mut app, &mut store, &[KeyCode::Char('2')]);
        app.aging_count
    };
    // `/` then letters: the list follows each one.
    press(&mut app, &mut store, &[KeyCode::Char('/')]);
    assert!(app.searching);
    for c in "köln".chars() {
        let load = app
            .search_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
            .unwrap();
        app.load(&mut store, load).unwrap();
    }
    assert!(app.aging_count > 0 && app.aging_count < all);
    assert!(
        app.aging_rows
            .iter()
            .all(|l| l.client_name.to_lowercase().contains("köln"))
    );
    app.search_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(!app.searching);
    let load = {
        app.searching = true;
        app.search_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))
            .unwrap()
    };
    app.load(&mut store, load).unwrap();
    assert_eq!(app.aging_count, all, "Esc clears the search");

    // f: one bucket at a time.
    press(
        &mut app,
        &mut store,
        &[KeyCode::Char('f'), KeyCode::Char('f')],
    );
    assert!(
        app.aging_rows
            .iter()
            .all(|l| (1..=30).contains(&l.days_overdue)),
        "1-30"
    );
    // x: only disputed.
    press(
        &mut app,
        &mut store,
        &[
            KeyCode::Char('f'),
            KeyCode::Char('f'),
            KeyCode::Char('f'),
            KeyCode::Char('f'),
            KeyCode::Char('x'),
        ],
    );
    assert!(app.aging_query.bucket.is_none());
    assert!(app.aging_count > 0 && app.aging_rows.iter().all(|l| l.disputed));
    // s: by amount, largest first.
    press(
        &mut app,
        &mut store,
        &[KeyCode::Char('x'), KeyCode::Char('s')],
    );
    assert!(
        app.aging_rows
            .windows(2)
            .all(|w| w[0].outstanding >= w[1].outstanding)
    );
    // m: only my clients'.
    press(&mut app, &mut store, &[KeyCode::Char('m')]);
    assert!(
        app.aging_count > 0
            && app
                .aging_rows
                .iter()
                .all(|l| l.clerk.as_deref() == Some("root"))
    );
}

#[test]
fn a_screen_loads_only_when_it_is_shown() {
    let (_dir, mut store) = demo();
    let app = started(&mut store);
    assert!(!app.queue.is_empty());
    assert!(app.clients.is_empty() && app.journal.is_empty() && app.aging_rows.is_empty());
}

#[test]
fn the_journal_filters_by_clerk_and_kind_and_aging_by_profile_and_currency() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    press(
        &mut app,
        &mut store,
        &[KeyCode::Char('4'), KeyCode::Char('m')],
    );
    assert!(!app.journal.is_empty() && app.journal.iter().all(|e| e.user == "root"));
    press(
        &mut app,
        &mut store,
        &[KeyCode::Char('m'), KeyCode::Char('K')],
    );
    assert!(!app.journal.is_empty() && app.journal.iter().all(|e| e.kind == "call"));
    assert!(app.message.contains("call"));

    press(
        &mut app,
        &mut store,
        &[KeyCode::Char('2'), KeyCode::Char('P')],
    );
    let administrations = app.aging_count;
    assert!(administrations > 0);
    press(
        &mut app,
        &mut store,
        &[KeyCode::Char('P'), KeyCode::Char('P'), KeyCode::Char('P')],
    );
    assert!(app.aging_query.profile.is_none());
    press(&mut app, &mut store, &[KeyCode::Char('C')]);
    let first = app.aging_query.currency.expect("a currency");
    assert!(app.aging_rows.iter().all(|l| l.currency == first));
}

#[test]
fn a_registered_letter_is_acknowledged_with_one_key() {
    let (_dir, mut store) = demo();
    let number: String = store
        .read(|tx| {
            Ok::<_, dun::store::StoreError>(tx.query_row(
                "SELECT number FROM invoices WHERE settled_on IS NULL AND reminder_level >= 3 \
                 AND notice_on IS NULL LIMIT 1",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    let req = dun::commands::log::LogRequest {
        kind: "formal_notice".into(),
        invoice: vec![number.clone()],
        registered: true,
        ..Default::default()
    };
    let mut out = Vec::new();
    dun::commands::log::run(
        &mut store,
        &req,
        "root",
        today(),
        chrono::Utc::now(),
        &mut out,
    )
    .unwrap();
    let mut app = started(&mut store);
    press(&mut app, &mut store, &[KeyCode::Char('4')]);
    assert_eq!(app.journal[0].kind, "formal_notice");
    assert!(app.journal[0].summary().contains("awaiting receipt"));
    // On an entry that did not go registered, the key explains itself.
    press(
        &mut app,
        &mut store,
        &[KeyCode::Char('j'), KeyCode::Char('a')],
    );
    assert!(app.message.contains("registered mail"), "{}", app.message);
    press(
        &mut app,
        &mut store,
        &[KeyCode::Char('k'), KeyCode::Char('a')],
    );
    assert!(
        app.message
            .starts_with("Acknowledgment of receipt recorded"),
        "{}",
        app.message
    );
    let letter = app
        .journal
        .iter()
        .find(|e| e.kind == "formal_notice" && e.invoice.as_deref() == Some(number.as_str()))
        .unwrap();
    assert_eq!(letter.acknowledged_on, Some(today()));
    assert!(letter.summary().contains("received 2026-11-22"));
    // Twice is refused.
    let pos = app.journal.iter().position(|e| e.id == letter.id).unwrap();
    app.journal_selected = pos;
    press(&mut app, &mut store, &[KeyCode::Char('a')]);
    assert!(
        app.message.starts_with("Acknowledged already"),
        "{}",
        app.message
    );
}

#[test]
fn r_on_a_queue_step_shows_the_letter_and_enter_sends_it() {
    let (dir, mut store) = demo();
    let mut app = started(&mut store);
    app.letters_dir = dir.path().join("letters");
    let at = app
        .queue
        .iter()
        .position(|l| matches!(l.reason, dun::domain::queue::Reason::Reminder(_)))
        .expect("a reminder due");
    app.queue_selected = at;
    let (client, reason) = (app.queue[at].code.clone(), app.queue[at].reason);
    let before = journal_count(&store);
    press(&mut app, &mut store, &[KeyCode::Char('r')]);
    let (letter, _) = app.preview.as_ref().expect("a preview");
    assert_eq!(letter.client.code, client);
    assert!(!letter.letter.body.is_empty());
    // Esc puts it away and sends nothing.
    preview_key(&mut app, &mut store, KeyCode::Esc);
    assert!(app.preview.is_none());
    assert_eq!(journal_count(&store), before);
    press(&mut app, &mut store, &[KeyCode::Char('r')]);
    preview_key(&mut app, &mut store, KeyCode::Enter);
    assert!(app.preview.is_none());
    assert!(
        app.message
            .contains(&format!("to post to {client} and logged")),
        "{}",
        app.message
    );
    assert!(journal_count(&store) > before);
    let day = dir.path().join("letters").join("2026-11-22");
    // The text and the PDF for the post.
    let mut names: Vec<String> = std::fs::read_dir(&day)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names[0].ends_with(".pdf") && names[1].ends_with(".txt"),
        "{names:?}"
    );
    assert!(
        !app.queue
            .iter()
            .any(|l| l.code == client && l.reason == reason),
        "the step is off the queue"
    );
}

fn preview_key(app: &mut App, store: &mut Store, code: KeyCode) {
    if let Some(load) = app.preview_key(KeyEvent::new(code, KeyModifiers::NONE)) {
        app.load(store, load).unwrap();
    }
}

#[test]
fn s_on_a_client_shows_its_statement_and_enter_sends_it() {
    let (dir, mut store) = demo();
    let mut app = started(&mut store);
    app.letters_dir = dir.path().join("letters");
    let client = app.queue[0].code.clone();
    press(&mut app, &mut store, &[KeyCode::Enter, KeyCode::Char('S')]);
    let (letter, _) = app.preview.as_ref().expect("a statement to read");
    assert_eq!(letter.client.code, client);
    assert_eq!(letter.label, "account statement");
    assert!(
        letter.letter.body.contains(&client),
        "{}",
        letter.letter.body
    );
    preview_key(&mut app, &mut store, KeyCode::Enter);
    assert!(
        app.message
            .starts_with("Account statement written to post to"),
        "{}",
        app.message
    );
    press(&mut app, &mut store, &[KeyCode::Esc, KeyCode::Char('4')]);
    assert_eq!(
        (app.journal[0].kind.as_str(), app.journal[0].client.as_str()),
        ("statement", client.as_str())
    );
}

#[test]
fn enter_on_an_e_mail_letter_with_the_mail_server_down_says_why_and_logs_nothing() {
    let (dir, mut store) = demo();
    let mut app = started(&mut store);
    app.letters_dir = dir.path().join("letters");
    app.company.email = "ar@dun-demo.example".into();
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    app.smtp.url = dun::team::smtp::parse(&format!("smtp://127.0.0.1:{port}?tls=none")).unwrap();
    let at = (0..app.queue.len())
        .find(|i| {
            app.queue_selected = *i;
            press(&mut app, &mut store, &[KeyCode::Char('r')]);
            let mailed = app
                .preview
                .as_ref()
                .is_some_and(|(c, _)| c.client.email.as_deref().is_some_and(|e| !e.is_empty()));
            if !mailed {
                preview_key(&mut app, &mut store, KeyCode::Esc);
            }
            mailed
        })
        .expect("a letter to a client with an e-mail address");
    let client = app.queue[at].code.clone();
    let before = journal_count(&store);
    preview_key(&mut app, &mut store, KeyCode::Enter);
    assert!(
        app.message.starts_with("Not sent: e-mail to"),
        "{}",
        app.message
    );
    assert_eq!(journal_count(&store), before);
    assert!(app.queue.iter().any(|l| l.code == client), "still due");
    let day = dir.path().join("letters").join("2026-11-22");
    assert_eq!(std::fs::read_dir(&day).unwrap().count(), 0, "no file left");
}

#[test]
fn a_rate_another_clerk_sets_is_used_at_the_workbench_s_next_load() {
    let (dir, mut store) = demo();
    let mut app = started(&mut store);
    let names =
        |app: &App| -> Vec<String> { app.missing_rates.iter().map(ToString::to_string).collect() };
    // The demo's overdue clients need six rates of 2026 H2 that nobody set.
    assert_eq!(
        names(&app),
        [
            "ecb 2026-H2",
            "france_legal 2026-H2",
            "spain 2026-H2",
            "norway_interest 2026-H2",
            "norway_compensation 2026-H2",
            "uk_bank_rate 2026-06-30"
        ]
    );
    // A German business: the Directive's ECB + 8, which 2026 H2 lacks.
    app.page_code = Some("DE-00010".into());
    app.load(&mut store, dun::app::Load::ClientPage).unwrap();
    let page = app.page.clone().unwrap();
    let h2 = page
        .open
        .iter()
        .position(|l| l.due_on >= "2026-07-01".parse().unwrap() && l.due_on < today())
        .expect("an invoice of DE-00010 due in 2026 H2");
    let e = page.penalties[h2].clone().unwrap_err();
    assert!(e.contains("dun rates set ecb 2026-H2"), "{e}");

    // Another clerk, on another connection, sets the ECB rate.
    let mut other = Store::open(&dir.path().join("demo.db")).unwrap();
    let new = dun::rates::NewRate {
        series: "ecb",
        period: "2026-H2",
        value: "2.15",
        source: "ECB decision of 5 June 2026",
    };
    dun::rates::set(&mut other, new, "marie", chrono::Utc::now(), today()).unwrap();

    // What the event loop does when the database changed under it.
    app.load(&mut store, dun::app::Load::All).unwrap();
    assert_eq!(
        names(&app),
        [
            "france_legal 2026-H2",
            "norway_interest 2026-H2",
            "norway_compensation 2026-H2",
            "uk_bank_rate 2026-06-30"
        ]
    );
    let page = app.page.clone().unwrap();
    let p = page.penalties[h2].clone().unwrap();
    // ECB 2.15 + 8 = 10.15 % a year, from the day after the due date.
    assert_eq!(p.rate, Some("10.15".parse().unwrap()));
    assert!(p.interest.minor > 0, "{p:?}");
}

/// Selects the first queue line of `kind` (its JSON name).
fn select_line(app: &mut App, store: &mut Store, kind: &str) -> String {
    select_line_of(app, store, kind, None)
}

/// Selects the first queue line of `kind` about `invoice`, when given.
fn select_line_of(app: &mut App, store: &mut Store, kind: &str, invoice: Option<&str>) -> String {
    let k = app
        .queue
        .iter()
        .position(|l| {
            l.reason.kind() == kind && invoice.is_none_or(|n| l.invoices.iter().any(|i| i == n))
        })
        .unwrap_or_else(|| panic!("no {kind} line"));
    press(app, store, &[KeyCode::Char('g')]);
    for _ in 0..k {
        press(app, store, &[KeyCode::Down]);
    }
    app.queue[k].code.clone()
}

fn latest_entry(store: &Store) -> dun::store::journal::JournalEntry {
    dun::store::journal::latest(store.conn(), Some(1)).unwrap()[0].clone()
}

#[test]
fn from_an_escalate_line_e_escalates_the_case_and_takes_it_off_the_queue() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let client = select_line(&mut app, &mut store, "escalate");
    press(&mut app, &mut store, &[KeyCode::Char('e')]);
    assert_eq!(app.form.as_ref().unwrap().kind.title(), "Escalate the case");
    // To: 2 court; procedure: 2 the first named; the court; Tab; the reference.
    let mut keys = vec![KeyCode::Char('2'), KeyCode::Char('2')];
    keys.extend(chars("Tribunal judiciaire"));
    keys.push(KeyCode::Enter);
    type_in(&mut app, &mut store, &keys);
    let error = app.form.as_ref().and_then(|f| f.error.clone()).unwrap();
    assert!(error.starts_with("reference:"), "{error}");
    let mut keys = vec![KeyCode::Tab];
    keys.extend(chars("RG 26/77"));
    keys.push(KeyCode::Enter);
    type_in(&mut app, &mut store, &keys);
    assert!(
        app.form.is_none(),
        "{:?}",
        app.form.as_ref().and_then(|f| f.error.clone())
    );
    let e = latest_entry(&store);
    assert_eq!(
        (e.kind.as_str(), e.client.as_str()),
        ("escalation", client.as_str())
    );
    assert_eq!(e.reason.as_deref(), Some("court"));
    assert_eq!(e.procedure.as_deref(), Some("injonction_de_payer"));
    assert_eq!(e.reference.as_deref(), Some("RG 26/77"));
    assert_eq!(e.date, Some("2026-12-22".parse().unwrap()));
    assert!(
        !app.queue
            .iter()
            .any(|l| l.code == client && l.reason.kind() == "escalate"),
        "the escalated case left the queue"
    );
}

#[test]
fn from_an_escalate_line_l_then_enter_agrees_equal_monthly_instalments() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let client = select_line(&mut app, &mut store, "escalate");
    press(&mut app, &mut store, &[KeyCode::Char('L')]);
    type_in(&mut app, &mut store, &[KeyCode::Enter]);
    assert!(
        app.form.is_none(),
        "{:?}",
        app.form.as_ref().and_then(|f| f.error.clone())
    );
    let e = latest_entry(&store);
    assert_eq!(
        (e.kind.as_str(), e.client.as_str()),
        ("payment_plan", client.as_str())
    );
    let plan = e.plan.unwrap();
    let dates: Vec<&str> = plan["instalments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["on"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2026-12-22", "2027-01-22", "2027-02-22"]);
    assert!(
        !app.queue
            .iter()
            .any(|l| l.code == client && l.reason.kind() == "escalate")
    );
}

#[test]
fn w_writes_off_with_a_reason_and_r_resolves_a_dispute_upheld() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    select_line(&mut app, &mut store, "escalate");
    let before = journal_count(&store);
    press(&mut app, &mut store, &[KeyCode::Char('W')]);
    type_in(&mut app, &mut store, &[KeyCode::Enter]);
    let error = app.form.as_ref().and_then(|f| f.error.clone()).unwrap();
    assert!(error.starts_with("reason:"), "{error}");
    assert_eq!(journal_count(&store), before);
    let mut keys = vec![KeyCode::Tab];
    keys.extend(chars("not worth a court"));
    keys.push(KeyCode::Enter);
    type_in(&mut app, &mut store, &keys);
    assert!(
        app.form.is_none(),
        "{:?}",
        app.form.as_ref().and_then(|f| f.error.clone())
    );
    let w = latest_entry(&store);
    assert_eq!(
        (w.kind.as_str(), w.reason.as_deref()),
        ("write_off", Some("not worth a court"))
    );
    // A dispute on the first line's invoice, to review today, then
    // resolved upheld from its dispute_review line: R 1 Enter.
    press(
        &mut app,
        &mut store,
        &[KeyCode::Char('g'), KeyCode::Char('d')],
    );
    let mut keys = vec![KeyCode::Char('3')];
    keys.extend(chars("today"));
    keys.push(KeyCode::Enter);
    type_in(&mut app, &mut store, &keys);
    assert!(
        app.form.is_none(),
        "{:?}",
        app.form.as_ref().and_then(|f| f.error.clone())
    );
    let d = latest_entry(&store);
    assert_eq!((d.kind.as_str(), d.date), ("dispute", Some(today())));
    assert_eq!(d.assignee.as_deref(), Some("ingrid"), "the client's clerk");
    let invoice = d.invoice.clone().unwrap();
    select_line_of(&mut app, &mut store, "dispute_review", Some(&invoice));
    let line = &app.queue[app.queue_selected];
    assert!(line.invoices.contains(&invoice), "{:?}", line.invoices);
    press(&mut app, &mut store, &[KeyCode::Char('R')]);
    type_in(&mut app, &mut store, &[KeyCode::Char('1'), KeyCode::Enter]);
    assert!(
        app.form.is_none(),
        "{:?}",
        app.form.as_ref().and_then(|f| f.error.clone())
    );
    assert!(app.message.contains("written off"), "{}", app.message);
    let w = latest_entry(&store);
    assert_eq!(
        (w.kind.as_str(), w.invoice.as_deref()),
        ("write_off", Some(invoice.as_str()))
    );
}
