-- The ledger: clients, invoices, payments, the journal of activities and
-- solvency notes. Money is INTEGER minor units beside a currency code.
-- Dates are ISO text (YYYY-MM-DD); instants are RFC 3339 UTC text.

CREATE TABLE clients (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    name          TEXT NOT NULL,
    profile       TEXT NOT NULL CHECK (profile IN ('administration', 'business', 'individual')),
    language      TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr', 'nb', 'es')),
    country       TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
    phone         TEXT,
    email         TEXT,
    address       TEXT,
    terms_days    INTEGER NOT NULL DEFAULT 30 CHECK (typeof(terms_days) = 'integer' AND terms_days >= 0),
    credit_limit  INTEGER CHECK (credit_limit IS NULL OR (typeof(credit_limit) = 'integer' AND credit_limit >= 0)),
    currency      TEXT NOT NULL CHECK (length(currency) = 3),
    deposit_pct   INTEGER NOT NULL DEFAULT 0 CHECK (typeof(deposit_pct) = 'integer' AND deposit_pct BETWEEN 0 AND 100),
    rating        TEXT CHECK (rating IS NULL OR rating IN ('A', 'B', 'C', 'D')),
    clerk         TEXT,
    pilot_ends_on TEXT,
    hold_until    TEXT,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE invoices (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 64),
    client_id    INTEGER NOT NULL REFERENCES clients(id) DEFERRABLE INITIALLY DEFERRED,
    issued_on    TEXT NOT NULL,
    due_on       TEXT NOT NULL CHECK (due_on >= issued_on),
    amount       INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    milestone    TEXT,
    is_deposit   INTEGER NOT NULL DEFAULT 0 CHECK (is_deposit IN (0, 1)),
    -- Kept in step with the payments by dun's store (src/store/payments.rs):
    -- total paid, date of the latest payment, and the date the invoice was
    -- paid in full (NULL while open). The CHECK refuses overpayment.
    paid         INTEGER NOT NULL DEFAULT 0 CHECK (typeof(paid) = 'integer' AND paid BETWEEN 0 AND amount),
    last_paid_on TEXT,
    settled_on   TEXT,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX invoices_client ON invoices(client_id);
-- Aging today and the queue read only this covering index of the open invoices.
CREATE INDEX invoices_open ON invoices(due_on, currency, issued_on, amount, paid, last_paid_on, client_id, number)
    WHERE settled_on IS NULL;
-- Aging at a past date adds the invoices settled after it.
CREATE INDEX invoices_settled ON invoices(settled_on) WHERE settled_on IS NOT NULL;

CREATE TABLE payments (
    id          INTEGER PRIMARY KEY,
    invoice_id  INTEGER NOT NULL REFERENCES invoices(id) DEFERRABLE INITIALLY DEFERRED,
    received_on TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
    currency    TEXT NOT NULL CHECK (length(currency) = 3),
    method      TEXT NOT NULL DEFAULT 'transfer'
                CHECK (method IN ('transfer', 'card', 'cheque', 'cash', 'direct_debit', 'other')),
    reference   TEXT,
    -- What makes a re-import of the same line a no-op (see payments_import_key).
    import_key  TEXT,
    user        TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX payments_invoice ON payments(invoice_id, received_on, amount);
CREATE UNIQUE INDEX payments_import_key ON payments(import_key) WHERE import_key IS NOT NULL;

CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN
    SELECT RAISE(ROLLBACK, 'payments are never changed: record a correction instead');
END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN
    SELECT RAISE(ROLLBACK, 'payments are never deleted: record a correction instead');
END;

CREATE TABLE activities (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    on_date        TEXT NOT NULL,
    user           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'email', 'letter', 'reminder',
                       'formal_notice', 'promise', 'dispute', 'dispute_resolved', 'payment',
                       'statement', 'credit_check', 'hold', 'snooze', 'note')),
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
    refers_to      INTEGER REFERENCES activities(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX activities_client ON activities(client_id, at);
-- The queue's last contact and promises per client, read from the index alone.
CREATE INDEX activities_contact ON activities(client_id, kind, on_date);
CREATE INDEX activities_invoice ON activities(invoice_id, kind) WHERE invoice_id IS NOT NULL;
CREATE INDEX activities_at ON activities(at);

CREATE TRIGGER activities_no_update BEFORE UPDATE ON activities
BEGIN
    SELECT RAISE(ROLLBACK, 'the journal is append-only: record a correction instead');
END;
CREATE TRIGGER activities_no_delete BEFORE DELETE ON activities
BEGIN
    SELECT RAISE(ROLLBACK, 'the journal is append-only: record a correction instead');
END;

CREATE TABLE solvency_notes (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES clients(id) DEFERRABLE INITIALLY DEFERRED,
    on_date           TEXT NOT NULL,
    source            TEXT NOT NULL CHECK (source IN ('credit_bureau', 'bank', 'trade_reference',
                          'payment_history', 'visit')),
    rating            TEXT NOT NULL CHECK (rating IN ('A', 'B', 'C', 'D')),
    recommended_limit INTEGER CHECK (recommended_limit IS NULL
                          OR (typeof(recommended_limit) = 'integer' AND recommended_limit >= 0)),
    text              TEXT NOT NULL DEFAULT '',
    author            TEXT NOT NULL,
    at                TEXT NOT NULL
);
CREATE INDEX solvency_notes_client ON solvency_notes(client_id, on_date);

-- The latest note sets the client's current rating.
CREATE TRIGGER solvency_notes_rate AFTER INSERT ON solvency_notes
WHEN NOT EXISTS (SELECT 1 FROM solvency_notes
                 WHERE client_id = NEW.client_id AND id <> NEW.id
                   AND (on_date > NEW.on_date OR (on_date = NEW.on_date AND id > NEW.id)))
BEGIN
    UPDATE clients SET rating = NEW.rating WHERE id = NEW.client_id;
END;

CREATE TRIGGER solvency_notes_no_update BEFORE UPDATE ON solvency_notes
BEGIN
    SELECT RAISE(ROLLBACK, 'solvency notes are append-only: add a new note instead');
END;
CREATE TRIGGER solvency_notes_no_delete BEFORE DELETE ON solvency_notes
BEGIN
    SELECT RAISE(ROLLBACK, 'solvency notes are append-only: add a new note instead');
END;
