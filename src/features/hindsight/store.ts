// The hindsight figure over the stored history and feedback (worker side).
import { db } from '../../platform/db.ts';
import { readPlays } from '../history/plays.ts';
import type { PersonalContext } from '../recommend/core/personalize.ts';
import { hindsight, type Hindsight } from './core/hindsight.ts';

export async function storedHindsight(ctx: PersonalContext): Promise<Hindsight> {
  const [plays, events] = await Promise.all([readPlays(db()), db().feedback.toArray()]);
  return hindsight(ctx, plays, events);
}
