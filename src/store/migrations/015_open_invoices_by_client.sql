-- A client's open invoices, read from one index: a workbench bringing its
-- queue up to date after other clerks' writes reads the open invoices of
-- the clients they touched, and the queue kept for the next days is
-- brought up to date the same way. Through `invoices_client` each of
-- those clients' invoices, settled or not, was read from the table, a
-- page apiece on a large file. The columns are those of `invoices_open`
-- (009), led by the client.
CREATE INDEX invoices_open_client ON invoices(client_id, due_on, currency, issued_on, amount,
    paid, last_paid_on, number, is_deposit, reminder_level, courtesy_on, reminded_on,
    notice_on, promised_for, disputed, written_off, written_off_on, settled_on)
    WHERE settled_on IS NULL;
