//! Styles: 16 colours at most, and none at all under `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub selected: Style,
    pub header: Style,
    pub tab_active: Style,
    pub muted: Style,
    pub alert: Style,
    pub bar: Style,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        if color {
            Theme {
                selected: Style::new()
                    .bg(Color::Blue)
                    .fg(Color::White)
                    .add_modifier(Modifier::BOLD),
                header: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                tab_active: Style::new()
                    .fg(Color::Black)
                    .bg(Color::Cyan)
                    .add_modifier(Modifier::BOLD),
                muted: Style::new().fg(Color::DarkGray),
                alert: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                bar: Style::new().fg(Color::Yellow),
            }
        } else {
            Theme {
                selected: Style::new().add_modifier(Modifier::REVERSED),
                header: Style::new().add_modifier(Modifier::BOLD),
                tab_active: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
                muted: Style::new(),
                alert: Style::new().add_modifier(Modifier::BOLD),
                bar: Style::new(),
            }
        }
    }

    /// Colours unless `NO_COLOR` is set to something.
    pub fn from_env() -> Theme {
        Theme::new(std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()))
    }
}
