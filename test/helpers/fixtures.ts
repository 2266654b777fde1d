/** A valid bilateral-alliance contribution (what the forms and POST /api/submissions accept). */
export const VALID = {
  title: 'Mesa binacional Guatemala–México para trabajadores temporales',
  summary: 'Un resumen de la alianza.',
  countries: ['GT', 'MX'],
  pillars: ['dialogue-partnerships'],
  partners: ['OIT', 'IOM'],
  kind: 'bilateral-alliance',
  year: 2021,
  language: 'es',
  sources: ['https://example.org/a', 'https://example.org/b'],
  body: '## Contexto\n\nTexto.\n\n## Qué se acordó\n\nTexto.',
  other_partners: 'Asociación de Jornaleros, Red X',
  contributor: { name: 'Ana Pérez', organisation: 'Ministerio de Trabajo', email: 'ana@example.org', focal_point: 'Luis, luis@example.org', consent: true },
  alliance: {
    parties: [
      { country: 'GT', role: 'origin' },
      { country: 'MX', role: 'destination' },
    ],
    instrument: 'mou',
    signed_on: '2021-03',
    status: 'in-force',
  },
};
