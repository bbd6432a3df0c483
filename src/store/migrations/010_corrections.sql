-- Corrections and client changes. A mistake in the journal is corrected
-- by a new entry of kind `correction` that refers to it (`refers_to`);
-- a change to a client's file is a `client_change` entry saying what
-- changed, old → new. The journal's CHECK on `kind` takes both: SQLite
-- cannot change a CHECK, so the table is made again with the same rows,
-- ids, links, indexes and triggers, as 009 did.
--
-- A payment's entry now names its row in `payments` (`payment_id`),
-- written with it by dun's store; a correction of a payment names the
-- payment it reverses too. For the entries already there, the link is the
-- one the journal export made by matching: the n-th payment entry of an
-- invoice, day, amount and clerk is the n-th payment row (not imported)
-- of the same, by id.

CREATE TEMP TABLE activities_copy AS SELECT * FROM activities;
DROP TABLE activities;

CREATE TABLE activities (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    on_date        TEXT NOT NULL,
    user           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'email', 'letter', 'reminder',
                       'formal_notice', 'promise', 'dispute', 'dispute_resolved', 'payment',
                       'statement', 'credit_check', 'hold', 'snooze', 'note',
                       'escalation', 'payment_plan', 'write_off', 'correction', 'client_change')),
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
    plan           TEXT,
    payment_id     INTEGER REFERENCES payments(id) DEFERRABLE INITIALLY DEFERRED,
    CHECK (kind <> 'correction' OR refers_to IS NOT NULL)
);

WITH entry AS (
    SELECT id, row_number() OVER (PARTITION BY invoice_id, on_date, amount, user ORDER BY id) AS n,
           invoice_id, on_date, amount, user
    FROM temp.activities_copy WHERE kind = 'payment' AND invoice_id IS NOT NULL),
payment AS (
    SELECT id, row_number() OVER (PARTITION BY invoice_id, received_on, amount, user ORDER BY id) AS n,
           invoice_id, received_on, amount, user
    FROM payments WHERE import_key IS NULL),
link AS (
    SELECT entry.id AS activity_id, payment.id AS payment_id FROM entry JOIN payment
      ON payment.invoice_id = entry.invoice_id AND payment.received_on = entry.on_date
     AND payment.amount = entry.amount AND payment.user = entry.user AND payment.n = entry.n)
INSERT INTO activities (id, at, on_date, user, kind, client_id, invoice_id, level, outcome,
        amount, currency, date, next_action_on, reason, note, registered, refers_to,
        assignee, reference, procedure, body, plan, payment_id)
    SELECT a.id, a.at, a.on_date, a.user, a.kind, a.client_id, a.invoice_id, a.level, a.outcome,
        a.amount, a.currency, a.date, a.next_action_on, a.reason, a.note, a.registered, a.refers_to,
        a.assignee, a.reference, a.procedure, a.body, a.plan, link.payment_id
    FROM temp.activities_copy a LEFT JOIN link ON link.activity_id = a.id ORDER BY a.id;
DROP TABLE temp.activities_copy;

CREATE INDEX activities_client ON activities(client_id, at);
CREATE INDEX activities_contact ON activities(client_id, kind, on_date);
CREATE INDEX activities_invoice ON activities(invoice_id, kind, on_date, level, date)
    WHERE invoice_id IS NOT NULL;
CREATE INDEX activities_at ON activities(at);
CREATE INDEX activities_refers ON activities(refers_to) WHERE refers_to IS NOT NULL;
CREATE INDEX activities_on ON activities(on_date);
CREATE INDEX activities_case_life ON activities(kind, on_date, client_id, invoice_id, currency,
    date, outcome, reason, assignee, amount, plan)
    WHERE kind IN ('dispute', 'dispute_resolved', 'escalation', 'payment_plan', 'write_off');
-- The corrections, few: whether an entry is corrected, and whether a
-- payment is reversed, is one look into one of these small indexes.
CREATE INDEX activities_corrected ON activities(refers_to) WHERE kind = 'correction';
CREATE INDEX activities_reversed ON activities(payment_id)
    WHERE kind = 'correction' AND payment_id IS NOT NULL;
-- A payment's entry, found from its row.
CREATE INDEX activities_payment ON activities(payment_id)
    WHERE kind = 'payment' AND payment_id IS NOT NULL;

CREATE TRIGGER activities_no_update BEFORE UPDATE ON activities
BEGIN
    SELECT RAISE(ROLLBACK, 'the journal is append-only: record a correction instead');
END;
CREATE TRIGGER activities_no_delete BEFORE DELETE ON activities
BEGIN
    SELECT RAISE(ROLLBACK, 'the journal is append-only: record a correction instead');
END;
-- The reminders that count are those not corrected.
CREATE TRIGGER activities_formal_notice_after_reminders BEFORE INSERT ON activities
WHEN NEW.kind = 'formal_notice' AND (NEW.invoice_id IS NULL OR
     (SELECT count(*) FROM activities r WHERE r.invoice_id = NEW.invoice_id
        AND r.kind = 'reminder' AND r.level >= 1 AND r.on_date <= NEW.on_date
        AND NOT EXISTS (SELECT 1 FROM activities x
                        WHERE x.kind = 'correction' AND x.refers_to = r.id)) < 3)
BEGIN
    SELECT RAISE(ROLLBACK, 'a formal notice needs an invoice with at least three reminders');
END;
-- A correction corrects one entry, once, and never another correction,
-- whoever writes it.
CREATE TRIGGER activities_correction_once BEFORE INSERT ON activities
WHEN NEW.kind = 'correction' AND (
     NOT EXISTS (SELECT 1 FROM activities t WHERE t.id = NEW.refers_to AND t.kind <> 'correction')
     OR EXISTS (SELECT 1 FROM activities x WHERE x.kind = 'correction' AND x.refers_to = NEW.refers_to))
BEGIN
    SELECT RAISE(ROLLBACK, 'a correction corrects one entry that is not a correction, once');
END;

-- The journal as it counts: every entry no correction refers to. Every
-- reader of the journal's effects (levels, deadlines, promises, disputes,
-- the case, the queue, the aging, penalties, letters) reads this view,
-- never `activities` itself; the listing of the journal reads everything.
CREATE VIEW activities_in_force AS
    SELECT * FROM activities a
    WHERE NOT EXISTS (SELECT 1 FROM activities x WHERE x.kind = 'correction' AND x.refers_to = a.id);

-- The payments as they count: every payment no correction reversed.
CREATE VIEW payments_in_force AS
    SELECT * FROM payments p
    WHERE NOT EXISTS (SELECT 1 FROM activities x
                      WHERE x.kind = 'correction' AND x.payment_id = p.id);
