//! The typeface embedded in PDF letters (DejaVu Sans, regular and bold,
//! which covers English, French, Norwegian and Spanish), text widths for
//! layout, and line wrapping.

use std::sync::{Arc, OnceLock};

use krilla::text::Font;

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// The two weights, for drawing and for measuring.
pub struct Fonts {
    regular: Font,
    bold: Font,
    regular_face: ttf_parser::Face<'static>,
    bold_face: ttf_parser::Face<'static>,
}

/// The embedded fonts, parsed once; `None` only if they do not parse.
pub fn fonts() -> Option<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let data = |bytes: &'static [u8]| {
                let shared: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(bytes);
                krilla::Data::from(shared)
            };
            Some(Fonts {
                regular: Font::new(data(REGULAR), 0)?,
                bold: Font::new(data(BOLD), 0)?,
                regular_face: ttf_parser::Face::parse(REGULAR, 0).ok()?,
                bold_face: ttf_parser::Face::parse(BOLD, 0).ok()?,
            })
        })
        .as_ref()
}

impl Fonts {
    /// The font to draw with.
    pub fn font(&self, bold: bool) -> Font {
        if bold {
            self.bold.clone()
        } else {
            self.regular.clone()
        }
    }

    /// The width of `text` in points at `size`.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = if bold {
            &self.bold_face
        } else {
            &self.regular_face
        };
        let em = f32::from(face.units_per_em().max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .or_else(|| face.glyph_index('?'))
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(0, u32::from)
            })
            .sum();
        units as f32 * size / em
    }

    /// `text` cut into lines no wider than `first` (the first line) and
    /// `rest` (the others), at spaces; a word wider than a line is cut.
    pub fn wrap(&self, text: &str, size: f32, bold: bool, first: f32, rest: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let limit = if lines.is_empty() { first } else { rest };
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size, bold) <= limit {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let limit = if lines.is_empty() { first } else { rest };
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if self.width(&piece, size, bold) > limit && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            line = piece;
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// The largest size from `size` down to 6 points at which `text` fits
    /// in `width`.
    pub fn fit(&self, text: &str, size: f32, bold: bool, width: f32) -> f32 {
        let mut s = size;
        while s > 6.0 && self.width(text, s, bold) > width {
            s -= 0.5;
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fonts_cover_the_four_languages() {
        let f = fonts().unwrap();
        for c in "éèêàçôœÉæøåÆØÅñÑáíóúü¿¡€£–—§".chars() {
            assert!(f.regular_face.glyph_index(c).is_some(), "{c}");
            assert!(f.bold_face.glyph_index(c).is_some(), "{c}");
        }
    }

    #[test]
    fn lines_wrap_within_their_width() {
        let f = fonts().unwrap();
        let text =
            "Malgré nos relances du 22 octobre 2026, les factures ci-dessous demeurent impayées.";
        let lines = f.wrap(text, 10.0, false, 150.0, 150.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| f.width(l, 10.0, false) <= 150.0));
        assert_eq!(lines.join(" "), text);
        let long = f.wrap(&"x".repeat(200), 10.0, false, 100.0, 100.0);
        assert!(long.len() > 1 && long.iter().all(|l| f.width(l, 10.0, false) <= 100.0));
    }
}
