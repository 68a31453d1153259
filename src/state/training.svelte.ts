// Training runs as the Models page shows them: live progress, a loss curve,
// time left, Cancel, and the stored models' facts.
import * as Comlink from 'comlink';
import { AbortedError } from '../compute/worker-client.ts';
import { modelsWorker } from './models-worker.ts';
import { catalogState } from './catalog.svelte.ts';
import { queryWorker, rankWorker } from './query.ts';
import type { ModelInfo, TrainProgress } from '../../workers/models.worker.ts';

export type ModelName = 'artist-autoencoder' | 'genre-classifier';

export class TrainingJob {
  progress = $state.raw<TrainProgress | null>(null);
  curve = $state.raw<TrainProgress[]>([]);
  error = $state<string | null>(null);
  running = $state(false);
  private controller: AbortController | null = null;

  /** Milliseconds left, from the mean epoch time so far. */
  get etaMs(): number | null {
    const p = this.progress;
    return p && p.epoch > 0 ? (p.elapsedMs / p.epoch) * (p.epochs - p.epoch) : null;
  }

  constructor(private readonly name: ModelName) {}

  async start(onDone: () => Promise<void>, epochs?: number): Promise<void> {
    const fingerprint = catalogState.fingerprint;
    if (!fingerprint || this.running) return;
    const controller = (this.controller = new AbortController());
    this.running = true;
    this.error = null;
    this.progress = null;
    this.curve = [];
    const onProgress = Comlink.proxy((p: TrainProgress) => {
      this.progress = p;
      this.curve = [...this.curve, p];
    });
    try {
      await modelsWorker.call(
        (api) => (this.name === 'artist-autoencoder' ? api.trainArtists(fingerprint, onProgress, { epochs }) : api.trainGenres(fingerprint, onProgress, { epochs })),
        controller.signal,
      );
      await onDone();
    } catch (e) {
      this.error = e instanceof AbortedError ? 'Training cancelled. The previous model, if any, is still in use.' : (e as Error).message;
    } finally {
      this.running = false;
      this.controller = null;
    }
  }

  cancel(): void {
    this.controller?.abort();
  }
}

class TrainingState {
  infos = $state.raw<ModelInfo[]>([]);
  jobs: Record<ModelName, TrainingJob> = {
    'artist-autoencoder': new TrainingJob('artist-autoencoder'),
    'genre-classifier': new TrainingJob('genre-classifier'),
  };

  info(name: ModelName): ModelInfo | undefined {
    return this.infos.find((i) => i.name === name);
  }

  async refresh(): Promise<void> {
    this.infos = await modelsWorker.call((api) => api.models());
  }

  /** `epochs`: a shorter (or longer) run than the model's measured recipe. */
  train(name: ModelName, epochs?: number): Promise<void> {
    return this.jobs[name].start(async () => {
      await this.refresh();
      if (name === 'genre-classifier') await catalogState.fillGenres();
      if (name === 'artist-autoencoder') await Promise.all([queryWorker, rankWorker].map((w) => w.call((api) => api.modelChanged())));
    }, epochs);
  }
}

export const training = new TrainingState();
