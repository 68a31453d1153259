// The artist vectors every "similar artists" list and the ranking use: the
// trained autoencoder's codes when a model for this catalog is stored, else
// standardized features (the fallback, and the page says so).
import { catalogState } from './catalog.svelte.ts';
import { modelsWorker } from './models-worker.ts';

export interface ArtistVectorSet {
  data: Float32Array;
  dim: number;
  source: 'model' | 'fallback';
  fingerprint: string;
}

class ArtistVectorsState {
  current = $state.raw<ArtistVectorSet | null>(null);
  error = $state<string | null>(null);
  private loading: string | null = null;

  constructor() {
    $effect.root(() => {
      $effect(() => {
        const fp = catalogState.fingerprint;
        if (fp && this.current?.fingerprint !== fp && this.loading !== fp) void this.load(fp);
      });
    });
  }

  async load(fingerprint: string): Promise<void> {
    this.loading = fingerprint;
    try {
      const v = await modelsWorker.call((api) => api.artistVectors(fingerprint));
      if (catalogState.fingerprint === fingerprint) this.current = { ...v, fingerprint };
      this.error = null;
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.loading = null;
    }
  }
}

export const artistVectors = new ArtistVectorsState();
