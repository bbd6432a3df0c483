//! The workbench's state driven by the keys a clerk presses, on the demo
//! portfolio with a fixed today.

#[path = "common/workbench.rs"]
mod workbench;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dun::app::{App, Effect, Event, Mode, Tab};
use dun::store::Store;
use workbench::Bench;

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
fn press(app: &mut Bench<'_>, keys: &[KeyCode]) {
    app.keys(keys);
}

/// The demo opened in a terminal whose lists show 12 lines.
fn started(store: &mut Store) -> Bench<'_> {
    // 80×25 less the top line, the missing rate's, the message line and
    // the hints: 21 lines of body, 12 of them the aging list's.
    workbench::open(store, App::new(today(), "root", "DEMO"), 80, 25)
}

#[test]
fn the_queue_opens_with_the_most_urgent_client_selected() {
    let (_dir, mut store) = demo();
    let app = started(&mut store);
    assert_eq!(app.app.tab, Tab::Queue);
    assert!(!app.app.queue.lines.is_empty());
    assert_eq!(app.app.queue.selected, 0);
    assert!(
        matches!(
            app.app.queue.lines[0].reason,
            dun::domain::queue::Reason::BrokenPromise(_)
        ),
        "broken promises come first"
    );
}

#[test]
fn moving_through_the_aging_list_loads_the_lines_on_screen() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    press(&mut app, &[KeyCode::Char('2')]);
    assert_eq!(app.app.tab, Tab::Aging);
    assert_eq!(app.app.aging.rows.len(), 12);
    press(&mut app, &[KeyCode::Char('G')]);
    assert_eq!(app.app.aging.selected, app.app.aging.count - 1);
    let visible = app.app.aging.selected - app.app.aging.top;
    assert!(
        visible < app.app.aging.rows.len(),
        "the last line is on screen: {visible} of {}",
        app.app.aging.rows.len()
    );
    press(
        &mut app,
        &[
            KeyCode::Char('g'),
            KeyCode::Char('j'),
            KeyCode::Char('j'),
            KeyCode::Char('k'),
        ],
    );
    assert_eq!(app.app.aging.selected, 1);
    assert_eq!(app.app.aging.top, 0);
    press(&mut app, &[KeyCode::PageDown]);
    assert_eq!(app.app.aging.selected, 13);
    assert_eq!(app.app.aging.top, 12);
    assert_eq!(app.app.aging.rows.len(), 12);
}

#[test]
fn mine_shows_only_my_clients_and_back_again() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let everyone = app.app.queue.lines.len();
    press(&mut app, &[KeyCode::Char('m')]);
    assert!(
        app.app
            .queue
            .lines
            .iter()
            .all(|c| c.clerk.as_deref() == Some("root"))
    );
    assert!(!app.app.queue.lines.is_empty() && app.app.queue.lines.len() < everyone);
    assert!(app.app.message().contains("root"));
    press(&mut app, &[KeyCode::Char('m')]);
    assert_eq!(app.app.queue.lines.len(), everyone);
}

#[test]
fn help_opens_and_closes_and_q_quits() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    press(&mut app, &[KeyCode::Char('?')]);
    assert!(matches!(app.app.mode, Mode::Help(_)));
    press(&mut app, &[KeyCode::Esc]);
    assert!(!matches!(app.app.mode, Mode::Help(_)));
    press(&mut app, &[KeyCode::Char('x'), KeyCode::F(5)]);
    assert!(!app.app.quit, "unknown keys do nothing");
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(app.app.quit);
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    press(&mut app, &[KeyCode::Char('4'), KeyCode::Char('c')]);
    assert!(!app.app.quit, "c alone does nothing on the journal");
    let key = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    app.event(Event::Key(key));
    assert!(app.app.quit);
}

fn form<'a>(app: &'a Bench<'_>) -> Option<&'a dun::app::form::Form> {
    match &app.app.mode {
        Mode::Form(f) => Some(f),
        _ => None,
    }
}

fn form_error(app: &Bench<'_>) -> Option<String> {
    form(app).and_then(|f| f.error.clone())
}

/// The letter shown, and how far it is scrolled.
fn preview<'a>(app: &'a Bench<'_>) -> Option<(&'a dun::letters::compose::Composed, u16)> {
    match &app.app.mode {
        Mode::Preview(p) => Some((&p.letter, p.scroll)),
        _ => None,
    }
}

fn journal_count(store: &Store) -> i64 {
    dun::store::activities::count(store.conn()).unwrap()
}

/// Keys while a form is open go to the form.
fn type_in(app: &mut Bench<'_>, keys: &[KeyCode]) {
    app.keys(keys);
}

fn chars(s: &str) -> Vec<KeyCode> {
    s.chars().map(KeyCode::Char).collect()
}

#[test]
fn a_call_with_no_answer_takes_two_keys_after_c() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let before = journal_count(app.store());
    let client = app.app.queue.lines[0].code.clone();
    press(&mut app, &[KeyCode::Char('c')]);
    assert!(matches!(app.app.mode, Mode::Form(_)));
    type_in(&mut app, &[KeyCode::Char('2'), KeyCode::Enter]);
    assert!(
        !matches!(app.app.mode, Mode::Form(_)),
        "{:?}",
        form_error(&app)
    );
    assert_eq!(journal_count(app.store()), before + 1);
    assert!(
        app.app.message().starts_with("Call logged (no_answer)"),
        "{}",
        app.app.message()
    );
    press(&mut app, &[KeyCode::Char('4')]);
    let latest = &app.app.journal.entries[0];
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
    press(&mut app, &[KeyCode::Char('p')]);
    type_in(&mut app, &[KeyCode::Enter]);
    assert!(
        !matches!(app.app.mode, Mode::Form(_)),
        "{:?}",
        form_error(&app)
    );
    press(&mut app, &[KeyCode::Char('4')]);
    let latest = &app.app.journal.entries[0];
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
    let before = journal_count(app.store());
    // A payment larger than what is due.
    press(&mut app, &[KeyCode::Char('$')]);
    let mut keys = vec![KeyCode::Backspace; 20];
    keys.extend(chars("99999999"));
    keys.push(KeyCode::Enter);
    type_in(&mut app, &keys);
    let error = form_error(&app).expect("still open");
    assert!(error.contains("more than"), "{error}");
    // An amount with letters.
    let mut keys = vec![KeyCode::Backspace; 20];
    keys.extend(chars("12a"));
    keys.push(KeyCode::Enter);
    type_in(&mut app, &keys);
    let error = form_error(&app).expect("still open");
    assert!(error.starts_with("Amount:"), "{error}");
    // A date that is not a date.
    let mut keys = vec![KeyCode::Backspace; 20];
    keys.extend([KeyCode::Char('5'), KeyCode::Tab]);
    keys.extend(vec![KeyCode::Backspace; 12]);
    keys.extend(chars("31/02/2026"));
    keys.push(KeyCode::Enter);
    type_in(&mut app, &keys);
    let error = form_error(&app).expect("still open");
    assert!(error.starts_with("Received on:"), "{error}");
    type_in(&mut app, &[KeyCode::Esc]);
    assert!(!matches!(app.app.mode, Mode::Form(_)));
    assert!(app.app.message().contains("nothing recorded"));
    assert_eq!(journal_count(app.store()), before);
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
        &[KeyCode::Char('2'), KeyCode::Char('g'), KeyCode::Enter],
    );
    let page = app
        .app
        .client_page()
        .cloned()
        .expect("the client page is open");
    assert_eq!(
        Some(page.client.code.clone()),
        app.app.aging.rows.first().map(|l| l.client.clone())
    );
    assert!(!page.notes.is_empty(), "its solvency notes are on the page");
    assert!(
        page.notes.windows(2).all(|w| w[0].on >= w[1].on),
        "newest first"
    );
    // c 1 (reached) Enter, then p Enter (next Friday, what is due).
    press(&mut app, &[KeyCode::Char('c')]);
    type_in(&mut app, &[KeyCode::Char('1'), KeyCode::Enter]);
    press(&mut app, &[KeyCode::Char('p')]);
    type_in(&mut app, &[KeyCode::Enter]);
    let timeline = &app.app.client_page().unwrap().timeline;
    assert_eq!(timeline[0].kind, "promise");
    assert_eq!(timeline[1].kind, "call");
    // From the client page a promise is for the whole overdue account (the
    // amount every overdue invoice adds up to), not one invoice of it.
    assert_eq!(timeline[0].invoice, None);
    let overdue: i64 = page
        .open
        .iter()
        .filter(|l| l.days_overdue > 0 && l.currency == page.open[0].currency)
        .map(|l| l.outstanding)
        .sum();
    let cur = page.open[0].currency;
    assert_eq!(
        timeline[0].amount,
        Some(dun::domain::money::decimal_string(overdue, cur.exponent()))
    );
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('4')]);
    assert_eq!(app.app.journal.entries[0].kind, "promise");
    assert_eq!(app.app.journal.entries[0].client, page.client.code);
    assert_eq!(
        app.app.journal.entries[1].outcome.as_deref(),
        Some("reached")
    );
}

#[test]
fn the_aging_list_searches_filters_and_sorts() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let all = {
        press(&mut app, &[KeyCode::Char('2')]);
        app.app.aging.count
    };
    // `/` then letters: the list follows each one.
    press(&mut app, &[KeyCode::Char('/')]);
    assert!(app.app.mode == Mode::Search);
    app.typed("köln");
    assert!(app.app.aging.count > 0 && app.app.aging.count < all);
    assert!(
        app.app
            .aging
            .rows
            .iter()
            .all(|l| l.client_name.to_lowercase().contains("köln"))
    );
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.app.mode == Mode::List);
    assert_eq!(app.app.aging.query.search, "köln", "Enter keeps it");
    press(&mut app, &[KeyCode::Char('/'), KeyCode::Esc]);
    assert_eq!(app.app.aging.count, all, "Esc clears the search");

    // f: one bucket at a time.
    press(&mut app, &[KeyCode::Char('f'), KeyCode::Char('f')]);
    assert!(
        app.app
            .aging
            .rows
            .iter()
            .all(|l| (1..=30).contains(&l.days_overdue)),
        "1-30"
    );
    // x: only disputed.
    press(
        &mut app,
        &[
            KeyCode::Char('f'),
            KeyCode::Char('f'),
            KeyCode::Char('f'),
            KeyCode::Char('f'),
            KeyCode::Char('x'),
        ],
    );
    assert!(app.app.aging.query.bucket.is_none());
    assert!(app.app.aging.count > 0 && app.app.aging.rows.iter().all(|l| l.disputed));
    // s: by amount, largest first.
    press(&mut app, &[KeyCode::Char('x'), KeyCode::Char('s')]);
    assert!(
        app.app
            .aging
            .rows
            .windows(2)
            .all(|w| w[0].outstanding >= w[1].outstanding)
    );
    // m: only my clients'.
    press(&mut app, &[KeyCode::Char('m')]);
    assert!(
        app.app.aging.count > 0
            && app
                .app
                .aging
                .rows
                .iter()
                .all(|l| l.clerk.as_deref() == Some("root"))
    );
}

#[test]
fn a_screen_loads_only_when_it_is_shown() {
    let (_dir, mut store) = demo();
    let app = started(&mut store);
    assert!(!app.app.queue.lines.is_empty());
    assert!(
        app.app.clients.lines.is_empty()
            && app.app.journal.entries.is_empty()
            && app.app.aging.rows.is_empty()
    );
}

#[test]
fn the_journal_filters_by_clerk_and_kind_and_aging_by_profile_and_currency() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    press(&mut app, &[KeyCode::Char('4'), KeyCode::Char('m')]);
    assert!(
        !app.app.journal.entries.is_empty()
            && app.app.journal.entries.iter().all(|e| e.user == "root")
    );
    press(&mut app, &[KeyCode::Char('m'), KeyCode::Char('K')]);
    assert!(
        !app.app.journal.entries.is_empty()
            && app.app.journal.entries.iter().all(|e| e.kind == "call")
    );
    assert!(app.app.message().contains("call"));

    press(&mut app, &[KeyCode::Char('2'), KeyCode::Char('P')]);
    let administrations = app.app.aging.count;
    assert!(administrations > 0);
    press(
        &mut app,
        &[KeyCode::Char('P'), KeyCode::Char('P'), KeyCode::Char('P')],
    );
    assert!(app.app.aging.query.profile.is_none());
    press(&mut app, &[KeyCode::Char('C')]);
    let first = app.app.aging.query.currency.expect("a currency");
    assert!(app.app.aging.rows.iter().all(|l| l.currency == first));
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
    press(&mut app, &[KeyCode::Char('4')]);
    assert_eq!(app.app.journal.entries[0].kind, "formal_notice");
    assert!(
        app.app.journal.entries[0]
            .summary()
            .contains("awaiting receipt")
    );
    // On an entry that did not go registered, the key explains itself.
    press(&mut app, &[KeyCode::Char('j'), KeyCode::Char('a')]);
    assert!(
        app.app.message().contains("registered mail"),
        "{}",
        app.app.message()
    );
    press(&mut app, &[KeyCode::Char('k'), KeyCode::Char('a')]);
    assert!(
        app.app
            .message()
            .starts_with("Acknowledgment of receipt recorded"),
        "{}",
        app.app.message()
    );
    let letter = app
        .app
        .journal
        .entries
        .iter()
        .find(|e| e.kind == "formal_notice" && e.invoice.as_deref() == Some(number.as_str()))
        .unwrap();
    assert_eq!(letter.acknowledged_on, Some(today()));
    assert!(letter.summary().contains("received 2026-11-22"));
    // Twice is refused.
    let pos = app
        .app
        .journal
        .entries
        .iter()
        .position(|e| e.id == letter.id)
        .unwrap();
    app.app.journal.selected = pos;
    press(&mut app, &[KeyCode::Char('a')]);
    assert!(
        app.app.message().starts_with("Acknowledged already"),
        "{}",
        app.app.message()
    );
}

#[test]
fn r_on_a_queue_step_shows_the_letter_and_enter_sends_it() {
    let (dir, mut store) = demo();
    let mut app = started(&mut store);
    app.env.letters_dir = dir.path().join("letters");
    let at = app
        .app
        .queue
        .lines
        .iter()
        .position(|l| matches!(l.reason, dun::domain::queue::Reason::Reminder(_)))
        .expect("a reminder due");
    app.app.queue.selected = at;
    let (client, reason) = (
        app.app.queue.lines[at].code.clone(),
        app.app.queue.lines[at].reason,
    );
    let before = journal_count(app.store());
    press(&mut app, &[KeyCode::Char('r')]);
    let (letter, _) = preview(&app).expect("a preview");
    assert_eq!(letter.client.code, client);
    assert!(!letter.letter.body.is_empty());
    // Esc puts it away and sends nothing.
    preview_key(&mut app, KeyCode::Esc);
    assert!(preview(&app).is_none());
    assert_eq!(journal_count(app.store()), before);
    press(&mut app, &[KeyCode::Char('r')]);
    preview_key(&mut app, KeyCode::Enter);
    assert!(preview(&app).is_none());
    assert!(
        app.app
            .message()
            .contains(&format!("to post to {client} and logged")),
        "{}",
        app.app.message()
    );
    assert!(journal_count(app.store()) > before);
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
        !app.app
            .queue
            .lines
            .iter()
            .any(|l| l.code == client && l.reason == reason),
        "the step is off the queue"
    );
}

fn preview_key(app: &mut Bench<'_>, code: KeyCode) {
    app.key(code);
}

#[test]
fn s_on_a_client_shows_its_statement_and_enter_sends_it() {
    let (dir, mut store) = demo();
    let mut app = started(&mut store);
    app.env.letters_dir = dir.path().join("letters");
    let client = app.app.queue.lines[0].code.clone();
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('S')]);
    let (letter, _) = preview(&app).expect("a statement to read");
    assert_eq!(letter.client.code, client);
    assert_eq!(letter.label, "account statement");
    assert!(
        letter.letter.body.contains(&client),
        "{}",
        letter.letter.body
    );
    preview_key(&mut app, KeyCode::Enter);
    assert!(
        app.app
            .message()
            .starts_with("Account statement written to post to"),
        "{}",
        app.app.message()
    );
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('4')]);
    assert_eq!(
        (
            app.app.journal.entries[0].kind.as_str(),
            app.app.journal.entries[0].client.as_str()
        ),
        ("statement", client.as_str())
    );
}

#[test]
fn enter_on_an_e_mail_letter_with_the_mail_server_down_says_why_and_logs_nothing() {
    let (dir, mut store) = demo();
    let mut app = started(&mut store);
    app.env.letters_dir = dir.path().join("letters");
    app.env.company.email = "ar@dun-demo.example".into();
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    app.env.smtp.url =
        dun::team::smtp::parse(&format!("smtp://127.0.0.1:{port}?tls=none")).unwrap();
    let at = (0..app.app.queue.lines.len())
        .find(|i| {
            app.app.queue.selected = *i;
            press(&mut app, &[KeyCode::Char('r')]);
            let mailed = preview(&app)
                .is_some_and(|(c, _)| c.client.email.as_deref().is_some_and(|e| !e.is_empty()));
            if !mailed {
                preview_key(&mut app, KeyCode::Esc);
            }
            mailed
        })
        .expect("a letter to a client with an e-mail address");
    let client = app.app.queue.lines[at].code.clone();
    let before = journal_count(app.store());
    preview_key(&mut app, KeyCode::Enter);
    assert!(
        app.app.message().starts_with("Not sent: e-mail to"),
        "{}",
        app.app.message()
    );
    assert_eq!(journal_count(app.store()), before);
    assert!(
        app.app.queue.lines.iter().any(|l| l.code == client),
        "still due"
    );
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
        names(&app.app),
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
    app.app.page = Some(dun::app::Page::new("DE-00010".into()));
    app.app.mode = Mode::Page;
    app.event(Event::Start);
    let page = app.app.client_page().cloned().unwrap();
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
    app.watch();
    assert_eq!(
        names(&app.app),
        [
            "france_legal 2026-H2",
            "norway_interest 2026-H2",
            "norway_compensation 2026-H2",
            "uk_bank_rate 2026-06-30"
        ]
    );
    let page = app.app.client_page().cloned().unwrap();
    let p = page.penalties[h2].clone().unwrap();
    // ECB 2.15 + 8 = 10.15 % a year, from the day after the due date.
    assert_eq!(p.rate, Some("10.15".parse().unwrap()));
    assert!(p.interest.minor > 0, "{p:?}");
}

/// Selects the first queue line of `kind` (its JSON name).
fn select_line(app: &mut Bench<'_>, kind: &str) -> String {
    select_line_of(app, kind, None)
}

/// Selects the first queue line of `kind` about `invoice`, when given.
fn select_line_of(app: &mut Bench<'_>, kind: &str, invoice: Option<&str>) -> String {
    let k = app
        .app
        .queue
        .lines
        .iter()
        .position(|l| {
            l.reason.kind() == kind && invoice.is_none_or(|n| l.invoices.iter().any(|i| i == n))
        })
        .unwrap_or_else(|| panic!("no {kind} line"));
    press(app, &[KeyCode::Char('g')]);
    for _ in 0..k {
        press(app, &[KeyCode::Down]);
    }
    app.app.queue.lines[k].code.clone()
}

fn latest_entry(store: &Store) -> dun::store::journal::JournalEntry {
    dun::store::journal::latest(store.conn(), Some(1)).unwrap()[0].clone()
}

#[test]
fn from_an_escalate_line_e_escalates_the_case_and_takes_it_off_the_queue() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let client = select_line(&mut app, "escalate");
    press(&mut app, &[KeyCode::Char('e')]);
    assert_eq!(form(&app).unwrap().kind.title(), "Escalate the case");
    // To: 2 court; procedure: 2 the first named; the court; Tab; the reference.
    let mut keys = vec![KeyCode::Char('2'), KeyCode::Char('2')];
    keys.extend(chars("Tribunal judiciaire"));
    keys.push(KeyCode::Enter);
    type_in(&mut app, &keys);
    let error = form_error(&app).unwrap();
    assert!(error.starts_with("reference:"), "{error}");
    let mut keys = vec![KeyCode::Tab];
    keys.extend(chars("RG 26/77"));
    keys.push(KeyCode::Enter);
    type_in(&mut app, &keys);
    assert!(
        !matches!(app.app.mode, Mode::Form(_)),
        "{:?}",
        form_error(&app)
    );
    let e = latest_entry(app.store());
    assert_eq!(
        (e.kind.as_str(), e.client.as_str()),
        ("escalation", client.as_str())
    );
    assert_eq!(e.reason.as_deref(), Some("court"));
    assert_eq!(e.procedure.as_deref(), Some("injonction_de_payer"));
    assert_eq!(e.reference.as_deref(), Some("RG 26/77"));
    assert_eq!(e.date, Some("2026-12-22".parse().unwrap()));
    assert!(
        !app.app
            .queue
            .lines
            .iter()
            .any(|l| l.code == client && l.reason.kind() == "escalate"),
        "the escalated case left the queue"
    );
}

#[test]
fn from_an_escalate_line_l_then_enter_agrees_equal_monthly_instalments() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let client = select_line(&mut app, "escalate");
    press(&mut app, &[KeyCode::Char('L')]);
    type_in(&mut app, &[KeyCode::Enter]);
    assert!(
        !matches!(app.app.mode, Mode::Form(_)),
        "{:?}",
        form_error(&app)
    );
    let e = latest_entry(app.store());
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
        !app.app
            .queue
            .lines
            .iter()
            .any(|l| l.code == client && l.reason.kind() == "escalate")
    );
}

#[test]
fn w_writes_off_with_a_reason_and_r_resolves_a_dispute_upheld() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    select_line(&mut app, "escalate");
    let before = journal_count(app.store());
    press(&mut app, &[KeyCode::Char('W')]);
    type_in(&mut app, &[KeyCode::Enter]);
    let error = form_error(&app).unwrap();
    assert!(error.starts_with("reason:"), "{error}");
    assert_eq!(journal_count(app.store()), before);
    let mut keys = vec![KeyCode::Tab];
    keys.extend(chars("not worth a court"));
    keys.push(KeyCode::Enter);
    type_in(&mut app, &keys);
    assert!(
        !matches!(app.app.mode, Mode::Form(_)),
        "{:?}",
        form_error(&app)
    );
    let w = latest_entry(app.store());
    assert_eq!(
        (w.kind.as_str(), w.reason.as_deref()),
        ("write_off", Some("not worth a court"))
    );
    // A dispute on the first line's invoice, to review today, then
    // resolved upheld from its dispute_review line: R 1 Enter.
    press(&mut app, &[KeyCode::Char('g'), KeyCode::Char('d')]);
    let mut keys = vec![KeyCode::Char('3')];
    keys.extend(chars("today"));
    keys.push(KeyCode::Enter);
    type_in(&mut app, &keys);
    assert!(
        !matches!(app.app.mode, Mode::Form(_)),
        "{:?}",
        form_error(&app)
    );
    let d = latest_entry(app.store());
    assert_eq!((d.kind.as_str(), d.date), ("dispute", Some(today())));
    assert_eq!(d.assignee.as_deref(), Some("ingrid"), "the client's clerk");
    let invoice = d.invoice.clone().unwrap();
    select_line_of(&mut app, "dispute_review", Some(&invoice));
    let line = &app.app.queue.lines[app.app.queue.selected];
    assert!(line.invoices.contains(&invoice), "{:?}", line.invoices);
    press(&mut app, &[KeyCode::Char('R')]);
    type_in(&mut app, &[KeyCode::Char('1'), KeyCode::Enter]);
    assert!(
        !matches!(app.app.mode, Mode::Form(_)),
        "{:?}",
        form_error(&app)
    );
    assert!(
        app.app.message().contains("written off"),
        "{}",
        app.app.message()
    );
    let w = latest_entry(app.store());
    assert_eq!(
        (w.kind.as_str(), w.invoice.as_deref()),
        ("write_off", Some(invoice.as_str()))
    );
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

#[test]
fn enter_in_a_form_asks_to_record_it_and_the_form_closes_once_written() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let line = app.app.queue.lines[0].clone();
    assert_eq!(app.app.handle(key(KeyCode::Char('c'))), []);
    assert_eq!(app.app.handle(key(KeyCode::Char('2'))), []);
    let effects = app.app.handle(key(KeyCode::Enter));
    let [Effect::Record { target, submission }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(target.client, line.code);
    assert_eq!(submission.kind, dun::domain::activity::ActivityKind::Call);
    assert_eq!(submission.outcome.as_deref(), Some("no_answer"));
    assert!(form(&app).is_some(), "open until it is written");
    let before = journal_count(app.store());
    // Refused: the form stays open with the reason.
    let refused = app
        .app
        .handle(Event::Recorded(Err("database is busy".into())));
    assert!(refused.is_empty());
    assert_eq!(form_error(&app).as_deref(), Some("database is busy"));
    // Written: closed, said, and the screen read again.
    let written = app.app.handle(Event::Recorded(Ok("Call logged".into())));
    assert_eq!(written, [Effect::Load(app.app.load_all())]);
    assert_eq!(app.app.mode, Mode::List);
    assert_eq!(app.app.message(), "Call logged");
    assert_eq!(
        journal_count(app.store()),
        before,
        "the workbench wrote nothing"
    );
}

#[test]
fn r_asks_for_the_line_s_letter_and_enter_asks_to_send_the_letter_shown() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    // The third line of the demo's queue is a formal notice ready to go.
    press(&mut app, &[KeyCode::Char('j'), KeyCode::Char('j')]);
    let line = app.app.queue.lines[2].clone();
    let effects = app.app.handle(key(KeyCode::Char('r')));
    assert_eq!(effects, [Effect::ComposeLetter(Box::new(line.clone()))]);
    // What composing brought back, handed in by the loop.
    for effect in effects {
        for event in app.env.perform(&app.app, effect) {
            assert!(app.app.handle(event).is_empty());
        }
    }
    let shown = preview(&app).expect("the letter is shown").0.clone();
    assert_eq!(shown.client.code, line.code);
    let effects = app.app.handle(key(KeyCode::Enter));
    assert_eq!(effects, [Effect::SendLetter(Box::new(shown))]);
    assert_eq!(app.app.mode, Mode::List);
    let sent = app
        .app
        .handle(Event::Sent("Formal notice written to post".into()));
    assert_eq!(sent, [Effect::Load(app.app.load_all())]);
    assert_eq!(app.app.message(), "Formal notice written to post");
}

/// Whether `code` does something to `app`: changes its state or asks for
/// an effect.
fn does_something(app: &App, code: KeyCode) -> bool {
    let mut after = app.clone();
    let effects = after.handle(key(code));
    !effects.is_empty() || after != *app
}

/// The workbench in every mode, with something to move through.
fn every_mode(app: &mut Bench<'_>) -> Vec<App> {
    let mut modes = Vec::new();
    let mut at = |app: &mut Bench<'_>, keys: &str| {
        app.typed(keys);
        let state = app.app.clone();
        modes.push(state);
    };
    at(app, "jj");
    at(app, "?");
    at(app, "\x1b2jj");
    at(app, "/a");
    at(app, "\x1b3jj");
    at(app, "4jj");
    at(app, "1\nj");
    at(app, "c\tx");
    at(app, "\x1b\x1b1gjjrj");
    at(app, "\x1bMj");
    // The correction of the journal's latest entry (a correctable one on
    // the demo), then a client's file from Clients.
    at(app, "\x1b4gxr");
    at(app, "\x1b3e\tz");
    modes
}

#[test]
fn the_help_lists_exactly_the_keys_that_work_in_each_mode() {
    use dun::app::keymap::{self, Keys};
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let modes = every_mode(&mut app);
    let scopes: Vec<_> = modes.iter().map(App::scope).collect();
    for scope in dun::app::Scope::ALL {
        assert!(scopes.contains(&scope), "{scope:?} not reached: {scopes:?}");
    }
    for state in &modes {
        let scope = state.scope();
        // Every key the help lists does something.
        for b in keymap::bindings(scope) {
            let codes: Vec<KeyCode> = match b.keys {
                Keys::Codes(codes) => codes.to_vec(),
                // A digit picks a form's first field's choice; a letter
                // goes into the search.
                Keys::Printable => vec![KeyCode::Char('1'), KeyCode::Char('a')],
            };
            for code in codes {
                assert!(
                    does_something(state, code),
                    "{scope:?}: {} ({code:?}) is listed but does nothing",
                    b.label
                );
            }
        }
        // Every printable key that does something is listed.
        for c in ' '..='~' {
            let code = KeyCode::Char(c);
            if does_something(state, code) {
                assert!(
                    keymap::bindings(scope).any(|b| b.takes(code)),
                    "{scope:?}: {c:?} does something but the help does not list it"
                );
            }
        }
    }
}

#[test]
fn clients_offer_no_logging_and_the_client_page_lists_its_own_keys() {
    use dun::app::keymap;
    use dun::app::{Scope, Tab as T};
    let labels = |scope| -> Vec<&str> { keymap::bindings(scope).map(|b| b.label).collect() };
    let clients = labels(Scope::List(T::Clients));
    assert!(!clients.contains(&"c"), "{clients:?}");
    let hints: Vec<_> = keymap::hints(Scope::List(T::Clients));
    assert!(!hints.iter().any(|(l, _)| *l == "c"), "{hints:?}");
    // The page: logging and scrolling, none of the aging list's filters.
    let page = labels(Scope::Page);
    for k in ["c", "p", "$", "S", "Esc", "?", "q"] {
        assert!(page.contains(&k), "{k} missing: {page:?}");
    }
    for k in ["/", "f", "s", "x", "P", "C", "Enter"] {
        assert!(!page.contains(&k), "{k} listed on the page: {page:?}");
    }
}

#[test]
fn a_long_message_is_kept_whole_and_m_shows_the_last_ones() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    // A held letter's message is longer than 80 columns.
    app.typed("jjr");
    let long = app.app.message().to_string();
    assert!(long.chars().count() > 80, "{long}");
    app.typed("\x1b");
    assert_eq!(app.app.message(), "Letter not sent.");
    app.typed("M");
    assert!(matches!(app.app.mode, Mode::Messages { .. }));
    let newest: Vec<_> = app.app.messages.newest_first().cloned().collect();
    assert_eq!(newest[..2], ["Letter not sent.".to_string(), long]);
    app.typed("\x1b");
    assert_eq!(app.app.mode, Mode::List);
}

#[test]
fn the_queue_is_searched_case_and_accents_aside_by_name_e_mail_or_invoice() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let all = app.app.queue.lines.len();
    let client = app.app.queue.lines[0].clone();
    // Part of its name, in capitals: only its lines.
    let part: String = client
        .name
        .chars()
        .take(5)
        .collect::<String>()
        .to_uppercase();
    app.key(KeyCode::Char('/'));
    app.typed(&part);
    let lines = app.app.queue.shown();
    assert!(lines.iter().any(|l| l.code == client.code), "{part}");
    assert!(lines.len() < all, "{part} keeps every line");
    // Esc clears it: every line again.
    app.key(KeyCode::Esc);
    assert_eq!(app.app.queue.shown().len(), all);
    // An invoice on a line, by number: that line's client's lines alone.
    let line = app
        .app
        .queue
        .lines
        .iter()
        .find(|l| !l.invoices.is_empty())
        .cloned()
        .expect("a queue line about invoices");
    let n = &line.invoices[0];
    app.key(KeyCode::Char('/'));
    app.typed(n);
    app.key(KeyCode::Enter);
    let lines = app.app.queue.shown();
    assert!(lines.iter().any(|l| l.invoices.contains(n)), "{n}");
    assert!(lines.iter().all(|l| l.code == line.code), "{n}");
}

#[test]
fn the_journal_is_searched_by_client_case_and_accents_aside() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    app.key(KeyCode::Char('4'));
    let all = app.app.journal.entries.len();
    let code = app.app.journal.entries[0].client.clone();
    app.key(KeyCode::Char('/'));
    app.typed(&code.to_lowercase());
    let entries = &app.app.journal.entries;
    assert!(!entries.is_empty());
    assert!(entries.iter().all(|e| e.client == code), "{code}");
    assert!(entries.len() < all);
    app.key(KeyCode::Esc);
    assert_eq!(app.app.journal.entries.len(), all);
}

#[test]
fn the_journal_reads_older_entries_a_page_at_a_time_as_the_selection_nears_them() {
    let (_dir, mut store) = demo();
    let every = store
        .read(|tx| dun::store::journal::latest(tx, None))
        .unwrap();
    let mut app = started(&mut store);
    app.key(KeyCode::Char('4'));
    assert_eq!(app.app.journal.entries.len(), 500);
    assert!(every.len() > 500, "{}", every.len());
    // The last line shown: the older entries come below it.
    app.key(KeyCode::Char('G'));
    let ids: Vec<i64> = app.app.journal.entries.iter().map(|e| e.id).collect();
    let all: Vec<i64> = every.iter().map(|e| e.id).collect();
    assert_eq!(ids, all);
    assert!(app.app.journal.complete);
}

/// A promise from a client page asks which invoices it covers: the whole
/// overdue account unless the clerk types the numbers of a few; the amount
/// follows them while the clerk leaves it alone.
#[test]
fn a_promise_from_a_client_page_covers_the_invoices_typed() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    // The first queue line with two invoices or more, then its client.
    let k = app
        .app
        .queue
        .lines
        .iter()
        .position(|l| l.invoices.len() >= 2 && l.reason.kind() == "reminder")
        .expect("a reminder line with several invoices");
    press(&mut app, &[KeyCode::Char('g')]);
    for _ in 0..k {
        press(&mut app, &[KeyCode::Down]);
    }
    press(&mut app, &[KeyCode::Enter]);
    let code = app
        .app
        .client_page()
        .expect("the client page")
        .client
        .code
        .clone();
    press(&mut app, &[KeyCode::Char('p')]);
    let f = form(&app).expect("the promise form");
    let labels: Vec<&str> = f.fields.iter().map(|f| f.label).collect();
    assert_eq!(labels, ["Date", "Amount", "Invoices", "Note"]);
    assert_eq!(f.fields[2].value, "all overdue");
    let known = f.target.overdue_invoices.clone();
    assert!(known.len() >= 2, "{known:?}");
    let total: i64 = known.iter().map(|k| k.1).sum();
    assert_eq!(f.target.overdue, total);
    let cur = f.target.currency;
    let money = |m: i64| dun::domain::money::decimal_string(m, cur.exponent());
    let (number, owed, _) = known
        .iter()
        .find(|k| !k.2)
        .cloned()
        .expect("an undisputed overdue invoice");
    // Tab twice to Invoices, erase "all overdue", type one number (in
    // lower case): the amount becomes what that invoice owes.
    type_in(&mut app, &[KeyCode::Tab, KeyCode::Tab]);
    type_in(&mut app, &vec![KeyCode::Backspace; "all overdue".len()]);
    type_in(&mut app, &chars(&number.to_lowercase()));
    let f = form(&app).unwrap();
    assert_eq!(f.fields[1].value, money(owed));
    // A number that is not one of the overdue invoices is refused with
    // the ones that are.
    type_in(&mut app, &chars(" NOPE-1"));
    type_in(&mut app, &[KeyCode::Enter]);
    let err = form_error(&app).expect("refused");
    assert!(
        err.starts_with("Invoices: NOPE-1 is not one of the overdue invoices ("),
        "{err}"
    );
    assert!(err.contains(&number), "{err}");
    type_in(&mut app, &vec![KeyCode::Backspace; " NOPE-1".len()]);
    type_in(&mut app, &[KeyCode::Enter]);
    assert!(form(&app).is_none(), "{:?}", form_error(&app));
    let page = app.app.client_page().unwrap();
    assert_eq!(page.client.code, code);
    let entry = &page.timeline[0];
    assert_eq!(entry.kind, "promise");
    // One invoice named: the promise is that invoice's.
    assert_eq!(entry.invoice.as_deref(), Some(number.as_str()));
    assert_eq!(entry.amount, Some(money(owed)));
    // Two named: the promise covers both, for what they owe together.
    let two: Vec<&(String, i64, bool)> = known.iter().take(2).collect();
    press(&mut app, &[KeyCode::Char('p')]);
    type_in(&mut app, &[KeyCode::Tab, KeyCode::Tab]);
    type_in(&mut app, &vec![KeyCode::Backspace; "all overdue".len()]);
    type_in(&mut app, &chars(&format!("{}, {}", two[0].0, two[1].0)));
    let f = form(&app).unwrap();
    assert_eq!(f.fields[1].value, money(two[0].1 + two[1].1));
    // The demo's client has them undisputed: the promise is taken.
    assert!(two.iter().any(|k| !k.2), "{two:?}");
    type_in(&mut app, &[KeyCode::Enter]);
    assert!(form(&app).is_none(), "{:?}", form_error(&app));
    assert!(
        app.app
            .message()
            .contains(&format!("({}, {})", two[0].0, two[1].0)),
        "{}",
        app.app.message()
    );
    let book = dun::store::promises::of_client(app.store().conn(), &code, today()).unwrap();
    let last = book.promises.iter().max_by_key(|p| p.id).unwrap();
    assert_eq!(last.covers, [two[0].0.clone(), two[1].0.clone()]);
    assert_eq!(last.made.amount, Some(two[0].1 + two[1].1));
}

/// A clerk far down the journal (below its first 500 entries) keeps the
/// entry selected, and the older entries read, when another clerk writes:
/// the new entry goes on top and pushes the selection down by one.
#[test]
fn the_journal_keeps_its_place_below_its_first_page_when_another_clerk_writes() {
    use dun::domain::activity::{Activity, ActivityKind};
    let (dir, mut store) = demo();
    let mut app = started(&mut store);
    press(&mut app, &[KeyCode::Char('4')]);
    assert_eq!(
        app.app.journal.entries.len(),
        dun::app::JOURNAL_LINES as usize
    );
    // To the end, and on: the older entries are read as it nears them.
    press(&mut app, &[KeyCode::Char('G'), KeyCode::Char('G')]);
    let total = app.app.journal.entries.len();
    assert!(total > 500 && app.app.journal.complete, "{total}");
    press(&mut app, &[KeyCode::Up, KeyCode::Up, KeyCode::Up]);
    let selected = app.app.journal.selected;
    assert_eq!(selected, total - 4);
    let id = app.app.journal.entry().map(|e| e.id);

    let mut other = Store::open(&dir.path().join("demo.db")).unwrap();
    other
        .write(|tx| {
            let (client, _) = dun::store::clients::find(tx, "FR-00001")?.expect("FR-00001");
            let mut a = Activity::new(
                ActivityKind::Note,
                "FR-00001",
                chrono::Utc::now(),
                today(),
                "marie",
            );
            a.note = "written meanwhile".into();
            dun::store::activities::insert(tx, client, None, None, &a)
        })
        .unwrap();
    app.watch();

    let j = &app.app.journal;
    assert_eq!(j.entries[0].note, "written meanwhile");
    assert_eq!(j.entries.len(), total + 1);
    assert_eq!(j.entry().map(|e| e.id), id);
    assert_eq!(j.selected, selected + 1);
    assert!(j.complete);
}
