import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** A form value: repeated fields as lists. */
export type FormData = Record<string, string | readonly string[]>;

/** URL-encodes a form like a browser (repeated names for lists). */
export function encodeForm(form: FormData): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of typeof v === 'string' ? [v] : v) p.append(k, x);
  return p.toString();
}

/** The value of the first `name="_csrf"` hidden field of an HTML page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no _csrf field in the page');
  return m[1]!;
}

/**
 * A browser-like client over `app.inject`: keeps the cookies it is given (session, CSRF secret, language),
 * fetches CSRF tokens from pages and posts forms.
 */
export class Agent {
  readonly jar = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = c.value === '' || c.maxAge === 0 || (c.expires instanceof Date && c.expires.getTime() < Date.now());
      if (expired) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  async request(method: 'GET' | 'HEAD' | 'POST', url: string, opts: { form?: FormData; json?: unknown; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), ...opts.headers };
    let payload: string | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(opts.json);
    } else if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = encodeForm(opts.form);
    }
    return this.keep(await this.app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) }));
  }

  /** Posts a form; `_csrf` is added from `csrf` (a token) unless the form has one. */
  async post(url: string, form: FormData, csrf?: string): Promise<LightMyRequestResponse> {
    return this.request('POST', url, { form: csrf && form._csrf === undefined ? { _csrf: csrf, ...form } : form });
  }

  /**
   * A CSRF token valid with this agent's secret cookie: from `page`, else from the login page (anonymous)
   * or the layout's logout form (logged in: the login page redirects).
   */
  async csrf(page?: string): Promise<string> {
    let res = await this.get(page ?? '/login');
    if (!page && res.statusCode === 303) res = await this.get('/');
    return csrfOf(res.body);
  }

  /** Logs in through the form; returns the POST's answer. */
  async login(email: string, password: string, next?: string): Promise<LightMyRequestResponse> {
    const token = await this.csrf('/login');
    return this.post('/login', { email, password, ...(next ? { next } : {}) }, token);
  }
}

/** The password every test account gets. */
export const PASSWORD = 'correct horse battery staple';

/** Creates an account and returns an agent logged in as it. */
export async function loggedIn(app: FastifyInstance, user: { email: string; name: string; role: 'curator' | 'admin' }): Promise<{ agent: Agent; id: number }> {
  const u = await app.services.auth.createUser({ ...user, password: PASSWORD });
  const agent = new Agent(app);
  const res = await agent.login(user.email, PASSWORD);
  if (res.statusCode !== 303) throw new Error(`login failed for ${user.email}: ${res.statusCode}`);
  return { agent, id: u.id };
}
