// A seed with a negative weight ("Radiohead minus Coldplay") takes its corner
// of the catalog out of the lists, and is not a seed itself.
import { describe, expect, it } from 'vitest';
import { artistsOf } from '../../catalog/core/catalog.ts';
import { tasteFrom } from '../../taste/core/feedback.ts';
import { catalogKeys } from '../../taste/core/exclusions.ts';
import { ARTISTS, buildCatalog, specs } from '../../../../test/scene-catalog.ts';
import { prepareRanking } from './prepare.ts';
import { personalize, type PersonalResult } from './personalize.ts';
import type { RankOk } from './types.ts';

const c = buildCatalog(specs());
const ctx = { ix: prepareRanking(c), keys: catalogKeys(c), cf: null };
const A = (name: string) => c.artists.indexOf(name);
const scene = (a: number) => ARTISTS.find((x) => x[0] === c.artists[a])?.[1];
const seedsOf = (...names: string[]) => names.map((n) => ({ kind: 'artist' as const, id: A(n) }));
const ok = (r: PersonalResult): RankOk & PersonalResult => {
  if (r.empty) throw new Error(r.message);
  return r;
};
const nobody = tasteFrom([], [], 0);
const limit = { artists: 8, tracks: 20 };

describe('subtracting a seed', () => {
  it('leaves out the subtracted seed’s scene and tracks, and keeps the others', () => {
    const seeds = seedsOf('Iron Anvil', 'Neon Pulse', 'Willow Creek');
    const plain = ok(personalize(ctx, nobody, { seeds: seeds.slice(0, 2), limit }));
    expect(plain.artists.some((x) => scene(x.artist) === 'folk')).toBe(true);
    const minus = ok(personalize(ctx, nobody, { seeds, seedWeights: [1, 1, -1], limit }));
    const scenes = new Set(minus.artists.map((x) => scene(x.artist)));
    expect(scenes).toEqual(new Set(['metal', 'dance']));
    for (const t of minus.tracks) expect(Array.from(artistsOf(c, t.track), scene)).not.toContain('folk');
    // Reasons name the positive seeds only.
    for (const x of minus.artists) expect(x.reason).not.toContain('Willow Creek');
  });

  it('with only subtracted seeds, starts from the history without them', () => {
    const history = [...Array.from({ length: 5 }, (_, i) => ({ ts: 1e12 + i, artist: 'Ada Lind', track: 'Ada Lind song 1' })), { ts: 1e12 + 9, artist: 'Club Kid', track: 'Club Kid song 1' }];
    const taste = tasteFrom(history, [], 0);
    expect(ok(personalize(ctx, taste, { seeds: [], limit })).artists.map((x) => x.artist)).toContain(A('Willow Creek'));
    const r = ok(personalize(ctx, taste, { seeds: seedsOf('Willow Creek'), seedWeights: [-1], limit }));
    expect(r.personal.seedsFromHistory.length).toBeGreaterThan(0);
    expect(r.artists.length).toBeGreaterThan(0);
    expect(r.artists.map((x) => x.artist)).not.toContain(A('Willow Creek'));
    for (const t of r.tracks) expect(Array.from(artistsOf(c, t.track))).not.toContain(A('Willow Creek'));
    expect(personalize(ctx, nobody, { seeds: seedsOf('Willow Creek'), seedWeights: [-1] })).toMatchObject({ empty: true, why: 'no seeds' });
  });
});

describe('subtracting near the seed', () => {
  it('takes out the half of the seed’s neighbourhood most like the subtracted seed, never the seed artist', () => {
    const seeds = seedsOf('Ada Lind', 'Iron Anvil');
    const plain = ok(personalize(ctx, nobody, { seeds: seeds.slice(0, 1), limit: { artists: 11, tracks: 40 } }));
    const minus = ok(personalize(ctx, nobody, { seeds, seedWeights: [1, -1], limit: { artists: 11, tracks: 40 } }));
    // Here the neighbourhood is the whole catalog: half of it goes, metal first.
    expect(plain.artists.some((x) => scene(x.artist) === 'metal')).toBe(true);
    expect([plain.artists.length, minus.artists.length]).toEqual([11, 5]);
    for (const x of minus.artists) expect(scene(x.artist)).not.toBe('metal');
    // Ada Lind's own deeper cuts are still there.
    expect(minus.tracks.some((t) => Array.from(artistsOf(c, t.track)).includes(A('Ada Lind')))).toBe(plain.tracks.some((t) => Array.from(artistsOf(c, t.track)).includes(A('Ada Lind'))));
  });
});
