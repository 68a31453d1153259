// The masks a request gets, against the plain definition, over a sequence of
// requests that move bounds, flip the explicit switch and change exclusions
// and seeds (the bounds' part is kept between requests: it must never leak).
import { describe, expect, it } from 'vitest';
import { indexCatalog, tracksOf } from '../../catalog/core/catalog.ts';
import { ingestCsvText } from '../../catalog/core/ingest.ts';
import { generateCatalogCsv } from '../../../../data/generate.ts';
import { rng } from '../../../platform/random.ts';
import { masks, resolveSeeds } from './bounds.ts';
import { prepareRanking } from './prepare.ts';
import { defaultSteering, type Steering } from './types.ts';

describe('masks', () => {
  it('match the plain definition request after request', () => {
    const c = indexCatalog(ingestCsvText(generateCatalogCsv({ rows: 3000, seed: 5 }).text).columns);
    const ix = prepareRanking(c);
    const rand = rng(9);
    const steerings: Steering[] = [defaultSteering(), { ...defaultSteering(), explicit: false }];
    const energy = { ...defaultSteering() };
    energy.attributes = { energy: { min: 0.4, max: 0.8 } };
    const tempo = { ...defaultSteering(), explicit: false };
    tempo.attributes = { tempo: { min: 100 }, energy: { target: 0.5 } };
    steerings.push(energy, tempo);
    let checked = 0;
    for (let r = 0; r < 40; r++) {
      const steer = steerings[Math.floor(rand() * steerings.length)];
      const seedArtist = Math.floor(rand() * c.artists.length);
      const seedTrack = Math.floor(rand() * c.size);
      const exclude = { artists: [Math.floor(rand() * c.artists.length), seedArtist + 1], tracks: [Math.floor(rand() * c.size)] };
      const seeds = resolveSeeds(c, [{ kind: 'artist', id: seedArtist }, { kind: 'track', id: seedTrack }]);
      if ('empty' in seeds) continue;
      const m = masks(ix, steer, seeds.resolved, exclude);
      if ('empty' in m) continue;
      // The plain definition.
      const hidden = new Set(exclude.artists);
      const allowed = new Uint8Array(c.size);
      for (let t = 0; t < c.size; t++) {
        let ok = steer.explicit || !c.explicit[t];
        for (const [name, b] of Object.entries(steer.attributes)) {
          const v = ix.attributes[name as keyof typeof ix.attributes].values[t];
          if ((b.min !== undefined && v < b.min) || (b.max !== undefined && v > b.max)) ok = false;
        }
        if (exclude.tracks.includes(t) || t === seedTrack) ok = false;
        allowed[t] = ok ? 1 : 0;
      }
      for (const a of hidden) for (const t of tracksOf(c, a)) allowed[t] = 0;
      const has = Uint8Array.from({ length: c.artists.length }, (_, a) => (tracksOf(c, a).some((t) => allowed[t]) ? 1 : 0));
      expect(m.trackAllowed).toEqual(allowed);
      expect(m.artistHasTracks).toEqual(has);
      expect(m.allowedTracks).toBe(allowed.reduce((s, x) => s + x, 0));
      const seedArtists = new Set(seeds.resolved.flatMap((s) => s.artists));
      expect(m.artistAllowed).toEqual(has.map((h, a) => (h && !hidden.has(a) && !seedArtists.has(a) ? 1 : 0)));
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });
});
