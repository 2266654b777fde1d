import { z } from 'zod';

/** `/submissions/:token`: any string (the service tells live tokens from the rest; anything else is a 404). */
export const TrackingParams = z.object({ token: z.string() });

/** `?revised=1` after a revision was accepted. */
export const TrackingQuery = z.object({
  revised: z.unknown().optional().transform((v) => v === '1'),
  lang: z.unknown().optional(),
});
