//! The message line and the last messages, kept whole: the line may cut a
//! long one, `M` shows them in full.

use std::collections::VecDeque;

/// Messages `M` shows.
pub const KEPT: usize = 20;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Messages {
    /// What the message line shows now (may be empty).
    pub current: String,
    /// The last messages said, newest last.
    pub history: VecDeque<String>,
}

impl Messages {
    /// Says `text` on the message line and keeps it.
    pub fn say(&mut self, text: impl Into<String>) {
        let text = text.into();
        if !text.is_empty() && self.history.back() != Some(&text) {
            if self.history.len() == KEPT {
                self.history.pop_front();
            }
            self.history.push_back(text.clone());
        }
        self.current = text;
    }

    /// Shows `text` on the message line without keeping it: words on a
    /// filter that each key changes (the search as it is typed).
    pub fn show(&mut self, text: impl Into<String>) {
        self.current = text.into();
    }

    /// Empties the message line; the history keeps what it said.
    pub fn clear(&mut self) {
        self.current.clear();
    }

    /// Newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = &String> {
        self.history.iter().rev()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_last_twenty_whole_newest_first() {
        let mut m = Messages::default();
        for i in 0..25 {
            m.say(format!("message {i} {}", "x".repeat(200)));
        }
        m.clear();
        assert_eq!(m.current, "");
        assert_eq!(m.history.len(), KEPT);
        let newest: Vec<_> = m.newest_first().collect();
        assert!(newest[0].starts_with("message 24 "));
        assert_eq!(newest[0].len(), "message 24 ".len() + 200);
        assert!(newest[19].starts_with("message 5 "));
    }

    #[test]
    fn the_same_message_twice_is_kept_once() {
        let mut m = Messages::default();
        m.say("Queue: everyone's clients");
        m.say("Queue: everyone's clients");
        m.say("");
        assert_eq!(m.history.len(), 1);
    }
}
