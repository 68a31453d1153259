// Training runs as the Models page shows them: live progress, a loss curve,
// time left, Cancel, and the stored models' facts.
import * as Comlink from 'comlink';
import { AbortedError } from '../../workers/client.ts';
import { modelsWorker, queryWorker, rankWorker } from '../../workers/index.ts';
import { catalogState } from '../catalog/state.svelte.ts';
import type { ModelInfo, ModelsWorkerApi, TrainProgress } from './models.worker.ts';
import { feedback } from '../taste/state.svelte.ts';
import { tellOtherTabs } from '../../platform/events.ts';

export type ModelName = 'artist-autoencoder' | 'genre-classifier' | 'collaborative';

type Run = (api: Comlink.Remote<ModelsWorkerApi>, fingerprint: string, onProgress: (p: TrainProgress) => void) => Promise<unknown>;

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


  async start(run: Run, onDone: () => Promise<void>): Promise<void> {
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
      await modelsWorker.call((api) => run(api, fingerprint, onProgress), controller.signal);
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
    'artist-autoencoder': new TrainingJob(),
    'genre-classifier': new TrainingJob(),
    collaborative: new TrainingJob(),
  };

  info(name: ModelName): ModelInfo | undefined {
    return this.infos.find((i) => i.name === name);
  }

  async refresh(): Promise<void> {
    this.infos = await modelsWorker.call((api) => api.models());
  }

  /** Stored models changed (trained here, in another tab, or restored from a
   *  backup): reload their facts, drop what the query workers built on the
   *  old ones, and re-rank. */
  async modelsChanged(): Promise<void> {
    await Promise.all([this.refresh(), ...[queryWorker, rankWorker].map((w) => w.call((api) => api.modelChanged()))]);
    feedback.version++;
  }

  /** `epochs`: a shorter (or longer) run than the model's measured recipe. */
  train(name: 'artist-autoencoder' | 'genre-classifier', epochs?: number): Promise<void> {
    const run: Run =
      name === 'artist-autoencoder'
        ? (api, fp, onProgress) => api.trainArtists(fp, onProgress, { epochs })
        : (api, fp, onProgress) => api.trainGenres(fp, onProgress, { epochs });
    return this.jobs[name].start(run, async () => {
      tellOtherTabs('models');
      await this.modelsChanged();
      if (name === 'genre-classifier') await catalogState.fillGenres();
    });
  }

  /** Community data (Last.fm 2K files) → ALS item factors; or factors trained elsewhere. */
  trainCommunity(files: { artists: File; userArtists: File } | { factors: File }): Promise<void> {
    const run: Run = (api, fp, onProgress) => ('factors' in files ? api.loadFactors(files.factors, fp) : api.trainCommunity(files, fp, onProgress));
    return this.jobs.collaborative.start(run, async () => {
      tellOtherTabs('models');
      await this.modelsChanged();
    });
  }
}

export const training = new TrainingState();
