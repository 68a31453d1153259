// The artist model's parts on a small handwritten catalog: features, pairs,
// the training pipeline, the vectors it gives and the reasons shown for them.
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../catalog/core/catalog.ts';
import { tinyCatalog } from '../../../../test/test-catalog.ts';
import { nodeTf } from '../../../compute/tf-node.ts';
import { artistFeatures, catalogPairs, joinPairs, fitStandardizer, l2NormalizeRows, plainArtistVectors, standardize } from './artist-features.ts';
import { encodeRows } from './dense-autoencoder.ts';
import { trainArtistModel, withPlain } from './autoencoder.ts';
import { nearestArtists, similarIndex } from '../../artists/core/similar.ts';
import { artistTraits, soundsAlike } from '../../artists/core/traits.ts';

/** One track: artists (credit order), album, genre, and audio values. */
interface T {
  artists: string[];
  album: string;
  genre: string;
  pop: number;
  e: number; // energy
  d: number; // danceability
  a: number; // acousticness
  s?: number; // speechiness
}

function catalogOf(tracks: T[]): Catalog {
  return tinyCatalog(
    tracks.map((t, i) => ({
      name: `Track ${i}`,
      artists: t.artists,
      genres: [t.genre],
      album: t.album,
      popularity: t.pop,
      durationMs: 180_000 + 1000 * i,
      explicit: (t.s ?? 0) > 0.3,
      danceability: t.d,
      energy: t.e,
      loudness: -12 + 8 * t.e,
      speechiness: t.s ?? 0.05,
      acousticness: t.a,
      instrumentalness: t.a > 0.8 ? 0.7 : 0.001,
      liveness: 0.1 + 0.02 * (i % 5),
      valence: 0.3 + 0.4 * t.d,
      tempo: 90 + 60 * t.e,
      key: i % 12,
      mode: i % 2,
    })),
  );
}

// Eight artists in three styles; "Twin A" and "Twin B" are planted as
// near-identical (same genre, same sound, same popularity).
const tracks: T[] = [
  { artists: ['Metal One'], album: 'Iron', genre: 'metal', pop: 40, e: 0.95, d: 0.3, a: 0.01 },
  { artists: ['Metal One'], album: 'Iron', genre: 'metal', pop: 45, e: 0.9, d: 0.35, a: 0.02 },
  { artists: ['Metal Two'], album: 'Steel', genre: 'metal', pop: 30, e: 0.92, d: 0.25, a: 0.01 },
  { artists: ['Metal Two', 'Metal One'], album: 'Steel', genre: 'metal', pop: 50, e: 0.97, d: 0.3, a: 0.0 },
  { artists: ['Folk One'], album: 'Woods', genre: 'folk', pop: 20, e: 0.2, d: 0.4, a: 0.95 },
  { artists: ['Folk One'], album: 'Woods', genre: 'folk', pop: 25, e: 0.25, d: 0.45, a: 0.9 },
  { artists: ['Folk Two'], album: 'River', genre: 'folk', pop: 10, e: 0.3, d: 0.5, a: 0.85 },
  { artists: ['Rap One'], album: 'Block', genre: 'hip-hop', pop: 70, e: 0.7, d: 0.85, a: 0.1, s: 0.4 },
  { artists: ['Rap One', 'Rap Two'], album: 'Block', genre: 'hip-hop', pop: 75, e: 0.65, d: 0.9, a: 0.05, s: 0.35 },
  { artists: ['Twin A'], album: 'Mirror', genre: 'pop', pop: 60, e: 0.6, d: 0.7, a: 0.3 },
  { artists: ['Twin A'], album: 'Mirror', genre: 'pop', pop: 62, e: 0.62, d: 0.72, a: 0.28 },
  { artists: ['Twin B'], album: 'Glass', genre: 'pop', pop: 61, e: 0.61, d: 0.71, a: 0.29 },
  { artists: ['Twin B'], album: 'Glass', genre: 'pop', pop: 60, e: 0.6, d: 0.7, a: 0.3 },
];
const cat = catalogOf(tracks);
const idOf = (name: string) => cat.artists.indexOf(name);
const nearest = (v: Float32Array, dim: number, a: number) => nearestArtists(similarIndex(cat, v, dim, null), a, 1)[0];

describe('artist features', () => {
  it('has one row per individual artist with named columns and blocks', () => {
    const f = artistFeatures(cat);
    expect(f.n).toBe(cat.artists.length);
    expect(f.data.length).toBe(f.n * f.dim);
    expect(f.names.length).toBe(f.dim);
    expect(f.blocks.map((b) => b.end - b.start).reduce((s, x) => s + x)).toBe(f.dim);
    // Collaborations are split: Rap Two has one track (the collaboration).
    expect(f.trackCount[idOf('Rap Two')]).toBe(1);
    expect(f.trackCount[idOf('Metal One')]).toBe(3);
    // Genre shares sum to 1 per artist.
    const g = f.blocks.find((b) => b.name === 'genre')!;
    for (let a = 0; a < f.n; a++) {
      let s = 0;
      for (let j = g.start; j < g.end; j++) s += f.data[a * f.dim + j];
      expect(s).toBeCloseTo(1, 5);
    }
    // Mean energy of Folk One is the mean of its two tracks.
    expect(f.data[idOf('Folk One') * f.dim + f.names.indexOf('mean energy')]).toBeCloseTo(0.225, 5);
    expect(Array.from(f.data).every(Number.isFinite)).toBe(true);
  });

  it('standardizes to zero mean on the fitted rows and round-trips through JSON', () => {
    const f = artistFeatures(cat);
    const s = fitStandardizer(f);
    const z = standardize(f, s);
    for (let j = 0; j < f.dim; j++) {
      let m = 0;
      for (let a = 0; a < f.n; a++) m += z[a * f.dim + j];
      expect(Math.abs(m / f.n)).toBeLessThan(1e-4);
    }
    const back = JSON.parse(JSON.stringify(s));
    expect(standardize(f, back)).toEqual(z);
  });

  it('pairs artists credited together and sharing an album', () => {
    const p = catalogPairs(cat);
    const set = new Set<string>();
    for (let i = 0; i < p.length; i += 2) set.add(`${cat.artists[p[i]]}|${cat.artists[p[i + 1]]}`);
    const has = (a: string, b: string) => set.has(`${a}|${b}`) || set.has(`${b}|${a}`);
    expect(has('Metal One', 'Metal Two')).toBe(true);
    expect(has('Rap One', 'Rap Two')).toBe(true);
    expect(has('Twin A', 'Twin B')).toBe(false);
    expect(set.size).toBe(p.length / 2);
  });

  it('joins pair lists with each unordered pair once', () => {
    expect(Array.from(joinPairs(Int32Array.of(0, 1, 2, 3), Int32Array.of(1, 0, 4, 4, 5, 2, 3, 2)))).toEqual([0, 1, 2, 3, 2, 5]);
  });
});

describe('neighbours', () => {
  it('finds the planted near-identical pair as each other’s nearest (plain vectors)', () => {
    const f = artistFeatures(cat);
    const v = plainArtistVectors(f);
    expect(nearest(v, f.dim, idOf('Twin A'))).toBe(idOf('Twin B'));
    expect(nearest(v, f.dim, idOf('Twin B'))).toBe(idOf('Twin A'));
  });

  it('explains a sound neighbour by shared traits and genres', () => {
    expect(artistTraits(cat, idOf('Metal One')).traits).toContain('high energy');
    expect(soundsAlike(cat, idOf('Metal One'), idOf('Metal Two'))).toMatch(/^Sounds alike: .*high energy.* · both metal$/);
    expect(soundsAlike(cat, idOf('Metal One'), idOf('Folk One'))).not.toContain('both metal');
  });
});

describe('autoencoder', () => {
  it('encodes to unit codes of the chosen size, deterministically for a seed', async () => {
    const tf = await nodeTf();
    const f = artistFeatures(cat);
    const opts = { seed: 7, epochs: 30, batchSize: 4 };
    const losses: number[] = [];
    const a = await trainArtistModel(tf, cat, { ...opts, onEpoch: (_, l) => losses.push(l) });
    const b = await trainArtistModel(tf, cat, opts);
    expect(a.catalogPairs).toBe(catalogPairs(cat).length / 2);
    expect(a.codes.length).toBe(f.n * a.dim);
    for (let i = 0; i < f.n; i++) {
      let s = 0;
      for (let j = 0; j < a.dim; j++) s += a.codes[i * a.dim + j] ** 2;
      expect(s).toBeCloseTo(1, 4);
    }
    expect(losses.length).toBe(30);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
    expect(Array.from(a.codes)).toEqual(Array.from(b.codes));
    // Stored weights reload to the same codes (IndexedDB goes through structured clone).
    const stored = structuredClone(a.model);
    const x = standardize(f, stored.standardizer);
    const codes = await encodeRows(tf, stored.weights, x);
    expect(Array.from(withPlain(codes, stored.weights.config.codeDim, l2NormalizeRows(x, f.dim), f.dim, stored.plainWeight!).vectors)).toEqual(Array.from(a.codes));
    // The planted twins are each other's nearest under the trained codes too.
    expect(nearest(a.codes, a.dim, idOf('Twin A'))).toBe(idOf('Twin B'));
    expect(nearest(a.codes, a.dim, idOf('Twin B'))).toBe(idOf('Twin A'));
  });

  it('stops on abort', async () => {
    const tf = await nodeTf();
    const ctl = new AbortController();
    const before = tf.memory().numTensors;
    const run = trainArtistModel(tf, cat, { seed: 1, epochs: 1000, batchSize: 2, signal: ctl.signal, onEpoch: (e) => e === 2 && ctl.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
