-- Dunning by case: a client's overdue invoices in one currency are dunned
-- as one. Kept by dun's store (src/store/dunning.rs) from the journal,
-- like the cached standings of 002: the journal stays the truth.

-- The letters of each client and currency: the latest day each step went
-- (the courtesy note, reminders 1, 2, 3 and the formal notice, by the
-- highest level any invoice of the letter reached) and the latest
-- deadline given. A reminder's or formal notice's `date` is the deadline
-- its letter gave (the letter's own day for older entries without one).
CREATE TABLE cases (
    client_id    INTEGER NOT NULL REFERENCES clients(id) DEFERRABLE INITIALLY DEFERRED,
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    courtesy_on  TEXT,
    reminder1_on TEXT,
    reminder2_on TEXT,
    reminder3_on TEXT,
    notice_on    TEXT,
    deadline_on  TEXT,
    PRIMARY KEY (client_id, currency)
) WITHOUT ROWID;

-- What answers the queue's lines about a client, besides a contact:
ALTER TABLE clients ADD COLUMN reached_on TEXT;       -- latest call that reached the client
ALTER TABLE clients ADD COLUMN pilot_notice_on TEXT;  -- latest pilot-end notice sent
ALTER TABLE clients ADD COLUMN deposit_request_until TEXT; -- deadline of the latest deposit request
ALTER TABLE clients ADD COLUMN registered_on TEXT;    -- latest letter sent by registered mail
ALTER TABLE clients ADD COLUMN acknowledged_on TEXT;  -- day of the latest letter whose receipt came back

-- Calls with no answer, a voicemail or a wrong number are recorded but
-- are not contacts: the fill below recomputes every client's last contact.
