//! Correcting a journal entry and editing or adding a client from the
//! workbench: keys handed to `App::handle`, the effects it asks for checked,
//! then performed on the demo portfolio in a real database file.

#[path = "common/workbench.rs"]
mod workbench;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dun::app::{App, Effect, Event, Mode, Tab};
use dun::record::client::ClientField;
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

fn started(store: &mut Store) -> Bench<'_> {
    workbench::open(store, App::new(today(), "root", "DEMO"), 80, 24)
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Keys handed to the workbench alone: their effects are not performed.
fn handle(app: &mut App, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        effects.extend(app.handle(key(match c {
            '\t' => KeyCode::Tab,
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\x08' => KeyCode::Backspace,
            c => KeyCode::Char(c),
        })));
    }
    effects
}

fn journal_count(store: &Store) -> i64 {
    dun::store::activities::count(store.conn()).unwrap()
}

/// A payment of the queue's first line, recorded from the workbench; the
/// journal shown with it first. Returns the payment's entry.
fn a_payment_in_the_journal(app: &mut Bench<'_>) -> i64 {
    app.typed("1g$\n4g");
    let e = &app.app.journal.entries[0];
    assert_eq!(e.kind, "payment", "{:?}", app.app.message());
    e.id
}

#[test]
fn x_opens_the_correction_reads_what_it_undoes_and_enter_asks_to_record_it() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let id = a_payment_in_the_journal(&mut app);
    let effects = handle(&mut app.app, "x");
    assert_eq!(effects, [Effect::PreviewCorrection(id)]);
    let Mode::Correct(form) = &app.app.mode else {
        panic!("{:?}", app.app.mode)
    };
    assert_eq!((form.refers_to, form.undoes.as_deref()), (id, None));
    // What it would undo, read through the effect, shows in the form.
    app.app.mode = dun::app::Mode::List;
    app.typed("x");
    let Mode::Correct(form) = &app.app.mode else {
        panic!("{:?}", app.app.mode)
    };
    let undoes = form.undoes.clone().unwrap();
    assert!(undoes.starts_with("payment of "), "{undoes}");
    // No reason: refused in the form, nothing asked.
    assert_eq!(handle(&mut app.app, "\n"), []);
    let Mode::Correct(form) = &app.app.mode else {
        panic!("{:?}", app.app.mode)
    };
    assert!(form.error.as_deref().unwrap().starts_with("Reason"));
    // A reason, then Enter: the correction asked for.
    let effects = handle(&mut app.app, "cheque bounced\n");
    assert_eq!(
        effects,
        [Effect::Correct(dun::record::Correction {
            refers_to: id,
            reason: "cheque bounced".into(),
        })]
    );
    // Esc instead: nothing asked, the journal as it was.
    let before = journal_count(app.store());
    assert_eq!(handle(&mut app.app, "\x1b"), []);
    assert_eq!(app.app.mode, Mode::List);
    assert_eq!(journal_count(app.store()), before);
}

#[test]
fn a_correction_recorded_shows_in_the_journal_and_a_second_one_is_refused() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    let id = a_payment_in_the_journal(&mut app);
    let before = journal_count(app.store());
    app.typed("xcheque bounced\n");
    assert_eq!(app.app.mode, Mode::List);
    assert!(
        app.app
            .message()
            .starts_with(&format!("Corrected entry {id}")),
        "{}",
        app.app.message()
    );
    assert_eq!(journal_count(app.store()), before + 1);
    // The correction first, the payment marked corrected by it.
    let entries = &app.app.journal.entries;
    assert_eq!(entries[0].kind, "correction");
    assert_eq!(entries[0].refers_to, Some(id));
    let payment = entries.iter().find(|e| e.id == id).unwrap();
    assert_eq!(payment.corrected_by, Some(entries[0].id));
    // The payment again: refused at once, on the message line, nothing
    // written; the correction itself cannot be corrected either.
    let at = entries.iter().position(|e| e.id == id).unwrap();
    app.typed("g");
    for _ in 0..at {
        app.typed("j");
    }
    app.typed("x");
    assert_eq!(app.app.mode, Mode::List);
    assert!(
        app.app.message().starts_with(&format!(
            "Not corrected: journal entry {id} was corrected already"
        )),
        "{}",
        app.app.message()
    );
    app.typed("gx");
    assert_eq!(app.app.mode, Mode::List);
    assert!(
        app.app.message().contains("is a correction itself"),
        "{}",
        app.app.message()
    );
    assert_eq!(journal_count(app.store()), before + 1);
}

fn client_form(app: &App) -> &dun::app::form::ClientForm {
    match &app.mode {
        Mode::ClientForm(f) => f,
        m => panic!("{m:?}"),
    }
}

#[test]
fn e_on_a_client_page_prefills_every_field_and_sends_only_the_changed_ones() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    app.typed("\n");
    let client = app.app.client_page().unwrap().client.clone();
    assert_eq!(handle(&mut app.app, "e"), []);
    let form = client_form(&app.app);
    assert_eq!(form.code.as_deref(), Some(client.code.as_str()));
    assert_eq!(form.fields.len(), ClientField::ALL.len());
    for f in &form.fields {
        let field = f.field.unwrap();
        assert_eq!(f.seen, field.value(&client), "{field:?}");
    }
    // Enter with nothing changed: closed, nothing asked.
    assert_eq!(handle(&mut app.app, "\n"), []);
    assert_eq!(app.app.mode, Mode::Page);
    assert_eq!(app.app.message(), "Nothing changed.");
    // The e-mail (the fifth field) changed: only it is sent, with what the
    // form showed.
    handle(&mut app.app, "e\t\t\t\t");
    let old = client_form(&app.app).fields[4].value.clone();
    let erase = "\x08".repeat(old.chars().count());
    let effects = handle(&mut app.app, &format!("{erase}new@example.org\n"));
    let [Effect::EditClient(edit)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(edit.code, client.code);
    assert_eq!(
        edit.changes,
        [dun::record::client::Change {
            field: ClientField::Email,
            seen: Some(old.clone()),
            new: "new@example.org".into(),
        }]
    );
    // Performed: saved, said old → new, the page read again.
    app.typed("\x1be\t\t\t\t");
    app.typed(&format!("{erase}new@example.org\n"));
    assert_eq!(app.app.mode, Mode::Page);
    assert!(
        app.app.message().contains("→ new@example.org"),
        "{}",
        app.app.message()
    );
    let page = app.app.client_page().unwrap();
    assert_eq!(page.client.email.as_deref(), Some("new@example.org"));
    assert_eq!(page.timeline[0].kind, "client_change");
}

#[test]
fn a_bad_value_or_a_change_made_meanwhile_keeps_the_form_open_with_the_reason() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    app.typed("3");
    assert_eq!(app.app.tab, Tab::Clients);
    let code = app.app.clients.line().unwrap().client.code.clone();
    let before = journal_count(app.store());
    // Bad: a language no letter is written in.
    app.typed("e\t\t\t\t\t\t");
    assert_eq!(client_form(&app.app).focus, 6);
    app.typed("\x08\x08xx\n");
    let form = client_form(&app.app);
    let error = form.error.clone().unwrap();
    assert!(error.starts_with("language:"), "{error}");
    // Another clerk changes the phone while this form is open: this
    // form's change of it is refused, saying who, and nothing is written.
    app.typed("\x08\x08en\x1b");
    app.typed("e\t\t\t9");
    let edit = dun::record::client::ClientEdit {
        code: code.clone(),
        changes: vec![dun::record::client::Change {
            field: ClientField::Phone,
            seen: None,
            new: "01 02 03 04 05".into(),
        }],
    };
    dun::record::client::edit(app.store(), &edit, "bob", today(), chrono::Utc::now()).unwrap();
    app.typed("\n");
    let error = client_form(&app.app).error.clone().unwrap();
    assert!(error.contains("phone: changed by bob meanwhile"), "{error}");
    assert_eq!(journal_count(app.store()), before + 1, "bob's change alone");
}

#[test]
fn a_on_clients_asks_for_the_required_fields_then_opens_the_new_client() {
    let (_dir, mut store) = demo();
    let mut app = started(&mut store);
    app.typed("3");
    assert_eq!(handle(&mut app.app, "A"), []);
    let form = client_form(&app.app);
    assert!(form.adding());
    assert_eq!(form.fields.len(), ClientField::ALL.len() + 1);
    assert!(form.fields.iter().all(|f| f.value.is_empty()));
    let required: Vec<_> = (0..form.fields.len())
        .filter(|i| form.required(*i))
        .map(|i| form.fields[i].label())
        .collect();
    assert_eq!(required, ["code", "name", "language", "country", "profile"]);
    // Each missing one named in turn; nothing asked.
    assert_eq!(handle(&mut app.app, "\n"), []);
    let error = |app: &App| client_form(app).error.clone().unwrap();
    assert!(error(&app.app).starts_with("code:"), "{}", error(&app.app));
    handle(&mut app.app, "NEW-1\tAtelier Neuf\n");
    assert!(
        error(&app.app).starts_with("language:"),
        "{}",
        error(&app.app)
    );
    // Language, country and profile (fields 8, 9 and 10 with the code).
    handle(&mut app.app, "\t\t\t\t\t\tfr\tFR\tadministration");
    let effects = handle(&mut app.app, "\n");
    let [Effect::AddClient(new)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(new.code, "NEW-1");
    assert_eq!(
        new.fields,
        [
            (ClientField::Name, "Atelier Neuf".to_string()),
            (ClientField::Language, "fr".to_string()),
            (ClientField::Country, "FR".to_string()),
            (ClientField::Profile, "administration".to_string()),
        ]
    );
    // Performed: the new client's page opens.
    app.typed("\n");
    assert_eq!(app.app.mode, Mode::Page, "{}", app.app.message());
    let page = app.app.client_page().unwrap();
    assert_eq!(page.client.code, "NEW-1");
    assert_eq!(page.client.name, "Atelier Neuf");
}
