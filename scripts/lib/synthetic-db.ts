/**
 * SQLite databases holding a synthetic corpus (./synthetic-corpus.ts), built once and cached under the
 * temp folder, keyed by size, seed, generator version and partner registry, so benchmark re-runs are fast.
 *
 * Load path: `services.practices.upsert` (the real store; its write hook also writes the FTS5 row, the
 * embedded engine's real write path) with Markdown rendered by the real pipeline, 2,000 records per
 * transaction. `mode: 'bulk'` instead inserts through a store without the hook and then rebuilds the FTS5
 * index once (`services.embeddedSearch.rebuild(services.search.documentSource())`), for when the write
 * path is too slow for large corpora.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { destination, pino } from 'pino';
import type { Clock } from '../../src/domain/ports.js';
import { DATA_DIR } from '../../src/paths.js';
import { createServices } from '../../src/services/index.js';
import { renderMarkdown } from '../../src/services/markdown.js';
import { createSqlitePracticeStore } from '../../src/storage/sqlite/practice-store.js';
import { migrate, openDatabase } from '../../src/storage/sqlite/database.js';
import { GENERATOR_VERSION, createSyntheticCorpus, type RegistryPartner } from './synthetic-corpus.js';

export type LoadMode = 'hook' | 'bulk';

export interface SyntheticDatabase {
  path: string;
  /** True when built by this call (false: taken from the cache). */
  built: boolean;
  /** Wall time of the build (generate + render + insert + index), when built. */
  loadMs: number | null;
  mode: LoadMode;
  bytes: number;
}

/** A clock that advances one minute per call from 2024-01-01: deterministic created_at values. */
function steppingClock(): Clock {
  let t = Date.UTC(2024, 0, 1);
  return {
    now() {
      t += 60_000;
      return new Date(t).toISOString();
    },
  };
}

/** The cached file's name for these parameters (the registry's hash: a registry change is a new corpus). */
export function cacheFileName(size: number, seed: number, mode: LoadMode, registryFile = join(DATA_DIR, 'partners.json')): string {
  const registry = createHash('sha1').update(readFileSync(registryFile)).digest('hex').slice(0, 8);
  return `puente-synthetic-${size}-s${seed}-g${GENERATOR_VERSION}-${registry}-${mode}.sqlite`;
}

/**
 * Returns a migrated database file holding `size` synthetic practices of `seed`, building it when it
 * is not cached. Progress goes to `progress` (stderr lines, say).
 * @param opts.cacheDir defaults to `$TMPDIR/puente-bench-search`
 */
export async function ensureSyntheticDatabase(opts: {
  size: number;
  seed: number;
  mode?: LoadMode;
  cacheDir?: string;
  progress?: (line: string) => void;
}): Promise<SyntheticDatabase> {
  const mode = opts.mode ?? 'hook';
  const dir = opts.cacheDir ?? join(tmpdir(), 'puente-bench-search');
  mkdirSync(dir, { recursive: true });
  const registryFile = join(DATA_DIR, 'partners.json');
  const path = join(dir, cacheFileName(opts.size, opts.seed, mode, registryFile));
  if (existsSync(path)) return { path, built: false, loadMs: null, mode, bytes: statSync(path).size };

  const building = `${path}.building-${process.pid}`;
  const started = performance.now();
  const db = openDatabase(building);
  try {
    migrate(db);
    const clock = steppingClock();
    const log = pino({ level: 'warn' }, destination(2));
    const services = createServices({ db, clock, log });
    services.syncRegistry(registryFile);
    // As the server's first start does: an empty index is "rebuilt", which records its document format
    // version (without it the next start would rebuild the whole index).
    await services.ensureEmbeddedIndex();
    const partners = JSON.parse(readFileSync(registryFile, 'utf8')) as RegistryPartner[];
    const corpus = createSyntheticCorpus({ seed: opts.seed, partners });
    // 'bulk': a second store over the same connection, without the FTS5 write hook.
    const store = mode === 'hook' ? services.practices : createSqlitePracticeStore(db, clock);
    const CHUNK = 2000;
    let batch: ReturnType<typeof corpus.record>[] = [];
    let done = 0;
    const flush = () => {
      store.transaction(() => {
        for (const r of batch) store.upsert({ ...r, bodyHtml: renderMarkdown(r.bodyMarkdown), status: 'published' });
      });
      done += batch.length;
      batch = [];
      const s = (performance.now() - started) / 1000;
      opts.progress?.(`  ${opts.size}: ${done} practices in ${s.toFixed(1)} s (${Math.round(done / s)}/s)`);
    };
    for (const r of corpus.records(opts.size)) {
      batch.push(r);
      if (batch.length === CHUNK) flush();
    }
    if (batch.length) flush();
    if (mode === 'bulk') {
      const t = performance.now();
      await services.embeddedSearch.rebuild(services.search.documentSource());
      opts.progress?.(`  ${opts.size}: FTS5 index rebuilt in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
    throw err;
  }
  db.close();
  for (const suffix of ['-wal', '-shm']) rmSync(building + suffix, { force: true });
  renameSync(building, path);
  return { path, built: true, loadMs: performance.now() - started, mode, bytes: statSync(path).size };
}
