import { describe, expect, it } from 'vitest';
import { rng } from '../../../platform/random.ts';
import { familyOf } from '../../catalog/core/genre-families.ts';
import { calibrate, describeArtist, describeShown, shownGenre, shownStats } from './shown.ts';

// Two rock genres, one electronic, one jazz.
const classes = ['rock', 'punk', 'house', 'jazz'];
const p = (...xs: number[]) => Float32Array.from(xs);

describe('shown genres', () => {
  it('puts the family first, summed over its genres, and the fine genre only at its threshold', () => {
    const th = { family: 0.5, genre: 0.4 };
    // rock + punk = 0.6 beats house 0.35 although house is the single most likely genre.
    const s = shownGenre(p(0.3, 0.3, 0.35, 0.05), classes, th);
    expect(s.family).toEqual({ name: 'rock', confidence: expect.closeTo(0.6, 5) });
    expect(s.genre).toBeNull(); // best rock genre 0.3 < 0.4
    expect(describeShown(s)).toBe('rock family 60%');
    const sure = shownGenre(p(0.7, 0.1, 0.1, 0.1), classes, th);
    expect(sure.genre).toEqual({ name: 'rock', confidence: expect.closeTo(0.7, 5) });
    expect(describeShown(sure)).toBe('rock family 80% · rock 70%');
  });

  it('says "no clear genre" below the family threshold', () => {
    const s = shownGenre(p(0.25, 0.2, 0.3, 0.25), classes, { family: 0.5, genre: 0.2 });
    expect(s).toEqual({ family: null, genre: null, agrees: null });
    expect(describeShown(s)).toBe('no clear genre');
  });

  it('says whether the catalog agrees', () => {
    const th = { family: 0.5, genre: 0.6 };
    expect(shownGenre(p(0.7, 0.1, 0.1, 0.1), classes, th, ['rock', 'jazz']).agrees).toBe(true);
    expect(shownGenre(p(0.7, 0.1, 0.1, 0.1), classes, th, ['punk']).agrees).toBe(false); // the fine genre is shown: it must match
    expect(shownGenre(p(0.3, 0.3, 0.3, 0.1), classes, th, ['punk']).agrees).toBe(true); // only the family is shown
    expect(shownGenre(p(0.3, 0.3, 0.3, 0.1), classes, th, ['house']).agrees).toBe(false);
    expect(describeShown(shownGenre(p(0.7, 0.1, 0.1, 0.1), classes, th, ['jazz']))).toMatch(/the catalog lists otherwise/);
  });

  it('never shows a label below its threshold (random probabilities and thresholds)', () => {
    const rand = rng(3);
    const many = ['rock', 'punk', 'metal', 'house', 'techno', 'jazz', 'blues', 'salsa', 'k-pop', 'sleep'];
    let shownGenres = 0;
    for (let n = 0; n < 2000; n++) {
      const raw = many.map(() => rand() ** 3);
      const sum = raw.reduce((a, b) => a + b, 0);
      const probs = Float32Array.from(raw, (x) => x / sum);
      const th = { family: rand() * 0.8, genre: rand() * 0.8 };
      const s = shownGenre(probs, many, th);
      if (s.family) expect(s.family.confidence).toBeGreaterThanOrEqual(th.family);
      if (s.genre) {
        shownGenres++;
        expect(s.genre.confidence).toBeGreaterThanOrEqual(th.genre);
        expect(familyOf(s.genre.name)).toBe(s.family!.name);
      }
    }
    expect(shownGenres).toBeGreaterThan(100); // the property was exercised
  });

  it('calibrates thresholds at which shown labels reach the target precision', () => {
    // Synthetic held-out tracks: a confident guess (top rock ≥ 0.6) is right 90% of the time, a weak one 20%.
    const rand = rng(5);
    const rows = 1000;
    const probs = new Float32Array(rows * 4);
    const truth: string[][] = [];
    for (let i = 0; i < rows; i++) {
      const conf = 0.3 + 0.6 * rand();
      probs.set([conf, 0, (1 - conf) / 2, (1 - conf) / 2], i * 4);
      const right = rand() < (conf >= 0.6 ? 0.9 : 0.2);
      truth.push([right ? 'rock' : 'jazz']);
    }
    const th = calibrate(probs, classes, (i) => truth[i], rows, 0.6);
    // All labels at or above τ together reach 0.6: (0.27 + 0.2·(0.6 − τ)) / (0.9 − τ) ≥ 0.6 down to τ ≈ 0.375.
    expect(th.genre).toBeGreaterThan(0.33);
    expect(th.genre).toBeLessThan(0.42);
    expect(th.family).toBe(th.genre); // rock is its family's only genre here
    const stats = shownStats(probs, classes, (i) => truth[i], rows, th);
    expect(stats.precision).toBeGreaterThanOrEqual(0.6);
    expect(stats.coverage).toBeGreaterThan(0.8);
    // A target no threshold reaches shows nothing.
    const never = calibrate(probs, classes, () => ['salsa'], rows, 0.5);
    expect(never).toEqual({ family: Infinity, genre: Infinity });
    expect(shownStats(probs, classes, () => ['salsa'], rows, never)).toEqual({ precision: 0, coverage: 0 });
  });

  it('sums up an artist from its tracks', () => {
    const th = { family: 0.5, genre: 0.6 };
    const tracks = [p(0.7, 0.1, 0.1, 0.1), p(0.4, 0.3, 0.2, 0.1), p(0.1, 0.1, 0.7, 0.1), p(0.2, 0.2, 0.3, 0.3)].map((x) =>
      shownGenre(x, classes, th),
    );
    expect(describeArtist(tracks)).toBe('rock family in 2 of 4 tracks, electronic in 1 · house in 1, rock in 1 · no clear genre in 1');
    expect(describeArtist([tracks[3]])).toBe('no clear genre in any of 1 track');
  });
});
