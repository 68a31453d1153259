// Catalog import speed: CSV text → columns → Arrow IPC bytes (what the import
// worker does), against PapaParse merely splitting the same text into string
// arrays, in the same run; and reload (IPC bytes → columns → indexes, what a
// restart does). On the real dataset when present, else a generated 114k-row
// file (the output says which); then generated 500k and 1M rows.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { BenchSection } from '../context.ts';
import { percentile, round } from '../context.ts';
import { hasSpotify, sayMissing, SPOTIFY_CSV } from '../../data/paths.ts';
import { writeGeneratedCsv } from '../../data/generate.ts';
import { ingestCsvText } from '../../src/catalog/ingest.ts';
import { fromArrowIPC, toArrowIPC } from '../../src/catalog/arrow.ts';
import { indexCatalog } from '../../src/catalog/catalog.ts';

const median = (xs: number[]) => percentile(xs, 50);

/** Median wall time and median CPU time (all threads, GC included) of f.
 *  CPU time is the steadier figure on a shared machine, so ratios use it. */
function time(runs: number, f: () => void): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

interface Row {
  catalog: string;
  rows: number;
  MB: number;
  ingest_ms: number;
  csv_to_arrow_ms: number;
  papaparse_ms: number;
  ingest_cpu_ms: number;
  papaparse_cpu_ms: number;
  'papa/ingest (cpu)': number;
  arrow_reload_ms: number;
  ipc_MB: number;
  heap_MB: number;
}

function measure(label: string, text: string, runs: number, papaWhole: boolean): Row {
  let ipc: Uint8Array = new Uint8Array(0);
  let rows = 0;
  const ingest = time(runs, () => {
    rows = ingestCsvText(text).summary.rowsRead;
  });
  const toArrow = time(runs, () => {
    ipc = toArrowIPC(ingestCsvText(text).columns);
  });
  // PapaParse's fastest correct setting for this file: no header, no typing
  // (fastMode is off by itself, as the file has quoted fields). For the big
  // files it hands back 1 MB chunks, as our ingest reads them, since a million
  // parsed rows at once would not fit the default heap.
  const papa = time(runs, () => {
    if (papaWhole) Papa.parse(text, { header: false, dynamicTyping: false });
    // (Papa does chunk a string; its typings only allow `chunk` for files.)
    else Papa.parse(text, { header: false, dynamicTyping: false, chunkSize: 1 << 20, chunk: () => {} } as Papa.ParseConfig);
  });
  const reload = time(runs + 2, () => {
    indexCatalog(fromArrowIPC(ipc));
  });
  return {
    catalog: label,
    rows,
    MB: round(text.length / 2 ** 20, 1),
    ingest_ms: round(ingest.wall, 0),
    csv_to_arrow_ms: round(toArrow.wall, 0),
    papaparse_ms: round(papa.wall, 0),
    ingest_cpu_ms: round(ingest.cpu, 0),
    papaparse_cpu_ms: round(papa.cpu, 0),
    'papa/ingest (cpu)': round(papa.cpu / ingest.cpu, 2),
    arrow_reload_ms: round(reload.wall, 1),
    ipc_MB: round(ipc.length / 2 ** 20, 1),
    heap_MB: round(process.memoryUsage().heapUsed / 2 ** 20, 0),
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
    const first = measure(real ? 'real 114k' : 'generated 114k', real ? readFileSync(SPOTIFY_CSV, 'utf8') : generated(114_000), 5, true);
    table.push(first);
    const big: Row[] = [];
    for (const [rows, label] of [
      [500_000, 'generated 500k'],
      [1_000_000, 'generated 1M'],
    ] as const) {
      big.push(measure(label, generated(rows), 3, false));
      table.push(big[big.length - 1]);
    }
    console.log(`\n## catalog import (${real ? 'real dataset' : 'generated data: the real dataset is absent'})`);
    console.table(table);
    const keys = (r: Row, suffix: string) => ({
      [`csv_to_arrow_ms${suffix}`]: r.csv_to_arrow_ms,
      [`ingest_ms${suffix}`]: r.ingest_ms,
      [`papaparse_ms${suffix}`]: r.papaparse_ms,
      [`ingest_cpu_ms${suffix}`]: r.ingest_cpu_ms,
      [`papaparse_cpu_ms${suffix}`]: r.papaparse_cpu_ms,
      [`papa_over_ingest${suffix}`]: r['papa/ingest (cpu)'],
      [`arrow_reload_ms${suffix}`]: r.arrow_reload_ms,
    });
    return {
      catalog_source: real ? 'real' : 'generated',
      ...keys(first, ''),
      ...keys(big[0], '_500k'),
      ...keys(big[1], '_1m'),
    };
  },
};

export default section;
