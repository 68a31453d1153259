// The ranking on the real catalog, briefly: the eval's seed sets (fewer of
// them) keep to the seeds' genres and spread over artists. Thresholds are the
// eval's figures (seed 0: precision 0.999, 19.9 distinct artists) less a margin.
import { describe, expect, it } from 'vitest';
import { hasSpotify, sayMissing, SPOTIFY_CSV } from '../../data/paths.ts';
import { genresOf, tracksOf } from '../../src/features/catalog/core/catalog.ts';
import { defaultSteering } from '../../src/features/recommend/core/types.ts';
import { prepareRanking } from '../../src/features/recommend/core/prepare.ts';
import { rank } from '../../src/features/recommend/core/rank.ts';
import { familySeedSets } from './recs.ts';

if (!hasSpotify()) sayMissing('The Spotify Tracks Dataset', SPOTIFY_CSV, 'skipping the real-catalog ranking test');

describe.skipIf(!hasSpotify())('rank on the real catalog', () => {
  it('keeps to the seeds’ genres and spreads over artists', async () => {
    const { loadCatalogFile } = await import('../../data/load.ts');
    const { catalog: c } = await loadCatalogFile(SPOTIFY_CSV);
    const ix = prepareRanking(c);
    // Every 8th set: 50 sets over all 16 families.
    const sets = familySeedSets(c, 0).filter((_, i) => i % 8 === 0);
    let hits = 0;
    let total = 0;
    let distinct = 0;
    let changed = 0;
    for (const set of sets) {
      const seeds = set.artists.map((id) => ({ kind: 'artist' as const, id }));
      const r = rank(ix, { seeds, limit: { tracks: 20 } });
      if (r.empty) throw new Error(r.message);
      const seedGenres = new Set(set.artists.flatMap((a) => Array.from(tracksOf(c, a)).flatMap((t) => Array.from(genresOf(c, t)))));
      for (const x of r.tracks) if (Array.from(genresOf(c, x.track)).some((g) => seedGenres.has(g))) hits++;
      total += r.tracks.length;
      distinct += new Set(r.tracks.map((x) => c.artistIds[c.artistOffsets[x.track]])).size;
      // A slider move changes the list.
      const moved = rank(ix, { seeds, steering: { ...defaultSteering(), attributes: { energy: { target: 0.1 } } }, limit: { tracks: 20 } });
      if (!moved.empty && moved.tracks.map((x) => x.track).join() !== r.tracks.map((x) => x.track).join()) changed++;
    }
    expect(total).toBe(20 * sets.length);
    expect(hits / total).toBeGreaterThan(0.95);
    expect(distinct / sets.length).toBeGreaterThan(18);
    expect(changed).toBeGreaterThan(0.7 * sets.length); // measured 42 of 50 (quiet genres already sit near the target)
  });
});
