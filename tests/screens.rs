//! Whole screens at 80×24, drawn from the demo portfolio with a fixed today,
//! compared with the snapshots in `tests/snapshots/`.

#[path = "common/workbench.rs"]
mod workbench;

use chrono::NaiveDate;
use dun::app::App;
use dun::store::Store;
use dun::tui::{draw, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn today() -> NaiveDate {
    "2026-11-22".parse().unwrap()
}

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    dun::commands::demo::fill(&mut store, today(), 400, "root").unwrap();
    (dir, store)
}

/// The screen after the keys `keys` (`\n` is Enter), as the event loop
/// would draw it.
fn screen(width: u16, height: u16, keys: &str) -> String {
    screen_after(width, height, &[], keys)
}

/// [`screen`] once the team has set `rates` (series, period, value).
fn screen_after(width: u16, height: u16, rates: &[(&str, &str, &str)], keys: &str) -> String {
    screen_seen_on(today(), width, height, rates, keys)
}

/// [`screen_after`] with the workbench opened on `seen` instead of the day
/// the demo was filled.
fn screen_seen_on(
    seen: NaiveDate,
    width: u16,
    height: u16,
    rates: &[(&str, &str, &str)],
    keys: &str,
) -> String {
    let (_dir, mut store) = demo();
    for (series, period, value) in rates {
        let new = dun::rates::NewRate {
            series,
            period,
            value,
            source: "test",
        };
        dun::rates::set(&mut store, new, "root", chrono::Utc::now(), today()).unwrap();
    }
    let mut bench = workbench::open(&mut store, App::new(seen, "root", "DEMO"), width, height);
    bench.typed(keys);
    let app = bench.app;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| draw::draw(f, &app, &Theme::new(false)))
        .unwrap();
    terminal.backend().to_string()
}

#[test]
fn queue() {
    insta::assert_snapshot!(screen(80, 24, ""));
}

/// A wider terminal gives the reason its words and date, then the name
/// more room; the clients list gives its extra columns to the name.
#[test]
fn queue_and_clients_on_a_wide_terminal() {
    insta::assert_snapshot!(screen(130, 24, ""));
    insta::assert_snapshot!(screen(130, 24, "3"));
}

#[test]
fn queue_mine() {
    insta::assert_snapshot!(screen(80, 24, "m"));
}

#[test]
fn aging() {
    insta::assert_snapshot!(screen(80, 24, "2"));
}

#[test]
fn aging_last_page() {
    insta::assert_snapshot!(screen(80, 24, "2G"));
}

#[test]
fn clients() {
    insta::assert_snapshot!(screen(80, 24, "3"));
}

#[test]
fn journal() {
    insta::assert_snapshot!(screen(80, 24, "4"));
}

#[test]
fn help() {
    insta::assert_snapshot!(screen(80, 24, "?"));
}

#[test]
fn too_small() {
    insta::assert_snapshot!(screen(60, 20, ""));
}

#[test]
fn call_form() {
    insta::assert_snapshot!(screen(80, 24, "c"));
}

#[test]
fn promise_form_from_the_aging_list() {
    insta::assert_snapshot!(screen(80, 24, "2p"));
}

#[test]
fn client_page() {
    insta::assert_snapshot!(screen(80, 24, "\n"));
}

/// What governs the client beside its queue lines, one line a fact: the
/// snooze (until when, who, why: the client is off the queue meanwhile),
/// the visit planned, the promise broken and the case's furthest letter
/// with the deadline its letters gave; the open invoices still show.
#[test]
fn client_page_snoozed_with_a_visit_planned() {
    insta::assert_snapshot!(screen(80, 24, "\nz\ton holiday\nv\n"));
}

#[test]
fn aging_filtered_to_one_bucket() {
    insta::assert_snapshot!(screen(80, 24, "2fff"));
}

#[test]
fn letter_preview() {
    // The third line of the queue is a formal notice ready to go.
    insta::assert_snapshot!(screen(80, 24, "jjr"));
}

#[test]
fn client_page_with_a_deposit_below_what_its_rating_asks() {
    // The second client, rated C, asks no deposit of its own.
    insta::assert_snapshot!(screen(80, 24, "3j\n"));
}

#[test]
fn solvency_form() {
    insta::assert_snapshot!(screen(80, 24, "\nN"));
}

/// Every rate the demo's overdue clients need on 2026-11-22 but one: the
/// ECB rate for 2026 H2 (Spain's is published, so it is not derived from it).
const ALL_BUT_ECB: [(&str, &str, &str); 5] = [
    ("france_legal", "2026-H2", "2.50"),
    ("spain", "2026-H2", "10.15"),
    ("norway_interest", "2026-H2", "12.00"),
    ("norway_compensation", "2026-H2", "460"),
    ("uk_bank_rate", "2026-06-30", "4.00"),
];

fn top_line(screen: &str) -> &str {
    screen.lines().next().unwrap()
}

/// The line under the top line, without its quotes and trailing spaces.
fn second_line(screen: &str) -> &str {
    screen.lines().nth(1).unwrap().trim_matches('"').trim_end()
}

const TABS_80: &str =
    "\" 1 Queue  2 Aging  3 Clients  4 Journal                  2026-11-22  root  DEMO \"";

#[test]
fn a_line_under_the_tabs_names_the_missing_rate_with_the_command_to_run() {
    // The demo as shipped: six rates of 2026 H2 missing (ECB, French legal
    // rate, Spain, Norway's interest and compensation, the Bank Rate of
    // 30 June 2026): how many, and the first by its command, on a line of
    // its own, so that the tabs, the day, the clerk and the database stay.
    let shown = screen(80, 24, "");
    assert_eq!(top_line(&shown), TABS_80);
    assert_eq!(
        second_line(&shown),
        "6 rates missing, the first: dun rates set ecb 2026-H2 VALUE --source TEXT"
    );
    // One missing: named.
    let shown = screen_after(80, 24, &ALL_BUT_ECB, "");
    assert_eq!(top_line(&shown), TABS_80);
    assert_eq!(
        second_line(&shown),
        "No ECB rate for 2026-H2 — dun rates set ecb 2026-H2 VALUE --source TEXT"
    );
    // A wide terminal says it with the most words.
    let wide = screen_after(160, 24, &ALL_BUT_ECB, "");
    assert!(top_line(&wide).starts_with("\" 1 Queue  2 Aging  3 Clients  4 Journal"));
    assert!(top_line(&wide).ends_with("2026-11-22  root  DEMO \""));
    assert_eq!(
        second_line(&wide),
        "No ECB rate for 2026-H2 — dun rates set ecb 2026-H2 VALUE --source TEXT"
    );
}

#[test]
fn once_the_team_set_every_rate_needed_the_line_is_gone() {
    let mut all = ALL_BUT_ECB.to_vec();
    all.push(("ecb", "2026-H2", "2.15"));
    let shown = screen_after(80, 24, &all, "");
    assert_eq!(top_line(&shown), TABS_80);
    assert!(second_line(&shown).starts_with("Client"), "{shown}");
    // An ECB rate alone also gives Spain's (ECB + 8, derived).
    let derived: Vec<_> = all.iter().filter(|r| r.0 != "spain").copied().collect();
    assert!(!screen_after(80, 24, &derived, "").contains("dun rates set"));
}

/// From an `escalate` line (the fifth of the demo's queue): the case goes
/// to an agency or a court, with its reference and review date.
#[test]
fn escalation_form_from_an_escalate_line() {
    insta::assert_snapshot!(screen(80, 24, "jjjje"));
}

/// The payment plan form proposes three equal monthly instalments of
/// what the case owes.
#[test]
fn payment_plan_form_from_an_escalate_line() {
    insta::assert_snapshot!(screen(80, 24, "jjjjL"));
}

#[test]
fn write_off_form() {
    insta::assert_snapshot!(screen(80, 24, "W"));
}

/// The day the workbench is opened a year after the demo was filled: every
/// date in the demo is more than 11 months back.
fn a_year_later() -> NaiveDate {
    "2027-11-22".parse().unwrap()
}

#[test]
fn queue_a_year_later_shows_last_contacts_with_their_year() {
    insta::assert_snapshot!(screen_seen_on(a_year_later(), 80, 24, &[], ""));
}

#[test]
fn journal_a_year_later_shows_days_with_their_year() {
    insta::assert_snapshot!(screen_seen_on(a_year_later(), 80, 24, &[], "4"));
}

/// `?` on a client page lists the page's keys: logging, scrolling, back.
#[test]
fn help_on_the_client_page() {
    insta::assert_snapshot!(screen(80, 24, "\n?"));
}

/// Every key of the aging list fits the help at 80×24.
#[test]
fn help_on_the_aging_list() {
    insta::assert_snapshot!(screen(80, 24, "2?"));
}

/// `?` over a letter lists the letter's keys, over the letter.
#[test]
fn help_on_a_letter() {
    insta::assert_snapshot!(screen(80, 24, "jjr?"));
}

/// `M` shows the last messages in full, newest first: the held letter's
/// message, cut on the message line, is whole here.
#[test]
fn the_last_messages_in_full() {
    insta::assert_snapshot!(screen(80, 24, "jjr\x1bM"));
}

#[test]
fn correction_form() {
    // A payment recorded from the queue, then corrected from the journal.
    insta::assert_snapshot!(screen(80, 24, "1g$\n4gxcheque bounced"));
}

#[test]
fn client_edit_form() {
    // From Clients, the e-mail field focused.
    insta::assert_snapshot!(screen(80, 24, "3e\t\t\t\t"));
}

#[test]
fn client_add_form_scrolled_to_its_last_field() {
    insta::assert_snapshot!(screen(80, 24, "3A\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t"));
}

#[test]
fn journal_with_a_payment_corrected() {
    // The correction first; the payment marked, saying which entry undid it.
    insta::assert_snapshot!(screen(80, 24, "1g$\n4gxcheque bounced\n"));
}

#[test]
fn client_edit_form_refusing_a_value_says_why_in_full() {
    // The e-mail erased and replaced by a word that is no address.
    let erase = "\u{8}".repeat(40);
    insta::assert_snapshot!(screen(
        80,
        24,
        &format!("3e\t\t\t\t{erase}not an address\n")
    ));
}

#[test]
fn client_add_form_cuts_long_values_by_display_width() {
    // A name of wide characters (cut with … at the end) and the contact
    // being typed (its end shown, where the typing goes).
    let name = "株式会社".repeat(20);
    let contact = "Zoë-Åsa 👩‍👩‍👧 Ødegård-Fernández ".repeat(4);
    insta::assert_snapshot!(screen(80, 24, &format!("3A\t{name}\t{contact}")));
}
