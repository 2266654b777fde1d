import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root: the nearest folder above this module holding package.json.
 * Works from `src/` (tsx, tests) and from `dist/src/` (built).
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export const PROJECT_ROOT = findRoot();
export const VIEWS_DIR = join(PROJECT_ROOT, 'views');
export const ASSETS_DIR = join(PROJECT_ROOT, 'views', 'assets');
export const LOCALES_DIR = join(PROJECT_ROOT, 'locales');
export const DATA_DIR = join(PROJECT_ROOT, 'data');
export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'src', 'storage', 'sqlite', 'migrations');

/** Resolves a configured path (relative paths are relative to the project root). */
export function resolveFromRoot(p: string): string {
  return p === ':memory:' ? p : resolve(PROJECT_ROOT, p);
}
