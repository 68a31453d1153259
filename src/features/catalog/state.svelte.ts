// The catalog the UI works with: restored from IndexedDB at start, replaced
// only when an import has fully succeeded.
import * as Comlink from 'comlink';
import { indexSteps, type Catalog, type CatalogSummary } from './core/catalog.ts';
import { arrowSteps } from './core/arrow.ts';
import { runSliced, type Steps } from './core/steps.ts';
import type { CatalogRecord } from '../../platform/db.ts';
import { AbortedError } from '../../workers/client.ts';
import { catalogWorker, modelsWorker } from '../../workers/index.ts';
import { emit, on } from '../../platform/events.ts';
import type { CatalogWorkerApi, ImportProgress } from './catalog.worker.ts';

export const DEFAULT_DATASET_URL =
  'https://huggingface.co/datasets/maharshipandya/spotify-tracks-dataset/resolve/main/dataset.csv';

const worker = catalogWorker;

class CatalogState {
  catalog = $state.raw<Catalog | null>(null);
  summary = $state.raw<CatalogSummary | null>(null);
  fingerprint = $state<string | null>(null);
  source = $state.raw<CatalogRecord['source'] | null>(null);
  /** How the current catalog got here, for the user and the tests. */
  origin = $state<{ how: 'restored' | 'imported'; ms: number } | null>(null);
  restoring = $state(true);
  progress = $state.raw<ImportProgress | null>(null);
  error = $state<string | null>(null);
  private controller: AbortController | null = null;
  /** Bumped by each use(), so that only the latest catalog is kept. */
  private using = 0;

  constructor() {
    // Stored elsewhere (another tab, or "delete all"): read it again.
    on('catalog', (from) => from !== this && void this.restore());
    // A genre classifier trained in this tab can fill in missing genres.
    on('models', (from) => from !== undefined && void this.fillGenres());
    // An error about data that is gone (all deleted, or a backup restored) is stale.
    on('user-data', () => (this.error = null));
  }

  get importing(): boolean {
    return this.progress !== null;
  }

  /** Reads the stored catalog: at start, and when another tab changed it. */
  async restore(): Promise<void> {
    try {
      const t0 = performance.now();
      // Read in the catalog worker: its bytes come over without a copy (catalog.worker.ts).
      const record = await worker.call((api) => api.stored());
      if (this.importing) return; // this tab's own import decides
      if (record) await this.use(record.ipc, record.summary, record.fingerprint, record.source, 'restored', t0);
      else this.forget();
      void this.fillGenres();
    } catch (e) {
      this.error =
        (e as Error).name === 'CatalogLayoutError'
          ? 'The stored catalog was saved by another version of Neural Beats and cannot be read by this one. Load the dataset again (file or URL); your seeds, history, feedback and settings are kept.'
          : `Could not read the stored catalog: ${(e as Error).message}`;
    } finally {
      this.restoring = false;
    }
  }

  importFile(file: File): Promise<void> {
    return this.run((api, onProgress) => api.importFile(file, onProgress));
  }

  importUrl(url: string): Promise<void> {
    return this.run((api, onProgress) => api.importUrl(url, onProgress));
  }

  cancel(): void {
    this.controller?.abort();
  }

  /** A catalog without genres gets them from the genre classifier, if one is trained. */
  async fillGenres(): Promise<void> {
    const fp = this.fingerprint;
    if (!fp || !this.summary || this.summary.hasGenres || this.summary.genresPredicted) return;
    try {
      const filled = await modelsWorker.call((api) => api.classifyCatalog(fp));
      if (filled && this.fingerprint === fp && this.source) {
        await this.use(filled.ipc, filled.summary, filled.fingerprint, this.source, 'imported', performance.now());
        emit('catalog', this);
      }
    } catch (e) {
      this.error = `Could not classify the catalog's genres: ${(e as Error).message}`;
    }
  }

  private async run(
    start: (api: Comlink.Remote<CatalogWorkerApi>, onProgress: (p: ImportProgress) => void) => Promise<Awaited<ReturnType<CatalogWorkerApi['importFile']>>>,
  ): Promise<void> {
    this.cancel();
    const controller = (this.controller = new AbortController());
    this.error = null;
    this.progress = { phase: 'reading', bytes: 0, totalBytes: null, rows: 0 };
    const t0 = performance.now();
    try {
      const onProgress = Comlink.proxy((p: ImportProgress) => {
        if (!controller.signal.aborted) this.progress = p;
      });
      const result = await worker.call((api) => start(api, onProgress), controller.signal);
      await this.use(result.ipc, result.summary, result.fingerprint, result.source, 'imported', t0);
      emit('catalog', this);
      void this.fillGenres();
    } catch (e) {
      // The stored catalog is untouched: the worker writes only on success.
      this.error = e instanceof AbortedError ? 'Import cancelled. Your catalog is unchanged.' : (e as Error).message;
    } finally {
      if (this.controller === controller) {
        this.controller = null;
        this.progress = null;
      }
    }
  }

  /** No catalog (all data deleted, here or in another tab). */
  forget(): void {
    this.using++;
    this.catalog = null;
    this.summary = null;
    this.fingerprint = null;
    this.source = null;
    this.origin = null;
  }

  private async use(
    ipc: Uint8Array,
    summary: CatalogSummary,
    fingerprint: string,
    source: CatalogRecord['source'],
    how: 'restored' | 'imported',
    t0: number,
  ): Promise<void> {
    // ~60 ms on the real catalog, in slices of a few ms (core/steps.ts), so
    // the page keeps answering input and painting meanwhile; a newer catalog
    // that arrives meanwhile wins.
    const seq = ++this.using;
    const catalog = await runSliced(catalogSteps(ipc));
    if (seq !== this.using) return;
    this.catalog = catalog;
    this.summary = summary;
    this.fingerprint = fingerprint;
    this.source = source;
    this.origin = { how, ms: Math.round(performance.now() - t0) };
  }
}

function* catalogSteps(ipc: Uint8Array): Steps<Catalog> {
  return yield* indexSteps(yield* arrowSteps(ipc));
}

export const catalogState = new CatalogState();
