//! Whole screens at 80×24, drawn from the demo portfolio with a fixed today,
//! compared with the snapshots in `tests/snapshots/`.

use chrono::NaiveDate;
use dun::app::{Action, App, Load, Tab};
use dun::store::Store;
use dun::tui::{draw, layout, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn today() -> NaiveDate {
    "2026-11-22".parse().unwrap()
}

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    dun::commands::demo::fill(&mut store, today(), 400, "root").unwrap();
    (dir, store)
}

/// The screen after `actions`, as the event loop would draw it.
fn screen(width: u16, height: u16, actions: &[Action]) -> String {
    screen_after(width, height, &[], actions)
}

/// [`screen`] once the team has set `rates` (series, period, value).
fn screen_after(
    width: u16,
    height: u16,
    rates: &[(&str, &str, &str)],
    actions: &[Action],
) -> String {
    screen_seen_on(today(), width, height, rates, actions)
}

/// [`screen_after`] with the workbench opened on `seen` instead of the day
/// the demo was filled.
fn screen_seen_on(
    seen: NaiveDate,
    width: u16,
    height: u16,
    rates: &[(&str, &str, &str)],
    actions: &[Action],
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
    let mut app = App::new(seen, "root", "DEMO");
    let size = Rect::new(0, 0, width, height);
    app.list_height = layout::list_rows(app.tab, size);
    app.load(&mut store, Load::All).unwrap();
    for action in actions {
        if let Some(load) = app.update(*action) {
            app.load(&mut store, load).unwrap();
        }
        if let Some(load) = app.fit(layout::list_rows(app.tab, size)) {
            app.load(&mut store, load).unwrap();
        }
    }
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| draw::draw(f, &app, &Theme::new(false)))
        .unwrap();
    terminal.backend().to_string()
}

#[test]
fn queue() {
    insta::assert_snapshot!(screen(80, 24, &[]));
}

#[test]
fn queue_mine() {
    insta::assert_snapshot!(screen(80, 24, &[Action::ToggleMine]));
}

#[test]
fn aging() {
    insta::assert_snapshot!(screen(80, 24, &[Action::Show(Tab::Aging)]));
}

#[test]
fn aging_last_page() {
    insta::assert_snapshot!(screen(80, 24, &[Action::Show(Tab::Aging), Action::Bottom]));
}

#[test]
fn clients() {
    insta::assert_snapshot!(screen(80, 24, &[Action::Show(Tab::Clients)]));
}

#[test]
fn journal() {
    insta::assert_snapshot!(screen(80, 24, &[Action::Show(Tab::Journal)]));
}

#[test]
fn help() {
    insta::assert_snapshot!(screen(80, 24, &[Action::Help]));
}

#[test]
fn too_small() {
    insta::assert_snapshot!(screen(60, 20, &[]));
}

#[test]
fn call_form() {
    use dun::app::form::FormKind;
    insta::assert_snapshot!(screen(80, 24, &[Action::Log(FormKind::Call)]));
}

#[test]
fn promise_form_from_the_aging_list() {
    use dun::app::form::FormKind;
    insta::assert_snapshot!(screen(
        80,
        24,
        &[Action::Show(Tab::Aging), Action::Log(FormKind::Promise)]
    ));
}

#[test]
fn client_page() {
    insta::assert_snapshot!(screen(80, 24, &[Action::Open]));
}

#[test]
fn aging_filtered_to_one_bucket() {
    insta::assert_snapshot!(screen(
        80,
        24,
        &[
            Action::Show(Tab::Aging),
            Action::CycleBucket,
            Action::CycleBucket,
            Action::CycleBucket
        ]
    ));
}

#[test]
fn letter_preview() {
    use dun::app::form::FormKind;
    // The third line of the queue is a formal notice ready to go.
    insta::assert_snapshot!(screen(
        80,
        24,
        &[Action::Down, Action::Down, Action::Log(FormKind::Reminder)]
    ));
}

#[test]
fn client_page_with_a_deposit_below_what_its_rating_asks() {
    // The second client, rated C, asks no deposit of its own.
    insta::assert_snapshot!(screen(
        80,
        24,
        &[Action::Show(Tab::Clients), Action::Down, Action::Open]
    ));
}

#[test]
fn solvency_form() {
    use dun::app::form::FormKind;
    insta::assert_snapshot!(screen(
        80,
        24,
        &[Action::Open, Action::Log(FormKind::SolvencyNote)]
    ));
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

#[test]
fn the_top_line_names_the_missing_rate_with_the_command_to_run() {
    // The demo as shipped: six rates of 2026 H2 missing (ECB, French legal
    // rate, Spain, Norway's interest and compensation, the Bank Rate of
    // 30 June 2026); how many, and the first by its command, within 80
    // columns, with the database's name (DEMO) kept.
    assert_eq!(
        top_line(&screen(80, 24, &[])),
        "\"6 rates missing, the first: dun rates set ecb 2026-H2 VALUE --source TEXT  DEMO \""
    );
    // One missing: named.
    assert_eq!(
        top_line(&screen_after(80, 24, &ALL_BUT_ECB, &[])),
        "\"No ECB rate for 2026-H2 — dun rates set ecb 2026-H2 VALUE --source TEXT    DEMO \""
    );
    // A wide terminal keeps the tabs, the day and the user beside it.
    let wide = screen_after(160, 24, &ALL_BUT_ECB, &[]);
    let line = top_line(&wide);
    assert!(
        line.starts_with(
            "\" 1 Queue  2 Aging  3 Clients  4 Journal  No ECB rate for 2026-H2 — dun rates set ecb"
        ),
        "{line}"
    );
    assert!(line.ends_with("2026-11-22  root  DEMO \""), "{line}");
}

#[test]
fn once_the_team_set_every_rate_needed_the_top_line_is_the_tabs_again() {
    let mut all = ALL_BUT_ECB.to_vec();
    all.push(("ecb", "2026-H2", "2.15"));
    assert_eq!(
        top_line(&screen_after(80, 24, &all, &[])),
        "\" 1 Queue  2 Aging  3 Clients  4 Journal                  2026-11-22  root  DEMO \""
    );
    // An ECB rate alone also gives Spain's (ECB + 8, derived).
    let derived: Vec<_> = all.iter().filter(|r| r.0 != "spain").copied().collect();
    assert!(top_line(&screen_after(80, 24, &derived, &[])).starts_with("\" 1 Queue"));
}

/// From an `escalate` line (the fifth of the demo's queue): the case goes
/// to an agency or a court, with its reference and review date.
#[test]
fn escalation_form_from_an_escalate_line() {
    use dun::app::form::FormKind;
    insta::assert_snapshot!(screen(
        80,
        24,
        &[
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Log(FormKind::Escalation)
        ]
    ));
}

/// The payment plan form proposes three equal monthly instalments of
/// what the case owes.
#[test]
fn payment_plan_form_from_an_escalate_line() {
    use dun::app::form::FormKind;
    insta::assert_snapshot!(screen(
        80,
        24,
        &[
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Log(FormKind::PaymentPlan)
        ]
    ));
}

#[test]
fn write_off_form() {
    use dun::app::form::FormKind;
    insta::assert_snapshot!(screen(80, 24, &[Action::Log(FormKind::WriteOff)]));
}

/// The day the workbench is opened a year after the demo was filled: every
/// date in the demo is more than 11 months back.
fn a_year_later() -> NaiveDate {
    "2027-11-22".parse().unwrap()
}

#[test]
fn queue_a_year_later_shows_last_contacts_with_their_year() {
    insta::assert_snapshot!(screen_seen_on(a_year_later(), 80, 24, &[], &[]));
}

#[test]
fn journal_a_year_later_shows_days_with_their_year() {
    insta::assert_snapshot!(screen_seen_on(
        a_year_later(),
        80,
        24,
        &[],
        &[Action::Show(Tab::Journal)]
    ));
}
