//! The four list screens behind the tabs of the top line.

/// A list screen; its title is its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::VariantArray)]
pub enum Tab {
    Queue,
    Aging,
    Clients,
    Journal,
}

impl Tab {
    /// The tabs, in the order of the top line (keys `1`–`4`).
    pub const ALL: &[Tab] = <Tab as strum::VariantArray>::VARIANTS;

    pub fn title(self) -> &'static str {
        self.into()
    }
}
