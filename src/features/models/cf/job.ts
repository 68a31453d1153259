// The community model as the models worker stores it: trained from the Last.fm
// 2K files (the pipeline the eval runs), or ALS factors trained elsewhere
// (an Arrow table, or Spark's Parquet output).
import { storedCatalog } from '../../catalog/store.ts';
import { CF_MODEL } from '../registry.ts';
import { buildLastfm2k, matchArtists, playMatrix } from './lastfm2k.ts';
import { DEFAULT_ALS } from './mf.ts';
import { factorsFromIPC, factorsToIPC } from './factors-arrow.ts';
import { isSparkFile, sparkFactors } from './spark-factors.ts';
import { communityFromPayload, trainCommunity, type CfPayload } from './community.ts';
import { saveModel, type ModelInfo, type TrainProgress } from '../store.ts';

/** EASE item weights from Last.fm 2K's user_artists.dat and artists.dat, in plain JS loops
 *  (the tags of user_taggedartists.dat, when given, are kept with the listening). */
export async function trainCommunityJob(files: { artists: File; userArtists: File; taggedArtists?: File }, fingerprint: string | null, onProgress: (p: TrainProgress) => void): Promise<ModelInfo> {
  const lf = buildLastfm2k(await files.artists.text(), await files.userArtists.text(), await files.taggedArtists?.text());
  if (lf.userId.length === 0 || lf.artistName.length === 0) throw new Error('These files hold no listening data: expected Last.fm 2K user_artists.dat and artists.dat.');
  const t0 = performance.now();
  const { payload } = await trainCommunity(playMatrix(lf), lf.artistName, {
    onIteration: ({ iteration, iterations }) =>
      onProgress({ model: CF_MODEL, epoch: iteration, epochs: iterations, loss: 0, elapsedMs: performance.now() - t0, backend: 'plain JS' }),
  });
  return storeCommunity({ ...payload, listening: lf }, fingerprint, { source: 'Last.fm 2K', users: lf.userId.length, trainMs: performance.now() - t0, backend: 'plain JS' });
}

/** Item factors trained elsewhere: an Arrow table of (artist, vector), or Spark ALS's
 *  itemFactors part files (Parquet) with their id → name table. Checked before anything is stored. */
export async function loadFactorsJob(files: File[], fingerprint: string | null): Promise<ModelInfo> {
  const training = { lambda: DEFAULT_ALS.lambda, alpha: DEFAULT_ALS.alpha, eps: DEFAULT_ALS.eps };
  const spark = files.filter((f) => isSparkFile(f.name));
  if (spark.length) {
    const items = await sparkFactors(await Promise.all(spark.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() }))));
    const parts = spark.filter((f) => /\.parquet$/i.test(f.name)).length;
    return storeCommunity({ factors: factorsToIPC(items), training }, fingerprint, { source: `Spark ALS (${parts} Parquet files)`, trainMs: 0, backend: 'loaded' });
  }
  const [file] = files;
  if (!file) throw new Error('Choose the factors: an Arrow table, or the Parquet files Spark wrote.');
  const factors = new Uint8Array(await file.arrayBuffer());
  try {
    factorsFromIPC(factors);
  } catch (e) {
    throw new Error(`${file.name} is not an Arrow table of artist factors (${(e as Error).message}).`);
  }
  return storeCommunity({ factors, training }, fingerprint, { source: file.name, trainMs: 0, backend: 'loaded' });
}

async function storeCommunity(payload: CfPayload, fingerprint: string | null, facts: { source: string; users?: number; trainMs: number; backend: string }): Promise<ModelInfo> {
  const model = communityFromPayload(payload);
  // Matched by name when the ranking loads the model; counted here against the catalog of this training.
  const coverage = fingerprint ? matchArtists({ artistName: [...model.names] }, (await storedCatalog(fingerprint)).artists).matched : null;
  const factors = payload.kind === 'ease' ? undefined : factorsFromIPC(payload.factors).k;
  return saveModel({
    name: CF_MODEL,
    catalogFingerprint: fingerprint ?? '',
    backend: facts.backend,
    finalLoss: 0,
    createdAt: Date.now(),
    trainMs: facts.trainMs,
    meta: { kind: model.kind, source: facts.source, users: facts.users, artists: model.names.length, factors, matchedToCatalog: coverage },
    payload,
  });
}
