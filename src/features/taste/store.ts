// The user's taste read from IndexedDB (worker side): plays are recounted only
// when plays or exclusions changed (the slow, linear part); opinions and hiding
// are applied on every change (milliseconds).
import { db } from '../../platform/db.ts';
import { playCount, readPlays } from '../history/plays.ts';
import { countPlays, exclusionIdsOf, tasteFromCounts, type PlayCounts, type Taste } from './core/feedback.ts';

let counts: { plays: number; counts: PlayCounts } | null = null;
let cached: { version: number; taste: Taste } | null = null;

/** `version` changes whenever plays or feedback change (see state.svelte.ts). */
export async function currentTaste(version: number): Promise<Taste> {
  if (cached?.version === version) return cached.taste;
  const [events, plays] = await Promise.all([db().feedback.toArray(), playCount(db())]);
  if (!counts || counts.plays !== plays || counts.counts.exclusionIds !== exclusionIdsOf(events)) {
    counts = { plays, counts: countPlays(await readPlays(db()), events) };
  }
  const taste = tasteFromCounts(counts.counts, events, Date.now());
  cached = { version, taste };
  return taste;
}
