// The Discover page's request: seeds + steering + what is hidden, resolved to
// catalog indices and ranked in the rank worker whenever any of them changes.
// The page hands in the catalog, seeds and their weights (state classes never
// import each other); taste and models news make the next list use the new
// taste or model.
import { defaultSteering, type Seed, type Steering } from './core/types.ts';
import type { Catalog } from '../catalog/core/catalog.ts';
import type { SeedRecord } from '../../platform/db.ts';
import { Latest } from '../../platform/latest.svelte.ts';
import type { DiscoverMode, PersonalRequest, PersonalResult } from './core/personalize.ts';
import { rankWorker } from '../../workers/index.ts';
import { on } from '../../platform/events.ts';

/** Stable keys (names, track ids) → catalog indices, each looked up once per
 *  catalog: a scan for the few seeds there are, where a map of all 30,000
 *  artists (or 89,740 track ids) took a long task on the page. */
class Keys {
  private found = new Map<string, number | undefined>();
  constructor(private readonly c: Catalog) {}
  index(kind: SeedRecord['kind'], key: string): number | undefined {
    const k = `${kind}\u0001${key}`;
    if (!this.found.has(k)) {
      const i = (kind === 'artist' ? this.c.artists : kind === 'genre' ? this.c.genres : this.c.trackId).indexOf(key);
      this.found.set(k, i < 0 ? undefined : i);
    }
    return this.found.get(k);
  }
}

let keys: { catalog: Catalog; keys: Keys } | null = null;
function keysFor(c: Catalog): Keys {
  if (keys?.catalog !== c) keys = { catalog: c, keys: new Keys(c) };
  return keys.keys;
}

type RecommendResult = PersonalResult & { vectors: 'model' | 'fallback' };

class RecommendState {
  steering = $state<Steering>(defaultSteering());
  /** "new": nothing the user has played, liked or hidden; "familiar": more of what they love. */
  mode = $state<DiscoverMode>('new');
  result = new Latest<RecommendResult>();
  /** Seeds that are not in the current catalog. */
  unknownSeeds = $state<string[]>([]);
  /** Bumped by taste and models news: the rank worker recomputes the taste
   *  (it reads feedback and plays from IndexedDB itself) for a new version. */
  version = $state(0);

  private warmed = false;

  constructor() {
    on('taste', () => this.version++);
    on('models', () => void rankWorker.call((api) => api.modelChanged()).finally(() => this.version++));
  }

  /** Has the rank worker read the stored catalog and built its index, once, at
   *  start: while this page reads its own copy of the catalog, not after. */
  warm(): void {
    if (this.warmed) return;
    this.warmed = true;
    void rankWorker.call((api) => api.prepareRanking()).catch(() => undefined);
  }

  /** Ranks for these inputs; called from an effect, so that it runs again
   *  whenever anything it reads changes (steering and version included).
   *  `weightOf`: each seed's share of the lists (1 when the user set none). */
  update(c: Catalog, fingerprint: string, seedList: readonly SeedRecord[], weightOf: (id: string) => number): void {
    const request = this.request(c, seedList, weightOf);
    const version = this.version;
    this.result.run(() => rankWorker.call(async (api) => (await api.recommend(fingerprint, request, version)) as RecommendResult));
  }

  private request(c: Catalog, seedList: readonly SeedRecord[], weightOf: (id: string) => number): PersonalRequest {
    const k = keysFor(c);
    const resolved: Seed[] = [];
    const seedWeights: number[] = [];
    const unknown: string[] = [];
    for (const s of seedList) {
      const id = k.index(s.kind, s.key);
      if (id === undefined) unknown.push(s.label);
      else resolved.push({ kind: s.kind, id }), seedWeights.push(weightOf(s.id));
    }
    this.unknownSeeds = unknown;
    return {
      seeds: resolved,
      steering: $state.snapshot(this.steering) as Steering,
      mode: this.mode,
      seedWeights,
      limit: { artists: 20, tracks: 50 },
    };
  }
}

export const recommend = new RecommendState();
