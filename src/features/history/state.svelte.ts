// Importing listening history: files in, a report out; a CSV we do not know
// first goes through a column-mapping step with a preview, and a playlist
// asks whether it is likes or a seed list.
import * as Comlink from 'comlink';
import { db, type ImportRecord } from '../../platform/db.ts';
import { AbortedError } from '../../workers/client.ts';
import { historyWorker } from '../../workers/index.ts';
import type { HistoryImportReport, HistoryProgress, HistoryWorkerApi, NeedsChoice } from './history.worker.ts';
import type { ReadChoices } from './core/read.ts';
import { emit, on } from '../../platform/events.ts';

const worker = historyWorker;

class HistoryState {
  progress = $state.raw<HistoryProgress | null>(null);
  error = $state<string | null>(null);
  report = $state.raw<HistoryImportReport | null>(null);
  /** Set while files wait for the user's choice (a column mapping, or likes vs seeds). */
  pending = $state.raw<{ files: File[]; needs: NeedsChoice; choices: ReadChoices } | null>(null);
  imports = $state.raw<ImportRecord[]>([]);
  private controller: AbortController | null = null;

  constructor() {
    // What this page said about data that is now gone (or replaced) is stale.
    on('user-data', () => {
      this.error = null;
      this.report = null;
      this.pending = null;
      void this.loadImports();
    });
  }

  async loadImports(): Promise<void> {
    this.imports = await db().imports.orderBy('at').reverse().toArray();
  }

  /** `fingerprint`: the catalog the plays are matched against (null: none loaded). */
  async importFiles(files: File[], fingerprint: string | null, choices: ReadChoices = {}): Promise<void> {
    if (!files.length) return;
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    this.error = null;
    this.report = null;
    this.pending = null;
    this.progress = { file: files[0].name, bytes: 0, totalBytes: files[0].size, phase: 'reading' };
    try {
      const onProgress = Comlink.proxy((p: HistoryProgress) => {
        if (!controller.signal.aborted) this.progress = p;
      });
      const result = await worker.call(async (api) => (await api.importHistory(files, { fingerprint, ...choices }, onProgress)) as HistoryImportReport | NeedsChoice, controller.signal);
      if ('needs' in result) this.pending = { files, needs: result, choices };
      else {
        this.report = result;
        // Plays and likes both change the taste (taste/state.svelte.ts reloads on 'plays').
        emit('plays', this);
        await this.loadImports();
      }
    } catch (e) {
      this.error = e instanceof AbortedError ? 'Import cancelled. Nothing from it was stored.' : (e as Error).message;
    } finally {
      if (this.controller === controller) {
        this.controller = null;
        this.progress = null;
      }
    }
  }

  cancel(): void {
    this.controller?.abort();
  }

  /** Gives up the waiting choice: nothing from those files is imported. */
  cancelPending(): void {
    if (this.pending) this.error = `Import of ${this.pending.needs.file} cancelled. Nothing from it was stored.`;
    this.pending = null;
  }
}

export const history = new HistoryState();
