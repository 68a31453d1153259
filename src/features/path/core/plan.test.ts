import { describe, expect, it } from 'vitest';
import { artistsOf } from '../../catalog/core/catalog.ts';
import { prepareRanking } from '../../recommend/core/prepare.ts';
import { defaultSteering } from '../../recommend/core/types.ts';
import { tasteFrom } from '../../taste/core/feedback.ts';
import { catalogKeys } from '../../taste/core/exclusions.ts';
import { tinyCatalog, type TinyTrack } from '../../../../test/test-catalog.ts';
import { planPath, type PathRequest, type PathResult } from './plan.ts';
import { pathSpace } from './space.ts';
import { pathExclusions } from './exclude.ts';

// A hand-made gradient: 21 artists from quiet acoustic folk (artist 0) to
// loud electric metal (artist 20), three tracks each, genre changing on the
// way; plus one explicit track and a second track version, to test the rules.
const N = 21;
const genreAt = (i: number) => (i < 7 ? 'folk' : i < 14 ? 'rock' : 'metal');
const tracks: TinyTrack[] = [];
for (let i = 0; i < N; i++) {
  const x = i / (N - 1);
  for (let k = 0; k < 3; k++) {
    tracks.push({
      name: `Song ${i}.${k}`,
      artists: [`Artist ${i}`],
      genres: [genreAt(i)],
      popularity: 60 - k * 10,
      energy: 0.1 + 0.8 * x + 0.02 * k,
      acousticness: 0.9 - 0.8 * x,
      loudness: -20 + 15 * x,
      valence: 0.4,
      danceability: 0.5,
      tempo: 90 + 60 * x,
      speechiness: 0.05,
      liveness: 0.1,
      instrumentalness: 0.01,
      explicit: i === 10 && k === 0,
    });
  }
}
const c = tinyCatalog(tracks);
const ix = prepareRanking(c);
const space = pathSpace(ix);
const A = (i: number) => c.artists.indexOf(`Artist ${i}`);
const artistOf = (t: number) => artistsOf(c, t)[0];
const position = (t: number) => Number(c.artists[artistOf(t)].split(' ')[1]);
const req = (over: Partial<PathRequest> = {}): PathRequest => ({ start: { kind: 'artist', id: A(0) }, end: { kind: 'artist', id: A(20) }, length: 8, ...over });
const ok = (r: PathResult) => {
  if (r.empty) throw new Error(r.message);
  return r.steps;
};
const dist = (t: number, u: number) => Math.sqrt(space.dist2(t, space.point(u)));

describe('sonic path', () => {
  it('walks from start to end in the asked length, each step closer to the end, one song per artist', () => {
    const steps = ok(planPath(ix, req()));
    expect(steps).toHaveLength(8);
    expect(steps[0]).toMatchObject({ role: 'start', track: c.artistTracks[c.artistTrackOffsets[A(0)]] });
    expect(steps[7].role).toBe('end');
    expect(position(steps[7].track)).toBe(20);
    const end = steps[7].track;
    for (let i = 1; i < steps.length; i++) expect(dist(steps[i].track, end)).toBeLessThan(dist(steps[i - 1].track, end));
    const artists = steps.map((s) => artistOf(s.track));
    expect(new Set(artists).size).toBe(artists.length);
    // Along the gradient, in order: every step moves further from folk.
    const pos = steps.map((s) => position(s.track));
    for (let i = 1; i < pos.length; i++) expect(pos[i]).toBeGreaterThan(pos[i - 1]);
  });

  it('takes small steps: through rock rather than jumping from folk to metal, no step over half the whole way', () => {
    const steps = ok(planPath(ix, req({ length: 11 })));
    const maxStep = Math.max(...steps.slice(1).map((s, i) => dist(s.track, steps[i].track)));
    expect(maxStep).toBeLessThan(0.5 * dist(steps[0].track, steps[10].track));
    expect(steps.filter((s) => genreAt(position(s.track)) === 'rock').length).toBeGreaterThanOrEqual(3);
  });

  it('gives each step a reason naming the waypoints either side and its sound', () => {
    const steps = ok(planPath(ix, req()));
    expect(steps[0].reason).toMatch(/^start: .*folk/);
    expect(steps[7].reason).toMatch(/^end: .*metal/);
    for (const s of steps.slice(1, -1)) expect(s.reason).toMatch(/^(near Artist 0, heading for Artist 20|between Artist 0 and Artist 20|nearing Artist 20, from Artist 0): /);
    // By position: the first steps are near the start, the middle ones between, the last ones nearing the end.
    expect(steps[1].reason).toMatch(/^near Artist 0, heading for Artist 20/);
    expect(steps[4].reason).toMatch(/^between Artist 0 and Artist 20/);
    expect(steps[6].reason).toMatch(/^nearing Artist 20, from Artist 0/);
  });

  it('passes through a waypoint, in order, and names it in the reasons', () => {
    const steps = ok(planPath(ix, req({ end: { kind: 'artist', id: A(4) }, waypoints: [{ kind: 'artist', id: A(18) }], length: 12 })));
    const at = steps.findIndex((s) => s.role === 'waypoint');
    expect(position(steps[at].track)).toBe(18);
    // Out to the waypoint, then back down to the end.
    for (let i = 1; i <= at; i++) expect(position(steps[i].track)).toBeGreaterThan(position(steps[i - 1].track));
    for (let i = at + 1; i < steps.length; i++) expect(position(steps[i].track)).toBeLessThan(position(steps[i - 1].track));
    expect(steps[at + 1].reason).toMatch(/Artist 18.*Artist 4|Artist 4.*Artist 18/);
  });

  it('starts and ends at the given tracks', () => {
    const start = c.artistTracks[c.artistTrackOffsets[A(2)] + 2];
    const end = c.artistTracks[c.artistTrackOffsets[A(16)] + 1];
    const steps = ok(planPath(ix, req({ start: { kind: 'track', id: start }, end: { kind: 'track', id: end }, length: 6 })));
    expect(steps[0].track).toBe(start);
    expect(steps[5].track).toBe(end);
  });

  it('with one song per artist off, may take more than one track of an artist but never the same song twice', () => {
    const steps = ok(planPath(ix, req({ length: 40, onePerArtist: false })));
    const artists = steps.map((s) => artistOf(s.track));
    expect(new Set(artists).size).toBeLessThan(artists.length);
    expect(new Set(steps.map((s) => ix.song[s.track])).size).toBe(steps.length);
    // With it on, 40 tracks need 40 artists: the path is as long as the catalog allows.
    expect(ok(planPath(ix, req({ length: 40 }))).length).toBe(N);
  });

  it('keeps to the steering bounds and the explicit switch, and says when nothing fits', () => {
    const steering = { ...defaultSteering(), explicit: false, attributes: { tempo: { max: 130 } } };
    const steps = ok(planPath(ix, req({ steering, length: 6 })));
    for (const s of steps.slice(1, -1)) {
      expect(c.tempo[s.track]).toBeLessThanOrEqual(130);
      expect(c.explicit[s.track]).toBe(0);
    }
    const none = planPath(ix, req({ steering: { ...defaultSteering(), attributes: { tempo: { min: 300 } } } }));
    expect(none).toMatchObject({ empty: true, message: expect.stringContaining('tempo') });
  });

  it('in new-to-me mode leaves out every artist the user has played or hidden', () => {
    const taste = tasteFrom([5, 6, 7, 8, 9, 10, 11].map((i) => ({ ts: 1e12 + i, artist: `Artist ${i}`, track: `Song ${i}.0`, skipped: false })), [], 0);
    const played = new Set([5, 6, 7, 8, 9, 10, 11]);
    const steps = ok(planPath(ix, req(), pathExclusions(c, taste, catalogKeys(c), true)));
    for (const s of steps) expect(played.has(position(s.track))).toBe(false);
    // Without it, the straight way goes through them.
    expect(ok(planPath(ix, req(), pathExclusions(c, taste, catalogKeys(c), false))).some((s) => played.has(position(s.track)))).toBe(true);
  });

  it('wanders with variance, still ending where asked and getting closer at every step', () => {
    const straight = ok(planPath(ix, req({ length: 10 }))).map((s) => s.track);
    const paths = [1, 2, 3].map((seed) => ok(planPath(ix, req({ length: 10, variance: 1, seed }))).map((s) => s.track));
    expect(paths.some((p) => p.join() !== straight.join())).toBe(true);
    for (const p of paths) {
      expect(p).toHaveLength(10);
      for (let i = 1; i < p.length; i++) expect(dist(p[i], p[9])).toBeLessThan(dist(p[i - 1], p[9]));
    }
    // The same seed gives the same path.
    expect(ok(planPath(ix, req({ length: 10, variance: 1, seed: 2 }))).map((s) => s.track)).toEqual(paths[1]);
  });

  it('re-plans after a swap or reorder: keeps the head, never the swapped-out track', () => {
    const first = ok(planPath(ix, req())).map((s) => s.track);
    const swapped = ok(planPath(ix, req({ keep: first.slice(0, 3), avoid: [first[3]] }))).map((s) => s.track);
    expect(swapped.slice(0, 3)).toEqual(first.slice(0, 3));
    expect(swapped).not.toContain(first[3]);
    expect(swapped).toHaveLength(8);
    const moved = [first[0], first[2], first[1]];
    const reordered = ok(planPath(ix, req({ keep: moved }))).map((s) => s.track);
    expect(reordered.slice(0, 3)).toEqual(moved);
    expect(reordered.at(-1)).toBe(first.at(-1));
    expect(new Set(reordered).size).toBe(8);
  });

  it('says what is wrong with a request', () => {
    expect(planPath(ix, req({ length: 4 }))).toMatchObject({ empty: true, message: expect.stringContaining('5 to 50') });
    expect(planPath(ix, req({ length: 51 }))).toMatchObject({ empty: true, message: expect.stringContaining('5 to 50') });
    expect(planPath(ix, req({ end: { kind: 'artist', id: 999 } }))).toMatchObject({ empty: true, message: expect.stringContaining('The end is not in this catalog') });
    expect(planPath(ix, req({ end: { kind: 'artist', id: A(0) } }))).toMatchObject({ empty: true, message: expect.stringContaining('same track') });
    const many = Array.from({ length: 5 }, (_, i) => ({ kind: 'artist' as const, id: A(i + 3) }));
    expect(planPath(ix, req({ waypoints: many, length: 6 }))).toMatchObject({ empty: true, message: expect.stringContaining('at least 7') });
  });
});
