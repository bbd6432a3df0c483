//! Search, the clients list and the journal a page at a time, and what
//! changed since a workbench last looked, over real databases: the SQL
//! agrees with the pure rules (src/domain/search.rs folding, the clients
//! list computed from the ledger, the whole queue).

#[path = "common/old_schema.rs"]
mod old_schema;

use chrono::NaiveDate;
use dun::commands::log::{LogRequest, run as log};
use dun::domain::client::Client;
use dun::domain::search::{Needle, fold};
use dun::store::aging::{self, AgingQuery};
use dun::store::changes;
use dun::store::client_list::{self, ClientQuery, ClientSort, ClientWindow};
use dun::store::journal_page::{self, JournalQuery, JournalWindow};
use dun::store::{Store, StoreError, clients, journal, queue};
use dun::team::TeamSettings;
use proptest::prelude::*;

fn today() -> NaiveDate {
    "2026-11-22".parse().unwrap()
}

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    dun::commands::demo::fill(&mut store, today(), 400, "root").unwrap();
    (dir, store)
}

fn log_entry(store: &mut Store, req: LogRequest) {
    let mut out = Vec::new();
    log(store, &req, "clerk", today(), chrono::Utc::now(), &mut out).unwrap();
}

/// A client added as an import adds one.
fn add_client(store: &mut Store, code: &str, name: &str, email: Option<&str>, phone: Option<&str>) {
    let mut c = store
        .read(|tx| clients::find(tx, "FR-00001"))
        .unwrap()
        .unwrap()
        .1;
    c.code = code.into();
    c.name = name.into();
    c.email = email.map(Into::into);
    c.phone = phone.map(Into::into);
    store
        .write(|tx| clients::insert(tx, &c).map(|_| ()))
        .unwrap();
}

fn first_client(store: &mut Store) -> Client {
    store
        .read(|tx| clients::find(tx, "FR-00001"))
        .unwrap()
        .unwrap()
        .1
}

#[test]
fn accents_and_case_are_ignored_on_every_list() {
    let (_dir, mut store) = demo();
    add_client(
        &mut store,
        "FR-EBEN",
        "Ébénisterie Lefèvre",
        Some("Compta@Ebenisterie.FR"),
        Some("+33 4 78 12 34 56"),
    );
    log_entry(
        &mut store,
        LogRequest {
            kind: "note".into(),
            client: Some("FR-EBEN".into()),
            note: Some("first contact".into()),
            ..LogRequest::default()
        },
    );
    for typed in [
        "ebenisterie",
        "ÉBÉNISTERIE",
        "ébénisterie",
        "lefevre",
        "compta@eben",
        "78 12 34",
    ] {
        let query = ClientQuery {
            search: typed.into(),
            ..ClientQuery::default()
        };
        let found = store
            .read(|tx| client_list::page(tx, today(), &query, &ClientWindow::First, 50))
            .unwrap();
        assert_eq!(
            found
                .iter()
                .map(|l| l.client.code.as_str())
                .collect::<Vec<_>>(),
            ["FR-EBEN"],
            "clients list, {typed:?}"
        );
        let entries = store
            .read(|tx| {
                journal_page::page(
                    tx,
                    &JournalQuery {
                        search: typed.into(),
                        ..JournalQuery::default()
                    },
                    &JournalWindow::First,
                    50,
                )
            })
            .unwrap();
        assert!(
            !entries.is_empty() && entries.iter().all(|e| e.client == "FR-EBEN"),
            "journal, {typed:?}: {entries:?}"
        );
    }
    // A client with nothing open is in the list, with a zero balance.
    let all = store
        .read(|tx| client_list::count(tx, today(), &ClientQuery::default()))
        .unwrap();
    let clients = store.read(|tx| clients::count(tx)).unwrap();
    assert_eq!(all, clients.unsigned_abs());
    // Aging: a client of the demo by its name without accents, and an
    // invoice by its number in lower case.
    let line = store
        .read(|tx| aging::page(tx, today(), &AgingQuery::default(), 0, 1, None))
        .unwrap()
        .remove(0);
    for typed in [
        fold(&line.client_name).to_uppercase(),
        line.invoice.to_lowercase(),
    ] {
        let q = AgingQuery {
            search: typed.clone(),
            ..AgingQuery::default()
        };
        let found = store
            .read(|tx| aging::page(tx, today(), &q, 0, 10_000, None))
            .unwrap();
        assert!(
            found.iter().any(|l| l.invoice == line.invoice),
            "aging, {typed:?}"
        );
        let n = store.read(|tx| aging::count(tx, today(), &q)).unwrap();
        assert_eq!(n, found.len() as u64);
    }
}

/// Every page of `query`, read down with `After` from the first, then up
/// with `Before` from the last.
fn walk(store: &mut Store, query: &ClientQuery, size: u32) -> (Vec<String>, Vec<String>) {
    let code = |l: &dun::store::clients::ClientLine| l.client.code.clone();
    let mut down = Vec::new();
    let mut window = ClientWindow::First;
    loop {
        let page = store
            .read(|tx| client_list::page(tx, today(), query, &window, size))
            .unwrap();
        assert!(page.len() <= size as usize);
        match page.last() {
            Some(last) => window = ClientWindow::After(last.key(query.sort)),
            None => break,
        }
        down.extend(page.iter().map(code));
    }
    let mut up = Vec::new();
    let mut window = ClientWindow::Last;
    loop {
        let page = store
            .read(|tx| client_list::page(tx, today(), query, &window, size))
            .unwrap();
        match page.first() {
            Some(first) => window = ClientWindow::Before(first.key(query.sort)),
            None => break,
        }
        up.splice(0..0, page.iter().map(code));
    }
    (down, up)
}

#[test]
fn the_clients_list_read_a_page_at_a_time_is_the_list_computed_from_the_ledger() {
    let (_dir, mut store) = demo();
    add_client(&mut store, "ZZ-EMPTY", "Ångström Ølstue", None, None);
    let mut c = first_client(&mut store);
    c.credit_limit = Some(1);
    c.clerk = Some("alice".into());
    store.write(|tx| clients::update(tx, &c)).unwrap();
    for &sort in ClientSort::ALL {
        for (clerk, over_limit, search) in [
            (None, false, ""),
            (Some("alice"), false, ""),
            (None, true, ""),
            (None, false, "e"),
            (Some("alice"), false, "a"),
        ] {
            let query = ClientQuery {
                search: search.into(),
                sort,
                clerk: clerk.map(Into::into),
                over_limit,
            };
            let oracle: Vec<String> = store
                .read(|tx| client_list::in_memory(tx, today(), &query))
                .unwrap()
                .into_iter()
                .map(|l| l.client.code)
                .collect();
            assert!(!oracle.is_empty(), "{query:?}");
            let (down, up) = walk(&mut store, &query, 3);
            assert_eq!(down, oracle, "down, {query:?}");
            assert_eq!(up, oracle, "up, {query:?}");
            let n = store
                .read(|tx| client_list::count(tx, today(), &query))
                .unwrap();
            assert_eq!(n, oracle.len() as u64);
        }
    }
    // Balances as the ledger has them, with nothing open included.
    let paged = store
        .read(|tx| {
            client_list::page(
                tx,
                today(),
                &ClientQuery::default(),
                &ClientWindow::First,
                10_000,
            )
        })
        .unwrap();
    let ledger = store.read(|tx| clients::overview(tx, today())).unwrap();
    assert_eq!(paged, ledger);
}

#[test]
fn balances_follow_payments_and_new_invoices() {
    let (_dir, mut store) = demo();
    let line = store
        .read(|tx| aging::page(tx, today(), &AgingQuery::default(), 0, 1, None))
        .unwrap()
        .remove(0);
    let amount = dun::domain::money::decimal_string(line.outstanding, line.currency.exponent());
    log_entry(
        &mut store,
        LogRequest {
            kind: "payment".into(),
            invoice: vec![line.invoice.clone()],
            amount: Some(amount),
            ..LogRequest::default()
        },
    );
    let paged = store
        .read(|tx| {
            client_list::page(
                tx,
                today(),
                &ClientQuery::default(),
                &ClientWindow::First,
                10_000,
            )
        })
        .unwrap();
    let ledger = store.read(|tx| clients::overview(tx, today())).unwrap();
    assert_eq!(paged, ledger);
    // Another program writes an invoice without dun: the stored balances
    // no longer hold and the list is computed from the ledger until dun's
    // next write brings them up to date.
    store
        .write(|tx| {
            tx.execute_batch(
                "INSERT INTO invoices (number, client_id, issued_on, due_on, amount, currency) \
                 SELECT 'X-1', id, '2026-11-01', '2026-11-10', 12345, currency FROM clients \
                 WHERE code = 'FR-00001'",
            )?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let paged = store
        .read(|tx| {
            client_list::page(
                tx,
                today(),
                &ClientQuery::default(),
                &ClientWindow::First,
                10_000,
            )
        })
        .unwrap();
    let ledger = store.read(|tx| clients::overview(tx, today())).unwrap();
    assert_eq!(paged, ledger);
    // A day before the latest invoice: computed from the ledger.
    let before = "2026-06-30".parse().unwrap();
    let paged = store
        .read(|tx| {
            client_list::page(
                tx,
                before,
                &ClientQuery::default(),
                &ClientWindow::First,
                10_000,
            )
        })
        .unwrap();
    let ledger = store.read(|tx| clients::overview(tx, before)).unwrap();
    assert_eq!(paged, ledger);
}

#[test]
fn the_journal_read_a_page_at_a_time_is_the_journal() {
    let (_dir, mut store) = demo();
    for (user, kind) in [
        (None, None),
        (Some("root"), None),
        (None, Some(dun::domain::activity::ActivityKind::Reminder)),
    ] {
        let whole = store
            .read(|tx| journal::filtered(tx, user, kind, u32::MAX))
            .unwrap();
        assert!(!whole.is_empty());
        let query = JournalQuery {
            user: user.map(Into::into),
            kind,
            search: String::new(),
        };
        let mut down = Vec::new();
        let mut window = JournalWindow::First;
        loop {
            let page = store
                .read(|tx| journal_page::page(tx, &query, &window, 7))
                .unwrap();
            match page.last() {
                Some(e) => window = JournalWindow::After(e.key()),
                None => break,
            }
            down.extend(page);
        }
        assert_eq!(down, whole);
        let mut up = Vec::new();
        let mut window = JournalWindow::Last;
        loop {
            let page = store
                .read(|tx| journal_page::page(tx, &query, &window, 7))
                .unwrap();
            match page.first() {
                Some(e) => window = JournalWindow::Before(e.key()),
                None => break,
            }
            up.splice(0..0, page);
        }
        assert_eq!(up, whole);
        let n = store.read(|tx| journal_page::count(tx, &query)).unwrap();
        assert_eq!(n, whole.len() as u64);
    }
}

#[test]
fn a_workbench_learns_which_clients_changed_and_their_queue_lines_are_the_queue_s() {
    let (_dir, mut store) = demo();
    let rules = TeamSettings::default().rules();
    let seen = store.read(|tx| changes::end(tx)).unwrap();
    let nothing = store.read(|tx| changes::since(tx, seen)).unwrap();
    assert!(nothing.is_empty(), "{nothing:?}");
    let whole = store
        .read(|tx| queue::queue(tx, today(), None, &rules))
        .unwrap();
    let code = whole[0].code.clone();
    log_entry(
        &mut store,
        LogRequest {
            kind: "note".into(),
            client: Some(code.clone()),
            note: Some("called back".into()),
            ..LogRequest::default()
        },
    );
    let changed = store.read(|tx| changes::since(tx, seen)).unwrap();
    assert!(changed.journal && !changed.everything && !changed.team);
    assert_eq!(changed.clients.iter().collect::<Vec<_>>(), [&code]);
    assert!(
        store
            .read(|tx| changes::since(tx, changed.seq))
            .unwrap()
            .is_empty()
    );
    // The lines of any set of clients are the whole queue's lines of them,
    // in the same order.
    let codes: Vec<String> = {
        let mut c: Vec<String> = whole.iter().map(|l| l.code.clone()).collect();
        c.dedup();
        c.into_iter().step_by(3).collect()
    };
    for clerk in [None, Some("alice")] {
        let whole = store
            .read(|tx| queue::queue(tx, today(), clerk, &rules))
            .unwrap();
        let some = store
            .read(|tx| queue::queue_of(tx, today(), &codes, clerk, &rules))
            .unwrap();
        let expected: Vec<_> = whole
            .iter()
            .filter(|l| codes.contains(&l.code))
            .cloned()
            .collect();
        assert!(!expected.is_empty() || clerk.is_some());
        assert_eq!(some, expected);
        // Those lines put in place of theirs give the whole queue back, in
        // its order, from any order: what an open workbench does after
        // another clerk's write.
        let mut merged: Vec<_> = whole.iter().rev().cloned().collect();
        let fresh = store
            .read(|tx| queue::queue_of(tx, today(), &codes, clerk, &rules))
            .unwrap();
        queue::replace_clients(&mut merged, &codes, fresh);
        assert_eq!(merged, whole);
    }
    // A client page's case: its lines are queue_of's, its outlooks the
    // whole outlook's for its invoices, every one of them.
    let every = store
        .read(|tx| queue::outlooks(tx, today(), &rules))
        .unwrap();
    let mut with_invoices = 0;
    for code in codes.iter().take(5) {
        let queue::ClientCase {
            lines,
            outlooks: looks,
            ..
        } = store
            .read(|tx| queue::case_of(tx, today(), code, &rules))
            .unwrap();
        let alone = store
            .read(|tx| queue::queue_of(tx, today(), std::slice::from_ref(code), None, &rules))
            .unwrap();
        assert_eq!(lines, alone);
        with_invoices += usize::from(!looks.is_empty());
        for (number, look) in &looks {
            assert_eq!(every.get(number), Some(look), "{code} {number}");
        }
        for l in &lines {
            for n in &l.invoices {
                assert!(looks.contains_key(n), "{code} {n}");
            }
        }
    }
    assert!(with_invoices > 0);
    // A change of the team's settings concerns every client.
    let seen = store.read(|tx| changes::end(tx)).unwrap();
    dun::team::change::set(
        &mut store,
        "dunning.ack_days",
        "21",
        "root",
        chrono::Utc::now(),
    )
    .unwrap();
    assert!(store.read(|tx| changes::since(tx, seen)).unwrap().team);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// What SQL finds (the stored keys, the folding function registered
    /// on the connection) is what the Rust rule finds.
    #[test]
    fn sql_search_agrees_with_the_rust_rule(
        names in proptest::collection::vec("[a-zA-Z éÉèøØæÆåÅßñÑçÇœŒüÜ-]{1,16}", 1..6),
        phones in proptest::collection::vec(proptest::option::of("[+0-9 ().-]{3,14}"), 6),
        typed in "[a-zA-ZéÉøæåßñçœü0-9 +-]{0,5}",
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("p.db")).unwrap();
        store.write(|tx| {
            tx.execute_batch(
                "INSERT INTO clients (code, name, profile, currency) \
                 VALUES ('SEED', 'Seed', 'business', 'EUR')",
            )?;
            Ok::<_, StoreError>(())
        }).unwrap();
        let mut expected = Vec::new();
        for (k, name) in names.iter().enumerate() {
            let code = format!("C{k:02}");
            let mut c = first_client_of(&mut store, "SEED");
            c.code = code.clone();
            c.name = name.clone();
            c.email = Some(format!("{}@example.com", name.replace(' ', ".")));
            c.phone = phones[k].clone();
            store.write(|tx| clients::insert(tx, &c).map(|_| ())).unwrap();
            let needle = Needle::new(&typed);
            if needle.matches([c.code.as_str(), c.name.as_str(), c.email.as_deref().unwrap_or("")], c.phone.as_deref()) {
                expected.push(code);
            }
        }
        let query = ClientQuery { search: typed.clone(), ..ClientQuery::default() };
        let found: Vec<String> = store
            .read(|tx| client_list::page(tx, today(), &query, &ClientWindow::First, 100))
            .unwrap()
            .into_iter()
            .map(|l| l.client.code)
            .filter(|c| c != "SEED")
            .collect();
        prop_assert_eq!(found, expected);
        // The SQL function is the Rust function.
        for name in &names {
            let folded: String = store
                .read(|tx| Ok::<_, StoreError>(tx.query_row("SELECT dun_fold(?1)", [name], |r| r.get(0))?))
                .unwrap();
            prop_assert_eq!(folded, fold(name));
        }
    }
}

fn first_client_of(store: &mut Store, code: &str) -> Client {
    store.read(|tx| clients::find(tx, code)).unwrap().unwrap().1
}

#[test]
fn the_queue_is_searched_by_the_same_rule() {
    let (_dir, mut store) = demo();
    let rules = TeamSettings::default().rules();
    let lines = store
        .read(|tx| queue::queue(tx, today(), None, &rules))
        .unwrap();
    let line = &lines[0];
    let client = first_client_of(&mut store, &line.code);
    for typed in [
        fold(&client.name).to_uppercase(),
        client.email.clone().unwrap_or_default().to_uppercase(),
        client.phone.clone().unwrap_or_default(),
        line.invoices
            .first()
            .cloned()
            .unwrap_or_default()
            .to_lowercase(),
    ] {
        let needle = Needle::new(&typed);
        let found = store
            .read(|tx| client_list::found_codes(tx, &typed))
            .unwrap();
        let kept: Vec<_> = lines.iter().filter(|l| l.found(&needle, &found)).collect();
        assert!(kept.iter().any(|l| l.code == line.code), "{typed:?}");
        assert!(kept.len() < lines.len(), "{typed:?} finds every line");
    }
}

/// A database made before migration 011: its clients get their keys and
/// balances when it is opened.
#[test]
fn clients_already_there_are_found_and_have_their_balance_after_the_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let c = old_schema::at_migration(&path, 6);
    c.execute_batch(
        "INSERT INTO clients (id, code, name, profile, currency, phone) \
           VALUES (1, 'C1', 'Ébénisterie Vieille', 'business', 'EUR', '+33 1 23 45 67 89'), \
                  (2, 'C2', 'Nothing Open', 'business', 'EUR', NULL); \
         INSERT INTO invoices (id, number, client_id, issued_on, due_on, amount, currency) \
           VALUES (1, 'F1', 1, '2026-01-01', '2026-02-01', 10000, 'EUR');",
    )
    .unwrap();
    drop(c);
    let mut store = Store::open(&path).unwrap();
    for typed in ["EBENISTERIE", "1 23 45", "f1"] {
        let query = ClientQuery {
            search: typed.into(),
            ..ClientQuery::default()
        };
        let found = store
            .read(|tx| client_list::page(tx, today(), &query, &ClientWindow::First, 10))
            .unwrap();
        assert_eq!(found.len(), 1, "{typed:?}");
        assert_eq!(found[0].client.code, "C1");
        assert_eq!(found[0].balance, 10000);
    }
    let all = store
        .read(|tx| {
            client_list::page(
                tx,
                today(),
                &ClientQuery {
                    sort: ClientSort::Balance,
                    ..ClientQuery::default()
                },
                &ClientWindow::First,
                10,
            )
        })
        .unwrap();
    assert_eq!(
        all.iter()
            .map(|l| (l.client.code.as_str(), l.balance))
            .collect::<Vec<_>>(),
        [("C1", 10000), ("C2", 0)]
    );
}
