// Recommendations: time from a seed or slider change to new ranked lists, on
// the real catalog. 500 random seed sets of 1-5 artists (seeded); after each,
// one slider change on the same seeds (what a user does most). The floor,
// measured in the same run: one plain dot-product scan over all track vectors.
// Also the same requests with a trained artist model's vectors (a 64-d code
// joined with the plain vectors, as the query worker builds them).
import type { BenchSection } from '../context.ts';
import { percentile, round } from '../context.ts';
import { indexCatalog, type Catalog } from '../../src/features/catalog/core/catalog.ts';
import { rng } from '../../src/platform/random.ts';
import { defaultSteering, type RankingIndex, type Seed, type Steering } from '../../src/features/recommend/core/types.ts';
import { prepareRanking } from '../../src/features/recommend/core/prepare.ts';
import { rank } from '../../src/features/recommend/core/rank.ts';
import { hasSpotify, sayMissing, SPOTIFY_CSV } from '../../data/paths.ts';

const SEED = 11;
const SEED_SETS = 500;
const WARMUP = 30;
/** Seed sets timed again with a trained model's vectors. */
const MODEL_SEED_SETS = 200;

/** Random seed sets of 1-5 distinct artists, each followed by a slider change. */
export function benchRequests(c: Catalog, n: number, seed: number): { seeds: Seed[]; steering: Steering; kind: 'seeds' | 'slider' }[] {
  const rand = rng(seed);
  const out: { seeds: Seed[]; steering: Steering; kind: 'seeds' | 'slider' }[] = [];
  const sliders: ((s: Steering) => void)[] = [
    (s) => (s.attributes.energy = { target: rand() }),
    (s) => (s.attributes.danceability = { min: rand() * 0.5 }),
    (s) => (s.attributes.tempo = { min: 60 + rand() * 40, max: 130 + rand() * 50 }),
    (s) => (s.discovery = rand()),
    (s) => (s.diversity = rand()),
    (s) => (s.explicit = false),
  ];
  for (let i = 0; i < n; i++) {
    const size = 1 + Math.floor(rand() * 5);
    const artists = new Set<number>();
    while (artists.size < size) artists.add(Math.floor(rand() * c.artists.length));
    const seeds = [...artists].map((id) => ({ kind: 'artist' as const, id }));
    out.push({ seeds, steering: defaultSteering(), kind: 'seeds' });
    const moved = defaultSteering();
    sliders[Math.floor(rand() * sliders.length)](moved);
    out.push({ seeds, steering: moved, kind: 'slider' });
  }
  return out;
}

/** One dot product of a query vector with every track vector: the least any
 *  similarity ranking over tracks must do. */
function scanFloor(ix: RankingIndex, q: Float32Array, out: Float32Array): void {
  const { data, dim, n } = ix.tracks;
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += data[t * dim + j] * q[j];
    out[t] = s;
  }
}

async function realOrGenerated(): Promise<{ catalog: Catalog; source: string }> {
  if (hasSpotify()) {
    const { loadCatalogFile } = await import('../../data/load.ts');
    return { catalog: (await loadCatalogFile(SPOTIFY_CSV)).catalog, source: 'real' };
  }
  sayMissing('Spotify dataset', SPOTIFY_CSV, 'timing recommendations on a generated catalog of 114k rows');
  const { generateCatalogCsv } = await import('../../data/generate.ts');
  const { CatalogIngest } = await import('../../src/features/catalog/core/ingest.ts');
  const ingest = new CatalogIngest();
  ingest.push(generateCatalogCsv({ rows: 114_000, seed: SEED }).text);
  return { catalog: indexCatalog(ingest.end().columns), source: 'generated (114k rows)' };
}

const section: BenchSection = {
  name: 'recommend',
  async run() {
    const { catalog, source } = await realOrGenerated();
    let t0 = performance.now();
    const ix = prepareRanking(catalog);
    const prepareMs = performance.now() - t0;

    // Warm up the JIT on other seed sets.
    for (const r of benchRequests(catalog, WARMUP, SEED + 1)) rank(ix, { seeds: r.seeds, steering: r.steering });
    const times = { seeds: [] as number[], slider: [] as number[] };
    const all: number[] = [];
    // CPU time too: on a shared machine wall time includes waiting for a core.
    const cpu: number[] = [];
    let empty = 0;
    for (const r of benchRequests(catalog, SEED_SETS, SEED)) {
      const c0 = process.cpuUsage();
      t0 = performance.now();
      const res = rank(ix, { seeds: r.seeds, steering: r.steering });
      const ms = performance.now() - t0;
      const c1 = process.cpuUsage(c0);
      cpu.push((c1.user + c1.system) / 1000);
      if (res.empty) empty++;
      times[r.kind].push(ms);
      all.push(ms);
    }

    const q = new Float32Array(ix.tracks.dim).fill(0.3);
    const out = new Float32Array(ix.tracks.n);
    for (let i = 0; i < 20; i++) scanFloor(ix, q, out);
    const floor: number[] = [];
    for (let i = 0; i < 200; i++) {
      q[i % q.length] += 0.01;
      t0 = performance.now();
      scanFloor(ix, q, out);
      floor.push(performance.now() - t0);
    }

    const floorMs = percentile(floor, 50);
    const p95 = percentile(all, 95);
    const res: Record<string, number | string> = {
      recommend_catalog: source,
      recommend_tracks: catalog.size,
      recommend_artists: catalog.artists.length,
      recommend_artist_dim: ix.artists.dim,
      recommend_prepare_ms: round(prepareMs, 0),
      recommend_requests: all.length,
      recommend_p50_ms: round(percentile(all, 50), 2),
      recommend_p95_ms: round(p95, 2),
      recommend_p95_ms_new_seeds: round(percentile(times.seeds, 95), 2),
      recommend_p95_ms_slider: round(percentile(times.slider, 95), 2),
      recommend_p95_cpu_ms: round(percentile(cpu, 95), 2),
      recommend_scan_floor_ms: round(floorMs, 3),
      recommend_p95_over_floor: round(p95 / floorMs, 1),
      // On a shared machine wall time includes waiting for a core; the floor's median is barely touched by that.
      recommend_p95_cpu_over_floor: round(percentile(cpu, 95) / floorMs, 1),
      recommend_empty_results: empty,
    };
    // With a trained model: timing does not depend on the code's values, so a
    // seeded random 64-d code stands in for a trained one.
    const { l2NormalizeRows } = await import('../../src/features/models/artist/artist-features.ts');
    const { withPlain } = await import('../../src/features/models/artist/autoencoder.ts');
    const { sparseArtistVectors } = await import('../../src/features/recommend/core/vectors.ts');
    const rand = rng(SEED);
    const codes = l2NormalizeRows(new Float32Array(catalog.artists.length * 64).map(() => rand() - 0.5), 64);
    const plain = sparseArtistVectors(catalog);
    const withModel = prepareRanking(catalog, withPlain(codes, 64, plain.data, plain.dim, 1).vectors);
    for (const r of benchRequests(catalog, WARMUP, SEED + 1)) rank(withModel, { seeds: r.seeds, steering: r.steering });
    const modelTimes: number[] = [];
    const modelCpu: number[] = [];
    for (const r of benchRequests(catalog, MODEL_SEED_SETS, SEED)) {
      const c0 = process.cpuUsage();
      t0 = performance.now();
      rank(withModel, { seeds: r.seeds, steering: r.steering });
      modelTimes.push(performance.now() - t0);
      const c1 = process.cpuUsage(c0);
      modelCpu.push((c1.user + c1.system) / 1000);
    }
    res.recommend_model_dim = withModel.artists.dim;
    res.recommend_p95_ms_model = round(percentile(modelTimes, 95), 2);
    res.recommend_p95_over_floor_model = round(percentile(modelTimes, 95) / floorMs, 1);
    res.recommend_p95_cpu_ms_model = round(percentile(modelCpu, 95), 2);
    res.recommend_p95_cpu_over_floor_model = round(percentile(modelCpu, 95) / floorMs, 1);
    console.log(`\n## recommend (${source} catalog)`);
    console.table(Object.fromEntries(Object.entries(res).map(([k, v]) => [k, { value: v }])));
    return res;
  },
};
export default section;
