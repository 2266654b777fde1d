-- Curators and admins of the RCM Technical Secretariat. Passwords: argon2id hashes (PHC strings).
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('curator', 'admin')),
  password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  disabled_at   TEXT
) STRICT;

-- Server-side sessions (@fastify/session store): the cookie holds only the signed session id, so logging
-- out or disabling a user ends the session everywhere.
CREATE TABLE sessions (
  id         TEXT PRIMARY KEY,
  data       TEXT NOT NULL CHECK (json_valid(data)),
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Failed logins, for rate limiting per account and per address (rows older than a day are pruned).
CREATE TABLE login_failures (
  id    INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  ip    TEXT NOT NULL,
  at    TEXT NOT NULL
) STRICT;
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);

-- Workflow fields of a record.
ALTER TABLE practices ADD COLUMN claimed_by INTEGER REFERENCES users (id);
ALTER TABLE practices ADD COLUMN featured INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1));
ALTER TABLE practices ADD COLUMN merged_into INTEGER REFERENCES practices (id);
CREATE INDEX practices_merged_into ON practices (merged_into) WHERE merged_into IS NOT NULL;

-- Rejection reason beside the curator's feedback.
ALTER TABLE submissions ADD COLUMN rejection_reason TEXT CHECK (rejection_reason IS NULL OR rejection_reason IN ('out-of-scope', 'duplicate', 'insufficient-evidence', 'other'));

-- Every content version of a record: a JSON snapshot of its fields, who wrote it and when.
CREATE TABLE practice_revisions (
  id          INTEGER PRIMARY KEY,
  practice_id INTEGER NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
  number      INTEGER NOT NULL,
  snapshot    TEXT NOT NULL CHECK (json_valid(snapshot)),
  author_kind TEXT NOT NULL CHECK (author_kind IN ('user', 'contributor', 'import', 'system')),
  author_id   INTEGER REFERENCES users (id),
  note        TEXT,
  created_at  TEXT NOT NULL,
  UNIQUE (practice_id, number)
) STRICT;

-- Curators' internal notes on a record (never shown to contributors or the public).
CREATE TABLE curation_notes (
  id          INTEGER PRIMARY KEY,
  practice_id INTEGER NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
  author_id   INTEGER NOT NULL REFERENCES users (id),
  text        TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX curation_notes_practice ON curation_notes (practice_id, id);

-- Append-only log of every curator and admin action.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor_kind  TEXT NOT NULL,
  actor_id    INTEGER,
  actor_email TEXT,
  action      TEXT NOT NULL,
  practice_id INTEGER,
  slug        TEXT,
  from_status TEXT,
  to_status   TEXT,
  details     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_practice ON audit_log (practice_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
