// Frame time while panning the map over all its points, in the page: each
// frame one arrow key pans the map (the app redraws in its own
// requestAnimationFrame callback), and a callback queued after it reads how
// long the frame's work took. For the e2e test and the bench's browser section.
import type { Page } from 'playwright-core';

export interface FrameTimes {
  frames: number;
  /** Script time of the frame: from its start to the end of the map's redraw (ms). */
  drawP50: number;
  drawP95: number;
  /** The map's own redraw (points, then names, rings, heat), as it times itself (ms). */
  redrawP50: number;
  redrawP95: number;
  pointsP95: number;
  /** Interval between frames (ms): what the user sees (≥ 16.7 at 60 Hz). */
  intervalP95: number;
  renderer: string;
}

/** The map must be on screen (data-testid map-canvas), zoomed out to show all points. */
export async function panFrameTimes(page: Page, frames = 120): Promise<FrameTimes> {
  return page.evaluate(async (n) => {
    const el = document.querySelector<HTMLElement>('[data-testid="map-canvas"]')!;
    el.focus();
    const draw: number[] = [];
    const redraw: number[] = [];
    const points: number[] = [];
    const interval: number[] = [];
    let last = 0;
    for (let f = 0; f < n; f++) {
      const key = Math.floor(f / 10) % 2 ? 'ArrowLeft' : 'ArrowRight';
      await new Promise<void>((done) =>
        requestAnimationFrame((t) => {
          if (last) interval.push(t - last);
          last = t;
          el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
          // the app's redraw for it runs first in the next frame, then this.
          requestAnimationFrame((t2) => {
            draw.push(performance.now() - t2);
            redraw.push(Number(el.dataset.drawMs));
            points.push(Number(el.dataset.pointsMs));
            done();
          });
        }),
      );
    }
    const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
    return { frames: n, drawP50: q(draw, 0.5), drawP95: q(draw, 0.95), redrawP50: q(redraw, 0.5), redrawP95: q(redraw, 0.95), pointsP95: q(points, 0.95), intervalP95: q(interval, 0.95), renderer: el.dataset.renderer ?? '' };
  }, frames);
}
