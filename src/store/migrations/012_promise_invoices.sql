-- A promise to pay may cover a few of a client's invoices: its journal
-- entry names none (invoice_id NULL) and this table lists them. A promise
-- with no rows here and no invoice is for the whole account, as before.
-- Written with the entry, in its transaction, and never changed after
-- (the journal is append-only: a correction of the promise undoes it).

CREATE TABLE promise_invoices (
    activity_id INTEGER NOT NULL REFERENCES activities(id) DEFERRABLE INITIALLY DEFERRED,
    invoice_id  INTEGER NOT NULL REFERENCES invoices(id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (activity_id, invoice_id)
) WITHOUT ROWID;
-- The promises naming an invoice, found from the invoice.
CREATE INDEX promise_invoices_invoice ON promise_invoices(invoice_id, activity_id);

CREATE TRIGGER promise_invoices_no_update BEFORE UPDATE ON promise_invoices
BEGIN
    SELECT RAISE(ROLLBACK, 'the journal is append-only: record a correction instead');
END;
CREATE TRIGGER promise_invoices_no_delete BEFORE DELETE ON promise_invoices
BEGIN
    SELECT RAISE(ROLLBACK, 'the journal is append-only: record a correction instead');
END;
