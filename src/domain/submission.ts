import { z } from 'zod';
import type { Alliance } from './alliance.js';
import { practiceMetadataShape, practiceRules, type PracticeSchemaOptions } from './practice.js';
import { cleanLine, nfc } from './text.js';
import { msg } from './validation.js';

/** Maximum size of a contributed Markdown body, in bytes (UTF-8). */
export const MAX_BODY_BYTES = 100 * 1024;

/** Where a contribution came from. */
export const CHANNELS = ['form', 'upload', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Who sent a contribution. The e-mail is never shown publicly. */
export interface Contributor {
  name: string;
  organisation: string;
  email: string;
  /** Optional person (name and/or e-mail) curators may contact with follow-up questions. */
  focalPoint: string | null;
}

/** A contribution as stored beside its practice record. */
export interface Submission {
  id: number;
  practiceId: number;
  contributor: Contributor;
  consentAt: string;
  /** Partners typed in the "other partner" box, for curators to resolve to registry entries. */
  otherPartners: string[];
  /** The curator's message to the contributor (shown on the tracking page). */
  feedback: string | null;
  /** Reason code when rejected (out-of-scope, duplicate, insufficient-evidence, other). */
  rejectionReason: string | null;
  channel: Channel;
  submittedAt: string;
  resubmittedAt: string | null;
}

const line = (max: number, required = true) =>
  z
    .string({ message: msg('required') })
    .transform(cleanLine)
    .pipe(required ? z.string().min(1, msg('required')).max(max, msg('tooLong', { max })) : z.string().max(max, msg('tooLong', { max })));

/** The contributor block of forms and the API: `{ name, organisation, email, focal_point?, consent: true }`. */
export const contributorSchema = z
  .object({
    name: line(200),
    organisation: line(300),
    email: z.string({ message: msg('required') }).trim().pipe(z.email({ message: msg('email') }).max(320, msg('tooLong', { max: 320 }))),
    focal_point: line(300, false).optional(),
    consent: z.literal(true, { message: msg('consent') }),
  })
  .strict();

/** Splits the free-text "other partner" box into names (newlines, commas or semicolons). */
export function splitOtherPartners(text: string): string[] {
  return [...new Set(text.split(/[\n,;]+/).map(cleanLine).filter(Boolean))].slice(0, 20);
}

/**
 * A contribution (form, upload or `POST /api/submissions`): the import schema without `slug`, plus
 * `body` (Markdown, at most 100 KB), `other_partners` (free text) and `contributor`; `alliance` as in imports.
 */
export function submissionSchema(opts: PracticeSchemaOptions) {
  const { slug: _slug, ...shape } = practiceMetadataShape(opts);
  return z
    .object({
      ...shape,
      body: z
        .string({ message: msg('required') })
        .transform((b) => nfc(b).replace(/\r\n/g, '\n').trim())
        .pipe(
          z
            .string()
            .min(1, msg('empty'))
            .refine((b) => Buffer.byteLength(b, 'utf8') <= MAX_BODY_BYTES, { message: msg('bodyTooLong', { max: MAX_BODY_BYTES / 1024 }) }),
        ),
      other_partners: z.string().max(2000, msg('tooLong', { max: 2000 })).optional(),
      contributor: contributorSchema,
    })
    .strict()
    .superRefine(practiceRules);
}

export type SubmissionData = z.output<ReturnType<typeof submissionSchema>>;
export type { Alliance };
