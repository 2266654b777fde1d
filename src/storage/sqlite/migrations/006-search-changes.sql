-- Change log of the embedded search index: one row per write to a practice, in commit order
-- (practice_id NULL: the whole index was rebuilt). Another connection that sees the database change
-- (a server beside a CLI import, two servers on one file) re-reads just these practices instead of
-- reloading every facet bitset. Triggers write it, so every writer logs, whatever its code (an older
-- build during an upgrade, SQL typed by an administrator); the embedded engine prunes it to the newest rows.
CREATE TABLE search_changes (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  practice_id INTEGER
) STRICT;

CREATE TRIGGER practices_search_change_insert AFTER INSERT ON practices
BEGIN
  INSERT INTO search_changes (practice_id) VALUES (NEW.id);
END;

CREATE TRIGGER practices_search_change_update AFTER UPDATE ON practices
BEGIN
  INSERT INTO search_changes (practice_id) VALUES (NEW.id);
END;

CREATE TRIGGER practices_search_change_delete AFTER DELETE ON practices
BEGIN
  INSERT INTO search_changes (practice_id) VALUES (OLD.id);
END;
