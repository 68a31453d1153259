import { describe, expect, it } from 'vitest';
import { formatCount } from './format.ts';

describe('formatCount', () => {
  it("writes counts as toLocaleString('en') does", () => {
    for (const n of [0, 7, 999, 1000, 89_740, 1_000_000, 123_456_789, -4321]) expect(formatCount(n)).toBe(n.toLocaleString('en'));
  });
});
