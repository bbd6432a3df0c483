//! `dun init [--shared GROUP] [PATH]`: creates a private database (0600), or
//! a team's (a setgid 2770 directory of the group, a 0660 file), and says
//! what the clerks do next. On an existing dun database it changes nothing
//! and reports what is not as it should be.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use anyhow::{anyhow, bail};
use nix::unistd::{Gid, chown};

use crate::fault::io_reason;
use crate::store::access::{Node, shell_quote};
use crate::store::{self, Store, fs_kind, host};

const DIR_MODE: u32 = 0o2770;
const FILE_MODE: u32 = 0o660;

/// Runs `dun init`: `shared` is the group of a team database.
pub fn run(path: &Path, shared: Option<&str>, out: &mut dyn Write) -> anyhow::Result<()> {
    let path =
        std::path::absolute(path).map_err(|e| anyhow!("{}: {}", path.display(), io_reason(&e)))?;
    match shared {
        None => private(&path, out),
        Some(group) => team(&path, group, out),
    }
}

fn private(path: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    if path.exists() {
        let version = existing_version(path)?;
        writeln!(
            out,
            "{}: already a dun database (schema {version}); nothing changed",
            path.display()
        )?;
        return Ok(());
    }
    fs_kind::check(path).map_err(|why| anyhow!(why))?;
    store::create_file(path, 0o600)?;
    Store::open(path)?;
    writeln!(
        out,
        "{}: new dun database, mode 0600 (yours only)",
        path.display()
    )?;
    writeln!(
        out,
        "Use it with --db {0} or DUN_DB={0} (not needed when it is the default of `dun paths`).",
        shell_quote(path)
    )?;
    Ok(())
}

fn team(path: &Path, group: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    let gid = host::group_id(group).ok_or_else(|| anyhow!("unknown group {group:?}"))?;
    let who = host::who();
    if !who.is_root() && !who.in_group(gid) {
        bail!(
            "you ({}) are not in group {group}: an administrator adds you with `usermod -aG {group} {}`, then you log in again",
            who.name,
            who.name
        );
    }
    fs_kind::check(path).map_err(|why| anyhow!(why))?;
    let dir = host::parent_dir(path);
    let mut problems = unreachable_ancestors(&dir, gid, group)?;
    if path.exists() {
        let version = existing_version(path)?;
        problems.extend(audit(path, &dir, gid, group)?);
        if !problems.is_empty() {
            bail!(
                "{}: a dun database, but not set up for group {group}: {} — nothing was changed",
                path.display(),
                problems.join("; ")
            );
        }
        writeln!(
            out,
            "{}: already a shared dun database of group {group} (schema {version}); nothing changed",
            path.display()
        )?;
        return next_steps(path, group, out);
    }
    if !problems.is_empty() {
        bail!(
            "{}: clerks could not reach it: {}",
            path.display(),
            problems.join("; ")
        );
    }
    match host::node(&dir).map_err(|why| anyhow!(why))? {
        Some(d) => {
            if let Some(wrong) = misfit(&d, gid, group, DIR_MODE) {
                bail!(
                    "{wrong}; a team database needs a directory of its own (one `dun init --shared` creates, or fix it as said)"
                );
            }
        }
        None => make_dir(&dir, gid)?,
    }
    store::create_file(path, FILE_MODE)?;
    chown(path, None, Some(Gid::from_raw(gid))).map_err(|e| {
        anyhow!(
            "{}: cannot give it to group {group}: {}",
            path.display(),
            io_reason(&e.into())
        )
    })?;
    let store = Store::open(path)?;
    // While it is open, SQLite's -wal and -shm exist: check them too.
    let mut after = audit(path, &dir, gid, group)?;
    drop(store);
    after.extend(unreachable_ancestors(&dir, gid, group)?);
    if !after.is_empty() {
        bail!("{}: created, but: {}", path.display(), after.join("; "));
    }
    writeln!(
        out,
        "{}: new shared dun database of group {group}: directory {} mode 2770 (setgid), file mode 0660; SQLite gives its -wal and -shm files the same mode, and the directory its group",
        path.display(),
        dir.display()
    )?;
    next_steps(path, group, out)
}

fn next_steps(path: &Path, group: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    let p = shell_quote(path);
    writeln!(out, "Next, for each clerk:")?;
    writeln!(
        out,
        "  - be in group {group}: sudo usermod -aG {group} NAME, then log in again"
    )?;
    writeln!(out, "  - in the shell profile: export DUN_DB={p}")?;
    writeln!(
        out,
        "    (or path = \"{}\" under [database] in dun's config.toml)",
        path.display()
    )?;
    writeln!(
        out,
        "  - in the shell profile: umask 007, so that the files they create there stay the group's"
    )?;
    Ok(())
}

/// The schema of the dun database at `path`; refuses anything else.
fn existing_version(path: &Path) -> anyhow::Result<i64> {
    let version = Store::inspect(path)?;
    if version == 0 {
        bail!(
            "{}: an empty SQLite database, not a dun database: refusing to touch it",
            path.display()
        );
    }
    Ok(version)
}

/// What is not as a team database wants it: the directory 2770, the
/// database, -wal and -shm 0660, all of the group.
fn audit(path: &Path, dir: &Path, gid: u32, group: &str) -> anyhow::Result<Vec<String>> {
    let mut problems = Vec::new();
    let wanted = [
        (dir.to_path_buf(), DIR_MODE),
        (path.to_path_buf(), FILE_MODE),
        (host::sibling(path, "-wal"), FILE_MODE),
        (host::sibling(path, "-shm"), FILE_MODE),
    ];
    for (p, mode) in wanted {
        if let Some(node) = host::node(&p).map_err(|why| anyhow!(why))? {
            problems.extend(misfit(&node, gid, group, mode));
        }
    }
    Ok(problems)
}

/// `node` against the group and mode it should have, with the fix.
fn misfit(node: &Node, gid: u32, group: &str, mode: u32) -> Option<String> {
    let p = shell_quote(&node.path);
    let mut fixes = Vec::new();
    if node.gid != gid {
        fixes.push(format!("chgrp {group} {p}"));
    }
    if node.mode != mode {
        fixes.push(format!("chmod {mode:o} {p}"));
    }
    (!fixes.is_empty()).then(|| {
        format!(
            "{} is {}:{} mode {:04o}, not group {group} mode {mode:04o} (run: {})",
            node.path.display(),
            node.owner,
            node.group,
            node.mode,
            fixes.join(" && ")
        )
    })
}

/// The directories above `dir` that clerks of the group cannot pass through.
fn unreachable_ancestors(dir: &Path, gid: u32, group: &str) -> anyhow::Result<Vec<String>> {
    let mut problems = Vec::new();
    for a in dir.ancestors().skip(1) {
        let Some(node) = host::node(a).map_err(|why| anyhow!(why))? else {
            continue;
        };
        let passes = node.mode & 0o001 != 0 || (node.gid == gid && node.mode & 0o010 != 0);
        if !passes {
            problems.push(format!(
                "clerks of group {group} cannot pass through {} ({}:{} mode {:04o}; run: chmod o+x {}, or choose another place)",
                a.display(),
                node.owner,
                node.group,
                node.mode,
                shell_quote(a)
            ));
        }
    }
    Ok(problems)
}

/// Creates `dir` as the group's, 2770, and its missing parents 0755 (the
/// clerks pass through them), whatever the umask.
fn make_dir(dir: &Path, gid: u32) -> anyhow::Result<()> {
    let missing: Vec<&Path> = dir.ancestors().take_while(|a| !a.exists()).collect();
    for d in missing.iter().rev() {
        let fail = |e: std::io::Error| {
            anyhow!(
                "{}: cannot create the directory: {}",
                d.display(),
                io_reason(&e)
            )
        };
        std::fs::create_dir(d).map_err(fail)?;
        let mode = if *d == dir {
            chown(*d, None, Some(Gid::from_raw(gid))).map_err(|e| {
                anyhow!(
                    "{}: cannot give it to the group: {}",
                    d.display(),
                    io_reason(&e.into())
                )
            })?;
            // After chown, which may clear the setgid bit.
            DIR_MODE
        } else {
            0o755
        };
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(mode)).map_err(fail)?;
    }
    Ok(())
}
