//! The state of each list screen, and what it asks to read.

pub mod aging;
pub mod clients;
pub mod journal;
pub mod queue;

use super::Action;

/// Where a movement key takes a selection among `count` lines; `page`
/// lines make a page.
pub fn moved(selected: usize, count: usize, action: Action, page: usize) -> usize {
    if count == 0 {
        return selected;
    }
    let last = count - 1;
    let page = page.max(1);
    match action {
        Action::Down => (selected + 1).min(last),
        Action::Up => selected.saturating_sub(1),
        Action::PageDown => (selected + page).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => selected,
    }
}
