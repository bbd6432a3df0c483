//! Where things go on the screen. The heights are the workbench's own
//! ([`crate::app::size`]), so that a list knows how many lines it shows
//! before they are read.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::size;
pub use crate::app::size::{AGING_BAND, MIN_HEIGHT, MIN_WIDTH};

pub struct Areas {
    pub top: Rect,
    /// The line naming a missing reference rate, when one is missing.
    pub warning: Option<Rect>,
    pub body: Rect,
    pub message: Rect,
    pub footer: Rect,
}

pub fn areas(area: Rect, warning: bool) -> Areas {
    let [top, second, body, message, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(warning)),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    debug_assert_eq!(body.height, size::body_height(area.height, warning));
    Areas {
        top,
        warning: warning.then_some(second),
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

pub fn too_small(area: Rect) -> bool {
    size::too_small(area.width, area.height)
}
