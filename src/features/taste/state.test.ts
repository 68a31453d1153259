// The feedback state as the Discover rows read it (fake-indexeddb in Node).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { feedback } from './state.svelte.ts';

describe('feedback.opinionOn', () => {
  it('is the latest live opinion on that very target; undo brings back the one before', async () => {
    const artist = { kind: 'artist' as const, artist: 'Ada Lind' };
    const song = { kind: 'track' as const, artist: 'Ada Lind', track: 'Low Tide' };
    await feedback.add({ type: 'like', target: artist });
    const dislike = await feedback.add({ type: 'dislike', target: artist });
    await feedback.add({ type: 'love', target: song });
    await feedback.add({ type: 'not-now', target: artist });
    expect(feedback.opinionOn(artist)?.type).toBe('dislike');
    expect(feedback.opinionOn(song)?.type).toBe('love');
    expect(feedback.opinionOn({ ...song, track: 'High Tide' })).toBeUndefined();
    expect(feedback.opinionOn({ kind: 'artist', artist: 'Low Tide' })).toBeUndefined();
    await feedback.undo(dislike.id);
    expect(feedback.opinionOn(artist)?.type).toBe('like');
    // What is stored is what is shown after a reload.
    await feedback.load();
    expect(feedback.opinionOn(artist)?.type).toBe('like');
  });
});
