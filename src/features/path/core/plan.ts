// The sonic path: a playlist that walks from a start to an end (artists or
// tracks), through optional waypoints, in small steps through the path space
// (space.ts). Each step aims at its share of the straight line to the next
// waypoint, is drawn towards the current track (small moves; STEP_WEIGHT), and
// must be closer to that waypoint than the current track (always getting
// closer). Variance bends each leg towards a detour artist near its middle and
// picks among the few best candidates. The steering's bounds and explicit
// switch, the user's exclusions and (in new-to-me mode) their known artists
// apply to every step but the start, end and waypoints, which the user chose.
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

export interface PathStep {
  track: number;
  role: StepRole;
  /** "between Portishead and Massive Attack: calm, dark, trip-hop". */
  reason: string;
}

export type PathResult = { empty: false; steps: PathStep[] } | { empty: true; message: string };

export const MIN_STEPS = 5;
export const MAX_STEPS = 50;

/** How the planner trades following the line against small steps; the eval's
 *  baseline turns both off (the line's nearest track at each step). */
export interface PlanTuning {
  /** Weight of the squared distance from the current track, next to the distance from the line. */
  stepWeight: number;
  /** Only steps that get closer to the next waypoint (while there is one). */
  progress: boolean;
}
export const PATH_TUNING: PlanTuning = { stepWeight: 1, progress: true };

/** Closest artists to a step's target whose tracks are scored. */
const ARTIST_POOL = 48;
/** Artists near a leg's middle that a wandering leg may detour through. */
const DETOUR_POOL = 50;
/** At variance 1, pick among this many of the best candidates. */
const WANDER_CHOICES = 5;

export function planPath(ix: RankingIndex, req: PathRequest, exclude?: Exclusions, tuning: PlanTuning = PATH_TUNING): PathResult {
  const c = ix.catalog;
  const n = req.length;
  if (!Number.isInteger(n) || n < MIN_STEPS || n > MAX_STEPS) {
    return { empty: true, message: `A path has ${MIN_STEPS} to ${MAX_STEPS} tracks; ${n} is not allowed.` };
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
  let from = path[path.length - 1];
  rest.forEach((to, leg) => {
    const P = space.point(from);
    const W = space.point(to);
    const detour = variance > 0 ? detourPoint(space, lerp(P, W, 0.5), artistFree, scratch, rand) : null;
    let x = from;
    for (let j = 1; j <= legs[leg]; j++) {
      const f = j / (legs[leg] + 1);
      let g = lerp(P, W, f);
      if (detour) g = lerp(g, detour, variance * Math.sin(Math.PI * f));
      const t = bestStep(space, { g, x, W, to }, { trackOk, artistFree, usedSongs, onePerArtist }, tuning, scratch, variance, rand);
      if (t < 0) break; // nothing left that fits: the path is shorter
      path.push(t);
      use(t);
      x = t;
    }
    path.push(to);
    from = to;
  });

  // Each step's reason names the waypoints either side of it.
  const isAnchor = path.map((t) => anchors.includes(t));
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0, last = path[0]; i < path.length; i++) {
    before[i] = last;
    if (isAnchor[i]) last = path[i];
  }
  for (let i = path.length - 1, last = path[i]; i >= 0; i--) {
    after[i] = last;
    if (isAnchor[i]) last = path[i];
  }
  return {
    empty: false,
    steps: path.map((t, i) => {
      const role: StepRole = i === 0 ? 'start' : i === path.length - 1 ? 'end' : isAnchor[i] ? 'waypoint' : 'step';
      return { track: t, role, reason: stepReason(space, t, role, before[i], after[i]) };
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
  return list.find((t) => trackOk[t]) ?? list[0];
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

interface Step {
  /** The step's target on the line, the current track, the next waypoint and its track. */
  g: Point;
  x: number;
  W: Point;
  to: number;
}
interface Allowed {
  trackOk: Uint8Array;
  artistFree: Uint8Array;
  usedSongs: Set<number>;
  onePerArtist: boolean;
}

/** The next track: least distance from the target plus STEP_WEIGHT × from the
 *  current track, among the closest free artists' tracks, closer to the
 *  waypoint than the current track when any is; -1 when none fits. */
function bestStep(space: PathSpace, s: Step, ok: Allowed, tune: PlanTuning, scratch: Float32Array, variance: number, rand: () => number): number {
  const { ix } = space;
  const c = ix.catalog;
  const X = space.point(s.x);
  const w = tune.stepWeight;
  // For unit artist rows, |a − g|² + w·|a − x|² falls as a·(g + w·x) rises: one scan.
  const q = s.g.a.map((v, i) => v + w * X.a[i]);
  const pool = topK(artistDots(ix, q, scratch), ok.artistFree, ARTIST_POOL);
  const here = space.dist2(s.x, s.W);
  const closer: [number, number][] = [];
  const any: [number, number][] = [];
  const seen = new Set<number>();
  for (const a of pool) {
    for (const t of tracksOf(c, a)) {
      if (seen.has(t) || !ok.trackOk[t] || ok.usedSongs.has(ix.song[t]) || t === s.to) continue;
      seen.add(t);
      if (ok.onePerArtist && Array.from(artistsOf(c, t)).some((b) => !ok.artistFree[b])) continue;
      const cost = space.dist2(t, s.g) + w * space.dist2(t, X);
      any.push([cost, t]);
      if (tune.progress && space.dist2(t, s.W) < here) closer.push([cost, t]);
    }
  }
  const list = tune.progress && closer.length ? closer : any;
  if (!list.length) return -1;
  list.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const choices = Math.min(list.length, 1 + Math.round(variance * (WANDER_CHOICES - 1)));
  return list[Math.floor(rand() * choices)][1];
}
