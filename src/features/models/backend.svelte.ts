// Which tfjs backend the models worker runs on, and why, for the UI.
import type { BackendChoice, BackendName } from '../../compute/backend.ts';
import { modelsWorker } from '../../workers/index.ts';

class BackendState {
  choice = $state.raw<BackendChoice | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);

  async refresh(opts: { override?: BackendName | null; reprobe?: boolean } = {}): Promise<void> {
    this.busy = true;
    try {
      this.choice = await modelsWorker.call((api) => api.backend(opts));
      this.error = null;
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.busy = false;
    }
  }
}

export const backendState = new BackendState();
