import fastifyView from '@fastify/view';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import Handlebars from 'handlebars';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VIEWS_DIR } from '../../paths.js';
import { registerHelpers } from '../helpers/index.js';
import { UI_LANGUAGES } from '../i18n.js';
import { urls } from '../urls.js';

/** Data every page's layout receives besides the page's own view model. */
export interface LayoutModel {
  lang: string;
  title: string;
  section: string;
  langLinks: Array<{ lang: string; label: string; url: string; current: boolean }>;
  nav: Array<{ label: string; url: string; current: boolean }>;
  /** `<meta name="robots" content="noindex">` (private pages such as contribution tracking). */
  noindex: boolean;
  /** Extra scripts (same-origin URLs, loaded with `defer`): the CSP allows no inline script. */
  scripts: string[];
  /** The logged-in curator or admin (name, links, logout form with its CSRF token), or null. */
  account: { name: string; role: string; curationUrl: string; adminUrl: string | null; logoutUrl: string; csrf: string; current: boolean } | null;
  /** The discreet "Curator login" link of the footer (anonymous readers). */
  loginUrl: string;
}

interface PageOptions {
  title: string;
  section?: string;
  status?: number;
  noindex?: boolean;
  scripts?: string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Renders a page to HTML for `request` (layout data included) without touching a reply. */
    renderPage(request: FastifyRequest, template: string, model: object, opts: PageOptions): Promise<string>;
  }
  interface FastifyReply {
    /**
     * Renders `views/<template>.hbs` (e.g. `pages/home/index`, `errors/404`) inside the layout with `model` plus the layout data
     * (language, title, navigation, language switcher). `opts.status` sets the status code.
     */
    page(template: string, model: object, opts: PageOptions): Promise<string>;
  }
}

const LANGUAGE_LABELS: Record<string, string> = { es: 'Español', en: 'English', fr: 'Français' };

/**
 * @fastify/view with an isolated Handlebars environment, Puente's helpers, every file of
 * views/partials registered under its base name, and the layout views/layouts/main.hbs.
 * `production` (template cache) comes from config, never from NODE_ENV.
 */
export const viewPlugin = fp<{ cache: boolean }>(
  async (app, opts) => {
    const hbs = Handlebars.create();
    registerHelpers(hbs, { i18n: app.i18n });
    const partials = Object.fromEntries(
      readdirSync(join(VIEWS_DIR, 'partials'))
        .filter((f) => f.endsWith('.hbs'))
        .map((f) => [f.slice(0, -4), `partials/${f}`]),
    );
    await app.register(fastifyView, {
      engine: { handlebars: hbs },
      root: VIEWS_DIR,
      layout: 'layouts/main.hbs',
      production: opts.cache,
      // preventIndent: an indented `{{> partial}}` must not indent the lines of its output (textarea values, <pre>).
      options: { partials, compileOptions: { preventIndent: true } },
    });
    const renderPage = async (req: FastifyRequest, template: string, model: object, o: PageOptions): Promise<string> => {
      const t = req.t;
      const section = o.section ?? template.split('/')[1] ?? '';
      const layout: LayoutModel = {
        lang: req.lang,
        title: o.title,
        section,
        langLinks: UI_LANGUAGES.map((l) => ({ lang: l, label: LANGUAGE_LABELS[l]!, url: urls.withLang(req.url, l), current: l === req.lang })),
        nav: [
          { label: t('nav.home'), url: urls.home(), current: section === 'home' },
          { label: t('nav.countries'), url: urls.countries(), current: section === 'countries' },
          { label: t('nav.pillars'), url: urls.pillars(), current: section === 'pillars' },
          { label: t('nav.partners'), url: urls.partners(), current: section === 'partners' },
          { label: t('nav.alliances'), url: urls.alliances(), current: section === 'alliances' },
          { label: t('nav.contribute'), url: urls.contribute(), current: section === 'contribute' },
        ],
        noindex: o.noindex ?? false,
        scripts: o.scripts ?? [],
        account:
          req.account && req.layoutCsrf
            ? {
                name: req.account.name,
                role: t(`auth.roles.${req.account.role}`),
                curationUrl: urls.curation(),
                adminUrl: req.account.role === 'admin' ? urls.adminUsers() : null,
                logoutUrl: urls.logout(),
                csrf: req.layoutCsrf(),
                current: section === 'curation',
              }
            : null,
        loginUrl: urls.login(),
      };
      return app.view(`${template}.hbs`, { ...layout, ...model, layout }) as Promise<string>;
    };
    app.decorate('renderPage', renderPage);
    app.decorateReply('page', async function (this, template, model, o) {
      if (o.status) this.code(o.status);
      this.type('text/html; charset=utf-8');
      return renderPage(this.request, template, model, o);
    });
  },
  { name: 'puente-view', dependencies: ['puente-i18n'] },
);
