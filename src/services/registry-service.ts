import { readFileSync } from 'node:fs';
import { parsePartnerRegistry } from '../domain/partner.js';
import type { PartnerStore } from '../domain/ports.js';

/**
 * Loads the partner registry file (`data/partners.json`, see domain/partner.ts for its shape) and
 * upserts every entry, marking it reviewed. Partners created from unknown ids at import are left alone
 * unless the file now lists them. Idempotent; runs in one transaction.
 * @returns the number of entries in the file.
 * @throws if the file is missing or invalid (start-up should stop: the registry is reference data).
 */
export function syncPartnerRegistry(partners: PartnerStore, file: string, transaction: <T>(fn: () => T) => T): number {
  const entries = parsePartnerRegistry(JSON.parse(readFileSync(file, 'utf8')));
  transaction(() => entries.forEach((p) => partners.upsert(p)));
  return entries.length;
}
