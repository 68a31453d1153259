import { describe, expect, it } from 'vitest';
import { rng } from '../platform/random.ts';
import { dot } from './vectors.ts';
import { arena, kernels } from './simd.ts';
import { assembledSimd, committedSimd } from '../../scripts/simd-wasm.ts';

// Each kernel against the plain loop it replaces: the same values to the bit.
describe('SIMD kernels', () => {
  const r = rng(3);

  it('dots: a dense f32 block as dot() sums it plus sparse terms, for every width', () => {
    for (const nd of [1, 2, 3, 4, 5, 8, 10, 13]) {
      const n = 37;
      const m = 3;
      const d = 20;
      const offs = [0];
      const cols: number[] = [];
      for (let a = 0; a < n; a++) {
        for (let j = 0; j < 3; j++) if (r() < 0.5) cols.push(Math.floor(r() * d));
        offs.push(cols.length);
      }
      const mem = arena([{ f32: n * nd }, { f64: m * nd }, { f32: m * n }, { i32: n + 1 }, { i32: cols.length }, { f32: cols.length }, { f32: m * d }]);
      const [dense, , out, , , vals, pts] = mem.f32;
      for (const x of [dense, vals, pts]) for (let p = 0; p < x.length; p++) x[p] = r() - 0.5;
      mem.i32[3].set(offs);
      mem.i32[4].set(cols);
      const q32 = Float32Array.from({ length: m * nd }, () => r() - 0.5);
      mem.f64[1].set(q32);
      kernels(mem.mem).dots(mem.at[0], nd, n, mem.at[1], m, mem.at[2], mem.at[3], mem.at[4], mem.at[5], mem.at[6], d);
      const want = new Float32Array(1);
      for (let i = 0; i < m; i++)
        for (let a = 0; a < n; a++) {
          let x = dot(dense, a * nd, q32, i * nd, nd);
          for (let j = offs[a]; j < offs[a + 1]; j++) x += vals[j] * pts[i * d + cols[j]];
          want[0] = x;
          expect(out[i * n + a]).toBe(want[0]);
        }
    }
  });

  it('gather8 sums each column of a sparse matrix against 8 interleaved rows', () => {
    const n = 9;
    const u = 11;
    const colOff = [0];
    const users: number[] = [];
    for (let j = 0; j < n; j++) {
      for (let a = 0; a < u; a++) if (r() < 0.4) users.push(a);
      colOff.push(users.length);
    }
    const mem = arena([{ i32: n + 1 }, { i32: users.length }, { f64: users.length }, { f64: u * 8 }, { f64: n * 8 }]);
    mem.i32[0].set(colOff);
    mem.i32[1].set(users);
    const [, , val, W, S] = mem.f64;
    for (let p = 0; p < val.length; p++) val[p] = r();
    for (let p = 0; p < W.length; p++) W[p] = r() - 0.5;
    kernels(mem.mem).gather8(mem.at[0], mem.at[1], mem.at[2], mem.at[3], mem.at[4], n);
    for (let j = 0; j < n; j++)
      for (let x = 0; x < 8; x++) {
        let s = 0;
        for (let p = colOff[j]; p < colOff[j + 1]; p++) s += val[p] * W[users[p] * 8 + x];
        expect(S[j * 8 + x]).toBe(s);
      }
  });

  it('axpy adds a scaled row, two values at a time', () => {
    const mem = arena([{ f64: 10 }, { f64: 10 }]);
    const [dst, src] = mem.f64;
    for (let p = 0; p < 10; p++) (dst[p] = r()), (src[p] = r());
    const want = Array.from(dst, (x, p) => x + 0.3 * src[p]);
    kernels(mem.mem).axpy(mem.at[0], mem.at[1], 0.3, 5);
    expect(Array.from(dst)).toEqual(want);
  });
});

describe('simd.wat', () => {
  it('is the source of the bytes simd.ts carries (npm run build:simd)', async () => {
    expect(await assembledSimd()).toBe(committedSimd());
  });
});

