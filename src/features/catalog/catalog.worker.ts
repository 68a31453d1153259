// Catalog import, off the UI thread (see store.ts for what it does).
import * as Comlink from 'comlink';
import { download, importCatalog, type ImportedCatalog, type ImportProgress } from './store.ts';

export type { ImportedCatalog, ImportProgress };

/** The IPC bytes move to the caller without a copy. */
const transferred = (c: ImportedCatalog) => Comlink.transfer(c, [c.ipc.buffer as ArrayBuffer]);

const api = {
  async importFile(file: File, onProgress: (p: ImportProgress) => void): Promise<ImportedCatalog> {
    return transferred(await importCatalog(file.stream(), { kind: 'file', name: file.name, bytes: file.size }, file.size, onProgress));
  },

  async importUrl(url: string, onProgress: (p: ImportProgress) => void): Promise<ImportedCatalog> {
    const { body, length } = await download(url);
    return transferred(await importCatalog(body, { kind: 'url', name: url, bytes: length ?? 0 }, length, onProgress));
  },
};

export type CatalogWorkerApi = typeof api;
Comlink.expose(api);
