// Plays as the store keeps them: one row per chunk of up to CHUNK plays of one
// import, in columns (typed arrays for numbers, string arrays for names),
// ordered by time. One IndexedDB row per play capped an import at the
// store's ~15-25k rows/s; a chunk of 8k plays is one row, so the store stops
// being the bottleneck. `lo`/`hi` (the chunk's time range) let dedupe load
// only the chunks near an import's times; `importId` keeps "leave this import
// out" and undo working; `n` (indexed) gives the play count from keys alone.
import type { Play, Precision } from './play.ts';

export const CHUNK = 8192;

export interface PlayChunk {
  /** `${importId}#${first ts}#${seq}`: unique within the table. */
  id: string;
  importId: string;
  lo: number;
  hi: number;
  n: number;
  ts: Float64Array;
  /** NaN where the play has none. */
  stamp: Float64Array;
  msPlayed: Float64Array;
  /** Bits 0-1: precision (0 none, 1 min, 2 s, 3 ms); bit 2: has `skipped`; bit 3: its value. */
  flags: Uint8Array;
  // String columns, packed into one string (see pack): one value to store
  // and clone instead of thousands.
  ids: Packed;
  artist: Packed;
  track: Packed;
  source: Packed;
  /** Optional columns: absent when no play of the chunk has the field; null for a play without it. */
  album?: Packed;
  spotifyTrackId?: Packed;
  /** The credited artists joined by \u0001, when several. */
  artists?: Packed;
}

/** A string column: the values joined by SEP (NULL marks a missing one), or
 *  the array itself when a value holds either character. */
type Packed = string | (string | null)[];
const SEP = '\u001e';
const NULL = '\u001f';

function pack(values: (string | null)[]): Packed {
  const marked = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === NULL) return values;
    marked[i] = v ?? NULL;
  }
  const joined = marked.join(SEP);
  // Unambiguous when the only separators are the ones join put in (one native
  // scan of the joined text, instead of two per value).
  let seps = 0;
  for (let i = joined.indexOf(SEP); i >= 0; i = joined.indexOf(SEP, i + 1)) seps++;
  return seps === values.length - 1 ? joined : values;
}

function unpack(col: Packed): (string | null)[] {
  if (typeof col !== 'string') return col;
  const out: (string | null)[] = col.split(SEP);
  for (let i = 0; i < out.length; i++) if (out[i] === NULL) out[i] = null;
  return out;
}

/** A play with the import that stored it. */
export type StoredPlay = Play & { importId: string };

const PRECISIONS: (Precision | undefined)[] = [undefined, 'min', 's', 'ms'];
const CODE: Record<Precision, number> = { min: 1, s: 2, ms: 3 };

function optional(plays: readonly Play[], get: (p: Play) => string | undefined): Packed | undefined {
  let any = false;
  const out = plays.map((p) => {
    const v = get(p);
    if (v === undefined) return null;
    any = true;
    return v;
  });
  return any ? pack(out) : undefined;
}

/** Plays → chunks of one import each. `importId` names the import of every
 *  play (a new import); without it each play's own importId groups them (a
 *  migration, a restore). Chunks keep the plays' order (files are in time order,
 *  either way round), so their lo..hi ranges stay narrow without a sort. */
export function toChunks(plays: readonly (Play | StoredPlay)[], importId?: string): PlayChunk[] {
  const byImport = new Map<string, (Play | StoredPlay)[]>();
  if (importId !== undefined) byImport.set(importId, plays as Play[]);
  else
    for (const p of plays) {
      const id = (p as StoredPlay).importId;
      const list = byImport.get(id);
      if (list) list.push(p);
      else byImport.set(id, [p]);
    }
  const out: PlayChunk[] = [];
  for (const [importId, list] of byImport) {
    for (let start = 0, seq = 0; start < list.length; start += CHUNK, seq++) {
      const part = list.slice(start, start + CHUNK);
      const n = part.length;
      let lo = Infinity;
      let hi = -Infinity;
      const c: PlayChunk = {
        id: `${importId}#${part[0].ts}#${seq}`,
        importId,
        lo,
        hi,
        n,
        ts: new Float64Array(n),
        stamp: new Float64Array(n),
        msPlayed: new Float64Array(n),
        flags: new Uint8Array(n),
        ids: '',
        artist: '',
        track: '',
        source: '',
      };
      const ids = new Array<string>(n);
      const artist = new Array<string>(n);
      const track = new Array<string>(n);
      const source = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        const p = part[i];
        c.ts[i] = p.ts;
        if (p.ts < lo) lo = p.ts;
        if (p.ts > hi) hi = p.ts;
        c.stamp[i] = p.stamp ?? NaN;
        c.msPlayed[i] = p.msPlayed ?? NaN;
        c.flags[i] = (p.precision ? CODE[p.precision] : 0) | (p.skipped === undefined ? 0 : p.skipped ? 12 : 4);
        ids[i] = p.id;
        artist[i] = p.artist;
        track[i] = p.track;
        source[i] = p.source;
      }
      c.lo = lo;
      c.hi = hi;
      c.ids = pack(ids);
      c.artist = pack(artist);
      c.track = pack(track);
      c.source = pack(source);
      const album = optional(part, (p) => p.album);
      const trackId = optional(part, (p) => p.spotifyTrackId);
      const artists = optional(part, (p) => (p.artists ? p.artists.join('\u0001') : undefined));
      if (album) c.album = album;
      if (trackId) c.spotifyTrackId = trackId;
      if (artists) c.artists = artists;
      out.push(c);
    }
  }
  return out;
}

/** Chunks → plays, each with only the fields it had (the inverse of toChunks, up to order). */
export function fromChunks(chunks: readonly PlayChunk[], keep: (ts: number) => boolean = () => true): StoredPlay[] {
  const out: StoredPlay[] = [];
  for (const c of chunks) {
    const [ids, artist, track, source] = [c.ids, c.artist, c.track, c.source].map(unpack) as string[][];
    const [albums, trackIds, credits] = [c.album, c.spotifyTrackId, c.artists].map((x) => (x === undefined ? undefined : unpack(x)));
    for (let i = 0; i < c.n; i++) {
      const ts = c.ts[i];
      if (!keep(ts)) continue;
      const p: StoredPlay = { id: ids[i], ts, artist: artist[i], track: track[i], source: source[i], importId: c.importId };
      const stamp = c.stamp[i];
      if (stamp === stamp) p.stamp = stamp;
      const precision = PRECISIONS[c.flags[i] & 3];
      if (precision) p.precision = precision;
      const ms = c.msPlayed[i];
      if (ms === ms) p.msPlayed = ms;
      if (c.flags[i] & 4) p.skipped = (c.flags[i] & 8) !== 0;
      const album = albums?.[i];
      if (album != null) p.album = album;
      const id = trackIds?.[i];
      if (id != null) p.spotifyTrackId = id;
      const artists = credits?.[i];
      if (artists != null) p.artists = artists ? artists.split('\u0001') : [];
      out.push(p);
    }
  }
  return out;
}
