// Pan and zoom: the view maps map point (x, y) in [0, 1]² to screen pixel
// ((x − x0)·scale, (y − y0)·scale) in a width × height box.
import type { View } from './grid.ts';

const MAX_ZOOM = 400;

/** The whole map, centred, with a small margin. */
export function fitView(width: number, height: number): View {
  const scale = Math.max(1, Math.min(width, height) * 0.94);
  return { x0: -(width / scale - 1) / 2, y0: -(height / scale - 1) / 2, scale, width, height };
}

/** Zooms by `factor` keeping the map point under screen pixel (px, py) in place;
 *  never out past the whole map nor in past MAX_ZOOM times it. */
export function zoomAt(v: View, px: number, py: number, factor: number): View {
  const fit = fitView(v.width, v.height).scale;
  const scale = Math.min(fit * MAX_ZOOM, Math.max(fit, v.scale * factor));
  const mx = v.x0 + px / v.scale, my = v.y0 + py / v.scale;
  return { ...v, scale, x0: mx - px / scale, y0: my - py / scale };
}

/** Moves the view by (dx, dy) screen pixels (content follows the pointer). */
export function panBy(v: View, dx: number, dy: number): View {
  return { ...v, x0: v.x0 - dx / v.scale, y0: v.y0 - dy / v.scale };
}

/** Screen pixel → map point. */
export function toMap(v: View, px: number, py: number): [number, number] {
  return [v.x0 + px / v.scale, v.y0 + py / v.scale];
}
