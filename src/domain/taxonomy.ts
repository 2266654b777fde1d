/**
 * Puente's controlled vocabularies: languages, pillars, kinds, regions, partner types and country groups.
 * Country names come from i18n-iso-countries (services/taxonomy-service.ts); this module holds the
 * programme's own rules so it depends on nothing.
 */

/** Reader and content languages (BCP 47 primary tags). Spanish first. */
export const LANGUAGES = ['es', 'en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'es';
export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** A string in each reader language. */
export type Localized = Readonly<Record<Language, string>>;

/** The programme's four pillars; ids are fixed and appear in URLs and imports. */
export const PILLAR_IDS = [
  'migration-management',
  'dialogue-partnerships',
  'emergencies-crises',
  'communication-for-development',
] as const;
export type PillarId = (typeof PILLAR_IDS)[number];

export interface Pillar {
  readonly id: PillarId;
  readonly name: Localized;
  readonly description: Localized;
}

export const PILLARS: readonly Pillar[] = [
  {
    id: 'migration-management',
    name: { es: 'Gestión migratoria', en: 'Migration management', fr: 'Gestion des migrations' },
    description: {
      es: 'Políticas, leyes e instituciones que ordenan la entrada, la estancia, la regularización, el trabajo y el retorno de las personas migrantes: documentación fronteriza, programas de regularización, movilidad laboral y reintegración, con datos que permitan decidir.',
      en: 'Policies, laws and institutions that govern the entry, stay, regularization, work and return of migrants: border documentation, regularization programmes, labour mobility and reintegration, backed by data for decision-making.',
      fr: "Politiques, lois et institutions qui encadrent l'entrée, le séjour, la régularisation, le travail et le retour des personnes migrantes : documentation aux frontières, programmes de régularisation, mobilité de la main-d'œuvre et réintégration, appuyés sur des données pour décider.",
    },
  },
  {
    id: 'dialogue-partnerships',
    name: { es: 'Diálogo y alianzas', en: 'Dialogue & partnerships', fr: 'Dialogue et partenariats' },
    description: {
      es: 'Cooperación entre gobiernos, procesos regionales como la Conferencia Regional sobre Migración, agencias de Naciones Unidas y sociedad civil: acuerdos bilaterales, marcos regionales, lineamientos comunes e intercambio de experiencias entre países de origen, tránsito y destino.',
      en: 'Cooperation between governments, regional processes such as the Regional Conference on Migration, UN agencies and civil society: bilateral agreements, regional frameworks, shared guidelines and exchanges between countries of origin, transit and destination.',
      fr: "Coopération entre gouvernements, processus régionaux comme la Conférence régionale sur les migrations, agences des Nations Unies et société civile : accords bilatéraux, cadres régionaux, lignes directrices communes et échanges entre pays d'origine, de transit et de destination.",
    },
  },
  {
    id: 'emergencies-crises',
    name: { es: 'Emergencias y crisis migratorias', en: 'Migration emergencies & crises', fr: 'Urgences et crises migratoires' },
    description: {
      es: 'Protección y asistencia a personas migrantes y desplazadas en desastres, flujos masivos y crisis: albergues, estaciones de recepción, gestión de información, asistencia consular y preparación de las instituciones antes de que ocurra la emergencia.',
      en: 'Protection and assistance for migrants and displaced people in disasters, large movements and crises: shelters, reception stations, information management, consular assistance and preparing institutions before the emergency happens.',
      fr: "Protection et assistance aux personnes migrantes et déplacées lors de catastrophes, de mouvements massifs et de crises : abris, stations d'accueil, gestion de l'information, assistance consulaire et préparation des institutions avant l'urgence.",
    },
  },
  {
    id: 'communication-for-development',
    name: { es: 'Comunicación para el desarrollo', en: 'Communication for development', fr: 'Communication pour le développement' },
    description: {
      es: 'Información confiable para decidir sobre la migración: campañas contra la trata y el tráfico de personas, orientación sobre vías regulares, lucha contra la desinformación y la xenofobia, y participación de las comunidades en los mensajes que les conciernen.',
      en: 'Reliable information for migration decisions: campaigns against trafficking and smuggling, guidance on regular pathways, countering misinformation and xenophobia, and involving communities in the messages that concern them.',
      fr: "Une information fiable pour décider de migrer : campagnes contre la traite et le trafic de personnes, orientation vers les voies régulières, lutte contre la désinformation et la xénophobie, et participation des communautés aux messages qui les concernent.",
    },
  },
];

export function isPillarId(v: unknown): v is PillarId {
  return typeof v === 'string' && (PILLAR_IDS as readonly string[]).includes(v);
}

/** What a record is. */
export const KINDS = ['practice', 'bilateral-alliance', 'lesson-learned', 'tool'] as const;
export type Kind = (typeof KINDS)[number];
export const KIND_NAMES: Readonly<Record<Kind, Localized>> = {
  practice: { es: 'Práctica', en: 'Practice', fr: 'Pratique' },
  'bilateral-alliance': { es: 'Alianza bilateral', en: 'Bilateral alliance', fr: 'Alliance bilatérale' },
  'lesson-learned': { es: 'Lección aprendida', en: 'Lesson learned', fr: 'Leçon apprise' },
  tool: { es: 'Herramienta', en: 'Tool', fr: 'Outil' },
};

/** Partner types of the registry. */
export const PARTNER_TYPES = [
  'intergovernmental-process',
  'un-agency',
  'government-institution',
  'civil-society',
  'donor',
  'other',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];
export const PARTNER_TYPE_NAMES: Readonly<Record<PartnerType, Localized>> = {
  'intergovernmental-process': { es: 'Proceso u organismo intergubernamental', en: 'Intergovernmental process or body', fr: 'Processus ou organisme intergouvernemental' },
  'un-agency': { es: 'Agencia de Naciones Unidas', en: 'UN agency', fr: 'Agence des Nations Unies' },
  'government-institution': { es: 'Institución de gobierno', en: 'Government institution', fr: 'Institution gouvernementale' },
  'civil-society': { es: 'Sociedad civil', en: 'Civil society', fr: 'Société civile' },
  donor: { es: 'Cooperante', en: 'Donor', fr: 'Bailleur de fonds' },
  other: { es: 'Otro', en: 'Other', fr: 'Autre' },
};

/** Regions used to group countries, in display order. */
export const REGIONS = ['north-america', 'central-america', 'caribbean', 'south-america', 'elsewhere'] as const;
export type Region = (typeof REGIONS)[number];
export const REGION_NAMES: Readonly<Record<Region, Localized>> = {
  'north-america': { es: 'América del Norte', en: 'North America', fr: 'Amérique du Nord' },
  'central-america': { es: 'Centroamérica', en: 'Central America', fr: 'Amérique centrale' },
  caribbean: { es: 'El Caribe', en: 'Caribbean', fr: 'Caraïbes' },
  'south-america': { es: 'América del Sur', en: 'South America', fr: 'Amérique du Sud' },
  elsewhere: { es: 'Otras regiones', en: 'Elsewhere', fr: 'Autres régions' },
};

// Region membership follows the UN M49 sub-regions, except that Mexico is listed with North America
// (as the RCM and most readers do) and Bermuda with North America.
const REGION_MEMBERS: Readonly<Record<Exclude<Region, 'elsewhere'>, readonly string[]>> = {
  'north-america': ['CA', 'US', 'MX', 'BM', 'GL', 'PM'],
  'central-america': ['BZ', 'CR', 'SV', 'GT', 'HN', 'NI', 'PA'],
  caribbean: [
    'AG', 'AI', 'AW', 'BB', 'BL', 'BQ', 'BS', 'CU', 'CW', 'DM', 'DO', 'GD', 'GP', 'HT', 'JM', 'KN', 'KY',
    'LC', 'MF', 'MQ', 'MS', 'PR', 'SX', 'TC', 'TT', 'VC', 'VG', 'VI',
  ],
  'south-america': ['AR', 'BO', 'BR', 'CL', 'CO', 'EC', 'FK', 'GF', 'GY', 'PE', 'PY', 'SR', 'UY', 'VE'],
};
const REGION_OF = new Map<string, Region>(
  Object.entries(REGION_MEMBERS).flatMap(([region, codes]) => codes.map((c) => [c, region as Region] as const)),
);

/** The region of an ISO 3166-1 alpha-2 code (uppercase); `elsewhere` for the rest of the world. */
export function regionOf(code: string): Region {
  return REGION_OF.get(code) ?? 'elsewhere';
}

/** The 11 member states of the Regional Conference on Migration (RCM / Puebla Process). */
export const RCM_MEMBERS: ReadonlySet<string> = new Set(['BZ', 'CA', 'CR', 'SV', 'US', 'GT', 'HN', 'MX', 'NI', 'PA', 'DO']);

/**
 * Programme countries: Mesoamerica, the Dominican Republic, Haiti and the independent Caribbean states
 * (CARICOM members in the Caribbean basin plus Cuba).
 */
export const PROGRAMME_COUNTRIES: ReadonlySet<string> = new Set([
  'BZ', 'CR', 'SV', 'GT', 'HN', 'MX', 'NI', 'PA', 'DO', 'HT',
  'AG', 'BS', 'BB', 'CU', 'DM', 'GD', 'JM', 'KN', 'LC', 'VC', 'TT',
]);

/** ISO 3166-1 alpha-2 shape: two uppercase ASCII letters. Whether the code is assigned is checked by the taxonomy service. */
export const COUNTRY_CODE_RE = /^[A-Z]{2}$/;
