import { z } from 'zod';

const isString = (v: unknown): v is string => typeof v === 'string';
/** A single text value, '' when missing or not text (login forms never fail validation: they re-render). */
const text = (max: number) => z.preprocess((v) => (isString(v) ? v : ''), z.string()).transform((s) => s.slice(0, max));

/** `GET /login?next=/curation/records/12`. */
export const LoginQuery = z.object({ next: z.unknown().optional().transform((v) => (isString(v) ? v : '')) });

/** `POST /login`: e-mail, password (at most 512 characters are checked), CSRF token and where to go next. */
export const LoginBody = z.object({
  _csrf: text(200),
  email: text(320).transform((s) => s.trim()),
  password: text(1024),
  next: text(2000),
});

/** `POST /logout`: only the CSRF token. */
export const LogoutBody = z.object({ _csrf: text(200) });

/**
 * `raw` when it is a same-origin path to go to after logging in (`/curation/records/12?x=1`), else null:
 * no scheme, no host, no protocol-relative `//host`, no backslashes or control characters, and not the
 * login or logout pages themselves.
 */
export function safeNextPath(raw: string): string | null {
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  let u: URL;
  try {
    u = new URL(raw, 'http://puente.invalid');
  } catch {
    return null;
  }
  if (u.origin !== 'http://puente.invalid') return null;
  const path = u.pathname.replace(/^\/{2,}/, '/');
  if (path === '/login' || path === '/logout') return null;
  return path + u.search;
}
