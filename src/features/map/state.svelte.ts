// The map as the Map page sees it: the stored layout (opened at once), or a
// new one computed in the models worker with progress and Cancel; and the
// user's listening per artist for the heat layer.
import * as Comlink from 'comlink';
import { AbortedError } from '../../workers/client.ts';
import { modelsWorker } from '../../workers/index.ts';
import { on } from '../../platform/events.ts';
import type { MapProgress } from './core/build.ts';
import type { StoredMap } from './job.ts';

class MapState {
  map = $state.raw<StoredMap | null>(null);
  listens = $state.raw<Float32Array | null>(null);
  progress = $state.raw<MapProgress | null>(null);
  running = $state(false);
  opening = $state(false);
  error = $state<string | null>(null);
  private fingerprint: string | null = null;
  private controller: AbortController | null = null;

  constructor() {
    // A retrained artist model makes the stored map stale; new plays change the heat.
    on('models', () => void (this.fingerprint && this.open(this.fingerprint)));
    on('plays', () => void (this.fingerprint && this.loadListens(this.fingerprint)));
  }

  /** The stored map for this catalog, else a new layout. */
  async open(fingerprint: string): Promise<void> {
    this.fingerprint = fingerprint;
    this.opening = true;
    this.error = null;
    try {
      const stored = await modelsWorker.call((api) => api.storedMap(fingerprint));
      if (stored) this.map = stored;
      else if (!this.running) void this.layout(fingerprint);
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.opening = false;
    }
    void this.loadListens(fingerprint);
  }

  async layout(fingerprint: string): Promise<void> {
    if (this.running) return;
    const controller = (this.controller = new AbortController());
    this.running = true;
    this.error = null;
    this.progress = null;
    const onProgress = Comlink.proxy((p: MapProgress) => {
      if (!controller.signal.aborted) this.progress = p;
    });
    try {
      this.map = await modelsWorker.call((api) => api.layoutMap(fingerprint, onProgress), controller.signal);
    } catch (e) {
      this.error = e instanceof AbortedError ? `Map layout cancelled.${this.map ? ' The previous map is still shown.' : ''}` : (e as Error).message;
    } finally {
      this.running = false;
      this.controller = null;
    }
  }

  /** The page closed: news no longer reopens the map (a layout in progress
   *  goes on and is stored). */
  leave(): void {
    this.fingerprint = null;
  }

  cancel(): void {
    this.controller?.abort();
  }

  private async loadListens(fingerprint: string): Promise<void> {
    try {
      this.listens = await modelsWorker.call((api) => api.mapListens(fingerprint));
    } catch {
      this.listens = null; // the heat layer is optional; the map works without it
    }
  }
}

export const artistMap = new MapState();
