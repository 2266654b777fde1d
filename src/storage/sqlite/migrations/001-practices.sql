-- Partner registry: seeded from data/partners.json; unknown ids met at import are kept with reviewed = 0.
CREATE TABLE partners (
  id         TEXT PRIMARY KEY,
  name_es    TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  name_fr    TEXT NOT NULL,
  type       TEXT NOT NULL CHECK (type IN ('intergovernmental-process', 'un-agency', 'government-institution', 'civil-society', 'donor', 'other')),
  country    TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
  website    TEXT,
  aliases    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
  reviewed   INTEGER NOT NULL DEFAULT 1 CHECK (reviewed IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Folded (lower-case, accent-free) ids and aliases -> partner id, for resolving OIT -> ILO and the like.
CREATE TABLE partner_keys (
  key        TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners (id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX partner_keys_partner ON partner_keys (partner_id);

CREATE TABLE practices (
  id            INTEGER PRIMARY KEY,
  slug          TEXT NOT NULL UNIQUE,
  title         TEXT NOT NULL,
  summary       TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  body_html     TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('practice', 'bilateral-alliance', 'lesson-learned', 'tool')),
  year          INTEGER NOT NULL,
  language      TEXT NOT NULL CHECK (language IN ('es', 'en', 'fr')),
  source_url    TEXT,
  status        TEXT NOT NULL CHECK (status IN ('submitted', 'in-review', 'changes-requested', 'published', 'rejected', 'archived')),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX practices_status_created ON practices (status, created_at DESC);

CREATE TABLE practice_countries (
  practice_id  INTEGER NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
  country_code TEXT NOT NULL CHECK (length(country_code) = 2 AND country_code = upper(country_code)),
  position     INTEGER NOT NULL,
  PRIMARY KEY (practice_id, country_code)
) STRICT, WITHOUT ROWID;
CREATE INDEX practice_countries_code ON practice_countries (country_code, practice_id);

CREATE TABLE practice_pillars (
  practice_id INTEGER NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
  pillar_id   TEXT NOT NULL CHECK (pillar_id IN ('migration-management', 'dialogue-partnerships', 'emergencies-crises', 'communication-for-development')),
  position    INTEGER NOT NULL,
  PRIMARY KEY (practice_id, pillar_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX practice_pillars_pillar ON practice_pillars (pillar_id, practice_id);

CREATE TABLE practice_partners (
  practice_id INTEGER NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
  partner_id  TEXT NOT NULL REFERENCES partners (id) ON UPDATE CASCADE,
  position    INTEGER NOT NULL,
  PRIMARY KEY (practice_id, partner_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX practice_partners_partner ON practice_partners (partner_id, practice_id);
