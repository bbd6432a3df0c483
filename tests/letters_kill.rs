//! `dun letters` killed at random moments, a few hundred times: after the
//! next run, every journal entry of a letter names files that exist, every
//! letter file has its entry, and no temporary file is left.

#[path = "common/folder.rs"]
mod folder;

use std::time::{Duration, Instant};

use folder::{TODAY, check_folder, demo, dun, ok};

/// A small generator, seeded from the clock (printed, to replay a failure).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[test]
fn a_kill_at_any_moment_loses_no_letter_and_leaves_no_orphan() {
    let dir = tempfile::tempdir().unwrap();
    let base = demo(dir.path(), "40");
    let db = dir.path().join("run.db");
    let root = dir.path().join("letters");
    let rounds: u32 = std::env::var("DUN_KILL_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(200);
    let seed = std::env::var("DUN_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("DUN_KILL_SEED={seed}");
    let mut rng = Lcg(seed);
    // How long a whole run takes, to kill within it.
    let started = Instant::now();
    std::fs::copy(&base, &db).unwrap();
    let first = ok(dun(&db, &["letters", "--as-of", TODAY]).output().unwrap());
    let whole = started.elapsed().as_millis() as u64 + 10;
    let letters = check_folder(&db, &root);
    assert!(letters >= 4, "{first}");
    let mut killed = 0;
    let mut finished = 0;
    let mut placed = 0;
    let deadline = Instant::now() + Duration::from_secs(50);
    for round in 0..rounds {
        if Instant::now() > deadline {
            eprintln!("stopped after {round} rounds (time)");
            break;
        }
        std::fs::remove_dir_all(&root).unwrap();
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        std::fs::copy(&base, &db).unwrap();
        let mut child = dun(&db, &["letters", "--as-of", TODAY])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(whole)));
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        let _ = child.kill();
        child.wait().unwrap();
        let again = ok(dun(&db, &["letters", "--as-of", TODAY]).output().unwrap());
        if let Some(line) = again
            .lines()
            .find(|l| l.starts_with("Finished an interrupted run"))
        {
            finished += 1;
            placed += usize::from(!line.contains(": 0 letter files put in place"));
        }
        let now = check_folder(&db, &root);
        assert_eq!(now, letters, "round {round}: {again}");
    }
    eprintln!(
        "{killed} runs killed in flight of {rounds}; the next run finished {finished}, placing journaled files in {placed}"
    );
    // How often a kill lands between the journal and the renames depends on
    // the machine's load; the path itself is checked for certain below.
    assert!(killed > 0);
}

#[test]
fn the_next_run_places_a_journaled_letter_and_removes_an_unjournaled_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "40");
    let root = dir.path().join("letters");
    ok(dun(&db, &["letters", "--as-of", TODAY]).output().unwrap());
    let letters = check_folder(&db, &root);
    let day = root.join(TODAY);
    // A run killed after its journal entry, before the rename: the file
    // is still a part. Another killed before its entry: a part nobody names.
    let journaled = std::fs::read_dir(&day)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .unwrap();
    let part = |p: &std::path::Path| {
        let mut name = p.file_name().unwrap().to_os_string();
        name.push(".part");
        p.with_file_name(name)
    };
    std::fs::rename(&journaled, part(&journaled)).unwrap();
    let orphan = day.join("ZZ-00000-reminder1.txt");
    std::fs::write(part(&orphan), "Subject: never journaled\n").unwrap();
    let again = ok(dun(&db, &["letters", "--as-of", TODAY]).output().unwrap());
    assert!(
        again.contains(
            "Finished an interrupted run: 1 letter files put in place, 1 unfinished ones removed"
        ),
        "{again}"
    );
    assert!(journaled.exists());
    assert!(!part(&journaled).exists() && !part(&orphan).exists() && !orphan.exists());
    assert_eq!(check_folder(&db, &root), letters);
}

#[test]
fn clerks_writing_letters_at_once_neither_lose_nor_double_any() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "40");
    let root = dir.path().join("letters");
    let children: Vec<_> = (0..4)
        .map(|_| {
            dun(&db, &["letters", "--as-of", TODAY])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        // One may find a letter another sent meanwhile: refused, not doubled.
        c.wait().unwrap();
    }
    let files = check_folder(&db, &root);
    let again = ok(dun(&db, &["letters", "--as-of", TODAY]).output().unwrap());
    assert!(again.contains(": 0\n"), "{again}");
    // One letter per client: never journaled twice.
    let mut clients: Vec<String> = folder::notes(&db)
        .iter()
        .flat_map(|n| folder::named_files(n))
        .filter(|f| f.ends_with(".txt"))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|f| {
            let name = f.rsplit('/').next().unwrap_or_default();
            name.split('-').take(2).collect::<Vec<_>>().join("-")
        })
        .collect();
    let letters = clients.len();
    clients.dedup();
    assert_eq!(clients.len(), letters, "{clients:?}");
    // Each letter: its text, its e-mail and its PDF for the post.
    assert!(
        files > 0 && letters * 3 == files,
        "{files} files, {letters} letters"
    );
}
