import { describe, expect, it } from 'vitest';
import { UMAP } from 'umap-js';
import { rng, gaussian } from '../../../platform/random.ts';
import { nodeTf } from '../../../compute/tf-node.ts';
import { tinyCatalog } from '../../../../test/test-catalog.ts';
import { FAMILY_NAMES } from '../../catalog/core/genre-families.ts';
import { cosineKnn } from './knn.ts';
import { layoutMap } from './layout.ts';
import { trustworthiness } from './trust.ts';
import { artistFamilies, FAMILY_COLOURS } from './families.ts';

/** `clusters` well-separated groups on the unit sphere in `dim` dimensions. */
function clustered(n: number, dim: number, clusters: number, seed: number): { data: Float32Array; label: Int32Array } {
  const r = rng(seed);
  const centres = Array.from({ length: clusters }, () => Array.from({ length: dim }, () => gaussian(r)));
  const data = new Float32Array(n * dim);
  const label = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    label[i] = i % clusters;
    let s = 0;
    for (let j = 0; j < dim; j++) s += (data[i * dim + j] = centres[label[i]][j] + 0.35 * gaussian(r)) ** 2;
    for (let j = 0; j < dim; j++) data[i * dim + j] /= Math.sqrt(s);
  }
  return { data, label };
}

/** sklearn.manifold.trustworthiness written out literally (full argsorts),
 *  with cosine distance in the input space and Euclidean in the layout. */
function sklearnTrust(data: Float32Array, dim: number, xy: Float32Array, k: number): number {
  const n = xy.length / 2;
  let t = 0;
  for (let i = 0; i < n; i++) {
    const dX = Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let d = 0; d < dim; d++) s += data[i * dim + d] * data[j * dim + d];
      return 1 - s;
    });
    dX[i] = -Infinity; // sklearn sets the diagonal so that i ranks first
    const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => dX[a] - dX[b] || a - b);
    const rank = new Array<number>(n);
    order.forEach((j, r) => (rank[j] = r));
    const dY = Array.from({ length: n }, (_, j) => (j === i ? Infinity : (xy[2 * j] - xy[2 * i]) ** 2 + (xy[2 * j + 1] - xy[2 * i + 1]) ** 2));
    const nearY = Array.from({ length: n }, (_, j) => j).sort((a, b) => dY[a] - dY[b] || a - b).slice(0, k);
    for (const j of nearY) t += Math.max(0, rank[j] - k);
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * t;
}

describe('trustworthiness', () => {
  it('equals a literal transcription of sklearn’s definition', () => {
    const { data } = clustered(120, 6, 3, 1);
    const r = rng(2);
    const xy = Float32Array.from({ length: 240 }, () => r());
    const all = Int32Array.from({ length: 120 }, (_, i) => i);
    expect(trustworthiness(data, 6, xy, 5, all)).toBeCloseTo(sklearnTrust(data, 6, xy, 5), 6);
  });

  it('is 1 for a layout that keeps every neighbourhood and about ½ for a random one', () => {
    // Points on a circle arc: cosine order equals order along the arc.
    const n = 200;
    const data = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) (data[2 * i] = Math.cos(i / n)), (data[2 * i + 1] = Math.sin(i / n));
    const all = Int32Array.from({ length: n }, (_, i) => i);
    expect(trustworthiness(data, 2, data, 10, all)).toBeCloseTo(1, 6);
    const r = rng(3);
    const random = Float32Array.from({ length: 2 * n }, () => r());
    const t = trustworthiness(data, 2, random, 10, all);
    expect(t).toBeGreaterThan(0.4);
    expect(t).toBeLessThan(0.6);
  });
});

describe('cosineKnn', () => {
  it('finds the exact nearest neighbours by cosine, itself excluded', async () => {
    const tf = await nodeTf();
    const { data } = clustered(700, 9, 5, 4); // more rows than one block
    const knn = await cosineKnn(tf, data, 9, 6);
    for (const i of [0, 13, 511, 512, 699]) {
      const cos = Array.from({ length: 700 }, (_, j) => {
        let s = 0;
        for (let d = 0; d < 9; d++) s += data[i * 9 + d] * data[j * 9 + d];
        return s;
      });
      const expected = Array.from({ length: 700 }, (_, j) => j).filter((j) => j !== i).sort((a, b) => cos[b] - cos[a]).slice(0, 6);
      expect(Array.from(knn.indices.subarray(i * 6, i * 6 + 6))).toEqual(expected);
      expect(knn.distances[i * 6]).toBeCloseTo(1 - cos[expected[0]], 5);
    }
  });
});

describe('layoutMap', () => {
  it('keeps neighbourhoods as well as umap-js does, and keeps clusters apart', async () => {
    const tf = await nodeTf();
    const n = 400, dim = 12;
    const { data, label } = clustered(n, dim, 6, 5);
    const knn = await cosineKnn(tf, data, dim, 14);
    const ours = await layoutMap(knn, { seed: 1 });
    const ref = new UMAP({ nComponents: 2, nNeighbors: 15, nEpochs: 200, random: rng(1) });
    const indices: number[][] = [], distances: number[][] = [];
    for (let i = 0; i < n; i++) {
      indices.push([i, ...knn.indices.subarray(i * 14, i * 14 + 14)]);
      distances.push([0, ...knn.distances.subarray(i * 14, i * 14 + 14)]);
    }
    ref.setPrecomputedKNN(indices, distances);
    const refXy = Float32Array.from(ref.fit(Array.from({ length: n }, () => [])).flat());
    const all = Int32Array.from({ length: n }, (_, i) => i);
    const tOurs = trustworthiness(data, dim, ours, 10, all);
    const tRef = trustworthiness(data, dim, refXy, 10, all);
    expect(tOurs).toBeGreaterThan(tRef - 0.02);
    // Inside the unit square, and each point's nearest on the map is of its own cluster.
    expect(Math.min(...ours)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ours)).toBeLessThanOrEqual(1);
    let same = 0;
    for (let i = 0; i < n; i++) {
      let best = -1, bestD = Infinity;
      for (let j = 0; j < n; j++) {
        const d = j === i ? Infinity : (ours[2 * j] - ours[2 * i]) ** 2 + (ours[2 * j + 1] - ours[2 * i + 1]) ** 2;
        if (d < bestD) (bestD = d), (best = j);
      }
      if (label[best] === label[i]) same++;
    }
    expect(same / n).toBeGreaterThan(0.98);
  });

  it('is the same for the same seed', async () => {
    const tf = await nodeTf();
    const { data } = clustered(100, 5, 2, 6);
    const knn = await cosineKnn(tf, data, 5, 14);
    expect(Array.from(await layoutMap(knn, { seed: 3, nEpochs: 30 }))).toEqual(Array.from(await layoutMap(knn, { seed: 3, nEpochs: 30 })));
  });
});

describe('artistFamilies', () => {
  it('gives each artist the family most of its tracks are in, and "other" without genres', () => {
    const c = tinyCatalog([
      { name: 'a', artists: ['A'], genres: ['house'] },
      { name: 'b', artists: ['A'], genres: ['techno', 'rock'] },
      { name: 'c', artists: ['B'], genres: ['punk'] },
      { name: 'd', artists: ['C'] },
    ]);
    const f = artistFamilies(c);
    expect(FAMILY_NAMES[f[0]]).toBe('electronic');
    expect(FAMILY_NAMES[f[1]]).toBe('rock');
    expect(FAMILY_NAMES[f[2]]).toBe('other');
    expect(FAMILY_COLOURS).toHaveLength(FAMILY_NAMES.length);
  });
});
