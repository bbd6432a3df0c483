-- Search and a client list read a page at a time, on a million invoices;
-- and a cheap answer to "what changed since I last looked".

-- What a client is found by, kept by dun's store (src/store/summary.rs)
-- with the rule of src/domain/search.rs: code, name and e-mail folded
-- (lower case, no accents), separated by U+2028; the name folded alone, to sort
-- by; the phone number's digits.
ALTER TABLE clients ADD COLUMN search_key TEXT;
ALTER TABLE clients ADD COLUMN folded_name TEXT;
ALTER TABLE clients ADD COLUMN phone_digits TEXT;

-- What the client owes in its own currency on its open invoices, as the
-- ledger stands (the clients list's balance), the due date of the oldest
-- of them, and the latest day any of them was issued, paid or written
-- off (the cache answers for a day on or after it). Kept by the store
-- after every write, from the changes below.
ALTER TABLE clients ADD COLUMN balance INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN oldest_due_on TEXT;
ALTER TABLE clients ADD COLUMN latest_on TEXT;

-- The clients list's orders, each ending with the code: read a page at a
-- time from these.
CREATE INDEX clients_name ON clients(folded_name, code);
CREATE INDEX clients_balance ON clients(-balance, code);
CREATE INDEX clients_oldest ON clients(coalesce(oldest_due_on, '9999-12-31'), code);
CREATE INDEX clients_latest ON clients(latest_on);

-- The journal of one kind or one clerk, newest first, a page at a time.
CREATE INDEX activities_kind_at ON activities(kind, at);
CREATE INDEX activities_user_at ON activities(user, at);

-- What changed, in order: one row per row written (client_id NULL for
-- what concerns everyone: settings, reference rates, or 'all' after a
-- bulk load). Written by the triggers below, whoever writes; an open
-- workbench reads the rows after the last it saw. Only the latest rows
-- are kept: a reader further behind reads everything again.
CREATE TABLE changes (
    seq       INTEGER PRIMARY KEY,
    client_id INTEGER,
    what      TEXT NOT NULL CHECK (what IN ('journal', 'invoice', 'client', 'settings',
                  'rates', 'all'))
);

-- How far the store's derived columns (search keys and balances above)
-- have followed the changes.
CREATE TABLE change_marks (
    name TEXT PRIMARY KEY,
    seq  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO change_marks (name, seq) VALUES ('clients', 0);

CREATE TRIGGER changes_journal AFTER INSERT ON activities
BEGIN
    INSERT INTO changes (client_id, what) VALUES (NEW.client_id, 'journal');
END;
CREATE TRIGGER changes_invoice_new AFTER INSERT ON invoices
BEGIN
    INSERT INTO changes (client_id, what) VALUES (NEW.client_id, 'invoice');
END;
CREATE TRIGGER changes_invoice AFTER UPDATE OF number, client_id, issued_on, due_on, amount,
    currency, paid, last_paid_on, settled_on, written_off, written_off_on ON invoices
BEGIN
    INSERT INTO changes (client_id, what) VALUES (NEW.client_id, 'invoice');
    INSERT INTO changes (client_id, what) SELECT OLD.client_id, 'invoice'
        WHERE OLD.client_id <> NEW.client_id;
END;
CREATE TRIGGER changes_invoice_gone AFTER DELETE ON invoices
BEGIN
    INSERT INTO changes (client_id, what) VALUES (OLD.client_id, 'invoice');
END;
CREATE TRIGGER changes_client_new AFTER INSERT ON clients
BEGIN
    INSERT INTO changes (client_id, what) VALUES (NEW.id, 'client');
END;
-- Not the columns the store derives (standings, keys, balances).
CREATE TRIGGER changes_client AFTER UPDATE OF code, name, profile, language, country, phone,
    email, address, terms_days, credit_limit, currency, deposit_pct, rating, clerk,
    pilot_ends_on, hold_until, late_rate, late_fee, contact_name, contact_title ON clients
BEGIN
    INSERT INTO changes (client_id, what) VALUES (NEW.id, 'client');
END;
CREATE TRIGGER changes_solvency AFTER INSERT ON solvency_notes
BEGIN
    INSERT INTO changes (client_id, what) VALUES (NEW.client_id, 'client');
END;
CREATE TRIGGER changes_settings AFTER INSERT ON settings_changes
BEGIN
    INSERT INTO changes (client_id, what) VALUES (NULL, 'settings');
END;
CREATE TRIGGER changes_rates AFTER INSERT ON reference_rate_changes
BEGIN
    INSERT INTO changes (client_id, what) VALUES (NULL, 'rates');
END;
