// A push-style CSV row reader on uDSV's incremental parser: feed it chunks of
// bytes or text as they arrive (File.stream() in the worker), get rows out.
// Memory stays bounded by the chunk size: nothing is accumulated here.
import { inferSchema, initParser, type Parser } from 'udsv';
import { assertText, ImportError, utf8Decoder } from './play.ts';

interface CsvReaderOptions {
  /** Column delimiter; guessed from the first line (tab, pipe, semicolon, comma) when absent. */
  delimiter?: string;
  /** File name, for error messages. */
  file?: string;
  /** Drop '#' comment lines at the start (Libre.fm's export begins with some). */
  leadingComments?: boolean;
}

interface CsvRowReader {
  push(chunk: string | Uint8Array): void;
  end(): void;
  /** Bytes or characters pushed so far (for progress). */
  readonly consumed: number;
}

/** How much text to look at before fixing the delimiter and column count. */
const HEAD_CHARS = 64 * 1024;

/** onRow gets each row's fields and its 1-based row number (empty lines skipped). */
export function csvRowReader(
  onRow: (fields: string[], row: number) => void,
  opts: CsvReaderOptions = {},
): CsvRowReader {
  const decode = utf8Decoder(opts.file);
  let head = '';
  let checked = false;
  let parser: Parser | null = null;
  let rows = 0;
  let consumed = 0;
  const each = (r: string[]): void => onRow(r, ++rows);

  const start = (raw: string): void => {
    const text = opts.leadingComments ? raw.replace(/^(?:\uFEFF)?(?:#[^\n]*\n)+/, '') : raw;
    const probe = text.includes('\n') || text.includes('\r') ? text : text + '\n';
    const schema = inferSchema(probe, { header: () => [], col: opts.delimiter ?? null, encl: '"' });
    parser = initParser(schema);
    parser.chunk<string[]>(text, parser.stringArrs, each);
  };

  const feed = (text: string): void => {
    if (parser) {
      parser.chunk<string[]>(text, parser.stringArrs, each);
      return;
    }
    head += text;
    if (!checked && head.length) {
      if (head.includes('\u0000')) throw new ImportError('binary', 'this is a binary file, not text', opts.file);
      checked = true;
    }
    // Wait for a whole first line (and some more) so the delimiter guess sees real rows.
    if (head.length >= HEAD_CHARS && /[\r\n]/.test(head)) {
      const h = head;
      head = '';
      start(h);
    }
  };

  return {
    get consumed() {
      return consumed;
    },
    push(chunk) {
      consumed += chunk.length;
      if (typeof chunk === 'string') return feed(chunk);
      if (!checked) assertText(chunk, opts.file);
      feed(decode(chunk));
    },
    end() {
      const tail = decode(undefined, false);
      if (tail) feed(tail);
      if (!parser) {
        if (!head.trim()) throw new ImportError('empty', 'the file is empty', opts.file);
        const h = head;
        head = '';
        start(h);
      }
      (parser as Parser | null)?.end();
      if (rows === 0) throw new ImportError('empty', 'the file has no rows', opts.file);
    },
  };
}
