// The sonic path: a playlist that walks from a start to an end (artists or
// tracks), through optional waypoints, in small steps through the path space
// (space.ts). Each leg (one waypoint to the next) gathers the free tracks
// nearest the straight line between them, keeps those closer to the next
// waypoint than the leg's start, and picks the given number of them, ordered
// by that distance (so every step gets closer), that make the sum of the
// steps' 4th powers least (a dynamic programme: even, small steps). Variance bends
// the leg towards a detour artist near its middle and jitters the choice.
// The steering's bounds and explicit switch, the user's exclusions and (in
// new-to-me mode) their known artists apply to every step but the start, end
// and waypoints, which the user chose.
import { artistsOf, tracksOf } from '../../catalog/core/catalog.ts';
import { topK } from '../../../lib/vectors.ts';
import { rng } from '../../../platform/random.ts';
import { masks } from '../../recommend/core/bounds.ts';
import { artistDots } from '../../recommend/core/sources/content.ts';
import { defaultSteering, type Exclusions, type RankingIndex, type Steering } from '../../recommend/core/types.ts';
import { lerp, pathSpace, type PathSpace, type Point } from './space.ts';
import { stepReason } from './reasons.ts';

/** A start, end or waypoint: an artist (their most popular track that fits) or a track. */
export interface PathEnd {
  kind: 'artist' | 'track';
  id: number;
}

export interface PathRequest {
  start: PathEnd;
  end: PathEnd;
  waypoints?: PathEnd[];
  /** Tracks in the path, start, waypoints and end included: 5..50. */
  length: number;
  /** At most one track per artist (default true). */
  onePerArtist?: boolean;
  /** 0 = the straight line, 1 = wander (default 0). */
  variance?: number;
  /** Its bounds and explicit switch apply (default: none, explicit allowed). */
  steering?: Steering;
  /** Tracks kept at the head of the path, in order (after a reorder or swap); the rest is planned from the last. */
  keep?: number[];
  /** Tracks never chosen as a step (swapped out). */
  avoid?: number[];
  /** For the variance's random choices. */
  seed?: number;
}

export type StepRole = 'start' | 'waypoint' | 'end' | 'step';

interface PathStep {
  track: number;
  role: StepRole;
  /** "between Portishead and Massive Attack: calm, dark, trip-hop". */
  reason: string;
}

export type PathResult = { empty: false; steps: PathStep[] } | { empty: true; message: string };

export const MIN_STEPS = 5;
export const MAX_STEPS = 50;

/** Closest artists to each step's point on the line whose best track joins a leg's candidates. */
const PER_TARGET = 64;
/** Artists near a leg's middle that a wandering leg may detour through. */
const DETOUR_POOL = 50;
/** At variance 1, a candidate's cost is jittered by up to this many even steps' squared length. */
const JITTER = 2;

export function planPath(ix: RankingIndex, req: PathRequest, exclude?: Exclusions): PathResult {
  const c = ix.catalog;
  const n = req.length;
  if (!Number.isInteger(n) || n < MIN_STEPS || n > MAX_STEPS) {
    const given = Number.isFinite(n) ? `${n} is not allowed` : 'give it as a whole number';
    return { empty: true, message: `A path has ${MIN_STEPS} to ${MAX_STEPS} tracks; ${given}.` };
  }
  const ends = [req.start, ...(req.waypoints ?? []), req.end];
  const names = ['start', ...(req.waypoints ?? []).map((_, i) => `waypoint ${i + 1}`), 'end'];
  const bad = ends.findIndex((e) => !known(ix, e));
  if (bad >= 0) return { empty: true, message: `The ${names[bad]} is not in this catalog; pick it again from the search.` };
  if (ends.length > n) return { empty: true, message: `${ends.length} start, end and waypoints need a path of at least ${ends.length} tracks.` };
  const m = masks(ix, req.steering ?? defaultSteering(), [], exclude);
  if ('empty' in m) return { empty: true, message: m.message };
  const trackOk = Uint8Array.from(m.trackAllowed);
  const artistFree = Uint8Array.from(m.artistAllowed);
  for (const t of req.avoid ?? []) if (t >= 0 && t < c.size) trackOk[t] = 0;
  const anchors = ends.map((e) => anchorTrack(ix, e, trackOk));
  for (let i = 1; i < anchors.length; i++) {
    if (anchors[i] === anchors[i - 1]) return { empty: true, message: `The ${names[i - 1]} and the ${names[i]} are the same track; pick another.` };
  }

  const space = pathSpace(ix);
  const onePerArtist = req.onePerArtist ?? true;
  const usedSongs = new Set<number>();
  const use = (t: number) => {
    usedSongs.add(ix.song[t]);
    if (onePerArtist) for (const a of artistsOf(c, t)) artistFree[a] = 0;
  };
  anchors.forEach(use);

  // The kept head: its last track is where planning resumes; anchors it holds are reached.
  const keep = (req.keep ?? []).filter((t) => Number.isInteger(t) && t >= 0 && t < c.size).slice(0, n - 1);
  const path: number[] = keep.length ? [...keep] : [anchors[0]];
  let next = 1;
  for (const t of path) {
    use(t);
    if (anchors[next] === t && next < anchors.length - 1) next++;
  }
  const rest = anchors.slice(next);
  const free = n - path.length - rest.length;
  if (free < 0) return { empty: true, message: 'The kept tracks leave no room for the rest of the path; shorten them or lengthen the path.' };

  const rand = rng(req.seed ?? 0);
  const variance = Math.min(1, Math.max(0, req.variance ?? 0));
  const legs = share(free, [path[path.length - 1], ...rest], space);
  const scratch = new Float32Array(c.artists.length);
  const ok: Allowed = { trackOk, artistFree, usedSongs, onePerArtist };
  let from = path[path.length - 1];
  rest.forEach((to, leg) => {
    for (const t of planLeg(space, from, to, legs[leg], ok, variance, rand, scratch)) {
      path.push(t);
      use(t);
    }
    path.push(to);
    from = to;
  });

  // Each step's reason names the waypoints either side of it (by position in the path).
  const isAnchor = path.map((t) => anchors.includes(t));
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0, last = 0; i < path.length; i++) {
    before[i] = last;
    if (isAnchor[i]) last = i;
  }
  for (let i = path.length - 1, last = i; i >= 0; i--) {
    after[i] = last;
    if (isAnchor[i]) last = i;
  }
  return {
    empty: false,
    steps: path.map((t, i) => {
      const role: StepRole = i === 0 ? 'start' : i === path.length - 1 ? 'end' : isAnchor[i] ? 'waypoint' : 'step';
      const way = { from: path[before[i]], to: path[after[i]], at: (i - before[i]) / Math.max(1, after[i] - before[i]) };
      return { track: t, role, reason: stepReason(c, t, role, way) };
    }),
  };
}

function known(ix: RankingIndex, e: PathEnd): boolean {
  const c = ix.catalog;
  if (!Number.isInteger(e.id) || e.id < 0) return false;
  return e.kind === 'track' ? e.id < c.size : e.id < c.artists.length && tracksOf(c, e.id).length > 0;
}

/** A track as given; an artist's most popular track that fits (any of theirs when none does). */
function anchorTrack(ix: RankingIndex, e: PathEnd, trackOk: Uint8Array): number {
  if (e.kind === 'track') return e.id;
  const list = tracksOf(ix.catalog, e.id);
  return list.find((t) => trackOk[t] === 1) ?? list[0];
}

/** The free steps shared among the legs by their lengths (largest remainder). */
function share(free: number, stops: number[], space: PathSpace): number[] {
  const len = stops.slice(1).map((t, i) => Math.sqrt(space.dist2(t, space.point(stops[i]))) + 1e-9);
  const total = len.reduce((s, x) => s + x, 0);
  const exact = len.map((x) => (free * x) / total);
  const out = exact.map(Math.floor);
  const order = exact.map((x, i) => i).sort((i, j) => exact[j] - out[j] - (exact[i] - out[i]) || i - j);
  for (let k = 0; k < free - out.reduce((s, x) => s + x, 0); k++) out[order[k % order.length]]++;
  return out;
}

/** A random one of the artists nearest the leg's middle, as a point (its most popular track's sound). */
function detourPoint(space: PathSpace, mid: Point, artistFree: Uint8Array, scratch: Float32Array, rand: () => number): Point | null {
  const near = topK(artistDots(space.ix, mid.a, scratch), artistFree, DETOUR_POOL);
  if (!near.length) return null;
  return space.point(tracksOf(space.ix.catalog, near[Math.floor(rand() * near.length)])[0]);
}

interface Allowed {
  trackOk: Uint8Array;
  artistFree: Uint8Array;
  usedSongs: Set<number>;
  onePerArtist: boolean;
}

/** Up to m tracks from `from` to `to`, each closer to `to` than the one before. */
function planLeg(space: PathSpace, from: number, to: number, m: number, ok: Allowed, variance: number, rand: () => number, scratch: Float32Array): number[] {
  if (m <= 0) return [];
  const { ix } = space;
  const c = ix.catalog;
  const P = space.point(from);
  const W = space.point(to);
  const span = space.dist2(from, W);
  const detour = variance > 0 ? detourPoint(space, lerp(P, W, 0.5), ok.artistFree, scratch, rand) : null;

  // Candidates: for each step's point on the (bent) line, the nearest free
  // artists' best-fitting track; one per artist, none sharing an artist.
  const cand: number[] = [];
  const claimed = new Set<number>();
  // A target is a mix of P, W and the detour, and so is its dot product with
  // every artist: three scans of the artist matrix per leg, not one per step.
  const nA = c.artists.length;
  const dotP = artistDots(ix, P.a, new Float32Array(nA));
  const dotW = artistDots(ix, W.a, new Float32Array(nA));
  const dotR = detour ? artistDots(ix, detour.a, new Float32Array(nA)) : null;
  for (let j = 1; j <= m; j++) {
    const f = j / (m + 1);
    const bend = detour ? variance * Math.sin(Math.PI * f) : 0;
    let g = lerp(P, W, f);
    if (detour) g = lerp(g, detour, bend);
    for (let a = 0; a < nA; a++) scratch[a] = (1 - bend) * ((1 - f) * dotP[a] + f * dotW[a]) + (dotR ? bend * dotR[a] : 0);
    for (const a of topK(scratch, ok.artistFree, PER_TARGET)) {
      if (claimed.has(a)) continue;
      let best = -1;
      let bestD = Infinity;
      for (const t of tracksOf(c, a)) {
        if (!ok.trackOk[t] || ok.usedSongs.has(ix.song[t]) || t === to || t === from) continue;
        if (ok.onePerArtist && !allFree(artistsOf(c, t), ok.artistFree, claimed)) continue;
        const d = space.dist2(t, g);
        if (d < bestD) (best = t), (bestD = d);
      }
      if (best < 0) continue;
      const dw = space.dist2(best, W);
      if (!(dw < span && dw > 0)) continue;
      cand.push(best);
      if (ok.onePerArtist) for (const b of artistsOf(c, best)) claimed.add(b);
      else claimed.add(a);
    }
  }
  // Farthest from the waypoint first: any increasing run of indices gets closer at every step.
  const toW = new Map(cand.map((t) => [t, space.dist2(t, W)]));
  cand.sort((x, y) => toW.get(y)! - toW.get(x)! || x - y);
  const K = cand.length;
  if (K <= m) return cand.filter((t, i) => i === 0 || toW.get(t)! < toW.get(cand[i - 1])!);

  const pts = cand.map((t) => space.point(t));
  const dw = Float64Array.from(cand, (t) => toW.get(t)!);
  const even = span / (m + 1) ** 2;
  const node = Float64Array.from(cand, () => variance * JITTER * step(even) * rand());
  const e = new Float64Array(K * K);
  for (let i = 0; i < K; i++) for (let j = 0; j < i; j++) e[j * K + i] = step(space.dist2(cand[i], pts[j]));
  // cost[k][i]: least sum of step costs from `from` through k+1 candidates ending at i.
  const cost = new Float64Array(m * K).fill(Infinity);
  const back = new Int32Array(m * K).fill(-1);
  for (let i = 0; i < K; i++) cost[i] = step(space.dist2(cand[i], P)) + node[i];
  for (let k = 1; k < m; k++) {
    for (let i = k; i < K; i++) {
      let bestCost = Infinity;
      let bestJ = -1;
      for (let j = k - 1; j < i; j++) {
        if (!(dw[j] > dw[i])) continue;
        const v = cost[(k - 1) * K + j] + e[j * K + i];
        if (v < bestCost) (bestCost = v), (bestJ = j);
      }
      cost[k * K + i] = bestCost + node[i];
      back[k * K + i] = bestJ;
    }
  }
  let end = -1;
  let endCost = Infinity;
  for (let i = m - 1; i < K; i++) {
    const v = cost[(m - 1) * K + i] + step(space.dist2(cand[i], W));
    if (v < endCost) (endCost = v), (end = i);
  }
  if (end < 0) return [];
  const out: number[] = [];
  for (let k = m - 1, i = end; k >= 0; i = back[k * K + i], k--) out.push(cand[i]);
  return out.reverse();
}

/** A step's cost: its length to the 4th power, so that the longest steps weigh most
 *  (on random seed-7 pairs the largest step fell from 2.59 to 2.45 median
 *  neighbour distances against the sum of squares; the 8th power gave 2.40). */
const step = (d2: number) => d2 * d2;

function allFree(artists: Int32Array, free: Uint8Array, claimed: Set<number>): boolean {
  for (let i = 0; i < artists.length; i++) if (!free[artists[i]] || claimed.has(artists[i])) return false;
  return true;
}
