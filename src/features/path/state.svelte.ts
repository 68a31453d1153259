// The Path page's request: start, end, waypoints and options, planned in the
// rank worker (where the ranking's index lives) whenever any of them, the
// steering or the taste changes. A swap or reorder keeps the path's head and
// re-plans the rest from it.
import type { Steering } from '../recommend/core/types.ts';
import type { PathEnd, PathRequest, PathResult } from './core/plan.ts';
import { Latest } from '../../platform/latest.svelte.ts';
import { rankWorker } from '../../workers/index.ts';
import { on } from '../../platform/events.ts';

/** A start, end or waypoint as the page shows it. */
export interface PathPoint extends PathEnd {
  label: string;
}

class PathState {
  start = $state<PathPoint | null>(null);
  end = $state<PathPoint | null>(null);
  waypoints = $state<PathPoint[]>([]);
  length = $state(20);
  variance = $state(0);
  onePerArtist = $state(true);
  newToMe = $state(false);
  result = new Latest<PathResult>();
  /** Bumped by taste news, so that new-to-me and hidden artists follow. */
  version = $state(0);
  /** The catalog the points' ids belong to. */
  private fingerprint = '';
  /** What the last plan was asked, so that a swap or reorder re-asks it with a kept head. */
  private last: { fingerprint: string; request: PathRequest; key: string } | null = null;
  private seed = 1;

  constructor() {
    on('taste', () => this.version++);
  }

  /** Plans for these inputs; called from an effect, so it runs again whenever anything it reads changes. */
  update(fingerprint: string, steering: Steering): void {
    if (fingerprint !== this.fingerprint) {
      if (this.fingerprint) (this.start = null), (this.end = null), (this.waypoints = []);
      this.fingerprint = fingerprint;
    }
    const { start, end, length, variance, onePerArtist, newToMe, version } = this;
    if (!start || !end) {
      this.last = null;
      this.result.reset();
      return;
    }
    const strip = ({ kind, id }: PathEnd): PathEnd => ({ kind, id });
    const request: PathRequest = { start: strip(start), end: strip(end), waypoints: this.waypoints.map(strip), length, variance, onePerArtist, steering, seed: this.seed };
    const key = JSON.stringify([request, newToMe, version]);
    if (this.last?.key === key) return;
    this.last = { fingerprint, request, key };
    this.run();
  }

  /** Another track in step i's place; the steps before it stay. */
  swap(i: number): void {
    const tracks = this.tracks();
    if (!this.last || !tracks[i]) return;
    const r = this.last.request;
    this.last.request = { ...r, keep: tracks.slice(0, i), avoid: [...(r.avoid ?? []), tracks[i]] };
    this.run();
  }

  /** Step i moves one place (by = -1 up, +1 down); what follows is planned again. */
  move(i: number, by: -1 | 1): void {
    const tracks = this.tracks();
    const j = i + by;
    if (!this.last || j < 1 || j >= tracks.length - 1) return;
    const head = tracks.slice(0, Math.max(i, j) + 1);
    [head[i], head[j]] = [head[j], head[i]];
    this.last.request = { ...this.last.request, keep: head };
    this.run();
  }

  /** A new draw of the variance's random choices. */
  reroll(): void {
    this.seed++;
    if (this.last) this.last.request = { ...this.last.request, seed: this.seed, keep: [], avoid: [] };
    this.run();
  }

  private tracks(): number[] {
    const r = this.result.value;
    return r && !r.empty ? r.steps.map((s) => s.track) : [];
  }

  private run(): void {
    const last = this.last;
    if (!last) return;
    const newToMe = this.newToMe;
    const version = this.version;
    this.result.run(() => rankWorker.call((api): Promise<PathResult> => api.path(last.fingerprint, last.request, newToMe, version)));
  }
}

export const path = new PathState();
