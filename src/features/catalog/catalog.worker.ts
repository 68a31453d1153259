// Catalog import, off the UI thread: stream the CSV (file or URL), parse it
// into columns, build Arrow IPC bytes and store them in IndexedDB in a single
// write, so a failure at any point leaves the stored catalog as it was.
import * as Comlink from 'comlink';
import { CatalogIngest } from './core/ingest.ts';
import { toArrowIPC } from './core/arrow.ts';
import { Fingerprint } from './core/fingerprint.ts';
import type { CatalogSummary } from './core/catalog.ts';
import { db, isQuotaError, type CatalogRecord } from '../../platform/db.ts';
import { Utf8Chunks } from '../../platform/text.ts';

export interface ImportProgress {
  phase: 'reading' | 'building' | 'saving';
  bytes: number;
  /** Null when the server did not say how big the file is. */
  totalBytes: number | null;
  rows: number;
}

export interface ImportedCatalog {
  ipc: Uint8Array;
  summary: CatalogSummary;
  fingerprint: string;
  source: CatalogRecord['source'];
}

/** Larger than any real catalog we expect (1M rows is about 180 MB). */
const MAX_BYTES = 1024 * 1024 * 1024;

async function ingest(
  stream: ReadableStream<Uint8Array>,
  source: CatalogRecord['source'],
  totalBytes: number | null,
  onProgress: (p: ImportProgress) => void,
): Promise<ImportedCatalog> {
  if (totalBytes !== null && totalBytes > MAX_BYTES) {
    throw new Error(`This file is ${(totalBytes / 2 ** 20).toFixed(0)} MB; the largest catalog Neural Beats reads is ${MAX_BYTES / 2 ** 20} MB.`);
  }
  const parser = new CatalogIngest();
  const fingerprint = new Fingerprint();
  const decoder = new Utf8Chunks(source.name);
  const reader = stream.getReader();
  let bytes = 0;
  let lastReport = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > MAX_BYTES) throw new Error(`This file is larger than ${MAX_BYTES / 2 ** 20} MB, the largest catalog Neural Beats reads.`);
    fingerprint.update(value);
    parser.push(decoder.decode(value));
    const now = performance.now();
    if (now - lastReport > 100) {
      lastReport = now;
      onProgress({ phase: 'reading', bytes, totalBytes, rows: parser.rows });
    }
  }
  parser.push(decoder.end());
  onProgress({ phase: 'building', bytes, totalBytes: totalBytes ?? bytes, rows: parser.rows });
  const { columns, summary } = parser.end();
  const ipc = toArrowIPC(columns);
  const record: CatalogRecord = {
    id: 'current',
    ipc,
    fingerprint: fingerprint.digest(),
    summary,
    source: { ...source, bytes },
    savedAt: Date.now(),
  };
  onProgress({ phase: 'saving', bytes, totalBytes: totalBytes ?? bytes, rows: summary.rowsRead });
  try {
    await db().catalog.put(record);
  } catch (e) {
    if (isQuotaError(e)) {
      throw new Error('The browser has no room left to store this catalog (storage quota reached). Your previous catalog is unchanged. Free some space or allow persistent storage, then try again.');
    }
    throw e;
  }
  return Comlink.transfer(
    { ipc, summary, fingerprint: record.fingerprint, source: record.source },
    [ipc.buffer as ArrayBuffer],
  );
}

const api = {
  importFile(file: File, onProgress: (p: ImportProgress) => void): Promise<ImportedCatalog> {
    return ingest(file.stream(), { kind: 'file', name: file.name, bytes: file.size }, file.size, onProgress);
  },

  async importUrl(url: string, onProgress: (p: ImportProgress) => void): Promise<ImportedCatalog> {
    let response: Response;
    try {
      response = await fetch(url);
    } catch {
      throw new Error(`Could not download ${url}: the network is unreachable or the server does not allow it. Check the address, or download the file and drop it here.`);
    }
    if (!response.ok || !response.body) {
      throw new Error(`Could not download ${url}: the server answered ${response.status} ${response.statusText}.`);
    }
    // A missing file often comes back as the site's HTML page, with status 200.
    if (/html/i.test(response.headers.get('content-type') ?? '')) {
      throw new Error(`${url} returned a web page, not a CSV file. Check the address (it must lead to the file itself), or download the file and drop it here.`);
    }
    const length = Number(response.headers.get('content-length'));
    return ingest(response.body, { kind: 'url', name: url, bytes: length || 0 }, length > 0 ? length : null, onProgress);
  },
};

export type CatalogWorkerApi = typeof api;
Comlink.expose(api);
