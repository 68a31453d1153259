// Any other CSV: the user says which column is artist, title, time (and
// optionally a track id / Spotify URI, album, time played, track length),
// helped by a preview with a guessed mapping from the header names.
// Streamable like the other CSV importers.
import { csvRowReader } from './csv-stream.ts';
import { assertText, ImportError, ImportTally, SKIP_MS, spotifyTrackIdOf, type ImportOptions, type ImportResult } from './play.ts';
import { headerKey as key, lineReader, readerImporter, type StreamingImporter } from './stream.ts';
import { parseUtcTime, precisionOf } from './time.ts';

export interface ColumnMapping {
  /** The column delimiter, or 'jsonl' for JSON Lines (then `fields` names the columns). */
  delimiter: string;
  /** JSON Lines only: the field path of each column ("track_metadata.artist_name"). */
  fields?: string[];
  hasHeader: boolean;
  /** 0-based column indexes. */
  artist: number;
  title: number;
  time: number;
  album?: number;
  /** A Spotify URI / URL / id column: matched to the catalog first. */
  trackId?: number;
  /** Several artists in the artist column, separated by this ("A;B"). */
  artistSeparator?: string;
  /** How the time column is written; 'auto' reads every form parseUtcTime knows. */
  timeFormat?: TimeFormat;
  /** How long it played; under 30 s counts as a skip. */
  duration?: number;
  /** Unit of plain numbers in the duration column ("3:25" is always m:ss). */
  durationUnit?: 'ms' | 's';
  /** The track's length (not the time played): kept apart, never read as a play's duration. */
  length?: number;
}

export type TimeFormat = 'auto' | 'unix-s' | 'unix-ms' | 'iso';

function readTime(raw: string, format: TimeFormat = 'auto'): number | null {
  const s = raw.trim();
  if (format === 'unix-s') return /^\d+(\.\d+)?$/.test(s) ? parseUtcTime(Number(s) * 1000) : null;
  if (format === 'unix-ms') return /^\d+$/.test(s) && Number(s) >= 1e11 ? parseUtcTime(Number(s)) : null;
  if (format === 'iso') return /^\d{4}-\d{2}-\d{2}/.test(s) ? parseUtcTime(s) : null;
  return parseUtcTime(s);
}

export interface CsvPreview {
  delimiter: string;
  hasHeader: boolean;
  /** Column names (the header, or "column 1".. when there is none). */
  columns: string[];
  /** The first rows after the header. */
  rows: string[][];
  /** What we think each column is; the user confirms or changes it. */
  guess: Partial<ColumnMapping>;
}

type Role = 'artist' | 'title' | 'time' | 'album' | 'duration' | 'trackId' | 'length';
const NAMES: Record<Role, string[]> = {
  trackId: ['trackuri', 'spotifyuri', 'spotifytrackuri', 'uri', 'trackid', 'spotifyid', 'spotifytrackid'],
  artist: ['artist', 'artistname', 'artistnames', 'artists', 'performer', 'band', 'mastermetadataalbumartistname', 'creator'],
  title: ['title', 'track', 'trackname', 'song', 'songname', 'songtitle', 'name', 'mastermetadatatrackname', 'tracktitle'],
  // Never a release date or a date added: those are not when it played.
  time: ['time', 'timestamp', 'ts', 'uts', 'playedat', 'listenedat', 'endtime', 'datetime', 'utctime', 'starttime', 'played', 'date', 'dateplayed'],
  album: ['album', 'albumname', 'release', 'mastermetadataalbumalbumname'],
  duration: ['msplayed', 'playedms', 'secondsplayed', 'playtime', 'timeplayed', 'playduration', 'playdurationms', 'playdurationmilliseconds', 'duration'],
  // A track's length: kept apart from the time played.
  length: ['durationms', 'length', 'tracklength', 'lengthms', 'trackduration', 'mediadurationinmilliseconds'],
};
const NOT_PLAY_TIME = /release|added|created|modified|birth/;

/** Looks at the start of a file (a few KB is plenty) and guesses its layout. */
export function previewCsv(head: string | Uint8Array, n = 10, file?: string): CsvPreview {
  if (typeof head !== 'string') assertText(head, file);
  let text = typeof head === 'string' ? head : new TextDecoder().decode(head);
  // Drop a cut-off last line when the head is only the start of a file.
  const lastNl = text.lastIndexOf('\n');
  if (lastNl > 0 && text.length > 4096) text = text.slice(0, lastNl + 1);
  const rows: string[][] = [];
  const reader = csvRowReader((r) => {
    if (rows.length <= n) rows.push(r.map((x) => x.trim()));
  }, { file });
  reader.push(text);
  reader.end();
  // udsv picked the delimiter; recover it from the first line for the mapping.
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = ['\t', '|', ';', ','].find((d) => firstLine.includes(d)) ?? ',';

  return previewFromRows(rows, delimiter, n);
}

/** A JSON Lines file we do not know: its records' fields (nested ones as "a.b") are the columns. */
export function previewJsonLines(head: string | Uint8Array, n = 10, file?: string): CsvPreview {
  if (typeof head !== 'string') assertText(head, file);
  const text = typeof head === 'string' ? head : new TextDecoder().decode(head);
  const records = text.replace(/^\uFEFF/, '').split('\n').slice(0, n + 1).flatMap((l) => {
    try {
      const e: unknown = JSON.parse(l);
      return e && typeof e === 'object' && !Array.isArray(e) ? [e as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
  if (!records.length) throw new ImportError('bad-json', 'not JSON Lines: no line is a JSON object', file);
  const fields = [...new Set(records.flatMap((r) => fieldPaths(r)))];
  const p = previewFromRows([fields, ...records.map((r) => fields.map((f) => cell(r, f)))], 'jsonl', n);
  p.guess.fields = fields;
  return p;
}

function fieldPaths(r: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(r).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? fieldPaths(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function cell(r: Record<string, unknown>, path: string): string {
  let v: unknown = r;
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v);
}

function previewFromRows(rows: string[][], delimiter: string, n: number): CsvPreview {
  const first = rows[0] ?? [];
  // A field path names its column by its last part ("track_metadata.artist_name" → artist_name).
  const keys = first.map((c) => key(c.split('.').pop() ?? c));
  const headerHits = keys.filter((k) => Object.values(NAMES).some((ns) => ns.map(key).includes(k))).length;
  // JSON Lines always has its field names as the header.
  const hasHeader = delimiter === 'jsonl' || (headerHits > 0 && !first.some((c) => parseUtcTime(c) !== null));
  const body = hasHeader ? rows.slice(1) : rows.slice(0, n);
  const columns = hasHeader ? first : first.map((_, i) => `column ${i + 1}`);

  const guess: Partial<ColumnMapping> = { delimiter, hasHeader };
  const used = new Set<number>();
  const pick = (field: keyof typeof NAMES): number | undefined => {
    if (!hasHeader) return undefined;
    for (const name of NAMES[field].map(key)) {
      const i = keys.indexOf(name);
      if (i >= 0 && !used.has(i)) {
        used.add(i);
        return i;
      }
    }
    return undefined;
  };
  const setIf = (k: Role, v: number | undefined): void => {
    if (v !== undefined) guess[k] = v;
  };
  // Length before duration: "Duration (ms)" is a track's length in most exports.
  for (const role of ['trackId', 'time', 'artist', 'title', 'album', 'length', 'duration'] as const) setIf(role, pick(role));
  // No header name for the time: the first column whose values read as times.
  if (guess.time === undefined && body.length) {
    const i = columns.findIndex((c, n) => !used.has(n) && !NOT_PLAY_TIME.test(key(c)) && body.every((r) => parseUtcTime(r[n]) !== null));
    if (i >= 0) guess.time = i;
  }
  // Several artists in one cell: the separator that most cells of that column hold.
  if (guess.artist !== undefined) {
    const cells = body.map((r) => r[guess.artist as number] ?? '');
    const sep = [';', '|', '/'].find((d) => cells.some((c) => c.includes(d)));
    if (sep) guess.artistSeparator = sep;
  }
  guess.timeFormat = 'auto';
  if (guess.duration !== undefined) {
    const name = hasHeader ? keys[guess.duration] : '';
    const nums = body.map((r) => Number(r[guess.duration as number])).filter((x) => Number.isFinite(x));
    const median = nums.sort((a, b) => a - b)[nums.length >> 1] ?? 0;
    guess.durationUnit = name.includes('ms') || median > 3600 ? 'ms' : 's';
  }
  return { delimiter, hasHeader, columns, rows: body.slice(0, n), guess };
}

function parseDuration(s: string, unit: 'ms' | 's' = 'ms'): number | null {
  const t = s.trim();
  if (!t) return null;
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(t);
  if (m) return ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
  const x = Number(t);
  if (!Number.isFinite(x) || x < 0) return null;
  return unit === 's' ? x * 1000 : x;
}

/** One JSON Lines record as the mapping's columns (a line that is not JSON: no cells). */
function jsonRow(text: string, fields: string[]): string[] {
  try {
    const e: unknown = JSON.parse(text);
    if (e && typeof e === 'object') return fields.map((f) => cell(e as Record<string, unknown>, f));
  } catch {
    /* dropped below as missing fields */
  }
  return fields.map(() => '');
}

/** A bare 22-character Spotify id is accepted as well as a URI or URL. */
const bareId = (s: string): string => (/^[A-Za-z0-9]{22}$/.test(s.trim()) ? `spotify:track:${s.trim()}` : s);

export function mappedCsvImporter(mapping: ColumnMapping, opts: ImportOptions & { file?: string } = {}): StreamingImporter {
  const tally = new ImportTally('csv', opts);
  const needed = Math.max(mapping.artist, mapping.title, mapping.time, mapping.album ?? -1, mapping.duration ?? -1, mapping.trackId ?? -1, mapping.length ?? -1) + 1;
  let headerSeen = !mapping.hasHeader || mapping.delimiter === 'jsonl';
  let checked = false;
  const onRow = (f: string[], row: number): void => {
    if (!checked) {
      checked = true;
      if (f.length < needed)
        throw new ImportError(
          'wrong-columns',
          `the mapping uses column ${needed}, but the file has ${f.length} column${f.length === 1 ? '' : 's'}`,
          opts.file,
        );
    }
    if (!headerSeen) {
      headerSeen = true;
      return;
    }
    tally.result.read++;
    const where = `row ${row}`;
    const artist = (f[mapping.artist] ?? '').trim();
    const track = (f[mapping.title] ?? '').trim();
    const raw = f[mapping.time] ?? '';
    const ts = readTime(raw, mapping.timeFormat);
    if (f.some((x) => x.includes('\n'))) return tally.drop('malformed row', where);
    if (!artist || !track) return tally.drop('missing artist or track', where);
    if (ts === null) return tally.drop('bad time', where);
    const ms = mapping.duration !== undefined ? parseDuration(f[mapping.duration] ?? '', mapping.durationUnit) : null;
    if (ms === 0) return tally.drop('not played (0 ms)', where);
    const album = mapping.album !== undefined ? (f[mapping.album] ?? '').trim() : '';
    const spotifyTrackId = mapping.trackId !== undefined ? spotifyTrackIdOf(bareId(f[mapping.trackId] ?? '')) : undefined;
    const sep = mapping.artistSeparator;
    const credits = sep ? artist.split(sep).map((a) => a.trim()).filter(Boolean) : [];
    tally.keep({
      ts,
      stamp: ts,
      precision: mapping.timeFormat === 'unix-ms' ? 'ms' : mapping.timeFormat === 'unix-s' ? 's' : precisionOf(raw),
      artist: credits.length > 1 ? credits.join(', ') : artist,
      ...(credits.length > 1 ? { artists: credits } : {}),
      track,
      ...(spotifyTrackId ? { spotifyTrackId } : {}),
      ...(album ? { album } : {}),
      ...(ms !== null ? { msPlayed: ms } : {}),
      ...(ms !== null && ms < SKIP_MS ? { skipped: true } : {}),
      source: 'csv',
    });
  };
  const fields = mapping.fields;
  const reader =
    mapping.delimiter === 'jsonl' && fields
      ? lineReader((text, line) => onRow(jsonRow(text, fields), line), opts.file)
      : csvRowReader(onRow, { delimiter: mapping.delimiter, file: opts.file });
  return readerImporter(reader, () => {
    const r = tally.result;
    if (r.read === 0) throw new ImportError('empty', 'the file has no rows after the header', opts.file);
    if (r.listens + r.skips === 0)
      throw new ImportError(
        'wrong-columns',
        `no row could be read with this mapping (${Object.entries(r.droppedByReason).map(([k, v]) => `${v} × ${k}`).join(', ')})`,
        opts.file,
      );
    r.files.push(opts.file ?? 'history.csv');
    return tally.finish();
  });
}

export function importMappedCsv(
  input: string | Uint8Array,
  mapping: ColumnMapping,
  opts: ImportOptions & { file?: string } = {},
): ImportResult {
  const imp = mappedCsvImporter(mapping, opts);
  imp.push(input);
  return imp.end();
}
