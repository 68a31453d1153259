// The ranking's request and result types (what the UI and workers use), the
// candidate-source interface, and the per-catalog index every module reads.
import type { Catalog } from '../../catalog/core/catalog.ts';
import type { Vectors } from './vectors.ts';

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
interface AttributeSteer {
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
  /** Per seed (same order), its share of the lists; default 1 each. */
  seedWeights?: number[];
  /** The sources give a learned relevance (see personalize.ts): the steering's
   *  popularity and genre parts then stay neutral at their defaults. */
  learned?: boolean;
  /** Give every seed a fair share of the lists (default true); false where the
   *  seeds only stand in for the user's history. */
  balance?: boolean;
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
  | { empty: true; why: 'everything excluded'; message: string }
  | { empty: true; why: 'nothing loved yet'; message: string };

export type RankResult = RankOk | RankEmpty;


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
  /** The lead of its reason, when not the source's own phrase. */
  phrase?: (seedNames: string) => string;
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


export interface AttributeStats {
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
