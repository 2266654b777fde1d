-- Change log of the embedded search index: one row per practice whose search row was written, in commit
-- order (practice_id NULL: the whole index was rebuilt). Another connection that sees the database change
-- (a server beside a CLI import, two servers on one file) re-reads just these practices instead of
-- reloading every facet bitset. Written in the record's own transaction; pruned to the newest rows.
CREATE TABLE search_changes (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  practice_id INTEGER
) STRICT;
