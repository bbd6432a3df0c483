//! Prints the sample letters:
//! `cargo run --example letter_preview [lang|all] [kind|all] [profile] [law|none]`.

use dun::domain::client::Profile;
use dun::domain::language::Language;
use dun::letters::{Law, LetterKind, render, sample};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or("all");
    let langs: Vec<Language> = Language::parse(arg(0)).map_or(Language::ALL.to_vec(), |l| vec![l]);
    let kinds: Vec<LetterKind> =
        LetterKind::parse(arg(1)).map_or(LetterKind::ALL.to_vec(), |k| vec![k]);
    let profile = Profile::parse(arg(2));
    let law = match arg(3) {
        "all" => None,
        "none" => Some(None),
        code => Some(Law::for_country(code)),
    };
    for lang in langs {
        for kind in &kinds {
            let mut ctx = sample(*kind, lang);
            if let Some(p) = profile {
                ctx.client.profile = p;
                ctx.client.contact = None;
            }
            if let Some(l) = law {
                ctx.law = l;
            }
            match render(&ctx, None) {
                Ok(letter) => println!(
                    "==== {lang}/{kind}\nSubject: {}\n\n{}",
                    letter.subject, letter.body
                ),
                Err(e) => println!("==== {lang}/{kind}: {e}"),
            }
        }
    }
}
