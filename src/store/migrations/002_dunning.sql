-- Where each invoice and client stands in the dunning ladder, kept by dun's
-- store (src/store/dunning.rs) from the journal each time an activity is
-- appended, so that the follow-up queue reads one index instead of the
-- whole journal. The journal stays the truth: `dun queue --as-of` a past
-- date recomputes these from it with the same SQL.

ALTER TABLE invoices ADD COLUMN reminder_level INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN courtesy_on TEXT;   -- latest courtesy reminder
ALTER TABLE invoices ADD COLUMN reminded_on TEXT;   -- latest reminder or formal notice
ALTER TABLE invoices ADD COLUMN notice_on TEXT;     -- latest formal notice
ALTER TABLE invoices ADD COLUMN promised_for TEXT;  -- date of the latest promise
ALTER TABLE invoices ADD COLUMN disputed INTEGER NOT NULL DEFAULT 0 CHECK (disputed IN (0, 1));

ALTER TABLE clients ADD COLUMN last_contact_on TEXT;
ALTER TABLE clients ADD COLUMN next_action_on TEXT;  -- set by the latest activity that set one
ALTER TABLE clients ADD COLUMN snoozed_until TEXT;
ALTER TABLE clients ADD COLUMN visit_on TEXT;        -- a planned visit not yet done or cancelled
-- The client's contractual late-payment terms, which replace the law's.
ALTER TABLE clients ADD COLUMN late_rate TEXT;       -- annual %, a decimal string
ALTER TABLE clients ADD COLUMN late_fee INTEGER CHECK (late_fee IS NULL OR (typeof(late_fee) = 'integer' AND late_fee >= 0));

-- settled_on is always NULL in it, but SQLite reads an index alone only
-- when it holds every column the query names, its WHERE term's included.
DROP INDEX invoices_open;
CREATE INDEX invoices_open ON invoices(due_on, currency, issued_on, amount, paid, last_paid_on,
    client_id, number, is_deposit, reminder_level, courtesy_on, reminded_on, notice_on,
    promised_for, disputed, settled_on)
    WHERE settled_on IS NULL;

-- A formal notice needs three reminders first, whoever writes it. ROLLBACK
-- rather than ABORT: an ABORT trigger makes SQLite keep a statement journal
-- for every insert into the journal (a bulk load took a fifth longer), and
-- dun's writes are one transaction each anyway.
CREATE TRIGGER activities_formal_notice_after_reminders BEFORE INSERT ON activities
WHEN NEW.kind = 'formal_notice' AND (NEW.invoice_id IS NULL OR
     (SELECT count(*) FROM activities r WHERE r.invoice_id = NEW.invoice_id
        AND r.kind = 'reminder' AND r.level >= 1 AND r.on_date <= NEW.on_date) < 3)
BEGIN
    SELECT RAISE(ROLLBACK, 'a formal notice needs an invoice with at least three reminders');
END;

ALTER TABLE clients ADD COLUMN held_until TEXT;      -- latest `hold` activity's end date

-- The per-invoice facts above are read from the journal through this index.
DROP INDEX activities_invoice;
CREATE INDEX activities_invoice ON activities(invoice_id, kind, on_date, level, date)
    WHERE invoice_id IS NOT NULL;
-- The entries that complete another (an acknowledgment of receipt).
CREATE INDEX activities_refers ON activities(refers_to) WHERE refers_to IS NOT NULL;
-- Whether the journal holds anything after a date (the queue's fast path).
CREATE INDEX activities_on ON activities(on_date);
