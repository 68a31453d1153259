// What the user told us about tracks and artists (hide, like, dislike, …),
// stored in IndexedDB and applied to the next recommendations at once.
import { db, type FeedbackRecord } from '../db/db.ts';

export type FeedbackKind = 'hide' | 'love' | 'like' | 'dislike' | 'hate' | 'rating' | 'skip';

class FeedbackState {
  events = $state.raw<FeedbackRecord[]>([]);

  async load(): Promise<void> {
    this.events = await db().feedback.orderBy('at').toArray();
  }

  /** Active events (not undone, not expired). */
  get active(): FeedbackRecord[] {
    const now = Date.now();
    return this.events.filter((e) => !e.undoneAt && (!e.until || e.until > now));
  }

  async add(kind: FeedbackKind, targetKind: FeedbackRecord['targetKind'], target: string, extra: Partial<FeedbackRecord> = {}): Promise<FeedbackRecord> {
    const event: FeedbackRecord = { id: crypto.randomUUID(), at: Date.now(), kind, targetKind, target, ...extra };
    await db().feedback.put(event);
    this.events = [...this.events, event];
    return event;
  }

  async undo(id: string): Promise<void> {
    const undoneAt = Date.now();
    await db().feedback.update(id, { undoneAt });
    this.events = this.events.map((e) => (e.id === id ? { ...e, undoneAt } : e));
  }

  /** Keys of hidden artists and tracks. */
  hidden(targetKind: 'artist' | 'track'): Set<string> {
    return new Set(this.active.filter((e) => e.kind === 'hide' && e.targetKind === targetKind).map((e) => e.target));
  }
}

export const feedback = new FeedbackState();
