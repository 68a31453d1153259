// Which importer a dropped file needs, from its name and first bytes: ONE
// table, tried in order, each row looking at the header line or the first
// record. `sure: false` means no row claimed the file: the UI offers the
// column mapping.
import { ImportError, assertText } from './play.ts';
import { spotifyFileKind } from './spotify.ts';
import { headerKey } from './stream.ts';
import { parseUtcTime } from './time.ts';

export type HistoryFormat =
  | 'zip'
  | 'spotify-json'
  | 'exportify-liked'
  | 'exportify-playlist'
  | 'lastfm-csv'
  | 'lastfm-json'
  | 'listenbrainz-json'
  | 'listenbrainz-jsonl'
  | 'librefm-csv'
  | 'maloja-json'
  | 'panoscrobbler-jsonl'
  | 'scrobbler-log'
  | 'apple-daily-csv'
  | 'apple-activity-csv'
  | 'youtube-music-json'
  | 'csv'
  | 'jsonl';

interface Probe {
  name: string;
  /** The start of the text, BOM and leading blanks removed. */
  text: string;
  firstLine: string;
  /** headerKey of each cell of the first line that is not a '#' comment. */
  keys: string[];
  /** The first JSON record (array element, or line of JSON Lines), if any. */
  first: Record<string, unknown> | null;
  /** 'lines' when the text is JSON Lines (one object per line). */
  json: 'array' | 'object' | 'lines' | null;
}

type Obj = Record<string, unknown>;
const has = (o: Obj | null, ...ks: string[]): boolean => !!o && ks.every((k) => k in o);
const hasAll = (keys: string[], ...ks: string[]): boolean => ks.every((k) => keys.includes(k));

/** The table. Order matters only where a later row is looser than an earlier one. */
export const FORMAT_TABLE: { format: HistoryFormat; what: string; test(p: Probe): boolean }[] = [
  { format: 'scrobbler-log', what: 'Audioscrobbler .scrobbler.log', test: (p) => /^#AUDIOSCROBBLER\//i.test(p.firstLine) },
  { format: 'lastfm-json', what: 'Last.fm API recenttracks pages', test: (p) => !!p.json && /^[[\s]*\{\s*"recenttracks"\s*:/.test(p.text) },
  {
    format: 'maloja-json',
    what: 'Maloja export',
    test: (p) => p.json === 'object' && /"scrobbles"\s*:/.test(p.text) && (has(p.first, 'time', 'track') || has(p.first, 'time', 'artists') || /"maloja"\s*:/.test(p.text)),
  },
  { format: 'listenbrainz-jsonl', what: 'ListenBrainz listens (JSON Lines)', test: (p) => p.json === 'lines' && has(p.first, 'listened_at', 'track_metadata') },
  { format: 'listenbrainz-json', what: 'ListenBrainz listens (JSON)', test: (p) => (p.json === 'array' || p.json === 'object') && has(p.first, 'listened_at', 'track_metadata') },
  { format: 'panoscrobbler-jsonl', what: 'Pano Scrobbler JSON Lines', test: (p) => p.json === 'lines' && has(p.first, 'timeMs', 'track') },
  { format: 'youtube-music-json', what: 'YouTube watch history (Takeout)', test: (p) => p.json === 'array' && has(p.first, 'header', 'title', 'time') },
  {
    format: 'spotify-json',
    what: 'Spotify streaming history',
    test: (p) => (!!p.json && !!spotifyFileKind(p.name)) || has(p.first, 'endTime', 'msPlayed') || has(p.first, 'ts', 'ms_played'),
  },
  { format: 'exportify-liked', what: 'Exportify liked songs', test: (p) => hasAll(p.keys, 'trackuri', 'artistnames') && /liked/i.test(p.name) },
  { format: 'exportify-playlist', what: 'Exportify playlist', test: (p) => hasAll(p.keys, 'trackuri', 'artistnames') },
  { format: 'apple-daily-csv', what: 'Apple Music Play History Daily Tracks', test: (p) => hasAll(p.keys, 'trackdescription', 'dateplayed') },
  {
    format: 'apple-activity-csv',
    what: 'Apple Music Play Activity',
    test: (p) => p.keys.includes('songname') && (p.keys.includes('eventstarttimestamp') || p.keys.includes('playdurationmilliseconds')),
  },
  {
    format: 'librefm-csv',
    what: 'Libre.fm export',
    test: (p) => hasAll(p.keys, 'time', 'artist', 'track') && (p.firstLine.startsWith('#') || !p.keys.some((k) => ['uts', 'utctime', 'date'].includes(k))),
  },
  {
    format: 'lastfm-csv',
    what: 'Last.fm scrobbles CSV',
    test: (p) => {
      // No header: artist, album, track, date with a readable time in the 4th cell.
      const cells = p.firstLine.split(',').map((c) => c.replace(/^"|"$/g, '').trim());
      if (!p.json && cells.length >= 4 && parseUtcTime(cells[3]) !== null) return true;
      return hasAll(p.keys, 'artist') && p.keys.some((k) => k === 'track' || k === 'title') && p.keys.some((k) => ['date', 'uts', 'utctime', 'timestamp'].includes(k));
    },
  },
];

/** The first complete JSON object at or after `from`, or null (string-aware brace matching). */
function firstObject(text: string, from: number): Obj | null {
  const start = text.indexOf('{', from);
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      try {
        return JSON.parse(text.slice(start, i + 1)) as Obj;
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function probe(name: string, head: Uint8Array): Probe {
  const text = new TextDecoder().decode(head.subarray(0, 64 * 1024)).replace(/^\uFEFF/, '').trimStart();
  const lines = text.split(/\r?\n/);
  const firstLine = lines[0] ?? '';
  const headerLine = lines.find((l) => !l.startsWith('#')) ?? '';
  const keys = text[0] === '[' || text[0] === '{' ? [] : headerLine.split(/[,;\t]/).map((c) => headerKey(c.replace(/^"|"$/g, '')));
  let json: Probe['json'] = null;
  let first: Obj | null = null;
  if (text[0] === '[') {
    json = 'array';
    first = firstObject(text, 1);
  } else if (text[0] === '{') {
    let line: unknown = null;
    try {
      line = JSON.parse(firstLine);
    } catch {
      /* not one object per line */
    }
    if (line && typeof line === 'object' && (lines.length === 1 || /^\s*(\{|$)/.test(lines[1]))) {
      json = 'lines';
      first = line as Obj;
    } else {
      json = 'object';
      // A document's records: the first object inside its first list.
      const list = text.indexOf('[');
      first = list >= 0 ? firstObject(text, list) : null;
    }
  }
  return { name, text, firstLine, keys, first, json };
}

interface Detected {
  format: HistoryFormat;
  /** False when no row of the table claimed it (then: the column mapping). */
  sure: boolean;
  what: string;
}

export function detectFormat(name: string, head: Uint8Array): Detected {
  if (head.length === 0) throw new ImportError('empty', 'the file is empty', name);
  if (head[0] === 0x50 && head[1] === 0x4b) return { format: 'zip', sure: true, what: 'zip archive' };
  assertText(head, name);
  const p = probe(name, head);
  if (!p.text.trim()) throw new ImportError('empty', 'the file is empty', name);
  const row = FORMAT_TABLE.find((r) => r.test(p));
  if (row) return { format: row.format, sure: true, what: row.what };
  if (p.json === 'lines') return { format: 'jsonl', sure: false, what: 'JSON Lines we do not know' };
  if (p.json)
    throw new ImportError(
      'unknown-format',
      `a JSON file in no format we know (known: ${FORMAT_TABLE.filter((r) => /json/.test(r.format)).map((r) => r.what).join('; ')}); its first record has ${first(p)}`,
      name,
    );
  return { format: 'csv', sure: false, what: 'a CSV we do not know' };
}

const first = (p: Probe): string => (p.first ? Object.keys(p.first).slice(0, 8).join(', ') || 'no fields' : 'no records');
