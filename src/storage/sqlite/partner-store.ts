import type { PartnerStore, Clock } from '../../domain/ports.js';
import type { Partner } from '../../domain/partner.js';
import type { PartnerType } from '../../domain/taxonomy.js';
import { foldKey } from '../../domain/text.js';
import type { SqliteDatabase } from './database.js';

interface PartnerRow {
  id: string;
  name_es: string;
  name_en: string;
  name_fr: string;
  type: string;
  country: string | null;
  website: string | null;
  aliases: string;
  reviewed: number;
}

function toPartner(r: PartnerRow): Partner {
  return {
    id: r.id,
    names: { es: r.name_es, en: r.name_en, fr: r.name_fr },
    type: r.type as PartnerType,
    country: r.country,
    website: r.website,
    aliases: JSON.parse(r.aliases) as string[],
    reviewed: r.reviewed === 1,
  };
}

/** better-sqlite3 implementation of {@link PartnerStore}; ids and aliases are looked up through folded keys. */
export function createSqlitePartnerStore(db: SqliteDatabase, clock: Clock): PartnerStore {
  const all = db.prepare('SELECT * FROM partners ORDER BY id');
  const byKey = db.prepare('SELECT p.* FROM partner_keys k JOIN partners p ON p.id = k.partner_id WHERE k.key = ?');
  const upsertRow = db.prepare(`
    INSERT INTO partners (id, name_es, name_en, name_fr, type, country, website, aliases, reviewed, created_at, updated_at)
    VALUES (@id, @name_es, @name_en, @name_fr, @type, @country, @website, @aliases, @reviewed, @now, @now)
    ON CONFLICT (id) DO UPDATE SET name_es = excluded.name_es, name_en = excluded.name_en, name_fr = excluded.name_fr,
      type = excluded.type, country = excluded.country, website = excluded.website, aliases = excluded.aliases,
      reviewed = excluded.reviewed, updated_at = excluded.updated_at
    WHERE (name_es, name_en, name_fr, type, country, website, aliases, reviewed)
      IS NOT (excluded.name_es, excluded.name_en, excluded.name_fr, excluded.type, excluded.country, excluded.website, excluded.aliases, excluded.reviewed)`);
  const clearKeys = db.prepare('DELETE FROM partner_keys WHERE partner_id = ?');
  // An id always wins over another partner's alias: ids are inserted with REPLACE, aliases only when free.
  const addIdKey = db.prepare('INSERT OR REPLACE INTO partner_keys (key, partner_id) VALUES (?, ?)');
  const addAliasKey = db.prepare('INSERT OR IGNORE INTO partner_keys (key, partner_id) VALUES (?, ?)');

  const upsertTx = db.transaction((p: Partner) => {
    upsertRow.run({
      id: p.id,
      name_es: p.names.es,
      name_en: p.names.en,
      name_fr: p.names.fr,
      type: p.type,
      country: p.country,
      website: p.website,
      aliases: JSON.stringify(p.aliases),
      reviewed: p.reviewed ? 1 : 0,
      now: clock.now(),
    });
    clearKeys.run(p.id);
    addIdKey.run(foldKey(p.id), p.id);
    for (const a of p.aliases) addAliasKey.run(foldKey(a), p.id);
  });

  // The registry is small (hundreds) and read on every page: keep it in memory. PRAGMA data_version
  // changes when another connection (an import CLI) commits; this connection's writes clear the cache.
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let cache: { version: number; byId: Map<string, Partner>; list: Partner[] } | null = null;
  // data_version is read at most every 100 ms: pages look partners up dozens of times per request.
  let checkedAt = 0;
  const registry = () => {
    const now = performance.now();
    if (cache && now - checkedAt < 100) return cache;
    checkedAt = now;
    const version = dataVersion.get() as number;
    if (!cache || cache.version !== version) {
      const list = (all.all() as PartnerRow[]).map(toPartner);
      cache = { version, list, byId: new Map(list.map((p) => [p.id, p])) };
    }
    return cache;
  };

  return {
    findById: (id) => registry().byId.get(id) ?? null,
    list: () => registry().list,
    resolve(ref) {
      const row = byKey.get(foldKey(ref)) as PartnerRow | undefined;
      return row ? toPartner(row) : null;
    },
    upsert: (p) => {
      cache = null;
      upsertTx(p);
    },
  };
}
