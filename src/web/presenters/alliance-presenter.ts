import { ALLIANCE_STATUSES, ALLIANCE_STATUS_NAMES, INSTRUMENTS, INSTRUMENT_NAMES, ROLE_NAMES, type Alliance, type PartyRole } from '../../domain/alliance.js';
import { PROGRAMME_COUNTRIES } from '../../domain/taxonomy.js';
import type { AlliancesData } from '../../services/browse-service.js';
import { urls } from '../urls.js';
import type { PresenterContext } from './context.js';
import { byName, countryLink, type CountryLink } from './links.js';
import { practiceCard, type PracticeCard } from './practice-presenter.js';

export interface PartyView {
  country: CountryLink;
  role: { id: PartyRole; name: string };
  /** The role's name where the diagram's column does not say it (hosts among destinations). */
  note: string | null;
}

/** An alliance as shown on a practice page and in JSON: parties, instrument, status and dates. */
export interface AllianceView {
  parties: PartyView[];
  instrument: { id: string; name: string };
  status: { id: string; name: string };
  signedOn: string | null;
  startedOn: string | null;
  endedOn: string | null;
  /** The parties diagram: origin and transit countries flow to destination and host countries; partners stand beside. */
  diagram: { from: PartyView[]; via: PartyView[]; to: PartyView[]; partners: PartyView[]; hasFlow: boolean };
}

export function allianceView(ctx: PresenterContext, a: Alliance): AllianceView {
  const parties = a.parties.map((p) => ({
    country: countryLink(ctx, p.country),
    role: { id: p.role, name: ROLE_NAMES[p.role][ctx.lang] },
    note: p.role === 'host' ? ROLE_NAMES.host[ctx.lang] : null,
  }));
  const withRole = (...roles: PartyRole[]) => parties.filter((p) => roles.includes(p.role.id));
  const from = withRole('origin');
  const via = withRole('transit');
  const to = withRole('destination', 'host');
  return {
    parties,
    instrument: { id: a.instrument, name: INSTRUMENT_NAMES[a.instrument][ctx.lang] },
    status: { id: a.status, name: ALLIANCE_STATUS_NAMES[a.status][ctx.lang] },
    signedOn: a.signedOn,
    startedOn: a.startedOn,
    endedOn: a.endedOn,
    diagram: { from, via, to, partners: withRole('partner'), hasFlow: from.length + via.length + to.length > 0 },
  };
}

export interface AllianceCard extends PracticeCard { alliance: AllianceView | null }

export interface AlliancesView {
  /** Grid header: countries in any alliance, programme countries first. */
  countries: CountryLink[];
  rows: Array<{ country: CountryLink; cells: Array<{ count: number; url: string | null; label: string; self: boolean }> }>;
  alliances: AllianceCard[];
  total: number;
  pair: { countries: CountryLink[]; clearUrl: string } | null;
  instruments: Array<{ id: string; name: string; selected: boolean }>;
  statuses: Array<{ id: string; name: string; selected: boolean }>;
  apiUrl: string;
}

export function alliancesView(ctx: PresenterContext, d: AlliancesData): AlliancesView {
  const counts = new Map<string, number>();
  const codes = new Set<string>();
  for (const p of d.pairs) {
    counts.set(`${p.a}-${p.b}`, p.count);
    codes.add(p.a);
    codes.add(p.b);
  }
  const sortByName = byName<CountryLink>(ctx);
  const all = [...codes].map((c) => countryLink(ctx, c));
  const countries = [...all.filter((c) => PROGRAMME_COUNTRIES.has(c.code)).sort(sortByName), ...all.filter((c) => !PROGRAMME_COUNTRIES.has(c.code)).sort(sortByName)];
  const rows = countries.map((row) => ({
    country: row,
    cells: countries.map((col) => {
      const [a, b] = [row.code, col.code].sort() as [string, string];
      const count = row.code === col.code ? 0 : counts.get(`${a}-${b}`) ?? 0;
      return {
        count,
        self: row.code === col.code,
        url: count > 0 ? urls.alliances({ pair: `${a}-${b}`.toLowerCase() }) : null,
        label: `${row.name} – ${col.name}: ${count}`,
      };
    }),
  }));
  const f = d.filter;
  return {
    countries,
    rows,
    alliances: d.alliances.map((p) => ({ ...practiceCard(ctx, p), alliance: p.alliance ? allianceView(ctx, p.alliance) : null })),
    total: d.alliances.length,
    pair: f.pair ? { countries: f.pair.map((c) => countryLink(ctx, c)), clearUrl: urls.alliances({ instrument: f.instrument, status: f.status }) } : null,
    instruments: INSTRUMENTS.map((id) => ({ id, name: INSTRUMENT_NAMES[id][ctx.lang], selected: f.instrument === id })),
    statuses: ALLIANCE_STATUSES.map((id) => ({ id, name: ALLIANCE_STATUS_NAMES[id][ctx.lang], selected: f.status === id })),
    apiUrl: urls.api.alliances({ pair: f.pair?.join('-').toLowerCase(), instrument: f.instrument, status: f.status }),
  };
}
