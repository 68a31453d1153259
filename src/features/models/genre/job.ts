// The genre classifier as the models worker runs it: trained on the stored
// catalog, heard on an artist's tracks, and filling in the genres of a catalog
// loaded without any.
import * as Comlink from 'comlink';
import { db } from '../../../platform/db.ts';
import { storedCatalog } from '../../catalog/store.ts';
import { readArrowIPC, toArrowIPC } from '../../catalog/core/arrow.ts';
import type { CatalogSummary } from '../../catalog/core/catalog.ts';
import { GENRE_MODEL } from '../registry.ts';
import { epochsOf, trainGenrePipeline, type GenreClassifier } from './pipeline.ts';
import { heardGenres, topGenres, type HeardGenres } from './heard.ts';
import { labelledTracks } from './genre-data.ts';
import { saveModel, storedPayload, type ModelInfo, type Trainer, type TrainProgress } from '../store.ts';

export async function trainGenresJob(t: Trainer, fingerprint: string, onProgress: (p: TrainProgress) => void, opts: { epochs?: number; seed?: number } = {}): Promise<ModelInfo> {
  const catalog = await storedCatalog(fingerprint);
  const labelled = labelledTracks(catalog);
  if (labelled.length < 100) throw new Error('This catalog has too few tracks with a genre to train the genre classifier.');
  const recipe = opts.epochs ? { epochs: opts.epochs } : {};
  const epochs = epochsOf(recipe);
  return t.withFallback(async (backendName, fellBack) => {
    const t0 = performance.now();
    const { classifier, validation } = await trainGenrePipeline(t.tf, catalog, labelled, {
      seed: opts.seed ?? 0,
      recipe,
      onEpoch: (epoch, stats) => onProgress({ model: GENRE_MODEL, epoch, epochs, ...stats, elapsedMs: performance.now() - t0, backend: backendName, fellBack }),
    });
    return saveModel({
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
async function storedClassifier(t: Trainer): Promise<GenreClassifier | null> {
  const payload = await storedPayload<GenreClassifier>(GENRE_MODEL);
  if (payload?.kind !== 'genre-classifier') return null;
  await t.ready();
  return payload;
}

/** What the artist page shows of the genres the classifier hears in `tracks`; null when none is trained. */
export async function hearGenresJob(t: Trainer, fingerprint: string, tracks: number[]): Promise<HeardGenres | null> {
  const classifier = await storedClassifier(t);
  if (!classifier || tracks.length === 0) return null;
  const catalog = await storedCatalog(fingerprint);
  // Genres the classifier filled in itself are no evidence of their own.
  const listed = !(await db().catalog.get('current'))?.summary.genresPredicted;
  return heardGenres(t.tf, classifier, catalog, tracks, listed);
}

/**
 * A catalog loaded without a genre column gets every track's genre from the
 * classifier (its top-1 guess), stored back with the catalog, so charts,
 * similar artists and recommendations work as with genres. Returns the new
 * IPC bytes, or null when there is nothing to do or no model to do it with.
 */
export async function classifyCatalogJob(t: Trainer, fingerprint: string): Promise<{ ipc: Uint8Array; fingerprint: string; summary: CatalogSummary } | null> {
  const stored = await db().models.get(GENRE_MODEL);
  const record = await db().catalog.get('current');
  const classifier = await storedClassifier(t);
  if (!stored || !classifier || !record || record.fingerprint !== fingerprint || record.summary.hasGenres || record.summary.genresPredicted) return null;
  const { columns } = readArrowIPC(record.ipc);
  const classes = classifier.network.classes;
  const genreIds = topGenres(t.tf, classifier, columns);
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
