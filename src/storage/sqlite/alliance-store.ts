import type { AllianceStatus, Instrument } from '../../domain/alliance.js';
import type { SqliteDatabase } from './database.js';

/**
 * Queries over published bilateral-alliance case studies. A case study whose parties were not recorded
 * structurally (older imports) counts every one of its countries as a party, so it still appears.
 */
export interface AllianceStore {
  /** Published alliances per unordered country pair (a < b). */
  pairCounts(): Array<{ a: string; b: string; count: number }>;
  /** Ids of published alliances, newest first, optionally between both countries of `pair`, by instrument and status. */
  list(filter: { pair?: [string, string]; instrument?: Instrument; status?: AllianceStatus }): number[];
  /** The countries `country` has published alliances with, and how many. */
  partnersOf(country: string): Array<{ value: string; count: number }>;
}

const PARTIES = `
  pub AS (SELECT id FROM practices WHERE status = 'published' AND kind = 'bilateral-alliance'),
  parties AS (
    SELECT ap.practice_id, ap.country_code FROM alliance_parties ap JOIN pub ON pub.id = ap.practice_id
    UNION ALL
    SELECT pc.practice_id, pc.country_code FROM practice_countries pc JOIN pub ON pub.id = pc.practice_id
    WHERE NOT EXISTS (SELECT 1 FROM alliances a WHERE a.practice_id = pc.practice_id))`;

export function createSqliteAllianceStore(db: SqliteDatabase): AllianceStore {
  const pairs = db.prepare(`WITH ${PARTIES}
    SELECT x.country_code AS a, y.country_code AS b, count(*) AS count
    FROM parties x JOIN parties y ON x.practice_id = y.practice_id AND x.country_code < y.country_code
    GROUP BY x.country_code, y.country_code ORDER BY count DESC, a, b`);
  const listStmt = db.prepare(`WITH ${PARTIES}
    SELECT p.id FROM practices p JOIN pub ON pub.id = p.id LEFT JOIN alliances a ON a.practice_id = p.id
    WHERE (@a IS NULL OR EXISTS (SELECT 1 FROM parties x WHERE x.practice_id = p.id AND x.country_code = @a))
      AND (@b IS NULL OR EXISTS (SELECT 1 FROM parties y WHERE y.practice_id = p.id AND y.country_code = @b))
      AND (@instrument IS NULL OR a.instrument = @instrument)
      AND (@status IS NULL OR a.status = @status)
    ORDER BY p.created_at DESC, p.id DESC`).pluck();
  const partners = db.prepare(`WITH ${PARTIES}
    SELECT y.country_code AS value, count(*) AS count
    FROM parties x JOIN parties y ON x.practice_id = y.practice_id AND y.country_code <> x.country_code
    WHERE x.country_code = ? GROUP BY y.country_code ORDER BY count DESC, value`);
  return {
    pairCounts: () => pairs.all() as Array<{ a: string; b: string; count: number }>,
    list: (f) => listStmt.all({ a: f.pair?.[0] ?? null, b: f.pair?.[1] ?? null, instrument: f.instrument ?? null, status: f.status ?? null }) as number[],
    partnersOf: (country) => partners.all(country) as Array<{ value: string; count: number }>,
  };
}
