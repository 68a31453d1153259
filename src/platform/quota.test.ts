// A full disk: writes fail with QuotaExceededError, however Dexie wraps it;
// the app recognises it (isQuotaError) and what was stored before is intact.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { NeuralBeatsDB, isQuotaError, type CatalogRecord } from './db.ts';
import { injectQuotaErrors } from '../../test/test-quota.ts';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

const catalogRecord = (fingerprint: string, bytes: number): CatalogRecord => ({
  id: 'current',
  ipc: Uint8Array.from({ length: bytes }, (_, i) => (i + fingerprint.length) & 255),
  fingerprint,
  summary: { rowsRead: 1 } as never,
  source: { kind: 'file', name: `${fingerprint}.csv`, bytes },
  savedAt: bytes,
});

const dbs: NeuralBeatsDB[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('isQuotaError', () => {
  it('recognises the DOMException and every way Dexie wraps it', () => {
    const dom = quota();
    expect(isQuotaError(dom)).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', dom))).toBe(true);
    expect(isQuotaError(new Dexie.DatabaseClosedError(new Dexie.AbortError('x', dom) as never))).toBe(true);
    expect(isQuotaError(new Dexie.BulkError('bulkPut failed', [new Dexie.ConstraintError('dup'), dom]))).toBe(true);
    expect(isQuotaError(new Dexie.BulkError('bulkPut failed', [new Dexie.ConstraintError('dup')]))).toBe(false);
  });
  it('is false for other failures', () => {
    expect(isQuotaError(new DOMException('x', 'DataError'))).toBe(false);
    expect(isQuotaError(new Dexie.ConstraintError('dup'))).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });
});

describe('a write that fails for quota', () => {
  it('(catalog store path) rejects with a quota error and keeps the previous catalog', async () => {
    const db = new NeuralBeatsDB('quota-catalog');
    dbs.push(db);
    const sw = injectQuotaErrors(db);
    const old = catalogRecord('old', 2048);
    await db.catalog.put(old);

    sw.failing.add('catalog');
    // What the catalog import's write does (catalog/store.ts, through storeOrExplain).
    const err = await db.catalog.put(catalogRecord('new', 8192)).then(() => null, (e: unknown) => e);
    expect(err).not.toBeNull();
    expect(isQuotaError(err)).toBe(true);

    sw.failing.clear();
    expect(await db.catalog.get('current')).toEqual(old);
    // A reader in another connection (another tab/worker) sees the old one too.
    const other = new NeuralBeatsDB('quota-catalog');
    expect((await other.catalog.get('current'))!.fingerprint).toBe('old');
    other.close();
  });

  it('inside a transaction: the whole transaction rolls back and the error is still a quota error', async () => {
    const db = new NeuralBeatsDB('quota-tx');
    dbs.push(db);
    const sw = injectQuotaErrors(db);
    await db.seeds.bulkPut([
      { id: 'artist:A', kind: 'artist', key: 'A', label: 'A', position: 0 },
      { id: 'artist:B', kind: 'artist', key: 'B', label: 'B', position: 1 },
    ]);
    await db.models.put({ name: 'm', catalogFingerprint: 'fp', backend: 'cpu', finalLoss: 1, createdAt: 1, trainMs: 1, meta: {}, payload: { w: new Float32Array(4) } });
    sw.failing.add('models');
    // Like seeds.svelte.ts's save (clear then bulkPut), plus a model write that fails.
    const err = await db
      .transaction('rw', db.seeds, db.models, async () => {
        await db.seeds.clear();
        await db.seeds.bulkPut([{ id: 'artist:C', kind: 'artist', key: 'C', label: 'C', position: 0 }]);
        await db.models.put({ name: 'm', catalogFingerprint: 'fp2', backend: 'cpu', finalLoss: 0, createdAt: 2, trainMs: 1, meta: {}, payload: {} });
      })
      .then(() => null, (e: unknown) => e);
    expect(isQuotaError(err)).toBe(true);
    sw.failing.clear();
    expect((await db.seeds.orderBy('position').toArray()).map((s) => s.id)).toEqual(['artist:A', 'artist:B']);
    expect((await db.models.get('m'))!.catalogFingerprint).toBe('fp');
  });

  it('a bulkPut that fails part-way in its own transaction stores none of the batch', async () => {
    const db = new NeuralBeatsDB('quota-bulk');
    dbs.push(db);
    const sw = injectQuotaErrors(db);
    await db.plays.put({ id: 'p0', ts: 0, artist: 'A', track: 'T', source: 'csv', importId: 'i0' });
    sw.failing.add('plays');
    const batch = Array.from({ length: 100 }, (_, i) => ({ id: `p${i + 1}`, ts: i, artist: 'A', track: 'T', source: 'csv', importId: 'i1' }));
    const err = await db.transaction('rw', db.plays, () => db.plays.bulkPut(batch)).then(() => null, (e: unknown) => e);
    expect(isQuotaError(err)).toBe(true);
    sw.failing.clear();
    expect(await db.plays.toCollection().primaryKeys()).toEqual(['p0']);
  });
});
