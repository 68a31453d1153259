import { describe, expect, it } from 'vitest';
import { matchKey } from '../../../lib/keys.ts';
import { rng } from '../../../platform/random.ts';
import { fastMatchKey } from '../../../lib/keys.ts';
import { playId, playIdReference, spotifyTrackIdOf } from './play.ts';

// Names built from the characters that matter to normalization.
function names(n: number, seed: number): string[] {
  const rand = rng(seed);
  const parts = ['The', 'the', 'A', 'b', 'Roll', '&', "'", '`', ' ', '  ', '-', '/', '.', '!', 'Beyoncé', 'Ørjan', '東京', '42', 'AC', 'DC', "'n'", 'THE'];
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(rand() * 6) }, () => parts[Math.floor(rand() * parts.length)]).join(rand() < 0.5 ? ' ' : ''));
}

describe('fast paths agree with the shared normalization', () => {
  it('fastMatchKey equals matchKey', () => {
    for (const s of [...names(3000, 1), 'The Beatles', 'the', 'The', 'AC/DC', '& co', 'Theatre of Tragedy', "Guns N' Roses", '']) expect(fastMatchKey(s)).toBe(matchKey(s));
  });
  it('playId equals the plain definition (hash of the timestamp at its precision + normalized names)', () => {
    const ns = names(400, 2);
    for (let i = 0; i < ns.length; i += 2)
      for (const precision of ['min', 's', 'ms'] as const) {
        const p = { stamp: 1.7e12 + i * 7_777, precision, artist: ns[i], track: ns[i + 1], msPlayed: i * 1000 };
        expect(playId(p)).toBe(playIdReference(p));
      }
    // The time written as digits without a string: the edges of that.
    for (const stamp of [0, 9, 10, 59_999, 60_000, 999_999_999_999, 1e12, 1.7e12 + 0.5, 9.99e14, 1e15, 1e16, -5, NaN, undefined])
      for (const msPlayed of [undefined, 0, 1, 9.5, 10, -3, NaN, 1e20])
        for (const precision of ['min', 's', 'ms', undefined] as const) {
          const p = { stamp, precision, artist: 'A', track: 'B', msPlayed };
          expect(playId(p)).toBe(playIdReference(p));
        }
  });
  it('ids ignore case, accents and punctuation; keep the time at the precision the source gives', () => {
    const t = Date.UTC(2024, 0, 31, 21, 15);
    const at = (stamp: number, precision: 'min' | 's' | 'ms', artist = 'Beyoncé', track = 'Formation', msPlayed?: number) => playId({ stamp, precision, artist, track, msPlayed });
    // Minute precision: the seconds are not the source's, they do not count.
    expect(at(t, 'min')).toBe(at(t + 42_000, 'min', 'BEYONCE', 'formation!'));
    expect(at(t, 'min')).not.toBe(at(t + 60_000, 'min'));
    // ...but the time played tells two plays of one track in one minute apart.
    expect(at(t, 'min', 'A', 'B', 10_000)).not.toBe(at(t, 'min', 'A', 'B', 20_000));
    // Second precision: two plays in one minute are two plays; milliseconds below the second do not count.
    expect(at(t, 's')).not.toBe(at(t + 42_000, 's'));
    expect(at(t + 1000, 's')).toBe(at(t + 1999, 's'));
    expect(at(t + 1000, 'ms')).not.toBe(at(t + 1999, 'ms'));
    expect(at(t, 's', 'A', 'B C')).not.toBe(at(t, 's', 'A B', 'C'));
  });
});

describe('spotifyTrackIdOf', () => {
  it('reads the id from URIs and links, and nothing else', () => {
    const id = '4uLU6hMCjMI75M1A2tKUQC';
    expect(spotifyTrackIdOf(`spotify:track:${id}`)).toBe(id);
    expect(spotifyTrackIdOf(`https://open.spotify.com/track/${id}?si=x`)).toBe(id);
    expect(spotifyTrackIdOf(` spotify:track:${id}`)).toBe(id);
    // A URI of the right length with a character outside the id's alphabet is not an id.
    for (const bad of [`spotify:track:${id.slice(0, 21)}-`, `spotify:track:${id.slice(0, 21)}\u0015`, `spotify:track:${id.slice(0, 21)}`, `spotify:episode:${id}`, 42, null])
      expect(spotifyTrackIdOf(bad)).toBeUndefined();
  });
});
