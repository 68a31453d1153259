import { describe, expect, it } from 'vitest';
import { rng } from '../../../platform/random.ts';
import { buildGrid, byPriority, nearestPoint, pickLabels, pointsInPolygon, pointsInRect, type View } from './grid.ts';

const r = rng(7);
const xy = Float32Array.from({ length: 4000 }, () => r());
const g = buildGrid(xy);

describe('grid', () => {
  it('finds the nearest point within the radius, as a full scan does', () => {
    for (const [x, y] of [[0.5, 0.5], [0.01, 0.99], [0.3, 0.7]]) {
      let best = -1, bestD = 0.05 ** 2;
      for (let i = 0; i < 2000; i++) {
        const d = (xy[2 * i] - x) ** 2 + (xy[2 * i + 1] - y) ** 2;
        if (d <= bestD) (bestD = d), (best = i);
      }
      expect(nearestPoint(g, x, y, 0.05)).toBe(best);
    }
    expect(nearestPoint(g, 2, 2, 0.01)).toBe(-1);
  });

  it('lists the points in a rectangle and in a lasso', () => {
    const inRect = pointsInRect(g, 0.6, 0.4, 0.2, 0.1).sort((a, b) => a - b);
    const expected = Array.from({ length: 2000 }, (_, i) => i).filter((i) => xy[2 * i] >= 0.2 && xy[2 * i] <= 0.6 && xy[2 * i + 1] >= 0.1 && xy[2 * i + 1] <= 0.4);
    expect(inRect).toEqual(expected);
    // A triangle: below the diagonal y = x of the unit square.
    const tri = pointsInPolygon(g, [0, 0, 1, 0, 1, 1]);
    for (const i of tri) expect(xy[2 * i + 1]).toBeLessThan(xy[2 * i] + 1e-6);
    expect(tri.length).toBeGreaterThan(900);
    expect(tri.length).toBeLessThan(1100);
  });

  it('picks non-overlapping labels, most important first, and more as you zoom in', () => {
    const priority = byPriority(Float32Array.from({ length: 2000 }, (_, i) => 2000 - i));
    const whole: View = { x0: 0, y0: 0, scale: 400, width: 400, height: 400 };
    const opts = { w: 80, h: 14, max: 1000 };
    const labels = pickLabels(g, whole, priority, opts);
    expect(labels[0]).toBe(0);
    for (let a = 0; a < labels.length; a++) {
      for (let b = a + 1; b < labels.length; b++) {
        const [i, j] = [labels[a], labels[b]];
        const overlap = Math.abs(xy[2 * i] - xy[2 * j]) * 400 < 80 && Math.abs(xy[2 * i + 1] - xy[2 * j + 1]) * 400 < 14;
        expect(overlap).toBe(false);
      }
    }
    // Zoomed 4× into the middle quarter: those points spread out, so more of them get names.
    const zoomed = pickLabels(g, { x0: 0.375, y0: 0.375, scale: 1600, width: 400, height: 400 }, priority, opts);
    const inMiddle = (i: number) => xy[2 * i] >= 0.375 && xy[2 * i] <= 0.625 && xy[2 * i + 1] >= 0.375 && xy[2 * i + 1] <= 0.625;
    expect(zoomed.length).toBeGreaterThan(labels.filter(inMiddle).length * 2);
  });
});
