/**
 * Region map presenter: builds the view model for a server-side SVG
 * choropleth of Mexico, Central America and the Caribbean (with the
 * southern US, Colombia, Venezuela and the Guianas cut off at the frame
 * edges as grey context).
 *
 * Geometry: `world-atlas/countries-50m.json` (Natural Earth 1:50m admin-0
 * countries as TopoJSON, public domain). Feature ids are ISO 3166-1
 * numeric codes ("484" = Mexico); they are mapped to alpha-2 with
 * i18n-iso-countries. Features without an id (Kosovo, N. Cyprus, ...) or
 * with an unknown id are skipped. Natural Earth 50m has no separate
 * features for overseas departments: Guadeloupe and Martinique belong to
 * France ("FR"), Bonaire/Saba/St Eustatius to the Netherlands ("NL").
 *
 * The topology is read once per process, lazily, on the first call; the
 * projected path strings are cached per country, so every later call only
 * assigns levels, links and labels (a few microseconds).
 *
 * The template (`views/partials/region-map.hbs`) only prints this model.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoMercator, geoPath, type GeoContext } from 'd3-geo';
import isoCountries from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** One country to show on the map, as supplied by the caller. */
export interface RegionMapInput {
  /** ISO 3166-1 alpha-2, uppercase (lowercase is tolerated and upper-cased). */
  code: string;
  /** Display name in the page language. */
  label: string;
  /** Number of practices (or whatever is being counted); negative/NaN count as 0. */
  count: number;
  /** Link target for the country. */
  href: string;
}

/** One country outline, in SVG user units (pixels of the viewBox). */
export interface RegionMapShape {
  code: string;
  /** SVG path data: absolute `M` then relative `l`, closed with `z`; 0.1 px precision. */
  d: string;
  /** Link target; null for context countries that were not in the input. */
  href: string | null;
  label: string;
  count: number;
  /** 0 = no practices / context, 1..5 = quantized share of the maximum count. */
  level: 0 | 1 | 2 | 3 | 4 | 5;
  /** `${label}: ${countLabel(count)}`, for `<title>` and `aria-label`. */
  title: string;
}

/** Clickable circle drawn over a country too small to hit (Lesser Antilles). */
export interface RegionMapMarker {
  code: string;
  /** Centre and radius in SVG user units. */
  cx: number;
  cy: number;
  r: number;
  /** Null for context markers (programme states not in the input). */
  href: string | null;
  label: string;
  count: number;
  level: number;
  title: string;
}

export interface RegionMapViewModel {
  /** `"0 0 width height"`. */
  viewBox: string;
  /** Pixel size of the drawing (960 × ~464). */
  width: number;
  height: number;
  /** Context countries first, then input countries; each group ordered by code. */
  shapes: RegionMapShape[];
  markers: RegionMapMarker[];
  /** Level 0 then each non-empty level 1..5, with a count-range label. */
  legend: Array<{ level: number; label: string }>;
}

export interface RegionMapLegendLabels {
  /** Label for level 0. Default: `countLabel(0)`. */
  none?: string;
  /** Label for a level covering `min..max` practices. Default: `"1–3 prácticas"` style from countLabel. */
  range?: (min: number, max: number) => string;
}

export interface RegionMapOptions {
  /** Pluralised count, e.g. `n => \`${n} prácticas\``. */
  countLabel: (n: number) => string;
  legendLabels?: RegionMapLegendLabels;
}

/** Geographic frame in degrees: Mexico's Pacific coast to Barbados, Panama to the Gulf coast. */
const FRAME = { west: -118, east: -58, south: 6, north: 33 } as const;
/** Output width in pixels; height follows from the Mercator aspect (~464). */
const WIDTH = 960;
/** Countries whose projected area is below this (px²) are "small" and get a marker. */
const SMALL_AREA_PX2 = 30;
const MARKER_R = 6;
const CONTEXT_MARKER_R = 4;
/**
 * Caribbean programme states: when small, they get a (grey, unlinked)
 * marker even if absent from the input, so they remain visible.
 */
const PROGRAMME_STATES: ReadonlySet<string> = new Set([
  'AG', 'BS', 'BB', 'DM', 'GD', 'KN', 'LC', 'VC', 'TT', 'JM', 'HT', 'DO', 'CU', 'BZ',
]);

interface CountryGeometry {
  code: string;
  /** Natural Earth English short name, used only for context countries. */
  name: string;
  d: string;
  /** Projected area in px². */
  area: number;
  cx: number;
  cy: number;
}

interface Atlas {
  width: number;
  height: number;
  viewBox: string;
  /** Sorted by code. */
  countries: CountryGeometry[];
  byCode: Map<string, CountryGeometry>;
}

let atlas: Atlas | undefined;

/**
 * Path context writing compact SVG path data: coordinates rounded to
 * 0.1 px (kept as integer tenths so there is no drift), first point of a
 * ring absolute, the rest relative, repeated points dropped, and closed
 * rings that collapse to fewer than 3 distinct points discarded.
 */
class CompactPath implements GeoContext {
  private out = '';
  private ring: number[] = [];
  private lastX = 0;
  private lastY = 0;

  moveTo(x: number, y: number): void {
    this.flush(false);
    this.ring = [Math.round(x * 10), Math.round(y * 10)];
    this.lastX = this.ring[0]!;
    this.lastY = this.ring[1]!;
  }

  lineTo(x: number, y: number): void {
    const ix = Math.round(x * 10);
    const iy = Math.round(y * 10);
    if (ix === this.lastX && iy === this.lastY) return;
    this.ring.push(ix, iy);
    this.lastX = ix;
    this.lastY = iy;
  }

  closePath(): void {
    this.flush(true);
  }

  beginPath(): void {}

  arc(): void {}

  result(): string {
    this.flush(false);
    return this.out;
  }

  private flush(closed: boolean): void {
    const r = this.ring;
    this.ring = [];
    if (r.length < 4 || (closed && r.length < 6)) return;
    let s = `M${tenths(r[0]!)},${tenths(r[1]!)}`;
    for (let i = 2; i < r.length; i += 2) {
      const dx = r[i]! - r[i - 2]!;
      const dy = r[i + 1]! - r[i - 1]!;
      s += `l${tenths(dx)}${dy < 0 ? '' : ','}${tenths(dy)}`;
    }
    this.out += closed ? `${s}z` : s;
  }
}

/** Integer tenths → shortest decimal string ("-.5", "12.3", "7"). */
function tenths(v: number): string {
  return (v / 10).toString().replace(/^(-?)0\./, '$1.');
}

function loadAtlas(): Atlas {
  if (atlas) return atlas;
  const require = createRequire(import.meta.url);
  const file = require.resolve('world-atlas/countries-50m.json');
  const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const collection = feature(topology, topology.objects.countries);

  const projection = geoMercator().fitWidth(WIDTH, {
    type: 'MultiPoint',
    coordinates: [
      [FRAME.west, FRAME.north],
      [FRAME.east, FRAME.south],
    ],
  });
  const bottom = projection([FRAME.east, FRAME.south]);
  const height = Math.ceil(bottom ? bottom[1] : WIDTH / 2);
  projection.clipExtent([
    [0, 0],
    [WIDTH, height],
  ]);
  const measure = geoPath(projection);

  const byCode = new Map<string, CountryGeometry>();
  for (const f of collection.features) {
    if (f.id === undefined) continue;
    const code = isoCountries.numericToAlpha2(String(f.id));
    if (!code) continue;
    const ctx = new CompactPath();
    geoPath(projection, ctx)(f);
    const d = ctx.result();
    if (!d) continue; // entirely outside the frame
    const area = measure.area(f);
    const [cx, cy] = measure.centroid(f);
    const prev = byCode.get(code);
    if (prev) {
      // Not expected in world-atlas 2, but merge rather than drop.
      const bigger = area > prev.area;
      byCode.set(code, {
        ...prev,
        d: prev.d + d,
        area: prev.area + area,
        cx: bigger ? cx : prev.cx,
        cy: bigger ? cy : prev.cy,
      });
    } else {
      byCode.set(code, { code, name: f.properties?.name ?? code, d, area, cx, cy });
    }
  }

  const list = [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  atlas = { width: WIDTH, height, viewBox: `0 0 ${WIDTH} ${height}`, countries: list, byCode };
  return atlas;
}

function levelFor(count: number, max: number): 0 | 1 | 2 | 3 | 4 | 5 {
  if (!(count > 0) || !(max > 0)) return 0;
  return Math.min(5, Math.max(1, Math.ceil((count * 5) / max))) as 1 | 2 | 3 | 4 | 5;
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

/**
 * Builds the region map view model.
 *
 * - Every country with geometry inside the frame (lon -118..-58,
 *   lat 6..33, Mercator, 960 px wide) becomes a shape; countries beyond
 *   the edges (US, Colombia, Venezuela, Guyana) are clipped to the frame.
 * - Countries in `countries` get `href`, their label and a level:
 *   0 for a count of 0, otherwise `ceil(5 × count / max)` clamped to 1..5,
 *   where `max` is the largest count among input countries that are on the
 *   map (so 1 practice is always at least level 1 and the max is level 5).
 *   Other countries are context: level 0, `href` null, Natural Earth name.
 * - Countries whose projected area is under 30 px² (Barbados, Grenada,
 *   St Lucia, ...) also get a circle marker (r 6 px) at their centroid when
 *   they are in the input, or a grey unlinked marker (r 4 px) when they are
 *   a Caribbean programme state without data.
 * - Input codes without geometry in the frame (e.g. "CA") are ignored.
 *   Duplicate codes: the last entry wins.
 *
 * All coordinates are SVG user units (px), rounded to 0.1.
 */
export function buildRegionMap(
  countries: RegionMapInput[],
  opts: RegionMapOptions,
): RegionMapViewModel {
  const geo = loadAtlas();
  const { countLabel } = opts;

  const inputs = new Map<string, RegionMapInput>();
  for (const c of countries) {
    const code = c.code.trim().toUpperCase();
    if (!geo.byCode.has(code)) continue;
    const count = Number.isFinite(c.count) && c.count > 0 ? c.count : 0;
    inputs.set(code, { ...c, code, count });
  }
  let max = 0;
  for (const c of inputs.values()) max = Math.max(max, c.count);

  const context: RegionMapShape[] = [];
  const active: RegionMapShape[] = [];
  const markers: RegionMapMarker[] = [];
  for (const g of geo.countries) {
    const input = inputs.get(g.code);
    const small = g.area < SMALL_AREA_PX2;
    if (input) {
      const level = levelFor(input.count, max);
      const title = `${input.label}: ${countLabel(input.count)}`;
      active.push({ code: g.code, d: g.d, href: input.href, label: input.label, count: input.count, level, title });
      if (small) {
        markers.push({
          code: g.code, cx: round1(g.cx), cy: round1(g.cy), r: MARKER_R,
          href: input.href, label: input.label, count: input.count, level, title,
        });
      }
    } else {
      const title = `${g.name}: ${countLabel(0)}`;
      context.push({ code: g.code, d: g.d, href: null, label: g.name, count: 0, level: 0, title });
      if (small && PROGRAMME_STATES.has(g.code)) {
        markers.push({
          code: g.code, cx: round1(g.cx), cy: round1(g.cy), r: CONTEXT_MARKER_R,
          href: null, label: g.name, count: 0, level: 0, title,
        });
      }
    }
  }
  // Linked markers above context ones.
  markers.sort((a, b) => Number(a.href !== null) - Number(b.href !== null));

  return {
    viewBox: geo.viewBox,
    width: geo.width,
    height: geo.height,
    shapes: context.concat(active),
    markers,
    legend: buildLegend(max, opts),
  };
}

function buildLegend(max: number, opts: RegionMapOptions): Array<{ level: number; label: string }> {
  const { countLabel, legendLabels } = opts;
  const range =
    legendLabels?.range ?? ((lo: number, hi: number) => (lo === hi ? countLabel(hi) : `${lo}–${countLabel(hi)}`));
  const legend = [{ level: 0, label: legendLabels?.none ?? countLabel(0) }];
  if (!(max > 0)) return legend;
  for (let level = 1; level <= 5; level++) {
    // Integer counts c with ceil(5c/max) === level.
    const lo = Math.floor(((level - 1) * max) / 5) + 1;
    const hi = Math.floor((level * max) / 5);
    if (hi >= lo) legend.push({ level, label: range(lo, hi) });
  }
  return legend;
}
