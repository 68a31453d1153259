// The seed analysis's protocol, reproduced for the eval: raw artists strings
// as rows, and the seed's 16-8-4 ReLU architecture.
import { describe, expect, it } from 'vitest';
import { nodeTf } from '../../src/compute/tf-node.ts';
import { tinyCatalog } from '../../test/test-catalog.ts';
import { fitStandardizer, standardize } from '../../src/features/models/artist/artist-features.ts';
import { encodeRows, trainAutoencoder } from '../../src/features/models/artist/dense-autoencoder.ts';
import { rawArtistGroups, seedArchConfig, seedProtocolFeatures } from './artists-seed.ts';

const cat = tinyCatalog([
  { id: 'a', name: 'One', artists: ['Metal Two', 'Metal One'] },
  { id: 'b', name: 'Two', artists: ['Metal One'] },
  { id: 'c', name: 'Three', artists: ['Rap One', 'Rap Two'] },
  { id: 'd', name: 'Four', artists: ['Rap One'] },
]);

describe('seed protocol', () => {
  it('groups raw artists strings as the seed did (a collaboration is its own row)', () => {
    const g = rawArtistGroups(cat);
    expect(g.names).toEqual(['Metal Two;Metal One', 'Metal One', 'Rap One;Rap Two', 'Rap One']);
    const sp = seedProtocolFeatures(cat);
    expect(sp.dim).toBe(7);
    expect(sp.n).toBe(4);
  });

  it('builds the seed architecture with a 4-d ReLU code and a 7-wide output', async () => {
    const tf = await nodeTf();
    const cfg = seedArchConfig(7);
    const sp = seedProtocolFeatures(cat);
    const x = standardize(sp, fitStandardizer(sp, undefined, { audio: 7 }));
    const opts = { seed: 3, epochs: 2, batchSize: 16, learningRate: 1e-3, constantRate: true };
    const r = await trainAutoencoder(tf, cfg, x, opts);
    expect(r.weights.tensors.map((t) => t.shape)).toEqual([[7, 16], [16], [16, 8], [8], [8, 4], [4], [4, 8], [8], [8, 16], [16], [16, 7], [7]]);
    expect((await trainAutoencoder(tf, cfg, x, opts)).weights).toEqual(r.weights);
    const codes = await encodeRows(tf, r.weights, x);
    expect(codes.length).toBe((x.length / 7) * 4);
    expect(Number.isFinite(r.reconstructionMse)).toBe(true);
  });
});
