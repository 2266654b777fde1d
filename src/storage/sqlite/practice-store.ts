import type { Statement } from 'better-sqlite3';
import type { PracticeFilter, PracticeStore, PracticeWrite, ValueCount, Clock } from '../../domain/ports.js';
import type { Practice, PracticeStatus } from '../../domain/practice.js';
import type { Kind, Language, PillarId } from '../../domain/taxonomy.js';
import type { SqliteDatabase } from './database.js';

interface PracticeRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  body_markdown: string;
  body_html: string;
  kind: string;
  year: number;
  language: string;
  source_url: string | null;
  status: string;
  created_at: string;
  updated_at: string;
  countries_json: string;
  pillars_json: string;
  partners_json: string;
}

const SELECT_PRACTICE = `
  SELECT p.*,
    (SELECT json_group_array(country_code) FROM (SELECT country_code FROM practice_countries WHERE practice_id = p.id ORDER BY position)) AS countries_json,
    (SELECT json_group_array(pillar_id) FROM (SELECT pillar_id FROM practice_pillars WHERE practice_id = p.id ORDER BY position)) AS pillars_json,
    (SELECT json_group_array(partner_id) FROM (SELECT partner_id FROM practice_partners WHERE practice_id = p.id ORDER BY position)) AS partners_json
  FROM practices p`;

/** The one place where SQL snake_case rows become camelCase records. */
function toPractice(r: PracticeRow): Practice {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    bodyMarkdown: r.body_markdown,
    bodyHtml: r.body_html,
    countries: JSON.parse(r.countries_json) as string[],
    pillars: JSON.parse(r.pillars_json) as PillarId[],
    partners: JSON.parse(r.partners_json) as string[],
    kind: r.kind as Kind,
    year: r.year,
    language: r.language as Language,
    sourceUrl: r.source_url,
    status: r.status as PracticeStatus,
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
  return { sql: parts.length ? 'WHERE ' + parts.join(' AND ') : '', key: Object.keys(params).join(','), params };
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
    INSERT INTO practices (slug, title, summary, body_markdown, body_html, kind, year, language, source_url, status, created_at, updated_at)
    VALUES (@slug, @title, @summary, @bodyMarkdown, @bodyHtml, @kind, @year, @language, @sourceUrl, @status, @now, @now)`);
  const update = db.prepare(`
    UPDATE practices SET title = @title, summary = @summary, body_markdown = @bodyMarkdown, body_html = @bodyHtml,
      kind = @kind, year = @year, language = @language, source_url = @sourceUrl, status = @status, updated_at = @now
    WHERE id = @id`);
  const clearCountries = db.prepare('DELETE FROM practice_countries WHERE practice_id = ?');
  const clearPillars = db.prepare('DELETE FROM practice_pillars WHERE practice_id = ?');
  const clearPartners = db.prepare('DELETE FROM practice_partners WHERE practice_id = ?');
  const addCountry = db.prepare('INSERT INTO practice_countries (practice_id, country_code, position) VALUES (?, ?, ?)');
  const addPillar = db.prepare('INSERT INTO practice_pillars (practice_id, pillar_id, position) VALUES (?, ?, ?)');
  const addPartner = db.prepare('INSERT INTO practice_partners (practice_id, partner_id, position) VALUES (?, ?, ?)');
  const relatedStmt = db.prepare(`
    WITH me_c AS (SELECT country_code FROM practice_countries WHERE practice_id = @id),
         me_p AS (SELECT pillar_id FROM practice_pillars WHERE practice_id = @id),
         shared AS (
           SELECT p.id,
             (SELECT count(*) FROM practice_countries c WHERE c.practice_id = p.id AND c.country_code IN (SELECT country_code FROM me_c)) AS sc,
             (SELECT count(*) FROM practice_pillars q WHERE q.practice_id = p.id AND q.pillar_id IN (SELECT pillar_id FROM me_p)) AS sp
           FROM practices p WHERE p.status = 'published' AND p.id <> @id)
    SELECT id FROM shared WHERE sc > 0 AND sp > 0 ORDER BY sc + sp DESC, id DESC LIMIT @limit`);

  const upsertTx = db.transaction((w: PracticeWrite): { practice: Practice; created: boolean } => {
    const now = clock.now();
    const existing = idBySlug.get(w.slug) as { id: number } | undefined;
    let id: number;
    if (existing) {
      id = existing.id;
      update.run({ ...w, id, now });
      clearCountries.run(id);
      clearPillars.run(id);
      clearPartners.run(id);
    } else {
      id = Number(insert.run({ ...w, now }).lastInsertRowid);
    }
    w.countries.forEach((c, i) => addCountry.run(id, c, i));
    w.pillars.forEach((p, i) => addPillar.run(id, p, i));
    w.partners.forEach((p, i) => addPartner.run(id, p, i));
    return { practice: toPractice(byId.get(id) as PracticeRow), created: !existing };
  });

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
      const row = bySlug.get(slug) as PracticeRow | undefined;
      return row ? toPractice(row) : null;
    },
    list(filter, page = { limit: -1, offset: 0 }) {
      const w = whereOf(filter);
      return (
        stmt(`list:${w.key}`, `${SELECT_PRACTICE} ${w.sql} ORDER BY p.created_at DESC, p.id DESC LIMIT @limit OFFSET @offset`).all({
          ...w.params,
          limit: page.limit,
          offset: page.offset,
        }) as PracticeRow[]
      ).map(toPractice);
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
      const ids = relatedStmt.all({ id: practiceId, limit }) as Array<{ id: number }>;
      return ids.map((r) => toPractice(byId.get(r.id) as PracticeRow));
    },
    transaction: (fn) => db.transaction(fn)(),
  };
}
