// Spotify's exports:
// - account data ("Download your data"): StreamingHistory_music_N.json /
//   StreamingHistoryN.json, entries { endTime: "2024-01-31 21:15" (UTC),
//   artistName, trackName, msPlayed };
// - extended streaming history: Streaming_History_Audio_*.json / endsong_N.json,
//   entries { ts, ms_played, master_metadata_track_name,
//   master_metadata_album_artist_name, spotify_track_uri, skipped, reason_end,
//   incognito_mode, ... }.
// Several files at once, or the export's .zip (inflated entry by entry, after
// checking the declared sizes, so an archive bomb is refused before inflating).
import { unzipSync } from 'fflate';
import {
  assertText,
  ImportError,
  ImportTally,
  SKIP_MS,
  spotifyTrackIdOf,
  utf8Decoder,
  type ImportOptions,
  type ImportResult,
} from './play.ts';
import { parseUtcTime, precisionOf } from './time.ts';

export interface NamedFile {
  name: string;
  data: Uint8Array | string;
}

interface ZipLimits {
  /** Entries in the archive's directory. */
  maxEntries: number;
  /** Declared uncompressed bytes of one history file. */
  maxEntryBytes: number;
  /** Declared uncompressed bytes of all history files together. */
  maxTotalBytes: number;
  /** Declared uncompressed / compressed, for entries over 1 MB (JSON is ~10-20x; bombs 1000x). */
  maxRatio: number;
}

const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 256 * 2 ** 20,
  maxTotalBytes: 1024 * 2 ** 20,
  maxRatio: 200,
};

const EXTENDED_NAME = /(^|\/)(Streaming_History_Audio_[^/]*|endsong(_\d+)?)\.json$/i;
const ACCOUNT_NAME = /(^|\/)StreamingHistory(_music)?_?\d*\.json$/i;

/** Which kind of history file a name is, from the name alone (null: not history). */
export function spotifyFileKind(name: string): 'extended' | 'account' | null {
  if (EXTENDED_NAME.test(name)) return 'extended';
  if (ACCOUNT_NAME.test(name)) return 'account';
  return null;
}

type Entry = Record<string, unknown>;

function parseJsonFile(f: NamedFile): unknown[] {
  let text: string;
  if (typeof f.data === 'string') {
    if (f.data.includes('\u0000')) throw new ImportError('binary', 'this is a binary file, not JSON', f.name);
    text = f.data;
  } else {
    assertText(f.data.subarray(0, 8192), f.name);
    text = utf8Decoder(f.name)(f.data, false);
  }
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) throw new ImportError('empty', 'the file is empty', f.name);
  if (trimmed[0] !== '[' && trimmed[0] !== '{') throw new ImportError('bad-json', 'not JSON: Spotify history files are JSON lists of plays', f.name);
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch (e) {
    const truncated = !/[\]}]$/.test(trimmed) || /end of (JSON|data)/i.test(String(e));
    throw new ImportError(
      'bad-json',
      truncated
        ? `the JSON ends early: the file looks truncated (${(e as Error).message})`
        : `not valid JSON (${(e as Error).message})`,
      f.name,
    );
  }
  if (!Array.isArray(json))
    throw new ImportError('wrong-columns', 'expected a list of plays (a JSON array), found an object', f.name);
  return json;
}

function kindOfEntries(entries: unknown[], name: string): 'extended' | 'account' {
  const first = entries.find((e) => e && typeof e === 'object') as Entry | undefined;
  if (first) {
    if ('ts' in first && 'ms_played' in first) return 'extended';
    if ('endTime' in first && 'msPlayed' in first && ('artistName' in first || 'trackName' in first)) return 'account';
  }
  const keys = first ? Object.keys(first).slice(0, 8).join(', ') : 'none';
  throw new ImportError(
    'wrong-columns',
    `no Spotify streaming-history fields (expected endTime, artistName, trackName, msPlayed or ts, ms_played, master_metadata_track_name); found: ${keys}`,
    name,
  );
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

function addAccount(t: ImportTally, entries: unknown[], file: string): void {
  entries.forEach((raw, i) => {
    t.result.read++;
    const e = (raw ?? {}) as Entry;
    const where = `${file} #${i + 1}`;
    const artist = str(e.artistName);
    const track = str(e.trackName);
    const ms = Number(e.msPlayed);
    const end = parseUtcTime(str(e.endTime));
    if (!artist || !track) return t.drop(e.podcastName || e.episodeName ? 'podcast episode' : 'missing artist or track', where);
    if (end === null) return t.drop('bad time', where);
    if (!(ms > 0)) return t.drop('not played (0 ms)', where);
    // This export has no skip flag: a play under 30 s almost always ended in a skip.
    t.keep({ ts: end - ms, stamp: end, precision: 'min', artist, track, msPlayed: ms, ...(ms < SKIP_MS ? { skipped: true } : {}), source: 'spotify-account' });
  });
}

function addExtended(t: ImportTally, entries: unknown[], file: string): void {
  entries.forEach((raw, i) => {
    t.result.read++;
    const e = (raw ?? {}) as Entry;
    const where = `${file} #${i + 1}`;
    if (e.incognito_mode === true) return t.drop('incognito', where);
    const artist = str(e.master_metadata_album_artist_name);
    const track = str(e.master_metadata_track_name);
    if (!artist || !track)
      return t.drop(e.episode_name || e.audiobook_title ? 'podcast or audiobook' : 'missing artist or track', where);
    const end = parseUtcTime(str(e.ts));
    if (end === null) return t.drop('bad time', where);
    const ms = Number(e.ms_played);
    if (!(ms > 0)) return t.drop('not played (0 ms)', where);
    const skipped = ms < SKIP_MS && (e.skipped === true || e.reason_end === 'fwdbtn');
    const album = str(e.master_metadata_album_album_name);
    const spotifyTrackId = spotifyTrackIdOf(e.spotify_track_uri);
    t.keep({
      ts: end - ms,
      stamp: end,
      precision: precisionOf(str(e.ts)),
      artist,
      track,
      ...(album ? { album } : {}),
      msPlayed: ms,
      ...(spotifyTrackId ? { spotifyTrackId } : {}),
      ...(skipped ? { skipped: true } : {}),
      source: 'spotify-extended',
    });
  });
}

/** A file whose bytes are read only when its turn comes (one at a time in memory). */
interface LazyFile {
  name: string;
  load(): NamedFile['data'];
}

/** Imports several history files at once (either export, or both). When both
 *  kinds are present the account-data files are skipped: they hold the same
 *  plays with less detail (imported on their own, dedupe.ts pairs them with the extended plays). */
export function importSpotifyFiles(files: NamedFile[], opts: ImportOptions = {}): ImportResult {
  return importLazy(files.map((f) => ({ name: f.name, load: () => f.data })), opts);
}

function importLazy(files: LazyFile[], opts: ImportOptions): ImportResult {
  if (!files.length) throw new ImportError('empty', 'no files given');
  // Kinds by name first; a file with another name is parsed now to find out.
  const early = new Map<string, unknown[]>();
  const kinds = files.map((f) => {
    const byName = spotifyFileKind(f.name);
    if (byName) return byName;
    const entries = parseJsonFile({ name: f.name, data: f.load() });
    early.set(f.name, entries);
    return entries.length ? kindOfEntries(entries, f.name) : 'account';
  });
  const hasExtended = kinds.includes('extended');
  const t = new ImportTally(hasExtended ? 'spotify-extended' : 'spotify-account', opts);
  files.forEach((f, i) => {
    if (hasExtended && kinds[i] === 'account') {
      t.result.skippedFiles.push(`${f.name} (account-data copy of the extended history)`);
      return;
    }
    const entries = early.get(f.name) ?? parseJsonFile({ name: f.name, data: f.load() });
    if (!entries.length) return void t.result.files.push(f.name);
    // The content decides; a misnamed file still has to hold the right fields.
    const kind = kindOfEntries(entries, f.name);
    t.result.files.push(f.name);
    if (kind === 'extended') addExtended(t, entries, f.name);
    else addAccount(t, entries, f.name);
  });
  if (t.result.read === 0) throw new ImportError('empty', 'the files hold no plays', files.map((f) => f.name).join(', '));
  return t.finish();
}

interface ZipEntry {
  name: string;
  size: number;
  originalSize: number;
}

/** Lists the history files in a Spotify export .zip, refusing archives whose
 *  directory declares too many entries or too many bytes, before inflating
 *  anything. (fflate inflates into a buffer of the declared size, so a lying
 *  header cannot make it allocate more: the JSON just comes out cut short.) */
function listSpotifyZip(zip: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS, name = 'archive.zip'): {
  wanted: ZipEntry[];
  skipped: string[];
} {
  if (!(zip[0] === 0x50 && zip[1] === 0x4b)) throw new ImportError('bad-archive', 'not a zip archive', name);
  const listed: ZipEntry[] = [];
  try {
    unzipSync(zip, {
      filter: (f) => {
        listed.push({ name: f.name, size: f.size, originalSize: f.originalSize });
        return false;
      },
    });
  } catch (e) {
    throw new ImportError('bad-archive', `the zip archive is damaged (${(e as Error).message})`, name);
  }
  if (listed.length > limits.maxEntries)
    throw new ImportError('archive-too-large', `it lists ${listed.length} entries (limit ${limits.maxEntries})`, name);
  const wanted = listed.filter((f) => spotifyFileKind(f.name) && !f.name.startsWith('__MACOSX/'));
  const skipped = listed.filter((f) => !wanted.includes(f) && !f.name.endsWith('/')).map((f) => f.name);
  if (!wanted.length)
    throw new ImportError(
      'unknown-format',
      'no Spotify listening history inside (looked for StreamingHistory*.json, Streaming_History_Audio_*.json, endsong_*.json)',
      name,
    );
  let total = 0;
  for (const f of wanted) {
    total += f.originalSize;
    if (f.originalSize > limits.maxEntryBytes)
      throw new ImportError('archive-too-large', `${f.name} would unpack to ${mb(f.originalSize)} (limit ${mb(limits.maxEntryBytes)})`, name);
    if (f.originalSize > 2 ** 20 && f.originalSize / Math.max(1, f.size) > limits.maxRatio)
      throw new ImportError('archive-too-large', `${f.name} is compressed ${Math.round(f.originalSize / Math.max(1, f.size))}:1, like an archive bomb`, name);
  }
  if (total > limits.maxTotalBytes)
    throw new ImportError('archive-too-large', `the history files would unpack to ${mb(total)} (limit ${mb(limits.maxTotalBytes)})`, name);
  return { wanted, skipped };
}

const mb = (n: number): string => `${Math.round(n / 2 ** 20)} MB`;

/** Imports a whole Spotify export .zip; history entries are inflated one at a time. */
export function importSpotifyZip(
  zip: Uint8Array,
  opts: ImportOptions & { limits?: ZipLimits; file?: string } = {},
): ImportResult {
  const name = opts.file ?? 'archive.zip';
  const { wanted, skipped } = listSpotifyZip(zip, opts.limits, name);
  const lazy: LazyFile[] = wanted.map((f) => ({
    name: f.name,
    load() {
      try {
        return unzipSync(zip, { filter: (g) => g.name === f.name })[f.name];
      } catch (e) {
        throw new ImportError('bad-archive', `could not unpack ${f.name} (${(e as Error).message})`, name);
      }
    },
  }));
  const r = importLazy(lazy, opts);
  r.skippedFiles.push(...skipped);
  return r;
}
