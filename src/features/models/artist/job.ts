// Training the artist model on the stored catalog (and the stored community
// listening, when there is some), as the models worker runs it.
import { storedCatalog } from '../../catalog/store.ts';
import { ARTIST_MODEL, CF_MODEL } from '../registry.ts';
import type { CfPayload } from '../cf/community.ts';
import { OUR_RECIPE, trainArtistModel, type ArtistModel } from './autoencoder.ts';
import { saveModel, storedPayload, type ModelInfo, type Trainer, type TrainProgress } from '../store.ts';

export async function trainArtistsJob(t: Trainer, fingerprint: string, onProgress: (p: TrainProgress) => void, opts: { epochs?: number; seed?: number } = {}): Promise<ModelInfo> {
  const catalog = await storedCatalog(fingerprint);
  const listening = (await storedPayload<CfPayload>(CF_MODEL))?.listening;
  const epochs = opts.epochs ?? OUR_RECIPE.epochs;
  return t.withFallback(async (backendName, fellBack) => {
    const t0 = performance.now();
    const result = await trainArtistModel(t.tf, catalog, {
      seed: opts.seed ?? 0,
      epochs,
      listening,
      onEpoch: (epoch, loss) =>
        onProgress({ model: ARTIST_MODEL, epoch: epoch + 1, epochs, loss, elapsedMs: performance.now() - t0, backend: backendName, fellBack }),
    });
    const payload: { model: ArtistModel; codes: Float32Array; dim: number } = { model: result.model, codes: result.codes, dim: result.dim };
    return saveModel({
      name: ARTIST_MODEL,
      catalogFingerprint: fingerprint,
      backend: backendName,
      finalLoss: result.finalLoss,
      createdAt: Date.now(),
      trainMs: result.ms,
      meta: {
        epochs: result.epochs,
        codeDim: result.dim,
        reconstructionMse: result.reconstructionMse,
        artists: result.features.n,
        catalogPairs: result.catalogPairs,
        listeningPairs: listening ? result.listeningPairs : undefined,
        fellBack,
      },
      payload,
    });
  });
}
