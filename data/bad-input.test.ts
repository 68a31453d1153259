// The bad-input corpus (data/fixtures/bad/ + generated big and archive cases,
// see bad-corpus.ts) through every importer: the catalog ingest, the Last.fm,
// Spotify (files and zip) and mapped-CSV history importers, and the backup
// import. Each reads the file correctly or refuses it with a message that
// names the problem; a refused file stores nothing.
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogIngest } from '../src/features/catalog/core/ingest.ts';
import { lastfmCsvImporter } from '../src/features/history/core/lastfm.ts';
import { importMappedCsv, mappedCsvImporter } from '../src/features/history/core/mapped-csv.ts';
import { importSpotifyFiles, importSpotifyZip } from '../src/features/history/core/spotify.ts';
import type { Play } from '../src/features/history/core/play.ts';
import { NeuralBeatsDB, type PlayRecord } from '../src/platform/db.ts';
import { parseBackupFile, restoreBackup } from '../src/features/backup/backup.ts';
import {
  fixtureFiles,
  foreignZip,
  lyingZip,
  repeatedChunks,
  runBackup,
  runCatalog,
  runLastfm,
  runMappedCsv,
  runSpotifyFiles,
  runSpotifyZip,
  truncatedZip,
  zipBomb,
  type BadFile,
  type Outcome,
} from './bad-corpus.ts';

type Importer = 'catalog' | 'lastfm' | 'spotify' | 'zip' | 'mapped' | 'backup';
const RUN: Record<Importer, (f: BadFile) => Outcome | Promise<Outcome>> = {
  catalog: runCatalog,
  lastfm: runLastfm,
  spotify: runSpotifyFiles,
  zip: runSpotifyZip,
  mapped: runMappedCsv,
  backup: runBackup,
};

/** Expected outcome: a regex the refusal message must match, or `ok` with the summary. */
type Expect = RegExp | { ok: string };
const NOT_ZIP = /not a zip archive/;
const NOT_BACKUP_JSON = /not a Neural Beats backup \(it is not a JSON object\)/;
const CATALOG_COLUMNS = /header is missing required columns: track_id, artists, track_name/;
const BINARY = /binary file, not text \(it contains NUL bytes\)/;

const EXPECTED: Record<string, Partial<Record<Importer, Expect>>> = {
  'empty.csv': { catalog: /file is empty/, lastfm: /file is empty/, spotify: /file is empty/, zip: NOT_ZIP, mapped: /file is empty/, backup: /file is empty/ },
  'whitespace.txt': { catalog: /file is empty/, lastfm: /file is empty/, spotify: /file is empty/, zip: NOT_ZIP, mapped: /file is empty/, backup: /file is empty/ },
  'binary.png': {
    catalog: /binary file, not a CSV text file/,
    lastfm: BINARY,
    spotify: BINARY,
    zip: NOT_ZIP,
    mapped: BINARY,
    backup: /binary file, not a Neural Beats backup/,
  },
  'wrong-columns.csv': {
    catalog: CATALOG_COLUMNS,
    lastfm: /artist,album,track,date \(4 columns\); the first row has 3/,
    spotify: /JSON/,
    zip: NOT_ZIP,
    mapped: /mapping uses column 4, but the file has 3 columns/,
    backup: NOT_BACKUP_JSON,
  },
  'semicolons.csv': {
    catalog: /semicolon-separated; a catalog must be comma-separated/,
    lastfm: /4 columns\); the first row has 1/,
    spotify: /JSON/,
    zip: NOT_ZIP,
    mapped: /file has 1 column/,
    backup: NOT_BACKUP_JSON,
  },
  'scrobbles-semicolons.csv': { catalog: CATALOG_COLUMNS, lastfm: /4 columns\); the first row has 1/, mapped: /file has 1 column/, backup: NOT_BACKUP_JSON },
  // Valid CSV with newlines inside quoted fields: read as one record each.
  'quoted-newline-catalog.csv': { catalog: { ok: '2 tracks, 0 rejected' }, lastfm: /header has no date column/, zip: NOT_ZIP, backup: NOT_BACKUP_JSON },
  // The Last.fm importers keep the good rows and report the multi-line one as dropped.
  'quoted-newline-scrobbles.csv': { catalog: CATALOG_COLUMNS, lastfm: { ok: '2 listens, 0 skips, 1 dropped' }, mapped: { ok: '2 listens, 0 skips, 1 dropped' }, backup: NOT_BACKUP_JSON },
  // A UTF-8 byte-order mark is read past, never kept in the first field.
  'bom-scrobbles.csv': { catalog: CATALOG_COLUMNS, lastfm: { ok: '2 listens, 0 skips, 0 dropped' }, backup: NOT_BACKUP_JSON },
  'bom-catalog.csv': { catalog: { ok: '1 tracks, 0 rejected' }, lastfm: /header has no date column/, backup: NOT_BACKUP_JSON },
  'bom-StreamingHistory_music_0.json': { catalog: CATALOG_COLUMNS, spotify: { ok: '1 listens, 0 skips, 0 dropped' }, zip: NOT_ZIP, backup: NOT_BACKUP_JSON },
  'utf16le-catalog.csv': {
    catalog: /contains NUL bytes; a CSV saved as UTF-16 must be saved as UTF-8/,
    lastfm: BINARY,
    spotify: BINARY,
    zip: NOT_ZIP,
    mapped: BINARY,
    backup: /UTF-16 text; a Neural Beats backup is UTF-8 JSON/,
  },
  'utf16le-scrobbles.csv': { catalog: /UTF-16/, lastfm: BINARY, mapped: BINARY, backup: /UTF-16/ },
  'latin1-scrobbles.csv': { catalog: /not UTF-8 text/, lastfm: /not UTF-8 text/, mapped: /not UTF-8 text/, zip: NOT_ZIP, backup: NOT_BACKUP_JSON },
  'latin1-catalog.csv': { catalog: /not UTF-8 text/, lastfm: /not UTF-8 text/, backup: NOT_BACKUP_JSON },
  'truncated-StreamingHistory_music_0.json': {
    catalog: CATALOG_COLUMNS,
    lastfm: /none of the first 1 rows is a scrobble/,
    spotify: /JSON ends early: the file looks truncated/,
    zip: NOT_ZIP,
    mapped: /no row could be read with this mapping/,
    backup: NOT_BACKUP_JSON,
  },
  'truncated-backup.json': {
    catalog: /header line never ends \(an opening quote is not closed\)/,
    spotify: /JSON ends early: the file looks truncated/,
    backup: /backup is incomplete: the JSON ends early \(the file looks truncated\)/,
  },
  'foreign.json': {
    catalog: CATALOG_COLUMNS,
    lastfm: /4 columns\); the first row has 3/,
    spotify: /expected a list of plays \(a JSON array\), found an object/,
    zip: NOT_ZIP,
    mapped: /file has 3 columns/,
    backup: /no "format": "neural-beats-backup" header/,
  },
  // Generated at test time.
  'bomb.zip': {
    catalog: /binary file, not a CSV text file/,
    lastfm: /zip archive, not a text file/,
    spotify: /zip archive, not a text file/,
    zip: /compressed \d+:1, like an archive bomb/,
    mapped: /zip archive, not a text file/,
    backup: /zip archive, not a Neural Beats backup/,
  },
  'lying.zip': { catalog: /binary/, lastfm: /zip archive/, zip: /would unpack to 300 MB \(limit 256 MB\)/, backup: /zip archive/ },
  'photos.zip': { catalog: /binary/, zip: /no Spotify listening history inside/, backup: /zip archive/ },
  'truncated.zip': { catalog: /binary/, lastfm: /zip archive/, zip: /zip archive is damaged/, backup: /zip archive/ },
};

const corpus: BadFile[] = [...fixtureFiles(), zipBomb(), lyingZip(), foreignZip(), truncatedZip()];

describe('bad input corpus', () => {
  it('has an expectation for every file, and every file is small', () => {
    expect(corpus.map((f) => f.name).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const f of fixtureFiles()) expect(f.bytes.length, f.name).toBeLessThan(4096);
  });

  for (const f of corpus) {
    describe(f.name, () => {
      for (const [importer, want] of Object.entries(EXPECTED[f.name]) as [Importer, Expect][]) {
        it(`${importer}: ${want instanceof RegExp ? `refuses (${want.source.slice(0, 60)})` : `reads it (${want.ok})`}`, async () => {
          const got = await RUN[importer](f);
          if (want instanceof RegExp) {
            expect(got.ok, JSON.stringify(got)).toBe(false);
            expect((got as { message: string }).message).toMatch(want);
          } else {
            expect(got.ok, JSON.stringify(got)).toBe(true);
            const ok = got as Extract<Outcome, { ok: true }>;
            expect(ok.summary).toBe(want.ok);
            // No byte-order mark or replacement character leaks into the data.
            for (const name of ok.names) expect(name, name).not.toMatch(/[\uFEFF\uFFFD]/);
          }
        });
      }
    });
  }

  it('every importer refuses every empty, binary, UTF-16 and archive file with a message', async () => {
    const always = ['empty.csv', 'whitespace.txt', 'binary.png', 'utf16le-catalog.csv', 'bomb.zip', 'truncated.zip'];
    for (const f of corpus.filter((c) => always.includes(c.name))) {
      for (const [name, run] of Object.entries(RUN)) {
        const got = await run(f);
        expect(got.ok, `${name} on ${f.name}`).toBe(false);
        expect((got as { message: string }).message.length, `${name} on ${f.name}`).toBeGreaterThan(15);
      }
    }
  });

  it('a CSV given to the Spotify importer is called "not JSON", not "truncated"', () => {
    const got = runSpotifyFiles(corpus.find((c) => c.name === 'wrong-columns.csv')!);
    expect((got as { message: string }).message).not.toMatch(/truncated/);
  });
});

describe('200 MB inputs, streamed (never held in memory, never committed)', () => {
  const MB = 2 ** 20;
  const HEADER =
    ',track_id,artists,album_name,track_name,popularity,duration_ms,explicit,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,time_signature,track_genre\n';

  it('catalog: 200 MB of rows that are all bad ends with a clear message, memory bounded', () => {
    const row = '0,trk000000000000000001,Mira Solen,First Light,Open Road,61,201000,False,zero,0.733,5,-6.21,1,0.0412,0.113,0.0,0.121,0.634,118.02,4,glass-pop\n';
    const chunk = row.repeat(Math.floor(MB / row.length));
    const parser = new CatalogIngest();
    const heap0 = process.memoryUsage().heapUsed;
    let peak = 0;
    let sent = 0;
    for (const c of repeatedChunks(HEADER, chunk, 200 * MB)) {
      parser.push(c);
      sent += c.length;
      peak = Math.max(peak, process.memoryUsage().heapUsed - heap0);
    }
    expect(sent).toBeGreaterThanOrEqual(200 * MB);
    expect(() => parser.end()).toThrow(/No valid rows: all \d+ rows were rejected \(\d+ bad danceability\)/);
    // Measured: +2 to +8 MB; the file itself is 200 MB.
    expect(peak).toBeLessThan(100 * MB);
  });

  it('Last.fm: a 200 MB file of non-scrobbles is refused within its first megabyte', () => {
    const rows = 'foo,bar,baz,qux,quux\n'.repeat(Math.floor(MB / 4 / 21));
    const imp = lastfmCsvImporter({ file: 'big.csv' });
    let sent = 0;
    const push = () => {
      for (const c of repeatedChunks('', rows, 200 * MB)) {
        imp.push(c);
        sent += c.length;
      }
      imp.end();
    };
    expect(push).toThrow(/big\.csv: none of the first 20 rows is a scrobble/);
    expect(sent).toBeLessThan(MB);
  });

  it('mapped CSV: a big file no row of which fits the mapping is read to the end in bounded memory, then refused', () => {
    // 20 MB, not 200: this importer has no early probe and reads it all
    // (200 MB took about 12 s here), so the test stays fast; memory is the point.
    const rows = 'foo,bar,baz,qux,quux\n'.repeat(Math.floor(MB / 21));
    const imp = mappedCsvImporter({ delimiter: ',', hasHeader: false, artist: 0, album: 1, title: 2, time: 3 }, { file: 'big.csv' });
    const heap0 = process.memoryUsage().heapUsed;
    let peak = 0;
    const push = () => {
      for (const c of repeatedChunks('', rows, 20 * MB)) {
        imp.push(c);
        peak = Math.max(peak, process.memoryUsage().heapUsed - heap0);
      }
      imp.end();
    };
    expect(push).toThrow(/big\.csv: no row could be read with this mapping \(\d+ × bad time\)/);
    expect(peak).toBeLessThan(100 * MB);
  });

  it('backup: a 200 MB file that is not a backup is refused from its first bytes; a real one over the limit by its size', async () => {
    const junk = new Uint8Array(200 * MB).fill(0x41);
    await expect(parseBackupFile(new Blob([junk]))).rejects.toThrow(/not a Neural Beats backup \(it is not a JSON object\)/);
    const head = new TextEncoder().encode('{"format":"neural-beats-backup","version":1,"exportedAt":1,"tables":{"plays":[');
    junk.set(head);
    await expect(parseBackupFile(new Blob([junk]), 100 * MB)).rejects.toThrow(/200 MB; the largest backup Neural Beats reads is 100 MB/);
  });
});

describe('a refused file stores nothing', () => {
  const db = new NeuralBeatsDB('bad-input-store');
  afterAll(() => db.delete());

  /** The store path the app must use for history (see the report): batches
   *  staged in memory, then written with the import record in ONE transaction
   *  once the importer has finished without error. */
  async function importHistory(run: (onBatch: (p: Play[]) => void) => unknown, importId: string): Promise<void> {
    const staged: Play[] = [];
    run((batch) => staged.push(...batch));
    await db.transaction('rw', db.plays, db.imports, async () => {
      await db.imports.put({ id: importId, at: Date.now(), source: 'test', fileNames: [], added: staged.length, report: {} });
      await db.plays.bulkPut(staged.map((p): PlayRecord => ({ ...p, importId })));
    });
  }

  async function snapshot() {
    const out: Record<string, unknown[]> = {};
    for (const t of db.tables) out[t.name] = await t.toArray();
    return out;
  }

  it('Spotify: a good file then a truncated one: batches were already handed out, and staging keeps them out of the database', async () => {
    await db.seeds.put({ id: 'artist:Keep', kind: 'artist', key: 'Keep', label: 'Keep', position: 0 });
    await db.plays.put({ id: 'p-old', ts: 1, artist: 'A', track: 'B', source: 'csv', importId: 'old' });
    const before = await snapshot();
    const good = {
      name: 'StreamingHistory_music_0.json',
      data: JSON.stringify(Array.from({ length: 30 }, (_, i) => ({ endTime: `2024-01-31 21:${String(i).padStart(2, '0')}`, artistName: 'Radiohead', trackName: `T${i}`, msPlayed: 200_000 }))),
    };
    const truncated = fixtureFiles().find((f) => f.name === 'truncated-StreamingHistory_music_0.json')!;
    let handedOut = 0;
    const run = (onBatch: (p: Play[]) => void) =>
      importSpotifyFiles([good, { name: 'StreamingHistory_music_1.json', data: truncated.bytes }], {
        batchSize: 10,
        onBatch: (b) => {
          handedOut += b.length;
          onBatch(b);
        },
      });
    await expect(importHistory(run, 'new')).rejects.toThrow(/StreamingHistory_music_1\.json: the JSON ends early/);
    // Writing batches as they arrive would have stored these 30 plays.
    expect(handedOut).toBe(30);
    expect(await snapshot()).toEqual(before);
  });

  it('every refused file, through every importer and the backup import, leaves the database as it was', async () => {
    const before = await snapshot();
    for (const f of corpus) {
      for (const [importer, want] of Object.entries(EXPECTED[f.name]) as [Importer, Expect][]) {
        if (!(want instanceof RegExp)) continue;
        if (importer === 'backup') {
          await expect(parseBackupFile(new Blob([f.bytes as Uint8Array<ArrayBuffer>])).then((b) => restoreBackup(db, b))).rejects.toThrow(want);
        } else if (importer === 'catalog') {
          // The catalog worker parses to the end and writes only then.
          expect(runCatalog(f)).toMatchObject({ ok: false });
        } else {
          const history: Record<Exclude<Importer, 'catalog' | 'backup'>, (onBatch: (p: Play[]) => void) => unknown> = {
            lastfm: (onBatch) => {
              const imp = lastfmCsvImporter({ onBatch, batchSize: 1, file: f.name });
              imp.push(f.bytes);
              return imp.end();
            },
            spotify: (onBatch) => importSpotifyFiles([{ name: f.name, data: f.bytes }], { onBatch, batchSize: 1 }),
            zip: (onBatch) => importSpotifyZip(f.bytes, { onBatch, batchSize: 1, file: f.name }),
            mapped: (onBatch) => importMappedCsv(f.bytes, { delimiter: ',', hasHeader: false, artist: 0, album: 1, title: 2, time: 3 }, { onBatch, batchSize: 1, file: f.name }),
          };
          await expect(importHistory(history[importer], `import-${f.name}`), `${importer} on ${f.name}`).rejects.toThrow(want);
        }
      }
    }
    expect(await snapshot()).toEqual(before);
  });
});
