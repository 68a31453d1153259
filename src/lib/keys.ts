// Name normalization shared by search, history matching and Last.fm matching,
// so that "Beyoncé", "BEYONCE" and "beyonce!" are one name everywhere.

const DIACRITICS = /[\u0300-\u036f]/g;
// Anything that is not a letter or digit in any script becomes a space.
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** Lowercase, accents stripped, punctuation to single spaces, trimmed. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(DIACRITICS, '')
    // Recompose what remains, so marks that are part of a letter in other
    // scripts (the Japanese dakuten in ビ) stay with it.
    .normalize('NFC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[’'`´]/g, '')
    .replace(NON_WORD, ' ')
    .trim();
}

/** A stricter key for matching names across sources: also drops a leading
 *  "the" and all spaces ("The Beatles" = "beatles", "AC/DC" = "acdc"). */
export function matchKey(s: string): string {
  return normalizeName(s).replace(/^the /, '').replace(/ /g, '');
}
