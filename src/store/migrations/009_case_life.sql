-- The rest of a case's life: disputes with an owner and a review date,
-- escalations to a collection agency or a court, payment plans and
-- write-offs. The journal takes three new kinds, which its CHECK lists:
-- SQLite cannot change a CHECK, so the table is made again with the same
-- rows, ids, indexes and triggers (the 12 steps of SQLite's "ALTER TABLE"
-- page, within this migration's transaction).

CREATE TABLE activities_new (
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
    refers_to      INTEGER REFERENCES activities_new(id) DEFERRABLE INITIALLY DEFERRED,
    -- The clerk who owns a dispute.
    assignee       TEXT,
    -- An escalation's file reference at the agency or court, its procedure
    -- (injonction_de_payer, inkasso, …) and the agency's or court's name.
    reference      TEXT,
    procedure      TEXT,
    body           TEXT
);
INSERT INTO activities_new (id, at, on_date, user, kind, client_id, invoice_id, level, outcome,
        amount, currency, date, next_action_on, reason, note, registered, refers_to)
    SELECT id, at, on_date, user, kind, client_id, invoice_id, level, outcome,
        amount, currency, date, next_action_on, reason, note, registered, refers_to
    FROM activities;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;

CREATE INDEX activities_client ON activities(client_id, at);
CREATE INDEX activities_contact ON activities(client_id, kind, on_date);
CREATE INDEX activities_invoice ON activities(invoice_id, kind, on_date, level, date)
    WHERE invoice_id IS NOT NULL;
CREATE INDEX activities_at ON activities(at);
CREATE INDEX activities_refers ON activities(refers_to) WHERE refers_to IS NOT NULL;
CREATE INDEX activities_on ON activities(on_date);
-- The entries that shape a case's life besides its letters, read whole by
-- the queue: few, so it reads them all from this small index.
CREATE INDEX activities_case_life ON activities(kind, on_date)
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

-- A payment plan's invoices and instalments, beside its journal entry.
CREATE TABLE plan_invoices (
    activity_id INTEGER NOT NULL REFERENCES activities(id) DEFERRABLE INITIALLY DEFERRED,
    invoice_id  INTEGER NOT NULL REFERENCES invoices(id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (activity_id, invoice_id)
) WITHOUT ROWID;
CREATE TABLE plan_instalments (
    activity_id INTEGER NOT NULL REFERENCES activities(id) DEFERRABLE INITIALLY DEFERRED,
    due_on      TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
    PRIMARY KEY (activity_id, due_on)
) WITHOUT ROWID;
CREATE TRIGGER plan_invoices_no_update BEFORE UPDATE ON plan_invoices
BEGIN
    SELECT RAISE(ROLLBACK, 'a payment plan is never changed: record a new one');
END;
CREATE TRIGGER plan_invoices_no_delete BEFORE DELETE ON plan_invoices
BEGIN
    SELECT RAISE(ROLLBACK, 'a payment plan is never changed: record a new one');
END;
CREATE TRIGGER plan_instalments_no_update BEFORE UPDATE ON plan_instalments
BEGIN
    SELECT RAISE(ROLLBACK, 'a payment plan is never changed: record a new one');
END;
CREATE TRIGGER plan_instalments_no_delete BEFORE DELETE ON plan_instalments
BEGIN
    SELECT RAISE(ROLLBACK, 'a payment plan is never changed: record a new one');
END;
