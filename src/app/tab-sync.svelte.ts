// Keeps this tab in step with what other tabs (and workers) store.
import { liveQuery } from 'dexie';
import { db } from '../platform/db.ts';
import { playCount } from '../features/history/plays.ts';
import { seeds } from '../features/recommend/seeds.svelte.ts';
import { feedback } from '../features/taste/state.svelte.ts';

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Keeps this tab's seeds and feedback in step with the database when another
 * tab (or a worker) changes them: Dexie's liveQuery re-runs on every write to
 * the tables it read, in any tab of this origin (BroadcastChannel). Without
 * it, a tab would write its stale seed list back over another tab's change.
 * A catalog or models stored by another tab arrive as news (platform/events.ts),
 * which the catalog and models states listen for themselves.
 * Call once at start (App.svelte).
 */
export function syncAcrossTabs(): () => void {
  const subs = [
    liveQuery(() => db().seeds.orderBy('position').toArray()).subscribe((list) => {
      if (!sameJson(list, $state.snapshot(seeds.list))) seeds.list = list;
    }),
    liveQuery(async () => [await db().feedback.orderBy('at').toArray(), await playCount(db())] as const).subscribe(([events, plays]) => {
      if (plays !== feedback.plays || !sameJson(events, feedback.events)) void feedback.load();
    }),
  ];
  return () => subs.forEach((s) => s.unsubscribe());
}
