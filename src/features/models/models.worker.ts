// Model training and inference, off the UI thread, on the tfjs backend chosen
// by src/compute/backend.ts. A trained model is stored in IndexedDB in one
// write at the end, so a cancelled or failed run leaves the last good model
// in place. Cancel terminates this worker (see src/compute/worker-client.ts).
import * as Comlink from 'comlink';
import { tf } from '../../compute/tf.ts';
import { chooseBackend, runWithFallback, type BackendChoice, type BackendName } from '../../compute/backend.ts';
import { getSetting, setSetting } from '../../platform/settings.ts';
import { db, isQuotaError, type ModelRecord } from '../../platform/db.ts';
import { storedCatalog } from '../catalog/store.ts';
import { ARTIST_MODEL, CF_MODEL, GENRE_MODEL } from './registry.ts';
import { buildLastfm2k, matchArtists, playMatrix } from './cf/lastfm2k.ts';
import { DEFAULT_ALS } from './cf/mf.ts';
import { factorsFromIPC } from './cf/factors-arrow.ts';
import { communityFromPayload, trainCommunity, type CfPayload } from './cf/community.ts';
import { OUR_RECIPE, trainArtistModel, type ArtistModel } from './artist/autoencoder.ts';
import { epochsOf, trainGenrePipeline, type GenreClassifier } from './genre/pipeline.ts';
import { heardGenres, topGenres, type HeardGenres } from './genre/heard.ts';
import { readArrowIPC, toArrowIPC } from '../catalog/core/arrow.ts';
import type { CatalogSummary } from '../catalog/core/catalog.ts';
import { labelledTracks } from './genre/genre-data.ts';


export interface TrainProgress {
  model: string;
  epoch: number;
  epochs: number;
  loss: number;
  /** Accuracy figures where the model has them (genre classifier). */
  acc?: number;
  valAcc?: number;
  elapsedMs: number;
  backend: string;
  /** Set when the backend failed mid-run and training restarted on another. */
  fellBack?: string;
}

export type ModelInfo = Omit<ModelRecord, 'payload'>;

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

/** Trains on the chosen backend, falling back down the order if it fails. */
async function withFallback<T>(train: (backend: string, fellBack?: string) => Promise<T>): Promise<T> {
  return runWithFallback(tf, (await backend()).name, train);
}

async function save(record: ModelRecord): Promise<ModelInfo> {
  try {
    await db().models.put(record);
  } catch (e) {
    if (isQuotaError(e)) throw new Error('The browser has no room left to store the trained model (storage quota reached). The previous model is unchanged.');
    throw e;
  }
  const { payload: _payload, ...info } = record;
  return info;
}

async function trainArtists(fingerprint: string, onProgress: (p: TrainProgress) => void, opts: { epochs?: number; seed?: number } = {}): Promise<ModelInfo> {
  const catalog = await storedCatalog(fingerprint);
  const listening = ((await db().models.get(CF_MODEL))?.payload as CfPayload | undefined)?.listening;
  const epochs = opts.epochs ?? OUR_RECIPE.epochs;
  return withFallback(async (backendName, fellBack) => {
    const t0 = performance.now();
    const result = await trainArtistModel(tf, catalog, {
      seed: opts.seed ?? 0,
      epochs,
      listening,
      onEpoch: (epoch, loss) =>
        onProgress({ model: ARTIST_MODEL, epoch: epoch + 1, epochs, loss, elapsedMs: performance.now() - t0, backend: backendName, fellBack }),
    });
    const payload: { model: ArtistModel; codes: Float32Array; dim: number } = { model: result.model, codes: result.codes, dim: result.dim };
    return save({
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

async function trainGenres(fingerprint: string, onProgress: (p: TrainProgress) => void, opts: { epochs?: number; seed?: number } = {}): Promise<ModelInfo> {
  const catalog = await storedCatalog(fingerprint);
  const labelled = labelledTracks(catalog);
  if (labelled.length < 100) throw new Error('This catalog has too few tracks with a genre to train the genre classifier.');
  const recipe = opts.epochs ? { epochs: opts.epochs } : {};
  const epochs = epochsOf(recipe);
  return withFallback(async (backendName, fellBack) => {
    const t0 = performance.now();
    const { classifier, validation } = await trainGenrePipeline(tf, catalog, labelled, {
      seed: opts.seed ?? 0,
      recipe,
      onEpoch: (epoch, stats) => onProgress({ model: GENRE_MODEL, epoch, epochs, ...stats, elapsedMs: performance.now() - t0, backend: backendName, fellBack }),
    });
    return save({
      name: GENRE_MODEL,
      catalogFingerprint: fingerprint,
      backend: backendName,
      finalLoss: 0,
      createdAt: Date.now(),
      trainMs: performance.now() - t0,
      meta: { epochs, heldOut: 'by artist', ...validation, fellBack },
      payload: classifier,
    });
  });
}

/** The stored classifier, or null when none is trained (or one from before the current format). */
async function storedClassifier(): Promise<GenreClassifier | null> {
  const payload = (await db().models.get(GENRE_MODEL))?.payload as GenreClassifier | undefined;
  if (payload?.kind !== 'genre-classifier') return null;
  await backend();
  return payload;
}

/** What the artist page shows of the genres the classifier hears in `tracks`; null when none is trained. */
async function hearGenres(fingerprint: string, tracks: number[]): Promise<HeardGenres | null> {
  const classifier = await storedClassifier();
  if (!classifier || tracks.length === 0) return null;
  const catalog = await storedCatalog(fingerprint);
  // Genres the classifier filled in itself are no evidence of their own.
  const listed = !(await db().catalog.get('current'))?.summary.genresPredicted;
  return heardGenres(tf, classifier, catalog, tracks, listed);
}

/**
 * A catalog loaded without a genre column gets every track's genre from the
 * classifier (its top-1 guess), stored back with the catalog, so charts,
 * similar artists and recommendations work as with genres. Returns the new
 * IPC bytes, or null when there is nothing to do or no model to do it with.
 */
async function classifyCatalog(fingerprint: string): Promise<{ ipc: Uint8Array; fingerprint: string; summary: CatalogSummary } | null> {
  const stored = await db().models.get(GENRE_MODEL);
  const record = await db().catalog.get('current');
  const classifier = await storedClassifier();
  if (!stored || !classifier || !record || record.fingerprint !== fingerprint || record.summary.hasGenres || record.summary.genresPredicted) return null;
  const { columns } = readArrowIPC(record.ipc);
  const classes = classifier.network.classes;
  const genreIds = topGenres(tf, classifier, columns);
  const summary = { ...record.summary, genres: classes.length, genresPredicted: true };
  // New content, new fingerprint: caches and models keyed on the old one are stale.
  const newFingerprint = `${fingerprint}-genres-${stored.createdAt}`;
  const ipc = toArrowIPC(
    { ...columns, genres: [...classes], genreIds, genreOffsets: Int32Array.from({ length: columns.size + 1 }, (_, i) => i) },
    { summary, fingerprint: newFingerprint },
  );
  await db().catalog.put({ ...record, ipc, summary, fingerprint: newFingerprint });
  return Comlink.transfer({ ipc, fingerprint: newFingerprint, summary }, [ipc.buffer as ArrayBuffer]);
}

/**
 * "Listeners like you": EASE item weights from community listening data
 * (Last.fm 2K's user_artists.dat and artists.dat), trained in plain JS loops
 * (cf/community.ts trainCommunity, the pipeline the eval runs).
 */
async function trainCommunityModel(files: { artists: File; userArtists: File }, fingerprint: string | null, onProgress: (p: TrainProgress) => void): Promise<ModelInfo> {
  const lf = buildLastfm2k(await files.artists.text(), await files.userArtists.text());
  if (lf.userId.length === 0 || lf.artistName.length === 0) throw new Error('These files hold no listening data: expected Last.fm 2K user_artists.dat and artists.dat.');
  const t0 = performance.now();
  const { payload } = await trainCommunity(playMatrix(lf), lf.artistName, {
    onIteration: ({ iteration, iterations }) =>
      onProgress({ model: CF_MODEL, epoch: iteration, epochs: iterations, loss: 0, elapsedMs: performance.now() - t0, backend: 'plain JS' }),
  });
  return storeCommunity({ ...payload, listening: lf }, fingerprint, { source: 'Last.fm 2K', users: lf.userId.length, trainMs: performance.now() - t0, backend: 'plain JS' });
}

/** Item factors trained elsewhere (e.g. Spark's ALS), as an Arrow table of (artist, vector). */
async function loadFactors(file: File, fingerprint: string | null): Promise<ModelInfo> {
  const factors = new Uint8Array(await file.arrayBuffer());
  try {
    factorsFromIPC(factors);
  } catch (e) {
    throw new Error(`${file.name} is not an Arrow table of artist factors (${(e as Error).message}).`);
  }
  const training = { lambda: DEFAULT_ALS.lambda, alpha: DEFAULT_ALS.alpha, eps: DEFAULT_ALS.eps };
  return storeCommunity({ factors, training }, fingerprint, { source: file.name, trainMs: 0, backend: 'loaded' });
}

async function storeCommunity(payload: CfPayload, fingerprint: string | null, facts: { source: string; users?: number; trainMs: number; backend: string }): Promise<ModelInfo> {
  const model = communityFromPayload(payload);
  // Matched by name when the ranking loads the model; counted here against the catalog of this training.
  const coverage = fingerprint ? matchArtists({ artistName: [...model.names] }, (await storedCatalog(fingerprint)).artists).matched : null;
  const factors = payload.kind === 'ease' ? undefined : factorsFromIPC(payload.factors).k;
  return save({
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

async function models(): Promise<ModelInfo[]> {
  const out: ModelInfo[] = [];
  await db().models.each((r) => {
    const { payload: _payload, ...info } = r;
    out.push(info);
  });
  return out;
}

const api = { backend, trainArtists, trainGenres, trainCommunity: trainCommunityModel, loadFactors, hearGenres, classifyCatalog, models };

export type ModelsWorkerApi = typeof api;
Comlink.expose(api);
