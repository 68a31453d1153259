// The Data page's state: storage usage and persistence, backup export and
// import (with a confirmation step), and "delete all my data". The file
// format and the database work are in src/backup/.
import { db } from '../../platform/db.ts';
import { countAll, deleteAllData, exportBackup, parseBackupFile, restoreBackup, backupFileName, countsOf, type TableCounts } from './backup.ts';
import type { Backup } from './format.ts';
import { download } from '../../platform/download.ts';
import { emit, on } from '../../platform/events.ts';

type Message = { kind: 'ok' | 'error'; text: string };

/** What each table holds, in the user's words. */
export const TABLE_LABELS: Record<string, string> = {
  plays: 'listening history (plays)',
  imports: 'history imports',
  feedback: 'feedback (hides, likes, ratings)',
  seeds: 'seeds',
  settings: 'settings',
  models: 'trained models',
  catalog: 'catalog',
};

const describeCounts = (c: TableCounts): string =>
  Object.entries(c)
    .map(([t, n]) => `${n} ${TABLE_LABELS[t] ?? t}`)
    .join(', ');

class StorageState {
  usage = $state<number | null>(null);
  quota = $state<number | null>(null);
  /** null: not known yet, or the browser has no Storage API. */
  persisted = $state<boolean | null>(null);
  supported = typeof navigator !== 'undefined' && !!navigator.storage?.estimate;
  counts = $state<Record<string, number>>({});
  includeModels = $state(false);
  busy = $state<'export' | 'import' | 'delete' | 'persist' | null>(null);
  message = $state.raw<Message | null>(null);
  /** A validated backup waiting for the user to confirm the import. */
  pending = $state.raw<{ file: string; backup: Backup; counts: TableCounts } | null>(null);
  confirmingDelete = $state(false);

  constructor() {
    // After a first import of a catalog or history in this tab the user has
    // data worth keeping: ask the browser not to evict it.
    for (const news of ['catalog', 'plays'] as const) on(news, (from) => from !== undefined && from !== this && void this.persistQuietly());
  }

  async refresh(): Promise<void> {
    try {
      this.counts = await countAll(db());
    } catch (e) {
      this.message = { kind: 'error', text: `Could not read the database: ${(e as Error).message}` };
    }
    if (!this.supported) return;
    const [estimate, persisted] = await Promise.all([navigator.storage.estimate(), navigator.storage.persisted?.() ?? Promise.resolve(null)]);
    this.usage = estimate.usage ?? null;
    this.quota = estimate.quota ?? null;
    this.persisted = persisted;
  }

  /** Asks the browser not to evict our data under storage pressure. Browsers
   *  may grant it silently, ask the user, or refuse (then data is "best effort"). */
  async requestPersist(): Promise<void> {
    if (!navigator.storage?.persist) {
      this.message = { kind: 'error', text: 'This browser cannot keep storage persistent; back up your data now and then.' };
      return;
    }
    this.busy = 'persist';
    try {
      this.persisted = await navigator.storage.persist();
      this.message = this.persisted
        ? { kind: 'ok', text: 'Storage is persistent: the browser will not clear your data to make room.' }
        : { kind: 'error', text: 'The browser declined persistent storage for now (it often grants it to installed apps or sites you use often). Your data is kept, but could be cleared if the disk gets full: keep a backup.' };
    } finally {
      this.busy = null;
    }
  }

  /** After a first import the user has data worth keeping: ask the browser
   *  once, without a message (Chromium decides silently; Firefox may prompt).
   *  For the catalog and history imports too. */
  async persistQuietly(): Promise<void> {
    try {
      if (!navigator.storage?.persist || (await navigator.storage.persisted?.())) return;
      this.persisted = await navigator.storage.persist();
    } catch {
      // Not granted or not supported: the Data page shows the state and a button.
    }
  }

  async exportBackup(): Promise<void> {
    this.busy = 'export';
    this.message = null;
    try {
      const { text, counts } = await exportBackup(db(), { includeModels: this.includeModels });
      const name = backupFileName();
      download(name, text, 'application/json');
      this.message = { kind: 'ok', text: `Backup saved as ${name}: ${describeCounts(counts)}.` };
    } catch (e) {
      this.message = { kind: 'error', text: `The backup could not be made: ${(e as Error).message}` };
    } finally {
      this.busy = null;
    }
  }

  /** Reads and checks a chosen file; nothing is written until confirmImport. */
  async chooseImport(file: File): Promise<void> {
    this.busy = 'import';
    this.message = null;
    this.pending = null;
    try {
      const backup = await parseBackupFile(file);
      this.pending = { file: file.name, backup, counts: countsOf(backup) };
    } catch (e) {
      this.message = { kind: 'error', text: `${file.name}: ${(e as Error).message} Nothing was changed.` };
    } finally {
      this.busy = null;
    }
  }

  cancelImport(): void {
    this.pending = null;
    this.message = { kind: 'ok', text: 'Import cancelled. Nothing was changed.' };
  }

  async confirmImport(): Promise<void> {
    const p = this.pending;
    if (!p) return;
    this.busy = 'import';
    try {
      const counts = await restoreBackup(db(), p.backup);
      this.pending = null;
      // The backup may bring models: this tab and the others reload theirs.
      emit('models', this);
      emit('user-data', this);
      this.message = { kind: 'ok', text: `Backup imported from ${p.file}: ${describeCounts(counts)}.` };
      await this.persistQuietly();
    } catch (e) {
      this.message = { kind: 'error', text: (e as Error).message };
    } finally {
      this.busy = null;
      await this.refresh();
    }
  }

  async deleteAll(): Promise<void> {
    this.busy = 'delete';
    this.confirmingDelete = false;
    try {
      await deleteAllData(db());
      // Forget what the pages hold in memory too, here and in the other tabs.
      emit('catalog', this);
      emit('models', this);
      emit('user-data', this);
      this.message = { kind: 'ok', text: 'All your data was deleted from this browser: catalog, history, feedback, seeds, settings and models.' };
    } catch (e) {
      this.message = { kind: 'error', text: `Could not delete everything: ${(e as Error).message}` };
    } finally {
      this.busy = null;
      await this.refresh();
    }
  }
}

export const storage = new StorageState();
