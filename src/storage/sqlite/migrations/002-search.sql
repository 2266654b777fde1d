-- Embedded search engine: one FTS5 row per published practice (rowid = practices.id), written in the
-- same transaction as the practice by the fts5 search index. Columns in ranking order.
-- unicode61 with remove_diacritics 2 folds case and accents ("migración" = "migracion"); prefix indexes
-- of 2 and 3 characters speed up "as you type" prefix queries.
CREATE VIRTUAL TABLE search_fts USING fts5 (
  title, summary, tags, body,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

-- The index's vocabulary (one row per term), read for typo tolerance.
CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab (search_fts, 'row');

-- Key/value state of the search engines, e.g. the document format version the FTS rows were built with.
CREATE TABLE search_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
