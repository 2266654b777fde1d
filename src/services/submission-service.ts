import slugify from '@sindresorhus/slugify';
import { createHash, randomBytes } from 'node:crypto';
import type { ValidationIssue } from '../domain/errors.js';
import type { Clock, Log, PartnerStore, PracticeStore } from '../domain/ports.js';
import type { Practice } from '../domain/practice.js';
import { splitOtherPartners, submissionSchema, type Channel, type Submission, type SubmissionData } from '../domain/submission.js';
import { toValidationIssues, VALIDATION_EN, interpolate } from '../domain/validation.js';
import type { SubmissionStore } from '../storage/sqlite/submission-store.js';
import type { CurationStore } from '../storage/sqlite/curation-store.js';
import { transition } from '../domain/curation.js';
import { parseMarkdownDocument } from './import-service.js';
import { renderMarkdown } from './markdown.js';
import type { TaxonomyService } from './taxonomy-service.js';

/** Tracking tokens: 32 random bytes (256 bits), base64url, 43 characters. Only their SHA-256 is stored. */
const TOKEN_BYTES = 32;
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type SubmitResult = { ok: true; token: string; practice: Practice; submission: Submission } | { ok: false; issues: ValidationIssue[] };

export type ResubmitResult = SubmitResult | { ok: false; notAllowed: true; issues: [] };

/**
 * Contributions from forms, Markdown uploads and the JSON API: validate (zod, every problem at once,
 * partners checked against the registry), store the practice with status `submitted` (not public, not
 * searchable) together with its submission row and a hashed tracking token, in one transaction.
 */
export function createSubmissionService(deps: {
  practices: PracticeStore;
  partners: PartnerStore;
  submissions: SubmissionStore;
  taxonomy: TaxonomyService;
  clock: Clock;
  log: Log;
  /** Where the contributor's resubmissions are logged (the audit log). */
  curation?: CurationStore;
}) {
  const { practices, partners, submissions, taxonomy, clock } = deps;
  const schema = () =>
    submissionSchema({ isCountryCode: taxonomy.isCountryCode, maxYear: new Date(clock.now()).getUTCFullYear() + 1 });

  /** Validates `input`; resolves partner refs to registry ids (unknown refs are issues). */
  function validate(input: unknown): { ok: true; data: SubmissionData; partnerIds: string[] } | { ok: false; issues: ValidationIssue[] } {
    const parsed = schema().safeParse(input);
    const issues = parsed.success ? [] : toValidationIssues(parsed.error);
    const partnerIds: string[] = [];
    const refs = parsed.success ? parsed.data.partners : Array.isArray((input as { partners?: unknown })?.partners) ? ((input as { partners: unknown[] }).partners) : [];
    refs.forEach((ref, i) => {
      if (typeof ref !== 'string') return;
      const p = partners.resolve(ref);
      if (!p || !p.reviewed) {
        issues.push({ path: `partners.${i}`, key: 'unknownPartner', params: { value: ref }, message: interpolate(VALIDATION_EN.unknownPartner, { value: ref }) });
      } else if (!partnerIds.includes(p.id)) partnerIds.push(p.id);
    });
    if (!parsed.success || issues.length) return { ok: false, issues };
    return { ok: true, data: parsed.data, partnerIds };
  }

  function uniqueSlug(title: string): string {
    const base = slugify(title, { separator: '-' }).slice(0, 80).replace(/-+$/, '') || 'practice';
    let slug = base.length >= 3 ? base : `${base}-practice`;
    for (let n = 2; practices.findBySlug(slug); n++) slug = `${base}-${n}`;
    return slug;
  }

  function write(data: SubmissionData, partnerIds: string[], slug: string, note: string) {
    const sources = [...new Set([...(data.source ? [data.source] : []), ...(data.sources ?? [])])];
    return practices.upsert({
      slug,
      title: data.title,
      summary: data.summary,
      bodyMarkdown: data.body,
      bodyHtml: renderMarkdown(data.body),
      countries: data.countries,
      pillars: data.pillars,
      partners: partnerIds,
      kind: data.kind,
      year: data.year,
      language: data.language,
      sourceUrl: sources[0] ?? null,
      sources,
      alliance: data.alliance ?? null,
      status: 'submitted',
      claimedBy: null,
      revision: { authorKind: 'contributor', note },
    }).practice;
  }

  return {
    /** Renders Markdown exactly as publishing would (same pipeline, same sanitizer); saves nothing. */
    preview(markdown: string): string {
      return renderMarkdown(markdown.normalize('NFC'));
    },

    /**
     * Validates and stores a contribution.
     * @returns `{ ok, token, practice }` (the token is shown once, to the contributor) or `{ ok: false, issues }`.
     */
    submit(input: unknown, channel: Channel): SubmitResult {
      const v = validate(input);
      if (!v.ok) return v;
      const token = randomBytes(TOKEN_BYTES).toString('base64url');
      const { practice, submission } = practices.transaction(() => {
        const practice = write(v.data, v.partnerIds, uniqueSlug(v.data.title), `submitted (${channel})`);
        const submission = submissions.insert({
          practiceId: practice.id,
          tokenHash: hashToken(token),
          contributor: {
            name: v.data.contributor.name,
            organisation: v.data.contributor.organisation,
            email: v.data.contributor.email,
            focalPoint: v.data.contributor.focal_point || null,
          },
          otherPartners: splitOtherPartners(v.data.other_partners ?? ''),
          channel,
        });
        return { practice, submission };
      });
      deps.log.info({ slug: practice.slug, channel }, 'contribution submitted');
      return { ok: true, token, practice, submission };
    },

    /**
     * A Markdown upload (front matter in the import format) plus the contributor fields of the upload form.
     * Front-matter problems are reported like form fields.
     */
    submitMarkdown(text: string, extra: { contributor: unknown; other_partners?: string }): SubmitResult {
      const doc = parseMarkdownDocument(text);
      if ('issues' in doc) return { ok: false, issues: doc.issues };
      const { slug: _ignored, ...data } = doc.data;
      return this.submit({ ...data, body: doc.body, contributor: extra.contributor, other_partners: extra.other_partners }, 'upload');
    },

    /** The record and submission behind a tracking token; null for anything that is not a live token. */
    findByToken(token: string): { practice: Practice; submission: Submission } | null {
      if (!TOKEN_RE.test(token)) return null;
      const submission = submissions.findByTokenHash(hashToken(token));
      if (!submission) return null;
      const practice = practices.findById(submission.practiceId);
      return practice ? { practice, submission } : null;
    },

    /**
     * Replaces the record with the contributor's revision and returns it to `submitted`; only while the
     * status is `changes-requested` (else `notAllowed`). Same validation as a first submission; the
     * contributor block may be omitted (the original is kept).
     */
    resubmit(token: string, input: Record<string, unknown>): ResubmitResult {
      const found = this.findByToken(token);
      if (!found) return { ok: false, notAllowed: true, issues: [] };
      const move = transition(
        { status: found.practice.status, claimedBy: found.practice.claimedBy, countries: found.practice.countries, pillars: found.practice.pillars, summary: found.practice.summary, bodyMarkdown: found.practice.bodyMarkdown, unresolvedPartners: found.submission.otherPartners },
        'resubmit',
        { kind: 'contributor' },
      );
      if (!move.ok) return { ok: false, notAllowed: true, issues: [] };
      const c = found.submission.contributor;
      const withContributor = {
        ...input,
        contributor: input.contributor ?? { name: c.name, organisation: c.organisation, email: c.email, ...(c.focalPoint ? { focal_point: c.focalPoint } : {}), consent: true },
      };
      const v = validate(withContributor);
      if (!v.ok) return v;
      const practice = practices.transaction(() => {
        const p = write(v.data, v.partnerIds, found.practice.slug, 'revised by the contributor');
        submissions.markResubmitted(found.submission.id, splitOtherPartners(v.data.other_partners ?? ''));
        deps.curation?.audit({
          at: clock.now(),
          actorKind: 'contributor',
          actorId: null,
          actorEmail: null,
          action: 'resubmit',
          practiceId: p.id,
          slug: p.slug,
          fromStatus: found.practice.status,
          toStatus: move.next,
          details: {},
        });
        return p;
      });
      return { ok: true, token, practice, submission: submissions.findByPracticeId(practice.id)! };
    },
  };
}
export type SubmissionService = ReturnType<typeof createSubmissionService>;
