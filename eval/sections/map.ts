// The map of music (issue 15, part 2): how well the 2-D layout keeps each
// artist's nearest neighbours (trustworthiness@10, sklearn's definition,
// against the cosine space the map is laid out from), and how long the layout
// takes in Node, for the space Discover ranks with once the artist model is
// trained (here trained on the catalog alone, no listening) and for the plain
// vectors used before it is. Baseline in the same run: the PCA projection
// of the same vectors onto its first two axes (which is also where the
// layout starts from).
// Trustworthiness is taken over a seeded sample of 1,000 query artists, each
// ranked against all artists (the exact figure needs 30k × 30k ranks).
import { rng } from '../../src/platform/random.ts';
import { nodeTf } from '../../src/compute/tf-node.ts';
import { trainArtistModel } from '../../src/features/models/artist/autoencoder.ts';
import { buildMap, mapSpace } from '../../src/features/map/core/build.ts';
import { trustworthiness } from '../../src/features/map/core/trust.ts';
import { pca2 } from '../../src/features/map/core/pca.ts';
import type { EvalContext, EvalSection } from '../context.ts';

const SAMPLE = 1000;
const K = 10;

const section: EvalSection = {
  name: 'map',
  needs: ['spotify'],
  async run(ctx: EvalContext) {
    const c = ctx.catalog!;
    const tf = await nodeTf();
    const rand = rng(ctx.seed ^ 0x3a9);
    const n = c.artists.length;
    const queries = Int32Array.from({ length: Math.min(SAMPLE, n) }, () => Math.floor(rand() * n));

    const trained = await trainArtistModel(tf, c, { seed: ctx.seed });
    const spaces = {
      model: mapSpace(c, { data: trained.codes, dim: trained.dim, source: 'model', codeDim: trained.model.weights.config.codeDim }),
      plain: mapSpace(c, { data: new Float32Array(0), dim: 0, source: 'fallback' }),
    };
    const rows: Record<string, unknown>[] = [];
    const out: Record<string, number> = {};
    for (const [name, space] of Object.entries(spaces)) {
      // CPU time too: on a shared machine the wall time mostly measures the others.
      const cpu0 = process.cpuUsage();
      const built = await buildMap(tf, space, { seed: ctx.seed });
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const t = trustworthiness(space.data, space.dim, built.xy, K, queries);
      const tPca = trustworthiness(space.data, space.dim, pca2(space.data, space.dim), K, queries);
      const ms = built.knnMs + built.layoutMs;
      rows.push({ space: name, dim: space.dim, trust_at10: t.toFixed(4), pca_trust_at10: tPca.toFixed(4), knn_ms: Math.round(built.knnMs), umap_ms: Math.round(built.layoutMs), total_ms: Math.round(ms), cpu_ms: Math.round(cpuMs) });
      const suffix = name === 'model' ? '' : '_plain';
      out[`map_trustworthiness_at10${suffix}`] = Number(t.toFixed(4));
      out[`map_trustworthiness_at10${suffix}_pca`] = Number(tPca.toFixed(4));
      out[`map_layout_ms${suffix}`] = Math.round(ms);
      out[`map_layout_cpu_ms${suffix}`] = Math.round(cpuMs);
    }
    ctx.table(`Map of ${n} artists: trustworthiness@${K} over ${queries.length} sampled artists (target ≥ 0.85), layout time in Node (tfjs ${tf.getBackend()})`, rows);
    return out;
  },
};
export default section;
