-- Bilateral-alliance case studies: the structured part of a `bilateral-alliance` practice.
CREATE TABLE alliances (
  practice_id INTEGER PRIMARY KEY REFERENCES practices (id) ON DELETE CASCADE,
  instrument  TEXT NOT NULL CHECK (instrument IN ('mou', 'bilateral-agreement', 'protocol', 'joint-action-plan', 'binational-commission', 'pilot-programme', 'other')),
  signed_on   TEXT CHECK (signed_on IS NULL OR signed_on GLOB '[0-9][0-9][0-9][0-9]*'),
  started_on  TEXT CHECK (started_on IS NULL OR started_on GLOB '[0-9][0-9][0-9][0-9]*'),
  ended_on    TEXT CHECK (ended_on IS NULL OR ended_on GLOB '[0-9][0-9][0-9][0-9]*'),
  status      TEXT NOT NULL CHECK (status IN ('in-force', 'concluded', 'under-negotiation', 'suspended')),
  CHECK (signed_on IS NOT NULL OR started_on IS NOT NULL)
) STRICT;

CREATE TABLE alliance_parties (
  practice_id  INTEGER NOT NULL REFERENCES alliances (practice_id) ON DELETE CASCADE,
  country_code TEXT NOT NULL CHECK (length(country_code) = 2 AND country_code = upper(country_code)),
  role         TEXT NOT NULL CHECK (role IN ('origin', 'transit', 'destination', 'host', 'partner')),
  position     INTEGER NOT NULL,
  PRIMARY KEY (practice_id, country_code)
) STRICT, WITHOUT ROWID;
CREATE INDEX alliance_parties_country ON alliance_parties (country_code, practice_id);

-- Every source URL of a practice, in order (practices.source_url keeps the first, for display).
CREATE TABLE practice_sources (
  practice_id INTEGER NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  url         TEXT NOT NULL,
  PRIMARY KEY (practice_id, position)
) STRICT, WITHOUT ROWID;
INSERT INTO practice_sources (practice_id, position, url) SELECT id, 0, source_url FROM practices WHERE source_url IS NOT NULL;

-- A contribution: who sent it and the private tracking token (stored as a SHA-256 hash only).
CREATE TABLE submissions (
  id                       INTEGER PRIMARY KEY,
  practice_id              INTEGER NOT NULL UNIQUE REFERENCES practices (id) ON DELETE CASCADE,
  token_hash               TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  contributor_name         TEXT NOT NULL,
  contributor_organisation TEXT NOT NULL,
  contributor_email        TEXT NOT NULL,
  focal_point              TEXT,
  consent_at               TEXT NOT NULL,
  other_partners           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(other_partners)),
  feedback                 TEXT,
  channel                  TEXT NOT NULL CHECK (channel IN ('form', 'upload', 'api')),
  submitted_at             TEXT NOT NULL,
  resubmitted_at           TEXT
) STRICT;
