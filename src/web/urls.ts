/**
 * The only place that builds page URLs. Country codes are lower-case in URLs (canonical), partner ids too;
 * the reader's language travels in a cookie, not in the path.
 */
export const urls = {
  home: () => '/',
  countries: () => '/countries',
  country: (code: string) => `/countries/${code.toLowerCase()}`,
  pillars: () => '/pillars',
  pillar: (id: string) => `/pillars/${id}`,
  partners: () => '/partners',
  partner: (id: string) => `/partners/${encodeURIComponent(id.toLowerCase())}`,
  practice: (slug: string) => `/practices/${slug}`,
  /** Search with filters: `/search?country=gt&pillar=...` (page built by the search feature). */
  search: (params: Record<string, string | undefined> = {}) => {
    const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    return qs ? `/search?${qs}` : '/search';
  },
  /** The same path and query with `lang` set: the language switcher's links. */
  withLang: (rawUrl: string, lang: string) => {
    const u = new URL(rawUrl, 'http://x');
    u.searchParams.set('lang', lang);
    // Dot segments can normalise to `//host/...` (`/.//evil.example`): collapse leading slashes so the
    // link never becomes protocol-relative (off-site).
    return `${u.pathname.replace(/^\/{2,}/, '/')}?${u.searchParams.toString()}`;
  },
  api: {
    practice: (slug: string) => `/api/practices/${slug}`,
    countries: () => '/api/countries',
    country: (code: string) => `/api/countries/${code.toLowerCase()}`,
    pillars: () => '/api/pillars',
    pillar: (id: string) => `/api/pillars/${id}`,
    partners: () => '/api/partners',
    partner: (id: string) => `/api/partners/${encodeURIComponent(id.toLowerCase())}`,
  },
};
