// The one hand-made catalog builder for tests (no real data needed): tracks
// as plain objects, artists and genres by name, every column filled (audio
// features from the feature table, 0 unless given).
import { indexCatalog, type Catalog, type CatalogColumns } from '../src/features/catalog/core/catalog.ts';
import { FLOAT_FEATURES, type FloatFeature } from '../src/lib/features.ts';

export type TinyTrack = {
  /** Default `t<index>`. */
  id?: string;
  name: string;
  /** Credited artists in order, by name. */
  artists: string[];
  genres?: string[];
  album?: string;
  /** Default 50. */
  popularity?: number;
  explicit?: boolean;
  /** Default 200,000 (3:20). */
  durationMs?: number;
  key?: number;
  mode?: number;
  /** Default 4. */
  timeSignature?: number;
} & Partial<Record<FloatFeature, number>>;

export interface TinyOptions {
  /** Artist names in id order (default: the order they are first credited);
   *  names listed here but never credited become artists without tracks. */
  artists?: string[];
  /** Genre names in id order (default: first-seen order). */
  genres?: string[];
}

/** Columns as the import would produce them for these tracks. */
export function tinyColumns(tracks: TinyTrack[], opts: TinyOptions = {}): CatalogColumns {
  const names = (preset: string[] | undefined) => {
    const list = [...(preset ?? [])];
    const ids = new Map(list.map((s, i) => [s, i]));
    const id = (s: string) => ids.get(s) ?? (ids.set(s, list.push(s) - 1), list.length - 1);
    return { list, id };
  };
  const artists = names(opts.artists);
  const genres = names(opts.genres);
  const csr = (lists: number[][]) => {
    const offsets = new Int32Array(lists.length + 1);
    lists.forEach((l, t) => (offsets[t + 1] = offsets[t] + l.length));
    return { offsets, flat: lists.flat() };
  };
  const credits = csr(tracks.map((t) => t.artists.map(artists.id)));
  const genreLists = csr(tracks.map((t) => (t.genres ?? []).map(genres.id)));
  const floats = {} as Record<FloatFeature, Float32Array>;
  for (const f of FLOAT_FEATURES) floats[f] = Float32Array.from(tracks, (t) => t[f] ?? 0);
  return {
    size: tracks.length,
    trackId: tracks.map((t, i) => t.id ?? `t${i}`),
    trackName: tracks.map((t) => t.name),
    albumName: tracks.map((t) => t.album ?? ''),
    popularity: Uint8Array.from(tracks, (t) => t.popularity ?? 50),
    durationMs: Uint32Array.from(tracks, (t) => t.durationMs ?? 200_000),
    explicit: Uint8Array.from(tracks, (t) => (t.explicit ? 1 : 0)),
    ...floats,
    key: Int8Array.from(tracks, (t) => t.key ?? 0),
    mode: Int8Array.from(tracks, (t) => t.mode ?? 0),
    timeSignature: Int8Array.from(tracks, (t) => t.timeSignature ?? 4),
    artistOffsets: credits.offsets,
    artistIds: Int32Array.from(credits.flat),
    artists: artists.list,
    genreOffsets: genreLists.offsets,
    genreIds: Uint16Array.from(genreLists.flat),
    genres: genres.list,
  };
}

/** The same, indexed as the app indexes a loaded catalog. */
export function tinyCatalog(tracks: TinyTrack[], opts: TinyOptions = {}): Catalog {
  return indexCatalog(tinyColumns(tracks, opts));
}
