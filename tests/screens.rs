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
    let (_dir, mut store) = demo();
    let mut app = App::new(today(), "root", "DEMO");
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
