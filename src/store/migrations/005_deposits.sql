-- The deposit invoices of each client by issue date, paid or not: whether
-- a new invoice has its deposit, read from a small index.
CREATE INDEX invoices_deposit ON invoices(client_id, issued_on) WHERE is_deposit = 1;
