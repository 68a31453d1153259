// The one place that creates each worker. Each is started on first use and
// restarted after a crash (WorkerClient).
import { WorkerClient } from './client.ts';
import type { CatalogWorkerApi } from '../features/catalog/catalog.worker.ts';
import type { HistoryWorkerApi } from '../features/history/history.worker.ts';
import type { ModelsWorkerApi } from '../features/models/models.worker.ts';
import type { QueryWorkerApi } from './query.worker.ts';

/** Parses a catalog file into Arrow and stores it. */
export const catalogWorker = new WorkerClient<CatalogWorkerApi>(
  () => new Worker(new URL('../features/catalog/catalog.worker.ts', import.meta.url), { type: 'module', name: 'catalog' }),
);

/** Imports listening history. */
export const historyWorker = new WorkerClient<HistoryWorkerApi>(
  () => new Worker(new URL('../features/history/history.worker.ts', import.meta.url), { type: 'module', name: 'history' }),
);

/** The one models worker: training and inference, queued and cancellable. */
export const modelsWorker = new WorkerClient<ModelsWorkerApi>(
  () => new Worker(new URL('../features/models/models.worker.ts', import.meta.url), { type: 'module', name: 'models' }),
  5 * 60_000,
);

const query = (name: string) => () => new Worker(new URL('./query.worker.ts', import.meta.url), { type: 'module', name });

/** Search, insights and similar artists: quick answers while the user types. */
export const queryWorker = new WorkerClient<QueryWorkerApi>(query('query'), 10 * 60_000);

/** Recommendations, in a second instance of the same worker, so that building
 *  the ranking index (a second or two) never holds up a search. */
export const rankWorker = new WorkerClient<QueryWorkerApi>(query('rank'), 10 * 60_000);
