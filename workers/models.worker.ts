// Model training and inference, off the UI thread, on the tfjs backend chosen
// by src/compute/backend.ts. Each trained model is stored in IndexedDB here,
// in one write at the end, so a cancelled or failed run leaves the last good
// model in place.
import * as Comlink from 'comlink';
import { tf } from './tf.ts';
import { chooseBackend, type BackendChoice, type BackendName } from '../src/compute/backend.ts';
import { getSetting, setSetting } from '../src/state/settings.ts';
import { db } from '../src/db/db.ts';
import { storedCatalog } from './stored-catalog.ts';
import { artistFeatures, plainArtistVectors } from '../models/artist-features.ts';

let choice: Promise<BackendChoice> | null = null;

async function backend(opts: { override?: BackendName | null; reprobe?: boolean } = {}): Promise<BackendChoice> {
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
}

/** The trained model's codes when one fits this catalog, else the fallback. */
async function artistVectors(fingerprint: string): Promise<{ data: Float32Array; dim: number; source: 'model' | 'fallback' }> {
  const stored = await db().models.get(ARTIST_MODEL);
  if (stored && stored.catalogFingerprint === fingerprint) {
    const meta = stored.meta as { codes: Float32Array; dim: number };
    return { data: meta.codes, dim: meta.dim, source: 'model' };
  }
  const catalog = await storedCatalog(fingerprint);
  const features = artistFeatures(catalog);
  const data = plainArtistVectors(features);
  return Comlink.transfer({ data, dim: features.dim, source: 'fallback' as const }, [data.buffer as ArrayBuffer]);
}

const ARTIST_MODEL = 'artist-autoencoder';

const api = { backend, artistVectors };

export type ModelsWorkerApi = typeof api;
Comlink.expose(api);
