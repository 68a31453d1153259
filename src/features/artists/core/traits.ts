// An artist's main genres and audio traits in words, from their tracks: what
// the artist page shows under the name, and the "sounds alike" reasons.
import type { Catalog } from '../../catalog/core/catalog.ts';
import { genresOf } from '../../catalog/core/catalog.ts';

interface ArtistTraits {
  /** Main genres of the artist (share of tracks ≥ 20%, at most 3), by share. */
  genres: string[];
  /** Audio traits in words, e.g. "high energy", "acoustic". */
  traits: string[];
}

/** Audio trait thresholds on an artist's mean value (Spotify's 0..1 scales). */
const TRAIT_RULES: { column: 'energy' | 'danceability' | 'valence' | 'acousticness' | 'instrumentalness' | 'speechiness' | 'liveness'; high?: [number, string]; low?: [number, string] }[] = [
  { column: 'energy', high: [0.75, 'high energy'], low: [0.35, 'calm'] },
  { column: 'danceability', high: [0.7, 'danceable'] },
  { column: 'valence', high: [0.65, 'upbeat'], low: [0.3, 'dark'] },
  { column: 'acousticness', high: [0.6, 'acoustic'] },
  { column: 'instrumentalness', high: [0.5, 'instrumental'] },
  { column: 'speechiness', high: [0.25, 'spoken / rap'] },
  { column: 'liveness', high: [0.5, 'live'] },
];

/** Main genres and audio traits of one artist, from their tracks. */
export function artistTraits(c: Catalog, artist: number): ArtistTraits {
  const from = c.artistTrackOffsets[artist];
  const to = c.artistTrackOffsets[artist + 1];
  const k = to - from;
  if (!k) return { genres: [], traits: [] };
  const share = new Map<number, number>();
  const means: Record<string, number> = {};
  for (const r of TRAIT_RULES) means[r.column] = 0;
  let tempo = 0;
  for (let i = from; i < to; i++) {
    const t = c.artistTracks[i];
    const gs = genresOf(c, t);
    for (const g of gs) share.set(g, (share.get(g) ?? 0) + 1 / gs.length / k);
    for (const r of TRAIT_RULES) means[r.column] += c[r.column][t] / k;
    tempo += c.tempo[t] / k;
  }
  const genres = [...share]
    .filter(([, s]) => s >= 0.2)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 3)
    .map(([g]) => c.genres[g]);
  const traits: string[] = [];
  for (const r of TRAIT_RULES) {
    if (r.high && means[r.column] >= r.high[0]) traits.push(r.high[1]);
    if (r.low && means[r.column] <= r.low[0]) traits.push(r.low[1]);
  }
  if (tempo >= 135) traits.push('fast');
  return { genres, traits };
}

/** "Sounds alike: calm, acoustic · both folk": the traits and main genres
 *  two artists share. */
export function soundsAlike(c: Catalog, a: number, b: number): string {
  const ta = artistTraits(c, a);
  const tb = artistTraits(c, b);
  const traits = ta.traits.filter((t) => tb.traits.includes(t));
  const genres = ta.genres.filter((g) => tb.genres.includes(g));
  const parts = [traits.join(', '), genres.length ? `both ${genres.join(', ')}` : ''].filter(Boolean);
  return parts.length ? `Sounds alike: ${parts.join(' · ')}` : 'Sounds alike overall';
}
