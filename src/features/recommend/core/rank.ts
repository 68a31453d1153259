// Recommendations from seeds: the one ranking module. Pure and synchronous, so
// it runs in Node tests, a worker or the main thread unchanged.
//
// A request goes through four steps, each a few scans over typed arrays:
//  1. seeds are resolved (unknown ones reported, not guessed);
//  2. masks: which tracks pass the steering bounds, the explicit switch and
//     the exclusions, and which artists have at least one such track;
//  3. candidate sources (content similarity now, collaborative filtering later,
//     all through CandidateSource) propose artists and tracks with a 0..1
//     score, blended by weight;
//  4. every candidate gets a score that is a plain sum of named parts
//     (similarity, target, popularity, genre, diversity), picked greedily with
//     a diversity penalty (maximal marginal relevance), and explained.
//
// The recommended tracks are tracks by neighbour artists plus "deeper cuts" by
// the seed artists themselves; the latter are capped (SEED_ARTIST_SHARE, less
// as discovery rises), because a user knows their seeds. Seed tracks are never
// recommended, nor are seed artists (or the artists of seed tracks) as artists.
import type { Catalog } from '../../catalog/core/catalog.ts';
import { artistsOf, genresOf, tracksOf } from '../../catalog/core/catalog.ts';
import { songKey } from '../../../lib/keys.ts';
import { dot, topK } from '../../../lib/vectors.ts';
import type { Vectors } from './vectors.ts';
import { plainArtistVectors, trackVectors } from './vectors.ts';
import { l2NormalizeRows } from '../../models/artist/artist-features.ts';

// ---------------------------------------------------------------------------
// Request and result types (what the UI uses)

export type SeedKind = 'artist' | 'track' | 'genre';
/** An artist, track or genre by its catalog index. */
export interface Seed {
  kind: SeedKind;
  id: number;
}

/** The attributes a user can steer, in catalog units: 0..1 for the Spotify
 *  features, dB for loudness, BPM for tempo, 0..100 popularity, milliseconds,
 *  pitch class 0..11, mode 0/1, beats per bar. */
export const STEERABLE = [
  'acousticness',
  'danceability',
  'energy',
  'instrumentalness',
  'liveness',
  'loudness',
  'speechiness',
  'tempo',
  'valence',
  'popularity',
  'durationMs',
  'key',
  'mode',
  'timeSignature',
] as const;
export type Steerable = (typeof STEERABLE)[number];

/** Any of the three may be left out. */
export interface AttributeSteer {
  min?: number;
  max?: number;
  target?: number;
}

export interface Steering {
  attributes: Partial<Record<Steerable, AttributeSteer>>;
  /** 0 = familiar (favour popular), 1 = beyond the mainstream (favour little-known). */
  discovery: number;
  /** 0 = rank by score alone, 1 = at most about one track per artist and artists unlike each other. */
  diversity: number;
  /** false = leave explicit tracks out. */
  explicit: boolean;
}

export function defaultSteering(): Steering {
  return { attributes: {}, discovery: 0.3, diversity: 0.5, explicit: true };
}

/** What the user has hidden or disliked: never recommended. Hiding an artist
 *  also hides every track they are credited on. */
export interface Exclusions {
  tracks?: Iterable<number>;
  artists?: Iterable<number>;
}

/** Score parts; `score` is their sum. */
export interface ScoreParts {
  /** Weighted blend of the sources' 0..1 scores. */
  similarity: number;
  /** Closeness to the steering targets (0 when no target is set). */
  target: number;
  /** Popularity, or its opposite as discovery rises. */
  popularity: number;
  /** Shares a genre with the seeds. */
  genre: number;
  /** Penalty (≤ 0) for repeating an artist / for being like artists above. */
  diversity: number;
}

export interface TrackRec {
  track: number;
  score: number;
  parts: ScoreParts;
  /** Raw 0..1 score per source name, e.g. { content: 0.83 }. */
  sources: Record<string, number>;
  /** Indices into the request's seeds that this is closest to. */
  seeds: number[];
  /** True for a deeper cut by a seed artist. */
  bySeedArtist: boolean;
  reason: string;
}

export interface ArtistRec {
  artist: number;
  score: number;
  parts: ScoreParts;
  sources: Record<string, number>;
  seeds: number[];
  /** The artist's track that fits the steering best (to play or open), or -1. */
  track: number;
  reason: string;
}

export interface RankRequest {
  seeds: Seed[];
  steering?: Steering;
  exclude?: Exclusions;
  /** Default: the content source alone. */
  sources?: WeightedSource[];
  /** Default 20 artists, 50 tracks. */
  limit?: { artists?: number; tracks?: number };
}

export interface RankOk {
  empty: false;
  artists: ArtistRec[];
  tracks: TrackRec[];
  /** Seeds that are not in this catalog (the rest were used). */
  ignoredSeeds: Seed[];
  /** How many tracks passed bounds, explicit switch and exclusions. */
  allowedTracks: number;
}

/** The bound that alone removes the most tracks. */
export interface BoundReport {
  attribute: Steerable | 'explicit';
  min?: number;
  max?: number;
  /** Tracks this bound removes on its own. */
  removes: number;
  /** Tracks in the catalog. */
  of: number;
}

export type RankEmpty =
  | { empty: true; why: 'no seeds'; message: string }
  | { empty: true; why: 'seeds unknown'; unknown: Seed[]; message: string }
  | { empty: true; why: 'bounds exclude everything'; bound: BoundReport; message: string }
  | { empty: true; why: 'everything excluded'; message: string };

export type RankResult = RankOk | RankEmpty;

// ---------------------------------------------------------------------------
// Candidate sources

/** A seed as the sources see it: what it stands for in catalog terms. */
export interface SourceSeed {
  seed: Seed;
  /** Display name: artist name, track title, genre. */
  label: string;
  /** Artist seed: [it]; track seed: its credited artists; genre seed: []. */
  artists: number[];
  /** Track seed: [it]; else []. */
  tracks: number[];
  /** Genre seed: [it]; else []. */
  genres: number[];
}

export interface SourceQuery {
  seeds: SourceSeed[];
  /** 1 = the track may be recommended (bounds, explicit, exclusions, not a seed). */
  trackAllowed: Uint8Array;
  /** 1 = the artist may be recommended (not a seed, not hidden, has an allowed track). */
  artistAllowed: Uint8Array;
  /** 1 = the artist is credited on an allowed track (seed artists included). */
  artistHasTracks: Uint8Array;
}

export interface Candidate {
  kind: 'artist' | 'track';
  id: number;
  /** 0..1, higher = closer to the seeds. */
  score: number;
  /** Indices into SourceQuery.seeds that brought this candidate. */
  seeds?: number[];
}

/** Anything that proposes artists and tracks for a set of seeds. A source that
 *  returns only artists gets their best tracks ranked for it (INHERITED_TRACKS). */
export interface CandidateSource {
  name: string;
  /** The lead of a reason, given the seeds' names: "close to Joji and Rema". */
  phrase(seedNames: string): string;
  /** Up to k allowed artists and up to k allowed tracks, best first. */
  candidates(q: SourceQuery, k: number): Candidate[];
}

export interface WeightedSource {
  source: CandidateSource;
  weight: number;
}

// ---------------------------------------------------------------------------
// Tuning (plain constants, each a weight of one score part)

const W_SIM = 1;
/** Full weight when a track sits on every target. */
const W_TARGET = 1;
const W_POP = 0.25;
const W_GENRE = 0.15;
/** Per repeat of an artist, at diversity 1. */
const W_DIV_TRACK = 0.5;
/** Tracks per artist in a list: at most 1 + this × (1 − diversity). */
const MAX_PER_ARTIST_SPREAD = 10;
/** Times the cosine to the most similar artist already listed, at diversity 1. */
const W_DIV_ARTIST = 0.5;
/** A value this share of the attribute's span from the target counts 0. */
const TARGET_WIDTH = 0.5;
/** Content similarity to several seeds: this much of the best seed, the rest the mean. */
const MAX_SHARE = 0.7;
/** Content track similarity: this much from the track's artists, the rest from its sound. */
const ARTIST_SHARE = 0.6;
/** At most this share of the track list by seed artists (at discovery 0; none at 1). */
const SEED_ARTIST_SHARE = 0.25;
/** Tracks per candidate artist ranked for a source that gives artists only. */
const INHERITED_TRACKS = 5;
/** Greedy picking looks at this many candidates per place in the list. */
const MMR_POOL = 5;
/** Closest artists whose tracks the content source scores (it stops earlier
 *  once it has enough tracks). */
const ARTIST_POOL = 2000;
/** A second seed is named in the reason when this close to the best one. */
const SECOND_SEED_MARGIN = 0.05;

// ---------------------------------------------------------------------------
// Preparation, once per catalog

/**
 * The artist matrix split by column for fast scans: columns that most rows use
 * (audio features, a trained code) as a dense block, and the rest (a genre
 * profile: 1–3 of 114 set) as sparse rows. A cosine is then a short dense dot
 * product plus a few sparse terms, whatever the mix.
 */
export interface SplitRows {
  /** Columns kept dense, and the dense block (rows x denseCols.length). */
  denseCols: Int32Array;
  dense: Float32Array;
  /** The other columns' nonzeros, by row (CSR). */
  offsets: Int32Array;
  columns: Int32Array;
  values: Float32Array;
}

/** A column set in more than this share of rows goes in the dense block. */
const DENSE_COLUMN = 0.3;

function splitRows(v: Vectors): SplitRows {
  const used = new Int32Array(v.dim);
  for (let i = 0; i < v.data.length; i++) if (v.data[i] !== 0) used[i % v.dim]++;
  const denseCols = Int32Array.from({ length: v.dim }, (_, j) => j).filter((j) => used[j] > DENSE_COLUMN * v.n);
  const isDense = new Uint8Array(v.dim);
  for (const j of denseCols) isDense[j] = 1;
  const nd = denseCols.length;
  const dense = new Float32Array(v.n * nd);
  let nnz = 0;
  for (let j = 0; j < v.dim; j++) if (!isDense[j]) nnz += used[j];
  const offsets = new Int32Array(v.n + 1);
  const columns = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let k = 0;
  for (let r = 0; r < v.n; r++) {
    for (let i = 0; i < nd; i++) dense[r * nd + i] = v.data[r * v.dim + denseCols[i]];
    for (let j = 0; j < v.dim; j++) {
      const x = v.data[r * v.dim + j];
      if (x !== 0 && !isDense[j]) {
        columns[k] = j;
        values[k++] = x;
      }
    }
    offsets[r + 1] = k;
  }
  return { denseCols, dense, offsets, columns, values };
}

interface AttributeStats {
  /** Float copy of the catalog column. */
  values: Float32Array;
  mean: number;
  sd: number;
  /** Robust range (2nd to 98th percentile) for target closeness. */
  span: number;
  min: number;
  max: number;
}

export interface RankingIndex {
  catalog: Catalog;
  /** L2-normalized artist vectors. */
  artists: Vectors;
  /** The same rows split into a dense block and sparse rows, for scans. */
  artistSplit: SplitRows;
  /** Standardized track vectors and their squared norms. */
  tracks: Vectors;
  trackNorm2: Float32Array;
  /** Per artist: mean of their track vectors. */
  artistAudio: Float32Array;
  /** Per genre: normalized mean artist vector (artists weighted by tracks) and mean track vector. */
  genreArtist: Float32Array;
  genreAudio: Float32Array;
  attributes: Record<Steerable, AttributeStats>;
  /** Per track: its song (same title without bracketed parts, same first
   *  artist), so a list holds one version of a song; and the song's highest
   *  popularity, so a popular song's obscure re-release isn't a "discovery". */
  song: Int32Array;
  songPopularity: Uint8Array;
  /** The content source over this index (the default source). */
  content: CandidateSource;
  /** Reused per request (requests run one at a time). */
  scratch: {
    trackAllowed: Uint8Array;
    artistAllowed: Uint8Array;
    artistHasTracks: Uint8Array;
    artistScore: Float32Array;
  };
}

const ATTRIBUTE_COLUMN: Record<Steerable, keyof Catalog> = {
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
  durationMs: 'durationMs',
  key: 'key',
  mode: 'mode',
  timeSignature: 'timeSignature',
};

/** Precomputes everything a request reuses. `artistVectors`: any row-per-artist
 *  matrix (rows are L2-normalized here; a copy is made); default the plain vectors. */
export function prepareRanking(c: Catalog, artistVectors?: Vectors | Float32Array): RankingIndex {
  const nA = c.artists.length;
  const nG = c.genres.length;
  const tracks = trackVectors(c);
  let artists: Vectors;
  if (!artistVectors) artists = plainArtistVectors(c, tracks);
  else {
    const data = artistVectors instanceof Float32Array ? artistVectors : artistVectors.data;
    const dim = nA > 0 ? data.length / nA : 0;
    if (!Number.isInteger(dim)) throw new Error(`artist vectors: ${data.length} values do not split into ${nA} rows`);
    artists = { n: nA, dim, data: l2NormalizeRows(Float32Array.from(data), dim) };
  }
  const D = tracks.dim;
  const d = artists.dim;
  const trackNorm2 = new Float32Array(c.size);
  for (let t = 0; t < c.size; t++) trackNorm2[t] = dot(tracks.data, t * D, tracks.data, t * D, D);

  const artistAudio = new Float32Array(nA * D);
  for (let a = 0; a < nA; a++) {
    const list = tracksOf(c, a);
    for (const t of list) for (let j = 0; j < D; j++) artistAudio[a * D + j] += tracks.data[t * D + j];
    for (let j = 0; j < D; j++) artistAudio[a * D + j] /= Math.max(1, list.length);
  }

  const genreArtist = new Float32Array(nG * d);
  const genreAudio = new Float32Array(nG * D);
  const genreCount = new Float32Array(nG);
  for (let t = 0; t < c.size; t++) {
    for (const g of genresOf(c, t)) {
      genreCount[g]++;
      for (let j = 0; j < D; j++) genreAudio[g * D + j] += tracks.data[t * D + j];
      for (const a of artistsOf(c, t)) for (let j = 0; j < d; j++) genreArtist[g * d + j] += artists.data[a * d + j];
    }
  }
  for (let g = 0; g < nG; g++) for (let j = 0; j < D; j++) genreAudio[g * D + j] /= Math.max(1, genreCount[g]);
  l2NormalizeRows(genreArtist, d);

  const attributes = {} as Record<Steerable, AttributeStats>;
  for (const name of STEERABLE) attributes[name] = attributeStats(c[ATTRIBUTE_COLUMN[name]] as ArrayLike<number>, c.size, name);

  const { song, songPopularity } = songs(c);
  const ix: RankingIndex = {
    catalog: c,
    artistSplit: splitRows(artists),
    song,
    songPopularity,
    artists,
    tracks,
    trackNorm2,
    artistAudio,
    genreArtist,
    genreAudio,
    attributes,
    content: null as unknown as CandidateSource,
    scratch: {
      trackAllowed: new Uint8Array(c.size),
      artistAllowed: new Uint8Array(nA),
      artistHasTracks: new Uint8Array(nA),
      artistScore: new Float32Array(nA),
    },
  };
  ix.content = contentSource(ix);
  return ix;
}

function songs(c: Catalog): { song: Int32Array; songPopularity: Uint8Array } {
  const ids = new Map<string, number>();
  const song = new Int32Array(c.size);
  const best: number[] = [];
  for (let t = 0; t < c.size; t++) {
    const key = songKey(c.trackName[t], artistsOf(c, t));
    let id = ids.get(key);
    if (id === undefined) {
      id = best.length;
      ids.set(key, id);
      best.push(0);
    }
    song[t] = id;
    best[id] = Math.max(best[id], c.popularity[t]);
  }
  const songPopularity = new Uint8Array(c.size);
  for (let t = 0; t < c.size; t++) songPopularity[t] = best[song[t]];
  return { song, songPopularity };
}

function attributeStats(src: ArrayLike<number>, n: number, name: Steerable): AttributeStats {
  const values = Float32Array.from({ length: n }, (_, i) => src[i]);
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    s += values[i];
    s2 += values[i] * values[i];
  }
  const mean = s / Math.max(1, n);
  const sd = Math.sqrt(Math.max(0, s2 / Math.max(1, n) - mean * mean)) || 1;
  const sorted = values.slice().sort();
  const q = (p: number) => (n ? sorted[Math.min(n - 1, Math.floor(p * n))] : 0);
  // Key is a circle of 12 pitch classes: at most 6 apart.
  const span = name === 'key' ? 6 : Math.max(q(0.98) - q(0.02), 1e-6);
  return { values, mean, sd, span, min: n ? sorted[0] : 0, max: n ? sorted[n - 1] : 0 };
}

/** Slider range for an attribute on this catalog. */
export function attributeRange(ix: RankingIndex, a: Steerable): { min: number; max: number } {
  return { min: ix.attributes[a].min, max: ix.attributes[a].max };
}

// ---------------------------------------------------------------------------
// The content source: artist vectors for artists, artist + sound for tracks

export function contentSource(ix: RankingIndex): CandidateSource {
  // Per-seed cosine to every artist, kept for the last few seeds: a slider
  // change or one added seed then costs no (or one) scan of the artist matrix.
  const cache = new Map<string, Float32Array>();
  return {
    name: 'content',
    phrase: (names) => `close to ${names}`,
    candidates: (q, k) => contentCandidates(ix, q, k, cache),
  };
}

/** Seeds whose artist similarities are kept (30k artists: 120 KB each). */
const SEED_CACHE_SIZE = 32;

/** Per seed, the cosine of every artist to the seed's point: from the cache,
 *  or computed for all uncached seeds in one pass over the artist matrix (each
 *  row read once, however many seeds). */
function seedArtistSims(ix: RankingIndex, seeds: SourceSeed[], cache: Map<string, Float32Array>): Float32Array[] {
  const d = ix.artists.dim;
  const V = ix.artists.data;
  const n = ix.artists.n;
  const out: Float32Array[] = new Array(seeds.length);
  const missing: number[] = [];
  seeds.forEach((seed, s) => {
    const key = `${seed.seed.kind}:${seed.seed.id}`;
    const hit = cache.get(key);
    if (!hit) return missing.push(s);
    cache.delete(key); // re-insert: most recently used last
    cache.set(key, hit);
    out[s] = hit;
  });
  if (!missing.length) return out;
  const m = missing.length;
  const points = new Float32Array(m * d);
  missing.forEach((s, i) => {
    for (const a of seeds[s].artists) addRow(points, i * d, V, a * d, d, 1);
    for (const g of seeds[s].genres) addRow(points, i * d, ix.genreArtist, g * d, d, 1);
  });
  l2NormalizeRows(points, d);
  const sims = missing.map(() => new Float32Array(n));
  const { denseCols, dense, offsets, columns, values } = ix.artistSplit;
  const nd = denseCols.length;
  const q = new Float32Array(nd);
  for (let i = 0; i < m; i++) {
    const out = sims[i];
    const o = i * d;
    for (let c = 0; c < nd; c++) q[c] = points[o + denseCols[c]];
    for (let a = 0; a < n; a++) {
      let x = dot(dense, a * nd, q, 0, nd);
      for (let j = offsets[a]; j < offsets[a + 1]; j++) x += values[j] * points[o + columns[j]];
      out[a] = x;
    }
  }
  missing.forEach((s, i) => {
    out[s] = sims[i];
    cache.set(`${seeds[s].seed.kind}:${seeds[s].seed.id}`, sims[i]);
    if (cache.size > SEED_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  });
  return out;
}

function contentCandidates(ix: RankingIndex, q: SourceQuery, k: number, cache: Map<string, Float32Array>): Candidate[] {
  const c = ix.catalog;
  const S = q.seeds.length;
  const D = ix.tracks.dim;
  const nA = c.artists.length;
  const X = ix.tracks.data;
  // Each seed is a point among artists (cosines cached) and a sound profile among tracks.
  const A = seedArtistSims(ix, q.seeds, cache);
  const profiles = new Float32Array(S * D);
  const profileNorm2 = new Float32Array(S);
  for (let s = 0; s < S; s++) {
    const seed = q.seeds[s];
    if (seed.tracks.length) for (const t of seed.tracks) addRow(profiles, s * D, X, t * D, D, 1 / seed.tracks.length);
    else if (seed.artists.length) for (const a of seed.artists) addRow(profiles, s * D, ix.artistAudio, a * D, D, 1 / seed.artists.length);
    else for (const g of seed.genres) addRow(profiles, s * D, ix.genreAudio, g * D, D, 1 / seed.genres.length);
    profileNorm2[s] = dot(profiles, s * D, profiles, s * D, D);
  }

  const artistScore = ix.scratch.artistScore;
  for (let a = 0; a < nA; a++) {
    let best = -1;
    let sum = 0;
    for (let s = 0; s < S; s++) {
      const v = A[s][a];
      if (v > best) best = v;
      sum += v;
    }
    artistScore[a] = Math.max(0, MAX_SHARE * best + ((1 - MAX_SHARE) * sum) / S);
  }

  const out: Candidate[] = [];
  for (const a of topK(artistScore, q.artistAllowed, k)) {
    out.push({ kind: 'artist', id: a, score: artistScore[a], seeds: closeSeeds(S, (s) => A[s][a]) });
  }

  // Tracks come from the closest artists that have allowed tracks (seed
  // artists included, for their deeper cuts), walked best first until k
  // tracks and k/2 artists besides the seeds are in hand. Scoring every track
  // of the catalog would cost a scan per seed for tracks that, their artist
  // being far, cannot make the list.
  const { artistOffsets, artistIds } = c;
  const pool = topK(artistScore, q.artistHasTracks, ARTIST_POOL);
  const seen = new Set<number>();
  const tracks: { t: number; score: number; seeds: number[] }[] = [];
  const seedArtists = new Set(q.seeds.flatMap((x) => x.artists));
  let others = 0;
  for (const a of pool) {
    // Enough tracks, from enough other artists that a diverse list can be made.
    if (tracks.length >= k && others >= k / 2) break;
    if (!seedArtists.has(a)) others++;
    for (const t of tracksOf(c, a)) {
      if (!q.trackAllowed[t] || seen.has(t)) continue;
      seen.add(t);
      const perSeed = (s: number): number => {
        let as = -1;
        for (let j = artistOffsets[t]; j < artistOffsets[t + 1]; j++) as = Math.max(as, A[s][artistIds[j]]);
        const dist2 = Math.max(0, ix.trackNorm2[t] - 2 * dot(X, t * D, profiles, s * D, D) + profileNorm2[s]);
        return ARTIST_SHARE * as + (1 - ARTIST_SHARE) / (1 + dist2 / D);
      };
      let best = -1;
      let sum = 0;
      for (let s = 0; s < S; s++) {
        const v = perSeed(s);
        best = Math.max(best, v);
        sum += v;
      }
      tracks.push({ t, score: Math.max(0, MAX_SHARE * best + ((1 - MAX_SHARE) * sum) / S), seeds: closeSeeds(S, perSeed) });
    }
  }
  // Best first, at most k/20 per artist (a seed artist's many tracks would
  // otherwise fill the list), up to k.
  tracks.sort((x, y) => y.score - x.score || x.t - y.t);
  const perArtist = new Map<number, number>();
  const cap = Math.max(1, Math.floor(k / 20));
  let taken = 0;
  for (const x of tracks) {
    if (taken >= k) break;
    const first = c.artistIds[artistOffsets[x.t]];
    const n = perArtist.get(first) ?? 0;
    if (n >= cap) continue;
    perArtist.set(first, n + 1);
    out.push({ kind: 'track', id: x.t, score: x.score, seeds: x.seeds });
    taken++;
  }
  return out;
}

/** The best seed, and the second when nearly as close. */
function closeSeeds(S: number, sim: (s: number) => number): number[] {
  let b1 = -1;
  let b2 = -1;
  let v1 = -Infinity;
  let v2 = -Infinity;
  for (let s = 0; s < S; s++) {
    const v = sim(s);
    if (v > v1) {
      b2 = b1;
      v2 = v1;
      b1 = s;
      v1 = v;
    } else if (v > v2) {
      b2 = s;
      v2 = v;
    }
  }
  if (b1 < 0) return [];
  return b2 >= 0 && v2 >= v1 - SECOND_SEED_MARGIN ? [b1, b2] : [b1];
}

// ---------------------------------------------------------------------------
// The request

export function rank(ix: RankingIndex, req: RankRequest): RankResult {
  const c = ix.catalog;
  const steer = { ...defaultSteering(), ...req.steering };
  const limitArtists = req.limit?.artists ?? 20;
  const limitTracks = req.limit?.tracks ?? 50;

  // 1. Seeds.
  if (!req.seeds.length) {
    return { empty: true, why: 'no seeds', message: 'Add an artist, track or genre to the seeds to get recommendations.' };
  }
  const resolved: SourceSeed[] = [];
  const seedIndex: number[] = []; // resolved → request index
  const ignoredSeeds: Seed[] = [];
  req.seeds.forEach((seed, i) => {
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

  // 2. Masks.
  const trackAllowed = ix.scratch.trackAllowed;
  trackAllowed.fill(1);
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
  for (const name of STEERABLE) {
    const b = steer.attributes[name];
    if (!b || (b.min === undefined && b.max === undefined)) continue;
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
  if (passing === 0) {
    const bound = reports.reduce((x, y) => (y.removes > x.removes ? y : x), reports[0] ?? { attribute: 'explicit', removes: c.size, of: c.size });
    return { empty: true, why: 'bounds exclude everything', bound, message: boundMessage(bound, reports.length) };
  }
  const hiddenArtists = new Set(req.exclude?.artists ?? []);
  for (const t of req.exclude?.tracks ?? []) if (t >= 0 && t < c.size) trackAllowed[t] = 0;
  for (const a of hiddenArtists) if (a >= 0 && a < c.artists.length) for (const t of tracksOf(c, a)) trackAllowed[t] = 0;
  const seedArtists = new Set<number>();
  for (const s of resolved) {
    for (const a of s.artists) seedArtists.add(a);
    for (const t of s.tracks) trackAllowed[t] = 0;
  }
  const { artistHasTracks, artistAllowed } = ix.scratch;
  artistHasTracks.fill(0);
  let allowedTracks = 0;
  for (let t = 0; t < c.size; t++) {
    if (!trackAllowed[t]) continue;
    allowedTracks++;
    for (let j = c.artistOffsets[t]; j < c.artistOffsets[t + 1]; j++) artistHasTracks[c.artistIds[j]] = 1;
  }
  artistAllowed.set(artistHasTracks);
  for (const a of hiddenArtists) if (a >= 0 && a < c.artists.length) artistAllowed[a] = 0;
  for (const a of seedArtists) artistAllowed[a] = 0;
  if (allowedTracks === 0) {
    return { empty: true, why: 'everything excluded', message: 'Every track that fits the steering is hidden or a seed.' };
  }

  // 3. Candidates from every source, blended by weight.
  const sources = req.sources ?? [{ source: ix.content, weight: 1 }];
  const totalWeight = sources.reduce((s, x) => s + Math.max(0, x.weight), 0) || 1;
  const query: SourceQuery = { seeds: resolved, trackAllowed, artistAllowed, artistHasTracks };
  const k = Math.max(100, 5 * Math.max(limitArtists, limitTracks));
  const artistBlend = new Map<number, Blend>();
  const trackBlend = new Map<number, Blend>();
  for (const { source, weight } of sources) {
    if (weight <= 0) continue;
    const cands = source.candidates(query, k);
    const hasTracks = cands.some((x) => x.kind === 'track');
    for (const x of cands) {
      const map = x.kind === 'artist' ? artistBlend : trackBlend;
      if (x.kind === 'artist' && !artistAllowed[x.id]) continue;
      if (x.kind === 'track' && !trackAllowed[x.id]) continue;
      addBlend(map, x.id, source, weight / totalWeight, x.score, x.seeds ?? []);
      if (x.kind === 'artist' && !hasTracks) {
        let taken = 0;
        for (const t of tracksOf(c, x.id)) {
          if (taken >= INHERITED_TRACKS) break;
          if (!trackAllowed[t]) continue;
          addBlend(trackBlend, t, source, weight / totalWeight, x.score, x.seeds ?? []);
          taken++;
        }
      }
    }
  }

  // 4. Score, pick, explain.
  const ctx: ScoreContext = {
    ix,
    steer,
    targets: STEERABLE.filter((a) => steer.attributes[a]?.target !== undefined),
    seedGenre: seedGenreWeights(c, resolved),
    resolved,
    seedIndex,
    seedArtists,
    trackAllowed,
  };
  const tracks = pickTracks(ctx, trackBlend, limitTracks);
  const artists = pickArtists(ctx, artistBlend, limitArtists);
  return { empty: false, artists, tracks, ignoredSeeds, allowedTracks };
}

function resolveSeed(c: Catalog, seed: Seed): SourceSeed | null {
  const id = seed.id;
  if (!Number.isInteger(id) || id < 0) return null;
  if (seed.kind === 'artist' && id < c.artists.length && tracksOf(c, id).length) {
    return { seed, label: c.artists[id], artists: [id], tracks: [], genres: [] };
  }
  if (seed.kind === 'track' && id < c.size) {
    return { seed, label: `“${c.trackName[id]}”`, artists: Array.from(artistsOf(c, id)), tracks: [id], genres: [] };
  }
  if (seed.kind === 'genre' && id < c.genres.length) {
    return { seed, label: c.genres[id], artists: [], tracks: [], genres: [id] };
  }
  return null;
}

const ATTRIBUTE_LABEL: Record<Steerable | 'explicit', string> = {
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

// ---------------------------------------------------------------------------
// Blending, scoring, picking

interface Blend {
  /** Weighted sum of source scores. */
  sim: number;
  sources: Record<string, number>;
  /** Seeds named by the source that contributed most. */
  seeds: number[];
  lead: CandidateSource;
  leadShare: number;
}

function addBlend(map: Map<number, Blend>, id: number, source: CandidateSource, w: number, score: number, seeds: number[]): void {
  let b = map.get(id);
  if (!b) {
    b = { sim: 0, sources: {}, seeds, lead: source, leadShare: -1 };
    map.set(id, b);
  }
  if (source.name in b.sources) return; // a source lists an id once
  b.sources[source.name] = score;
  b.sim += w * score;
  if (w * score > b.leadShare) {
    b.leadShare = w * score;
    b.lead = source;
    b.seeds = seeds;
  }
}

interface ScoreContext {
  ix: RankingIndex;
  steer: Steering;
  targets: Steerable[];
  /** Per genre: how much the seeds are in it, 0..1. */
  seedGenre: Float32Array;
  resolved: SourceSeed[];
  seedIndex: number[];
  seedArtists: Set<number>;
  trackAllowed: Uint8Array;
}

/** Per genre, the most any seed is in it: a genre seed 1, a track seed's
 *  genres 1, an artist seed's genres by share of its tracks (its main genre 1). */
function seedGenreWeights(c: Catalog, seeds: SourceSeed[]): Float32Array {
  const w = new Float32Array(c.genres.length);
  const share = new Float32Array(c.genres.length);
  for (const s of seeds) {
    for (const g of s.genres) w[g] = 1;
    for (const t of s.tracks) for (const g of genresOf(c, t)) w[g] = 1;
    if (s.tracks.length) continue;
    for (const a of s.artists) {
      share.fill(0);
      for (const t of tracksOf(c, a)) for (const g of genresOf(c, t)) share[g]++;
      let top = 0;
      for (let g = 0; g < share.length; g++) top = Math.max(top, share[g]);
      for (let g = 0; g < share.length; g++) if (top > 0) w[g] = Math.max(w[g], share[g] / top);
    }
  }
  return w;
}

/** 0..1: mean closeness to the targets set (1 = on every target). */
function targetCloseness(ctx: ScoreContext, t: number): number {
  if (!ctx.targets.length) return 0;
  let sum = 0;
  for (const name of ctx.targets) {
    const st = ctx.ix.attributes[name];
    let dist = Math.abs(st.values[t] - ctx.steer.attributes[name]!.target!);
    if (name === 'key') dist = Math.min(dist, 12 - dist);
    sum += Math.max(0, 1 - dist / (TARGET_WIDTH * st.span));
  }
  return sum / ctx.targets.length;
}

function popularityPart(discovery: number, popularity: number): number {
  const p = popularity / 100;
  const d = Math.min(1, Math.max(0, discovery));
  return W_POP * ((1 - d) * p + d * (1 - p));
}

/** How well-known a track is, 0..100: half its song's popularity, half its
 *  best-known artist's, so an obscure re-release of a hit, or a deep cut by a
 *  star, is not taken for a discovery. */
function trackPopularity(ctx: ScoreContext, t: number, artists: ArrayLike<number>): number {
  let a = 0;
  for (let i = 0; i < artists.length; i++) a = Math.max(a, ctx.ix.catalog.artistPopularity[artists[i]]);
  return (ctx.ix.songPopularity[t] + a) / 2;
}

function trackGenre(ctx: ScoreContext, t: number): { weight: number; genre: number } {
  let weight = 0;
  let genre = -1;
  for (const g of genresOf(ctx.ix.catalog, t)) {
    if (genre < 0 || ctx.seedGenre[g] > weight) {
      weight = ctx.seedGenre[g];
      genre = g;
    }
  }
  return { weight, genre };
}

interface Scored {
  id: number;
  base: number;
  parts: ScoreParts;
  blend: Blend;
  /** Tracks: its credited artists; artists: itself. */
  artists: Int32Array | number[];
  genre: number;
  bySeedArtist: boolean;
  track: number;
}

function pickTracks(ctx: ScoreContext, blends: Map<number, Blend>, limit: number): TrackRec[] {
  const c = ctx.ix.catalog;
  const scored: Scored[] = [];
  for (const [t, blend] of blends) {
    const g = trackGenre(ctx, t);
    const artists = artistsOf(c, t);
    const parts: ScoreParts = {
      similarity: W_SIM * blend.sim,
      target: W_TARGET * targetCloseness(ctx, t),
      popularity: popularityPart(ctx.steer.discovery, trackPopularity(ctx, t, artists)),
      genre: W_GENRE * g.weight,
      diversity: 0,
    };
    const bySeedArtist = artists.some((a) => ctx.seedArtists.has(a));
    scored.push({ id: t, base: sum(parts), parts, blend, artists, genre: g.genre, bySeedArtist, track: t });
  }
  scored.sort((x, y) => y.base - x.base || x.id - y.id);
  const seedCap = Math.round(limit * SEED_ARTIST_SHARE * (1 - Math.min(1, Math.max(0, ctx.steer.discovery))));
  const perArtist = new Map<number, number>();
  const songsTaken = new Set<number>();
  let fromSeeds = 0;
  const penalty = (x: Scored): number => {
    let most = 0;
    for (const a of x.artists) most = Math.max(most, perArtist.get(a) ?? 0);
    return ctx.steer.diversity * W_DIV_TRACK * most;
  };
  const maxPerArtist = 1 + Math.round((1 - Math.min(1, Math.max(0, ctx.steer.diversity))) * MAX_PER_ARTIST_SPREAD);
  const eligible = (x: Scored) => {
    if (x.bySeedArtist && fromSeeds >= seedCap) return false;
    if (songsTaken.has(ctx.ix.song[x.id])) return false;
    for (const a of x.artists) if ((perArtist.get(a) ?? 0) >= maxPerArtist) return false;
    return true;
  };
  const picked = greedyPick(scored, limit, penalty, eligible, (x) => {
    songsTaken.add(ctx.ix.song[x.id]);
    for (const a of x.artists) perArtist.set(a, (perArtist.get(a) ?? 0) + 1);
    if (x.bySeedArtist) fromSeeds++;
  });
  return picked.map((x) => ({
    track: x.id,
    score: sum(x.parts),
    parts: x.parts,
    sources: x.blend.sources,
    seeds: x.blend.seeds.map((s) => ctx.seedIndex[s]),
    bySeedArtist: x.bySeedArtist,
    reason: explain(ctx, x, 'track'),
  }));
}

function pickArtists(ctx: ScoreContext, blends: Map<number, Blend>, limit: number): ArtistRec[] {
  const c = ctx.ix.catalog;
  const scored: Scored[] = [];
  for (const [a, blend] of blends) {
    // The artist's allowed track that fits the steering best stands for them.
    let track = -1;
    let close = -1;
    let genre = { weight: 0, genre: -1 };
    for (const t of tracksOf(c, a)) {
      if (!ctx.trackAllowed[t]) continue;
      const ct = targetCloseness(ctx, t);
      if (ct > close) {
        close = ct;
        track = t;
      }
      const g = trackGenre(ctx, t);
      if (g.weight > genre.weight || genre.genre < 0) genre = g;
    }
    const parts: ScoreParts = {
      similarity: W_SIM * blend.sim,
      target: W_TARGET * Math.max(0, close),
      popularity: popularityPart(ctx.steer.discovery, c.artistPopularity[a]),
      genre: W_GENRE * genre.weight,
      diversity: 0,
    };
    scored.push({ id: a, base: sum(parts), parts, blend, artists: [a], genre: genre.genre, bySeedArtist: false, track });
  }
  scored.sort((x, y) => y.base - x.base || x.id - y.id);
  scored.length = Math.min(scored.length, MMR_POOL * limit);
  // Max cosine of each candidate to the artists picked so far, updated per pick.
  const V = ctx.ix.artists.data;
  const d = ctx.ix.artists.dim;
  const maxSim = new Float32Array(scored.length);
  const index = new Map(scored.map((x, i) => [x, i]));
  const penalty = (x: Scored): number => ctx.steer.diversity * W_DIV_ARTIST * Math.max(0, maxSim[index.get(x)!]);
  const picked = greedyPick(scored, limit, penalty, () => true, (x) => {
    if (ctx.steer.diversity <= 0) return;
    for (let i = 0; i < scored.length; i++) maxSim[i] = Math.max(maxSim[i], dot(V, scored[i].id * d, V, x.id * d, d));
  });
  return picked.map((x) => ({
    artist: x.id,
    score: sum(x.parts),
    parts: x.parts,
    sources: x.blend.sources,
    seeds: x.blend.seeds.map((s) => ctx.seedIndex[s]),
    track: x.track,
    reason: explain(ctx, x, 'artist'),
  }));
}

/** Maximal marginal relevance, lazily: candidates are sorted by base score and
 *  penalties are ≥ 0, so a scan stops once no later base can beat the best
 *  penalized score found. Writes the penalty into parts.diversity. */
function greedyPick(
  sorted: Scored[],
  limit: number,
  penalty: (x: Scored) => number,
  eligible: (x: Scored) => boolean,
  take: (x: Scored) => void,
): Scored[] {
  const out: Scored[] = [];
  const used = new Uint8Array(sorted.length);
  while (out.length < limit) {
    let best = -1;
    let bestScore = -Infinity;
    let bestPenalty = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (used[i]) continue;
      const x = sorted[i];
      if (x.base <= bestScore) break;
      if (!eligible(x)) continue;
      const p = penalty(x);
      if (x.base - p > bestScore) {
        bestScore = x.base - p;
        best = i;
        bestPenalty = p;
      }
    }
    if (best < 0) break;
    used[best] = 1;
    const x = sorted[best];
    x.parts.diversity = -bestPenalty;
    take(x);
    out.push(x);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Reasons

/** Features a reason may mention, with words for low and high values. */
const DESCRIBE: { attr: Steerable; low: string; high: string }[] = [
  { attr: 'energy', low: 'low energy', high: 'high energy' },
  { attr: 'danceability', low: 'low danceability', high: 'high danceability' },
  { attr: 'acousticness', low: 'electric', high: 'acoustic' },
  { attr: 'instrumentalness', low: 'vocal', high: 'instrumental' },
  { attr: 'valence', low: 'sombre', high: 'cheerful' },
  { attr: 'tempo', low: 'slow', high: 'fast' },
  { attr: 'speechiness', low: '', high: 'lots of speech' },
  { attr: 'loudness', low: 'quiet', high: 'loud' },
  { attr: 'liveness', low: '', high: 'live feel' },
];
/** A feature is mentioned when this many standard deviations from the mean. */
const DESCRIBE_Z = 0.75;

function explain(ctx: ScoreContext, x: Scored, kind: 'track' | 'artist'): string {
  const c = ctx.ix.catalog;
  const names = joinNames(x.blend.seeds.map((s) => ctx.resolved[s].label));
  const genre = x.genre >= 0 ? c.genres[x.genre] : '';
  const p = (kind === 'track' ? trackPopularity(ctx, x.id, x.artists) : c.artistPopularity[x.id]) / 100;
  let lead: string;
  if (x.bySeedArtist) {
    const a = x.artists.find((y) => ctx.seedArtists.has(y))!;
    lead = ctx.ix.songPopularity[x.id] < c.artistPopularity[a] ? `a deeper cut from ${c.artists[a]}` : `more from ${c.artists[a]}`;
  } else if (genre && x.parts.genre > 0 && ctx.steer.discovery < 0.5 && p >= 0.6) {
    lead = `popular in ${genre} among artists like ${names}`;
  } else if (genre && x.parts.genre > 0 && ctx.steer.discovery >= 0.5 && p < 0.35) {
    lead = `lesser-known ${genre}, ${x.blend.lead.phrase(names)}`;
  } else lead = x.blend.lead.phrase(names);
  const tracks = kind === 'track' ? [x.id] : Array.from(tracksOf(c, x.id));
  const details = !ctx.targets.length ? describe(ctx, tracks) : x.track >= 0 ? targetDetails(ctx, x.track) : '';
  return details ? `${lead}: ${details}` : lead;
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? 'your seeds';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The targeted attributes' values, e.g. "energy 0.31, tempo 92". */
function targetDetails(ctx: ScoreContext, t: number): string {
  return ctx.targets
    .slice(0, 2)
    .map((a) => `${ATTRIBUTE_LABEL[a]} ${formatValue(a, ctx.ix.attributes[a].values[t])}`)
    .join(', ');
}

function formatValue(a: Steerable, v: number): string {
  if (a === 'durationMs') return `${Math.floor(v / 60000)}:${String(Math.round((v % 60000) / 1000)).padStart(2, '0')}`;
  if (a === 'key') return ['C', 'C♯', 'D', 'D♯', 'E', 'F', 'F♯', 'G', 'G♯', 'A', 'A♯', 'B'][v] ?? 'none';
  if (a === 'mode') return v === 1 ? 'major' : 'minor';
  if (a === 'tempo' || a === 'popularity' || a === 'timeSignature') return String(Math.round(v));
  if (a === 'loudness') return `${v.toFixed(1)} dB`;
  return v.toFixed(2);
}

/** The two most distinctive features of these tracks (their mean), in words. */
function describe(ctx: ScoreContext, tracks: ArrayLike<number>): string {
  const found: { word: string; z: number }[] = [];
  for (const { attr, low, high } of DESCRIBE) {
    const st = ctx.ix.attributes[attr];
    let m = 0;
    for (let i = 0; i < tracks.length; i++) m += st.values[tracks[i]];
    const z = (m / Math.max(1, tracks.length) - st.mean) / st.sd;
    const word = z > 0 ? high : low;
    if (Math.abs(z) >= DESCRIBE_Z && word) found.push({ word, z: Math.abs(z) });
  }
  return found
    .sort((x, y) => y.z - x.z)
    .slice(0, 2)
    .map((f) => f.word)
    .join(', ');
}

// ---------------------------------------------------------------------------
// Small numeric helpers

function sum(p: ScoreParts): number {
  return p.similarity + p.target + p.popularity + p.genre + p.diversity;
}

function addRow(out: Float32Array, oo: number, src: Float32Array, so: number, n: number, w: number): void {
  for (let j = 0; j < n; j++) out[oo + j] += w * src[so + j];
}
