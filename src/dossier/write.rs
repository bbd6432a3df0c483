//! Writing the evidence file: into a new folder of its own beside the one
//! asked for, created exclusively, every file synced, then renamed into
//! place; a failure leaves nothing behind, a success the whole file.
//! The folder and its files are private to the clerk (0700, 0600): it
//! holds a client's account and letters.

use std::fs::{DirBuilder, File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};

use super::claim::claim;
use super::gather::Dossier;
use super::index::{CopiedLetter, index};
use super::letters::letters_sent;
use crate::export::ExportFormat;
use crate::fault::io_reason;
use crate::team::CompanyConfig;

/// A letter file larger than this is not a letter dun wrote.
const MAX_LETTER_BYTES: u64 = 64 * 1024 * 1024;

/// What was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub dir: PathBuf,
    /// The files, relative to `dir`.
    pub files: Vec<String>,
    pub letters: usize,
    /// Letter files the letters folder no longer holds.
    pub missing: usize,
}

/// Writes the evidence file of `d` into the new folder `out`, copying the
/// letters from the team's letters folder `letters_root`.
pub fn write(
    d: &Dossier,
    company: &CompanyConfig,
    letters_root: &Path,
    out: &Path,
    prepared_by: &str,
) -> anyhow::Result<Written> {
    check_target(out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .ok_or_else(|| anyhow!("{}: not a folder name", out.display()))?
        .to_string_lossy()
        .into_owned();
    let tmp = temporary_dir(&parent, &name)?;
    let result = fill(&tmp, d, company, letters_root, prepared_by).and_then(|mut w| {
        sync(&tmp)?;
        std::fs::rename(&tmp, out).map_err(|e| anyhow!("{}: {}", out.display(), io_reason(&e)))?;
        sync(&parent)?;
        w.dir = out.to_path_buf();
        Ok(w)
    });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// `out` must be new, or an empty folder (which the file replaces).
fn check_target(out: &Path) -> anyhow::Result<()> {
    match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => bail!("{}: {}", out.display(), io_reason(&e)),
        Ok(m) if m.is_dir() => {
            let mut entries = std::fs::read_dir(out)
                .map_err(|e| anyhow!("{}: {}", out.display(), io_reason(&e)))?;
            if entries.next().is_some() {
                bail!(
                    "{}: the folder is not empty; name a new one for the evidence file",
                    out.display()
                );
            }
            Ok(())
        }
        Ok(_) => bail!(
            "{}: exists and is not a folder; name a new one for the evidence file",
            out.display()
        ),
    }
}

fn temporary_dir(parent: &Path, name: &str) -> anyhow::Result<PathBuf> {
    for n in 0..100u32 {
        let tmp = parent.join(format!(".{name}.part-{}-{n}", std::process::id()));
        match DirBuilder::new().mode(0o700).create(&tmp) {
            Ok(()) => return Ok(tmp),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => bail!("{}: {}", parent.display(), io_reason(&e)),
        }
    }
    bail!("{}: no free temporary name", parent.display())
}

fn create(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let fail = |e: std::io::Error| anyhow!("{}: {}", path.display(), io_reason(&e));
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(fail)?;
    f.write_all(bytes).map_err(fail)?;
    f.sync_all().map_err(fail)
}

fn sync(dir: &Path) -> anyhow::Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| anyhow!("{}: {}", dir.display(), io_reason(&e)))
}

/// A file the journal names for a letter: `DAY/NAME` under the letters
/// folder, each part one plain name (never `..`, never absolute).
fn letter_path(name: &str) -> Option<(&str, &str)> {
    let plain = |p: &str| !p.is_empty() && p != "." && p != ".." && !p.contains('\0');
    let (day, file) = name.split_once('/')?;
    (plain(day) && plain(file) && !file.contains('/')).then_some((day, file))
}

/// A letter file as the letters folder holds it, never through a link.
fn read_letter(path: &Path) -> std::io::Result<Vec<u8>> {
    let f = OpenOptions::new()
        .read(true)
        .custom_flags(libc_nofollow())
        .open(path)?;
    let meta = f.metadata()?;
    if !meta.is_file() || meta.len() > MAX_LETTER_BYTES {
        return Err(std::io::Error::other("not a letter file"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    f.take(MAX_LETTER_BYTES).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn libc_nofollow() -> i32 {
    nix::fcntl::OFlag::O_NOFOLLOW.bits()
}

fn fill(
    dir: &Path,
    d: &Dossier,
    company: &CompanyConfig,
    letters_root: &Path,
    prepared_by: &str,
) -> anyhow::Result<Written> {
    let sent = letters_sent(&d.journal);
    let letters_dir = dir.join("letters");
    DirBuilder::new()
        .mode(0o700)
        .create(&letters_dir)
        .map_err(|e| anyhow!("{}: {}", letters_dir.display(), io_reason(&e)))?;
    let mut files = Vec::new();
    let mut copies = Vec::new();
    let mut missing_count = 0;
    for l in &sent {
        let mut copied = Vec::new();
        let mut missing = Vec::new();
        for name in &l.files {
            let found = letter_path(name).map(|(day, file)| {
                (
                    format!("{day}-{file}"),
                    read_letter(&letters_root.join(day).join(file)),
                )
            });
            match found {
                Some((copy, Ok(bytes))) => {
                    create(&letters_dir.join(&copy), &bytes)?;
                    files.push(format!("letters/{copy}"));
                    copied.push(copy);
                }
                _ => {
                    missing_count += 1;
                    missing.push(name.clone());
                }
            }
        }
        copies.push(CopiedLetter {
            letter: l,
            copied,
            missing,
        });
    }
    sync(&letters_dir)?;

    let mut csv = Vec::new();
    crate::export::journal::write(&mut csv, &d.journal, ExportFormat::Csv)
        .context("journal.csv")?;
    create(&dir.join("journal.csv"), &csv)?;
    let mut json = Vec::new();
    crate::export::journal::write(&mut json, &d.journal, ExportFormat::Json)
        .context("journal.json")?;
    create(&dir.join("journal.json"), &json)?;
    files.extend(["journal.csv".to_string(), "journal.json".to_string()]);

    let text = index(d, company, &copies, prepared_by);
    create(&dir.join("index.txt"), text.as_bytes())?;
    files.insert(0, "index.txt".into());

    let mut evidence = files.clone();
    evidence.push("claim.json".into());
    let claim = claim(d, company, evidence);
    let mut json = Vec::new();
    crate::export::json_safe::to_writer_pretty(&mut json, &claim).context("claim.json")?;
    json.push(b'\n');
    create(&dir.join("claim.json"), &json)?;
    files.push("claim.json".into());

    Ok(Written {
        dir: dir.to_path_buf(),
        files,
        letters: sent.len(),
        missing: missing_count,
    })
}
