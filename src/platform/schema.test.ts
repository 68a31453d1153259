// Upgrades never lose user data: for every schema version the app has ever
// shipped, create a database at that version (with the Dexie stores of that
// time, copied below), fill it with realistic records, then open it with the
// current code and check every record is still there and usable.
//
// When db.ts gains a version(N+1): copy its stores into PAST_SCHEMAS, and if
// the upgrade changes records, give the entry an `expect` that says how a
// migrated record should look.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { NeuralBeatsDB } from './db.ts';
import { sampleData } from '../../test/backup-sample.ts';
import { toChunks } from '../features/history/core/chunks.ts';
import { addPlays, playCount, playsBetween, readPlays } from '../features/history/plays.ts';

interface PastSchema {
  version: number;
  stores: Record<string, string>;
}

/** Every schema version ever released, oldest first (copies, never imports):
 *  each version as the one before plus what it added. */
const V1 = {
  catalog: 'id',
  settings: 'key',
  seeds: 'id, position',
  models: 'name',
  plays: 'id, ts, importId, artist',
  imports: 'id, at',
  feedback: 'id, at, type',
};
const V2 = { ...V1, playChunks: 'id, importId, lo, hi, n' };
const PAST_SCHEMAS: PastSchema[] = [
  { version: 1, stores: V1 },
  { version: 2, stores: V2 },
  { version: 3, stores: { ...V2, derived: 'id' } },
];

/** Records as the app of that version wrote them: plays one row each in
 *  version 1, in columnar chunks from version 2. */
function recordsAt(version: number): Record<string, unknown[]> {
  const d = sampleData(300, 11);
  return {
    ...d,
    ...(version >= 2 ? { plays: [], playChunks: toChunks(d.plays) } : {}),
    catalog: [
      {
        id: 'current',
        ipc: Uint8Array.from({ length: 4096 }, (_, i) => (i * 31) & 255),
        fingerprint: 'fp-abc',
        summary: { rowsRead: 10, tracks: 9, artists: 5, genres: 2, duplicateRows: 1, rejected: 0, rejectedByReason: {}, rejectedSamples: [] },
        source: { kind: 'file', name: 'dataset.csv', bytes: 4096 },
        savedAt: 1_700_000_000_000,
      },
    ],
  };
}

/** The current code's schema, as Dexie stores strings. */
function currentStores(db: Dexie): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of db.tables) out[t.name] = [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ');
  return out;
}

const names: string[] = [];
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

describe('schema upgrades keep every record', () => {
  it('the newest past schema is the current one (add a copy here when db.ts gets a new version)', async () => {
    const db = new NeuralBeatsDB('schema-current');
    names.push(db.name);
    await db.open();
    const latest = PAST_SCHEMAS[PAST_SCHEMAS.length - 1];
    expect(db.verno).toBe(latest.version);
    expect(currentStores(db)).toEqual(latest.stores);
  });

  for (const past of PAST_SCHEMAS) {
    it(`opens a version ${past.version} database with the current code`, async () => {
      const name = `schema-v${past.version}`;
      names.push(name);
      // The database as that version of the app left it.
      const old = new Dexie(name);
      for (const p of PAST_SCHEMAS.filter((p) => p.version <= past.version)) old.version(p.version).stores(p.stores);
      const written = recordsAt(past.version);
      await old.open();
      for (const [table, rows] of Object.entries(written)) {
        if (old.tables.some((t) => t.name === table)) await old.table(table).bulkPut(rows);
      }
      old.close();

      // Today's code opens it (running any upgrades).
      const db = new NeuralBeatsDB(name);
      await db.open();
      expect(db.verno).toBeGreaterThanOrEqual(past.version);
      // No table or index of the old schema was dropped.
      const now = currentStores(db);
      for (const [table, spec] of Object.entries(past.stores)) {
        expect(now[table], `table ${table}`).toBeDefined();
        for (const idx of spec.split(',').map((s) => s.trim())) expect(now[table].split(', '), `${table}.${idx}`).toContain(idx);
      }
      // Every play is there, equal to what was written (whatever rows held it).
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
      const plays = (await readPlays(db)).sort(byId);
      expect(plays).toEqual([...sampleData(300, 11).plays].sort(byId));
      expect(await db.plays.count()).toBe(0);
      // Every other record is there, equal to what was written.
      for (const [table, rows] of Object.entries(written)) {
        if (table === 'plays' || table === 'playChunks') continue;
        const t = db.table(table);
        expect(await t.count(), table).toBe(rows.length);
        for (const row of rows as Record<string, unknown>[]) {
          const key = row[t.schema.primKey.keyPath as string] as string;
          expect(await t.get(key), `${table} ${key}`).toEqual(row);
        }
      }
      // … and usable: the queries the app runs, and new writes.
      const seeds = await db.seeds.orderBy('position').toArray();
      expect(seeds.map((s) => s.position)).toEqual([0, 1, 2]);
      const mid = [...plays].sort((a, b) => a.ts - b.ts)[150].ts;
      expect((await playsBetween(db, -Infinity, mid - 1)).length).toBe(plays.filter((p) => p.ts < mid).length);
      const spotifyChunks = await db.playChunks.where('importId').equals('imp-spotify').toArray();
      expect(spotifyChunks.reduce((n, c) => n + c.n, 0)).toBe(plays.filter((p) => p.importId === 'imp-spotify').length);
      await db.transaction('rw', db.playChunks, () => addPlays(db, 'imp-new', [{ id: 'new', ts: 1, artist: 'Beyoncé', track: 'New', source: 'csv' }]));
      expect(await playCount(db)).toBe(plays.length + 1);
      expect((await db.feedback.where('type').equals('dont-recommend').first())?.id).toBe('fb-1');
      expect((await db.imports.orderBy('at').last())?.id).toBe('imp-spotify');
      const model = await db.models.get('artist-autoencoder');
      expect((model!.payload as { codes: Float32Array }).codes).toBeInstanceOf(Float32Array);
      const catalog = await db.catalog.get('current');
      expect(catalog!.ipc).toBeInstanceOf(Uint8Array);
      await db.feedback.update('fb-1', { undoneAt: 1 });
      expect((await db.feedback.get('fb-1'))!.undoneAt).toBe(1);
      await db.seeds.put({ id: 'artist:New', kind: 'artist', key: 'New', label: 'New', position: 3 });
      expect(await db.seeds.count()).toBe(4);
      db.close();
    });
  }
});
