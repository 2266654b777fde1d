-- Outbox of pending writes to external search engines (Meilisearch), filled in the same transaction as the
-- practice and drained by a background worker with retries: an engine outage never fails or loses a write.
CREATE TABLE search_outbox (
  id              INTEGER PRIMARY KEY,
  engine          TEXT NOT NULL,
  practice_id     INTEGER NOT NULL,
  enqueued_at     TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT
) STRICT;
CREATE INDEX search_outbox_due ON search_outbox (engine, next_attempt_at, id);
