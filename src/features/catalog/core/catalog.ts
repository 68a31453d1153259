// The catalog as the rest of the app sees it: one entry per distinct track (a
// track listed under several genres is one track carrying all of them), its
// individual artists as credits, and typed columns for every number.
//
// Columnar on purpose: models, search and ranking scan whole columns, and the
// same arrays go to and from Apache Arrow without copying (see arrow.ts).

import type { FloatFeature } from '../../../lib/features.ts';
import { runSteps, STEP_ROWS, type Steps } from './steps.ts';

/** A file that is not a catalog at all; the message says what is wrong. */
export class CatalogFormatError extends Error {
  override name = 'CatalogFormatError';
}

/** The float columns (one per FLOAT_FEATURES entry, see lib/features.ts)
 *  come from the Record; the rest are spelled out. */
export interface CatalogColumns extends Record<FloatFeature, Float32Array> {
  /** Number of distinct tracks. */
  size: number;
  trackId: string[];
  trackName: string[];
  albumName: string[];
  popularity: Uint8Array;
  durationMs: Uint32Array;
  /** 1 = explicit. */
  explicit: Uint8Array;
  /** Pitch class 0..11, or -1 when Spotify detected none. */
  key: Int8Array;
  /** 1 = major, 0 = minor. */
  mode: Int8Array;
  timeSignature: Int8Array;
  /** Credits in CSR form: the artists of track t are
   *  artistIds[artistOffsets[t] .. artistOffsets[t+1]], in credit order. */
  artistOffsets: Int32Array;
  artistIds: Int32Array;
  /** Individual artist names; an artist id indexes this. */
  artists: string[];
  /** Genres of track t: genreIds[genreOffsets[t] .. genreOffsets[t+1]]. Empty
   *  for a catalog loaded without a genre column. */
  genreOffsets: Int32Array;
  genreIds: Uint16Array;
  genres: string[];
}

/** What the import saw, shown to the user and kept with the catalog. */
export interface CatalogSummary {
  rowsRead: number;
  tracks: number;
  artists: number;
  genres: number;
  /** Rows listed again under another genre, folded into their track. */
  duplicateRows: number;
  rejected: number;
  /** Count per reason, e.g. { "missing artists": 1 }. */
  rejectedByReason: Record<string, number>;
  /** The first rejected rows (1-based line numbers in the file), for the report. */
  rejectedSamples: { line: number; reason: string }[];
  /** Whether the file had a track_genre column. */
  hasGenres: boolean;
  /** Set when the file had no genres and every track's genre was filled in
   *  by the genre classifier (its top-1 guess). */
  genresPredicted?: boolean;
}

/** Indexes derived from the columns at load time (cheap; never persisted). */
export interface Catalog extends CatalogColumns {
  /** Tracks of artist a: artistTracks[artistTrackOffsets[a] .. +1], most popular first. */
  artistTrackOffsets: Int32Array;
  artistTracks: Int32Array;
  /** Per artist: the highest popularity of any of their tracks. */
  artistPopularity: Uint8Array;
  /** track_id → track index (built on first read, see indexSteps). */
  readonly trackIndex: Map<string, number>;
}

export function tracksOf(c: Catalog, artist: number): Int32Array {
  return c.artistTracks.subarray(c.artistTrackOffsets[artist], c.artistTrackOffsets[artist + 1]);
}

export function artistsOf(c: CatalogColumns, track: number): Int32Array {
  return c.artistIds.subarray(c.artistOffsets[track], c.artistOffsets[track + 1]);
}

export function genresOf(c: CatalogColumns, track: number): Uint16Array {
  return c.genreIds.subarray(c.genreOffsets[track], c.genreOffsets[track + 1]);
}

export function spotifyTrackUrl(trackId: string): string {
  return `https://open.spotify.com/track/${encodeURIComponent(trackId)}`;
}

/** Builds the per-artist indexes. Linear in the number of credits, plus the
 *  per-artist sorts (most artists have a handful of tracks: an insertion sort
 *  there, without the comparator calls of Array.prototype.sort). */
export function indexCatalog(cols: CatalogColumns): Catalog {
  return runSteps(indexSteps(cols));
}

/** indexCatalog, pausing between chunks (core/steps.ts). `trackIndex`
 *  (track_id → index) is built on first use: only the history's matcher, in
 *  its worker, reads it. */
export function* indexSteps(cols: CatalogColumns): Steps<Catalog> {
  const nArtists = cols.artists.length;
  const pop = cols.popularity;
  const counts = new Int32Array(nArtists + 1);
  for (let i = 0; i < cols.artistIds.length; i++) counts[cols.artistIds[i] + 1]++;
  const artistTrackOffsets = new Int32Array(nArtists + 1);
  for (let a = 0; a < nArtists; a++) artistTrackOffsets[a + 1] = artistTrackOffsets[a] + counts[a + 1];
  const fill = artistTrackOffsets.slice(0, nArtists);
  const artistTracks = new Int32Array(cols.artistIds.length);
  const artistPopularity = new Uint8Array(nArtists);
  for (let t = 0; t < cols.size; t++) {
    const p = pop[t];
    for (let j = cols.artistOffsets[t]; j < cols.artistOffsets[t + 1]; j++) {
      const a = cols.artistIds[j];
      artistTracks[fill[a]++] = t;
      if (p > artistPopularity[a]) artistPopularity[a] = p;
    }
  }
  yield;
  // Most popular first, ties by index (each list starts in index order, and
  // the insertion sort only moves a track past less popular ones).
  for (let a = 0; a < nArtists; a++) {
    if (a % STEP_ROWS === STEP_ROWS - 1) yield;
    const lo = artistTrackOffsets[a];
    const hi = artistTrackOffsets[a + 1];
    if (hi - lo > 32) {
      artistTracks.subarray(lo, hi).sort((x, y) => pop[y] - pop[x] || x - y);
      continue;
    }
    for (let i = lo + 1; i < hi; i++) {
      const t = artistTracks[i];
      const p = pop[t];
      let j = i - 1;
      for (; j >= lo && pop[artistTracks[j]] < p; j--) artistTracks[j + 1] = artistTracks[j];
      artistTracks[j + 1] = t;
    }
  }
  let trackIndex: Map<string, number> | null = null;
  return {
    ...cols,
    artistTrackOffsets,
    artistTracks,
    artistPopularity,
    get trackIndex() {
      return (trackIndex ??= new Map(Array.from(cols.trackId, (id, t) => [id, t])));
    },
  };
}
