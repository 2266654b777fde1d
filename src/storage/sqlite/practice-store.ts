import type { Statement } from 'better-sqlite3';
import type { PracticeFilter, PracticeStore, PracticeWrite, RevisionSnapshot, ValueCount, Clock } from '../../domain/ports.js';
import type { Practice, PracticeStatus, PracticeSummary } from '../../domain/practice.js';
import type { Kind, Language, PillarId } from '../../domain/taxonomy.js';
import type { Alliance, AllianceStatus, Instrument, PartyRole } from '../../domain/alliance.js';
import type { SqliteDatabase } from './database.js';

interface AllianceRow {
  id: number;
  instrument: string;
  signed_on: string | null;
  started_on: string | null;
  ended_on: string | null;
  status: string;
}

interface PracticeRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  body_markdown?: string;
  body_html?: string;
  kind: string;
  year: number;
  language: string;
  source_url: string | null;
  status: string;
  claimed_by: number | null;
  featured: number;
  merged_into: number | null;
  created_at: string;
  updated_at: string;
}

const SELECT_PRACTICE = 'SELECT p.* FROM practices p';
/** Every column but the bodies, which lists never show. */
const SUMMARY_COLUMNS =
  'p.id, p.slug, p.title, p.summary, p.kind, p.year, p.language, p.source_url, p.status, p.claimed_by, p.featured, p.merged_into, p.created_at, p.updated_at';
const SELECT_SUMMARY = `SELECT ${SUMMARY_COLUMNS} FROM practices p`;

interface Tags {
  countries: string[];
  pillars: PillarId[];
  partners: string[];
  alliance: Alliance | null;
  sources?: string[];
}

/** The content fields a revision records, in a fixed order (what the history page diffs). */
export function revisionSnapshot(p: Practice): RevisionSnapshot {
  return {
    title: p.title,
    summary: p.summary,
    countries: [...p.countries],
    pillars: [...p.pillars],
    partners: [...p.partners],
    kind: p.kind,
    year: p.year,
    language: p.language,
    sources: [...p.sources],
    alliance: p.alliance,
    body: p.bodyMarkdown,
  };
}

/** The one place where SQL snake_case rows become camelCase records. */
function toPractice(r: PracticeRow, tags: Tags): PracticeSummary & Partial<Practice> {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    ...(r.body_markdown === undefined ? {} : { bodyMarkdown: r.body_markdown, bodyHtml: r.body_html }),
    countries: tags.countries,
    pillars: tags.pillars,
    partners: tags.partners,
    alliance: tags.alliance,
    ...(tags.sources ? { sources: tags.sources } : {}),
    kind: r.kind as Kind,
    year: r.year,
    language: r.language as Language,
    sourceUrl: r.source_url,
    status: r.status as PracticeStatus,
    claimedBy: r.claimed_by,
    featured: r.featured === 1,
    mergedInto: r.merged_into,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** WHERE clause and named parameters for a {@link PracticeFilter}; filters become indexed EXISTS probes. */
function whereOf(filter: PracticeFilter): { sql: string; key: string; params: Record<string, string> } {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  if (filter.status) {
    parts.push('p.status = @status');
    params.status = filter.status;
  }
  if (filter.featured) parts.push('p.featured = 1');
  if (filter.country) {
    parts.push('EXISTS (SELECT 1 FROM practice_countries fc WHERE fc.practice_id = p.id AND fc.country_code = @country)');
    params.country = filter.country;
  }
  if (filter.pillar) {
    parts.push('EXISTS (SELECT 1 FROM practice_pillars fp WHERE fp.practice_id = p.id AND fp.pillar_id = @pillar)');
    params.pillar = filter.pillar;
  }
  if (filter.partner) {
    parts.push('EXISTS (SELECT 1 FROM practice_partners fa WHERE fa.practice_id = p.id AND fa.partner_id = @partner)');
    params.partner = filter.partner;
  }
  const key = Object.keys(params).join(',') + (filter.featured ? ',featured' : '');
  return { sql: parts.length ? 'WHERE ' + parts.join(' AND ') : '', key, params };
}

/**
 * better-sqlite3 implementation of {@link PracticeStore}. Statements are prepared on first use and
 * cached per query shape (filter combination), so each is prepared once per connection.
 */
export function createSqlitePracticeStore(db: SqliteDatabase, clock: Clock): PracticeStore {
  const cache = new Map<string, Statement>();
  const stmt = (key: string, sql: string): Statement => {
    let s = cache.get(key);
    if (!s) {
      s = db.prepare(sql);
      cache.set(key, s);
    }
    return s;
  };

  const bySlug = db.prepare(`${SELECT_PRACTICE} WHERE p.slug = ?`);
  const byId = db.prepare(`${SELECT_PRACTICE} WHERE p.id = ?`);
  const idBySlug = db.prepare('SELECT id, created_at FROM practices WHERE slug = ?');
  const insert = db.prepare(`
    INSERT INTO practices (slug, title, summary, body_markdown, body_html, kind, year, language, source_url, status, claimed_by, featured, merged_into, created_at, updated_at)
    VALUES (@slug, @title, @summary, @bodyMarkdown, @bodyHtml, @kind, @year, @language, @sourceUrl, @status, @claimedBy, @featured, @mergedInto, @now, @now)`);
  const update = db.prepare(`
    UPDATE practices SET title = @title, summary = @summary, body_markdown = @bodyMarkdown, body_html = @bodyHtml,
      kind = @kind, year = @year, language = @language, source_url = @sourceUrl, status = @status,
      claimed_by = CASE WHEN @setClaimedBy THEN @claimedBy ELSE claimed_by END,
      featured = CASE WHEN @setFeatured THEN @featured ELSE featured END,
      merged_into = CASE WHEN @setMergedInto THEN @mergedInto ELSE merged_into END,
      updated_at = @now
    WHERE id = @id`);
  const clearCountries = db.prepare('DELETE FROM practice_countries WHERE practice_id = ?');
  const clearPillars = db.prepare('DELETE FROM practice_pillars WHERE practice_id = ?');
  const clearPartners = db.prepare('DELETE FROM practice_partners WHERE practice_id = ?');
  const addCountry = db.prepare('INSERT INTO practice_countries (practice_id, country_code, position) VALUES (?, ?, ?)');
  const addPillar = db.prepare('INSERT INTO practice_pillars (practice_id, pillar_id, position) VALUES (?, ?, ?)');
  const addPartner = db.prepare('INSERT INTO practice_partners (practice_id, partner_id, position) VALUES (?, ?, ?)');
  // Candidates come from the (country_code, practice_id) and (pillar_id, practice_id) indexes, not a scan.
  const relatedStmt = db.prepare(`
    WITH sc AS (
           SELECT c.practice_id AS id, count(*) AS n FROM practice_countries c
           WHERE c.country_code IN (SELECT country_code FROM practice_countries WHERE practice_id = @id) AND c.practice_id <> @id
           GROUP BY c.practice_id),
         sp AS (
           SELECT q.practice_id AS id, count(*) AS n FROM practice_pillars q
           WHERE q.pillar_id IN (SELECT pillar_id FROM practice_pillars WHERE practice_id = @id) AND q.practice_id <> @id
           GROUP BY q.practice_id)
    SELECT ${SUMMARY_COLUMNS} FROM sc JOIN sp ON sp.id = sc.id JOIN practices p ON p.id = sc.id
    WHERE p.status = 'published' ORDER BY sc.n + sp.n DESC, p.id DESC LIMIT @limit`);
  // Tags of many practices in three queries (ids passed as a JSON array), not three per practice.
  const countriesOf = db.prepare('SELECT practice_id AS id, country_code AS v FROM practice_countries WHERE practice_id IN (SELECT value FROM json_each(?)) ORDER BY practice_id, position');
  const pillarsOf = db.prepare('SELECT practice_id AS id, pillar_id AS v FROM practice_pillars WHERE practice_id IN (SELECT value FROM json_each(?)) ORDER BY practice_id, position');
  const sourcesOf = db.prepare('SELECT practice_id AS id, url AS v FROM practice_sources WHERE practice_id IN (SELECT value FROM json_each(?)) ORDER BY practice_id, position');
  const alliancesOf = db.prepare('SELECT practice_id AS id, instrument, signed_on, started_on, ended_on, status FROM alliances WHERE practice_id IN (SELECT value FROM json_each(?))');
  const partiesOf = db.prepare('SELECT practice_id AS id, country_code AS country, role FROM alliance_parties WHERE practice_id IN (SELECT value FROM json_each(?)) ORDER BY practice_id, position');
  const clearSources = db.prepare('DELETE FROM practice_sources WHERE practice_id = ?');
  const addSource = db.prepare('INSERT INTO practice_sources (practice_id, position, url) VALUES (?, ?, ?)');
  const clearAlliance = db.prepare('DELETE FROM alliances WHERE practice_id = ?');
  const addAlliance = db.prepare('INSERT INTO alliances (practice_id, instrument, signed_on, started_on, ended_on, status) VALUES (@id, @instrument, @signedOn, @startedOn, @endedOn, @status)');
  const addParty = db.prepare('INSERT INTO alliance_parties (practice_id, country_code, role, position) VALUES (?, ?, ?, ?)');
  const partnersOf = db.prepare('SELECT practice_id AS id, partner_id AS v FROM practice_partners WHERE practice_id IN (SELECT value FROM json_each(?)) ORDER BY practice_id, position');

  /** Rows to records, loading every row's tags with three bulk queries. */
  const hydrate = <T extends PracticeSummary>(rows: PracticeRow[]): T[] => {
    if (rows.length === 0) return [];
    const full = rows[0]!.body_markdown !== undefined;
    const tags = new Map<number, Tags>(rows.map((r) => [r.id, { countries: [], pillars: [], partners: [], alliance: null, ...(full ? { sources: [] } : {}) }]));
    const ids = JSON.stringify(rows.map((r) => r.id));
    for (const t of countriesOf.all(ids) as Array<{ id: number; v: string }>) tags.get(t.id)!.countries.push(t.v);
    for (const t of pillarsOf.all(ids) as Array<{ id: number; v: PillarId }>) tags.get(t.id)!.pillars.push(t.v);
    for (const t of partnersOf.all(ids) as Array<{ id: number; v: string }>) tags.get(t.id)!.partners.push(t.v);
    if (full) for (const t of sourcesOf.all(ids) as Array<{ id: number; v: string }>) tags.get(t.id)!.sources!.push(t.v);
    if (rows.some((r) => r.kind === 'bilateral-alliance')) {
      for (const a of alliancesOf.all(ids) as AllianceRow[]) {
        tags.get(a.id)!.alliance = { parties: [], instrument: a.instrument as Instrument, signedOn: a.signed_on, startedOn: a.started_on, endedOn: a.ended_on, status: a.status as AllianceStatus };
      }
      for (const p of partiesOf.all(ids) as Array<{ id: number; country: string; role: PartyRole }>) tags.get(p.id)!.alliance?.parties.push({ country: p.country, role: p.role });
    }
    return rows.map((r) => toPractice(r, tags.get(r.id)!) as T);
  };
  const one = (row: unknown): Practice | null => (row ? hydrate<Practice>([row as PracticeRow])[0]! : null);

  const upsertTx = db.transaction((w: PracticeWrite): { practice: Practice; created: boolean } => {
    const now = clock.now();
    const existing = idBySlug.get(w.slug) as { id: number } | undefined;
    let id: number;
    const workflow = {
      claimedBy: w.claimedBy ?? null,
      setClaimedBy: w.claimedBy === undefined ? 0 : 1,
      featured: w.featured ? 1 : 0,
      setFeatured: w.featured === undefined ? 0 : 1,
      mergedInto: w.mergedInto ?? null,
      setMergedInto: w.mergedInto === undefined ? 0 : 1,
    };
    if (existing) {
      id = existing.id;
      update.run({ ...w, ...workflow, id, now });
      clearCountries.run(id);
      clearPillars.run(id);
      clearPartners.run(id);
    } else {
      id = Number(insert.run({ ...w, ...workflow, now }).lastInsertRowid);
    }
    clearSources.run(id);
    (w.sources ?? (w.sourceUrl ? [w.sourceUrl] : [])).forEach((u, i) => addSource.run(id, i, u));
    clearAlliance.run(id);
    if (w.alliance) {
      addAlliance.run({ id, ...w.alliance });
      w.alliance.parties.forEach((p, i) => addParty.run(id, p.country, p.role, i));
    }
    w.countries.forEach((c, i) => addCountry.run(id, c, i));
    w.pillars.forEach((p, i) => addPillar.run(id, p, i));
    w.partners.forEach((p, i) => addPartner.run(id, p, i));
    const practice = one(byId.get(id))!;
    recordRevision(practice, w.revision ?? { authorKind: 'system', authorId: null, note: null }, now);
    for (const hook of hooks) hook(practice);
    return { practice, created: !existing };
  });
  const hooks: Array<(practice: Practice) => void> = [];
  const lastRevision = db.prepare('SELECT number, snapshot FROM practice_revisions WHERE practice_id = ? ORDER BY number DESC LIMIT 1');
  const addRevision = db.prepare(`INSERT INTO practice_revisions (practice_id, number, snapshot, author_kind, author_id, note, created_at)
    VALUES (@practiceId, @number, @snapshot, @authorKind, @authorId, @note, @now)`);
  /** Appends a revision when the record's content differs from its latest revision (status moves alone add none). */
  const recordRevision = (p: Practice, r: NonNullable<PracticeWrite['revision']>, now: string) => {
    const snapshot = JSON.stringify(revisionSnapshot(p));
    const last = lastRevision.get(p.id) as { number: number; snapshot: string } | undefined;
    if (last && last.snapshot === snapshot) return;
    addRevision.run({ practiceId: p.id, number: (last?.number ?? 0) + 1, snapshot, authorKind: r.authorKind, authorId: r.authorId ?? null, note: r.note ?? null, now });
  };
  const byIds = db.prepare(`${SELECT_SUMMARY} WHERE p.id IN (SELECT value FROM json_each(?))`);
  const changedSinceStmt = db.prepare(`${SELECT_PRACTICE} WHERE p.updated_at >= ? ORDER BY p.id`);
  const publishedIds = db.prepare("SELECT id FROM practices WHERE status = 'published' ORDER BY id").pluck();

  const countBy = (column: string, table: string, filter: PracticeFilter) => {
    const w = whereOf(filter);
    return stmt(
      `countBy:${table}:${w.key}`,
      `SELECT t.${column} AS value, count(*) AS count FROM ${table} t JOIN practices p ON p.id = t.practice_id ${w.sql}
       GROUP BY t.${column} ORDER BY count DESC, value`,
    ).all(w.params) as ValueCount[];
  };

  return {
    findBySlug(slug) {
      return one(bySlug.get(slug));
    },
    findById(id) {
      return one(byId.get(id));
    },
    list(filter, page = { limit: -1, offset: 0 }) {
      const w = whereOf(filter);
      return hydrate(
        stmt(`list:${w.key}`, `${SELECT_SUMMARY} ${w.sql} ORDER BY p.created_at DESC, p.id DESC LIMIT @limit OFFSET @offset`).all({
          ...w.params,
          limit: page.limit,
          offset: page.offset,
        }) as PracticeRow[],
      );
    },
    count(filter) {
      const w = whereOf(filter);
      return (stmt(`count:${w.key}`, `SELECT count(*) AS n FROM practices p ${w.sql}`).get(w.params) as { n: number }).n;
    },
    upsert: (w) => upsertTx(w),
    countByPillar: (filter) => countBy('pillar_id', 'practice_pillars', filter) as ValueCount<PillarId>[],
    countByCountry: (filter) => countBy('country_code', 'practice_countries', filter),
    countByPartner: (filter) => countBy('partner_id', 'practice_partners', filter),
    countByCountryAndPillar(filter) {
      const w = whereOf(filter);
      return stmt(
        `countByCountryAndPillar:${w.key}`,
        `SELECT c.country_code AS country, q.pillar_id AS pillar, count(*) AS count
         FROM practice_countries c JOIN practice_pillars q ON q.practice_id = c.practice_id JOIN practices p ON p.id = c.practice_id
         ${w.sql} GROUP BY c.country_code, q.pillar_id`,
      ).all(w.params) as Array<{ country: string; pillar: PillarId; count: number }>;
    },
    related(practiceId, limit) {
      return hydrate(relatedStmt.all({ id: practiceId, limit }) as PracticeRow[]);
    },
    transaction: (fn) => db.transaction(fn)(),
    onWrite: (hook) => {
      hooks.push(hook);
    },
    summariesByIds(list) {
      if (list.length === 0) return [];
      const rows = byIds.all(JSON.stringify(list)) as PracticeRow[];
      const byId = new Map(hydrate<PracticeSummary>(rows).map((p) => [p.id, p]));
      return list.map((id) => byId.get(id)).filter((p): p is PracticeSummary => p !== undefined);
    },
    changedSince(since) {
      return hydrate<Practice>(changedSinceStmt.all(since) as PracticeRow[]);
    },
    *iteratePublished() {
      // Ids first (small), then each record by primary key: no statement stays open across yields.
      for (const id of publishedIds.all() as number[]) {
        const p = one(byId.get(id));
        if (p) yield p;
      }
    },
  };
}
