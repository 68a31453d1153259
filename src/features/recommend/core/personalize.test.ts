import { describe, expect, it } from 'vitest';
import { artistsOf } from '../../catalog/core/catalog.ts';
import { trainCommunity } from '../../models/cf/community.ts';
import type { ImplicitMatrix } from '../../models/cf/mf.ts';
import { tasteFrom, type FeedbackEvent } from '../../taste/core/feedback.ts';
import { catalogKeys } from '../../taste/core/exclusions.ts';
import { ARTISTS, buildCatalog, specs, SCENES, type Spec } from '../../../../test/scene-catalog.ts';
import { prepareRanking } from './prepare.ts';
import { prepareCf } from './cf-source.ts';
import { personalize, type PersonalContext, type PersonalResult } from './personalize.ts';
import { DISCOVER_WEIGHTS } from './learned.ts';
import { defaultSteering, type RankOk } from './types.ts';

// The scenes catalog plus a crowd of little dance acts, so that a dance seed
// has far more neighbours (and tracks) than the others.
const crowd: Spec[] = Array.from({ length: 24 }, (_, i) => ({ name: `Crowd ${i} song`, artists: [`Dance Crowd ${i}`], genre: 'dance', pop: 10 + i, ...SCENES.dance }));
const c = buildCatalog([...specs(), ...crowd]);
const ix = prepareRanking(c);
const keys = catalogKeys(c);
const A = (name: string) => c.artists.indexOf(name);
const scene = (name: string) => ARTISTS.find((x) => x[0] === name)?.[1] ?? 'dance';

// Community listening: 60 people, each listening within one scene.
const names = ARTISTS.map((x) => x[0]);
function community(): ImplicitMatrix {
  const offsets = [0];
  const cols: number[] = [];
  for (let u = 0; u < 60; u++) {
    const s = (['metal', 'folk', 'dance'] as const)[u % 3];
    names.forEach((n, j) => scene(n) === s && (u + j) % 4 !== 0 && cols.push(j));
    offsets.push(cols.length);
  }
  return { nRows: 60, nCols: names.length, offsets: Int32Array.from(offsets), cols: Int32Array.from(cols), values: new Float32Array(cols.length).fill(20) };
}
const { model } = await trainCommunity(community(), names);
const listeners = Float32Array.from(names, (_, j) => community().cols.filter((x) => x === j).length);
const ctx: PersonalContext = { ix, keys, cf: prepareCf(model, c.artists, { listeners }) };

const plays = (artist: string, n: number, skipped = false) => Array.from({ length: n }, (_, i) => ({ ts: 1e12 + i * 1e6, artist, track: `${artist} song 1`, skipped }));
const ok = (r: PersonalResult): RankOk & PersonalResult => {
  if (r.empty) throw new Error(r.message);
  return r as RankOk & PersonalResult;
};
const seedsOf = (...artists: string[]) => artists.map((n) => ({ kind: 'artist' as const, id: A(n) }));

describe('personalize', () => {
  const history = [...plays('Iron Anvil', 30), ...plays('Doom Hollow', 12), ...plays('Willow Creek', 3)];
  const taste = tasteFrom(history, [], 0);

  it('"new to me" never returns an artist the user has played, as an artist or on a track', () => {
    const r = ok(personalize(ctx, taste, { seeds: [] }));
    const played = new Set(['Iron Anvil', 'Doom Hollow', 'Willow Creek'].map(A));
    expect(r.artists.length).toBeGreaterThan(3);
    for (const x of r.artists) expect(played.has(x.artist)).toBe(false);
    for (const t of r.tracks) for (const a of artistsOf(c, t.track)) expect(played.has(a)).toBe(false);
    // From the history: seeds are the user's top artists, and metal leads.
    expect(r.personal.seedsFromHistory.slice(0, 2)).toEqual([A('Iron Anvil'), A('Doom Hollow')]);
    expect(scene(c.artists[r.artists[0].artist])).toBe('metal');
    expect(r.personal.listenersLikeYou.length).toBeGreaterThan(0);
  });

  it('"more of what I love" returns only artists the user likes', () => {
    const r = ok(personalize(ctx, taste, { seeds: seedsOf('Gravecrawl'), mode: 'familiar' }));
    expect(r.artists.map((x) => c.artists[x.artist]).sort()).toEqual(['Doom Hollow', 'Iron Anvil', 'Willow Creek']);
  });

  it('gives every seed a fair share whatever its neighbourhood, unless weighted', () => {
    const seeds = seedsOf('Iron Anvil', 'Willow Creek', 'Neon Pulse');
    const share = (r: RankOk) => [0, 1, 2].map((s) => r.artists.filter((x) => x.seeds[0] === s).length);
    const even = ok(personalize(ctx, tasteFrom([], [], 0), { seeds, limit: { artists: 9, tracks: 9 } }));
    expect(share(even)).toEqual([3, 3, 3]);
    const weighted = ok(personalize(ctx, tasteFrom([], [], 0), { seeds, seedWeights: [1, 1, 4], limit: { artists: 9, tracks: 9 } }));
    expect(share(weighted)[2]).toBeGreaterThan(3);
    // Each reason names the seed it is credited to.
    for (const x of even.artists) expect(x.reason).toContain(c.artists[seeds[x.seeds[0]].id]);
  });

  it('ranks a list from the history alone by its score: the history\'s stand-in seeds get no quota', () => {
    // With quotas the first 9 of 30 would differ from a list of 9 (3 per seed against 10 per seed).
    const steering = { ...defaultSteering(), diversity: 0 };
    const short = ok(personalize(ctx, taste, { seeds: [], steering, limit: { artists: 9, tracks: 0 } }));
    const long = ok(personalize(ctx, taste, { seeds: [], steering, limit: { artists: 30, tracks: 0 } }));
    expect(short.personal.seedsFromHistory.length).toBe(3);
    expect(short.artists.map((x) => x.artist)).toEqual(long.artists.slice(0, 9).map((x) => x.artist));
  });

  it('follows feedback at once: a disliked artist is gone, the rest stay', () => {
    const before = ok(personalize(ctx, taste, { seeds: [] }));
    const top = c.artists[before.artists[0].artist];
    const dislike: FeedbackEvent = { id: 'd', at: 1, type: 'dislike', target: { kind: 'artist', artist: top } };
    const after = ok(personalize(ctx, tasteFrom(history, [dislike], 0), { seeds: [] }));
    expect(after.artists.map((x) => c.artists[x.artist])).not.toContain(top);
    expect(after.artists.length).toBeGreaterThan(0);
  });

  it('does not let the community model’s play scale change who the top artists are', () => {
    // A user who skips a lot of one artist but listens to it more than to another.
    const h = [...plays('Ada Lind', 20), ...plays('Ada Lind', 30, true), ...plays('Club Kid', 3)];
    const withScale = (eps: number): PersonalContext => ({ ...ctx, cf: prepareCf({ ...model, eps }, c.artists, { listeners }) });
    const a = ok(personalize(withScale(1), tasteFrom(h, [], 0), { seeds: [] }));
    const b = ok(personalize(withScale(10), tasteFrom(h, [], 0), { seeds: [] }));
    expect(b.personal.seedsFromHistory).toEqual(a.personal.seedsFromHistory);
    expect(a.personal.seedsFromHistory[0]).toBe(A('Ada Lind'));
    expect(b.artists.map((x) => x.artist)).toEqual(a.artists.map((x) => x.artist));
  });

  it('takes tracks from the artists its learned score ranks, by the fitted share of sound; a seed artist keeps its deeper cuts', () => {
    const weights = { ...DISCOVER_WEIGHTS, trackSound: 0 };
    const r = ok(personalize({ ...ctx, weights }, tasteFrom([], [], 0), { seeds: seedsOf('Iron Anvil'), steering: { ...defaultSteering(), discovery: 0 }, limit: { artists: 10, tracks: 20 } }));
    const deeper = r.tracks.filter((t) => t.bySeedArtist);
    expect(deeper.length).toBeGreaterThan(0);
    for (const t of deeper) expect(Array.from(artistsOf(c, t.track))).toContain(A('Iron Anvil'));
    // At a share of 0, every other track is there for its artist's learned score alone.
    const others = r.tracks.filter((t) => !t.bySeedArtist);
    expect(others.length).toBeGreaterThan(0);
    for (const t of others) expect(Object.keys(t.sources)).toEqual(['personal']);
  });

  it('says why there is no community list', () => {
    const r = ok(personalize({ ...ctx, cf: null }, taste, { seeds: [] }));
    expect(r.personal.listenersLikeYou).toEqual([]);
    expect(r.personal.note).toMatch(/Train/);
    expect(personalize(ctx, tasteFrom([], [], 0), { seeds: [] })).toMatchObject({ empty: true, why: 'no seeds' });
    expect(personalize(ctx, tasteFrom([], [], 0), { seeds: seedsOf('Strobe'), mode: 'familiar' })).toMatchObject({ empty: true, why: 'nothing loved yet' });
  });
});
