import { describe, expect, it } from 'vitest';
import { alsCommunity, communityFromPayload, trainCommunity, type CfPayload } from './community.ts';
import { factorsToIPC } from './factors-arrow.ts';
import { trainAls, type ImplicitMatrix } from './mf.ts';

// Two listener groups: users 0-9 play three of A0..A3, users 10-19 three of B0..B3.
const names = ['A0', 'A1', 'A2', 'A3', 'B0', 'B1', 'B2', 'B3'];
function community(): ImplicitMatrix {
  const offsets = [0];
  const cols: number[] = [];
  const values: number[] = [];
  for (let u = 0; u < 20; u++) {
    const g = u < 10 ? 0 : 4;
    for (let j = 0; j < 4; j++) if (j !== u % 4) cols.push(g + j), values.push(1 + ((u * 5 + j) % 30));
    offsets.push(cols.length);
  }
  return { nRows: 20, nCols: 8, offsets: Int32Array.from(offsets), cols: Int32Array.from(cols), values: Float32Array.from(values) };
}
const row = (items: number[], preference = items.map(() => 1)) => ({
  items: Int32Array.from(items),
  confidence: new Float32Array(items.length).fill(1),
  preference: Float32Array.from(preference),
});
const best = (s: Float32Array, except: number[]) => [...s.keys()].filter((i) => !except.includes(i)).sort((a, b) => s[b] - s[a]);

describe('community model', async () => {
  const steps: { iteration: number; iterations: number }[] = [];
  const trained = await trainCommunity(community(), names, { ease: { lambda: 1, minListeners: 1 }, onIteration: (s) => steps.push(s) });

  it('trains EASE by default and recommends the user’s own group', () => {
    const { model, columns } = trained;
    expect(model.kind).toBe('ease');
    expect(Array.from(columns)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(best(model.scoreUser(row([0, 1])), [0, 1]).slice(0, 2).sort()).toEqual([2, 3]);
    expect(best(model.scoreUser(row([5])), [5]).slice(0, 3).sort()).toEqual([4, 6, 7]);
  });

  it('reports its progress as steps 1..n of n', () => {
    expect(steps.map((s) => s.iteration)).toEqual(steps.map((_, i) => i + 1));
    expect(steps.every((s) => s.iterations === steps.length)).toBe(true);
  });

  it('folds a dislike in: what the disliked artist’s listeners play moves down', () => {
    const liked = trained.model.scoreUser(row([0, 4]));
    const disliked = trained.model.scoreUser(row([0, 4], [1, 0]));
    for (const b of [5, 6, 7]) expect(disliked[b]).toBeLessThan(liked[b]);
    expect(best(disliked, [0, 4]).slice(0, 3).sort()).toEqual([1, 2, 3]);
  });

  it('round-trips through storage (structured clone) with the same scores', () => {
    const back = communityFromPayload(structuredClone(trained.payload));
    expect(back.kind).toBe('ease');
    expect(back.names).toEqual(names);
    expect(back.scoreUser(row([1, 2]))).toEqual(trained.model.scoreUser(row([1, 2])));
  });

  it('still loads an ALS payload stored before EASE (no kind), and ALS trained through the same pipeline', async () => {
    const cfg = { factors: 3, lambda: 1, alpha: 2, eps: 1, iterations: 8, cgSteps: 3, seed: 2 };
    const als = await trainAls(community(), cfg);
    const items = { names, k: 3, vectors: als.itemFactors };
    const old: CfPayload = { factors: factorsToIPC(items), training: { lambda: 1, alpha: 2, eps: 1 } };
    const loaded = communityFromPayload(structuredClone(old));
    expect(loaded.kind).toBe('als');
    expect(Array.from(loaded.scoreUser(row([0, 1])))).toEqual(Array.from(alsCommunity(items, old.training).scoreUser(row([0, 1]))));
    const viaPipeline = await trainCommunity(community(), names, { kind: 'als', config: cfg });
    expect(viaPipeline.payload.kind).toBeUndefined();
    expect(best(viaPipeline.model.scoreUser(row([4, 5])), [4, 5]).slice(0, 2).sort()).toEqual([6, 7]);
  });
});
