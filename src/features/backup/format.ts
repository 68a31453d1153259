// The backup file: one JSON document with a format header, the user's tables,
// and every value the tables hold made JSON-safe (typed arrays as base64 with
// their type name, non-finite numbers, dates). Pure: no Dexie, no DOM.
//
//   { "format": "neural-beats-backup", "version": 1, "exportedAt": 1732…,
//     "app": "0.1.0", "tables": { "seeds": [ … ], "plays": [ … ], … } }
//
// `format` is written first, so a file can be told apart from any other JSON
// (or a 200 MB video) by its first bytes, before the whole file is read.

const BACKUP_FORMAT = 'neural-beats-backup';
const BACKUP_VERSION = 1;

/** The tables a backup holds, and each one's primary key. The catalog is not
 *  user data (it is re-imported from the dataset) and is never exported. */
const BACKUP_TABLES = {
  settings: 'key',
  seeds: 'id',
  plays: 'id',
  imports: 'id',
  feedback: 'id',
  models: 'name',
} as const;

export type BackupTable = keyof typeof BACKUP_TABLES;
export const BACKUP_TABLE_NAMES = Object.keys(BACKUP_TABLES) as BackupTable[];

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: number;
  app?: string;
  /** Only the tables that were exported; absent tables are left alone on import. */
  tables: Partial<Record<BackupTable, Record<string, unknown>[]>>;
}

/** A file that is not a Neural Beats backup, or a damaged one. */
export class BackupFormatError extends Error {
  override name = 'BackupFormatError';
}

/** Largest backup we read: far above any real history (1M plays ≈ 250 MB). */
export const MAX_BACKUP_BYTES = 1024 * 2 ** 20;

// ---- base64 (no Buffer/btoa dependence: runs in workers and Node alike) ------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    let s = '';
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      s += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
    }
    if (i < end) {
      const n = (bytes[i] << 16) | (i + 1 < end ? bytes[i + 1] << 8 : 0);
      s += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + (i + 1 < end ? ALPHABET[(n >> 6) & 63] : '=') + '=';
    }
    parts.push(s);
  }
  return parts.join('');
}

export function fromBase64(s: string): Uint8Array {
  if (s.length % 4 !== 0) throw new BackupFormatError('A binary value in the backup is damaged (bad base64 length).');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const a = LOOKUP[s.charCodeAt(i)] ?? -1;
    const b = LOOKUP[s.charCodeAt(i + 1)] ?? -1;
    const c = s[i + 2] === '=' ? 0 : (LOOKUP[s.charCodeAt(i + 2)] ?? -1);
    const d = s[i + 3] === '=' ? 0 : (LOOKUP[s.charCodeAt(i + 3)] ?? -1);
    if ((a | b | c | d) < 0) throw new BackupFormatError('A binary value in the backup is damaged (not base64).');
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < out.length) out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

// ---- values ------------------------------------------------------------------

const TYPED = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedName = keyof typeof TYPED;

/** Marker key of an encoded special value. A plain object that happens to have
 *  this key is wrapped too, so decoding can never mistake data for a marker. */
const TAG = '$nb';

type Encoded = null | boolean | number | string | Encoded[] | { [k: string]: Encoded };

/** Any structured-clone value our tables hold → JSON-safe data. */
export function encodeValue(v: unknown): Encoded {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (v === undefined) return { [TAG]: 'undefined' };
  if (typeof v === 'number') return Number.isFinite(v) ? v : { [TAG]: 'number', value: String(v) };
  if (typeof v === 'bigint') return { [TAG]: 'bigint', value: v.toString() };
  if (Array.isArray(v)) return v.map(encodeValue);
  if (ArrayBuffer.isView(v)) {
    const type = v.constructor.name;
    if (!(type in TYPED) && type !== 'DataView') throw new Error(`Cannot back up a ${type}.`);
    return { [TAG]: type, base64: toBase64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
  }
  if (v instanceof ArrayBuffer) return { [TAG]: 'ArrayBuffer', base64: toBase64(new Uint8Array(v)) };
  if (v instanceof Date) return { [TAG]: 'Date', value: v.toISOString() };
  if (v instanceof Map) return { [TAG]: 'Map', entries: [...v].map(([k, x]) => [encodeValue(k), encodeValue(x)]) };
  if (v instanceof Set) return { [TAG]: 'Set', values: [...v].map(encodeValue) };
  if (typeof v === 'object') {
    const out: { [k: string]: Encoded } = {};
    for (const [k, x] of Object.entries(v)) out[k] = encodeValue(x);
    return TAG in out ? { [TAG]: 'object', value: out } : out;
  }
  throw new Error(`Cannot back up a value of type ${typeof v}.`);
}

/** The inverse of encodeValue. Throws BackupFormatError on a damaged marker. */
export function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeValue);
  const o = v as Record<string, unknown>;
  if (!(TAG in o)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = decodeValue(x);
    return out;
  }
  const tag = o[TAG];
  const bad = (): never => {
    throw new BackupFormatError(`A value in the backup is damaged (a ${String(tag)} marker without its data).`);
  };
  switch (tag) {
    case 'undefined':
      return undefined;
    case 'number':
      return typeof o.value === 'string' ? Number(o.value) : bad();
    case 'bigint':
      return typeof o.value === 'string' ? BigInt(o.value) : bad();
    case 'Date':
      return typeof o.value === 'string' ? new Date(o.value) : bad();
    case 'Map':
      return Array.isArray(o.entries) ? new Map(o.entries.map((e) => (Array.isArray(e) ? [decodeValue(e[0]), decodeValue(e[1])] : bad()))) : bad();
    case 'Set':
      return Array.isArray(o.values) ? new Set(o.values.map(decodeValue)) : bad();
    case 'object': {
      if (!o.value || typeof o.value !== 'object') bad();
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(o.value as object)) out[k] = decodeValue(x);
      return out;
    }
    case 'ArrayBuffer':
      return typeof o.base64 === 'string' ? (fromBase64(o.base64).buffer as ArrayBuffer) : bad();
    case 'DataView':
      return typeof o.base64 === 'string' ? new DataView(fromBase64(o.base64).buffer) : bad();
    default: {
      if (typeof tag !== 'string' || !(tag in TYPED) || typeof o.base64 !== 'string') {
        throw new BackupFormatError(`A value in the backup has an unknown type (${String(tag)}).`);
      }
      const bytes = fromBase64(o.base64);
      const Ctor = TYPED[tag as TypedName];
      if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) bad();
      // A fresh, aligned buffer of exactly the array's bytes.
      return new Ctor(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
    }
  }
}

// ---- the document --------------------------------------------------------------

export function encodeBackup(tables: { [K in BackupTable]?: readonly object[] }, exportedAt: number, app?: string): string {
  // Key order matters: `format` first (see sniffBackup).
  const doc = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt,
    ...(app ? { app } : {}),
    tables: {} as Record<string, Encoded>,
  };
  for (const name of BACKUP_TABLE_NAMES) {
    const rows = tables[name];
    if (rows) doc.tables[name] = rows.map(encodeValue);
  }
  return JSON.stringify(doc);
}

/** Checks a file's first bytes (a few hundred are enough): true when it starts
 *  like a backup. Lets the UI refuse a wrong file without reading all of it. */
export function sniffBackup(head: Uint8Array): string | null {
  if (head.length === 0) return 'The file is empty.';
  if (head[0] === 0x50 && head[1] === 0x4b) return 'This is a zip archive, not a Neural Beats backup (a backup is a .json file).';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    return 'This file is UTF-16 text; a Neural Beats backup is UTF-8 JSON as the app wrote it.';
  const text = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '').trimStart();
  if (head.includes(0)) return 'This is a binary file, not a Neural Beats backup.';
  if (!text) return 'The file is empty.';
  if (text[0] !== '{') return 'This is not a Neural Beats backup (it is not a JSON object).';
  if (!/^\{\s*"format"\s*:\s*"neural-beats-backup"/.test(text) && text.length > 40)
    return 'This is not a Neural Beats backup (it has no "format": "neural-beats-backup" header).';
  return null;
}

/** Bytes of text → a validated Backup with values decoded. Every problem is a
 *  BackupFormatError with a message for the user. */
export function decodeBackup(text: string): Backup {
  text = text.replace(/^\uFEFF/, '');
  if (!text.trim()) throw new BackupFormatError('The file is empty.');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const t = text.trimEnd();
    const truncated = !t.endsWith('}') || /end of (JSON|data)|unterminated/i.test(String(e));
    throw new BackupFormatError(
      truncated
        ? `This backup is incomplete: the JSON ends early (the file looks truncated). ${(e as Error).message}`
        : `This is not a valid backup file: it is not valid JSON (${(e as Error).message}).`,
    );
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new BackupFormatError('This is not a Neural Beats backup (it is not a JSON object).');
  const d = doc as Record<string, unknown>;
  if (d.format !== BACKUP_FORMAT) throw new BackupFormatError('This is not a Neural Beats backup (it has no "format": "neural-beats-backup" header).');
  if (typeof d.version !== 'number' || !Number.isInteger(d.version) || d.version < 1)
    throw new BackupFormatError('This backup has no valid version number.');
  if (d.version > BACKUP_VERSION)
    throw new BackupFormatError(`This backup was made by a newer version of Neural Beats (backup version ${d.version}; this app reads up to ${BACKUP_VERSION}). Update the app, then import it.`);
  if (typeof d.exportedAt !== 'number') throw new BackupFormatError('This backup has no export date (exportedAt).');
  if (!d.tables || typeof d.tables !== 'object' || Array.isArray(d.tables)) throw new BackupFormatError('This backup has no tables.');
  const tables: Backup['tables'] = {};
  for (const [name, rows] of Object.entries(d.tables as Record<string, unknown>)) {
    if (!(name in BACKUP_TABLES)) throw new BackupFormatError(`This backup has an unknown table "${name}".`);
    if (!Array.isArray(rows)) throw new BackupFormatError(`The table "${name}" in this backup is not a list of records.`);
    const decoded = rows.map((r, i) => {
      const rec = decodeValue(r);
      const problem = checkRecord(name as BackupTable, rec);
      if (problem) throw new BackupFormatError(`Record ${i + 1} of "${name}" in this backup is damaged: ${problem}.`);
      return rec as Record<string, unknown>;
    });
    tables[name as BackupTable] = decoded;
  }
  return { format: BACKUP_FORMAT, version: d.version, exportedAt: d.exportedAt, ...(typeof d.app === 'string' ? { app: d.app } : {}), tables };
}

const isStr = (x: unknown): x is string => typeof x === 'string' && x.length > 0;
const isNum = (x: unknown): x is number => typeof x === 'number' && !Number.isNaN(x);

/** What is wrong with one record (null: fine). Checks the fields the app relies on. */
function checkRecord(table: BackupTable, rec: unknown): string | null {
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) return 'not an object';
  const r = rec as Record<string, unknown>;
  const key = BACKUP_TABLES[table];
  if (!isStr(r[key])) return `no "${key}"`;
  switch (table) {
    case 'seeds':
      if (!['artist', 'track', 'genre'].includes(r.kind as string)) return 'kind is not artist, track or genre';
      if (typeof r.key !== 'string' || typeof r.label !== 'string') return 'no key or label';
      if (!isNum(r.position)) return 'no position';
      return null;
    case 'plays':
      if (!isNum(r.ts)) return 'no time (ts)';
      if (typeof r.artist !== 'string' || typeof r.track !== 'string') return 'no artist or track';
      if (typeof r.importId !== 'string') return 'no importId';
      return null;
    case 'imports':
      return isNum(r.at) ? null : 'no date (at)';
    case 'feedback': {
      if (!isNum(r.at)) return 'no date (at)';
      if (!isStr(r.type)) return 'no type';
      if (!('target' in r)) return null; // exclusions (a date range, an import) have none
      const t = r.target as Record<string, unknown> | null;
      if (!t || typeof t !== 'object') return 'target is not an object';
      if (t.kind === 'artist') return typeof t.artist === 'string' ? null : 'artist target without an artist';
      if (t.kind === 'track') return typeof t.artist === 'string' && typeof t.track === 'string' ? null : 'track target without artist and track';
      return 'target kind is not artist or track';
    }
    case 'models':
      if (typeof r.catalogFingerprint !== 'string') return 'no catalogFingerprint';
      return 'payload' in r ? null : 'no payload';
    case 'settings':
      return null;
  }
}
