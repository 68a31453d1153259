// Numbers for the Insights page. Pure: each function reads the catalog and
// returns plain labels and values that a Chart.js dataset takes as they are.
//
// The catalog has one entry per track id, but the same song often has several
// ids (single, album, compilation). Lists of tracks (trending) and an artist's
// top tracks count a song once (lib/keys.ts songKey).

import { artistsOf, genresOf, tracksOf, type Catalog, type CatalogColumns } from '../catalog/core/catalog.ts';
import { songKey } from '../../lib/keys.ts';
import { PROFILE_FEATURES } from '../../lib/features.ts';

interface BarSeries {
  labels: string[];
  values: number[];
}

/** The song a track is (lib/keys.ts songKey). */
function songOf(c: CatalogColumns, t: number): string {
  return songKey(c.trackName[t], artistsOf(c, t));
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

interface GenreSums {
  tracks: Float64Array;
  popularity: Float64Array;
  /** Index 0 minor, 1 major. */
  modeTracks: [Float64Array, Float64Array];
  modePopularity: [Float64Array, Float64Array];
}

/** Per-genre totals; a track listed under several genres counts in each. */
function genreSums(c: CatalogColumns): GenreSums {
  const g = c.genres.length;
  const s: GenreSums = {
    tracks: new Float64Array(g),
    popularity: new Float64Array(g),
    modeTracks: [new Float64Array(g), new Float64Array(g)],
    modePopularity: [new Float64Array(g), new Float64Array(g)],
  };
  for (let t = 0; t < c.size; t++) {
    const mode = c.mode[t] === 1 ? 1 : 0;
    for (const genre of genresOf(c, t)) {
      s.tracks[genre]++;
      s.popularity[genre] += c.popularity[t];
      s.modeTracks[mode][genre]++;
      s.modePopularity[mode][genre] += c.popularity[t];
    }
  }
  return s;
}

interface GenreOptions {
  /** Genres with fewer tracks are left out: a handful of tracks is not a genre's mean. */
  minTracks?: number;
}

/** Genre ids with at least minTracks tracks, by mean popularity desc (then name). */
function rankGenres(c: CatalogColumns, s: GenreSums, n: number, minTracks: number): number[] {
  const ids: number[] = [];
  for (let g = 0; g < c.genres.length; g++) if (s.tracks[g] >= Math.max(1, minTracks)) ids.push(g);
  const mean = (g: number) => s.popularity[g] / s.tracks[g];
  ids.sort((a, b) => mean(b) - mean(a) || (c.genres[a] < c.genres[b] ? -1 : 1));
  return ids.slice(0, n);
}

/** The Insights page's first charts: top genres, by mode, and top artists. */
export function overview(c: Catalog) {
  return { genres: topGenresByPopularity(c, 10), byMode: genrePopularityByMode(c, 10), artists: topArtists(c, 10) };
}

/** The n genres with the highest mean track popularity (0..100). */
export function topGenresByPopularity(
  c: CatalogColumns,
  n = 10,
  { minTracks = 5 }: GenreOptions = {},
): BarSeries & { tracks: number[] } {
  const s = genreSums(c);
  const ids = rankGenres(c, s, n, minTracks);
  return {
    labels: ids.map((g) => c.genres[g]),
    values: ids.map((g) => round2(s.popularity[g] / s.tracks[g])),
    tracks: ids.map((g) => s.tracks[g]),
  };
}

/** The same top-n genres, with mean popularity of their major and minor
 *  tracks side by side (null where a genre has no track in that mode). */
export function genrePopularityByMode(
  c: CatalogColumns,
  n = 10,
  { minTracks = 5 }: GenreOptions = {},
): { labels: string[]; major: (number | null)[]; minor: (number | null)[] } {
  const s = genreSums(c);
  const ids = rankGenres(c, s, n, minTracks);
  const mean = (mode: 0 | 1, g: number) =>
    s.modeTracks[mode][g] > 0 ? round2(s.modePopularity[mode][g] / s.modeTracks[mode][g]) : null;
  return {
    labels: ids.map((g) => c.genres[g]),
    major: ids.map((g) => mean(1, g)),
    minor: ids.map((g) => mean(0, g)),
  };
}

interface ArtistOptions {
  /** Artists with fewer distinct songs are left out (see topArtists). */
  minTracks?: number;
  /** How many of an artist's best songs their popularity averages. */
  topK?: number;
}

/**
 * The n most popular individual artists. A track credited to "A;B" counts for
 * both A and B (the catalog stores credits per individual artist).
 *
 * An artist's popularity is the mean popularity of their topK (default 3) most
 * popular distinct songs. Not the max: one viral track or one guest feature
 * would put a one-hit artist level with a star. Not the mean of all tracks:
 * that punishes artists with a deep catalog of album tracks. Artists need at
 * least minTracks (default 2) distinct songs, for the same one-hit reason; an
 * artist with fewer than topK songs averages the songs they have.
 */
export function topArtists(
  c: Catalog,
  n = 10,
  { minTracks = 2, topK = 3 }: ArtistOptions = {},
): BarSeries & { artists: number[]; /** catalog tracks per artist */ tracks: number[] } {
  const rows: { artist: number; value: number; tracks: number }[] = [];
  const need = Math.max(1, minTracks);
  for (let a = 0; a < c.artists.length; a++) {
    const tracks = tracksOf(c, a); // most popular first
    if (tracks.length < need) continue; // (cheap check before the song keys)
    const seen = new Set<string>();
    let sum = 0;
    for (const t of tracks) {
      if (seen.size >= topK && seen.size >= need) break;
      const key = songOf(c, t);
      if (seen.has(key)) continue;
      seen.add(key);
      if (seen.size <= topK) sum += c.popularity[t];
    }
    if (seen.size >= need) rows.push({ artist: a, value: sum / Math.min(topK, seen.size), tracks: tracks.length });
  }
  rows.sort((x, y) => y.value - x.value || y.tracks - x.tracks || x.artist - y.artist);
  const best = rows.slice(0, n);
  return {
    labels: best.map((r) => c.artists[r.artist]),
    values: best.map((r) => round2(r.value)),
    artists: best.map((r) => r.artist),
    tracks: best.map((r) => r.tracks),
  };
}

interface TrendingTrack {
  track: number;
  name: string;
  /** Credited artists joined with ", ". */
  artists: string;
  popularity: number;
}

/**
 * The n most popular songs, optionally only those listed under a genre (name
 * or id). Each song appears once: of its several ids, the most popular one.
 * Labels read "Title — Artist".
 */
export function trending(
  c: CatalogColumns,
  n = 20,
  genre?: string | number,
): BarSeries & { tracks: TrendingTrack[] } {
  const gid = typeof genre === 'string' ? c.genres.indexOf(genre) : genre;
  if (gid === -1) return { labels: [], values: [], tracks: [] };
  const order: number[] = [];
  for (let t = 0; t < c.size; t++) if (gid === undefined || genresOf(c, t).includes(gid)) order.push(t);
  order.sort((a, b) => c.popularity[b] - c.popularity[a] || a - b);
  const seen = new Set<string>();
  const out: TrendingTrack[] = [];
  for (const t of order) {
    if (out.length >= n) break;
    const key = songOf(c, t);
    if (seen.has(key)) continue;
    seen.add(key);
    const artists = Array.from(artistsOf(c, t), (a) => c.artists[a]).join(', ');
    out.push({ track: t, name: c.trackName[t], artists, popularity: c.popularity[t] });
  }
  return {
    labels: out.map((r) => `${r.name} — ${r.artists}`),
    values: out.map((r) => r.popularity),
    tracks: out,
  };
}

/** The features of a genre profile (the table's profile features). Each is
 *  put on 0..1 by its fixed range, not the catalog's min/max, so a profile
 *  means the same thing whatever catalog is loaded. */
const PROFILE = PROFILE_FEATURES.map((f) => ({ column: f.column, lo: f.profile[0], span: f.profile[1] - f.profile[0] }));
type ProfileFeature = (typeof PROFILE_FEATURES)[number]['column'];

/**
 * Mean audio profile of each genre (radar-chart ready): values[i] is the mean
 * of features[i] over the genre's tracks, on 0..1. Pass genre names to
 * choose which and in what order; by default every genre, in catalog order.
 * A genre with no tracks gets all zeros and tracks = 0.
 */
export function genreAudioProfiles(
  c: CatalogColumns,
  genres?: string[],
): { features: ProfileFeature[]; genres: { genre: string; tracks: number; values: number[] }[] } {
  const ids = genres ? genres.map((g) => c.genres.indexOf(g)) : c.genres.map((_, g) => g);
  const nf = PROFILE.length;
  const sums = new Float64Array(c.genres.length * nf);
  const counts = new Float64Array(c.genres.length);
  for (let t = 0; t < c.size; t++) {
    const tg = genresOf(c, t);
    if (tg.length === 0) continue;
    const row = PROFILE.map((f) => (f.lo === 0 && f.span === 1 ? c[f.column][t] : Math.min(1, Math.max(0, (c[f.column][t] - f.lo) / f.span))));
    for (const g of tg) {
      counts[g]++;
      for (let i = 0; i < nf; i++) sums[g * nf + i] += row[i];
    }
  }
  return {
    features: PROFILE.map((f) => f.column),
    genres: ids.map((g, i) => {
      const name = genres ? genres[i] : c.genres[g];
      if (g < 0 || counts[g] === 0) return { genre: name, tracks: 0, values: new Array(nf).fill(0) };
      return {
        genre: name,
        tracks: counts[g],
        values: PROFILE.map((_, f) => Math.round((sums[g * nf + f] / counts[g]) * 1000) / 1000),
      };
    }),
  };
}
