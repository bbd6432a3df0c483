//! The clients: balance, oldest open invoice, credit limit and flags.

use crate::store::clients::ClientLine;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clients {
    pub lines: Vec<ClientLine>,
    pub selected: usize,
}

impl Clients {
    pub fn line(&self) -> Option<&ClientLine> {
        self.lines.get(self.selected)
    }

    pub fn loaded(&mut self, lines: Vec<ClientLine>) {
        self.lines = lines;
        self.selected = self.selected.min(self.lines.len().saturating_sub(1));
    }
}
