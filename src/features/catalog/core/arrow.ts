// Catalog columns ⇄ Apache Arrow IPC bytes: how the catalog is stored in
// IndexedDB and handed between workers. One record batch, one row per track:
// numbers as typed Arrow columns (read back as views, no per-row work), strings
// as Utf8 (albums too: dictionary-encoding them cost more time than it saved
// space), credits and genres as List columns made
// straight from the CSR arrays. Artist and genre names, the import summary and
// the fingerprint ride along as schema metadata (JSON).
import {
  Data,
  Field,
  Float32,
  Int8,
  Int32,
  List,
  makeData,
  makeVector,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableFromIPC,
  tableToIPC,
  Uint8,
  Uint16,
  Uint32,
  Utf8,
  type DataType,
} from 'apache-arrow';
import type { CatalogColumns, CatalogSummary } from './catalog.ts';
import { FLOAT_FEATURES, type FloatFeature } from '../../../lib/features.ts';
import { runSteps, STEP_ROWS, type Steps } from './steps.ts';

/** Bumped when the layout changes; a catalog stored under another layout is
 *  refused with a `CatalogLayoutError`, and the app asks for the file again. */
const ARROW_LAYOUT_VERSION = '2';

interface CatalogIPCMeta {
  summary?: CatalogSummary;
  fingerprint?: string;
}

const encoder = new TextEncoder();
// ignoreBOM: a name may start with U+FEFF; it must come back as written.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

export function toArrowIPC(c: CatalogColumns, meta: CatalogIPCMeta = {}): Uint8Array {
  const n = c.size;
  const fields: Field[] = [];
  const children: Data[] = [];
  const add = (name: string, data: Data) => {
    fields.push(new Field(name, data.type, false));
    children.push(data);
  };
  const num = <T extends DataType>(type: T, values: ArrayLike<number>) =>
    makeData({ type, length: n, nullCount: 0, data: values } as never) as Data;

  add('track_id', utf8Data(c.trackId));
  add('track_name', utf8Data(c.trackName));
  add('album_name', utf8Data(c.albumName));
  add('popularity', num(new Uint8(), c.popularity));
  add('duration_ms', num(new Uint32(), c.durationMs));
  add('explicit', num(new Uint8(), c.explicit));
  for (const f of FLOAT_FEATURES) add(f, num(new Float32(), c[f]));
  add('key', num(new Int8(), c.key));
  add('mode', num(new Int8(), c.mode));
  add('time_signature', num(new Int8(), c.timeSignature));
  add('artist_ids', listData(new Int32(), c.artistOffsets, c.artistIds));
  add('genre_ids', listData(new Uint16(), c.genreOffsets, c.genreIds));

  const metadata = new Map<string, string>([
    ['neural_beats_layout', ARROW_LAYOUT_VERSION],
    ['artists', JSON.stringify(c.artists)],
    ['genres', JSON.stringify(c.genres)],
  ]);
  if (meta.summary) metadata.set('summary', JSON.stringify(meta.summary));
  if (meta.fingerprint) metadata.set('fingerprint', meta.fingerprint);
  const schema = new Schema(fields, metadata);
  const struct = makeData({ type: new Struct(fields), length: n, nullCount: 0, children });
  const table = new Table(schema, [new RecordBatch(schema, struct)]);
  return tableToIPC(table, 'stream');
}

export function fromArrowIPC(bytes: Uint8Array): CatalogColumns {
  return readArrowIPC(bytes).columns;
}

/** fromArrowIPC, pausing between chunks of strings (core/steps.ts). */
export function* arrowSteps(bytes: Uint8Array): Steps<CatalogColumns> {
  return (yield* readSteps(bytes)).columns;
}

/** Stored bytes written under another layout (an older or newer app). */
export class CatalogLayoutError extends Error {
  override name = 'CatalogLayoutError';
}

interface ReadCatalog {
  columns: CatalogColumns;
  summary: CatalogSummary | null;
  fingerprint: string | null;
}

/** The columns plus what was stored with them. */
export function readArrowIPC(bytes: Uint8Array): ReadCatalog {
  return runSteps(readSteps(bytes));
}

function* readSteps(bytes: Uint8Array): Steps<ReadCatalog> {
  const table = tableFromIPC(bytes);
  const meta = table.schema.metadata;
  if (meta.get('neural_beats_layout') !== ARROW_LAYOUT_VERSION) {
    throw new CatalogLayoutError(`Not a Neural Beats catalog of this version (layout ${meta.get('neural_beats_layout') ?? 'missing'}, expected ${ARROW_LAYOUT_VERSION}).`);
  }
  const n = table.numRows;
  const col = (name: string): Data => {
    const v = table.getChild(name);
    if (!v) throw new Error(`The stored catalog has no ${name} column.`);
    // One batch is what toArrowIPC writes; anything else is joined into one.
    return v.data.length === 1 ? v.data[0] : makeVector(v.toArray()).data[0];
  };
  const values = <T>(name: string): T => {
    const d = col(name);
    return (d.values as unknown as { subarray(a: number, b: number): T }).subarray(d.offset, d.offset + d.length);
  };
  const list = <T>(name: string): { offsets: Int32Array; ids: T } => {
    const d = table.getChild(name)!.data;
    if (d.length !== 1) throw new Error(`The stored catalog's ${name} column is split in batches.`);
    const data = d[0];
    const offsets = data.valueOffsets.subarray(data.offset, data.offset + data.length + 1);
    const child = data.children[0];
    const ids = (child.values as unknown as { subarray(a: number, b: number): T }).subarray(
      child.offset + offsets[0],
      child.offset + offsets[data.length],
    );
    // Offsets must start at 0 for the CSR form.
    return { offsets: offsets[0] === 0 ? offsets : offsets.map((o: number) => o - offsets[0]), ids };
  };
  const credits = list<Int32Array>('artist_ids');
  const genres = list<Uint16Array>('genre_ids');
  const summary = meta.get('summary');
  const floats = {} as Record<FloatFeature, Float32Array>;
  for (const f of FLOAT_FEATURES) floats[f] = values(f);
  const trackId = yield* utf8Strings(col('track_id'));
  const trackName = yield* utf8Strings(col('track_name'));
  const albumName = yield* utf8Strings(col('album_name'));
  const columns: CatalogColumns = {
    size: n,
    trackId,
    trackName,
    albumName,
    popularity: values('popularity'),
    durationMs: values('duration_ms'),
    explicit: values('explicit'),
    ...floats,
    key: values('key'),
    mode: values('mode'),
    timeSignature: values('time_signature'),
    artistOffsets: credits.offsets,
    artistIds: credits.ids,
    artists: JSON.parse(meta.get('artists') ?? '[]'),
    genreOffsets: genres.offsets,
    genreIds: genres.ids,
    genres: JSON.parse(meta.get('genres') ?? '[]'),
  };
  return { columns, summary: summary ? JSON.parse(summary) : null, fingerprint: meta.get('fingerprint') ?? null };
}

// ---- strings ---------------------------------------------------------------
// Encoding and decoding whole columns at once: one TextEncoder/TextDecoder call
// per column instead of one per string.

function utf8Data(strings: string[]): Data<Utf8> {
  const joined = strings.join('');
  const bytes = encoder.encode(joined);
  const offsets = new Int32Array(strings.length + 1);
  let o = 0;
  if (bytes.length === joined.length) {
    // ASCII: a character is a byte.
    for (let i = 0; i < strings.length; i++) offsets[i + 1] = o += strings[i].length;
  } else {
    // A string's bytes are its characters plus the extra bytes of its
    // non-ASCII ones, which a regex finds far faster than a loop over every
    // character. Extra bytes as TextEncoder writes them: one for U+0080..07FF,
    // two for the rest, and a surrogate pair (two units, four bytes) two.
    NON_ASCII.lastIndex = 0;
    let run = NON_ASCII.exec(joined);
    let p = run ? run.index : joined.length; // next non-ASCII character
    let runEnd = run ? p + run[0].length : 0;
    let extra = 0;
    let end = 0;
    for (let i = 0; i < strings.length; i++) {
      end += strings[i].length;
      while (p < end) {
        const c = joined.charCodeAt(p);
        if (c < 0x800) extra += 1;
        else if (c >= 0xd800 && c <= 0xdbff && p + 1 < end && (joined.charCodeAt(p + 1) & 0xfc00) === 0xdc00) {
          extra += 2;
          p++;
        } else extra += 2;
        if (++p === runEnd) {
          run = NON_ASCII.exec(joined);
          p = run ? run.index : joined.length;
          runEnd = run ? p + run[0].length : 0;
        }
      }
      offsets[i + 1] = end + extra;
    }
  }
  return makeData({ type: new Utf8(), length: strings.length, nullCount: 0, valueOffsets: offsets, data: bytes });
}
const NON_ASCII = /[^\x00-\x7f]+/g;

function listData(itemType: Int32 | Uint16, offsets: Int32Array, ids: Int32Array | Uint16Array): Data {
  const child = makeData({ type: itemType, length: ids.length, nullCount: 0, data: ids } as never) as Data;
  return makeData({
    type: new List(new Field('item', itemType, false)),
    length: offsets.length - 1,
    nullCount: 0,
    valueOffsets: offsets,
    child,
  } as never) as Data;
}

function* utf8Strings(d: Data): Steps<string[]> {
  const offsets = d.valueOffsets.subarray(d.offset, d.offset + d.length + 1);
  const out = new Array<string>(d.length);
  // A chunk of rows at a time, each decoded on its own (a row boundary is a
  // character boundary), so no single step decodes a whole column.
  for (let from = 0; from < d.length; from += STEP_ROWS) {
    if (from > 0) yield;
    utf8Rows(d.values as Uint8Array, offsets, from, Math.min(d.length, from + STEP_ROWS), out);
  }
  return out;
}

/** Rows [from, to) of a Utf8 column into out. */
function utf8Rows(values: Uint8Array, offsets: Int32Array, from: number, to: number, out: string[]): void {
  const base = offsets[from];
  const bytes = values.subarray(base, offsets[to]);
  const text = decoder.decode(bytes);
  if (text.length === bytes.length) {
    // ASCII: byte offsets are character offsets.
    for (let i = from; i < to; i++) out[i] = text.slice(offsets[i] - base, offsets[i + 1] - base);
    return;
  }
  // Otherwise walk the text and the bytes together: an ASCII character is
  // one byte, and the others, which a regex finds far faster than a loop
  // over every byte, take as many as TextEncoder wrote for them (see
  // utf8Data).
  NON_ASCII.lastIndex = 0;
  let run = NON_ASCII.exec(text);
  let next = run ? run.index : text.length; // the next non-ASCII character
  let runEnd = run ? next + run[0].length : text.length;
  let p = 0; // characters read
  let read = 0; // their bytes
  for (let i = from; i < to; i++) {
    const start = p;
    const end = offsets[i + 1] - base;
    while (read < end && p < text.length) {
      if (p < next) {
        const ascii = Math.min(next - p, end - read);
        p += ascii;
        read += ascii;
        continue;
      }
      const c = text.charCodeAt(p);
      if (c < 0x800) {
        read += 2;
        p++;
      } else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(p + 1) & 0xfc00) === 0xdc00) {
        read += 4;
        p += 2;
      } else {
        read += 3;
        p++;
      }
      if (p < runEnd) next = p;
      else {
        run = NON_ASCII.exec(text);
        next = run ? run.index : text.length;
        runEnd = run ? next + run[0].length : text.length;
      }
    }
    out[i] = text.slice(start, p);
  }
}
