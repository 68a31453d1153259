// Catalog import, off the UI thread (see store.ts for what it does), and the
// stored catalog's read at start: IndexedDB's copy is decoded here and the
// bytes move to the page without a copy, so the page never spends a long task
// on it. The import code loads on first import, not at every start.
import * as Comlink from 'comlink';
import { db, type CatalogRecord } from '../../platform/db.ts';
import type { ImportedCatalog, ImportProgress } from './store.ts';

export type { ImportedCatalog, ImportProgress };

/** The IPC bytes move to the caller without a copy. */
const transferred = <T extends { ipc: Uint8Array }>(c: T) => Comlink.transfer(c, [c.ipc.buffer as ArrayBuffer]);

const api = {
  async importFile(file: File, onProgress: (p: ImportProgress) => void): Promise<ImportedCatalog> {
    const { importCatalog } = await import('./store.ts');
    return transferred(await importCatalog(file.stream(), { kind: 'file', name: file.name, bytes: file.size }, file.size, onProgress));
  },

  async importUrl(url: string, onProgress: (p: ImportProgress) => void): Promise<ImportedCatalog> {
    const { download, importCatalog } = await import('./store.ts');
    const { body, length } = await download(url);
    return transferred(await importCatalog(body, { kind: 'url', name: url, bytes: length ?? 0 }, length, onProgress));
  },

  /** The stored catalog, or null when none is. */
  async stored(): Promise<CatalogRecord | null> {
    const record = await db().catalog.get('current');
    return record ? transferred(record) : null;
  },
};

export type CatalogWorkerApi = typeof api;
Comlink.expose(api);
