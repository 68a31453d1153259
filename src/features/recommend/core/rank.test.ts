import { describe, expect, it } from 'vitest';
import { artistsOf } from '../../catalog/core/catalog.ts';
import { ARTISTS, buildCatalog, specs } from '../../../../test/scene-catalog.ts';
import {
  defaultSteering,
  type CandidateSource,
  type RankOk,
  type RankRequest,
  type RankResult,
  type Steering,
} from './types.ts';
import { prepareRanking } from './prepare.ts';
import { rank } from './rank.ts';


const c = buildCatalog(specs());
const ix = prepareRanking(c);
const A = (name: string) => c.artists.indexOf(name);
const G = (name: string) => c.genres.indexOf(name);
const scene = (artist: number) => ARTISTS.find((x) => x[0] === c.artists[artist])![1];
const trackScene = (t: number) => c.genres[c.genreIds[c.genreOffsets[t]]];
const steer = (s: Partial<Steering>): Steering => ({ ...defaultSteering(), ...s });

function ok(r: RankResult): RankOk {
  if (r.empty) throw new Error(`empty result: ${r.message}`);
  return r;
}
const run = (req: RankRequest) => ok(rank(ix, req));
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('rank', () => {
  it('ranks the seed’s neighbours first, and never the seeds themselves', () => {
    const r = run({ seeds: [{ kind: 'artist', id: A('Iron Anvil') }], limit: { artists: 5, tracks: 10 } });
    // The other three metal artists come before anyone else.
    expect(r.artists.slice(0, 3).map((x) => scene(x.artist))).toEqual(['metal', 'metal', 'metal']);
    expect(r.artists.map((x) => x.artist)).not.toContain(A('Iron Anvil'));
    expect(r.tracks.slice(0, 8).every((x) => trackScene(x.track) === 'metal')).toBe(true);
  });

  it('takes track and genre seeds, and leaves seed tracks out', () => {
    const folkTrack = c.trackName.indexOf('Ada Lind song 1');
    const byTrack = run({ seeds: [{ kind: 'track', id: folkTrack }], limit: { tracks: 8 } });
    expect(byTrack.tracks.map((x) => x.track)).not.toContain(folkTrack);
    expect(byTrack.tracks.slice(0, 5).every((x) => trackScene(x.track) === 'folk')).toBe(true);
    expect(byTrack.artists.map((x) => x.artist)).not.toContain(A('Ada Lind'));

    const byGenre = run({ seeds: [{ kind: 'genre', id: G('dance') }], limit: { artists: 4, tracks: 8 } });
    expect(byGenre.artists.map((x) => scene(x.artist))).toEqual(['dance', 'dance', 'dance', 'dance']);
    expect(byGenre.tracks.slice(0, 8).every((x) => trackScene(x.track) === 'dance')).toBe(true);
    expect(byGenre.tracks[0].reason).toContain('dance');
  });

  it('mixes several seeds and says which seed each result is close to', () => {
    const r = run({
      seeds: [
        { kind: 'artist', id: A('Iron Anvil') },
        { kind: 'artist', id: A('Neon Pulse') },
      ],
      limit: { artists: 6, tracks: 12 },
    });
    const scenes = new Set(r.artists.map((x) => scene(x.artist)));
    expect(scenes.has('metal') && scenes.has('dance')).toBe(true);
    for (const x of [...r.artists, ...r.tracks]) {
      const named = x.seeds.map((i) => c.artists[[A('Iron Anvil'), A('Neon Pulse')][i]]);
      expect(named.length).toBeGreaterThan(0);
      // The reason names the seed (or, for a deeper cut, the seed artist).
      expect(named.some((n) => x.reason.includes(n))).toBe(true);
    }
    const metalPick = r.artists.find((x) => scene(x.artist) === 'metal')!;
    expect(metalPick.reason).toMatch(/Iron Anvil/);
    expect(metalPick.reason).not.toMatch(/Neon Pulse/);
  });

  it('makes every score a sum of its parts', () => {
    const r = run({ seeds: [{ kind: 'artist', id: A('Doom Hollow') }], steering: steer({ attributes: { energy: { target: 0.8 } } }) });
    for (const x of [...r.artists, ...r.tracks]) {
      const p = x.parts;
      expect(x.score).toBeCloseTo(p.similarity + p.target + p.popularity + p.genre + p.diversity, 5);
      expect(p.diversity).toBeLessThanOrEqual(0);
      expect(p.target).toBeGreaterThanOrEqual(0);
      expect(x.sources.content).toBeGreaterThanOrEqual(0);
    }
  });

  it('filters by attribute bounds, for tracks and artists alike', () => {
    const bounds = steer({ attributes: { energy: { max: 0.5 }, tempo: { min: 80 } } });
    const r = run({ seeds: [{ kind: 'artist', id: A('Iron Anvil') }], steering: bounds, limit: { artists: 20, tracks: 40 } });
    expect(r.tracks.length).toBeGreaterThan(0);
    for (const x of r.tracks) {
      expect(c.energy[x.track]).toBeLessThanOrEqual(0.5);
      expect(c.tempo[x.track]).toBeGreaterThanOrEqual(80);
    }
    // An artist is listed only with a track inside the bounds, which stands for them.
    for (const x of r.artists) {
      expect(x.track).toBeGreaterThanOrEqual(0);
      expect(c.energy[x.track]).toBeLessThanOrEqual(0.5);
      expect(Array.from(artistsOf(c, x.track))).toContain(x.artist);
    }
    expect(r.allowedTracks).toBeLessThan(c.size);
  });

  it('moves the ranking towards a target', () => {
    const seeds = [{ kind: 'artist' as const, id: A('Iron Anvil') }];
    const plain = run({ seeds, limit: { tracks: 6 } });
    const calm = run({ seeds, steering: steer({ attributes: { energy: { target: 0.2 } } }), limit: { tracks: 6 } });
    const energy = (r: RankOk) => mean(r.tracks.map((x) => c.energy[x.track]));
    expect(energy(calm)).toBeLessThan(energy(plain) - 0.2);
    expect(calm.tracks[0].reason).toMatch(/energy 0\.\d\d/);
  });

  it('shifts popularity with discovery', () => {
    const seeds = [{ kind: 'genre' as const, id: G('folk') }];
    const limit = { artists: 3, tracks: 6 };
    const familiar = run({ seeds, steering: steer({ discovery: 0 }), limit });
    const beyond = run({ seeds, steering: steer({ discovery: 1 }), limit });
    const artistPop = (r: RankOk) => mean(r.artists.map((x) => c.artistPopularity[x.artist]));
    const trackPop = (r: RankOk) => mean(r.tracks.map((x) => c.popularity[x.track]));
    expect(artistPop(beyond)).toBeLessThan(artistPop(familiar) - 20);
    expect(trackPop(beyond)).toBeLessThan(trackPop(familiar) - 20);
  });

  it('limits tracks per artist as diversity rises', () => {
    const seeds = [{ kind: 'artist' as const, id: A('Willow Creek') }];
    const most = (r: RankOk) => {
      const n = new Map<number, number>();
      for (const x of r.tracks) for (const a of artistsOf(c, x.track)) n.set(a, (n.get(a) ?? 0) + 1);
      return Math.max(...n.values());
    };
    const none = run({ seeds, steering: steer({ diversity: 0, discovery: 0 }), limit: { tracks: 6 } });
    const full = run({ seeds, steering: steer({ diversity: 1, discovery: 0 }), limit: { tracks: 6 } });
    expect(most(none)).toBeGreaterThan(1);
    expect(most(full)).toBe(1);
    expect(none.tracks.every((x) => x.parts.diversity === 0)).toBe(true);
  });

  it('caps the seed artists’ own tracks, fewer as discovery rises', () => {
    const seeds = [{ kind: 'artist' as const, id: A('Ada Lind') }];
    const count = (d: number) => run({ seeds, steering: steer({ discovery: d, diversity: 0 }), limit: { tracks: 12 } }).tracks.filter((x) => x.bySeedArtist).length;
    expect(count(0)).toBe(3); // 12 * 0.25
    expect(count(1)).toBe(0);
    const r = run({ seeds, steering: steer({ discovery: 0 }), limit: { tracks: 12 } });
    for (const x of r.tracks.filter((y) => y.bySeedArtist)) expect(x.reason).toMatch(/(deeper cut|more) from Ada Lind/);
  });

  it('leaves explicit tracks out when asked', () => {
    const seeds = [{ kind: 'artist' as const, id: A('Doom Hollow') }];
    const on = run({ seeds, limit: { tracks: 20 } });
    const off = run({ seeds, steering: steer({ explicit: false }), limit: { tracks: 20 } });
    expect(on.tracks.some((x) => c.explicit[x.track])).toBe(true);
    expect(off.tracks.some((x) => c.explicit[x.track])).toBe(false);
    expect(off.tracks.length).toBeGreaterThan(0);
  });

  it('never recommends what is hidden', () => {
    const seeds = [{ kind: 'artist' as const, id: A('Iron Anvil') }];
    const before = run({ seeds });
    const hiddenTrack = before.tracks[0].track;
    const after = run({ seeds, exclude: { artists: [A('Doom Hollow')], tracks: [hiddenTrack] } });
    expect(after.artists.map((x) => x.artist)).not.toContain(A('Doom Hollow'));
    expect(after.tracks.map((x) => x.track)).not.toContain(hiddenTrack);
    for (const x of after.tracks) expect(Array.from(artistsOf(c, x.track))).not.toContain(A('Doom Hollow'));
  });

  it('explains an empty or impossible request', () => {
    expect(rank(ix, { seeds: [] })).toMatchObject({ empty: true, why: 'no seeds' });
    const unknown = rank(ix, { seeds: [{ kind: 'artist', id: 9999 }, { kind: 'genre', id: -1 }] });
    expect(unknown).toMatchObject({ empty: true, why: 'seeds unknown' });
    if (unknown.empty && unknown.why === 'seeds unknown') expect(unknown.unknown).toHaveLength(2);

    const seeds = [{ kind: 'artist' as const, id: A('Iron Anvil') }];
    const tooHigh = rank(ix, { seeds, steering: steer({ attributes: { energy: { min: 1.5 }, tempo: { max: 200 } } }) });
    expect(tooHigh).toMatchObject({ empty: true, why: 'bounds exclude everything', bound: { attribute: 'energy', min: 1.5 } });
    if (tooHigh.empty) expect(tooHigh.message).toMatch(/energy at least 1\.50 alone removes 49 of 49 tracks/);

    // Two bounds that each leave tracks but no track together: the one that removes more is named.
    const both = rank(ix, { seeds, steering: steer({ attributes: { acousticness: { min: 0.7 }, danceability: { min: 0.7 } } }) });
    expect(both).toMatchObject({ empty: true, why: 'bounds exclude everything' });
    if (both.empty && both.why === 'bounds exclude everything') {
      const removes = (attr: 'acousticness' | 'danceability', min: number) => Array.from(c[attr]).filter((v) => v < min).length;
      const expected = removes('acousticness', 0.7) >= removes('danceability', 0.7) ? 'acousticness' : 'danceability';
      expect(both.bound.attribute).toBe(expected);
      expect(both.message).toMatch(/all the bounds together/);
    }

    const crossed = rank(ix, { seeds, steering: steer({ attributes: { valence: { min: 0.8, max: 0.2 } } }) });
    if (!crossed.empty) throw new Error('expected empty');
    expect(crossed.message).toMatch(/minimum \(0\.80\) is above its maximum/);

    // Some seeds unknown: the rest are used, the unknown reported.
    const partly = run({ seeds: [{ kind: 'artist', id: 9999 }, ...seeds] });
    expect(partly.ignoredSeeds).toEqual([{ kind: 'artist', id: 9999 }]);
    expect(partly.tracks[0].seeds).toEqual([1]);
  });

  it('blends another candidate source by weight, tracks inherited from its artists', () => {
    // A stand-in for collaborative filtering: "fans of anything also play Strobe".
    const cf: CandidateSource = {
      name: 'cf',
      phrase: (names) => `played by fans of ${names}`,
      candidates: (q) => (q.artistAllowed[A('Strobe')] ? [{ kind: 'artist', id: A('Strobe'), score: 1, seeds: [0] }] : []),
    };
    const seeds = [{ kind: 'artist' as const, id: A('Quiet Porch') }];
    const alone = run({ seeds, limit: { artists: 3, tracks: 6 } });
    expect(alone.artists.map((x) => x.artist)).not.toContain(A('Strobe'));
    const blended = run({
      seeds,
      sources: [
        { source: ix.content, weight: 1 },
        { source: cf, weight: 2 },
      ],
      limit: { artists: 3, tracks: 6 },
    });
    const strobe = blended.artists.find((x) => x.artist === A('Strobe'));
    expect(strobe).toBeDefined();
    expect(strobe!.sources.cf).toBe(1);
    expect(strobe!.reason).toMatch(/^played by fans of Quiet Porch/);
    expect(blended.tracks.some((x) => artistsOf(c, x.track).includes(A('Strobe')) && x.sources.cf === 1)).toBe(true);
  });

  it('works with any artist matrix, such as trained codes of another size', () => {
    // A 3-d "model" that knows only the scene: neighbours are the scene.
    const dim = 3;
    const codes = new Float32Array(c.artists.length * dim);
    for (let a = 0; a < c.artists.length; a++) codes[a * dim + ['metal', 'folk', 'dance'].indexOf(scene(a))] = 2;
    const other = prepareRanking(c, codes);
    expect(other.artists.dim).toBe(3);
    const r = ok(rank(other, { seeds: [{ kind: 'artist', id: A('Club Kid') }], limit: { artists: 3 } }));
    expect(r.artists.map((x) => scene(x.artist))).toEqual(['dance', 'dance', 'dance']);
    expect(r.artists[0].sources.content).toBeCloseTo(1, 5); // rows were normalized
    expect(() => prepareRanking(c, new Float32Array(7))).toThrow(/do not split/);
  });

  it('gives the same answer to the same request (cached seed scans included)', () => {
    const req: RankRequest = { seeds: [{ kind: 'artist', id: A('Gravecrawl') }, { kind: 'genre', id: G('folk') }] };
    const first = run(req);
    run({ seeds: [{ kind: 'artist', id: A('Strobe') }] });
    expect(run(req)).toEqual(first);
  });
});

describe('a track seed', () => {
  it('never brings back another version of itself (a remaster is the same song)', () => {
    const list = specs();
    const seedSpec = list.find((s) => s.name === 'Ada Lind song 1')!;
    list.push({ ...seedSpec, name: 'Ada Lind song 1 - 2011 Remaster', pop: seedSpec.pop + 5 });
    const cat = buildCatalog(list);
    const seed = cat.trackName.indexOf('Ada Lind song 1');
    const twin = cat.trackName.indexOf('Ada Lind song 1 - 2011 Remaster');
    const r = rank(prepareRanking(cat), { seeds: [{ kind: 'track', id: seed }], limit: { tracks: 30 } }) as RankOk;
    expect(r.empty).toBe(false);
    const ids = r.tracks.map((t) => t.track);
    expect(ids).not.toContain(seed);
    expect(ids).not.toContain(twin);
    // Ada Lind's other songs are still there: only the seed's own versions are left out.
    expect(ids.some((t) => cat.trackName[t].startsWith('Ada Lind song'))).toBe(true);
    // Reasons name the seed as a track, with its artist.
    expect(r.tracks.some((t) => t.reason.includes('“Ada Lind song 1” by Ada Lind'))).toBe(true);
    expect(r.tracks.every((t) => !t.reason.includes('artists like “'))).toBe(true);
  });
});
