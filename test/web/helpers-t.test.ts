import Handlebars from 'handlebars';
import t from 'tap';
import { createTHelper } from '../../src/web/helpers/t.js';
import { createI18n } from '../../src/web/i18n.js';

const hbs = Handlebars.create();
hbs.registerHelper('t', createTHelper(createI18n()));
const render = hbs.compile('{{t "search.filters.apply"}}|{{t "count.practices" count=n}}');

t.test('the t helper answers in the page language, remembered or not, with and without arguments', async (t) => {
  const es = render({ lang: 'es', n: 1 });
  const en = render({ lang: 'en', n: 3 });
  t.match(es, /^Aplicar filtros\|1 práctica$/);
  t.match(en, /^Apply filters\|3 practices$/);
  for (let i = 0; i < 3; i++) {
    t.equal(render({ lang: 'es', n: 1 }), es, `es, call ${i + 2}: the remembered string is the language's own`);
    t.equal(render({ lang: 'en', n: 3 }), en);
  }
  t.match(render({ lang: 'en', n: 1 }), /\|1 practice$/, 'arguments are interpolated on every call');
  t.match(render({ n: 2 }), /^Aplicar filtros\|2 prácticas$/, 'no page language: Spanish');
});
