import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as cheerio from 'cheerio';
import matter from 'gray-matter';
import { CORPUS_DIR } from './build-app.js';

/**
 * The seed corpus as written in its front matter, read independently of the app (no import service,
 * no store), so tests can compare what the pages show with what the files say.
 */
export interface CorpusEntry {
  slug: string;
  title: string;
  summary: string;
  countries: string[];
  pillars: string[];
  partners: string[];
  kind: string;
  year: number;
  language: string;
  source: string | null;
}

let cached: CorpusEntry[] | undefined;

export function readCorpus(): CorpusEntry[] {
  if (cached) return cached;
  cached = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const { data } = matter(readFileSync(join(CORPUS_DIR, f), 'utf8'), {});
      const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => String(x).trim()) : []);
      return {
        slug: typeof data.slug === 'string' ? data.slug : basename(f, '.md').toLowerCase(),
        title: String(data.title),
        summary: String(data.summary),
        countries: list(data.countries).map((c) => c.toUpperCase()),
        pillars: list(data.pillars),
        partners: list(data.partners),
        kind: String(data.kind),
        year: Number(data.year),
        language: String(data.language),
        source: typeof data.source === 'string' ? data.source : null,
      };
    });
  return cached;
}

/** How many corpus entries satisfy `pred`. */
export function countCorpus(pred: (e: CorpusEntry) => boolean): number {
  return readCorpus().filter(pred).length;
}

/** Parses an HTML body with cheerio. */
export function html(body: string) {
  return cheerio.load(body);
}

/** Collapses whitespace: `text()` of nested markup spreads over several lines. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
