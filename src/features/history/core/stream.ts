// The three shapes every importer is built on, each pushed bytes as the file
// arrives and ending in an ImportResult: CSV rows, JSON Lines records, and
// JSON documents (split into records as they stream, json-split.ts). Each
// format module only says how its header or records map to plays.
import { normalizeName } from '../../../lib/keys.ts';
import { csvRowReader } from './csv-stream.ts';
import { jsonArraySplitter, JsonSplitError } from './json-split.ts';
import { assertText, ImportError, ImportTally, utf8Decoder, type ImportOptions, type ImportResult, type PlaySource } from './play.ts';

export interface StreamingImporter {
  push(chunk: string | Uint8Array): void;
  end(): ImportResult;
  /** Bytes (or characters) pushed so far, for a progress bar. */
  readonly consumed: number;
}

export type ImporterOptions = ImportOptions & { file?: string };

/** An importer over a reader of pushed bytes; `done` gives the result once the reader has ended. */
export function readerImporter(reader: { push(c: string | Uint8Array): void; end(): void; readonly consumed: number }, done: () => ImportResult): StreamingImporter {
  return {
    get consumed() {
      return reader.consumed;
    },
    push: (c) => reader.push(c),
    end() {
      reader.end();
      return done();
    },
  };
}

/** A header cell as a lookup key: "Artist Name(s)" → "artistnames". */
export const headerKey = (s: string): string => normalizeName(s).replace(/ /g, '');

/** Index of the first header cell named like one of `names` (keys), or -1. */
export function column(keys: readonly string[], ...names: string[]): number {
  for (const n of names) {
    const i = keys.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

/** How many records to read before deciding the file is not in this format. */
const PROBE = 20;

function finish(t: ImportTally, what: string, file: string | undefined, firstBad: string): ImportResult {
  const r = t.result;
  if (r.read === 0) throw new ImportError('empty', `the file has no ${what}`, file);
  if (t.kept === 0)
    throw new ImportError('wrong-columns', `none of the ${r.read} ${what} could be read${firstBad ? ` (${firstBad})` : ''}`, file);
  r.files.push(file ?? 'history');
  return t.finish();
}

/** Wraps a drop so the first reason is kept for a refusal message. */
function prober(t: ImportTally, what: string, file?: string) {
  let firstBad = '';
  return {
    drop(reason: string, where: string): void {
      t.drop(reason, where);
      if (!firstBad) firstBad = `${where}: ${reason}`;
    },
    check(): void {
      if (t.result.read === PROBE && t.kept === 0)
        throw new ImportError('wrong-columns', `none of the first ${PROBE} ${what} could be read (${firstBad})`, file);
    },
    get firstBad() {
      return firstBad;
    },
  };
}

type Drop = (reason: string, where: string) => void;

interface CsvSpec<L> {
  source: PlaySource;
  delimiter?: string;
  /** Lines starting with '#' before the header are comments (Libre.fm, .scrobbler.log). */
  comments?: boolean;
  /** The header row → a layout (throws a clear wrong-columns error when it is not one). */
  header(cells: string[], keys: string[]): L;
  row(f: string[], layout: L, where: string, t: ImportTally, drop: Drop): void;
}

export function csvImporter<L>(spec: CsvSpec<L>, opts: ImporterOptions = {}): StreamingImporter {
  const t = new ImportTally(spec.source, opts);
  const p = prober(t, 'rows', opts.file);
  let layout: L | undefined;
  const reader = csvRowReader(
    (f, row) => {
      if (layout === undefined) {
        layout = spec.header(f, f.map(headerKey));
        return;
      }
      if (f.length === 1 && f[0] === '') return;
      t.result.read++;
      const where = `row ${row}`;
      if (f.some((x) => x.includes('\n'))) p.drop('malformed row', where);
      else spec.row(f, layout, where, t, p.drop);
      p.check();
    },
    { delimiter: spec.delimiter, file: opts.file, leadingComments: spec.comments },
  );
  return readerImporter(reader, () => finish(t, 'rows', opts.file, p.firstBad));
}

export interface RecordSpec {
  source: PlaySource;
  record(e: Record<string, unknown>, where: string, t: ImportTally, drop: Drop): void;
}

interface LineSpec {
  source: PlaySource;
  /** One non-empty line (BOM and CR removed); `false` when it is not a record (a comment). */
  line(text: string, where: string, t: ImportTally, drop: Drop): boolean | void;
}

/** Splits pushed bytes into lines (BOM and CR removed, blank lines skipped): bounded memory. */
export function lineReader(onLine: (text: string, line: number) => void, file?: string): { push(c: string | Uint8Array): void; end(): void; readonly consumed: number } {
  const decode = utf8Decoder(file);
  let rest = '';
  let line = 0;
  let consumed = 0;
  let checked = false;
  const one = (s: string): void => {
    line++;
    let text = line === 1 ? s.replace(/^\uFEFF/, '') : s;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim()) onLine(text, line);
  };
  const feed = (s: string): void => {
    const lines = (rest + s).split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) one(l);
  };
  return {
    get consumed() {
      return consumed;
    },
    push(c) {
      consumed += c.length;
      if (typeof c === 'string') return feed(c);
      if (!checked) assertText(c, file), (checked = true);
      feed(decode(c));
    },
    end() {
      feed(decode(undefined, false));
      if (rest) one(rest), (rest = '');
      if (!consumed) throw new ImportError('empty', 'the file is empty', file);
    },
  };
}

/** A text file read line by line (.scrobbler.log; JSON Lines has its own, below). */
export function lineImporter(spec: LineSpec, opts: ImporterOptions = {}): StreamingImporter {
  const t = new ImportTally(spec.source, opts);
  const p = prober(t, 'records', opts.file);
  const reader = lineReader((text, line) => {
    const before = t.result.read;
    t.result.read++;
    if (spec.line(text, `line ${line}`, t, p.drop) === false) t.result.read = before;
    else p.check();
  }, opts.file);
  return readerImporter(reader, () => finish(t, 'records', opts.file, p.firstBad));
}

/** JSON Lines: one object per line; a bad line is dropped, not fatal. The lines
 *  of each pushed chunk are parsed together, as one array (one JSON.parse per
 *  line cost ~3x more); when that fails, line by line, to say which is bad. */
export function jsonLinesImporter(spec: RecordSpec, opts: ImporterOptions = {}): StreamingImporter {
  const t = new ImportTally(spec.source, opts);
  const p = prober(t, 'records', opts.file);
  let texts: string[] = [];
  let lines: number[] = [];
  const one = (e: unknown, where: string): void => {
    if (!e || typeof e !== 'object' || Array.isArray(e)) p.drop('not a JSON object', where);
    else spec.record(e as Record<string, unknown>, where, t, p.drop);
  };
  const flush = (): void => {
    let values: unknown[] | null = null;
    if (texts.length > 1) {
      try {
        // A 0 between the lines: only when it sits at the top level between
        // exactly one object per line is each line a whole object on its own
        // (two broken lines could otherwise merge into two good values).
        const all = JSON.parse(`[${texts.join('\n,0,')}]`) as unknown[];
        const isObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);
        if (all.length === 2 * texts.length - 1 && all.every((v, i) => (i % 2 ? v === 0 : isObject(v)))) values = all.filter((_, i) => i % 2 === 0);
      } catch {
        // One line is not JSON: below, one by one.
      }
    }
    for (let i = 0; i < texts.length; i++) {
      const where = `line ${lines[i]}`;
      t.result.read++;
      if (values) one(values[i], where);
      else {
        let e: unknown;
        try {
          e = JSON.parse(texts[i]);
        } catch {
          p.drop('not JSON', where);
          p.check();
          continue;
        }
        one(e, where);
      }
      p.check();
    }
    texts = [];
    lines = [];
  };
  const reader = lineReader((text, line) => {
    texts.push(text);
    lines.push(line);
    if (texts.length >= 512) flush();
  }, opts.file);
  return readerImporter(
    {
      get consumed() {
        return reader.consumed;
      },
      push(c) {
        reader.push(c);
        flush();
      },
      end() {
        reader.end();
        flush();
      },
    },
    () => finish(t, 'records', opts.file, p.firstBad),
  );
}

interface DocumentSpec extends RecordSpec {
  /** Where the records are, by path from the root (see json-split.ts): arrays of records… */
  arrays: string[][];
  /** …and objects taken whole (a Last.fm page); records() turns these into records. */
  objects?: string[][];
  /** One element found at arrays[i] (or the object at objects[i - arrays.length]) → its records; default: itself. */
  records?(value: unknown, pathIndex: number): unknown[];
  /** The wrong-columns message when the document has none of those (a JSON file of another kind). */
  notFound: string;
  /** Several files counted as one import (Spotify's history files): their tally, and no
   *  per-file refusal when every record is dropped or there are none; the caller decides. */
  tally?: ImportTally;
}

const JSON_ERROR = { empty: 'empty', truncated: 'bad-json', invalid: 'bad-json' } as const;

/** A JSON document streamed record by record (json-split.ts): bounded memory, whatever its size. */
export function jsonDocumentImporter(spec: DocumentSpec, opts: ImporterOptions = {}): StreamingImporter {
  const decode = utf8Decoder(opts.file);
  const t = spec.tally ?? new ImportTally(spec.source, opts);
  const p = prober(t, 'records', opts.file);
  let n = 0;
  const one = (e: unknown): void => {
    t.result.read++;
    const where = `${opts.file ?? 'file'} #${++n}`;
    if (!e || typeof e !== 'object' || Array.isArray(e)) p.drop('not a JSON object', where);
    else spec.record(e as Record<string, unknown>, where, t, p.drop);
    if (!spec.tally) p.check();
  };
  const splitter = jsonArraySplitter(
    spec.arrays,
    (value, at) => {
      if (!spec.records) return one(value);
      for (const e of spec.records(value, at)) one(e);
    },
    spec.objects,
  );
  const guard = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof JsonSplitError) throw new ImportError(JSON_ERROR[e.kind], e.message, opts.file);
      throw e;
    }
  };
  let consumed = 0;
  let checked = false;
  return {
    get consumed() {
      return consumed;
    },
    push(c) {
      consumed += c.length;
      if (typeof c === 'string') {
        if (!checked && c.includes('\u0000')) throw new ImportError('binary', 'this is a binary file, not JSON', opts.file);
        checked = true;
        return guard(() => splitter.push(c));
      }
      if (!checked) assertText(c, opts.file), (checked = true);
      const text = decode(c);
      guard(() => splitter.push(text));
    },
    end() {
      const tail = decode(undefined, false);
      const found = guard(() => (splitter.push(tail), splitter.end()));
      if (!found.size) throw new ImportError('wrong-columns', spec.notFound, opts.file);
      if (spec.tally) return t.result.files.push(opts.file ?? 'history'), t.result;
      return finish(t, 'records', opts.file, p.firstBad);
    },
  };
}

export const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
