import { WorkerClient } from './client.ts';
import type { QueryWorkerApi } from './query.worker.ts';

const create = (name: string) => () => new Worker(new URL('./query.worker.ts', import.meta.url), { type: 'module', name });

/** Search, insights and similar artists: quick answers while the user types. */
export const queryWorker = new WorkerClient<QueryWorkerApi>(create('query'), 10 * 60_000);

/** Recommendations, in a second instance of the same worker, so that building
 *  the ranking index (a second or two) never holds up a search. */
export const rankWorker = new WorkerClient<QueryWorkerApi>(create('rank'), 10 * 60_000);
