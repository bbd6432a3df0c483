//! A letter shown before it is sent, and how far it is scrolled.

use crate::letters::compose::Composed;

#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub letter: Composed,
    pub scroll: u16,
}

/// Lines PgDn and PgUp move a letter.
const PAGE: u16 = 10;

impl Preview {
    pub fn new(letter: Composed) -> Preview {
        Preview { letter, scroll: 0 }
    }

    pub fn down(&mut self, lines: u16) {
        self.scroll = self.scroll.saturating_add(lines);
    }

    pub fn up(&mut self, lines: u16) {
        self.scroll = self.scroll.saturating_sub(lines);
    }

    pub fn page_down(&mut self) {
        self.down(PAGE);
    }

    pub fn page_up(&mut self) {
        self.up(PAGE);
    }
}
