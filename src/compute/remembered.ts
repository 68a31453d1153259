// The backend choice of a worker: the user's override, else the one a measured
// probe picked before (remembered in settings), else a new probe.
import type * as tfType from '@tensorflow/tfjs-core';
import { chooseBackend, type BackendChoice, type BackendName } from './backend.ts';
import { getSetting, setSetting } from '../platform/settings.ts';

export function rememberedBackend(tf: typeof tfType) {
  let choice: Promise<BackendChoice> | null = null;
  return async (opts: { override?: BackendName | null; reprobe?: boolean } = {}): Promise<BackendChoice> => {
    if (opts.override !== undefined) await setSetting('backendOverride', opts.override);
    if (opts.reprobe) await setSetting('backendMeasured', null);
    if (opts.override !== undefined || opts.reprobe || !choice) {
      choice = (async () => {
        const override = (await getSetting('backendOverride')) as BackendName | null;
        const remembered = (await getSetting('backendMeasured')) as BackendName | null;
        const picked = await chooseBackend(tf, { override, remembered });
        if (picked.reason.startsWith('fastest in a measured probe')) await setSetting('backendMeasured', picked.name);
        return picked;
      })();
      choice.catch(() => (choice = null));
    }
    return choice;
  };
}
