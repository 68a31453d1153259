// Training runs as the Models page shows them: live progress, a loss curve,
// time left, Cancel, and the stored models' facts.
import * as Comlink from 'comlink';
import { AbortedError } from '../../workers/client.ts';
import { modelsWorker } from '../../workers/index.ts';
import type { ModelsWorkerApi } from './models.worker.ts';
import type { ModelInfo, TrainProgress } from './store.ts';
import { emit, on } from '../../platform/events.ts';

export type ModelName = 'artist-autoencoder' | 'genre-classifier' | 'collaborative';

type Run = (api: Comlink.Remote<ModelsWorkerApi>, fingerprint: string, onProgress: (p: TrainProgress) => void) => Promise<unknown>;

class TrainingJob {
  progress = $state.raw<TrainProgress | null>(null);
  curve = $state.raw<TrainProgress[]>([]);
  error = $state<string | null>(null);
  running = $state(false);
  /** Share done, 0..1; it only grows during a run, so the bar never shrinks
   *  (a restart on another backend or a last report past the total included). */
  done = $state(0);
  /** When each progress report arrived here, for the time-left estimate. */
  private arrivals: { at: number; step: number }[] = [];
  private controller: AbortController | null = null;

  /** The step to show: never beyond the total. */
  get step(): number {
    const p = this.progress;
    return p ? Math.min(p.epoch, p.epochs) : 0;
  }

  /** Milliseconds left, from the pace of the last few steps as seen here:
   *  steps get slower as the machine gets busier, and the worker's own clock
   *  leaves out the time its reports wait, so the mean of all steps undershot. */
  get etaMs(): number | null {
    const p = this.progress;
    const a = this.arrivals;
    if (!p || a.length < 2) return null;
    const from = a[Math.max(0, a.length - 6)];
    const last = a[a.length - 1];
    const perStep = (last.at - from.at) / Math.max(1, last.step - from.step);
    return perStep * Math.max(0, p.epochs - this.step);
  }

  async start(run: Run, fingerprint: string | null, onDone: () => void): Promise<void> {
    if (!fingerprint || this.running) return;
    const controller = (this.controller = new AbortController());
    this.running = true;
    this.error = null;
    this.progress = null;
    this.curve = [];
    this.done = 0;
    this.arrivals = [{ at: performance.now(), step: 0 }];
    const onProgress = Comlink.proxy((p: TrainProgress) => {
      if (controller.signal.aborted) return;
      this.arrivals.push({ at: performance.now(), step: Math.min(p.epoch, p.epochs) });
      this.progress = p;
      this.curve = [...this.curve, p];
      this.done = Math.max(this.done, Math.min(1, p.epochs ? p.epoch / p.epochs : 0));
    });
    try {
      await modelsWorker.call((api) => run(api, fingerprint, onProgress), controller.signal);
      this.done = 1;
      onDone();
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

  constructor() {
    // Trained here or in another tab, restored from a backup, deleted.
    on('models', () => void this.refresh());
  }

  async refresh(): Promise<void> {
    this.infos = await modelsWorker.call((api) => api.models());
  }

  /** `epochs`: a shorter (or longer) run than the model's measured recipe. */
  train(name: 'artist-autoencoder' | 'genre-classifier', fingerprint: string | null, epochs?: number): Promise<void> {
    const run: Run =
      name === 'artist-autoencoder'
        ? (api, fp, onProgress) => api.trainArtists(fp, onProgress, { epochs })
        : (api, fp, onProgress) => api.trainGenres(fp, onProgress, { epochs });
    return this.jobs[name].start(run, fingerprint, () => emit('models', this));
  }

  /** Community data (Last.fm 2K files) → the community model; or ALS factors trained elsewhere. */
  trainCommunity(files: { artists: File; userArtists: File; taggedArtists?: File } | { factors: File[] }, fingerprint: string | null): Promise<void> {
    const run: Run = (api, fp, onProgress) => ('factors' in files ? api.loadFactors(files.factors, fp) : api.trainCommunity(files, fp, onProgress));
    return this.jobs.collaborative.start(run, fingerprint, () => emit('models', this));
  }
}

export const training = new TrainingState();
