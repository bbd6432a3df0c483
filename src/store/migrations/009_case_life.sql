-- The rest of a case's life: disputes with an owner and a review date,
-- escalations to a collection agency or a court, payment plans and
-- write-offs. The journal takes three new kinds, which its CHECK lists:
-- SQLite cannot change a CHECK, so the table is made again with the same
-- rows, ids, indexes and triggers. The rows wait in a temporary table
-- while the old one is dropped first, so that the new table and the
-- schema's own pages reuse the pages it leaves, near the file's start.

CREATE TEMP TABLE activities_copy AS SELECT * FROM activities;
DROP TABLE activities;

-- Besides the columns of 001: the clerk who owns a dispute (assignee);
-- an escalation's file reference at the agency or court, its procedure
-- (injonction_de_payer, inkasso, …) and the agency's or court's name
-- (body); a payment plan's invoices and instalments, as JSON:
-- {"invoices": ["F1", …], "instalments": [{"on": "2026-12-15", "amount": 50000}, …]}.
CREATE TABLE activities (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    on_date        TEXT NOT NULL,
    user           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'email', 'letter', 'reminder',
                       'formal_notice', 'promise', 'dispute', 'dispute_resolved', 'payment',
                       'statement', 'credit_check', 'hold', 'snooze', 'note',
                       'escalation', 'payment_plan', 'write_off')),
    client_id      INTEGER NOT NULL REFERENCES clients(id) DEFERRABLE INITIALLY DEFERRED,
    invoice_id     INTEGER REFERENCES invoices(id) DEFERRABLE INITIALLY DEFERRED,
    level          INTEGER CHECK (level IS NULL OR (typeof(level) = 'integer' AND level BETWEEN 0 AND 9)),
    outcome        TEXT,
    amount         INTEGER CHECK (amount IS NULL OR typeof(amount) = 'integer'),
    currency       TEXT CHECK (currency IS NULL OR length(currency) = 3),
    date           TEXT,
    next_action_on TEXT,
    reason         TEXT,
    note           TEXT NOT NULL DEFAULT '',
    registered     INTEGER NOT NULL DEFAULT 0 CHECK (registered IN (0, 1)),
    refers_to      INTEGER REFERENCES activities(id) DEFERRABLE INITIALLY DEFERRED,
    assignee       TEXT,
    reference      TEXT,
    procedure      TEXT,
    body           TEXT,
    plan           TEXT
);
INSERT INTO activities (id, at, on_date, user, kind, client_id, invoice_id, level, outcome,
        amount, currency, date, next_action_on, reason, note, registered, refers_to)
    SELECT id, at, on_date, user, kind, client_id, invoice_id, level, outcome,
        amount, currency, date, next_action_on, reason, note, registered, refers_to
    FROM temp.activities_copy ORDER BY id;
DROP TABLE temp.activities_copy;

CREATE INDEX activities_client ON activities(client_id, at);
CREATE INDEX activities_contact ON activities(client_id, kind, on_date);
CREATE INDEX activities_invoice ON activities(invoice_id, kind, on_date, level, date)
    WHERE invoice_id IS NOT NULL;
CREATE INDEX activities_at ON activities(at);
CREATE INDEX activities_refers ON activities(refers_to) WHERE refers_to IS NOT NULL;
CREATE INDEX activities_on ON activities(on_date);
-- The entries that shape a case's life besides its letters, read whole by
-- the queue: few, so it reads them all from this small covering index.
CREATE INDEX activities_case_life ON activities(kind, on_date, client_id, invoice_id, currency,
    date, outcome, reason, assignee, amount, plan)
    WHERE kind IN ('dispute', 'dispute_resolved', 'escalation', 'payment_plan', 'write_off');

CREATE TRIGGER activities_no_update BEFORE UPDATE ON activities
BEGIN
    SELECT RAISE(ROLLBACK, 'the journal is append-only: record a correction instead');
END;
CREATE TRIGGER activities_no_delete BEFORE DELETE ON activities
BEGIN
    SELECT RAISE(ROLLBACK, 'the journal is append-only: record a correction instead');
END;
CREATE TRIGGER activities_formal_notice_after_reminders BEFORE INSERT ON activities
WHEN NEW.kind = 'formal_notice' AND (NEW.invoice_id IS NULL OR
     (SELECT count(*) FROM activities r WHERE r.invoice_id = NEW.invoice_id
        AND r.kind = 'reminder' AND r.level >= 1 AND r.on_date <= NEW.on_date) < 3)
BEGIN
    SELECT RAISE(ROLLBACK, 'a formal notice needs an invoice with at least three reminders');
END;

-- What was written off each invoice (minor units) and the day of the
-- latest write-off, kept beside the `write_off` entries of the journal by
-- dun's store (src/store/invoices.rs) like the paid total beside the
-- payments: outstanding = amount − paid − written_off. An invoice written
-- off in full is settled on that day.
ALTER TABLE invoices ADD COLUMN written_off INTEGER NOT NULL DEFAULT 0
    CHECK (typeof(written_off) = 'integer' AND written_off >= 0 AND paid + written_off <= amount);
ALTER TABLE invoices ADD COLUMN written_off_on TEXT;

-- The open invoices' covering index holds them too.
DROP INDEX invoices_open;
CREATE INDEX invoices_open ON invoices(due_on, currency, issued_on, amount, paid, last_paid_on,
    client_id, number, is_deposit, reminder_level, courtesy_on, reminded_on, notice_on,
    promised_for, disputed, written_off, written_off_on, settled_on)
    WHERE settled_on IS NULL;
