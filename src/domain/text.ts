/**
 * Text normalisation rules shared by every write path.
 * Source: Unicode Standard Annex #15 (NFC is the form used on the web, W3C Character Model).
 */

/** Returns `s` in Unicode Normalization Form C. */
export function nfc(s: string): string {
  return s.normalize('NFC');
}

/** NFC plus trimmed, with runs of whitespace (including newlines) collapsed to one space: for one-line fields. */
export function cleanLine(s: string): string {
  return nfc(s).replace(/\s+/gu, ' ').trim();
}

/** Lower-cased, accent-free (NFD minus combining marks) key for matching names and aliases: `Panamá` -> `panama`. */
export function foldKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}
