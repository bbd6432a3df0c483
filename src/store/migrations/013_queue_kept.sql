-- The follow-up queue as last read, kept so that a workbench opened later
-- shows it at once instead of building it again from a million invoices.
-- A cache, never a source of truth: the lines of every client as of one
-- day, under a fingerprint of the rules and rates they were built with,
-- current to a sequence number of `changes`. A reader brings them up to
-- date by building again the lines of the clients changed since, and
-- builds the whole queue when the day, the fingerprint or the team's
-- settings changed (src/store/queue_kept.rs, src/report/queue.rs).
CREATE TABLE queue_kept (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    as_of TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    seq INTEGER NOT NULL
);

-- One row per queue line, by client; `n` orders one client's lines.
-- The columns are those of a line (src/store/queue.rs, FollowUp).
CREATE TABLE queue_kept_lines (
    code TEXT NOT NULL,
    n INTEGER NOT NULL,
    name TEXT NOT NULL,
    profile TEXT NOT NULL,
    country TEXT,
    clerk TEXT,
    rating TEXT,
    reason TEXT NOT NULL,
    reason_on TEXT,
    reason_level INTEGER,
    currency TEXT NOT NULL,
    amount INTEGER NOT NULL,
    invoices TEXT NOT NULL,
    oldest_due_on TEXT,
    last_contact TEXT,
    invoice TEXT,
    invoice_outstanding INTEGER NOT NULL,
    reminder_level INTEGER NOT NULL,
    deposit_requested INTEGER NOT NULL,
    priority TEXT NOT NULL,
    held_series TEXT,
    held_period TEXT,
    PRIMARY KEY (code, n)
) WITHOUT ROWID;
