// Prompt radio fills Discover through the same state methods its controls
// call: the seed list's add and share menu (SeedButton, SeedList), the Steer
// panel's toggle and slider edits (recommend/core/steer.ts), its discovery,
// diversity and explicit inputs, and the mode radio. No ranking of its own.
import { defaultSteering, type SeedKind, type Steering } from '../recommend/core/types.ts';
import { setBound, toggleBound, type BoundPart } from '../recommend/core/steer.ts';
import type { DiscoverMode } from '../recommend/core/personalize.ts';
import type { SeedRecord } from '../../platform/db.ts';
import type { Term } from './core/prompt.ts';

/** What fill needs of the seed list (seeds.svelte.ts) and of the Discover request (recommend/state.svelte.ts). */
interface SeedsLike {
  list: SeedRecord[];
  weightOf(id: string): number;
  setWeight(id: string, weight: number): Promise<void>;
  add(kind: SeedKind, key: string, label: string): Promise<void>;
  clear(): Promise<void>;
}
interface DiscoverLike {
  steering: Steering;
  mode: DiscoverMode;
}

/** Everything a prompt sets, to put back with restore(). */
export interface Station {
  seeds: { kind: SeedKind; key: string; label: string; weight: number }[];
  steering: Steering;
  mode: DiscoverMode;
}

export function snapshot(seeds: SeedsLike, d: DiscoverLike): Station {
  return {
    seeds: seeds.list.map((s) => ({ kind: s.kind, key: s.key, label: s.label, weight: seeds.weightOf(s.id) })),
    steering: JSON.parse(JSON.stringify(d.steering)) as Steering,
    mode: d.mode,
  };
}

/** The seed list becomes the prompt's seeds, and the steering the defaults plus the prompt's terms. */
export async function fill(terms: Term[], seeds: SeedsLike, d: DiscoverLike): Promise<void> {
  const station: Station = { seeds: [], steering: defaultSteering(), mode: 'new' };
  const s = station.steering;
  for (const t of terms) {
    for (const e of t.effects) {
      if (e.kind === 'seed') {
        station.seeds = station.seeds.filter((x) => !(x.kind === e.seed && x.key === e.name));
        station.seeds.push({ kind: e.seed, key: e.name, label: e.name, weight: e.weight });
      } else if (e.kind === 'bound') {
        for (const part of ['min', 'target', 'max'] as BoundPart[]) {
          const v = e[part];
          if (v === undefined) continue;
          toggleBound(s, e.attribute, part, true);
          setBound(s, e.attribute, part, v);
        }
      } else if (e.kind === 'discovery') s.discovery = e.value;
      else if (e.kind === 'diversity') s.diversity = e.value;
      else if (e.kind === 'explicit') s.explicit = e.value;
      else if (e.kind === 'mode') station.mode = e.value;
    }
  }
  await restore(station, seeds, d);
}

/** Puts a station on Discover (also the undo of a fill). The Steer panel holds
 *  the steering object itself, so it is updated in place, not replaced. */
export async function restore(station: Station, seeds: SeedsLike, d: DiscoverLike): Promise<void> {
  await seeds.clear();
  for (const x of station.seeds) {
    await seeds.add(x.kind, x.key, x.label);
    const id = seeds.list.find((r) => r.kind === x.kind && r.key === x.key)!.id;
    if (seeds.weightOf(id) !== x.weight) await seeds.setWeight(id, x.weight);
  }
  const { attributes, ...rest } = station.steering;
  Object.assign(d.steering, rest);
  d.steering.attributes = { ...attributes };
  d.mode = station.mode;
}
