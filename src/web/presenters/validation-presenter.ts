import type { TFunction } from 'i18next';
import type { ValidationIssue } from '../../domain/errors.js';

/** A validation problem in the reader's language. */
export interface LocalizedIssue {
  path: string;
  message: string;
}

/**
 * Renders validation issues in the reader's language: `validation.<key>` from the catalogs with the
 * issue's parameters, falling back to the English message when a key has no translation.
 */
export function localizeIssues(issues: readonly ValidationIssue[], t: TFunction): LocalizedIssue[] {
  return issues.map((i) => ({
    path: i.path,
    message: i.key ? (t(`validation.${i.key}`, { ...i.params, defaultValue: i.message }) as string) : i.message,
  }));
}

/** Issues keyed by field path (first message per path), for printing next to form fields. */
export function issuesByField(issues: readonly LocalizedIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path] ??= i.message;
  return out;
}
