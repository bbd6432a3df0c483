//! Keys typed into a search, a form or a letter preview, before the keymap
//! sees them.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Load};

impl App {
    /// A key while typing a search: the list follows each letter; Enter
    /// keeps the search, Esc clears it.
    pub fn search_key(&mut self, key: KeyEvent) -> Option<Load> {
        match key.code {
            KeyCode::Enter => {
                self.searching = false;
                None
            }
            KeyCode::Esc => {
                self.searching = false;
                self.aging_query.search.clear();
                Some(self.aging_query_changed())
            }
            KeyCode::Backspace => {
                self.aging_query.search.pop();
                Some(self.aging_query_changed())
            }
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.quit = true;
                None
            }
            KeyCode::Char(c) if !c.is_control() && self.aging_query.search.chars().count() < 40 => {
                self.aging_query.search.push(c);
                Some(self.aging_query_changed())
            }
            _ => None,
        }
    }

    /// A key while a letter is previewed: Enter sends it, Esc puts it
    /// away, the arrows scroll it, Ctrl-C quits (sending nothing).
    pub fn preview_key(&mut self, key: KeyEvent) -> Option<Load> {
        let (_, scroll) = self.preview.as_mut()?;
        match key.code {
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.quit = true;
            }
            KeyCode::Enter => return Some(Load::SendLetter),
            KeyCode::Esc | KeyCode::Char('q') => {
                self.preview = None;
                self.message = "Letter not sent.".into();
            }
            KeyCode::Down | KeyCode::Char('j') => *scroll = scroll.saturating_add(1),
            KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => *scroll = scroll.saturating_add(10),
            KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
            _ => {}
        }
        None
    }

    /// A key while a form is open: typing, moving between fields, Enter to
    /// record (when the fields check out), Esc to cancel.
    pub fn form_key(&mut self, key: KeyEvent) -> Option<Load> {
        let form = self.form.as_mut()?;
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            if key.code == KeyCode::Char('c') {
                self.quit = true;
            }
            return None;
        }
        match key.code {
            KeyCode::Esc => {
                self.form = None;
                self.message = "Cancelled: nothing recorded.".to_string();
            }
            KeyCode::Enter => match form.submission(self.today) {
                Ok(s) => {
                    self.pending = Some((form.target.clone(), s));
                    return Some(Load::Save);
                }
                Err(reason) => form.error = Some(reason),
            },
            KeyCode::Tab | KeyCode::Down => form.next_field(),
            KeyCode::BackTab | KeyCode::Up => form.previous_field(),
            KeyCode::Backspace => form.backspace(),
            KeyCode::Char(c) => form.type_char(c),
            _ => {}
        }
        None
    }
}
