// Streaming CSV → catalog columns, for the Spotify Tracks format. Pure: runs in
// the import worker and in Node alike; text comes in as chunks of any size.
//
// uDSV does the field parsing. It is built for well-formed CSV (a short row
// makes it run on into the next line; extra columns end up in the last field),
// so every row it returns is checked against the text before it is used: the
// walk keeps the position of the next record, and a row without quotes must
// reach exactly to the next newline (a cheap check, done for nearly every
// row); rows with quotes, blank lines and mismatches are checked the careful
// way. A row that does not match is parsed on its own and rejected alone,
// never mixed into its neighbours. Line numbers advance with the walk.
import { inferSchema, initParser, type Parser, type Schema } from 'udsv';
import { FLOAT_FEATURES, type CatalogColumns, type CatalogSummary, type FloatFeature } from './catalog.ts';
import { hashString, StringIds } from './string-ids.ts';

/** A file that is not a catalog at all; the message says what is wrong. */
export class CatalogFormatError extends Error {
  override name = 'CatalogFormatError';
}

export const REQUIRED_COLUMNS = [
  'track_id',
  'artists',
  'track_name',
  'danceability',
  'energy',
  'key',
  'loudness',
  'mode',
  'speechiness',
  'acousticness',
  'instrumentalness',
  'liveness',
  'valence',
  'tempo',
  'time_signature',
  'duration_ms',
] as const;
export const OPTIONAL_COLUMNS = ['album_name', 'popularity', 'explicit', 'track_genre'] as const;

/** How many rejected rows keep their line number in the summary. */
const MAX_SAMPLES = 50;
const CR = 13;
const LF = 10;
const QUOTE = 34;
const COMMA = 44;

interface Layout {
  ncols: number;
  trackId: number;
  artists: number;
  trackName: number;
  album: number;
  popularity: number;
  explicit: number;
  genre: number;
  durationMs: number;
  key: number;
  mode: number;
  timeSignature: number;
  floats: Int32Array;
}

/** Typed-array column that grows by doubling. */
function grow<T extends Uint8Array | Int8Array | Uint16Array | Uint32Array | Int32Array | Float32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class CatalogIngest {
  // Text not yet used; it always starts at a record boundary, on line `line`.
  private carry = '';
  private line = 1;
  private started = false;

  private layout: Layout | null = null;
  private parser: Parser | null = null;
  private rowDelim = '\n';
  private crlf = false;

  // Walk state while uDSV runs over `text`: `pos` is the start of the next
  // record, on line `line`; `nextQuote` the first '"' at or after some earlier
  // pos (re-found when passed).
  private text = '';
  private pos = 0;
  private nextQuote = -1;
  /** Set when the record at pos is incomplete (a quote still open): wait for more text. */
  private stopped = false;
  /** A record uDSV ran into its neighbour: [badStart, badEnd) on badLine, to parse alone. */
  private badStart = -1;
  private badEnd = 0;
  private badLine = 0;
  /** Newlines inside the last record recordEnd found (quoted line breaks). */
  private innerLines = 0;
  // Results.
  private rowsRead = 0;
  private duplicateRows = 0;
  private rejected = 0;
  private rejectedByReason: Record<string, number> = {};
  private rejectedSamples: { line: number; reason: string }[] = [];

  /** Distinct track ids; a track's index is its id here. */
  private trackIds = new StringIds();
  private trackName: string[] = [];
  private albumName: string[] = [];
  private popularity = new Uint8Array(1024);
  private durationMs = new Uint32Array(1024);
  private explicit = new Uint8Array(1024);
  private key = new Int8Array(1024);
  private mode = new Int8Array(1024);
  private timeSignature = new Int8Array(1024);
  private floats: Float32Array[] = FLOAT_FEATURES.map(() => new Float32Array(1024));
  private artistOffsets = new Int32Array(1025);
  private artistIds = new Int32Array(2048);
  private nCredits = 0;
  private artistNames = new StringIds();
  // (track, genre) pairs in file order; folded into CSR at the end, because a
  // track's later genres arrive after other tracks.
  private pairTrack = new Int32Array(1024);
  private pairGenre = new Uint16Array(1024);
  private nPairs = 0;
  private genreNames = new StringIds();
  private lastGenre = '';
  private lastGenreId = -1;
  // Scratch for one row's numbers before it is accepted.
  private num = new Float64Array(FLOAT_FEATURES.length);
  private credits = new Int32Array(64);

  /** Data rows seen so far (for progress). */
  get rows(): number {
    return this.rowsRead;
  }

  push(chunk: string): void {
    if (chunk.length === 0) return;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      // Bytes that are not UTF-8 decode to U+FFFD; a text file has few or none.
      const head = chunk.slice(0, 4096);
      if ((head.match(/\uFFFD/g)?.length ?? 0) > head.length / 10) {
        throw new CatalogFormatError('This is a binary file, not a CSV text file (it is not valid UTF-8 text).');
      }
    }
    // lastIndexOf, not indexOf: in a two-byte string (a chunk with any
    // character past Latin-1) V8's indexOf('\0') measured half as fast, likely
    // because its byte search stops at the zero high byte of every ASCII
    // character.
    if (chunk.lastIndexOf('\0') !== -1) {
      throw new CatalogFormatError(
        'This is a binary file, not a CSV text file (it contains NUL bytes; a CSV saved as UTF-16 must be saved as UTF-8).',
      );
    }
    const nl = this.carry === '' ? -1 : chunk.indexOf('\n');
    if (nl === -1) {
      this.take(this.carry + chunk, false);
      return;
    }
    // Finish the carried record with the chunk's first line, then use the rest
    // of the chunk as it is: joining it to the carry would copy the whole chunk.
    this.take(this.carry + chunk.slice(0, nl + 1), false);
    const rest = chunk.slice(nl + 1);
    this.take(this.carry === '' ? rest : this.carry + rest, false);
  }

  end(): { columns: CatalogColumns; summary: CatalogSummary } {
    this.take(this.carry, true);
    if (!this.layout) {
      throw new CatalogFormatError('The file is empty.');
    }
    if (this.trackIds.size === 0) {
      const why = Object.entries(this.rejectedByReason)
        .map(([r, n]) => `${n} ${r}`)
        .join(', ');
      throw new CatalogFormatError(
        this.rowsRead === 0 ? 'The file has a header but no rows.' : `No valid rows: all ${this.rowsRead} rows were rejected (${why}).`,
      );
    }
    return { columns: this.columns(), summary: this.summary() };
  }

  // ---- records -------------------------------------------------------------

  /** Uses every complete record in `text` and keeps the rest for the next chunk. */
  private take(text: string, atEnd: boolean): void {
    this.text = text;
    this.pos = 0;
    this.nextQuote = -1;
    this.stopped = false;
    // Records end at a newline; anything after the last one waits (or, at the
    // end, is the last line without its newline).
    const limit = text.lastIndexOf('\n') + 1;
    if (!this.layout) this.findHeader(limit);
    if (this.layout) {
      while (this.pos < limit && !this.stopped) {
        this.badStart = -1;
        this.parser!.stringArrs(this.pos === 0 && limit === text.length ? text : text.slice(this.pos, limit), this.onRow);
        if (this.badStart !== -1) {
          this.addOne(this.badStart, this.badEnd, this.badLine);
          continue;
        }
        // uDSV drops a short last record silently: whatever is left is malformed.
        while (this.pos < limit && !this.stopped) this.takeOne(limit);
      }
    }
    const rest = this.pos;
    this.text = '';
    if (!atEnd) {
      this.carry = rest === 0 ? text : text.slice(rest);
      return;
    }
    // End of input: what is left is one record without a final newline.
    this.carry = '';
    let tail = text.slice(rest);
    const inQuote = (tail.split('"').length - 1) % 2 === 1;
    if (tail.charCodeAt(tail.length - 1) === CR) tail = tail.slice(0, -1);
    if (tail.trim() === '' && !inQuote) return;
    if (!this.layout) {
      if (inQuote) throw new CatalogFormatError('The header line never ends (an opening quote is not closed).');
      this.readHeader(tail, false);
      return;
    }
    this.rowsRead++;
    const row = inQuote ? null : this.parseOne(tail);
    if (row === null) this.reject(this.line, 'truncated last line');
    else this.addRow(row, this.line);
  }

  /** Reads the header from the first non-blank record, if it is complete. */
  private findHeader(limit: number): void {
    const text = this.text;
    while (this.pos < limit) {
      const nl = this.recordEnd(this.pos, limit);
      if (nl === -1) return;
      let end = nl;
      if (end > this.pos && text.charCodeAt(end - 1) === CR) end--;
      const header = text.slice(this.pos, end);
      this.line += 1 + this.innerLines;
      this.pos = nl + 1;
      if (header.trim() !== '') {
        this.readHeader(header, text.charCodeAt(nl - 1) === CR);
        return;
      }
    }
  }

  /** Index of the newline that ends the record starting at `from` (the first
   *  one outside quotes) before `limit`, or -1; counts the quoted newlines
   *  passed in innerLines. */
  private recordEnd(from: number, limit: number): number {
    const text = this.text;
    let inner = 0;
    let q = text.indexOf('"', from);
    let pos = from;
    let inQuote = false;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl === -1 || nl >= limit) return -1;
      while (q !== -1 && q < nl) {
        inQuote = !inQuote;
        q = text.indexOf('"', q + 1);
      }
      if (!inQuote) {
        this.innerLines = inner;
        return nl;
      }
      inner++;
      pos = nl + 1;
    }
  }

  /** uDSV's callback, once per row it parsed. The row is checked against the
   *  text at `pos` before it is used. A record without quotes matches when its
   *  fields and commas add up to the distance to the next newline (a short
   *  row that uDSV ran into the next line has a newline before that; extra
   *  columns leave a comma in the last field). Anything else (quotes, blank
   *  lines, a mismatch) goes the careful way, in `checkRow`. */
  private onRow = (row: string[]): boolean => {
    const text = this.text;
    const pos = this.pos;
    const ncols = row.length;
    if (ncols === this.layout!.ncols) {
      let end = pos + ncols - 1;
      for (let f = 0; f < ncols; f++) end += row[f].length;
      if (this.nextQuote < pos && this.nextQuote !== -2) {
        this.nextQuote = text.indexOf('"', pos);
        if (this.nextQuote === -1) this.nextQuote = -2; // none left in this text
      }
      const nl = this.crlf ? end + 1 : end;
      if (
        (this.nextQuote === -2 || this.nextQuote > end) &&
        text.charCodeAt(nl) === LF &&
        text.charCodeAt(end - 1) !== CR &&
        (!this.crlf || text.charCodeAt(end) === CR) &&
        text.indexOf('\n', pos) === nl &&
        row[ncols - 1].indexOf(',') === -1
      ) {
        this.rowsRead++;
        this.addRow(row, this.line);
        this.pos = nl + 1;
        this.line++;
        return true;
      }
    }
    return this.checkRow(row);
  };

  private checkRow(row: string[]): boolean {
    const text = this.text;
    // Blank lines: uDSV skips them without a row.
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === LF) this.pos++;
      else if (c === CR && text.charCodeAt(this.pos + 1) === LF) this.pos += 2;
      else break;
      this.line++;
    }
    const pos = this.pos;
    const nl = this.recordEnd(pos, text.length);
    if (nl === -1) {
      this.stopped = true;
      return false;
    }
    const end = nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    const line = this.line;
    this.pos = nl + 1;
    this.line += 1 + this.innerLines;
    this.rowsRead++;
    if (this.matches(row, pos, end)) {
      this.addRow(row, line);
      return true;
    }
    // uDSV ran this record into the next: parse it alone, then start again after it.
    this.badStart = pos;
    this.badEnd = end;
    this.badLine = line;
    return false;
  }

  /** Takes the record at `pos` on its own (one uDSV did not return). */
  private takeOne(limit: number): void {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === LF || (c === CR && text.charCodeAt(this.pos + 1) === LF)) {
      this.pos += c === LF ? 1 : 2;
      this.line++;
      return;
    }
    const nl = this.recordEnd(this.pos, limit);
    if (nl === -1) {
      this.stopped = true;
      return;
    }
    const end = nl > this.pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    const start = this.pos;
    const line = this.line;
    this.pos = nl + 1;
    this.line += 1 + this.innerLines;
    this.rowsRead++;
    this.addOne(start, end, line);
  }

  // ---- header --------------------------------------------------------------

  private readHeader(header: string, crlf: boolean): void {
    if (header.indexOf('\uFFFD') !== -1) {
      throw new CatalogFormatError('This file is not UTF-8 text (its header has bytes that are not valid text).');
    }
    const names = inferSchema(header + '\n', { col: ',', row: '\n', encl: '"' }).cols.map((c) =>
      String(c.name).trim().toLowerCase(),
    );
    const at = (name: string): number => names.indexOf(name);
    const missing = REQUIRED_COLUMNS.filter((c) => at(c) === -1);
    if (missing.length > 0) {
      for (const [sep, what] of [
        [';', 'semicolon'],
        ['\t', 'tab'],
      ] as const) {
        const parts = header.split(sep).map((s) => s.trim().replace(/^"|"$/g, '').toLowerCase());
        if (parts.includes('track_id') && parts.includes('artists')) {
          throw new CatalogFormatError(
            `This file is ${what}-separated; a catalog must be comma-separated CSV (as in the Spotify Tracks Dataset).`,
          );
        }
      }
      throw new CatalogFormatError(
        `The header is missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
      );
    }
    this.layout = {
      ncols: names.length,
      trackId: at('track_id'),
      artists: at('artists'),
      trackName: at('track_name'),
      album: at('album_name'),
      popularity: at('popularity'),
      explicit: at('explicit'),
      genre: at('track_genre'),
      durationMs: at('duration_ms'),
      key: at('key'),
      mode: at('mode'),
      timeSignature: at('time_signature'),
      floats: Int32Array.from(FLOAT_FEATURES, (f) => at(f)),
    };
    this.rowDelim = crlf ? '\r\n' : '\n';
    this.crlf = crlf;
    const schema = {
      skip: 0,
      col: ',',
      row: this.rowDelim,
      encl: '"',
      esc: '"',
      trim: false,
      cols: names.map((name) => ({ name, type: 's', repl: { empty: undefined, null: undefined, NaN: undefined } })),
    } as Schema;
    this.parser = initParser(schema);
  }

  // ---- rows ----------------------------------------------------------------

  /** Whether a row uDSV returned is exactly the record text[from, to). A
   *  record without quotes is its fields joined by commas, so lengths must add
   *  up; one with quotes (shorter than its text) or a comma in its last field
   *  is checked by counting its fields. */
  private matches(row: string[], from: number, to: number): boolean {
    const ncols = this.layout!.ncols;
    if (row.length !== ncols) return false;
    let len = ncols - 1;
    for (let f = 0; f < ncols; f++) len += row[f].length;
    const recLen = to - from;
    // uDSV runs extra columns into the last field, so a comma there needs a count.
    if (len === recLen && row[ncols - 1].indexOf(',') === -1) return true;
    return len <= recLen && fieldCount(this.text, from, to) === ncols;
  }

  /** Parses and adds the record text[from, to) on its own, or rejects it. */
  private addOne(from: number, to: number, line: number): void {
    const row = this.parseOne(this.text.slice(from, to));
    if (row === null) this.reject(line, 'wrong column count');
    else this.addRow(row, line);
  }

  /** One record's fields, or null when it does not have the header's column count. */
  private parseOne(record: string): string[] | null {
    const rows = this.parser!.stringArrs(record + this.rowDelim) as string[][];
    const ncols = this.layout!.ncols;
    if (rows.length !== 1 || rows[0].length !== ncols) return null;
    if (fieldCount(record, 0, record.length) !== ncols) return null;
    return rows[0];
  }

  private reject(line: number, reason: string): void {
    this.rejected++;
    this.rejectedByReason[reason] = (this.rejectedByReason[reason] ?? 0) + 1;
    if (this.rejectedSamples.length < MAX_SAMPLES) this.rejectedSamples.push({ line, reason });
  }

  /** Checks a row and adds it as a new track or a genre of a known one, or
   *  rejects it. */
  private addRow(row: string[], line: number): void {
    const L = this.layout!;
    const id = trimmed(row[L.trackId]);
    if (id === '') return this.reject(line, 'missing track_id');
    // A track seen before only adds its genre; its credits need no lookups.
    const idHash = hashString(id);
    const known = this.trackIds.find(id, idHash);
    const artistField = row[L.artists];
    const nCredits = known < 0 ? this.splitArtists(artistField) : namesSomeone(artistField) ? 1 : 0;
    if (nCredits === 0) return this.reject(line, 'missing artists');
    const name = row[L.trackName];
    if (isBlank(name)) return this.reject(line, 'missing track_name');

    const num = this.num;
    for (let f = 0; f < num.length; f++) {
      const x = toNumber(row[L.floats[f]]);
      if (!Number.isFinite(x)) return this.reject(line, `bad ${FLOAT_FEATURES[f]}`);
      num[f] = x;
    }
    const key = toNumber(row[L.key]);
    if (!(Number.isInteger(key) && key >= -1 && key <= 11)) return this.reject(line, 'bad key');
    const mode = toNumber(row[L.mode]);
    if (mode !== 0 && mode !== 1) return this.reject(line, 'bad mode');
    const ts = toNumber(row[L.timeSignature]);
    if (!(Number.isInteger(ts) && ts >= 0 && ts <= 127)) return this.reject(line, 'bad time_signature');
    const dur = toNumber(row[L.durationMs]);
    if (!(Number.isInteger(dur) && dur >= 0 && dur <= 0xffffffff)) return this.reject(line, 'bad duration_ms');
    let pop = 0;
    if (L.popularity >= 0) {
      pop = toNumber(row[L.popularity]);
      if (!(Number.isInteger(pop) && pop >= 0 && pop <= 100)) return this.reject(line, 'bad popularity');
    }
    let explicit = 0;
    if (L.explicit >= 0) {
      explicit = toBool(row[L.explicit]);
      if (explicit < 0) return this.reject(line, 'bad explicit');
    }
    let genre = -1;
    if (L.genre >= 0) {
      const g = row[L.genre];
      if (g === this.lastGenre && this.lastGenreId >= 0) genre = this.lastGenreId;
      else {
        const gt = g.trim();
        if (gt === '') return this.reject(line, 'missing track_genre');
        genre = this.genreId(gt);
        this.lastGenre = g;
        this.lastGenreId = genre;
      }
    }

    if (known >= 0) {
      // The same track listed under another genre: one track, more genres.
      this.duplicateRows++;
      if (genre >= 0) this.addGenre(known, genre);
      return;
    }
    const t = this.trackIds.add(id, idHash);
    this.ensureTracks(t + 1);
    for (let p = 0; p < this.nPending; p++) this.artistNames.add(this.pending[p], this.pendingHashes[p]);
    this.trackName.push(name);
    this.albumName.push(L.album >= 0 ? row[L.album] : '');
    this.popularity[t] = pop;
    this.durationMs[t] = dur;
    this.explicit[t] = explicit;
    this.key[t] = key;
    this.mode[t] = mode;
    this.timeSignature[t] = ts;
    for (let f = 0; f < num.length; f++) this.floats[f][t] = num[f];
    const c = this.nCredits;
    if (c + nCredits > this.artistIds.length) this.artistIds = grow(this.artistIds, c + nCredits);
    for (let j = 0; j < nCredits; j++) this.artistIds[c + j] = this.credits[j];
    this.nCredits = c + nCredits;
    this.artistOffsets[t + 1] = this.nCredits;
    if (genre >= 0) this.addGenre(t, genre);
  }

  /** Splits a credit field ("A; B;A") into artist ids in this.credits ([A,
   *  B]) and returns how many; 0 when it names nobody. Names not seen before
   *  get provisional ids (see pendingArtist). */
  private splitArtists(field: string): number {
    this.nPending = 0;
    if (field.indexOf(';') === -1) {
      const name = trimmed(field);
      if (name === '') return 0;
      this.credits[0] = this.pendingArtist(name);
      return 1;
    }
    let n = 0;
    // As field.split(';'), without the array.
    for (let start = 0; start <= field.length; ) {
      let semi = field.indexOf(';', start);
      if (semi === -1) semi = field.length;
      const name = trimmed(field.slice(start, semi));
      start = semi + 1;
      if (name === '') continue;
      const a = this.pendingArtist(name);
      let seen = false;
      for (let j = 0; j < n; j++) if (this.credits[j] === a) seen = true;
      if (seen) continue;
      if (n === this.credits.length) this.credits = grow(this.credits, n + 1);
      this.credits[n++] = a;
    }
    return n;
  }

  // A new name gets id (artists so far) + its place in `pending`, and is only
  // registered when its row is kept as a new track: a rejected or duplicate
  // row must not add artists. Reused arrays with a count: no garbage per row.
  private pending: string[] = [];
  private pendingHashes: number[] = [];
  private nPending = 0;
  private pendingArtist(name: string): number {
    const h = hashString(name);
    const a = this.artistNames.find(name, h);
    if (a >= 0) return a;
    const known = this.artistNames.size;
    for (let p = 0; p < this.nPending; p++) if (this.pendingHashes[p] === h && this.pending[p] === name) return known + p;
    this.pending[this.nPending] = name;
    this.pendingHashes[this.nPending] = h;
    return known + this.nPending++;
  }

  private ensureTracks(n: number): void {
    if (n <= this.popularity.length) return;
    this.popularity = grow(this.popularity, n);
    this.durationMs = grow(this.durationMs, n);
    this.explicit = grow(this.explicit, n);
    this.key = grow(this.key, n);
    this.mode = grow(this.mode, n);
    this.timeSignature = grow(this.timeSignature, n);
    this.floats = this.floats.map((a) => grow(a, n));
    this.artistOffsets = grow(this.artistOffsets, this.popularity.length + 1);
  }

  private genreId(name: string): number {
    const h = hashString(name);
    const g = this.genreNames.find(name, h);
    if (g >= 0) return g;
    if (this.genreNames.size > 0xffff) throw new CatalogFormatError('The file has more than 65,535 distinct genres.');
    return this.genreNames.add(name, h);
  }

  private addGenre(track: number, genre: number): void {
    if (this.nPairs === this.pairTrack.length) {
      this.pairTrack = grow(this.pairTrack, this.nPairs + 1);
      this.pairGenre = grow(this.pairGenre, this.nPairs + 1);
    }
    this.pairTrack[this.nPairs] = track;
    this.pairGenre[this.nPairs] = genre;
    this.nPairs++;
  }

  // ---- output --------------------------------------------------------------

  private columns(): CatalogColumns {
    const n = this.trackIds.size;
    // Genre CSR by counting sort; keeps file order within a track, drops repeats.
    const genreOffsets = new Int32Array(n + 1);
    for (let i = 0; i < this.nPairs; i++) genreOffsets[this.pairTrack[i] + 1]++;
    for (let t = 0; t < n; t++) genreOffsets[t + 1] += genreOffsets[t];
    const fill = genreOffsets.slice(0, n);
    const all = new Uint16Array(this.nPairs);
    for (let i = 0; i < this.nPairs; i++) all[fill[this.pairTrack[i]]++] = this.pairGenre[i];
    const genreIds = new Uint16Array(this.nPairs);
    const offsets = new Int32Array(n + 1);
    let k = 0;
    for (let t = 0; t < n; t++) {
      const start = k;
      for (let j = genreOffsets[t]; j < genreOffsets[t + 1]; j++) {
        const g = all[j];
        let seen = false;
        for (let m = start; m < k; m++) if (genreIds[m] === g) seen = true;
        if (!seen) genreIds[k++] = g;
      }
      offsets[t + 1] = k;
    }
    const f = (name: FloatFeature) => this.floats[FLOAT_FEATURES.indexOf(name)].slice(0, n);
    return {
      size: n,
      trackId: this.trackIds.keys,
      trackName: this.trackName,
      albumName: this.albumName,
      popularity: this.popularity.slice(0, n),
      durationMs: this.durationMs.slice(0, n),
      explicit: this.explicit.slice(0, n),
      danceability: f('danceability'),
      energy: f('energy'),
      loudness: f('loudness'),
      speechiness: f('speechiness'),
      acousticness: f('acousticness'),
      instrumentalness: f('instrumentalness'),
      liveness: f('liveness'),
      valence: f('valence'),
      tempo: f('tempo'),
      key: this.key.slice(0, n),
      mode: this.mode.slice(0, n),
      timeSignature: this.timeSignature.slice(0, n),
      artistOffsets: this.artistOffsets.slice(0, n + 1),
      artistIds: this.artistIds.slice(0, this.nCredits),
      artists: this.artistNames.keys,
      genreOffsets: offsets,
      genreIds: genreIds.slice(0, k),
      genres: this.genreNames.keys,
    };
  }

  private summary(): CatalogSummary {
    return {
      rowsRead: this.rowsRead,
      tracks: this.trackIds.size,
      artists: this.artistNames.size,
      genres: this.genreNames.size,
      duplicateRows: this.duplicateRows,
      rejected: this.rejected,
      rejectedByReason: { ...this.rejectedByReason },
      rejectedSamples: [...this.rejectedSamples],
      hasGenres: this.layout !== null && this.layout.genre >= 0,
    };
  }
}

/** Parses a whole CSV text (tests, benchmarks). Pushes it in 1 MB pieces as a
 *  stream would: one giant batch keeps every parsed row alive at once. */
export function ingestCsvText(text: string, chunkChars = 1 << 20): { columns: CatalogColumns; summary: CatalogSummary } {
  const ingest = new CatalogIngest();
  for (let i = 0; i < text.length; i += chunkChars) ingest.push(text.slice(i, i + chunkChars));
  return ingest.end();
}

/** Powers of ten that are exact doubles (10^22 is the last). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** A field as a number; NaN when it is not one. Plain decimals ("-6.746",
 *  "230666", "1.01e-06") are read digit by digit, which is faster than `+s`
 *  and exact: the digits (at most 15) make an exact integer, and one
 *  multiplication or division by an exact power of ten rounds once, as `+s`
 *  does. Anything else (long mantissas, huge exponents, odd forms) goes to
 *  `+s`. An empty field is missing, not zero (Number('') is 0). */
function toNumber(s: string): number {
  const n = s.length;
  if (n === 0) return NaN;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45) {
    neg = true;
    i = 1;
  }
  let v = 0;
  let digits = 0;
  let c = 0;
  for (; i < n; i++) {
    c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    digits++;
  }
  // The value is v * 10^-scale.
  let scale = 0;
  if (i < n && s.charCodeAt(i) === 46) {
    for (i++; i < n; i++) {
      c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
      digits++;
      scale++;
    }
  }
  if (i < n && (s.charCodeAt(i) | 32) === 101 && digits > 0) {
    scale -= exponent(s, i + 1);
    i = n;
  }
  if (i === n && digits > 0 && digits <= 15) {
    let x = v;
    if (scale > 0 && scale <= 22) x = v / POW10[scale];
    else if (scale < 0 && scale >= -22) x = v * POW10[-scale];
    else if (scale !== 0) return +s;
    return neg ? -x : x;
  }
  return s.trim() === '' ? NaN : +s;
}

/** The exponent of a number whose "e" ends just before `from`: 1 to 3 digits
 *  with an optional sign, to the end of s; or a value past any exact power of
 *  ten (so the caller takes the slow path) when it is anything else. */
function exponent(s: string, from: number): number {
  let i = from;
  const sign = s.charCodeAt(i);
  if (sign === 43 || sign === 45) i++;
  if (i === s.length || s.length - i > 3) return 1000;
  let e = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return 1000;
    e = e * 10 + c;
  }
  return sign === 45 ? -e : e;
}

function toBool(s: string): number {
  switch (s) {
    case 'False':
    case 'false':
    case 'FALSE':
    case '0':
      return 0;
    case 'True':
    case 'true':
    case 'TRUE':
    case '1':
      return 1;
    default:
      return -1;
  }
}

/** Whether a credit field has a name in it (as splitArtists would find one):
 *  a character that is neither ';' nor white space (\s is what trim removes). */
function namesSomeone(field: string): boolean {
  return field.indexOf(';') === -1 ? !isBlank(field) : NAME_CHAR.test(field);
}
const NAME_CHAR = /[^;\s]/;

/** s.trim(), without the call when there is nothing to trim (the usual case). */
function trimmed(s: string): string {
  return s.length > 0 && s.charCodeAt(0) > 32 && s.charCodeAt(s.length - 1) > 32 ? s : s.trim();
}

function isBlank(s: string): boolean {
  return s.length === 0 || ((s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) && s.trim() === '');
}

/** Fields in text[from, to), counting commas outside quotes. */
function fieldCount(text: string, from: number, to: number): number {
  let n = 1;
  let inQuote = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuote = !inQuote;
    else if (c === COMMA && !inQuote) n++;
  }
  return n;
}
