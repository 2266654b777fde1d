import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import Handlebars from 'handlebars';
import t from 'tap';
import {
  buildRegionMap,
  type RegionMapInput,
  type RegionMapViewModel,
} from '../../../src/web/presenters/region-map.js';

const countLabel = (n: number): string => (n === 1 ? '1 práctica' : `${n} prácticas`);

const counts: Record<string, number> = {
  GT: 14, MX: 12, PA: 6, DO: 5, HT: 2, BZ: 3, CR: 6, SV: 9, HN: 9, NI: 4,
  BB: 1, TT: 0,
  CA: 2, // Canada: no geometry inside the frame
};
const input: RegionMapInput[] = Object.entries(counts).map(([code, count]) => ({
  code,
  label: `Country ${code}`,
  count,
  href: `/paises/${code.toLowerCase()}`,
}));

const model = buildRegionMap(input, { countLabel });
const shape = (m: RegionMapViewModel, code: string) => m.shapes.find((s) => s.code === code);

t.test('frame', async (t) => {
  t.equal(model.width, 960);
  t.ok(model.height > 300 && model.height < 600, `height ${model.height}`);
  t.equal(model.viewBox, `0 0 ${model.width} ${model.height}`);
});

t.test('programme countries are linked shapes', async (t) => {
  for (const code of ['GT', 'MX', 'PA', 'DO', 'HT', 'BZ', 'CR', 'SV', 'HN', 'NI']) {
    const s = shape(model, code);
    t.ok(s, `${code} has a shape`);
    t.equal(s?.href, `/paises/${code.toLowerCase()}`, `${code} href`);
    t.equal(s?.label, `Country ${code}`);
    t.equal(s?.count, counts[code]);
    t.equal(s?.title, `Country ${code}: ${countLabel(counts[code]!)}`);
    t.ok((s?.level ?? 0) >= 1, `${code} is shaded`);
  }
});

t.test('levels', async (t) => {
  t.equal(shape(model, 'TT')?.level, 0, 'count 0 → level 0');
  t.equal(shape(model, 'TT')?.href, '/paises/tt', 'count 0 is still linked');
  t.equal(shape(model, 'GT')?.level, 5, 'max → level 5');
  t.equal(shape(model, 'BB')?.level, 1, '1 practice is shaded');
  t.equal(shape(model, 'HT')?.level, 1);
  t.equal(shape(model, 'SV')?.level, 4);
  t.same(
    model.legend.map((l) => l.level),
    [0, 1, 2, 3, 4, 5],
  );
  t.equal(model.legend[0]?.label, '0 prácticas');
  t.equal(model.legend[5]?.label, '12–14 prácticas');
});

t.test('context countries', async (t) => {
  for (const code of ['US', 'CO', 'VE', 'CU']) {
    const s = shape(model, code);
    t.ok(s, `${code} is drawn`);
    t.equal(s?.href, null, `${code} has no link`);
    t.equal(s?.level, 0);
  }
  t.notOk(shape(model, 'CA'), 'Canada is outside the frame');
  t.notOk(shape(model, 'BR'), 'Brazil is outside the frame');
});

t.test('path data', async (t) => {
  t.ok(model.shapes.length > 30);
  for (const s of model.shapes) {
    t.match(s.d, /^M/, `${s.code} d starts with M`);
  }
  const codes = model.shapes.map((s) => s.code);
  t.equal(new Set(codes).size, codes.length, 'one shape per country');
});

t.test('markers for small island states', async (t) => {
  const bb = model.markers.find((m) => m.code === 'BB');
  t.ok(bb, 'Barbados gets a marker');
  t.equal(bb?.href, '/paises/bb');
  t.equal(bb?.level, 1);
  t.ok(bb && bb.r > 0 && bb.cx > 0 && bb.cx < model.width && bb.cy > 0 && bb.cy < model.height);
  const gd = model.markers.find((m) => m.code === 'GD');
  t.ok(gd, 'Grenada (programme state, no data) gets a context marker');
  t.equal(gd?.href, null);
  t.notOk(model.markers.find((m) => m.code === 'MX'), 'no marker for large countries');
  t.notOk(model.markers.find((m) => m.code === 'AW'), 'no marker for small non-programme territories');
});

t.test('later calls reuse the cached geometry', async (t) => {
  const again = buildRegionMap([{ code: 'gt', label: 'Guatemala', count: 1, href: '/gt' }], { countLabel });
  t.equal(shape(again, 'GT')?.d, shape(model, 'GT')?.d);
  t.equal(shape(again, 'GT')?.level, 5, 'lowercase code accepted; sole country is the max');
  t.equal(shape(again, 'MX')?.href, null);
  const none = buildRegionMap([], { countLabel, legendLabels: { none: 'Sin datos' } });
  t.same(none.legend, [{ level: 0, label: 'Sin datos' }]);
  t.ok(none.shapes.every((s) => s.level === 0 && s.href === null));
});

t.test('partial renders the model', async (t) => {
  const file = fileURLToPath(new URL('../../../views/partials/region-map.hbs', import.meta.url));
  const source = readFileSync(file, 'utf8');
  t.notMatch(source, /\{\{\{/, 'no triple-stash');
  const html = Handlebars.compile(source)({ ...model, mapTitle: 'Prácticas por país', legendTitle: 'Leyenda' });
  const $ = cheerio.load(html);

  const withGeometry = input.filter((c) => shape(model, c.code));
  t.equal(withGeometry.length, input.length - 1, 'only CA lacks geometry');
  t.equal($('a[data-code]').length, withGeometry.length, 'one link per input country on the map');
  t.equal($('script').length, 0, 'no script');
  t.equal($('[style]').length, 0, 'no inline styles');
  t.equal($('svg title').first().text(), 'Prácticas por país');

  const gt = $('a[data-code="GT"]');
  t.equal(gt.attr('href'), '/paises/gt');
  t.equal(gt.attr('aria-label'), 'Country GT: 14 prácticas');
  t.equal(gt.find('path.map-shape.level-5').length, 1);
  t.equal(gt.find('title').text(), 'Country GT: 14 prácticas');

  t.equal($('path.map-context[data-code="US"]').length, 1, 'US context path');
  t.equal($('a[data-marker="BB"] circle').length, 1, 'Barbados marker link');
  t.equal($('.map-legend-item').length, model.legend.length);
});
