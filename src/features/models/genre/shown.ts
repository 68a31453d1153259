// What the app shows of a track's heard genres. The classifier's top genre is
// usually a low-confidence guess, so the genre family comes first, with its
// confidence, and a fine genre only above a threshold at which such labels
// were right at least about half the time on validation artists the network
// never trained on; below both thresholds the track has "no clear genre".
import { familyOf } from '../../catalog/core/genre-families.ts';
import { topK } from '../../../lib/vectors.ts';

/** Lowest confidence at which a family / a fine genre is shown (Infinity: never). */
export interface ShowThresholds {
  family: number;
  genre: number;
}

interface GenreLabel {
  name: string;
  confidence: number;
}

interface ShownGenre {
  /** null: no clear genre. */
  family: GenreLabel | null;
  /** Only with a family, from that family, and at or above the genre threshold. */
  genre: GenreLabel | null;
  /** Whether the shown label agrees with the genres the catalog lists (null: nothing to compare). */
  agrees: boolean | null;
}

/** The best family (summed probability) and the best genre inside it, for one row of class probabilities. */
function bestGuess(probs: ArrayLike<number>, classes: string[]): { family: GenreLabel; genre: GenreLabel } {
  const families = new Map<string, number>();
  for (let g = 0; g < classes.length; g++) {
    const f = familyOf(classes[g]);
    families.set(f, (families.get(f) ?? 0) + probs[g]);
  }
  let family: GenreLabel = { name: 'other', confidence: -1 };
  for (const [name, confidence] of families) if (confidence > family.confidence) family = { name, confidence };
  const inFamily = new Float32Array(classes.length);
  const allowed = new Uint8Array(classes.length);
  for (let g = 0; g < classes.length; g++) {
    inFamily[g] = probs[g];
    allowed[g] = familyOf(classes[g]) === family.name ? 1 : 0;
  }
  const g = topK(inFamily, allowed, 1)[0];
  return { family, genre: { name: classes[g], confidence: probs[g] } };
}

/** What to show for one track; `listed` are the catalog's genres for it, if any. */
export function shownGenre(probs: ArrayLike<number>, classes: string[], th: ShowThresholds, listed: string[] = []): ShownGenre {
  const best = bestGuess(probs, classes);
  const family = best.family.confidence >= th.family ? best.family : null;
  const genre = family && best.genre.confidence >= th.genre ? best.genre : null;
  let agrees: boolean | null = null;
  if (family && listed.length) {
    agrees = genre ? listed.includes(genre.name) : listed.some((g) => familyOf(g) === family.name);
  }
  return { family, genre, agrees };
}

/** Right at least half the time, with a margin for the noise of a validation split of a few thousand tracks. */
const SHOWN_PRECISION_TARGET = 0.55;
/** A threshold rests on at least this many tracks above it. */
const MIN_SHOWN = 30;

/** The lowest confidence at which the labels at or above it are right at least `target` of the time. */
function thresholdFor(confidence: Float32Array, right: Uint8Array, target: number): number {
  const order = Array.from(confidence.keys()).sort((a, b) => confidence[b] - confidence[a]);
  let hits = 0;
  let best = Infinity;
  order.forEach((i, n) => {
    hits += right[i];
    if (n + 1 >= MIN_SHOWN && hits / (n + 1) >= target) best = confidence[i];
  });
  return best;
}

/** Label sets as genre names per track. */
type Listed = (i: number) => string[];

/**
 * Thresholds chosen on held-out tracks (rows × classes probabilities, the
 * tracks' listed genres): each label kind on its own reaches the target, so
 * all shown labels together do too.
 */
export function calibrate(probs: Float32Array, classes: string[], listed: Listed, rows: number, target = SHOWN_PRECISION_TARGET): ShowThresholds {
  const k = classes.length;
  const famConf = new Float32Array(rows);
  const famRight = new Uint8Array(rows);
  const genreConf = new Float32Array(rows);
  const genreRight = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const best = bestGuess(probs.subarray(i * k, (i + 1) * k), classes);
    const mine = listed(i);
    famConf[i] = best.family.confidence;
    famRight[i] = mine.some((g) => familyOf(g) === best.family.name) ? 1 : 0;
    genreConf[i] = best.genre.confidence;
    genreRight[i] = mine.includes(best.genre.name) ? 1 : 0;
  }
  return { family: thresholdFor(famConf, famRight, target), genre: thresholdFor(genreConf, genreRight, target) };
}

/** Of the labels the UI would show on these tracks, the share that are right (precision), and the share of tracks that get any (coverage). */
export function shownStats(probs: Float32Array, classes: string[], listed: Listed, rows: number, th: ShowThresholds): { precision: number; coverage: number } {
  const k = classes.length;
  let shown = 0, right = 0, covered = 0;
  for (let i = 0; i < rows; i++) {
    const s = shownGenre(probs.subarray(i * k, (i + 1) * k), classes, th);
    if (!s.family) continue;
    covered++;
    const mine = listed(i);
    shown++;
    if (mine.some((g) => familyOf(g) === s.family!.name)) right++;
    if (s.genre) {
      shown++;
      if (mine.includes(s.genre.name)) right++;
    }
  }
  return { precision: shown ? right / shown : 0, coverage: rows ? covered / rows : 0 };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** One line for a track: "rock family 62% · alt-rock 48% (the catalog agrees)" (a family and a genre can share a name: pop). */
export function describeShown(s: ShownGenre): string {
  if (!s.family) return 'no clear genre';
  const label = [`${s.family.name} family ${pct(s.family.confidence)}`, ...(s.genre ? [`${s.genre.name} ${pct(s.genre.confidence)}`] : [])].join(' · ');
  if (s.agrees === null) return label;
  return `${label} (${s.agrees ? 'the catalog agrees' : 'the catalog lists otherwise'})`;
}

/** One line for an artist from its tracks: "rock family in 9 of 11 tracks, metal in 1 · hard-rock in 7 · no clear genre in 1". */
export function describeArtist(tracks: ShownGenre[]): string {
  const count = (names: (string | undefined)[]) => {
    const m = new Map<string, number>();
    for (const n of names) if (n) m.set(n, (m.get(n) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  };
  const n = tracks.length;
  const tracksWord = `track${n === 1 ? '' : 's'}`;
  const unclear = tracks.filter((s) => !s.family).length;
  if (unclear === n) return `no clear genre in any of ${n} ${tracksWord}`;
  const families = count(tracks.map((s) => s.family?.name)).slice(0, 3);
  const genres = count(tracks.map((s) => s.genre?.name)).slice(0, 3);
  const parts = [families.map(([name, k], i) => (i === 0 ? `${name} family in ${k} of ${n} ${tracksWord}` : `${name} in ${k}`)).join(', ')];
  if (genres.length) parts.push(genres.map(([name, k]) => `${name} in ${k}`).join(', '));
  if (unclear) parts.push(`no clear genre in ${unclear}`);
  return parts.join(' · ');
}
