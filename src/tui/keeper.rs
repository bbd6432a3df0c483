//! The workbench's keeper: a thread with a connection of its own that
//! keeps in the database the queue lines a read built (so that the next
//! workbench opened shows them at once) and the queues of the next days
//! ([`crate::report::queue::keep_ahead`]), so that no keystroke waits
//! for either. What it keeps is a cache: when it fails (a busy database,
//! a quit before it is done), the next reader builds the lines again.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SendError, Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::domain::penalty::RateTables;
use crate::domain::queue::Rules;
use crate::report::queue::{Keep, keep, keep_ahead};
use crate::store::Store;

/// How often, at most, the next days' queues are brought up to date while
/// other clerks write: a round costs a few milliseconds per client
/// changed, and a morning's first start finds at most this much of the
/// evening's writes left to read.
const AHEAD_EVERY: Duration = Duration::from_secs(30);

/// What the workbench hands the keeper.
enum Job {
    /// Lines a read built: kept first, in the order they came.
    Keep(Box<Keep>),
    /// Keep the days after `today` ready, with these rules and rates.
    Ahead {
        today: NaiveDate,
        rules: Box<Rules>,
        rates: Box<RateTables>,
    },
}

/// The keeper's end the workbench holds.
pub struct Keeper {
    jobs: Option<Sender<Job>>,
    stop: Arc<AtomicBool>,
    /// Lines handed over and not kept yet.
    keeping: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

impl Keeper {
    /// Starts the keeper of the database at `path`.
    pub fn start(path: PathBuf) -> Keeper {
        let (jobs, queue) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let keeping = Arc::new(AtomicUsize::new(0));
        let (asked, kept) = (Arc::clone(&stop), Arc::clone(&keeping));
        let thread = std::thread::Builder::new()
            .name("dun keeper".into())
            .spawn(move || work(&path, &queue, &asked, &kept))
            .ok();
        Keeper {
            jobs: thread.is_some().then_some(jobs),
            stop,
            keeping,
            thread,
        }
    }

    /// Hands `built` to the keeper; given back when the keeper is gone
    /// (the caller keeps it itself).
    pub fn keep(&self, built: Keep) -> Option<Keep> {
        let jobs = self.jobs.as_ref()?;
        self.keeping.fetch_add(1, Ordering::SeqCst);
        match jobs.send(Job::Keep(Box::new(built))) {
            Ok(()) => None,
            Err(SendError(job)) => {
                self.keeping.fetch_sub(1, Ordering::SeqCst);
                match job {
                    Job::Keep(built) => Some(*built),
                    Job::Ahead { .. } => None,
                }
            }
        }
    }

    /// Keeps the days after `today` ready, at the keeper's pace.
    pub fn ahead(&self, today: NaiveDate, rules: &Rules, rates: &RateTables) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job::Ahead {
                today,
                rules: Box::new(rules.clone()),
                rates: Box::new(rates.clone()),
            });
        }
    }

    /// Lets the keeper keep the lines handed to it, waiting at most
    /// `within`; the next days are left for the next workbench (a day
    /// being built is dropped with the process: it is only read, or
    /// written in one transaction that is then never committed).
    pub fn finish(mut self, within: Duration) {
        self.stop.store(true, Ordering::Relaxed);
        self.jobs = None;
        let Some(thread) = self.thread.take() else {
            return;
        };
        let until = Instant::now() + within;
        while self.keeping.load(Ordering::SeqCst) > 0
            && !thread.is_finished()
            && Instant::now() < until
        {
            std::thread::sleep(Duration::from_millis(5));
        }
        if thread.is_finished() {
            let _ = thread.join();
        }
    }
}

/// The keeper's thread: the lines to keep as they come; the next days at
/// most every [`AHEAD_EVERY`], with the latest rules asked for.
fn work(path: &std::path::Path, queue: &Receiver<Job>, stop: &AtomicBool, keeping: &AtomicUsize) {
    let Ok(mut store) = Store::open_existing(path) else {
        return;
    };
    let mut pending: Option<(NaiveDate, Box<Rules>, Box<RateTables>)> = None;
    let mut last: Option<Instant> = None;
    loop {
        let job = match (&pending, last) {
            (None, _) => queue.recv().map_err(|_| RecvTimeoutError::Disconnected),
            (Some(_), None) => queue.recv_timeout(Duration::ZERO),
            (Some(_), Some(t)) => queue.recv_timeout(AHEAD_EVERY.saturating_sub(t.elapsed())),
        };
        match job {
            Ok(Job::Keep(built)) => {
                let _ = keep(&mut store, &built);
                keeping.fetch_sub(1, Ordering::SeqCst);
                give_back(&store);
            }
            Ok(Job::Ahead {
                today,
                rules,
                rates,
            }) => pending = Some((today, rules, rates)),
            Err(RecvTimeoutError::Timeout) => {
                if let Some((today, rules, rates)) = pending.take() {
                    let stopped = || stop.load(Ordering::Relaxed);
                    let round = keep_ahead(&mut store, today, &rules, &rates, &stopped);
                    last = Some(Instant::now());
                    give_back(&store);
                    // A day left (a busy database): tried again at the next
                    // round, even if nobody writes meanwhile.
                    if round.is_err() || round.is_ok_and(|r| r.left > 0) {
                        pending = Some((today, rules, rates));
                    }
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// Gives back to the system the memory a job took: a whole queue built
/// for a day ahead takes tens of megabytes for a moment, and the keeper
/// then waits, mostly for hours. Its page cache is emptied (it reads the
/// next time from the system's file cache, which every clerk shares), and
/// the allocator returns the freed pages of this thread's arena.
fn give_back(store: &Store) {
    let _ = store.shrink_memory();
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of the allocator's
    // arenas; it takes no pointer and changes no allocation in use.
    unsafe {
        libc::malloc_trim(0);
    }
}
