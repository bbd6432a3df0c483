-- A client's invoices, read from indexes led by the client: a workbench
-- bringing its queue up to date after other clerks' writes reads the
-- invoices of the clients they touched, and the queue kept for the next
-- days is brought up to date the same way.
--
-- The open ones, from one covering index: the columns of `invoices_open`
-- (009), led by the client. Through `invoices_client` each of those
-- clients' invoices, settled or not, was read from the table, a page
-- apiece on a large file.
CREATE INDEX invoices_open_client ON invoices(client_id, due_on, currency, issued_on, amount,
    paid, last_paid_on, number, is_deposit, reminder_level, courtesy_on, reminded_on,
    notice_on, promised_for, disputed, written_off, written_off_on, settled_on)
    WHERE settled_on IS NULL;

-- Those settled since a day (what a promise made that day is judged by):
-- `invoices_client` (001) gains the day each was settled, so that the
-- ones settled long ago are passed over in the index.
DROP INDEX invoices_client;
CREATE INDEX invoices_client ON invoices(client_id, settled_on);
