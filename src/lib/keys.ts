// Name and song keys shared by search, history matching, Last.fm matching,
// Insights and Discover, so that "Beyoncé", "BEYONCE" and "beyonce!" are one
// name, and "Song - 2011 Remaster" is one song with "Song", everywhere.

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

// Featured artists, in brackets or bare: "(feat. X)", "[with X]", " ft. X".
const FEAT_BRACKET = /\s*[([]\s*(?:feat\.?|ft\.?|featuring|with)\s[^)\]]*[)\]]/gi;
const FEAT_BARE = /\s+(?:feat\.?|ft\.?|featuring)\s.*$/i;
// Suffixes that name the same recording: remasters, edits, mono/stereo, deluxe...
// Live, remix, acoustic and demo are different recordings and stay.
const SAME_RECORDING = String.raw`remaster(?:ed)?|\d{4} remaster|radio edit|single version|album version|original version|mono|stereo|deluxe(?: edition)?|bonus track|explicit|clean|anniversary(?: edition)?`;
const DASH_SUFFIX = new RegExp(String.raw`\s+-\s+(?:[^-]*\b(?:${SAME_RECORDING})\b[^-]*)$`, 'i');
const PAREN_SUFFIX = new RegExp(String.raw`\s*[([][^)\]]*\b(?:${SAME_RECORDING})\b[^)\]]*[)\]]`, 'gi');

const MAYBE_SUFFIX = /[-([]|f(?:ea)?t|with/i;

/** A track title without the suffixes that do not change the recording. */
export function baseTitle(title: string): string {
  if (!MAYBE_SUFFIX.test(title)) return title;
  let t = title.replace(FEAT_BRACKET, '').replace(PAREN_SUFFIX, '');
  // Dash suffixes can stack: "Song - 2011 Remaster - Mono".
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(DASH_SUFFIX, '');
  }
  t = t.replace(FEAT_BARE, '').trim();
  return t || title;
}

/** matchKey, computed in one pass for ASCII names
 *  (most of them); anything else goes through the shared rule. Equal results
 *  are checked by a test. */
export function fastMatchKey(s: string): string {
  let out = '';
  let words = 0;
  let firstWordEnd = -1;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 128) return matchKey(s);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122)) {
      if (!inWord) {
        inWord = true;
        if (++words === 2) firstWordEnd = out.length;
      }
      out += String.fromCharCode(c);
    } else if (c === 38) {
      // '&' is the word "and"
      if (++words === 2) firstWordEnd = out.length;
      out += 'and';
      inWord = false;
    } else if (c !== 39 && c !== 96) inWord = false; // apostrophes join
  }
  return words >= 2 && firstWordEnd === 3 && out.startsWith('the') ? out.slice(3) : out;
}

/** Key of an artist across sources (the shared matchKey). */
export const artistKey = (name: string): string => fastMatchKey(name);
/** Key of a title, version suffixes stripped. */
export const titleKey = (title: string): string => fastMatchKey(baseTitle(title));
/** Key of a track by name across sources: artist key + base title key. */
export const trackKey = (artist: string, title: string): string => `${fastMatchKey(artist)}\u0001${titleKey(title)}`;

/** Key of a song in the catalog: base title + the credited artist ids in any
 *  order, so a remaster, a radio edit or a re-release is one song everywhere. */
export function songKey(title: string, artistIds: ArrayLike<number>): string {
  return `${Array.from(artistIds).sort((a, b) => a - b).join(',')}\u0001${titleKey(title)}`;
}
