// A tiny hand-made catalog for history tests (no real data needed).
import { indexCatalog, type Catalog } from '../src/features/catalog/core/catalog.ts';

export interface TinyTrack {
  id: string;
  name: string;
  artists: string[];
  popularity?: number;
}

export function tinyCatalog(tracks: TinyTrack[]): Catalog {
  const artists: string[] = [];
  const artistIndex = new Map<string, number>();
  const offsets = [0];
  const ids: number[] = [];
  for (const t of tracks) {
    for (const a of t.artists) {
      if (!artistIndex.has(a)) artistIndex.set(a, artists.push(a) - 1);
      ids.push(artistIndex.get(a) as number);
    }
    offsets.push(ids.length);
  }
  const n = tracks.length;
  const f32 = () => new Float32Array(n);
  return indexCatalog({
    size: n,
    trackId: tracks.map((t) => t.id),
    trackName: tracks.map((t) => t.name),
    albumName: tracks.map(() => ''),
    popularity: Uint8Array.from(tracks.map((t) => t.popularity ?? 50)),
    durationMs: new Uint32Array(n).fill(200_000),
    explicit: new Uint8Array(n),
    danceability: f32(),
    energy: f32(),
    loudness: f32(),
    speechiness: f32(),
    acousticness: f32(),
    instrumentalness: f32(),
    liveness: f32(),
    valence: f32(),
    tempo: f32(),
    key: new Int8Array(n),
    mode: new Int8Array(n),
    timeSignature: new Int8Array(n).fill(4),
    artistOffsets: Int32Array.from(offsets),
    artistIds: Int32Array.from(ids),
    artists,
    genreOffsets: new Int32Array(n + 1),
    genreIds: new Uint16Array(0),
    genres: [],
  });
}
