// The one map pipeline, shared by the models worker and the eval: the space
// the map shows (the vectors Discover ranks with), its cosine kNN graph, and
// the UMAP layout of that graph, started from the vectors' PCA projection.
import type * as TF from '@tensorflow/tfjs-core';
import type { Catalog } from '../../catalog/core/catalog.ts';
import type { ArtistVectors } from '../../artists/store.ts';
import { rankingVectors, sparseArtistVectors } from '../../recommend/core/vectors.ts';
import { cosineKnn } from './knn.ts';
import { LAYOUT, layoutMap, type Positions } from './layout.ts';
import { pca2 } from './pca.ts';

export interface MapProgress {
  phase: 'neighbours' | 'layout';
  done: number;
  total: number;
  elapsedMs: number;
}

/** The artist vectors Discover ranks with (recommend/core/vectors.ts): the
 *  trained model's code joined with the plain vectors, or the plain vectors
 *  alone; L2-normalized rows, so a dot product is the cosine. */
export function mapSpace(c: Catalog, v: ArtistVectors): { data: Float32Array; dim: number } {
  const model = rankingVectors(c, v);
  if (model) return { data: model, dim: model.length / Math.max(1, c.artists.length) };
  const plain = sparseArtistVectors(c);
  return { data: plain.data, dim: plain.dim };
}

interface BuiltMap {
  xy: Positions;
  knnMs: number;
  layoutMs: number;
}

export async function buildMap(tf: typeof TF, space: { data: Float32Array; dim: number }, opts: { seed?: number; onProgress?: (p: MapProgress) => unknown } = {}): Promise<BuiltMap> {
  const t0 = performance.now();
  const report = (phase: MapProgress['phase'], done: number, total: number) => opts.onProgress?.({ phase, done, total, elapsedMs: performance.now() - t0 });
  const knn = await cosineKnn(tf, space.data, space.dim, LAYOUT.nNeighbors - 1, (done, total) => report('neighbours', done, total));
  const knnMs = performance.now() - t0;
  const xy = await layoutMap(knn, { seed: opts.seed, init: pca2(space.data, space.dim), onEpoch: (p) => report('layout', p.epoch, p.epochs) });
  return { xy, knnMs, layoutMs: performance.now() - t0 - knnMs };
}
