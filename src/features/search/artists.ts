// As-you-type artist search: case-, accent- and punctuation-insensitive, with
// typo tolerance, ranked exact > name prefix > word prefix > fuzzy > substring
// (inside a word, then across words: "adele" in "Casa De Leones" is last),
// ties broken by artist popularity, then track count.
//
// Pure: builds and answers in a worker or on the main thread alike.
//
// Names are compared as "compact keys": normalizeName with the spaces removed,
// so "AC/DC", "ac dc" and "acdc" are one key. Two structures answer a query:
//  - every word-suffix of every compact name ("badbunny", "bunny"), sorted, so
//    name and word prefixes are one binary search plus a scan of the range;
//  - a bigram index (artist lists per bigram, plus "word starts with c"
//    markers) that yields the few artists able to contain the query as a
//    substring or within k edits of it, checked with a bounded edit distance.
// The slower tiers only run when the faster ones leave fewer than `limit` hits:
// a lower tier can never outrank a higher one, so the answer is the same.

import type { Catalog } from '../catalog/core/catalog.ts';
import { normalizeName } from '../../lib/keys.ts';

type ArtistMatch = 'exact' | 'prefix' | 'word' | 'substring' | 'fuzzy';

export interface ArtistHit {
  artist: number;
  name: string;
  /** Relevance in (0, 1]: the match tier, less per edit for fuzzy hits. Ties
   *  are broken by popularity, so equal scores are listed most popular first. */
  score: number;
  match: ArtistMatch;
}

export interface ArtistIndex {
  names: string[];
  /** Per artist: compact key (normalized, no spaces). */
  compact: string[];
  /** Per artist: where each word starts inside its compact key, CSR form. */
  wordStartOffsets: Int32Array;
  wordStarts: Int32Array;
  /** Per artist: position in (popularity desc, track count desc, id) order. */
  rank: Int32Array;
  /** Every word-suffix of every compact key, sorted (UTF-16 order). */
  keys: string[];
  keyArtist: Int32Array;
  /** 0 when the key is the whole name, else the word's position. */
  keyWord: Int32Array;
  /** Bigram code → distinct artists containing it (see bigramCode). */
  bigrams: Map<number, Int32Array>;
  /** Scratch per artist, reused across queries (queries run one at a time,
   *  and every query leaves them zeroed). */
  bestScore: Float64Array;
  bigramHits: Int32Array;
}

/** Score per tier; fuzzy hits lose FUZZY_STEP per edit (never below 0.3), and
 *  a substring that runs across words scores SUBSTRING_ACROSS. */
const SCORE: Record<ArtistMatch, number> = { exact: 1, prefix: 0.9, word: 0.8, fuzzy: 0.5, substring: 0.25 };
const SUBSTRING_ACROSS = 0.2;
const FUZZY_STEP = 0.1;
/** A fuzzy hit on a name or word prefix (not the whole name) ranks below a
 *  whole-name fuzzy hit with the same number of edits. */
const FUZZY_PREFIX_PENALTY = 0.05;
/** Longer queries are cut: no artist name is this long, and it bounds the work. */
const MAX_QUERY = 64;

/** Allowed edits for a compact query of this length. */
export function maxEdits(len: number): number {
  return len < 4 ? 0 : len < 8 ? 1 : 2;
}

/** The words a name is searched by. A name that is all punctuation ("!!!")
 *  keeps its characters, so it can still be found by typing them. */
function searchWords(s: string): string[] {
  const norm = normalizeName(s) || s.toLowerCase().trim();
  return norm.split(/\s+/).filter((w) => w.length > 0);
}

function compactKey(s: string): string {
  return searchWords(s).join('');
}

// A bigram is two UTF-16 code units; a word-start marker is (0, c).
const bigramCode = (a: number, b: number): number => a * 65536 + b;

export function buildArtistIndex(c: Pick<Catalog, 'artists' | 'artistPopularity' | 'artistTrackOffsets'>): ArtistIndex {
  const n = c.artists.length;
  const trackCounts = new Int32Array(n);
  for (let a = 0; a < n; a++) trackCounts[a] = c.artistTrackOffsets[a + 1] - c.artistTrackOffsets[a];
  return createArtistIndex(c.artists, c.artistPopularity, trackCounts);
}

export function createArtistIndex(names: string[], popularity: Uint8Array, trackCounts?: Int32Array): ArtistIndex {
  const n = names.length;
  const compact: string[] = new Array(n);
  const wordStartOffsets = new Int32Array(n + 1);
  const starts: number[] = [];
  const suffixes: { key: string; artist: number; word: number }[] = [];
  const postings = new Map<number, number[]>();
  for (let a = 0; a < n; a++) {
    const words = searchWords(names[a]);
    const key = words.join('');
    compact[a] = key;
    // Distinct bigrams of this name (a short list: includes beats a Set here).
    const codes: number[] = [];
    const add = (code: number): void => {
      if (!codes.includes(code)) codes.push(code);
    };
    let pos = 0;
    words.forEach((w, i) => {
      starts.push(pos);
      suffixes.push({ key: key.slice(pos), artist: a, word: i });
      add(bigramCode(0, w.charCodeAt(0)));
      pos += w.length;
    });
    wordStartOffsets[a + 1] = starts.length;
    for (let i = 0; i + 1 < key.length; i++) add(bigramCode(key.charCodeAt(i), key.charCodeAt(i + 1)));
    for (const code of codes) {
      const list = postings.get(code);
      if (list) list.push(a);
      else postings.set(code, [a]);
    }
  }
  const bigrams = new Map<number, Int32Array>();
  for (const [code, list] of postings) bigrams.set(code, Int32Array.from(list));

  suffixes.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.artist - y.artist));
  const byRank = Array.from({ length: n }, (_, a) => a).sort(
    (x, y) => popularity[y] - popularity[x] || (trackCounts ? trackCounts[y] - trackCounts[x] : 0) || x - y,
  );
  const rank = new Int32Array(n);
  byRank.forEach((a, i) => (rank[a] = i));
  return {
    names,
    compact,
    wordStartOffsets,
    wordStarts: Int32Array.from(starts),
    rank,
    keys: suffixes.map((s) => s.key),
    keyArtist: Int32Array.from(suffixes, (s) => s.artist),
    keyWord: Int32Array.from(suffixes, (s) => s.word),
    bigrams,
    bestScore: new Float64Array(n),
    bigramHits: new Int32Array(n),
  };
}

/** First index whose key is >= q. */
function lowerBound(keys: string[], q: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function searchArtists(index: ArtistIndex, query: string, limit = 10): ArtistHit[] {
  const q = compactKey(query).slice(0, MAX_QUERY);
  if (q.length === 0 || limit <= 0) return [];
  const best = index.bestScore;
  const found: number[] = []; // artists with best > 0
  const offer = (a: number, score: number): void => {
    if (best[a] === 0) found.push(a);
    if (score > best[a]) best[a] = score;
  };

  // Exact, name prefix, word prefix: one range of the sorted word-suffixes.
  for (let i = lowerBound(index.keys, q); i < index.keys.length && index.keys[i].startsWith(q); i++) {
    const whole = index.keyWord[i] === 0;
    offer(index.keyArtist[i], !whole ? SCORE.word : index.keys[i].length === q.length ? SCORE.exact : SCORE.prefix);
  }

  if (found.length < limit && q.length >= 2) {
    const codes = new Set<number>();
    for (let i = 0; i + 1 < q.length; i++) codes.add(bigramCode(q.charCodeAt(i), q.charCodeAt(i + 1)));

    // Fuzzy: only names with a word starting with the query's first letter
    // (people rarely mistype that, and it keeps the candidates few), and
    // sharing enough of q's bigrams: one edit (Damerau) spoils at most 3.
    const k = maxEdits(q.length);
    const starters = index.bigrams.get(bigramCode(0, q.charCodeAt(0)));
    if (found.length < limit && k > 0 && starters) {
      const need = codes.size - 3 * k;
      const hits = index.bigramHits;
      if (need > 0) {
        for (const code of codes) {
          const list = index.bigrams.get(code);
          if (list) for (let j = 0; j < list.length; j++) hits[list[j]]++;
        }
      }
      const qc = codesOf(q);
      const rows = new Int32Array((q.length + 1) * (q.length + k + 1));
      for (let j = 0; j < starters.length; j++) {
        const a = starters[j];
        if (hits[a] < need || best[a] > 0) continue;
        const score = fuzzy(index, a, qc, k, rows);
        if (score > 0) offer(a, score);
      }
      if (need > 0) {
        for (const code of codes) {
          const list = index.bigrams.get(code);
          if (list) for (let j = 0; j < list.length; j++) hits[list[j]] = 0;
        }
      }
    }

    // Substring: a name holding q holds each of its bigrams, so the artists
    // of q's rarest bigram are the only candidates.
    if (found.length < limit) {
      let rarest: Int32Array | undefined;
      for (const code of codes) {
        const list = index.bigrams.get(code) ?? new Int32Array(0);
        if (!rarest || list.length < rarest.length) rarest = list;
      }
      for (const a of rarest!) {
        if (best[a] > 0) continue;
        const at = substringAt(index, a, q);
        if (at !== null) offer(a, at === 'word' ? SCORE.substring : SUBSTRING_ACROSS);
      }
    }
  }

  // The best `limit`, by score then popularity rank: a small insertion sort,
  // since `found` can hold thousands of artists for a one-letter query.
  const top: number[] = [];
  const before = (x: number, y: number): boolean =>
    best[x] > best[y] || (best[x] === best[y] && index.rank[x] < index.rank[y]);
  for (const a of found) {
    if (top.length === limit && !before(a, top[limit - 1])) continue;
    let i = Math.min(top.length, limit - 1);
    while (i > 0 && before(a, top[i - 1])) {
      top[i] = top[i - 1];
      i--;
    }
    top[i] = a;
  }
  const out = top.map((a) => ({
    artist: a,
    name: index.names[a],
    score: Math.round(best[a] * 1000) / 1000,
    match: matchOf(best[a]),
  }));
  for (const a of found) best[a] = 0;
  return out;
}

function matchOf(score: number): ArtistMatch {
  for (const m of ['exact', 'prefix', 'word'] as const) if (score >= SCORE[m]) return m;
  return score > SCORE.substring ? 'fuzzy' : 'substring';
}

/** Where q occurs in artist a's compact key: inside one word ('word'),
 *  only across words ('across'), or not at all (null). */
function substringAt(index: ArtistIndex, a: number, q: string): 'word' | 'across' | null {
  const key = index.compact[a];
  const w0 = index.wordStartOffsets[a];
  const w1 = index.wordStartOffsets[a + 1];
  let found: 'across' | null = null;
  for (let p = key.indexOf(q); p >= 0; p = key.indexOf(q, p + 1)) {
    let end = key.length; // of the word holding position p
    for (let w = w0; w < w1; w++) {
      if (index.wordStarts[w] > p) {
        end = index.wordStarts[w];
        break;
      }
    }
    if (p + q.length <= end) return 'word';
    found = 'across';
  }
  return found;
}

function codesOf(s: string): Int32Array {
  const out = new Int32Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Best fuzzy score of query q against artist a's whole name, or against the
 *  start of its name or of any word beginning with q's first letter, within k
 *  edits; 0 when none. */
function fuzzy(index: ArtistIndex, a: number, q: Int32Array, k: number, rows: Int32Array): number {
  const key = index.compact[a];
  let best = 0;
  for (let w = index.wordStartOffsets[a]; w < index.wordStartOffsets[a + 1]; w++) {
    const start = index.wordStarts[w];
    if (key.charCodeAt(start) !== q[0]) continue;
    const d = boundedDistance(q, key, start, k, rows);
    if (d.whole <= k && start === 0) best = Math.max(best, SCORE.fuzzy - FUZZY_STEP * (d.whole - 1));
    else if (d.prefix <= k) {
      best = Math.max(best, SCORE.fuzzy - FUZZY_STEP * (d.prefix - 1) - FUZZY_PREFIX_PENALTY * (start === 0 ? 1 : 2));
    }
  }
  return best;
}

/**
 * Optimal-string-alignment (Damerau) distance between q and t[start..], both
 * as a whole and to the closest prefix of t[start..], each capped at k + 1
 * ("more than k"). Only cells within k of the diagonal can lead to an answer
 * <= k, so only that band is computed, and the DP stops as soon as two
 * consecutive rows exceed k.
 */
export function boundedDistance(
  q: Int32Array,
  t: string,
  start: number,
  k: number,
  rows: Int32Array = new Int32Array((q.length + 1) * (q.length + k + 1)),
): { whole: number; prefix: number } {
  const m = q.length;
  const tn = t.length - start;
  const n = Math.min(tn, m + k);
  const over = k + 1;
  if (n < m - k) return { whole: over, prefix: over };
  const width = n + 1;
  for (let j = 0; j <= n; j++) rows[j] = Math.min(j, over);
  let prevMin = 0;
  for (let i = 1; i <= m; i++) {
    const row = i * width;
    const lo = Math.max(1, i - k);
    const hi = Math.min(n, i + k);
    // Cells just outside the band read as "too far".
    rows[row + lo - 1] = lo === 1 ? Math.min(i, over) : over;
    if (hi < n) rows[row + hi + 1] = over;
    let rowMin = rows[row + lo - 1];
    for (let j = lo; j <= hi; j++) {
      const tc = t.charCodeAt(start + j - 1);
      const cost = q[i - 1] === tc ? 0 : 1;
      let v = Math.min(rows[row - width + j] + 1, rows[row + j - 1] + 1, rows[row - width + j - 1] + cost);
      if (i > 1 && j > 1 && q[i - 1] === t.charCodeAt(start + j - 2) && q[i - 2] === tc) {
        v = Math.min(v, rows[row - 2 * width + j - 2] + 1);
      }
      v = Math.min(v, over);
      rows[row + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > k && prevMin > k) return { whole: over, prefix: over };
    prevMin = rowMin;
  }
  const last = m * width;
  let prefix = over;
  for (let j = Math.max(0, m - k); j <= n; j++) prefix = Math.min(prefix, rows[last + j]);
  const whole = tn === n ? rows[last + n] : over;
  return { whole, prefix };
}
