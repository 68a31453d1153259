import { WorkerClient } from './client.ts';
import type { ModelsWorkerApi } from '../features/models/worker.ts';

/** The one models worker: training and inference, queued and cancellable. */
export const modelsWorker = new WorkerClient<ModelsWorkerApi>(
  () => new Worker(new URL('../features/models/worker.ts', import.meta.url), { type: 'module', name: 'models' }),
  5 * 60_000,
);
