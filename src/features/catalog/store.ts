// The catalog in IndexedDB: an import streams a CSV (file or URL) into
// columns, builds Arrow IPC bytes and stores them in a single write, so a
// failure at any point leaves the stored catalog as it was; workers read it
// straight from IndexedDB (no copy through the UI thread), once per
// catalog fingerprint.
import { indexCatalog, type Catalog, type CatalogSummary } from './core/catalog.ts';
import { fromArrowIPC, toArrowIPC } from './core/arrow.ts';
import { CatalogIngest } from './core/ingest.ts';
import { Fingerprint } from './core/fingerprint.ts';
import { db, storeOrExplain, type CatalogRecord, type DerivedRecord, type NeuralBeatsDB } from '../../platform/db.ts';
import { Utf8Chunks } from '../../platform/text.ts';
import { buildArtistIndex } from '../search/artists.ts';
import { packArtistIndex } from '../search/packed.ts';
import { buildDerived, derivedFits, type CatalogDerived } from './derived.ts';

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

/** Reads a CSV stream into a catalog and stores it as the current one. */
export async function importCatalog(
  stream: ReadableStream<Uint8Array>,
  source: CatalogRecord['source'],
  totalBytes: number | null,
  onProgress: (p: ImportProgress) => void,
  database: NeuralBeatsDB = db(),
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
  const catalog = indexCatalog(columns);
  const digest = fingerprint.digest();
  const record: CatalogRecord = {
    id: 'current',
    ipc,
    fingerprint: digest,
    summary,
    source: { ...source, bytes },
    savedAt: Date.now(),
  };
  const derived: DerivedRecord[] = [
    { id: 'ranking', ...buildDerived(catalog, digest) },
    { id: 'search', fingerprint: digest, index: packArtistIndex(buildArtistIndex(catalog)) },
  ];
  onProgress({ phase: 'saving', bytes, totalBytes: totalBytes ?? bytes, rows: summary.rowsRead });
  await storeOrExplain(
    () => database.transaction('rw', database.catalog, database.derived, () => Promise.all([database.catalog.put(record), database.derived.bulkPut(derived)])),
    'this catalog',
    'Your previous catalog is unchanged.',
  );
  return { ipc, summary, fingerprint: record.fingerprint, source: record.source };
}

/** Starts a download: the body and its length (null when the server does not say). */
export async function download(url: string, fetcher: typeof fetch = fetch): Promise<{ body: ReadableStream<Uint8Array>; length: number | null }> {
  let response: Response;
  try {
    response = await fetcher(url);
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
  return { body: response.body, length: length > 0 ? length : null };
}

let cached: { fingerprint: string; catalog: Catalog; derived?: Promise<CatalogDerived | null> } | null = null;

export async function storedCatalog(fingerprint: string): Promise<Catalog> {
  if (cached?.fingerprint === fingerprint) return cached.catalog;
  const record = await db().catalog.get('current');
  if (!record) throw new Error('No catalog is stored yet: load one on the Catalog page first.');
  if (record.fingerprint !== fingerprint) throw new Error('The catalog changed while this was running; please try again.');
  return remember(record).catalog;
}

/** Reads whichever catalog is stored into this worker, and what is derived
 *  from it, ahead of their first use (before the page has read its own copy);
 *  its fingerprint, or null when none is. */
export async function preloadCatalog(): Promise<string | null> {
  const derived = storedRanking(); // read meanwhile
  const record = await db().catalog.get('current');
  if (record && cached?.fingerprint !== record.fingerprint) remember(record, derived);
  return record?.fingerprint ?? null;
}

const storedRanking = async (): Promise<CatalogDerived | undefined> => {
  const d = await db().derived.get('ranking');
  return d?.id === 'ranking' ? d : undefined;
};

function remember(record: CatalogRecord, derived?: Promise<CatalogDerived | undefined>): NonNullable<typeof cached> {
  const fits = derived?.then((d) => (derivedFits(d, record.fingerprint) ? d : null));
  return (cached = { fingerprint: record.fingerprint, catalog: indexCatalog(fromArrowIPC(record.ipc)), derived: fits });
}

/** What the ranking builds on the stored catalog: the stored one, or (missing
 *  or stale) built now and stored for the next reload. */
export async function storedDerived(fingerprint: string): Promise<CatalogDerived> {
  const catalog = await storedCatalog(fingerprint);
  const entry = cached!;
  entry.derived ??= storedRanking().then((d) => (derivedFits(d, fingerprint) ? d : null));
  const stored = await entry.derived;
  if (stored) return stored;
  const derived = buildDerived(catalog, fingerprint);
  entry.derived = Promise.resolve(derived);
  const database = db();
  await database
    .transaction('rw', database.catalog, database.derived, async () => {
      if ((await database.catalog.get('current'))?.fingerprint === fingerprint) await database.derived.put({ id: 'ranking', ...derived });
    })
    .catch(() => undefined); // only a faster next reload is lost
  return derived;
}
