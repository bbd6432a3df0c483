//! The real binary in a real terminal, as clerks use it: tmux at 80×24,
//! keys sent as a clerk types them, the screen read back, and what they
//! did checked from outside (the journal, another workbench, the store).

#[path = "common/tmux.rs"]
mod tmux;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use tmux::{DUN, TODAY, Tmux, WORKBENCH, another_clerk_writes, demo_db, dun_ok, login};

/// `dun rates set SERIES PERIOD VALUE` on `db` as another clerk would.
fn another_clerk_sets(db: &Path, series: &str, period: &str, value: &str) {
    let out = Command::new(DUN)
        .args(["rates", "set", series, period, value, "--source", "e2e"])
        .env("DUN_DB", db)
        .env("DUN_TODAY", TODAY)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_line_under_the_tabs_names_a_missing_rate_until_another_clerk_sets_it() {
    let (_dir, db) = demo_db();
    let tmux = Tmux::start(&db);
    // The demo's overdue clients need six rates of 2026 H2 that nobody
    // set: how many, the first by the command that sets it, on a line of
    // its own under the tabs, the day, the clerk and the database.
    let screen =
        tmux.wait_for("6 rates missing, the first: dun rates set ecb 2026-H2 VALUE --source TEXT");
    let mut lines = screen.lines();
    let top = lines.next().unwrap();
    assert!(top.contains("1 Queue") && top.contains("team.db"), "{top}");
    let second = lines.next().unwrap();
    assert!(second.starts_with("6 rates missing"), "{second}");
    // Another clerk sets the ECB rate: the running workbench reads it at
    // once (Spain's is derived from it); four are left, the first named.
    another_clerk_sets(&db, "ecb", "2026-H2", "2.15");
    let screen =
        tmux.wait_for("4 rates missing: dun rates set france_legal 2026-H2 VALUE --source TEXT");
    assert!(screen.contains("1 Queue"), "{screen}");
    for (series, period, value) in [
        ("france_legal", "2026-H2", "2.50"),
        ("norway_interest", "2026-H2", "12.00"),
        ("norway_compensation", "2026-H2", "460"),
        ("uk_bank_rate", "2026-06-30", "4.00"),
    ] {
        another_clerk_sets(&db, series, period, value);
    }
    // None missing: the line is gone, the list takes it back.
    let started = Instant::now();
    let screen = loop {
        let screen = tmux.screen();
        let second = screen.lines().nth(1).unwrap_or("");
        if second.starts_with("Client") {
            break screen;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the line stayed:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(!screen.contains("dun rates set"), "{screen}");
    assert!(screen.contains("2026-11-22"), "{screen}");
    tmux.keys(&["q"]);
}

#[test]
fn a_clerk_logs_a_call_from_the_queue_and_it_is_in_the_journal() {
    let (_dir, db) = demo_db();
    let tmux = Tmux::start(&db);
    let screen = tmux.wait_for(WORKBENCH);
    assert!(screen.contains("broken promise"), "{screen}");
    assert!(screen.contains("team.db"), "{screen}");

    tmux.keys(&["2"]);
    tmux.wait_for("Bucket");
    // Search as a clerk types it, then clear it.
    tmux.keys(&["/", "Stadt"]);
    let screen = tmux.wait_for("found");
    assert!(screen.contains("Stadt Köln"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("line 1 of 110");
    tmux.keys(&["j", "j", "G", "g", "4"]);
    tmux.wait_for("Day   Who");
    tmux.keys(&["1"]);
    tmux.wait_for("Reason");

    // c, 2 (no answer), a note, Enter.
    tmux.keys(&["c"]);
    tmux.wait_for("Outcome");
    tmux.keys(&["2", "called twice, voicemail full", "Enter"]);
    tmux.wait_for("Call logged (no_answer)");
    tmux.keys(&["q"]);

    let out = Command::new(DUN)
        .args(["export", "journal", "--format", "json"])
        .env("DUN_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success());
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let call = entries
        .iter()
        .find(|e| e["note"] == "called twice, voicemail full")
        .expect("the call is in the journal");
    assert_eq!(call["kind"], "call");
    assert_eq!(call["outcome"], "no_answer");
    assert_eq!(call["user"], login().as_str());
    assert_eq!(call["on"], TODAY);
}

#[test]
fn an_e_mail_edited_in_one_workbench_is_seen_by_another_on_the_same_database() {
    let (_dir, db) = demo_db();
    let editing = Tmux::start(&db);
    let watching = Tmux::start(&db);
    editing.wait_for(WORKBENCH);
    watching.wait_for(WORKBENCH);
    // The second clerk has the first client's page open.
    watching.keys(&["3"]);
    watching.wait_for("A add");
    watching.keys(&["Enter"]);
    let page = watching.wait_for("Email");
    assert!(!page.contains("new.address@example.org"), "{page}");
    // The first clerk edits that client's e-mail from Clients: e, the
    // fifth field, the old address erased, the new one typed, Enter.
    editing.keys(&["3"]);
    editing.wait_for("A add");
    editing.keys(&["e"]);
    editing.wait_for("Edit the client");
    editing.keys(&["Tab", "Tab", "Tab", "Tab"]);
    let erase = ["BSpace"; 48];
    editing.keys(&erase);
    editing.keys(&["new.address@example.org", "Enter"]);
    editing.wait_for("→ new.address@example.org");
    let saved = Instant::now();
    // The second workbench reads it again on its own.
    let seen = loop {
        if watching.screen().contains("new.address@example.org") {
            break saved.elapsed();
        }
        assert!(
            saved.elapsed() < Duration::from_secs(3),
            "not seen by the other workbench:\n{}",
            watching.screen()
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    eprintln!("the other workbench showed the new e-mail {seen:?} after it was saved");
    assert!(seen < Duration::from_millis(2500), "{seen:?}");
    editing.keys(&["q"]);
    watching.keys(&["Escape", "q"]);

    // The journal says who changed what, old → new.
    let out = Command::new(DUN)
        .args(["export", "journal", "--format", "json"])
        .env("DUN_DB", &db)
        .output()
        .unwrap();
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let change = entries
        .iter()
        .find(|e| e["kind"] == "client_change")
        .expect("the change is in the journal");
    let note = change["note"].as_str().unwrap();
    assert!(note.starts_with("e-mail: "), "{note}");
    assert!(note.ends_with("→ new.address@example.org"), "{note}");
    assert_eq!(change["user"], login().as_str());
}

#[test]
fn a_payment_reversed_from_the_journal_puts_the_invoice_back_in_the_aging() {
    let (_dir, db) = demo_db();
    let run = |args: &[&str]| {
        let out = Command::new(DUN)
            .args(args)
            .env("DUN_DB", &db)
            .env("DUN_TODAY", TODAY)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let queue: serde_json::Value =
        serde_json::from_slice(&run(&["queue", "--format", "json"])).unwrap();
    let invoice = queue[0]["invoices"][0].as_str().unwrap().to_string();
    // Paid in full: no longer in the aging.
    run(&[
        "log",
        "payment",
        "--invoice",
        &invoice,
        "--method",
        "cheque",
    ]);
    let tmux = Tmux::start(&db);
    tmux.wait_for(WORKBENCH);
    tmux.keys(&["2"]);
    tmux.wait_for("Bucket");
    tmux.keys(&["/", &invoice, "Enter"]);
    tmux.wait_for("none match");

    // The cheque bounced: x on the payment's entry, the newest.
    tmux.keys(&["4"]);
    tmux.wait_for("Day   Who");
    tmux.keys(&["g", "x"]);
    let form = tmux.wait_for("Undoes  payment of");
    assert!(form.contains(&invoice), "{form}");
    tmux.keys(&["cheque bounced", "Enter"]);
    let journal = tmux.wait_for("Corrected entry");
    let rows: Vec<&str> = journal.lines().collect();
    assert!(rows[3].contains("correction"), "{journal}");
    assert!(rows[4].contains("✗ payment"), "{journal}");
    assert!(rows[4].contains("corrected by"), "{journal}");

    // Back in the aging, found by its number.
    tmux.keys(&["2"]);
    let aging = tmux.wait_for("line 1 of 1 found");
    assert!(aging.contains(&invoice), "{aging}");
    tmux.keys(&["q"]);

    let out = run(&["export", "journal", "--format", "json"]);
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&out).unwrap();
    let correction = entries
        .iter()
        .find(|e| e["kind"] == "correction")
        .expect("the correction is in the journal");
    assert!(
        correction["note"]
            .as_str()
            .unwrap()
            .ends_with("cheque bounced"),
        "{correction}"
    );
}

#[test]
fn a_search_finds_a_client_case_and_accents_aside_even_with_nothing_open() {
    let (_dir, db) = demo_db();
    // A new client, nothing invoiced yet, its name with accents.
    let out = Command::new(DUN)
        .args([
            "client",
            "add",
            "FR-09999",
            "--name",
            "Ébénisterie Dupré",
            "--language",
            "fr",
            "--country",
            "FR",
            "--profile",
            "business",
            "--email",
            "atelier@dupre.example",
        ])
        .env("DUN_DB", &db)
        .env("DUN_TODAY", TODAY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let bench = Tmux::start(&db);
    bench.wait_for(WORKBENCH);
    bench.keys(&["3"]);
    bench.wait_for("A add");
    // Typed without accents, in capitals: found.
    bench.keys(&["/", "EBENISTERIE DUPRE"]);
    let screen = bench.wait_for("FR-09999");
    assert!(screen.contains("Ébénisterie"), "{screen}");
    assert!(!screen.contains("FR-00001"), "{screen}");
    // By e-mail, after clearing: found again, and Enter opens its page.
    bench.keys(&["Escape", "/", "atelier@dupre"]);
    bench.wait_for("FR-09999");
    bench.keys(&["Enter"]);
    bench.wait_for("1 found");
    bench.keys(&["Enter"]);
    let page = bench.wait_for("atelier@dupre.example");
    assert!(page.contains("Ébénisterie Dupré"), "{page}");
    bench.keys(&["Escape", "q"]);
}

#[test]
fn a_promise_from_a_client_page_covers_the_invoice_the_clerk_types() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let clients = dir.path().join("clients.csv");
    let invoices = dir.path().join("invoices.csv");
    std::fs::write(
        &clients,
        "code,name,country,language,profile,email,currency\n\
         ACME,Acme Tools Ltd,GB,en,business,ap@acme.example,EUR\n",
    )
    .unwrap();
    std::fs::write(
        &invoices,
        "invoice,customer,invoice date,due date,amount,currency\n\
         A-1,ACME,2026-09-01,2026-10-01,1000.00,EUR\n\
         A-2,ACME,2026-09-15,2026-10-15,400.00,EUR\n",
    )
    .unwrap();
    dun_ok(&db, &["import", "clients", clients.to_str().unwrap()]);
    dun_ok(&db, &["import", "invoices", invoices.to_str().unwrap()]);
    let bench = Tmux::start(&db);
    bench.open_client("ACME", "Acme Tools Ltd");
    bench.wait_for("ap@acme.example");
    // p: the form asks which invoices, the whole overdue account first.
    bench.keys(&["p"]);
    let form = bench.wait_for("Invoices");
    assert!(form.contains("all overdue"), "{form}");
    assert!(form.contains("1400.00"), "{form}");
    // Down twice to Invoices: the overdue invoices are listed under it;
    // erase "all overdue", type A-2: the amount follows.
    bench.keys(&["Down", "Down"]);
    bench.wait_for("A-1 A-2");
    for _ in 0.."all overdue".len() {
        bench.keys(&["BSpace"]);
    }
    bench.keys(&["A-2"]);
    // The amount follows: 400.00 where 1400.00 stood.
    let started = Instant::now();
    let form = loop {
        let form = bench.screen();
        if !form.contains("1400.00") || started.elapsed() > Duration::from_secs(5) {
            break form;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(!form.contains("1400.00"), "{form}");
    assert!(form.contains("400.00"), "{form}");
    bench.keys(&["Enter"]);
    bench.wait_for("Promise logged for 2026-11-27");
    bench.keys(&["Escape", "q"]);

    let entries: Vec<serde_json::Value> =
        serde_json::from_str(&dun_ok(&db, &["export", "journal", "--format", "json"])).unwrap();
    let promise = entries
        .iter()
        .find(|e| e["kind"] == "promise")
        .expect("the promise is in the journal");
    assert_eq!(promise["invoice"], "A-2", "{promise}");
    assert_eq!(promise["date"], "2026-11-27");
    assert_eq!(promise["amount"], "400.00", "{promise}");
}

#[test]
fn a_client_page_says_when_its_snooze_ends_and_the_deadline_its_letters_gave() {
    let (_dir, db) = demo_db();
    let out = Command::new(DUN)
        .args([
            "log",
            "snooze",
            "--client",
            "NO-00028",
            "--date",
            "2026-12-09",
            "--note",
            "on holiday",
        ])
        .env("DUN_DB", &db)
        .env("DUN_TODAY", TODAY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let bench = Tmux::start(&db);
    bench.open_client("NO-00028", "Lars Hansen");
    let page = bench.wait_for("Snoozed until");
    // Snoozed, the client has no queue line: the page says why, until
    // when, who and what for; and where the case stands.
    assert!(page.contains("Today: nothing to do"), "{page}");
    let who = login();
    assert!(
        page.contains(&format!("Snoozed until 2026-12-09 (by {who}: on holiday)")),
        "{page}"
    );
    assert!(
        page.contains("Case: reminder 3 sent 02-27; last deadline 08-18, passed"),
        "{page}"
    );
    assert!(
        page.contains("Broken promise: 11,918.80 NOK by 11-05"),
        "{page}"
    );
    assert!(page.contains("F2026-000248"), "{page}");
    bench.keys(&["Escape", "q"]);
}

/// The days a queue is kept for in `db`, and the change each is current to.
fn kept_days(db: &Path) -> Vec<(String, i64)> {
    let mut store = dun::store::Store::open(db).unwrap();
    store
        .read(|tx| {
            let mut days = Vec::new();
            for day in dun::store::queue_kept::days(tx)? {
                if let Some(mark) = dun::store::queue_kept::mark(tx, day)? {
                    days.push((day.to_string(), mark.seq));
                }
            }
            Ok::<_, dun::store::StoreError>(days)
        })
        .unwrap()
}

#[test]
fn an_open_workbench_keeps_the_next_days_queues_for_the_next_morning() {
    let (_dir, db) = demo_db();
    let evening = Tmux::start(&db);
    evening.wait_for(WORKBENCH);
    // Its keeper keeps today's queue and the next three days'.
    let days = ["2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"];
    let started = Instant::now();
    let kept = loop {
        let kept = kept_days(&db);
        if kept.len() == days.len() || started.elapsed() > Duration::from_secs(10) {
            break kept;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let names: Vec<&str> = kept.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(names, days);
    let evening_seq = kept[1].1;
    evening.keys(&["q"]);
    // A note written after the workbench closed: the kept queues are one
    // change behind.
    another_clerk_writes(&db, "left a message at 19:00");

    // The next morning's first workbench reads its queue kept the evening
    // before, brought up to date with that note, and keeps it so; the
    // days before it are forgotten once its keeper runs.
    let morning = Tmux::run(&format!(
        "env DUN_DB='{}' DUN_TODAY=2026-11-23 '{DUN}'; sleep 30",
        db.display()
    ));
    let screen = morning.wait_for(WORKBENCH);
    let started = Instant::now();
    let kept = loop {
        let kept = kept_days(&db);
        let newest = kept.iter().map(|(_, s)| *s).max().unwrap_or(0);
        let current = kept.len() == 4 && kept.iter().all(|(_, s)| *s == newest);
        if (kept[0].0 == "2026-11-23" && current) || started.elapsed() > Duration::from_secs(10) {
            break kept;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let names: Vec<&str> = kept.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(
        names,
        ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"],
        "{kept:?}"
    );
    // Every day now current to the same change, past the evening's.
    assert!(kept.iter().all(|(_, s)| *s == kept[0].1), "{kept:?}");
    assert!(kept[0].1 > evening_seq, "{kept:?} after {evening_seq}");
    // What it shows is the day's queue (read after it kept it: the
    // command keeps what it reads too).
    let expected = dun_ok(&db, &["queue", "--as-of", "2026-11-23", "--format", "json"]);
    let expected: serde_json::Value = serde_json::from_str(&expected).unwrap();
    let first = expected[0]["name"].as_str().unwrap();
    assert!(
        screen.contains(&first.chars().take(12).collect::<String>()),
        "{first:?} first on\n{screen}"
    );
    morning.keys(&["q"]);
}
