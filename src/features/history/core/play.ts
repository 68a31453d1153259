// One listening event (or one like), whatever file it came from, and what an
// import reports. Pure: the importers run in a worker and in Node; the store
// keeps Play rows keyed by `id`, so importing the same file twice adds nothing.
import { normalizeName } from '../../../lib/keys.ts';
import { notUtf8Message, Utf8Chunks } from '../../../platform/text.ts';

export interface Play {
  /** The play's own identity (see playId): the source's timestamp at its
   *  precision + normalized artist + title. */
  id: string;
  /** When the play started, ms since epoch, UTC. Spotify logs the end; we subtract msPlayed. */
  ts: number;
  /** The time the source wrote (the end for Spotify, the start elsewhere), ms UTC, and
   *  its precision: 'min' when the source only gives minutes (dedupe across exports).
   *  Absent on plays stored before they existed: read as ts at minute precision. */
  stamp?: number;
  precision?: Precision;
  /** The artist field as the source wrote it ("A feat. B" and all). */
  artist: string;
  /** The individual artists, when the field credits several (set by matching). */
  artists?: string[];
  track: string;
  album?: string;
  msPlayed?: number;
  /** Spotify track id (the part after "spotify:track:"), when the file has it. */
  spotifyTrackId?: string;
  /** A skip, not a listen: under 30 s and ended by skipping (see SKIP_MS). */
  skipped?: boolean;
  /** Which importer made it (a PlaySource). */
  source: string;
  /** The import that stored it first; set by the database layer, not the importers
   *  (feedback can exclude one import's plays from the taste). */
  importId?: string;
}

export type Precision = 'min' | 's' | 'ms';

export type PlaySource =
  | 'lastfm-csv'
  | 'lastfm-json'
  | 'spotify-account'
  | 'spotify-extended'
  | 'exportify'
  | 'listenbrainz'
  | 'librefm-csv'
  | 'maloja-json'
  | 'panoscrobbler-jsonl'
  | 'scrobbler-log'
  | 'apple-music'
  | 'youtube-music'
  | 'csv';

/** A liked track (Exportify's liked songs, or a playlist taken as likes): feedback, not a play. */
export interface Like {
  artist: string;
  track: string;
  spotifyTrackId?: string;
  /** When it was liked / added, ms UTC, when the file says. */
  at?: number;
}

/** Plays shorter than this that ended in a skip count as skips (ListenBrainz's rule). */
export const SKIP_MS = 30_000;

/** What one import saw. Counts add up: read = listens + skips + dropped. */
export interface ImportResult {
  source: PlaySource;
  /** Records (rows / JSON entries) looked at. */
  read: number;
  listens: number;
  skips: number;
  dropped: number;
  /** Count per reason, e.g. { "incognito": 3, "missing artist or track": 1 }. */
  droppedByReason: Record<string, number>;
  /** The first few dropped records, for the report ("file.json #12" / "line 7"). */
  droppedSamples: { where: string; reason: string }[];
  /** Earliest and latest play kept (ms UTC), or null when none. */
  firstTs: number | null;
  lastTs: number | null;
  /** Files read, and files in an archive that were not listening history (skipped). */
  files: string[];
  skippedFiles: string[];
  /** The plays kept, unless the caller took them in batches through onBatch. */
  plays: Play[];
  /** Liked tracks (feedback), for formats that hold likes rather than plays. */
  likes: Like[];
}

type ImportErrorCode =
  | 'empty'
  | 'binary'
  | 'wrong-columns'
  | 'bad-json'
  | 'unknown-format'
  | 'archive-too-large'
  | 'bad-archive'
  | 'encoding';

/** A file the importer cannot read at all; nothing from it should be stored. */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(file ? `${file}: ${message}` : message);
  }
}

export interface ImportOptions {
  /** Takes plays in batches (then result.plays stays empty): keeps memory bounded for huge files. */
  onBatch?: (plays: Play[]) => void;
  batchSize?: number;
}

// normalizeName (Unicode normalization and regexes) once per distinct name, not
// once per play: histories repeat names a lot. Bounded: cleared when full.
const NORMALIZED = new Map<string, string>();
function normalizedOnce(s: string): string {
  let n = NORMALIZED.get(s);
  if (n === undefined) {
    if (NORMALIZED.size >= 50_000) NORMALIZED.clear();
    NORMALIZED.set(s, (n = normalizeName(s)));
  }
  return n;
}

const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

// Two 32-bit multiplicative hashes with different constants → 64 bits, hex.
// Fed character by character so the hot path allocates no strings.
class Hash64 {
  h1 = 0x811c9dc5;
  h2 = 0x01000193 ^ 0x5bd1e995;
  add(c: number): void {
    this.h1 = Math.imul(this.h1 ^ c, 0x01000193);
    const h2 = Math.imul(this.h2 ^ c, 0x5bd1e995);
    this.h2 = h2 ^ (h2 >>> 15);
  }
  addString(s: string): void {
    for (let i = 0; i < s.length; i++) this.add(s.charCodeAt(i));
  }
  /** Adds identityHead(p) without building it (once per play). */
  addHead(p: Identity): void {
    const precision = p.precision ?? 'min';
    this.addString(precision);
    this.addInt(Math.floor((p.stamp ?? 0) / UNIT[precision]));
    if (precision === 'min') {
      this.add(47); // '/'
      this.addInt(Math.round(p.msPlayed ?? 0));
    }
  }
  /** Adds String(n): its digits for an integer in [0, 1e15) (where n / 10^k floors exactly), else the string. */
  private addInt(n: number): void {
    if (!(n >= 0 && n < 1e15 && Number.isInteger(n))) return this.addString(String(n));
    let div = 1;
    while (div * 10 <= n) div *= 10;
    for (; div >= 1; div /= 10) {
      const d = Math.floor(n / div);
      this.add(48 + d);
      n -= d * div;
    }
  }
  /** Adds normalizeName(s), computed on the fly for ASCII names (most of them). */
  addNormalized(s: string): void {
    let emitted = 0;
    let pending = false;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c >= 128) {
        // Rare: the exact shared rule (accents, other scripts). Nothing was fed for
        // this name that differs: restart from a copy of the state before it.
        return this.fallback(s, emitted);
      }
      if (c >= 65 && c <= 90) c += 32;
      if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122)) {
        if (pending && emitted) this.add(32);
        pending = false;
        this.add(c);
        emitted++;
      } else if (c === 38) {
        // '&' → ' and '
        if (emitted) this.add(32);
        this.add(97), this.add(110), this.add(100);
        emitted += 3;
        pending = true;
      } else if (c !== 39 && c !== 96) pending = true;
    }
  }
  private saved: [number, number] | null = null;
  mark(): void {
    this.saved = [this.h1, this.h2];
  }
  private fallback(s: string, _emitted: number): void {
    if (this.saved) [this.h1, this.h2] = this.saved;
    this.addString(normalizedOnce(s));
  }
  hex(): string {
    const a = Math.imul(this.h1 ^ (this.h1 >>> 16), 0x85ebca6b) >>> 0;
    let b = Math.imul(this.h2 ^ (this.h2 >>> 13), 0xc2b2ae35);
    b = (b ^ (b >>> 16)) >>> 0;
    // One flat string from char codes: 3-4x faster than toString(16) + padStart (once per play).
    const d = HEX_DIGITS;
    return String.fromCharCode(
      d[a >>> 28], d[(a >>> 24) & 15], d[(a >>> 20) & 15], d[(a >>> 16) & 15], d[(a >>> 12) & 15], d[(a >>> 8) & 15], d[(a >>> 4) & 15], d[a & 15],
      d[b >>> 28], d[(b >>> 24) & 15], d[(b >>> 20) & 15], d[(b >>> 16) & 15], d[(b >>> 12) & 15], d[(b >>> 8) & 15], d[(b >>> 4) & 15], d[b & 15],
    );
  }
}

const UNIT: Record<Precision, number> = { min: 60_000, s: 1000, ms: 1 };

type Identity = Pick<Play, 'stamp' | 'precision' | 'artist' | 'track' | 'msPlayed'>;

/** The play's own identity: the source's timestamp at its precision, the
 *  precision, normalizeName(artist) and normalizeName(track); for minute
 *  precision also the time played, which tells apart two plays of one track in
 *  the same minute. Independent of file and importer, so re-imports collide. */
export function playId(p: Identity): string {
  return hashPlay(p, p.artist, p.track);
}

/** The id plays had before precision was kept (minute of the start + names):
 *  what plays stored by earlier versions are keyed by, so re-imports still collide. */
export const legacyPlayId = (p: Pick<Play, 'ts' | 'artist' | 'track'>): string => hashPlay(String(Math.floor(p.ts / 60_000)), p.artist, p.track);

function hashPlay(head: string | Identity, artist: string, track: string): string {
  const h = new Hash64();
  if (typeof head === 'string') h.addString(head);
  else h.addHead(head);
  h.add(1);
  h.mark();
  h.addNormalized(artist);
  h.add(1);
  h.mark();
  h.addNormalized(track);
  return h.hex();
}

/** The source's own timestamp and precision (older stored plays: ts, minutes). */
export const stampOf = (p: Pick<Play, 'ts' | 'stamp' | 'precision'>): { stamp: number; precision: Precision } => ({
  stamp: p.stamp ?? p.ts,
  precision: p.precision ?? 'min',
});

function identityHead(p: Identity): string {
  const precision = p.precision ?? 'min';
  const stamp = p.stamp ?? 0;
  return `${precision}${Math.floor(stamp / UNIT[precision])}${precision === 'min' ? `/${Math.round(p.msPlayed ?? 0)}` : ''}`;
}

/** The same id, the slow obvious way (tests check the two agree). */
export function playIdReference(p: Identity): string {
  const h = new Hash64();
  h.addString(`${identityHead(p)}\u0001${normalizeName(p.artist)}\u0001${normalizeName(p.track)}`);
  return h.hex();
}

/** Collects counts and plays (or batches) for one import. */
export class ImportTally {
  readonly result: ImportResult;
  get kept(): number {
    return this.result.listens + this.result.skips + this.result.likes.length;
  }
  private batch: Play[] = [];
  constructor(
    source: PlaySource,
    private readonly opts: ImportOptions = {},
  ) {
    this.result = {
      source,
      read: 0,
      listens: 0,
      skips: 0,
      dropped: 0,
      droppedByReason: {},
      droppedSamples: [],
      firstTs: null,
      lastTs: null,
      files: [],
      skippedFiles: [],
      plays: [],
      likes: [],
    };
  }

  drop(reason: string, where: string): void {
    const r = this.result;
    r.dropped++;
    r.droppedByReason[reason] = (r.droppedByReason[reason] ?? 0) + 1;
    if (r.droppedSamples.length < 20) r.droppedSamples.push({ where, reason });
  }

  like(l: Like): void {
    this.result.likes.push(l);
  }

  keep(p: Omit<Play, 'id'>): void {
    const r = this.result;
    // The importer's fresh object becomes the play (no copy: this runs once per play).
    const play = p as Play;
    play.id = playId(p);
    if (play.skipped) r.skips++;
    else r.listens++;
    if (r.firstTs === null || p.ts < r.firstTs) r.firstTs = p.ts;
    if (r.lastTs === null || p.ts > r.lastTs) r.lastTs = p.ts;
    if (!this.opts.onBatch) {
      r.plays.push(play);
      return;
    }
    this.batch.push(play);
    if (this.batch.length >= (this.opts.batchSize ?? 5000)) this.flush();
  }

  flush(): void {
    if (this.batch.length && this.opts.onBatch) this.opts.onBatch(this.batch);
    this.batch = [];
  }

  finish(): ImportResult {
    this.flush();
    return this.result;
  }
}

/** Spotify URI / URL / bare id → the 22-character track id, or undefined. */
export function spotifyTrackIdOf(uri: unknown): string | undefined {
  if (typeof uri !== 'string') return undefined;
  // Nearly every one is "spotify:track:<id>": checked without the regex (once per play).
  if (uri.length === 36 && uri.startsWith('spotify:track:')) {
    let ok = true;
    for (let i = 14; i < 36 && ok; i++) {
      const c = uri.charCodeAt(i);
      ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    }
    if (ok) return uri.slice(14);
  }
  const m = /(?:spotify:track:|open\.spotify\.com\/track\/)([A-Za-z0-9]{22})/.exec(uri);
  return m ? m[1] : undefined;
}

/** Refuses bytes that are clearly not text: NUL bytes or known archive magic. */
export function assertText(head: Uint8Array, file?: string): void {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
    throw new ImportError('binary', 'this is a zip archive, not a text file (drop it on the Spotify importer)', file);
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)
    throw new ImportError('binary', 'this is a gzip file; unpack it first', file);
  const n = Math.min(head.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) throw new ImportError('binary', 'this is a binary file, not text (it contains NUL bytes)', file);
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (n > 0 && control / n > 0.05) throw new ImportError('binary', 'this looks like a binary file, not text', file);
}

/** Strict UTF-8 decoding for the importers: another encoding is an ImportError. */
export function utf8Decoder(file?: string): (bytes?: Uint8Array, stream?: boolean) => string {
  const chunks = new Utf8Chunks();
  return (bytes, stream = true) => {
    try {
      return chunks.decode(bytes, stream);
    } catch {
      throw new ImportError('encoding', notUtf8Message(), file);
    }
  };
}
