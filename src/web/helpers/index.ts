import type HandlebarsNS from 'handlebars';
import type { i18n } from 'i18next';
import { createTHelper } from './t.js';

/** Registers Puente's Handlebars helpers on `hbs` (an isolated `Handlebars.create()` environment). */
export function registerHelpers(hbs: typeof HandlebarsNS, deps: { i18n: i18n }): void {
  hbs.registerHelper('t', createTHelper(deps.i18n));
}
