// Seeds and masks: which seeds this catalog knows, which tracks pass the
// steering bounds, the explicit switch and the exclusions, and which artists
// have at least one such track. An empty outcome says which bound is to blame.
import type { Catalog } from '../../catalog/core/catalog.ts';
import { artistsOf, tracksOf } from '../../catalog/core/catalog.ts';
import { STEERABLE, type BoundReport, type Exclusions, type RankEmpty, type RankingIndex, type Seed, type SourceSeed, type Steerable, type Steering } from './types.ts';

interface ResolvedSeeds {
  resolved: SourceSeed[];
  /** resolved → request index */
  seedIndex: number[];
  ignoredSeeds: Seed[];
}

export function resolveSeeds(c: Catalog, seeds: Seed[]): ResolvedSeeds | RankEmpty {
  if (!seeds.length) {
    return { empty: true, why: 'no seeds', message: 'Add an artist, track or genre to the seeds to get recommendations.' };
  }
  const resolved: SourceSeed[] = [];
  const seedIndex: number[] = [];
  const ignoredSeeds: Seed[] = [];
  seeds.forEach((seed, i) => {
    const s = resolveSeed(c, seed);
    if (s) {
      resolved.push(s);
      seedIndex.push(i);
    } else ignoredSeeds.push(seed);
  });
  if (!resolved.length) {
    const n = ignoredSeeds.length;
    return {
      empty: true,
      why: 'seeds unknown',
      unknown: ignoredSeeds,
      message: `${n === 1 ? 'The seed is' : `None of the ${n} seeds is`} in this catalog; add seeds from its search.`,
    };
  }
  return { resolved, seedIndex, ignoredSeeds };
}

interface Masks {
  trackAllowed: Uint8Array;
  artistAllowed: Uint8Array;
  artistHasTracks: Uint8Array;
  seedArtists: Set<number>;
  allowedTracks: number;
}

/** The tracks the steering's bounds and explicit switch let through, and the
 *  artists with at least one of them: the same for every request until a
 *  bound moves, so kept (per index, the last few bounds seen). */
interface BoundsMask {
  key: string;
  trackAllowed: Uint8Array;
  artistHasTracks: Uint8Array;
  passing: number;
  reports: BoundReport[];
}
const boundsCache = new WeakMap<RankingIndex, BoundsMask[]>();
const BOUNDS_KEPT = 4;

function boundsMask(ix: RankingIndex, steer: Steering): BoundsMask {
  const c = ix.catalog;
  const set = STEERABLE.filter((name) => steer.attributes[name]?.min !== undefined || steer.attributes[name]?.max !== undefined);
  const key = `${steer.explicit}|${set.map((name) => `${name}:${steer.attributes[name]!.min}:${steer.attributes[name]!.max}`).join('|')}`;
  let kept = boundsCache.get(ix);
  if (!kept) boundsCache.set(ix, (kept = []));
  const hit = kept.find((m) => m.key === key);
  if (hit) return hit;
  const trackAllowed = new Uint8Array(c.size).fill(1);
  const reports: BoundReport[] = [];
  if (!steer.explicit) {
    let removes = 0;
    for (let t = 0; t < c.size; t++) {
      if (c.explicit[t]) {
        trackAllowed[t] = 0;
        removes++;
      }
    }
    reports.push({ attribute: 'explicit', removes, of: c.size });
  }
  for (const name of set) {
    const b = steer.attributes[name]!;
    const lo = b.min ?? -Infinity;
    const hi = b.max ?? Infinity;
    const values = ix.attributes[name].values;
    let removes = 0;
    for (let t = 0; t < c.size; t++) {
      const v = values[t];
      if (v < lo || v > hi) {
        trackAllowed[t] = 0;
        removes++;
      }
    }
    reports.push({ attribute: name, min: b.min, max: b.max, removes, of: c.size });
  }
  let passing = 0;
  for (let t = 0; t < c.size; t++) passing += trackAllowed[t];
  const artistHasTracks = new Uint8Array(c.artists.length);
  for (let a = 0; a < artistHasTracks.length; a++) artistHasTracks[a] = anyAllowed(c, a, trackAllowed);
  const mask = { key, trackAllowed, artistHasTracks, passing, reports };
  kept.unshift(mask);
  kept.length = Math.min(kept.length, BOUNDS_KEPT);
  return mask;
}

/** 1 when the artist has a track the mask lets through. */
function anyAllowed(c: Catalog, a: number, trackAllowed: Uint8Array): number {
  for (let i = c.artistTrackOffsets[a]; i < c.artistTrackOffsets[a + 1]; i++) if (trackAllowed[c.artistTracks[i]]) return 1;
  return 0;
}

/** Fills the index's scratch masks for one request: the bounds' mask (kept
 *  while the bounds stay), less the hidden and the seed tracks. */
export function masks(ix: RankingIndex, steer: Steering, resolved: SourceSeed[], exclude: Exclusions | undefined): Masks | RankEmpty {
  const c = ix.catalog;
  const base = boundsMask(ix, steer);
  if (base.passing === 0) {
    const { reports } = base;
    const bound = reports.reduce((x, y) => (y.removes > x.removes ? y : x), reports[0] ?? { attribute: 'explicit', removes: c.size, of: c.size });
    return { empty: true, why: 'bounds exclude everything', bound, message: boundMessage(bound, reports.length) };
  }
  const { trackAllowed, artistHasTracks, artistAllowed } = ix.scratch;
  trackAllowed.set(base.trackAllowed);
  artistHasTracks.set(base.artistHasTracks);
  // Tracks taken out here; their artists may have none left.
  let removed = 0;
  const touched = new Set<number>();
  const remove = (t: number): void => {
    if (!trackAllowed[t]) return;
    trackAllowed[t] = 0;
    removed++;
    for (let j = c.artistOffsets[t]; j < c.artistOffsets[t + 1]; j++) touched.add(c.artistIds[j]);
  };
  const hiddenArtists = new Set(exclude?.artists ?? []);
  for (const t of exclude?.tracks ?? []) if (t >= 0 && t < c.size) remove(t);
  for (const a of hiddenArtists) if (a >= 0 && a < c.artists.length) for (const t of tracksOf(c, a)) remove(t);
  const seedArtists = new Set<number>();
  for (const s of resolved) {
    for (const a of s.artists) seedArtists.add(a);
    for (const t of s.tracks) remove(t);
  }
  for (const a of touched) artistHasTracks[a] = anyAllowed(c, a, trackAllowed);
  const allowedTracks = base.passing - removed;
  artistAllowed.set(artistHasTracks);
  for (const a of hiddenArtists) if (a >= 0 && a < c.artists.length) artistAllowed[a] = 0;
  for (const a of seedArtists) artistAllowed[a] = 0;
  if (allowedTracks === 0) {
    return { empty: true, why: 'everything excluded', message: 'Every track that fits the steering is hidden or a seed.' };
  }
  return { trackAllowed, artistAllowed, artistHasTracks, seedArtists, allowedTracks };
}

function resolveSeed(c: Catalog, seed: Seed): SourceSeed | null {
  const id = seed.id;
  if (!Number.isInteger(id) || id < 0) return null;
  if (seed.kind === 'artist' && id < c.artists.length && tracksOf(c, id).length) {
    return { seed, label: c.artists[id], artists: [id], tracks: [], genres: [] };
  }
  if (seed.kind === 'track' && id < c.size) {
    // A track seed is named with its artist, so a reason reads "like “Get Lucky” by Daft Punk".
    const by = Array.from(artistsOf(c, id), (a) => c.artists[a]).slice(0, 2).join(' & ');
    return { seed, label: by ? `“${c.trackName[id]}” by ${by}` : `“${c.trackName[id]}”`, artists: Array.from(artistsOf(c, id)), tracks: [id], genres: [] };
  }
  if (seed.kind === 'genre' && id < c.genres.length) {
    return { seed, label: c.genres[id], artists: [], tracks: [], genres: [id] };
  }
  return null;
}

export const ATTRIBUTE_LABEL: Record<Steerable | 'explicit', string> = {
  acousticness: 'acousticness',
  danceability: 'danceability',
  energy: 'energy',
  instrumentalness: 'instrumentalness',
  liveness: 'liveness',
  loudness: 'loudness',
  speechiness: 'speechiness',
  tempo: 'tempo',
  valence: 'valence',
  popularity: 'popularity',
  durationMs: 'duration',
  key: 'key',
  mode: 'mode',
  timeSignature: 'time signature',
  explicit: 'the explicit switch',
};

function boundMessage(b: BoundReport, nBounds: number): string {
  const label = ATTRIBUTE_LABEL[b.attribute];
  if (b.min !== undefined && b.max !== undefined && b.min > b.max) {
    return `No track fits: the ${label} minimum (${fmt(b.min)}) is above its maximum (${fmt(b.max)}).`;
  }
  const range =
    b.attribute === 'explicit'
      ? 'off'
      : b.min !== undefined && b.max !== undefined
        ? `between ${fmt(b.min)} and ${fmt(b.max)}`
        : b.min !== undefined
          ? `at least ${fmt(b.min)}`
          : `at most ${fmt(b.max!)}`;
  const alone = `${label} ${range} alone removes ${b.removes.toLocaleString('en')} of ${b.of.toLocaleString('en')} tracks`;
  return nBounds > 1 ? `No track fits all the bounds together; ${alone}.` : `No track fits: ${alone}.`;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
