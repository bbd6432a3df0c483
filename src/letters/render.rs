//! Renders a [`LetterContext`] through its language's template into a subject
//! and a plain-text body (conventions in the module documentation).

use std::borrow::Cow;
use std::path::Path;

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};

use super::LetterError;
use super::context::LetterContext;
use super::kind::LetterKind;
use crate::domain::language::Language;
use crate::domain::text::{is_unsafe, printable};
use crate::domain::typography::french_spacing;

/// A rendered letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    /// One line, without the `Subject:` keyword.
    pub subject: String,
    /// Lines ending in `\n`, no other control character.
    pub body: String,
}

macro_rules! language_templates {
    ($lang:literal) => {
        [
            include_str!(concat!("../../assets/templates/", $lang, "/courtesy.txt")),
            include_str!(concat!("../../assets/templates/", $lang, "/reminder1.txt")),
            include_str!(concat!("../../assets/templates/", $lang, "/reminder2.txt")),
            include_str!(concat!("../../assets/templates/", $lang, "/reminder3.txt")),
            include_str!(concat!(
                "../../assets/templates/",
                $lang,
                "/formal_notice.txt"
            )),
            include_str!(concat!("../../assets/templates/", $lang, "/statement.txt")),
            include_str!(concat!(
                "../../assets/templates/",
                $lang,
                "/visit_confirmation.txt"
            )),
            include_str!(concat!(
                "../../assets/templates/",
                $lang,
                "/pilot_end_notice.txt"
            )),
            include_str!(concat!(
                "../../assets/templates/",
                $lang,
                "/deposit_request.txt"
            )),
        ]
    };
}

/// Per language (order of [`Language::ALL`]), per kind (order of [`LetterKind::ALL`]).
const EMBEDDED: [[&str; 9]; 4] = [
    language_templates!("en"),
    language_templates!("fr"),
    language_templates!("nb"),
    language_templates!("es"),
];

/// The template's path relative to the templates directory: `fr/reminder1.txt`.
pub fn template_name(lang: Language, kind: LetterKind) -> String {
    format!("{}/{}.txt", lang.code(), kind.as_str())
}

/// The template embedded in the binary.
pub fn embedded_template(lang: Language, kind: LetterKind) -> &'static str {
    let l = Language::ALL.iter().position(|x| *x == lang).unwrap_or(0);
    let k = LetterKind::ALL.iter().position(|x| *x == kind).unwrap_or(0);
    EMBEDDED[l][k]
}

/// Renders `ctx` through the template for its language and kind: the user's
/// copy under `overrides` when there is one, the embedded one otherwise.
pub fn render(ctx: &LetterContext, overrides: Option<&Path>) -> Result<Letter, LetterError> {
    let name = template_name(ctx.language, ctx.kind);
    let user = overrides.map(|dir| dir.join(&name)).filter(|p| p.is_file());
    let (label, source) = match user {
        Some(path) => {
            let text = std::fs::read_to_string(&path).map_err(|e| LetterError::Read {
                reason: crate::fault::io_reason(&e),
                path: path.clone(),
            })?;
            (path.display().to_string(), Cow::Owned(text))
        }
        None => (
            name,
            Cow::Borrowed(embedded_template(ctx.language, ctx.kind)),
        ),
    };
    render_source(&label, &source, ctx)
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_debug(true);
    env
}

/// Every string of the context made printable (line breaks become spaces),
/// so no field can add a line or a control character to the letter.
fn clean(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        J::String(s) => J::String(printable(&s).into_owned()),
        J::Array(items) => J::Array(items.into_iter().map(clean).collect()),
        J::Object(map) => J::Object(map.into_iter().map(|(k, v)| (k, clean(v))).collect()),
        other => other,
    }
}

fn template_error(name: &str, source: &str, e: &minijinja::Error) -> LetterError {
    let mut message = e.kind().to_string();
    if let Some(detail) = e.detail() {
        message = format!("{message}: {detail}");
    }
    if let Some(expr) = e.range().and_then(|r| source.get(r)) {
        message = format!("{message} (`{expr}`)");
    }
    LetterError::Template {
        template: name.to_string(),
        line: e.line(),
        message,
    }
}

/// Renders `source`, known as `name` in errors, with `ctx`.
fn render_source(name: &str, source: &str, ctx: &LetterContext) -> Result<Letter, LetterError> {
    let data = serde_json::to_value(ctx).map_err(|e| LetterError::Template {
        template: name.to_string(),
        line: None,
        message: e.to_string(),
    })?;
    let env = environment();
    let text = env
        .template_from_named_str(name, source)
        .and_then(|t| t.render(Value::from_serialize(clean(data))))
        .map_err(|e| template_error(name, source, &e))?;
    let text = match ctx.language {
        Language::Fr => french_spacing(&tidy(&text)),
        _ => tidy(&text),
    };
    split_subject(&text).ok_or_else(|| {
        let line = source.lines().position(|l| l.starts_with("Subject:"));
        LetterError::Template {
            template: name.to_string(),
            line: Some(line.map_or(1, |i| i + 1)),
            message: "the letter must start with a `Subject: …` line, then a blank line".into(),
        }
    })
}

/// Control characters neutralised, trailing spaces dropped, runs of blank
/// lines made one, no blank line at either end, one final line break.
fn tidy(text: &str) -> String {
    let safe: String = text
        .chars()
        .filter(|c| *c != '\r')
        .map(|c| match c {
            '\n' => '\n',
            '\t' => ' ',
            c if is_unsafe(c) => '\u{fffd}',
            c => c,
        })
        .collect();
    let mut out = String::with_capacity(safe.len());
    let mut after_blank = false;
    for line in safe.split('\n').map(str::trim_end) {
        if line.is_empty() {
            after_blank = !out.is_empty();
            continue;
        }
        if after_blank {
            out.push('\n');
            after_blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `Subject: …`, a blank line, the body.
fn split_subject(text: &str) -> Option<Letter> {
    let (first, rest) = text.split_once('\n')?;
    let subject = first.strip_prefix("Subject:")?.trim();
    let body = rest.strip_prefix('\n')?;
    (!subject.is_empty() && !body.is_empty()).then(|| Letter {
        subject: subject.to_string(),
        body: body.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_collapses_blank_lines_and_neutralises_controls() {
        assert_eq!(tidy("\n\na  \n\n\n\nb\r\n\n"), "a\n\nb\n");
        assert_eq!(
            tidy("x\u{1b}]0;t\u{7}\ty\u{202e}"),
            "x\u{fffd}]0;t\u{fffd} y\u{fffd}\n"
        );
        assert_eq!(tidy("\u{85}\u{7f}"), "\u{fffd}\u{fffd}\n");
    }

    #[test]
    fn subject_then_blank_line_then_body() {
        let l = split_subject("Subject: Hi there \n\nBody\n").unwrap();
        assert_eq!(l.subject, "Hi there");
        assert_eq!(l.body, "Body\n");
        assert!(split_subject("Subject: Hi\nBody\n").is_none());
        assert!(split_subject("Hi\n\nBody\n").is_none());
        assert!(split_subject("Subject:\n\nBody\n").is_none());
        assert!(split_subject("Subject: Hi\n").is_none());
    }

    #[test]
    fn context_strings_lose_their_line_breaks() {
        let v = clean(serde_json::json!({"a": ["x\ny", {"b": "\u{1b}[2J"}], "n": 3}));
        assert_eq!(
            v,
            serde_json::json!({"a": ["x y", {"b": "\u{fffd}[2J"}], "n": 3})
        );
    }

    #[test]
    fn every_embedded_template_renders_its_sample() {
        for &lang in Language::ALL {
            for &kind in LetterKind::ALL {
                let ctx = super::super::sample(kind, lang);
                let letter = render(&ctx, None).unwrap();
                assert!(!letter.subject.is_empty(), "{lang}/{kind}");
            }
        }
    }
}
