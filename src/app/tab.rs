//! The four list screens behind the tabs of the top line.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Queue,
    Aging,
    Clients,
    Journal,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Queue, Tab::Aging, Tab::Clients, Tab::Journal];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Queue => "Queue",
            Tab::Aging => "Aging",
            Tab::Clients => "Clients",
            Tab::Journal => "Journal",
        }
    }
}
