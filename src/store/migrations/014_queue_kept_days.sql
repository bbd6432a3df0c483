-- The follow-up queue kept for several days: today's, and the next days'
-- built ahead by an open workbench, so that the first workbench of a
-- morning finds its day's queue kept and brings it up to date with what
-- changed overnight instead of building it again. Still a cache, never a
-- source of truth (src/store/queue_kept.rs, src/report/queue.rs): what
-- 013 kept is dropped, and the next reader builds it again.
DROP TABLE queue_kept_lines;
DROP TABLE queue_kept;

-- One row per day kept: its lines were built with the rules and rates of
-- `fingerprint`, as the database stood at sequence number `seq` of
-- `changes`.
CREATE TABLE queue_kept (
    as_of TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    seq INTEGER NOT NULL
) WITHOUT ROWID;

-- One row per queue line, by day and client; `n` orders one client's
-- lines. The columns are those of a line (src/store/queue.rs, FollowUp).
CREATE TABLE queue_kept_lines (
    as_of TEXT NOT NULL,
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
    PRIMARY KEY (as_of, code, n)
) WITHOUT ROWID;
