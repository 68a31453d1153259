// Backups against the app's Dexie database: export the user's tables to one
// file, import one back (validated first, then written in a single
// transaction), and delete everything. The file format is in format.ts.
import type { Table } from 'dexie';
import { isQuotaError, quotaMessage, type NeuralBeatsDB, type PlayRecord } from '../../platform/db.ts';
import { playCount, readPlays, replacePlays } from '../history/plays.ts';
import {
  BACKUP_TABLE_NAMES,
  BackupFormatError,
  MAX_BACKUP_BYTES,
  decodeBackup,
  encodeBackup,
  sniffBackup,
  type Backup,
  type BackupTable,
} from './format.ts';

interface ExportOptions {
  /** Trained models can be large and can be trained again: the user chooses. */
  includeModels: boolean;
  app?: string;
  now?: number;
}

export type TableCounts = Partial<Record<BackupTable, number>>;

function table(db: NeuralBeatsDB, name: BackupTable): Table<Record<string, unknown>, string> {
  return db.table(name);
}

/** The Dexie tables behind a backup table: plays live in chunks (history/plays.ts), as one row per play in the file. */
const storesOf = (db: NeuralBeatsDB, names: readonly BackupTable[]): Table[] => names.flatMap((n): Table[] => (n === 'plays' ? [db.plays, db.playChunks] : [db.table(n)]));

/** Reads every exported table in one read transaction (a consistent snapshot). */
async function readBackup(db: NeuralBeatsDB, opts: ExportOptions): Promise<Backup> {
  const names = BACKUP_TABLE_NAMES.filter((n) => n !== 'models' || opts.includeModels);
  const tables: Backup['tables'] = {};
  await db.transaction('r', storesOf(db, names), async () => {
    for (const n of names) tables[n] = n === 'plays' ? ((await readPlays(db)) as unknown as Record<string, unknown>[]) : await table(db, n).toArray();
  });
  return { format: 'neural-beats-backup', version: 1, exportedAt: opts.now ?? Date.now(), ...(opts.app ? { app: opts.app } : {}), tables };
}

/** The backup file's text. */
export async function exportBackup(db: NeuralBeatsDB, opts: ExportOptions): Promise<{ text: string; counts: TableCounts }> {
  const b = await readBackup(db, opts);
  return { text: encodeBackup(b.tables, b.exportedAt, b.app), counts: countsOf(b) };
}

export function countsOf(b: Backup): TableCounts {
  const counts: TableCounts = {};
  for (const n of BACKUP_TABLE_NAMES) if (b.tables[n]) counts[n] = b.tables[n]!.length;
  return counts;
}

export function backupFileName(now = new Date()): string {
  return `neural-beats-backup-${now.toISOString().slice(0, 10)}.json`;
}

/** Reads and validates a backup file without touching the database. Refuses a
 *  file that does not start like a backup after reading only its first bytes. */
export async function parseBackupFile(file: Blob, maxBytes = MAX_BACKUP_BYTES): Promise<Backup> {
  const problem = sniffBackup(new Uint8Array(await file.slice(0, 512).arrayBuffer()));
  if (problem) throw new BackupFormatError(problem);
  if (file.size > maxBytes)
    throw new BackupFormatError(`This file is ${Math.round(file.size / 2 ** 20)} MB; the largest backup Neural Beats reads is ${Math.round(maxBytes / 2 ** 20)} MB.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw new BackupFormatError('This file is not UTF-8 text, so it is not a backup Neural Beats wrote.');
  }
  return decodeBackup(text);
}

/**
 * Writes a validated backup into the database, in ONE transaction: each table
 * present in the backup replaces the stored table of that name (cleared, then
 * filled); tables absent from the backup (e.g. models when they were not
 * exported, and always the catalog) are left as they are. Any failure (quota,
 * a bad record) aborts the transaction, so nothing stored changes.
 */
export async function restoreBackup(db: NeuralBeatsDB, backup: Backup): Promise<TableCounts> {
  const names = BACKUP_TABLE_NAMES.filter((n) => backup.tables[n]);
  if (!names.length) throw new BackupFormatError('This backup holds no tables, so there is nothing to import.');
  try {
    await db.transaction('rw', storesOf(db, names), async () => {
      for (const n of names) {
        if (n === 'plays') {
          await replacePlays(db, backup.tables.plays as unknown as PlayRecord[]);
          continue;
        }
        await table(db, n).clear();
        await table(db, n).bulkPut(backup.tables[n]!);
      }
    });
  } catch (e) {
    if (isQuotaError(e)) throw new Error(quotaMessage('this backup', 'Nothing was changed: your data is as it was.'));
    throw new Error(`The backup could not be written, so nothing was changed (${(e as Error).message}).`);
  }
  return countsOf(backup);
}

/** Deletes everything the app stores in IndexedDB, catalog included, in one
 *  transaction. (Clearing keeps the database open for other tabs and workers;
 *  deleting the database would close their connections.) */
export async function deleteAllData(db: NeuralBeatsDB): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const t of db.tables) await t.clear();
  });
}

/** Records per table, every table of the user's (for the Data page and the tests); plays counted one per play. */
export async function countAll(db: NeuralBeatsDB): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of db.tables) if (t.name !== 'playChunks' && t.name !== 'derived') out[t.name] = t.name === 'plays' ? await playCount(db) : await t.count();
  return out;
}
