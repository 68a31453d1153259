// Spotify's exports:
// - account data ("Download your data"): StreamingHistory_music_N.json /
//   StreamingHistoryN.json, entries { endTime: "2024-01-31 21:15" (UTC),
//   artistName, trackName, msPlayed };
// - extended streaming history: Streaming_History_Audio_*.json / endsong_N.json,
//   entries { ts, ms_played, master_metadata_track_name,
//   master_metadata_album_artist_name, spotify_track_uri, skipped, reason_end,
//   incognito_mode, ... }.
// Several files at once, or the export's .zip (inflated entry by entry, after
// checking the declared sizes, so an archive bomb is refused before inflating),
// each streamed record by record (json-split.ts): bounded memory.
import { unzipSync } from 'fflate';
import { jsonArraySplitter } from './json-split.ts';
import { ImportError, ImportTally, SKIP_MS, spotifyTrackIdOf, type ImportOptions, type ImportResult, type Play } from './play.ts';
import { jsonDocumentImporter, type StreamingImporter } from './stream.ts';
import { inflateEntry, mb } from './zip.ts';
import { parseUtcTime, precisionOf } from './time.ts';

interface NamedFile {
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

function kindOfEntry(first: Entry, name: string): 'extended' | 'account' {
  if ('ts' in first && 'ms_played' in first) return 'extended';
  if ('endTime' in first && 'msPlayed' in first && ('artistName' in first || 'trackName' in first)) return 'account';
  throw new ImportError(
    'wrong-columns',
    `no Spotify streaming-history fields (expected endTime, artistName, trackName, msPlayed or ts, ms_played, master_metadata_track_name); found: ${Object.keys(first).slice(0, 8).join(', ')}`,
    name,
  );
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

type Drop = (reason: string, where: string) => void;

function addAccount(t: ImportTally, e: Entry, where: string, drop: Drop): void {
  const artist = str(e.artistName);
  const track = str(e.trackName);
  const ms = Number(e.msPlayed);
  const end = parseUtcTime(str(e.endTime));
  if (!artist || !track) return drop(e.podcastName || e.episodeName ? 'podcast episode' : 'missing artist or track', where);
  if (end === null) return drop('bad time', where);
  if (!(ms > 0)) return drop('not played (0 ms)', where);
  // This export has no skip flag: a play under 30 s almost always ended in a skip.
  t.keep({ ts: end - ms, stamp: end, precision: 'min', artist, track, msPlayed: ms, ...(ms < SKIP_MS ? { skipped: true } : {}), source: 'spotify-account' });
}

function addExtended(t: ImportTally, e: Entry, where: string, drop: Drop): void {
  if (e.incognito_mode === true) return drop('incognito', where);
  const artist = str(e.master_metadata_album_artist_name);
  const track = str(e.master_metadata_track_name);
  if (!artist || !track) return drop(e.episode_name || e.audiobook_title ? 'podcast or audiobook' : 'missing artist or track', where);
  const raw = str(e.ts);
  const end = parseUtcTime(raw);
  if (end === null) return drop('bad time', where);
  const ms = Number(e.ms_played);
  if (!(ms > 0)) return drop('not played (0 ms)', where);
  const album = str(e.master_metadata_album_album_name);
  const spotifyTrackId = spotifyTrackIdOf(e.spotify_track_uri);
  const skipped = ms < SKIP_MS && (e.skipped === true || e.reason_end === 'fwdbtn');
  // Optional fields set after, not spread in: a spread costs a runtime call (once per play).
  const play: Omit<Play, 'id'> = { ts: end - ms, stamp: end, precision: precisionOf(raw), artist, track, msPlayed: ms, source: 'spotify-extended' };
  if (album) play.album = album;
  if (spotifyTrackId) play.spotifyTrackId = spotifyTrackId;
  if (skipped) play.skipped = true;
  t.keep(play);
}

/** One Spotify history file streamed into the import's tally (json-split.ts:
 *  bounded memory); its kind comes from its first record. */
function spotifyJsonImporter(t: ImportTally, file: string): StreamingImporter {
  let kind: 'extended' | 'account' | null = null;
  return jsonDocumentImporter(
    {
      source: t.result.source,
      arrays: [[]],
      notFound: 'expected a list of plays (a JSON array), found an object',
      tally: t,
      record(e, where, tally, drop) {
        kind ??= kindOfEntry(e, file);
        if (kind === 'extended') addExtended(tally, e, where, drop);
        else addAccount(tally, e, where, drop);
      },
    },
    { file },
  );
}

type Kind = 'extended' | 'account';

/** The kind of a history file from its first bytes (its first record), or null. */
export function spotifyKindOfHead(head: Uint8Array | string): Kind | null {
  let first: Entry | null = null;
  try {
    const split = jsonArraySplitter([[]], (v) => {
      if (!first && v && typeof v === 'object' && !Array.isArray(v)) first = v as Entry;
    });
    split.push(typeof head === 'string' ? head : new TextDecoder().decode(head));
  } catch {
    // Not JSON, or cut inside: the importer says what is wrong.
  }
  if (!first) return null;
  try {
    return kindOfEntry(first, '');
  } catch {
    return null;
  }
}

/** One import over several history files (either export, or both): an importer
 *  per file to push its bytes through, in order (null: the file is skipped), then
 *  finish(). When both kinds are present the account-data files are skipped: they
 *  hold the same plays with less detail (imported on their own, dedupe.ts pairs
 *  them with the extended plays). `kind`: by name or first record (null: unknown). */
export function spotifyImport(files: { name: string; kind: Kind | null }[], opts: ImportOptions = {}): { importers: (StreamingImporter | null)[]; finish(): ImportResult } {
  if (!files.length) throw new ImportError('empty', 'no files given');
  const hasExtended = files.some((f) => f.kind === 'extended');
  const t = new ImportTally(hasExtended ? 'spotify-extended' : 'spotify-account', opts);
  const importers = files.map((f) => {
    if (!hasExtended || f.kind !== 'account') return spotifyJsonImporter(t, f.name);
    t.result.skippedFiles.push(`${f.name} (account-data copy of the extended history)`);
    return null;
  });
  return {
    importers,
    finish() {
      if (t.result.read === 0) throw new ImportError('empty', 'the files hold no plays', files.map((f) => f.name).join(', '));
      return t.finish();
    },
  };
}

const kindOf = (f: NamedFile): Kind | null => spotifyFileKind(f.name) ?? spotifyKindOfHead(f.data.slice(0, 65536));

/** Imports several history files in memory (see spotifyImport). */
export function importSpotifyFiles(files: NamedFile[], opts: ImportOptions = {}): ImportResult {
  const run = spotifyImport(files.map((f) => ({ name: f.name, kind: kindOf(f) })), opts);
  files.forEach((f, i) => {
    const imp = run.importers[i];
    if (imp) imp.push(f.data), imp.end();
  });
  return run.finish();
}

interface ZipEntry {
  name: string;
  size: number;
  originalSize: number;
}

/** Lists the history files in a Spotify export .zip, refusing archives whose
 *  directory declares too many entries or too many bytes, before inflating
 *  anything. (An entry whose header lies is stopped while it inflates: zip.ts.) */
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


/** Imports a whole Spotify export .zip; history entries are inflated and read as a stream, one at a time. */
export function importSpotifyZip(zip: Uint8Array, opts: ImportOptions & { limits?: ZipLimits; file?: string } = {}): ImportResult {
  const name = opts.file ?? 'archive.zip';
  const limits = opts.limits ?? DEFAULT_ZIP_LIMITS;
  const { wanted, skipped } = listSpotifyZip(zip, limits, name);
  const run = spotifyImport(wanted.map((f) => ({ name: f.name, kind: spotifyFileKind(f.name) })), opts);
  wanted.forEach((f, i) => {
    const imp = run.importers[i];
    if (!imp) return;
    for (const chunk of inflateEntry(zip, f.name, limits.maxEntryBytes, name)) imp.push(chunk);
    imp.end();
  });
  const r = run.finish();
  r.skippedFiles.push(...skipped);
  return r;
}
