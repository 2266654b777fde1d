import { z } from 'zod';
import { ALLIANCE_STATUSES, INSTRUMENTS } from '../../../domain/alliance.js';

const one = <T extends z.ZodTypeAny>(s: T) => z.preprocess((v) => (Array.isArray(v) ? v[0] : v === '' ? undefined : v), s.optional());

/** `/alliances` and `/api/alliances` query: `pair=gt-mx` (any order and case), `instrument`, `status`. */
export const AlliancesQuery = z.object({
  pair: one(
    z
      .string()
      .regex(/^[a-zA-Z]{2}-[a-zA-Z]{2}$/, 'must be two country codes joined by a hyphen, e.g. gt-mx')
      .transform((p) => p.toUpperCase().split('-').sort() as [string, string])
      .refine(([a, b]) => a !== b, 'must name two different countries'),
  ),
  instrument: one(z.enum(INSTRUMENTS, { message: `must be one of ${INSTRUMENTS.join(', ')}` })),
  status: one(z.enum(ALLIANCE_STATUSES, { message: `must be one of ${ALLIANCE_STATUSES.join(', ')}` })),
  lang: z.unknown().optional(),
});
