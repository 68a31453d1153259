import { describe, expect, it } from 'vitest';
import { rng } from '../../../platform/random.ts';
import { pca2 } from './pca.ts';

describe('pca2', () => {
  it('puts the widest spread on the first axis and the next on the second', () => {
    const r2 = rng(9);
    const n = 500;
    const data = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      data[3 * i] = (r2() - 0.5) * 0.1;
      data[3 * i + 1] = (r2() - 0.5) * 10; // widest
      data[3 * i + 2] = (r2() - 0.5) * 3; // next
    }
    const xy = pca2(data, 3);
    // Each projection is (up to sign) the centred coordinate it should be.
    const corr = (c: number, axis: number) => {
      let sxy = 0, sxx = 0, syy = 0;
      for (let i = 0; i < n; i++) {
        const a = xy[2 * i + c], b = data[3 * i + axis];
        sxy += a * b; sxx += a * a; syy += b * b;
      }
      return Math.abs(sxy) / Math.sqrt(sxx * syy);
    };
    expect(corr(0, 1)).toBeGreaterThan(0.99);
    expect(corr(1, 2)).toBeGreaterThan(0.99);
  });
});
