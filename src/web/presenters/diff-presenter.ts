import { ALLIANCE_STATUS_NAMES, INSTRUMENT_NAMES, ROLE_NAMES, type Alliance } from '../../domain/alliance.js';
import type { Kind, PillarId } from '../../domain/taxonomy.js';
import type { FieldDiff } from '../../services/curation-service.js';
import type { PresenterContext } from './context.js';
import { languageName } from './practice-presenter.js';

/**
 * Readable diffs of revisions (history page, review page): field by field, titles and summaries word by
 * word, the body line by line with long unchanged stretches folded, lists as added / removed / kept values
 * with their names. Everything stays text: templates print it escaped inside `<ins>` and `<del>`.
 */

export type DiffOp = 'ins' | 'del' | 'same';

export interface DiffPart {
  op: DiffOp;
  ins: boolean;
  del: boolean;
  value: string;
}

export interface DiffLine extends DiffPart {
  /** `+`, `−` or a space: the margin marker. */
  marker: string;
  /** A fold of unchanged lines: `value` is empty, `folded` their number. */
  folded: number | null;
}

export interface FieldDiffView {
  field: string;
  label: string;
  kind: 'text' | 'lines' | 'list' | 'value';
  isList: boolean;
  isValue: boolean;
  /** Word-level parts (`text`), values (`list`) or before/after (`value`). */
  parts: DiffPart[];
  /** Body lines (`lines`). */
  lines: DiffLine[];
  added: number;
  removed: number;
}

const part = (op: DiffOp, value: string): DiffPart => ({ op, ins: op === 'ins', del: op === 'del', value });
const opOf = (p: { added: boolean; removed: boolean }): DiffOp => (p.added ? 'ins' : p.removed ? 'del' : 'same');

/** Unchanged lines kept around a change; longer unchanged stretches are folded. */
const CONTEXT_LINES = 3;

function bodyLines(parts: FieldDiff['parts']): DiffLine[] {
  const out: DiffLine[] = [];
  const line = (op: DiffOp, value: string): DiffLine => ({ ...part(op, value), marker: op === 'ins' ? '+' : op === 'del' ? '−' : ' ', folded: null });
  parts.forEach((p, i) => {
    const lines = p.value.replace(/\n$/, '').split('\n');
    const op = opOf(p);
    if (op !== 'same') {
      for (const l of lines) out.push(line(op, l));
      return;
    }
    const first = i === 0;
    const last = i === parts.length - 1;
    const head = first ? 0 : CONTEXT_LINES;
    const tail = last ? 0 : CONTEXT_LINES;
    if (lines.length <= head + tail + 1) {
      for (const l of lines) out.push(line('same', l));
      return;
    }
    for (const l of lines.slice(0, head)) out.push(line('same', l));
    out.push({ ...part('same', ''), marker: ' ', folded: lines.length - head - tail });
    for (const l of lines.slice(lines.length - tail)) out.push(line('same', l));
  });
  return out;
}

/** An alliance on one line: parties with roles, instrument, status, dates. */
export function allianceLine(ctx: PresenterContext, a: Alliance | null): string {
  if (!a) return '—';
  const parties = a.parties.map((p) => `${ctx.taxonomy.countryName(p.country, ctx.lang)} (${ROLE_NAMES[p.role]?.[ctx.lang] ?? p.role})`).join(', ');
  const dates = [
    a.signedOn ? `${ctx.t('alliances.signedOn')} ${a.signedOn}` : null,
    a.startedOn ? `${ctx.t('alliances.startedOn')} ${a.startedOn}` : null,
    a.endedOn ? `${ctx.t('alliances.endedOn')} ${a.endedOn}` : null,
  ].filter(Boolean);
  return [parties, INSTRUMENT_NAMES[a.instrument]?.[ctx.lang] ?? a.instrument, ALLIANCE_STATUS_NAMES[a.status]?.[ctx.lang] ?? a.status, ...dates].join(' · ');
}

/** A list value or a scalar value with its name in the reader's language. */
function valueLabel(ctx: PresenterContext, field: string, value: string): string {
  if (value === '') return '—';
  switch (field) {
    case 'countries':
      return `${ctx.taxonomy.countryName(value, ctx.lang)} (${value})`;
    case 'pillars':
      return ctx.taxonomy.pillarName(value as PillarId, ctx.lang);
    case 'partners':
      return value;
    case 'kind':
      return ctx.taxonomy.kindName(value as Kind, ctx.lang);
    case 'language':
      return languageName(ctx, value);
    case 'alliance':
      try {
        return allianceLine(ctx, JSON.parse(value) as Alliance);
      } catch {
        return value;
      }
    default:
      return value;
  }
}

export function fieldLabel(ctx: PresenterContext, field: string): string {
  return ctx.t(`curation.fields.${field}`, { defaultValue: field });
}

export function fieldDiffView(ctx: PresenterContext, d: FieldDiff): FieldDiffView {
  const field = String(d.field);
  const count = (op: DiffOp, items: Array<{ op: DiffOp }>) => items.filter((x) => x.op === op).length;
  if (d.kind === 'text' && field === 'body') {
    const lines = bodyLines(d.parts);
    return { field, label: fieldLabel(ctx, field), kind: 'lines', isList: false, isValue: false, parts: [], lines, added: count('ins', lines), removed: count('del', lines) };
  }
  const parts = d.parts.map((p) => part(opOf(p), d.kind === 'text' ? p.value : valueLabel(ctx, field, p.value)));
  return {
    field,
    label: fieldLabel(ctx, field),
    kind: d.kind,
    isList: d.kind === 'list',
    isValue: d.kind === 'value',
    parts,
    lines: [],
    added: count('ins', parts),
    removed: count('del', parts),
  };
}

export function diffViews(ctx: PresenterContext, diffs: readonly FieldDiff[]): FieldDiffView[] {
  return diffs.map((d) => fieldDiffView(ctx, d));
}
