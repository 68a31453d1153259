// Last.fm scrobble exports: `artist,album,track,date` without a header (the
// common exporters), or any column order with a header (artist / album / track
// / uts or date). Dates: Unix seconds or ms, or UTC text like "31 Jan 2024 21:15".
// Streamable: push(chunk) as the file arrives, end() for the result.
import { normalizeName } from '../../../lib/keys.ts';
import { csvRowReader } from './csv-stream.ts';
import { ImportError, ImportTally, type ImportOptions, type ImportResult } from './play.ts';
import { readerImporter, type StreamingImporter } from './stream.ts';
import { parseUtcTime, precisionOf } from './time.ts';

interface Layout {
  artist: number;
  album: number;
  track: number;
  /** Columns to try for the time, best first. */
  time: number[];
}

const HEADER_NAMES = {
  artist: ['artist', 'artistname', 'artists', 'albumartist'],
  album: ['album', 'albumname'],
  track: ['track', 'trackname', 'title', 'song', 'name', 'songtitle'],
  time: ['uts', 'timestamp', 'date', 'utctime', 'time', 'playedat', 'datetime', 'scrobbletime', 'listenedat', 'utcdate'],
};

const key = (s: string): string => normalizeName(s).replace(/ /g, '');

/** Finds header columns; null when the row does not look like a header. */
function headerLayout(row: string[], file?: string): Layout | null {
  const keys = row.map(key);
  const find = (names: string[]): number[] =>
    names.map((n) => keys.indexOf(n)).filter((i) => i >= 0);
  const artist = find(HEADER_NAMES.artist);
  const track = find(HEADER_NAMES.track);
  const time = find(HEADER_NAMES.time);
  const album = find(HEADER_NAMES.album);
  const hits = [artist, track, time, album].filter((x) => x.length).length;
  if (hits < 2 || row.some((c) => parseUtcTime(c) !== null)) return null;
  const missing = [!artist.length && 'artist', !track.length && 'track', !time.length && 'date'].filter(Boolean);
  if (missing.length)
    throw new ImportError(
      'wrong-columns',
      `the header has no ${missing.join(', ')} column (found: ${row.join(', ')}); a Last.fm export has artist, album, track, date`,
      file,
    );
  return { artist: artist[0], album: album[0] ?? -1, track: track[0], time };
}

/** How many rows to read before deciding the file is not a scrobble export. */
const PROBE_ROWS = 20;

export function lastfmCsvImporter(opts: ImportOptions & { file?: string } = {}): StreamingImporter {
  const tally = new ImportTally('lastfm-csv', opts);
  let layout: Layout | null = null;
  let firstBad = '';

  const checkProbe = (): void => {
    const r = tally.result;
    if (r.listens + r.skips === 0 && r.read > 0)
      throw new ImportError(
        'wrong-columns',
        `none of the first ${r.read} rows is a scrobble (artist, album, track, date); e.g. ${firstBad}`,
        opts.file,
      );
  };

  const onRow = (f: string[], row: number): void => {
    if (!layout) {
      layout = headerLayout(f, opts.file);
      if (layout) return;
      if (f.length < 4)
        throw new ImportError(
          'wrong-columns',
          `expected Last.fm scrobbles as artist,album,track,date (4 columns); the first row has ${f.length}: ${JSON.stringify(f)}`,
          opts.file,
        );
      layout = { artist: 0, album: 1, track: 2, time: [3] };
    }
    tally.result.read++;
    const where = `row ${row}`;
    let reason = '';
    const artist = (f[layout.artist] ?? '').trim();
    const track = (f[layout.track] ?? '').trim();
    let ts: number | null = null;
    let raw = '';
    for (const c of layout.time) if ((ts = parseUtcTime((raw = f[c] ?? ''))) !== null) break;
    if (f.some((x) => x.includes('\n'))) reason = 'malformed row';
    else if (!artist || !track) reason = 'missing artist or track';
    else if (ts === null) reason = 'bad time';
    if (reason) {
      tally.drop(reason, where);
      if (!firstBad) firstBad = `${where}: ${reason} in ${JSON.stringify(f).slice(0, 120)}`;
    } else {
      const album = layout.album >= 0 ? (f[layout.album] ?? '').trim() : '';
      tally.keep({ ts: ts as number, stamp: ts as number, precision: precisionOf(raw), artist, track, ...(album ? { album } : {}), source: 'lastfm-csv' });
    }
    if (tally.result.read === PROBE_ROWS) checkProbe();
  };

  // The common exporters always use commas; guessing could pick a '|' in a title.
  const reader = csvRowReader(onRow, { delimiter: ',', file: opts.file });
  return readerImporter(reader, () => {
    if (tally.result.read === 0) throw new ImportError('empty', 'the file has a header but no scrobbles', opts.file);
    checkProbe();
    tally.result.files.push(opts.file ?? 'scrobbles.csv');
    return tally.finish();
  });
}

/** Whole-file convenience. */
export function importLastfmCsv(input: string | Uint8Array, opts: ImportOptions & { file?: string } = {}): ImportResult {
  const imp = lastfmCsvImporter(opts);
  imp.push(input);
  return imp.end();
}
