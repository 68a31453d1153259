// The user's feedback events and listening history as the UI sees them. Both
// live in IndexedDB; every change of either is announced as 'taste' news, so
// the ranking (in the rank worker, which reads them from IndexedDB itself)
// recomputes the taste for the very next list.
import { db } from '../../platform/db.ts';
import { playCount } from '../history/plays.ts';
import { emit, on } from '../../platform/events.ts';
import type { FeedbackEvent, FeedbackTarget } from './core/feedback.ts';

/** An event as the caller gives it: id and time are filled in here. */
type NewFeedback = FeedbackEvent extends infer E ? (E extends FeedbackEvent ? Omit<E, 'id' | 'at'> : never) : never;

class FeedbackState {
  events = $state.raw<FeedbackEvent[]>([]);
  plays = $state(0);

  constructor() {
    // An import adds plays, and may add likes (Exportify, playlists).
    on('plays', () => void this.load());
    on('user-data', () => void this.load());
  }

  async load(): Promise<void> {
    [this.events, this.plays] = await Promise.all([db().feedback.orderBy('at').toArray(), playCount(db())]);
    emit('taste', this);
  }

  async add(event: NewFeedback): Promise<FeedbackEvent> {
    const full = { ...event, id: crypto.randomUUID(), at: Date.now() } as FeedbackEvent;
    await db().feedback.put(full);
    this.events = [...this.events, full];
    emit('taste', this);
    return full;
  }

  async undo(id: string): Promise<void> {
    const undoneAt = Date.now();
    await db().feedback.update(id, { undoneAt });
    this.events = this.events.map((e) => (e.id === id ? { ...e, undoneAt } : e));
    emit('taste', this);
  }

  /** The latest live opinion per target: one pass when the events change,
   *  not one per shown row (an Exportify import brings tens of thousands). */
  private opinions = $derived.by(() => {
    const latest = new Map<string, FeedbackEvent>();
    for (const e of this.events) if (!e.undoneAt && 'target' in e && e.type !== 'not-now' && e.type !== 'dont-recommend') latest.set(opinionKey(e.target), e);
    return latest;
  });

  /** The latest live opinion on a target, for showing which button is on. */
  opinionOn(target: FeedbackTarget): FeedbackEvent | undefined {
    return this.opinions.get(opinionKey(target));
  }
}

const opinionKey = (t: FeedbackTarget): string => (t.kind === 'artist' ? `a\u0000${t.artist}` : `t\u0000${t.artist}\u0000${t.track}`);

export const feedback = new FeedbackState();
