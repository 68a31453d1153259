import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { NeuralBeatsDB } from '../../platform/db.ts';
import { countAll, deleteAllData, exportBackup, parseBackupFile, restoreBackup } from './backup.ts';
import { BACKUP_TABLE_NAMES, BackupFormatError, decodeBackup, encodeBackup } from './format.ts';
import { sampleData, type SampleData } from '../../../test/backup-sample.ts';
import { injectQuotaErrors } from '../../../test/test-quota.ts';
import { readPlays, replacePlays } from '../history/plays.ts';

const open: NeuralBeatsDB[] = [];
let n = 0;
function freshDb(): NeuralBeatsDB {
  const db = new NeuralBeatsDB(`backup-test-${n++}`);
  open.push(db);
  return db;
}
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

async function fill(db: NeuralBeatsDB, data: SampleData): Promise<void> {
  for (const name of BACKUP_TABLE_NAMES) {
    if (name === 'plays') await db.transaction('rw', db.plays, db.playChunks, () => replacePlays(db, data.plays));
    else await db.table(name).bulkPut(data[name]);
  }
  await db.catalog.put({
    id: 'current',
    ipc: Uint8Array.from([1, 2, 3]),
    fingerprint: 'fp-123',
    summary: {} as never,
    source: { kind: 'file', name: 'dataset.csv', bytes: 3 },
    savedAt: 1,
  });
}

/** Every record of every table, by primary key (plays: each play, by id). */
async function dump(db: NeuralBeatsDB, names: readonly string[] = BACKUP_TABLE_NAMES): Promise<Record<string, Map<unknown, unknown>>> {
  const out: Record<string, Map<unknown, unknown>> = {};
  for (const name of names) {
    if (name === 'plays') {
      out[name] = new Map((await readPlays(db)).map((p) => [p.id, p]));
      continue;
    }
    const t = db.table(name);
    const keys = await t.toCollection().primaryKeys();
    const rows = await t.toArray();
    out[name] = new Map(keys.map((k, i) => [k, rows[i]]));
  }
  return out;
}

const file = (text: string) => new Blob([text], { type: 'application/json' });

describe('backup round trip', () => {
  it('exports one browser database and imports it into another, record by record', async () => {
    const a = freshDb();
    const data = sampleData(2000);
    await fill(a, data);
    const { text, counts } = await exportBackup(a, { includeModels: true, now: 1234 });
    expect(counts).toEqual({ settings: 3, seeds: 3, plays: 2000, imports: 2, feedback: 6, models: 2 });

    const b = freshDb(); // "another browser": a separate, empty database
    const restored = await restoreBackup(b, await parseBackupFile(file(text)));
    expect(restored).toEqual(counts);

    const [da, db] = [await dump(a), await dump(b)];
    for (const name of BACKUP_TABLE_NAMES) {
      expect(db[name].size, name).toBe(da[name].size);
      for (const [key, rec] of da[name]) expect(db[name].get(key), `${name} ${String(key)}`).toEqual(rec);
    }
    // Typed arrays come back as the same types, usable as before.
    const model = (await b.models.get('artist-autoencoder'))!.payload as { codes: Float32Array; ids: Int32Array; model: { standardizer: { mean: Float64Array } } };
    expect(model.codes).toBeInstanceOf(Float32Array);
    expect(model.ids).toBeInstanceOf(Int32Array);
    expect(model.model.standardizer.mean).toBeInstanceOf(Float64Array);
    expect(Number.isNaN((await b.models.get('genre-classifier'))!.finalLoss)).toBe(true);
    // Indexes work on the imported records.
    expect((await b.playChunks.where('importId').equals('imp-lastfm').toArray()).reduce((n, c) => n + c.n, 0)).toBe(data.imports[0].added);
    expect((await b.seeds.orderBy('position').toArray()).map((s) => s.id)).toEqual(data.seeds.map((s) => s.id));
    // The catalog is not user data and is never in a backup.
    expect(await b.catalog.count()).toBe(0);
    expect(JSON.parse(text).tables.catalog).toBeUndefined();
  });

  it('restores a backup written when plays were one row each (the file format is unchanged)', async () => {
    const data = sampleData(300);
    // What exportBackup wrote from version-1 rows: the plays as records, one per play.
    const text = encodeBackup({ plays: data.plays, imports: data.imports }, 1234, '0.1.0');
    const b = freshDb();
    expect(await restoreBackup(b, await parseBackupFile(file(text)))).toEqual({ plays: 300, imports: 2 });
    const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : 1);
    expect((await readPlays(b)).sort(byId)).toEqual([...data.plays].sort(byId));
    expect((await countAll(b)).plays).toBe(300);
  });

  it('leaves models out unless asked, and then leaves the stored models alone on import', async () => {
    const a = freshDb();
    await fill(a, sampleData(10));
    const { text, counts } = await exportBackup(a, { includeModels: false });
    expect(counts.models).toBeUndefined();
    expect(text).not.toContain('artist-autoencoder');

    const b = freshDb();
    await b.models.put(sampleData(1, 99).models[1]);
    await b.seeds.put({ id: 'artist:Old', kind: 'artist', key: 'Old', label: 'Old', position: 0 });
    await restoreBackup(b, decodeBackup(text));
    expect(await b.models.count()).toBe(1); // untouched
    // Tables in the backup replace what was there.
    expect(await b.seeds.get('artist:Old')).toBeUndefined();
    expect(await b.seeds.count()).toBe(3);
  });
});

describe('backup import failures change nothing', () => {
  it('a write failing mid-import (quota) rolls back every table', async () => {
    const a = freshDb();
    await fill(a, sampleData(50, 1));
    const text = (await exportBackup(a, { includeModels: true })).text;

    const b = freshDb();
    const quota = injectQuotaErrors(b);
    await fill(b, sampleData(30, 2));
    const before = await dump(b);
    // The feedback table (written after settings, seeds, plays, imports) fails as a full disk would.
    quota.failing.add('feedback');
    await expect(restoreBackup(b, decodeBackup(text))).rejects.toThrow(/storage quota reached.*Nothing was changed/);
    expect(await dump(b)).toEqual(before);
  });

  it('a foreign or damaged file is refused before anything is written', async () => {
    const b = freshDb();
    await fill(b, sampleData(30, 3));
    const before = await dump(b, ['catalog', ...BACKUP_TABLE_NAMES]);
    const bad = [
      file(''),
      file('{"playlist":{"track":[]}}'),
      file('{"format":"neural-beats-backup","version":1,"exportedAt":1,"tables":{"seeds":[{"id":"x"'),
      new Blob([Uint8Array.from([0xff, 0xfe, 0x7b, 0x00])]),
      new Blob([Uint8Array.from([0x7b, 0x22, 0xe9, 0xff, 0xfe])]), // Latin-1/invalid UTF-8 after a "{"
    ];
    for (const f of bad) {
      await expect(parseBackupFile(f)).rejects.toThrow(BackupFormatError);
    }
    expect(await dump(b, ['catalog', ...BACKUP_TABLE_NAMES])).toEqual(before);
  });

  it('refuses a file over the size limit after reading only its first bytes', async () => {
    const text = (await exportBackup(freshDb(), { includeModels: false })).text;
    await expect(parseBackupFile(file(text + ' '.repeat(4096)), 2048)).rejects.toThrow(/largest backup Neural Beats reads is 0 MB|largest backup/);
  });
});

describe('delete all my data', () => {
  it('empties every table, catalog included', async () => {
    const a = freshDb();
    await fill(a, sampleData(100));
    expect(Object.values(await countAll(a)).every((c) => c > 0)).toBe(true);
    await deleteAllData(a);
    const counts = await countAll(a);
    expect(Object.keys(counts).sort()).toEqual(['catalog', 'feedback', 'imports', 'models', 'plays', 'seeds', 'settings']);
    expect(Object.values(counts).every((c) => c === 0)).toBe(true);
    // Read back through a second, independent connection (as another tab would).
    const again = new NeuralBeatsDB(a.name);
    open.push(again);
    expect(Object.values(await countAll(again)).every((c) => c === 0)).toBe(true);
    // The database is still usable afterwards.
    await a.seeds.put({ id: 'artist:X', kind: 'artist', key: 'X', label: 'X', position: 0 });
    expect(await again.seeds.count()).toBe(1);
  });
});
