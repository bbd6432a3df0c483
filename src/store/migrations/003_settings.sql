-- Team settings: what every clerk of the team shares (ladders, minimum
-- amounts, company details, letters folder, time zone). `value` is a TOML
-- literal; a key not here has its shipped default.
CREATE TABLE settings (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL,
    set_by  TEXT NOT NULL,
    set_at  TEXT NOT NULL
);

-- Every change of a setting: who, when, the value before (NULL: the
-- default) and after. Append-only.
CREATE TABLE settings_changes (
    id    INTEGER PRIMARY KEY,
    at    TEXT NOT NULL,
    user  TEXT NOT NULL,
    key   TEXT NOT NULL,
    old   TEXT,
    new   TEXT NOT NULL
);
CREATE TRIGGER settings_changes_no_update BEFORE UPDATE ON settings_changes
BEGIN
    SELECT RAISE(ROLLBACK, 'the settings history is append-only');
END;
CREATE TRIGGER settings_changes_no_delete BEFORE DELETE ON settings_changes
BEGIN
    SELECT RAISE(ROLLBACK, 'the settings history is append-only');
END;
