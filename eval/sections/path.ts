// Sonic paths on the real catalog (the ranking's plain artist vectors, as the
// app has them before a model is trained), on 500 seeded random pairs of
// catalog artists, 20 tracks each, one song per artist, no variance:
//  - path_max_step_ratio: a path's largest step over the median
//    nearest-neighbour distance of the space (a sample of 500 tracks, each to
//    its nearest track by another artist, as a one-song-per-artist path must
//    move), averaged over paths; lower is smoother;
//  - path_progress: share of steps that end closer to the next waypoint than
//    they began;
//  - path_repeat_artists: artists credited more than once in a path, summed
//    over the paths (0 with one song per artist);
//  - path_ms_p95: planning time, 95th percentile, wall clock; and
//    path_cpu_ms_p95, the process's CPU time for it (on a shared machine the
//    wall clock also counts other work).
// The baseline is straight-line interpolation taking each step's nearest
// track (also one per artist, from the same start and end tracks).
import type { EvalContext, EvalSection } from '../context.ts';
import { artistsOf, tracksOf } from '../../src/features/catalog/core/catalog.ts';
import { rng } from '../../src/platform/random.ts';
import { topK } from '../../src/lib/vectors.ts';
import { prepareRanking } from '../../src/features/recommend/core/prepare.ts';
import { artistDots } from '../../src/features/recommend/core/sources/content.ts';
import type { RankingIndex } from '../../src/features/recommend/core/types.ts';
import { planPath } from '../../src/features/path/core/plan.ts';
import { lerp, pathSpace, type PathSpace } from '../../src/features/path/core/space.ts';

const PAIRS = 500;
const LENGTH = 20;
const NN_SAMPLE = 500;
/** Closest artists whose tracks are searched for a sampled track's neighbour. */
const NN_ARTISTS = 50;

/** Median distance from a sampled track to its nearest track by another artist. */
function medianNeighbour(space: PathSpace, rand: () => number): number {
  const c = space.ix.catalog;
  const scratch = new Float32Array(c.artists.length);
  const allowed = new Uint8Array(c.artists.length).fill(1);
  const out: number[] = [];
  for (let i = 0; i < NN_SAMPLE; i++) {
    const t = Math.floor(rand() * c.size);
    const p = space.point(t);
    const own = artistsOf(c, t)[0];
    allowed[own] = 0;
    let best = Infinity;
    for (const a of topK(artistDots(space.ix, p.a, scratch), allowed, NN_ARTISTS)) {
      for (const u of tracksOf(c, a)) if (!artistsOf(c, u).includes(own)) best = Math.min(best, space.dist2(u, p));
    }
    allowed[own] = 1;
    if (best < Infinity) out.push(Math.sqrt(best));
  }
  out.sort((x, y) => x - y);
  return out[Math.floor(out.length / 2)];
}

/** The baseline: at each of the line's evenly spaced points, the nearest track of a free artist. */
function linePath(space: PathSpace, from: number, to: number, n: number): number[] {
  const c = space.ix.catalog;
  const free = new Uint8Array(c.artists.length).fill(1);
  const scratch = new Float32Array(c.artists.length);
  const take = (t: number) => artistsOf(c, t).forEach((a) => (free[a] = 0));
  take(from);
  take(to);
  const P = space.point(from);
  const W = space.point(to);
  const path = [from];
  for (let j = 1; j < n - 1; j++) {
    const g = lerp(P, W, j / (n - 1));
    let best = -1;
    let bestD = Infinity;
    for (const a of topK(artistDots(space.ix, g.a, scratch), free, NN_ARTISTS)) {
      for (const t of tracksOf(c, a)) {
        if (!artistsOf(c, t).every((b) => free[b])) continue;
        const d = space.dist2(t, g);
        if (d < bestD) (best = t), (bestD = d);
      }
    }
    if (best < 0) break;
    path.push(best);
    take(best);
  }
  return [...path, to];
}

interface Figures {
  maxStepRatio: number;
  progress: number;
  repeats: number;
  msP95: number;
  cpuMsP95: number;
  length: number;
}

type Planner = (a: number, b: number) => number[];

function run(ix: RankingIndex, space: PathSpace, pairs: [number, number][], nn: number, plan: Planner): Figures {
  const c = ix.catalog;
  let ratio = 0;
  let closer = 0;
  let steps = 0;
  let repeats = 0;
  let length = 0;
  const ms: number[] = [];
  const cpu: number[] = [];
  for (const [a, b] of pairs) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const p = plan(a, b);
    const dc = process.cpuUsage(c0);
    ms.push(performance.now() - t0);
    cpu.push((dc.user + dc.system) / 1000);
    const end = space.point(p[p.length - 1]);
    let max = 0;
    for (let i = 1; i < p.length; i++) {
      max = Math.max(max, Math.sqrt(space.dist2(p[i], space.point(p[i - 1]))));
      if (space.dist2(p[i], end) < space.dist2(p[i - 1], end)) closer++;
      steps++;
    }
    ratio += max / nn;
    const credits = p.flatMap((t) => Array.from(artistsOf(c, t)));
    repeats += credits.length - new Set(credits).size;
    length += p.length;
  }
  const p95 = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(0.95 * (xs.length - 1))];
  return { maxStepRatio: ratio / pairs.length, progress: closer / steps, repeats, msP95: p95(ms), cpuMsP95: p95(cpu), length: length / pairs.length };
}

const section: EvalSection = {
  name: 'path',
  needs: ['spotify'],
  async run(ctx: EvalContext) {
    const c = ctx.catalog!;
    const ix = prepareRanking(c);
    const space = pathSpace(ix);
    const rand = rng(ctx.seed);
    const withTracks = Array.from({ length: c.artists.length }, (_, a) => a).filter((a) => tracksOf(c, a).length > 0);
    const pairs: [number, number][] = [];
    while (pairs.length < PAIRS) {
      const a = withTracks[Math.floor(rand() * withTracks.length)];
      const b = withTracks[Math.floor(rand() * withTracks.length)];
      if (a !== b) pairs.push([a, b]);
    }
    const nn = medianNeighbour(space, rand);
    const ours = run(ix, space, pairs, nn, (a, b) => {
      const r = planPath(ix, { start: { kind: 'artist', id: a }, end: { kind: 'artist', id: b }, length: LENGTH });
      if (r.empty) throw new Error(`path ${c.artists[a]} → ${c.artists[b]}: ${r.message}`);
      return r.steps.map((s) => s.track);
    });
    // From the same start and end tracks (each artist's most popular track).
    const line = run(ix, space, pairs, nn, (a, b) => linePath(space, tracksOf(c, a)[0], tracksOf(c, b)[0], LENGTH));
    ctx.table(`sonic path: ${PAIRS} random artist pairs, ${LENGTH} tracks, median neighbour distance ${nn.toFixed(3)}`, {
      planner: ours,
      'straight line, nearest track': line,
    });
    return {
      path_max_step_ratio: ours.maxStepRatio,
      path_max_step_ratio_baseline: line.maxStepRatio,
      path_progress: ours.progress,
      path_progress_baseline: line.progress,
      path_repeat_artists: ours.repeats,
      path_ms_p95: ours.msP95,
      path_ms_p95_baseline: line.msP95,
      path_cpu_ms_p95: ours.cpuMsP95,
      path_cpu_ms_p95_baseline: line.cpuMsP95,
      path_length_mean: ours.length,
    };
  },
};
export default section;
