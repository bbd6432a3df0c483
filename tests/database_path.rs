//! The database path as clerks and cron jobs give it, with the real binary:
//! a path where there is no database is refused by every command but those
//! that create one (nothing is created, not even a directory), a backup is
//! never replaced by the copy of an empty database, and `~` is the home
//! directory.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

#[path = "common/binary.rs"]
mod binary;
use binary::{ok, refused};

const TODAY: &str = "2026-11-22";

/// `dun args…` on the database `db` (through `DUN_DB`), with its home,
/// configuration and data directories in `home`, run from `home`.
fn command(home: &Path, db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dun"));
    c.args(args)
        .current_dir(home)
        .env("DUN_DB", db)
        .env("DUN_TODAY", TODAY)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .stdin(Stdio::null());
    c
}

fn dun(home: &Path, db: &Path, args: &[&str]) -> Output {
    command(home, db, args).output().unwrap()
}

/// Every path under `dir`, files and directories, relative to it.
fn listing(dir: &Path) -> BTreeSet<PathBuf> {
    let mut all = BTreeSet::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.is_symlink() {
                todo.push(path.clone());
            }
            all.insert(path.strip_prefix(dir).unwrap().to_path_buf());
        }
    }
    all
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn every_command_that_does_not_create_a_database_refuses_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let settings = home.join("settings.toml");
    std::fs::write(&settings, "[company]\nname = \"Atelier\"\n").unwrap();
    let out = home.join("out.csv");
    let backup = home.join("backup.db");
    let (settings, out, backup) = (s(&settings), s(&out), s(&backup));
    let commands: Vec<Vec<&str>> = vec![
        vec![],
        vec!["aging"],
        vec!["aging", "--format", "json"],
        vec!["queue"],
        vec!["queue", "--mine"],
        vec!["invoice", "F1"],
        vec!["export", "aging"],
        vec!["export", "journal", "-o", out],
        vec!["letters", "--dry-run"],
        vec!["letters"],
        vec!["backup", backup],
        vec!["backup", backup, "--force"],
        vec!["settings"],
        vec!["settings", "show"],
        vec!["settings", "export"],
        vec!["settings", "export", "-o", out],
        vec!["settings", "set", "company.name", "Atelier"],
        vec!["settings", "import", settings],
        vec!["log", "note", "--client", "C1", "--note", "called"],
    ];
    // A typo in a directory that exists, and in one that does not.
    for db in [home.join("taem.db"), home.join("srv").join("taem.db")] {
        let before = listing(home);
        for args in &commands {
            let err = refused(&dun(home, &db, args));
            assert_eq!(
                err,
                format!(
                    "no database at {0} — create one with `dun init {0}`",
                    db.display()
                ),
                "dun {args:?}"
            );
            assert_eq!(listing(home), before, "dun {args:?} created something");
        }
        // The same through --db.
        let c = Command::new(env!("CARGO_BIN_EXE_dun"))
            .args(["--db", s(&db), "aging"])
            .current_dir(home)
            .env_remove("DUN_DB")
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .output()
            .unwrap();
        assert!(refused(&c).starts_with("no database at "));
        assert_eq!(listing(home), before);
    }
    // `dun paths` says where the database would be, and creates nothing.
    let before = listing(home);
    let db = home.join("taem.db");
    let shown = ok(&dun(home, &db, &["paths"]));
    assert!(shown.starts_with(&format!("database  {}\n", db.display())));
    assert_eq!(listing(home), before);
}

#[test]
fn the_default_database_is_refused_too_until_it_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let mut c = command(home, Path::new(""), &["aging"]);
    c.env_remove("DUN_DB");
    let err = refused(&c.output().unwrap());
    assert!(err.starts_with("no database at "), "{err}");
    assert!(
        !home.join("data").exists(),
        "the data directory was created"
    );
    let mut c = command(home, Path::new(""), &["init"]);
    c.env_remove("DUN_DB");
    ok(&c.output().unwrap());
    let mut c = command(home, Path::new(""), &["aging"]);
    c.env_remove("DUN_DB");
    assert!(ok(&c.output().unwrap()).contains("No open invoices"));
}

#[test]
fn init_demo_and_import_create_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = home.join("books").join("dun.db");
    ok(&dun(home, &db, &["init", s(&db)]));
    let aging = ok(&dun(home, &db, &["aging"]));
    assert!(aging.contains("No open invoices"), "{aging}");
    ok(&dun(home, &db, &["queue"]));

    let demo = home.join("demo.db");
    ok(&dun(home, &demo, &["demo", "--scale", "20"]));
    ok(&dun(home, &demo, &["invoice", "F2026-000001"]));

    let csv = home.join("invoices.csv");
    std::fs::write(
        &csv,
        "invoice,customer,invoice date,amount\nA1,C1,2026-01-05,10.00\n",
    )
    .unwrap();
    let imported = home.join("imported.db");
    let line = ok(&dun(
        home,
        &imported,
        &["import", "invoices", s(&csv), "--currency", "EUR"],
    ));
    assert!(
        line.trim_end().ends_with(&format!(
            "1 invoice created, 1 client created (into {}, a new database)",
            imported.display()
        )),
        "{line}"
    );
    let again = ok(&dun(
        home,
        &imported,
        &["import", "invoices", s(&csv), "--currency", "EUR"],
    ));
    assert!(!again.contains("new database"), "{again}");
    // `dun --demo` keeps its own throwaway database.
    let before = listing(home);
    let shown = ok(&dun(home, &home.join("none.db"), &["--demo"]));
    assert!(shown.starts_with("DEMO"), "{shown}");
    assert_eq!(listing(home), before);
}

#[test]
fn a_backup_is_never_replaced_by_the_copy_of_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let good = home.join("good.db");
    ok(&dun(home, &good, &["demo", "--scale", "20"]));
    let backup = home.join("nightly.db");
    ok(&dun(home, &good, &["backup", s(&backup)]));
    let kept = std::fs::read(&backup).unwrap();
    let before = listing(home);

    // The cron job's path with a typo: no database there.
    let typo = home.join("goood.db");
    let err = refused(&dun(home, &typo, &["backup", s(&backup), "--force"]));
    assert!(err.starts_with("no database at "), "{err}");
    // A database made by mistake, with nothing in it.
    let empty = home.join("empty.db");
    ok(&dun(home, &empty, &["init"]));
    let before_empty = listing(home);
    let err = refused(&dun(home, &empty, &["backup", s(&backup), "--force"]));
    assert_eq!(
        err,
        format!(
            "{}: holds no invoices and no journal: not replacing {} with it",
            empty.display(),
            backup.display()
        )
    );
    assert_eq!(std::fs::read(&backup).unwrap(), kept, "the backup changed");
    assert_eq!(listing(home), before_empty, "a temporary file was left");
    assert!(before_empty.is_superset(&before));

    // Neither a link (it would be replaced itself) nor what is not a file.
    let link = home.join("latest.db");
    std::os::unix::fs::symlink(&backup, &link).unwrap();
    let err = refused(&dun(home, &good, &["backup", s(&link), "--force"]));
    assert_eq!(
        err,
        format!(
            "{}: a link; give the path of the file itself",
            link.display()
        )
    );
    let err = refused(&dun(home, &good, &["backup", "/dev/null", "--force"]));
    assert_eq!(err, "/dev/null: not a file; a backup is a file");
    assert!(link.is_symlink());
    assert_eq!(std::fs::read(&backup).unwrap(), kept, "the backup changed");

    // The copy of an empty database where there was none is fine.
    let fresh = home.join("fresh.db");
    ok(&dun(home, &empty, &["backup", s(&fresh)]));
    // And the good database replaces its backup as before.
    ok(&dun(home, &good, &["backup", s(&backup), "--force"]));
}

#[test]
fn a_tilde_is_the_home_directory_and_never_a_folder_named_tilde() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let work = dir.path().join("work");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&work).unwrap();
    let in_work = |db: &str, args: &[&str]| {
        let mut c = command(&home, Path::new(db), args);
        c.current_dir(&work);
        c.output().unwrap()
    };
    let db = home.join("dun").join("team.db");
    // --db, and DUN_DB.
    let out = Command::new(env!("CARGO_BIN_EXE_dun"))
        .args(["--db", "~/dun/team.db", "demo", "--scale", "20"])
        .current_dir(&work)
        .env_remove("DUN_DB")
        .env("DUN_TODAY", TODAY)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .unwrap();
    ok(&out);
    assert!(db.is_file(), "the database is in the home directory");
    ok(&in_work("~/dun/team.db", &["aging"]));
    let paths = ok(&in_work("~/dun/team.db", &["paths"]));
    assert!(
        paths.starts_with(&format!("database  {}\n", db.display())),
        "{paths}"
    );
    // [database] path in config.toml.
    let config = home.join("config").join("dun");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[database]\npath = \"~/dun/team.db\"\n",
    )
    .unwrap();
    let mut c = command(&home, &db, &["paths"]);
    c.env_remove("DUN_DB").current_dir(&work);
    let paths = ok(&c.output().unwrap());
    assert!(
        paths.starts_with(&format!("database  {}\n", db.display())),
        "{paths}"
    );
    // The team's letters folder.
    ok(&in_work(
        "~/dun/team.db",
        &["settings", "set", "letters.folder", "~/letters"],
    ));
    let due = ok(&in_work("~/dun/team.db", &["letters", "--dry-run"]));
    let folder = home.join("letters").join(TODAY);
    assert!(
        due.lines()
            .next()
            .unwrap()
            .contains(&format!(" in {}: ", folder.display())),
        "{due}"
    );
    ok(&in_work("~/dun/team.db", &["letters"]));
    assert!(folder.is_dir(), "the letters are in the home directory");
    for d in [&work, &home, &home.join("dun")] {
        assert!(!d.join("~").exists(), "a folder named ~ in {}", d.display());
    }
}

#[test]
fn a_backup_that_fails_leaves_the_old_one_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = home.join("live.db");
    ok(&dun(home, &db, &["demo", "--scale", "200"]));
    let backup = home.join("nightly.db");
    std::fs::write(&backup, "last night's copy").unwrap();
    let before = listing(home);
    // A file size limit of 64 KiB: the copy outgrows it.
    let mut c = command(home, &db, &[]);
    c.args(["-c", "ulimit -f 64 && exec \"$@\"", "sh"])
        .arg(env!("CARGO_BIN_EXE_dun"))
        .args(["backup", s(&backup), "--force"]);
    let mut limited = Command::new("sh");
    limited
        .args(c.get_args())
        .current_dir(home)
        .envs(c.get_envs().filter_map(|(k, v)| Some((k, v?))));
    let out = limited.output().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(out.status.signal(), None, "{out:?}");
    let err = refused(&out);
    assert!(err.starts_with(&format!("{}: ", backup.display())), "{err}");
    assert_eq!(std::fs::read(&backup).unwrap(), b"last night's copy");
    assert_eq!(listing(home), before, "a temporary file was left");
}
