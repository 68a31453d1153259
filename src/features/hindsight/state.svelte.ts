// "How well do we know you": recomputed in the rank worker whenever the
// listening history changes (imported, restored, deleted); nothing leaves the device.
import { Latest } from '../../platform/latest.svelte.ts';
import { on } from '../../platform/events.ts';
import { rankWorker } from '../../workers/index.ts';
import type { Hindsight } from './core/hindsight.ts';

class HindsightState {
  result = new Latest<Hindsight>();
  /** Bumped by history news; the page's effect reads it. */
  version = $state(0);

  constructor() {
    on('plays', () => this.version++);
    on('user-data', () => this.version++);
  }

  update(fingerprint: string): void {
    this.result.run(() => rankWorker.call(async (api) => (await api.hindsight(fingerprint)) as Hindsight));
  }
}

export const hindsightState = new HindsightState();
