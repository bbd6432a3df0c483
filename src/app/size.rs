//! How the screen's height is shared out, for the lists to know how many
//! lines they show before they are loaded (drawing uses the same figures).

use super::tab::Tab;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Lines of the aging summary band above the aging list.
pub const AGING_BAND: u16 = 8;

/// Lines the top line, the missing-rate line (when a rate is missing),
/// the message line and the key hints take.
pub fn chrome(warning: bool) -> u16 {
    3 + u16::from(warning)
}

/// The height of the screen's body.
pub fn body_height(height: u16, warning: bool) -> u16 {
    height.saturating_sub(chrome(warning))
}

/// How many rows the list of `tab` shows in a terminal `height` lines
/// high (its header line left out).
pub fn list_rows(tab: Tab, height: u16, warning: bool) -> usize {
    let body = body_height(height, warning);
    let list = match tab {
        Tab::Aging => body.saturating_sub(AGING_BAND),
        _ => body,
    };
    usize::from(list.saturating_sub(1)).max(1)
}

pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}
