// Catalog import speed: CSV text → columns → Arrow IPC bytes (what the import
// worker does), against PapaParse parsing the same text in the same run (with
// typed numbers, as ours gives, and plain strings); and reload (IPC bytes →
// columns → indexes, what a restart does). On the real dataset when present, else a generated 114k-row
// file (the output says which); then generated 500k and 1M rows. On the first
// file, DuckDB-WASM too (its blocking Node build, taking turns with ours):
// `read_csv_auto` → Arrow, and the same with a GROUP BY track_id that folds
// duplicate rows and lists each track's genres and artists, as our ingest does.
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Papa from 'papaparse';
import type { BenchSection } from '../context.ts';
import { percentile, round } from '../context.ts';
import { hasSpotify, sayMissing, SPOTIFY_CSV } from '../../data/paths.ts';
import { writeGeneratedCsv } from '../../data/generate.ts';
import { ingestCsvText } from '../../src/features/catalog/core/ingest.ts';
import { fromArrowIPC, toArrowIPC } from '../../src/features/catalog/core/arrow.ts';
import { indexCatalog } from '../../src/features/catalog/core/catalog.ts';

const median = (xs: number[]) => percentile(xs, 50);

interface Timing {
  wall: number;
  cpu: number;
}

/** Median wall time and median CPU time (all threads, GC included) of each
 *  function, after one warm-up run of each. The functions take turns, run
 *  by run, so that a burst of load from another process on a shared machine
 *  falls on all of them rather than on whichever was being timed; the ratios
 *  between them are what the section reports. CPU time is the steadier
 *  figure on a shared machine. */
function timeTogether(runs: number, fs: (() => void)[]): Timing[] {
  for (const f of fs) f();
  const wall = fs.map((): number[] => []);
  const cpu = fs.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    fs.forEach((f, j) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      f();
      wall[j].push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[j].push((c.user + c.system) / 1000);
    });
  }
  return fs.map((_, j) => ({ wall: median(wall[j]), cpu: median(cpu[j]) }));
}

interface Row {
  catalog: string;
  rows: number;
  MB: number;
  ingest_ms: number;
  csv_to_arrow_ms: number;
  'papa typed ms': number;
  'papa plain ms': number;
  csv_to_arrow_cpu_ms: number;
  'papa typed cpu': number;
  'papa plain cpu': number;
  'typed/ours wall': number;
  'typed/ours cpu': number;
  'plain/ours wall': number;
  'plain/ours cpu': number;
  arrow_reload_ms: number;
  arrow_reload_cpu_ms: number;
  arrow_decode_ms: number;
  index_ms: number;
  ipc_MB: number;
}

/** PapaParse as an app would call it on this file. "typed" (the baseline the
 *  ratio is held to): dynamicTyping, so numbers come back as numbers, as ours
 *  do. "plain": strings only, the least it can do. No header objects (arrays
 *  are faster). For the big files it hands back 1 MB chunks, as our ingest
 *  reads them, since a million parsed rows at once would not fit the default
 *  heap. (Papa does chunk a string; its typings only allow `chunk` for files.) */
function papa(text: string, whole: boolean, dynamicTyping: boolean): void {
  if (whole) Papa.parse(text, { header: false, dynamicTyping });
  else Papa.parse(text, { header: false, dynamicTyping, chunkSize: 1 << 20, chunk: () => {} } as Papa.ParseConfig);
}

function measure(label: string, text: string, runs: number, papaWhole: boolean): Row {
  let ipc: Uint8Array = new Uint8Array(0);
  let rows = 0;
  const [ingest, toArrow, typed, plain] = timeTogether(runs, [
    () => {
      rows = ingestCsvText(text).summary.rowsRead;
    },
    () => {
      ipc = toArrowIPC(ingestCsvText(text).columns);
    },
    () => papa(text, papaWhole, true),
    () => papa(text, papaWhole, false),
  ]);
  // The reload, and its two halves: IPC bytes → columns, columns → indexes.
  const columns = fromArrowIPC(ipc);
  const [reload, decode, index] = timeTogether(runs + 2, [
    () => {
      indexCatalog(fromArrowIPC(ipc));
    },
    () => {
      fromArrowIPC(ipc);
    },
    () => {
      indexCatalog(columns);
    },
  ]);
  return {
    catalog: label,
    rows,
    MB: round(text.length / 2 ** 20, 1),
    ingest_ms: round(ingest.wall, 0),
    csv_to_arrow_ms: round(toArrow.wall, 0),
    'papa typed ms': round(typed.wall, 0),
    'papa plain ms': round(plain.wall, 0),
    csv_to_arrow_cpu_ms: round(toArrow.cpu, 0),
    'papa typed cpu': round(typed.cpu, 0),
    'papa plain cpu': round(plain.cpu, 0),
    'typed/ours wall': round(typed.wall / toArrow.wall, 2),
    'typed/ours cpu': round(typed.cpu / toArrow.cpu, 2),
    'plain/ours wall': round(plain.wall / toArrow.wall, 2),
    'plain/ours cpu': round(plain.cpu / toArrow.cpu, 2),
    arrow_reload_ms: round(reload.wall, 1),
    arrow_reload_cpu_ms: round(reload.cpu, 1),
    arrow_decode_ms: round(decode.wall, 1),
    index_ms: round(index.wall, 1),
    ipc_MB: round(ipc.length / 2 ** 20, 1),
  };
}

/** The same text through DuckDB-WASM, each query's result an Arrow table, beside ours in one alternation. */
async function duckdbBaseline(text: string, runs: number): Promise<Record<string, number>> {
  const duckdb = await import('@duckdb/duckdb-wasm/blocking');
  const dist = dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const db = await duckdb.createDuckDB(
    { mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' }, eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' } },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate(() => {});
  const conn = db.connect();
  db.registerFileBuffer('catalog.csv', new TextEncoder().encode(text));
  const one = (col: string) => `any_value(${col}) AS ${col}`;
  const features = ['duration_ms', 'danceability', 'energy', 'key', 'loudness', 'mode', 'speechiness', 'acousticness', 'instrumentalness', 'liveness', 'valence', 'tempo', 'time_signature'];
  const fold = `SELECT track_id, string_split(any_value(artists), ';') AS artists, ${['album_name', 'track_name'].map(one).join(', ')},
    max(popularity) AS popularity, bool_or(explicit) AS explicit, ${features.map(one).join(', ')}, list(DISTINCT track_genre) AS genres
    FROM read_csv_auto('catalog.csv') GROUP BY track_id`;
  let csvRows = 0;
  let folded = 0;
  const [ours, csv, grouped] = timeTogether(runs, [
    () => toArrowIPC(ingestCsvText(text).columns),
    () => (csvRows = conn.query(`SELECT * FROM read_csv_auto('catalog.csv')`).numRows),
    () => (folded = conn.query(fold).numRows),
  ]);
  conn.close();
  console.log(`DuckDB-WASM: read_csv_auto ${csvRows} rows, folded ${folded} tracks`);
  return {
    duckdb_csv_ms: round(csv.wall, 0),
    duckdb_fold_ms: round(grouped.wall, 0),
    duckdb_csv_cpu_ms: round(csv.cpu, 0),
    duckdb_fold_cpu_ms: round(grouped.cpu, 0),
    csv_to_arrow_ms_beside_duckdb: round(ours.wall, 0),
    ours_over_duckdb_fold: round(ours.wall / grouped.wall, 2),
    ours_over_duckdb_fold_cpu: round(ours.cpu / grouped.cpu, 2),
  };
}

function generated(rows: number): string {
  const path = join(tmpdir(), `nb-bench-catalog-${rows}-${process.pid}.csv`);
  try {
    writeGeneratedCsv(path, { rows, seed: 1 });
    return readFileSync(path, 'utf8');
  } finally {
    rmSync(path, { force: true });
  }
}

const section: BenchSection = {
  name: 'catalog',
  async run() {
    const table: Row[] = [];
    const real = hasSpotify();
    if (!real) sayMissing('The Spotify Tracks Dataset', SPOTIFY_CSV, 'timing a generated 114k-row catalog instead');
    const firstText = real ? readFileSync(SPOTIFY_CSV, 'utf8') : generated(114_000);
    const first = measure(real ? 'real 114k' : 'generated 114k', firstText, 5, true);
    table.push(first);
    const duck = await duckdbBaseline(firstText, 5);
    console.table([duck]);
    const big: Row[] = [];
    for (const [rows, label] of [
      [500_000, 'generated 500k'],
      [1_000_000, 'generated 1M'],
    ] as const) {
      big.push(measure(label, generated(rows), 3, false));
      table.push(big[big.length - 1]);
    }
    console.log(`\n## catalog import (${real ? 'real dataset' : 'generated data: the real dataset is absent'})`);
    console.log(
      'ours: CatalogIngest push/end + toArrowIPC. papa typed: Papa.parse(text, { header: false, dynamicTyping: true });' +
        ' papa plain: the same without dynamicTyping. Medians after a warm-up; x/ours = how many times faster ours is.',
    );
    console.table(table);
    const keys = (r: Row, suffix: string) => ({
      [`csv_to_arrow_ms${suffix}`]: r.csv_to_arrow_ms,
      [`csv_to_arrow_cpu_ms${suffix}`]: r.csv_to_arrow_cpu_ms,
      [`ingest_ms${suffix}`]: r.ingest_ms,
      [`papaparse_ms${suffix}`]: r['papa typed ms'],
      [`papaparse_cpu_ms${suffix}`]: r['papa typed cpu'],
      [`papaparse_plain_ms${suffix}`]: r['papa plain ms'],
      [`papaparse_plain_cpu_ms${suffix}`]: r['papa plain cpu'],
      [`papa_over_ours${suffix}`]: r['typed/ours cpu'],
      [`papa_over_ours_wall${suffix}`]: r['typed/ours wall'],
      [`papa_plain_over_ours${suffix}`]: r['plain/ours cpu'],
      [`papa_plain_over_ours_wall${suffix}`]: r['plain/ours wall'],
      [`arrow_reload_ms${suffix}`]: r.arrow_reload_ms,
      [`arrow_reload_cpu_ms${suffix}`]: r.arrow_reload_cpu_ms,
      [`arrow_decode_ms${suffix}`]: r.arrow_decode_ms,
      [`catalog_index_ms${suffix}`]: r.index_ms,
    });
    return {
      catalog_source: real ? 'real' : 'generated',
      ...keys(first, ''),
      ...duck,
      ...keys(big[0], '_500k'),
      ...keys(big[1], '_1m'),
    };
  },
};

export default section;
