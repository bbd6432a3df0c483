-- Reference rates set by the team's clerks (`dun rates set`), laid over the
-- shipped tables (assets/rates.toml) for every clerk's computations.
-- `series` and `period` are written as in assets/rates.toml (`ecb`,
-- `2026-H2`; `uk_bank_rate` takes a date, `2026-06-30`); `value` is the exact
-- decimal text (a yearly percentage, or NOK for `norway_compensation`);
-- `source` says where the value was read.
CREATE TABLE reference_rates (
    series  TEXT NOT NULL CHECK (series IN ('ecb', 'france_legal', 'spain',
                'norway_interest', 'norway_compensation', 'uk_bank_rate')),
    period  TEXT NOT NULL CHECK (
                (series <> 'uk_bank_rate' AND period GLOB '[0-9][0-9][0-9][0-9]-H[12]')
                OR (series = 'uk_bank_rate'
                    AND period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')),
    value   TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 40
                AND value NOT GLOB '*[^0-9.]*'),
    source  TEXT NOT NULL CHECK (length(trim(source)) > 0),
    set_by  TEXT NOT NULL,
    set_at  TEXT NOT NULL,
    PRIMARY KEY (series, period)
) WITHOUT ROWID;

-- Every change of a reference rate: who, when, and the value and source in
-- force before (a clerk's earlier one or the shipped one; NULL when there
-- was none) and after. Append-only.
CREATE TABLE reference_rate_changes (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user        TEXT NOT NULL,
    series      TEXT NOT NULL,
    period      TEXT NOT NULL,
    old_value   TEXT,
    old_source  TEXT,
    new_value   TEXT NOT NULL,
    new_source  TEXT NOT NULL
);
CREATE TRIGGER reference_rate_changes_no_update BEFORE UPDATE ON reference_rate_changes
BEGIN
    SELECT RAISE(ROLLBACK, 'the reference rates history is append-only');
END;
CREATE TRIGGER reference_rate_changes_no_delete BEFORE DELETE ON reference_rate_changes
BEGIN
    SELECT RAISE(ROLLBACK, 'the reference rates history is append-only');
END;
