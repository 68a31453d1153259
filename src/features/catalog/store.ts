// Workers read the catalog straight from IndexedDB (no copy through the UI
// thread), once per catalog fingerprint.
import { indexCatalog, type Catalog } from './core/catalog.ts';
import { fromArrowIPC } from './core/arrow.ts';
import { db } from '../../platform/db.ts';

let cached: { fingerprint: string; catalog: Catalog } | null = null;

export async function storedCatalog(fingerprint: string): Promise<Catalog> {
  if (cached?.fingerprint === fingerprint) return cached.catalog;
  const record = await db().catalog.get('current');
  if (!record) throw new Error('No catalog is stored yet: load one on the Catalog page first.');
  if (record.fingerprint !== fingerprint) throw new Error('The catalog changed while this was running; please try again.');
  cached = { fingerprint, catalog: indexCatalog(fromArrowIPC(record.ipc)) };
  return cached.catalog;
}
