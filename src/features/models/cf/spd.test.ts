import { describe, expect, it } from 'vitest';
import { rng } from '../../../platform/random.ts';
import { invertSpd } from './spd.ts';

// A random SPD matrix: Bᵀ B + n·I.
function spd(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const B = Float64Array.from({ length: n * n }, () => r() - 0.5);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = i === j ? 1 : 0;
    for (let p = 0; p < n; p++) s += B[p * n + i] * B[p * n + j];
    A[i * n + j] = s;
  }
  return A;
}

describe('invertSpd', () => {
  it('inverts a 2 × 2 matrix by hand', async () => {
    const A = Float64Array.from([4, 2, 2, 3]);
    await invertSpd(A, 2, 1, async () => {});
    // inverse of [[4,2],[2,3]] = [[3,-2],[-2,4]] / 8
    expect(Array.from(A)).toEqual([3 / 8, -2 / 8, -2 / 8, 4 / 8].map((x) => expect.closeTo(x, 12)));
  });

  // 131 and 150 span several pivot blocks, with odd and even remainders.
  it.each([1, 2, 5, 8, 13, 131, 150])('A · A⁻¹ = I for n = %i, with progress ticks', async (n) => {
    const A = spd(n, n);
    const inv = Float64Array.from(A);
    let ticks = 0;
    await invertSpd(inv, n, 4, async () => void ticks++);
    expect(ticks).toBe(12);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < n; p++) s += A[i * n + p] * inv[p * n + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 9);
      }
  });

  it('reads only the lower triangle', async () => {
    const A = spd(70, 4);
    const lower = Float64Array.from(A, (x, p) => (p % 70 <= Math.floor(p / 70) ? x : 99));
    await invertSpd(A, 70, 1, async () => {});
    await invertSpd(lower, 70, 1, async () => {});
    expect(Array.from(lower)).toEqual(Array.from(A));
  });

  it('says so when the matrix is not positive definite', async () => {
    await expect(invertSpd(Float64Array.from([1, 2, 2, 1]), 2, 1, async () => {})).rejects.toThrow(/not positive definite/);
  });
});
