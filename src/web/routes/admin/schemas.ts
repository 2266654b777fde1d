import { z } from 'zod';

const isString = (v: unknown): v is string => typeof v === 'string';
/** A single text value of a form, '' when missing (the forms re-render with a message instead of failing). */
const text = z.preprocess((v) => (isString(v) ? v : ''), z.string());

/** `/admin/users/:id/...`. */
export const UserParams = z.object({ id: z.coerce.number().int().min(1).max(2 ** 31) });

/** `?done=role` after a change. */
export const AdminQuery = z.object({ done: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[a-z-]{1,30}$/).optional()) });

/** A new account: e-mail, name, role (the temporary password is generated). */
export const NewAccountBody = z.object({ _csrf: text, email: text, name: text, role: text });

/** A role change. */
export const RoleBody = z.object({ _csrf: text, role: text });

/** Disable (`disabled=1`) or enable (`disabled=0`) an account. */
export const StatusBody = z.object({ _csrf: text, disabled: text });
