-- The structured reference a client quotes when paying an invoice: an RF
-- creditor reference, or a KID for invoices in NOK when the team chose
-- KIDs. Filled for the invoices already there by the migration's fill.
ALTER TABLE invoices ADD COLUMN payment_reference TEXT;
