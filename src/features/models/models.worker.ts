// Model training and inference, off the UI thread, on the tfjs backend chosen
// by src/compute/backend.ts: a thin adapter over each model's job. Cancel
// terminates this worker (see src/workers/client.ts).
import * as Comlink from 'comlink';
import { tf } from '../../compute/tf.ts';
import { runWithFallback } from '../../compute/backend.ts';
import { rememberedBackend } from '../../compute/remembered.ts';
import { storedModels, type Trainer, type TrainProgress } from './store.ts';
import { trainArtistsJob } from './artist/job.ts';
import { classifyCatalogJob, hearGenresJob, trainGenresJob } from './genre/job.ts';
import { loadFactorsJob, trainCommunityJob } from './cf/job.ts';
import { layoutMapJob, listensJob, storedMap } from '../map/job.ts';
import type { MapProgress } from '../map/core/build.ts';


const backend = rememberedBackend(tf);
const trainer: Trainer = {
  tf,
  ready: () => backend(),
  withFallback: async (train) => runWithFallback(tf, (await backend()).name, train),
};
type Opts = { epochs?: number; seed?: number };

const api = {
  backend,
  trainArtists: (fp: string, onProgress: (p: TrainProgress) => void, opts?: Opts) => trainArtistsJob(trainer, fp, onProgress, opts),
  trainGenres: (fp: string, onProgress: (p: TrainProgress) => void, opts?: Opts) => trainGenresJob(trainer, fp, onProgress, opts),
  trainCommunity: trainCommunityJob,
  loadFactors: loadFactorsJob,
  hearGenres: (fp: string, tracks: number[]) => hearGenresJob(trainer, fp, tracks),
  classifyCatalog: (fp: string) => classifyCatalogJob(trainer, fp),
  models: storedModels,
  /** The artist map: the stored one, or null; a new layout; listens per artist. */
  storedMap,
  layoutMap: async (fp: string, onProgress: (p: MapProgress) => void) => layoutMapJob(tf, (await backend()).name, fp, onProgress),
  mapListens: listensJob,
};

export type ModelsWorkerApi = typeof api;
Comlink.expose(api);
