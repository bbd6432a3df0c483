//! Where things go on the screen, shared by drawing and by the event loop
//! (which needs to know how many lines a list shows before loading them).

use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::Tab;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Lines of the aging summary band above the aging list.
pub const AGING_BAND: u16 = 8;

pub struct Areas {
    pub top: Rect,
    pub body: Rect,
    pub message: Rect,
    pub footer: Rect,
}

pub fn areas(area: Rect) -> Areas {
    let [top, body, message, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Areas {
        top,
        body,
        message,
        footer,
    }
}

/// The aging screen: its summary band and its list.
pub fn aging(body: Rect) -> (Rect, Rect) {
    let [band, list] =
        Layout::vertical([Constraint::Length(AGING_BAND), Constraint::Min(0)]).areas(body);
    (band, list)
}

/// How many rows the list of `tab` shows in a terminal of `size` (its
/// header line left out).
pub fn list_rows(tab: Tab, size: Rect) -> usize {
    let body = areas(size).body;
    let list = match tab {
        Tab::Aging => aging(body).1,
        _ => body,
    };
    usize::from(list.height.saturating_sub(1)).max(1)
}

pub fn too_small(size: Rect) -> bool {
    size.width < MIN_WIDTH || size.height < MIN_HEIGHT
}
