-- The person letters are addressed to and the title the salutation uses
-- ('mr', 'ms', 'mrs'); both empty for the clients already there, whose
-- letters keep the generic salutation.
ALTER TABLE clients ADD COLUMN contact_name TEXT;
ALTER TABLE clients ADD COLUMN contact_title TEXT
    CHECK (contact_title IS NULL OR contact_title IN ('mr', 'ms', 'mrs'));
-- Addresses keep their lines from now on: the migration's fill gives an
-- address stored on one line the lines it was printed in until now.
