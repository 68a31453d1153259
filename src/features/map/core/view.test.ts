import { describe, expect, it } from 'vitest';
import { fitView, panBy, toMap, zoomAt } from './view.ts';

describe('view', () => {
  it('zooms around the pointer and pans with it', () => {
    const v = fitView(800, 400);
    expect(toMap(v, 400, 200).map((x) => +x.toFixed(6))).toEqual([0.5, 0.5]);
    const z = zoomAt(v, 100, 50, 3);
    expect(z.scale).toBeCloseTo(v.scale * 3);
    expect(toMap(z, 100, 50)[0]).toBeCloseTo(toMap(v, 100, 50)[0]);
    expect(toMap(z, 100, 50)[1]).toBeCloseTo(toMap(v, 100, 50)[1]);
    // Never out past the whole map.
    expect(zoomAt(v, 0, 0, 0.1).scale).toBe(v.scale);
    const p = panBy(z, 30, -10);
    expect(toMap(p, 130, 40)[0]).toBeCloseTo(toMap(z, 100, 50)[0]);
  });
});
