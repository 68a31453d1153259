// The map as the models worker serves it: the stored layout when it was laid
// out from the vectors Discover ranks with now (same catalog, same artist
// model), else a new layout, stored in one put (a cancelled run stores nothing
// and leaves the last good map). Also the user's listening per artist, for
// the heat layer.
import type * as TF from '@tensorflow/tfjs-core';
import { storedCatalog } from '../catalog/store.ts';
import { db } from '../../platform/db.ts';
import { ARTIST_MODEL, MAP_MODEL } from '../models/registry.ts';
import { saveModel } from '../models/store.ts';
import { storedArtistVectors } from '../artists/store.ts';
import { currentTaste } from '../taste/store.ts';
import { catalogKeys } from '../taste/core/exclusions.ts';
import { buildMap, mapSpace, type MapProgress } from './core/build.ts';
import type { Positions } from './core/layout.ts';

export interface StoredMap {
  xy: Positions;
  /** What it was laid out from: the artist model's vectors, or the plain ones. */
  source: 'model' | 'fallback';
  createdAt: number;
  layoutMs: number;
}

/** Which vectors a map of this catalog would be laid out from now. */
async function vectorsId(fingerprint: string): Promise<string> {
  const model = await db().models.get(ARTIST_MODEL);
  return model && model.catalogFingerprint === fingerprint ? `model:${model.createdAt}` : 'plain';
}

/** The stored map, when it still fits the catalog and the artist vectors. */
export async function storedMap(fingerprint: string): Promise<StoredMap | null> {
  const r = await db().models.get(MAP_MODEL);
  if (!r || r.catalogFingerprint !== fingerprint || r.meta.vectors !== (await vectorsId(fingerprint))) return null;
  return { ...(r.payload as { xy: Positions; source: StoredMap['source'] }), createdAt: r.createdAt, layoutMs: r.trainMs };
}

export async function layoutMapJob(tf: typeof TF, backend: string, fingerprint: string, onProgress: (p: MapProgress) => void): Promise<StoredMap> {
  const catalog = await storedCatalog(fingerprint);
  const vectors = await storedArtistVectors(catalog, fingerprint);
  const id = await vectorsId(fingerprint);
  // Cancel terminates the worker (workers/client.ts): nothing is stored then.
  const built = await buildMap(tf, mapSpace(catalog, vectors), { onProgress });
  const map: StoredMap = { xy: built.xy, source: vectors.source, createdAt: Date.now(), layoutMs: built.knnMs + built.layoutMs };
  await saveModel({
    name: MAP_MODEL,
    catalogFingerprint: fingerprint,
    backend,
    finalLoss: 0,
    createdAt: map.createdAt,
    trainMs: map.layoutMs,
    meta: { vectors: id, artists: catalog.artists.length, knnMs: Math.round(built.knnMs), layoutMs: Math.round(built.layoutMs) },
    payload: { xy: map.xy, source: map.source },
  });
  return map;
}

/** Listens per catalog artist (after the user's exclusions), for the heat layer. */
export async function listensJob(fingerprint: string): Promise<Float32Array> {
  const catalog = await storedCatalog(fingerprint);
  const taste = await currentTaste(Date.now());
  const keys = catalogKeys(catalog);
  const out = new Float32Array(catalog.artists.length);
  for (const [key, p] of taste.artists) for (const a of keys.artistsByKey.get(key) ?? []) out[a] += p.listens;
  return out;
}
