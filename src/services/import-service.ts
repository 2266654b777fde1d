import matter from 'gray-matter';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { ValidationIssue } from '../domain/errors.js';
import type { Partner } from '../domain/partner.js';
import type { Clock, Log, PartnerStore, PracticeStore } from '../domain/ports.js';
import { SLUG_RE, practiceMetadataSchema, toValidationIssues, type PracticeMetadata } from '../domain/practice.js';
import { nfc } from '../domain/text.js';
import { renderMarkdown } from './markdown.js';
import type { TaxonomyService } from './taxonomy-service.js';

/** Outcome of importing one file. `issues` is empty unless `status` is `failed`. */
export interface ImportFileResult {
  path: string;
  slug: string | null;
  status: 'created' | 'updated' | 'failed';
  issues: ValidationIssue[];
  /** Non-fatal notes, e.g. an unknown partner kept as unreviewed. */
  warnings: string[];
}

export interface ImportService {
  /** Imports one Markdown file with YAML front matter; never throws for bad content. */
  importFile(path: string): ImportFileResult;
  /** Imports files and (non-recursively sorted, recursively walked) folders of `.md` files, one transaction per file. */
  importPaths(paths: string[]): ImportFileResult[];
  /** Imports parsed text (as if read from `path`). */
  importText(path: string, text: string): ImportFileResult;
}

/** Lists the `.md` files under `path` (itself if a file), sorted, recursively. */
export function listMarkdownFiles(path: string): string[] {
  const st = statSync(path);
  if (st.isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const p = join(path, e.name);
      if (e.isDirectory()) return listMarkdownFiles(p);
      return e.isFile() && extname(e.name).toLowerCase() === '.md' ? [p] : [];
    });
}

/**
 * Import use case: parse front matter (gray-matter), validate it (zod, every problem at once),
 * resolve partner ids and aliases against the registry, render Markdown once, and upsert by slug
 * with status `published`. Unknown partner ids are created as `reviewed: false` partners, with a warning.
 */
export function createImportService(deps: {
  practices: PracticeStore;
  partners: PartnerStore;
  taxonomy: TaxonomyService;
  clock: Clock;
  log: Log;
}): ImportService {
  const { practices, partners, taxonomy, log } = deps;

  const schema = () =>
    practiceMetadataSchema({
      isCountryCode: taxonomy.isCountryCode,
      maxYear: new Date(deps.clock.now()).getUTCFullYear() + 1,
    });

  function importText(path: string, text: string): ImportFileResult {
    const fail = (issues: ValidationIssue[], slug: string | null = null): ImportFileResult => ({
      path,
      slug,
      status: 'failed',
      issues,
      warnings: [],
    });
    const doc = parseMarkdownDocument(text);
    if ('issues' in doc) return fail(doc.issues);
    const { data } = doc;
    const parsed = { content: doc.body };
    const fileSlug = basename(path, extname(path)).toLowerCase();
    const issues: ValidationIssue[] = [];
    const result = schema().safeParse(data);
    if (!result.success) issues.push(...toValidationIssues(result.error));
    const explicitSlug = typeof data.slug === 'string' ? data.slug : undefined;
    const slug = explicitSlug ?? fileSlug;
    if (explicitSlug === undefined && !SLUG_RE.test(fileSlug)) {
      issues.push({ path: 'slug', message: `file name "${fileSlug}" is not a valid slug: add a slug field or rename the file` });
    }
    const body = parsed.content.trim();
    if (body === '') issues.push({ path: 'body', message: 'must not be empty: write the practice below the front matter' });
    if (body.length > 100_000) issues.push({ path: 'body', message: 'must be at most 100000 characters' });
    if (!result.success || issues.length) return fail(issues, slug);

    const meta: PracticeMetadata = result.data;
    const warnings: string[] = [];
    try {
      const outcome = practices.transaction(() => {
        const partnerIds: string[] = [];
        meta.partners.forEach((ref, i) => {
          let partner = partners.resolve(ref);
          if (!partner) {
            const fresh = unreviewedPartner(ref);
            partner = partners.findById(fresh.id);
            if (!partner) {
              partner = fresh;
              partners.upsert(partner);
              warnings.push(`partners.${i}: unknown partner "${ref}" kept as unreviewed partner ${partner.id}`);
            }
          }
          if (partnerIds.includes(partner.id)) {
            warnings.push(`partners.${i}: "${ref}" is ${partner.id}, already listed`);
          } else partnerIds.push(partner.id);
        });
        return practices.upsert({
          slug: meta.slug ?? slug,
          title: meta.title,
          summary: meta.summary,
          bodyMarkdown: body,
          bodyHtml: renderMarkdown(body),
          countries: meta.countries,
          pillars: meta.pillars,
          partners: partnerIds,
          kind: meta.kind,
          year: meta.year,
          language: meta.language,
          sourceUrl: meta.source ?? meta.sources?.[0] ?? null,
          sources: [...new Set([...(meta.source ? [meta.source] : []), ...(meta.sources ?? [])])],
          alliance: meta.alliance ?? null,
          status: 'published',
          revision: { authorKind: 'import', note: path },
        });
      });
      for (const w of warnings) log.warn({ path }, w);
      return { path, slug: outcome.practice.slug, status: outcome.created ? 'created' : 'updated', issues: [], warnings };
    } catch (err) {
      log.error({ err, path }, 'import failed');
      return fail([{ path: '(record)', message: `could not be stored: ${(err as Error).message}` }], slug);
    }
  }

  return {
    importText,
    importFile(path) {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (err) {
        return { path, slug: null, status: 'failed', issues: [{ path: '(file)', message: (err as Error).message }], warnings: [] };
      }
      return importText(path, text);
    },
    importPaths(paths) {
      const results: ImportFileResult[] = [];
      for (const p of paths) {
        let files: string[];
        try {
          files = listMarkdownFiles(p);
        } catch (err) {
          results.push({ path: p, slug: null, status: 'failed', issues: [{ path: '(file)', message: (err as Error).message }], warnings: [] });
          continue;
        }
        for (const f of files) results.push(this.importFile(f));
      }
      return results;
    },
  };
}

/**
 * Splits a Markdown file with YAML front matter (gray-matter) into its data and body (NFC).
 * @returns `{ data, body }`, or `{ issues }` when the front matter is missing or not valid YAML.
 */
export function parseMarkdownDocument(text: string): { data: Record<string, unknown>; body: string } | { issues: ValidationIssue[] } {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options turns off gray-matter's module-level cache of every parsed input.
    parsed = matter(nfc(text), {});
  } catch (err) {
    const reason = (err as { reason?: string }).reason ?? (err as Error).message.split('\n')[0];
    return { issues: [{ path: 'front matter', message: `is not valid YAML: ${reason}`, key: 'yaml', params: { detail: String(reason) } }] };
  }
  if (!parsed.matter || parsed.matter.trim() === '' || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    return { issues: [{ path: 'front matter', message: 'is missing: the file must start with a --- YAML block ---', key: 'frontMatterMissing', params: {} }] };
  }
  return { data: parsed.data as Record<string, unknown>, body: parsed.content };
}

/** A registry entry for an id no partner answers to: names are the id itself until a curator reviews it. */
function unreviewedPartner(ref: string): Partner {
  const id = ref
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'UNKNOWN';
  return { id, names: { es: ref, en: ref, fr: ref }, type: 'other', country: null, website: null, aliases: [], reviewed: false };
}

/** Formats a failed result as `path: field: message` lines, one per issue. */
export function formatIssues(result: ImportFileResult): string[] {
  return result.issues.map((i) => `${result.path}: ${i.path}: ${i.message}`);
}
