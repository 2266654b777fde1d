import { z } from 'zod';

/** `:code` is any short string: unknown codes are a 404 from the service, not a 400. */
export const CountryParams = z.object({ code: z.string().min(1).max(100) });
