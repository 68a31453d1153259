// Listening-history import, off the UI thread: a thin adapter over import.ts.
// The catalog matcher is built once per catalog fingerprint and reused.
import * as Comlink from 'comlink';
import { db } from '../../platform/db.ts';
import { storedCatalog } from '../catalog/store.ts';
import { matcherFor } from './core/match.ts';
import type { NeedsChoice, ReadChoices } from './core/read.ts';
import { fileSource, runImport, type HistoryImportReport, type HistoryProgress } from './import.ts';

export type { HistoryImportReport, HistoryProgress } from './import.ts';
export type { NeedsChoice } from './core/read.ts';

const api = {
  async importHistory(
    files: File[],
    opts: { fingerprint: string | null } & ReadChoices,
    onProgress: (p: HistoryProgress) => void,
  ): Promise<HistoryImportReport | NeedsChoice> {
    const { fingerprint, ...choices } = opts;
    return runImport(db(), files.map(fileSource), choices, async () => (fingerprint ? matcherFor(fingerprint, () => storedCatalog(fingerprint)) : null), onProgress);
  },
};

export type HistoryWorkerApi = typeof api;
Comlink.expose(api);
