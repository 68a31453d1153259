// A uniform grid over the map's unit square: the point under the pointer, the
// points in a rectangle or a lasso, and which names fit on screen.
import type { Positions } from './layout.ts';

interface Grid {
  xy: Positions;
  /** Cells per side. */
  side: number;
  /** Points of cell c: points[offsets[c] .. offsets[c+1]]. */
  offsets: Int32Array;
  points: Int32Array;
}

const cellOf = (side: number, v: number): number => Math.min(side - 1, Math.max(0, Math.floor(v * side)));

/** About four points a cell. */
export function buildGrid(xy: Positions): Grid {
  const n = xy.length / 2;
  const side = Math.max(1, Math.round(Math.sqrt(n / 4)));
  const cell = new Int32Array(n);
  const offsets = new Int32Array(side * side + 1);
  for (let i = 0; i < n; i++) {
    cell[i] = cellOf(side, xy[2 * i + 1]) * side + cellOf(side, xy[2 * i]);
    offsets[cell[i] + 1]++;
  }
  for (let c = 0; c < side * side; c++) offsets[c + 1] += offsets[c];
  const fill = offsets.slice(0, side * side);
  const points = new Int32Array(n);
  for (let i = 0; i < n; i++) points[fill[cell[i]]++] = i;
  return { xy, side, offsets, points };
}

/** Calls `visit` for every point in the rectangle [x0, x1] × [y0, y1]. */
function eachIn(g: Grid, x0: number, y0: number, x1: number, y1: number, visit: (i: number) => void): void {
  const cx0 = cellOf(g.side, x0), cx1 = cellOf(g.side, x1), cy0 = cellOf(g.side, y0), cy1 = cellOf(g.side, y1);
  for (let cy = cy0; cy <= cy1; cy++) {
    for (let cx = cx0; cx <= cx1; cx++) {
      const c = cy * g.side + cx;
      for (let p = g.offsets[c]; p < g.offsets[c + 1]; p++) {
        const i = g.points[p];
        const x = g.xy[2 * i], y = g.xy[2 * i + 1];
        if (x >= x0 && x <= x1 && y >= y0 && y <= y1) visit(i);
      }
    }
  }
}

/** The point nearest (x, y) within `radius` (map units), or -1. */
export function nearestPoint(g: Grid, x: number, y: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  eachIn(g, x - radius, y - radius, x + radius, y + radius, (i) => {
    const d = (g.xy[2 * i] - x) ** 2 + (g.xy[2 * i + 1] - y) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

export function pointsInRect(g: Grid, x0: number, y0: number, x1: number, y1: number): number[] {
  const out: number[] = [];
  eachIn(g, Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1), (i) => out.push(i));
  return out;
}

/** Points inside a closed polygon [x0, y0, x1, y1, …] (even–odd rule). */
export function pointsInPolygon(g: Grid, poly: number[]): number[] {
  if (poly.length < 6) return [];
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let p = 0; p < poly.length; p += 2) {
    x0 = Math.min(x0, poly[p]); x1 = Math.max(x1, poly[p]);
    y0 = Math.min(y0, poly[p + 1]); y1 = Math.max(y1, poly[p + 1]);
  }
  return pointsInRect(g, x0, y0, x1, y1).filter((i) => inside(poly, g.xy[2 * i], g.xy[2 * i + 1]));
}

function inside(poly: number[], x: number, y: number): boolean {
  let odd = false;
  for (let p = 0, q = poly.length - 2; p < poly.length; q = p, p += 2) {
    const xp = poly[p], yp = poly[p + 1], xq = poly[q], yq = poly[q + 1];
    if (yp > y !== yq > y && x < ((xq - xp) * (y - yp)) / (yq - yp) + xp) odd = !odd;
  }
  return odd;
}

/** The view: map point (x, y) shows at screen ((x − x0)·scale, (y − y0)·scale). */
export interface View {
  x0: number;
  y0: number;
  scale: number;
  width: number;
  height: number;
}

/** Points in order of `priority`, most first (ties: lower index): computed
 *  once per map, so picking a frame's names needs no sort. */
export function byPriority(priority: ArrayLike<number>): Int32Array {
  return Int32Array.from({ length: priority.length }, (_, i) => i).sort((a, b) => priority[b] - priority[a] || a - b);
}

/** Names to draw: in `order` (most important first, see byPriority), the
 *  points in view whose label box (w × h px, right of the point) overlaps no
 *  earlier one, at most `max`. Zooming in spreads points out, so more fit. */
export function pickLabels(g: Grid, view: View, order: Int32Array, opts: { w: number; h: number; max: number }): number[] {
  // Screen cells of the label size: a label can only overlap labels in its
  // own cell and the neighbouring ones.
  const taken = new Map<number, number[]>();
  const out: number[] = [];
  const cols = Math.ceil(view.width / opts.w) + 4;
  for (let o = 0; o < order.length && out.length < opts.max; o++) {
    const i = order[o];
    const sx = (g.xy[2 * i] - view.x0) * view.scale, sy = (g.xy[2 * i + 1] - view.y0) * view.scale;
    if (sx < 0 || sy < 0 || sx > view.width || sy > view.height) continue;
    const cx = Math.floor(sx / opts.w) + 1, cy = Math.floor(sy / opts.h) + 1;
    let clash = false;
    for (let dy = -1; dy <= 1 && !clash; dy++) {
      for (let dx = -1; dx <= 1 && !clash; dx++) {
        for (const j of taken.get((cy + dy) * cols + cx + dx) ?? []) {
          const tx = (g.xy[2 * j] - view.x0) * view.scale, ty = (g.xy[2 * j + 1] - view.y0) * view.scale;
          if (Math.abs(tx - sx) < opts.w && Math.abs(ty - sy) < opts.h) clash = true;
        }
      }
    }
    if (clash) continue;
    const key = cy * cols + cx;
    taken.set(key, [...(taken.get(key) ?? []), i]);
    out.push(i);
  }
  return out;
}
