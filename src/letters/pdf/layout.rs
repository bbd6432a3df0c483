//! A4 geometry and the flow of a letter over its pages: what is drawn
//! where, collected first so that every page can say "1/2", then drawn.

use krilla::Document;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::TextDirection;

use super::fonts::Fonts;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;
/// A4, in points.
pub const PAGE_W: f32 = 210.0 * MM;
pub const PAGE_H: f32 = 297.0 * MM;
/// Text margins.
pub const LEFT: f32 = 25.0 * MM;
pub const RIGHT: f32 = 190.0 * MM;
/// Where text starts on the pages after the first.
pub const TOP: f32 = 20.0 * MM;
/// Text stops above the footer.
pub const BOTTOM: f32 = 272.0 * MM;

/// One thing to draw. `y` is a text's baseline, from the top of the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        grey: bool,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A filled black rectangle (a QR code's modules).
    Block { x: f32, y: f32, w: f32, h: f32 },
}

/// The pages of a letter as they fill, and where the next line goes.
pub struct Flow<'f> {
    pub fonts: &'f Fonts,
    pub pages: Vec<Vec<Op>>,
    /// The next baseline's top (the line's top edge) on the last page.
    pub y: f32,
}

impl<'f> Flow<'f> {
    pub fn new(fonts: &'f Fonts) -> Flow<'f> {
        Flow {
            fonts,
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    /// Draws on the current page.
    pub fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// Text at `x`, with its baseline at `y`.
    pub fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, text: &str) {
        self.push(Op::Text {
            x,
            y,
            size,
            bold,
            grey: false,
            // Shown, never obeyed: no control or bidi character reaches the page.
            text: crate::domain::text::printable(text).into_owned(),
        });
    }

    /// Grey text, for the letterhead's details and the footer.
    pub fn grey(&mut self, x: f32, y: f32, size: f32, text: &str) {
        self.push(Op::Text {
            x,
            y,
            size,
            bold: false,
            grey: true,
            // Shown, never obeyed: no control or bidi character reaches the page.
            text: crate::domain::text::printable(text).into_owned(),
        });
    }

    /// Text ending at `right`.
    pub fn text_right(&mut self, right: f32, y: f32, size: f32, bold: bool, text: &str) {
        let x = right - self.fonts.width(text, size, bold);
        self.text(x, y, size, bold, text);
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.push(Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
        });
    }

    /// Makes room for `height` points: a new page when they do not fit.
    pub fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
    }

    /// A paragraph at `x`, wrapped to `RIGHT`; continuation lines start at
    /// `hang`. Returns nothing: the flow moves down past it.
    pub fn paragraph(&mut self, x: f32, hang: f32, size: f32, bold: bool, text: &str) {
        let lead = size * 1.3;
        let lines = self.fonts.wrap(text, size, bold, RIGHT - x, RIGHT - hang);
        for (i, l) in lines.iter().enumerate() {
            self.room(lead);
            let at = if i == 0 { x } else { hang };
            self.text(at, self.y + size, size, bold, l);
            self.y += lead;
        }
    }
}

/// Draws `pages` as an A4 document, each page with `footer` on the left and
/// its number ("1/2") on the right.
pub fn draw(
    fonts: &Fonts,
    pages: &[Vec<Op>],
    footer: &str,
    title: &str,
    language: &str,
) -> Result<Vec<u8>, String> {
    let mut doc = Document::new();
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title(title.to_string())
            .language(language.to_string())
            .creator("dun".to_string()),
    );
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("bad page size")?;
    let n = pages.len();
    for (i, ops) in pages.iter().enumerate() {
        let mut page = doc.start_page_with(settings.clone());
        let mut s = page.surface();
        for op in ops {
            draw_op(&mut s, fonts, op);
        }
        let y = 285.0 * MM;
        draw_op(
            &mut s,
            fonts,
            &Op::Line {
                x1: LEFT,
                y1: 280.0 * MM,
                x2: RIGHT,
                y2: 280.0 * MM,
                width: 0.3,
            },
        );
        let foot = footer_fitting(fonts, footer, RIGHT - LEFT - 20.0 * MM);
        draw_op(&mut s, fonts, &grey_text(LEFT, y, 7.0, &foot));
        let number = format!("{}/{}", i + 1, n);
        let x = RIGHT - fonts.width(&number, 8.0, false);
        draw_op(&mut s, fonts, &grey_text(x, y, 8.0, &number));
        s.finish();
        page.finish();
    }
    doc.finish().map_err(|e| format!("{e:?}"))
}

fn grey_text(x: f32, y: f32, size: f32, text: &str) -> Op {
    Op::Text {
        x,
        y,
        size,
        bold: false,
        grey: true,
        text: text.to_string(),
    }
}

/// The footer cut to `width` at 7 points, with an ellipsis when cut.
fn footer_fitting(fonts: &Fonts, footer: &str, width: f32) -> String {
    if fonts.width(footer, 7.0, false) <= width {
        return footer.to_string();
    }
    let mut s: String = footer.to_string();
    while !s.is_empty() && fonts.width(&format!("{s}…"), 7.0, false) > width {
        s.pop();
    }
    format!("{}…", s.trim_end())
}

fn draw_op(s: &mut Surface, fonts: &Fonts, op: &Op) {
    let black = Fill::default();
    match op {
        Op::Text {
            x,
            y,
            size,
            bold,
            grey,
            text,
        } => {
            let fill = if *grey {
                Fill {
                    paint: krilla::color::luma::Color::new(90).into(),
                    ..Fill::default()
                }
            } else {
                black
            };
            s.set_fill(Some(fill));
            s.draw_text(
                Point::from_xy(*x, *y),
                fonts.font(*bold),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x1, *y1);
            pb.line_to(*x2, *y2);
            if let Some(path) = pb.finish() {
                s.set_fill(None);
                s.set_stroke(Some(Stroke {
                    width: *width,
                    ..Stroke::default()
                }));
                s.draw_path(&path);
                s.set_stroke(None);
            }
        }
        Op::Block { x, y, w, h } => {
            let mut pb = PathBuilder::new();
            if let Some(r) = Rect::from_xywh(*x, *y, *w, *h) {
                pb.push_rect(r);
            }
            if let Some(path) = pb.finish() {
                s.set_stroke(None);
                s.set_fill(Some(black));
                s.draw_path(&path);
            }
        }
    }
}
