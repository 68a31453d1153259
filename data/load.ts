// Node loader for catalog CSV files: reads the file in chunks, as the browser
// import worker does, and returns the indexed catalog with its summary.
import { createReadStream } from 'node:fs';
import { indexCatalog, type Catalog, type CatalogSummary } from '../src/catalog/catalog.ts';
import { CatalogIngest } from '../src/catalog/ingest.ts';
import { Fingerprint } from '../src/catalog/fingerprint.ts';
import { toArrowIPC } from '../src/catalog/arrow.ts';
import { Utf8Chunks } from '../src/text.ts';

export interface LoadedCatalog {
  catalog: Catalog;
  summary: CatalogSummary;
  /** Of the file's bytes (see fingerprint.ts). */
  fingerprint: string;
  /** Arrow IPC bytes of the columns, when asked for. */
  ipc?: Uint8Array;
}

const CHUNK_BYTES = 1 << 20;

export async function loadCatalogFile(path: string, opts: { ipc?: boolean } = {}): Promise<LoadedCatalog> {
  const ingest = new CatalogIngest();
  const fingerprint = new Fingerprint();
  const decoder = new Utf8Chunks(path);
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    const bytes = chunk as Buffer;
    fingerprint.update(bytes);
    ingest.push(decoder.decode(bytes));
  }
  ingest.push(decoder.end());
  const { columns, summary } = ingest.end();
  return {
    catalog: indexCatalog(columns),
    summary,
    fingerprint: fingerprint.digest(),
    ipc: opts.ipc ? toArrowIPC(columns) : undefined,
  };
}
