// CSV text in chunks of any size → records, each handed on as its fields with
// its line number. uDSV does the field parsing. It is built for well-formed
// CSV (a short row makes it run on into the next line; extra columns end up
// in the last field), so every row it returns is checked against the text
// before it is used: the walk keeps the position of the next record, and a
// row without quotes must reach exactly to the next newline (a cheap check,
// done for nearly every row); rows with quotes, blank lines and mismatches
// are checked the careful way. A row that does not match is parsed on its own
// and rejected alone, never mixed into its neighbours. Line numbers advance
// with the walk.
import { inferSchema, initParser, type Parser, type Schema } from 'udsv';
import { CatalogFormatError } from './catalog.ts';

/** Where records go: the header once, then each record or its rejection. */
interface RecordSink {
  header(header: string, names: string[]): void;
  add(row: string[], line: number): void;
  reject(line: number, reason: string): void;
}

const CR = 13;
const LF = 10;
const QUOTE = 34;
const COMMA = 44;

export class CsvFraming {
  // Text not yet used; it always starts at a record boundary, on line `line`.
  private carry = '';
  private line = 1;
  private started = false;

  /** Columns in the header; 0 until it is read. */
  private ncols = 0;
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
  /** Data rows seen so far, kept or not. */
  rowsRead = 0;

  constructor(private readonly sink: RecordSink) {}

  /** Whether the header has been read. */
  get hasHeader(): boolean {
    return this.parser !== null;
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

  /** Uses what is left: the last record may lack its newline. */
  end(): void {
    this.take(this.carry, true);
  }

  /** Uses every complete record in `text` and keeps the rest for the next chunk. */
  private take(text: string, atEnd: boolean): void {
    this.text = text;
    this.pos = 0;
    this.nextQuote = -1;
    this.stopped = false;
    // Records end at a newline; anything after the last one waits (or, at the
    // end, is the last line without its newline).
    const limit = text.lastIndexOf('\n') + 1;
    if (!this.parser) this.findHeader(limit);
    if (this.parser) {
      while (this.pos < limit && !this.stopped) {
        this.badStart = -1;
        this.parser.stringArrs(this.pos === 0 && limit === text.length ? text : text.slice(this.pos, limit), this.onRow);
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
    if (!this.parser) {
      if (inQuote) throw new CatalogFormatError('The header line never ends (an opening quote is not closed).');
      this.readHeader(tail, false);
      return;
    }
    this.rowsRead++;
    const row = inQuote ? null : this.parseOne(tail);
    if (row === null) this.sink.reject(this.line, 'truncated last line');
    else this.sink.add(row, this.line);
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

  private readHeader(header: string, crlf: boolean): void {
    const names = inferSchema(header + '\n', { col: ',', row: '\n', encl: '"' }).cols.map((c) =>
      String(c.name).trim().toLowerCase(),
    );
    this.sink.header(header, names);
    this.ncols = names.length;
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
    if (ncols === this.ncols) {
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
        this.sink.add(row, this.line);
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
      this.sink.add(row, line);
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

  /** Whether a row uDSV returned is exactly the record text[from, to). A
   *  record without quotes is its fields joined by commas, so lengths must add
   *  up; one with quotes (shorter than its text) or a comma in its last field
   *  is checked by counting its fields. */
  private matches(row: string[], from: number, to: number): boolean {
    const ncols = this.ncols;
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
    if (row === null) this.sink.reject(line, 'wrong column count');
    else this.sink.add(row, line);
  }

  /** One record's fields, or null when it does not have the header's column count. */
  private parseOne(record: string): string[] | null {
    const rows = this.parser!.stringArrs(record + this.rowDelim) as string[][];
    const ncols = this.ncols;
    if (rows.length !== 1 || rows[0].length !== ncols) return null;
    if (fieldCount(record, 0, record.length) !== ncols) return null;
    return rows[0];
  }
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
