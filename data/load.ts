// Node loaders: catalog CSV files, read in chunks as the browser import worker
// does (the indexed catalog with its summary), and the Last.fm 2K folder.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildLastfm2k, type Lastfm2k } from '../src/features/models/cf/lastfm2k.ts';
import { indexCatalog, type Catalog, type CatalogSummary } from '../src/features/catalog/core/catalog.ts';
import { CatalogIngest } from '../src/features/catalog/core/ingest.ts';
import { Fingerprint } from '../src/features/catalog/core/fingerprint.ts';
import { toArrowIPC } from '../src/features/catalog/core/arrow.ts';
import { Utf8Chunks } from '../src/platform/text.ts';

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

/** Reads and indexes the Last.fm 2K files of a folder. */
export function loadLastfm2k(dir: string): Lastfm2k {
  const tagged = join(dir, 'user_taggedartists.dat');
  return buildLastfm2k(readFileSync(join(dir, 'artists.dat'), 'utf8'), readFileSync(join(dir, 'user_artists.dat'), 'utf8'), existsSync(tagged) ? readFileSync(tagged, 'utf8') : undefined);
}
