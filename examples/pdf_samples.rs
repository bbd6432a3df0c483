//! Writes the sample letters of every kind and language as PDFs into a
//! folder (default `target/pdf-samples`), to look at them.

use dun::domain::language::Language;
use dun::letters::{LetterKind, render, sample};

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/pdf-samples".into());
    std::fs::create_dir_all(&dir)?;
    for &lang in Language::ALL {
        for &kind in LetterKind::ALL {
            let ctx = sample(kind, lang);
            let letter = render(&ctx, None)?;
            let pdf = dun::letters::pdf::pdf(&ctx, &letter)?;
            std::fs::write(format!("{dir}/{lang}_{kind}.pdf"), pdf)?;
        }
    }
    println!("{dir}");
    Ok(())
}
