import { describe, expect, it } from 'vitest';
import { matchKey } from '../../../lib/keys.ts';
import { rng } from '../../../platform/random.ts';
import { fastMatchKey } from '../../../lib/keys.ts';
import { playId, playIdReference } from './play.ts';

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
  it('playId equals the plain definition (hash of minute + normalized names)', () => {
    const ns = names(400, 2);
    for (let i = 0; i < ns.length; i += 2) expect(playId(1.7e12 + i * 7_777, ns[i], ns[i + 1])).toBe(playIdReference(1.7e12 + i * 7_777, ns[i], ns[i + 1]));
  });
  it('ids ignore case, accents and punctuation, and the second within the minute', () => {
    const t = Date.UTC(2024, 0, 31, 21, 15);
    expect(playId(t, 'Beyoncé', 'Formation')).toBe(playId(t + 42_000, 'BEYONCE', 'formation!'));
    expect(playId(t, 'Beyoncé', 'Formation')).not.toBe(playId(t + 60_000, 'Beyoncé', 'Formation'));
    expect(playId(t, 'A', 'B C')).not.toBe(playId(t, 'A B', 'C'));
  });
});
