import type { Alliance } from './alliance.js';
import type { Partner } from './partner.js';
import type { Practice, PracticeStatus, PracticeSummary } from './practice.js';
import type { Kind, Language, PillarId } from './taxonomy.js';

/** Wall clock, injectable for tests. */
export interface Clock {
  /** Current time as an ISO 8601 UTC string. */
  now(): string;
}

/** The fields a write supplies; ids and timestamps are the store's. */
export interface PracticeWrite {
  slug: string;
  title: string;
  summary: string;
  bodyMarkdown: string;
  bodyHtml: string;
  countries: readonly string[];
  pillars: readonly PillarId[];
  partners: readonly string[];
  kind: Kind;
  year: number;
  language: Language;
  sourceUrl: string | null;
  /** All source URLs; defaults to `[sourceUrl]`. */
  sources?: readonly string[];
  /** Replaces the record's alliance (null removes it). */
  alliance?: Alliance | null;
  status: PracticeStatus;
  /** Workflow fields: undefined keeps the stored value. */
  claimedBy?: number | null;
  featured?: boolean;
  mergedInto?: number | null;
  /** Who wrote this version (recorded when the content changed); defaults to `system`. */
  revision?: { authorKind: 'user' | 'contributor' | 'import' | 'system'; authorId?: number | null; note?: string | null };
}

/** The content of a record as a revision stores it. */
export interface RevisionSnapshot {
  title: string;
  summary: string;
  countries: string[];
  pillars: string[];
  partners: string[];
  kind: string;
  year: number;
  language: string;
  sources: string[];
  alliance: Alliance | null;
  body: string;
}

export interface PracticeFilter {
  status?: PracticeStatus;
  /** Only records featured on the home page. */
  featured?: boolean;
  country?: string;
  pillar?: PillarId;
  partner?: string;
}

/** A count keyed by a taxonomy value. */
export interface ValueCount<T extends string = string> {
  value: T;
  count: number;
}

/** Persistence of practices and their tags. Writes are atomic: a record and all its tags or nothing. */
export interface PracticeStore {
  findBySlug(slug: string): Practice | null;
  findById(id: number): Practice | null;
  /** Newest first (created_at, then id), without bodies. */
  list(filter: PracticeFilter, page?: { limit: number; offset: number }): PracticeSummary[];
  count(filter: PracticeFilter): number;
  /** Inserts, or updates the record with the same slug. Runs in one transaction. */
  upsert(write: PracticeWrite): { practice: Practice; created: boolean };
  countByPillar(filter: PracticeFilter): ValueCount<PillarId>[];
  countByCountry(filter: PracticeFilter): ValueCount[];
  /** Per country and pillar, for the countries page grid. */
  countByCountryAndPillar(filter: PracticeFilter): Array<{ country: string; pillar: PillarId; count: number }>;
  countByPartner(filter: PracticeFilter): ValueCount[];
  /** Published practices sharing at least one pillar and one country with `practiceId`, most shared tags first. */
  related(practiceId: number, limit: number): PracticeSummary[];
  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T;
  /**
   * Registers `hook`, called inside every write's transaction with the record as written, so indexes
   * (FTS5, the search outbox) commit or roll back together with the record. A throwing hook aborts the write.
   */
  onWrite(hook: (practice: Practice) => void): void;
  /** Summaries of the given ids, in the order given; unknown ids are skipped. */
  summariesByIds(ids: number[]): PracticeSummary[];
  /** Records updated at or after `since` (ISO time), any status. */
  changedSince(since: string): Practice[];
  /** Every published practice (with bodies), in id order, without loading them all at once. */
  iteratePublished(): IterableIterator<Practice>;
}

/** Persistence of the partner registry. */
export interface PartnerStore {
  findById(id: string): Partner | null;
  list(): Partner[];
  /** Looks a reference up by id or alias, case- and accent-insensitively: `oit` -> ILO. */
  resolve(ref: string): Partner | null;
  /** Inserts or replaces the entry and its lookup keys; keeps `reviewed` as given. */
  upsert(partner: Partner): void;
}

/** The logging surface services use (pino-compatible; Fastify's logger and pino loggers satisfy it). */
export interface Log {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Log;
}
