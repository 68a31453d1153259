// Long catalog work written once, as a generator that yields at safe points
// (between chunks of rows): workers and Node run it to the end at once; the
// page runs it in slices of a few milliseconds with a turn of the event loop
// between, so reading the catalog never holds up input or painting for long.

export type Steps<T> = Generator<void, T, void>;

/** Every few thousand rows: where a long loop offers to pause. */
export const STEP_ROWS = 4096;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** The same, pausing whenever a slice has run `sliceMs`. */
export async function runSliced<T>(steps: Steps<T>, sliceMs = 8): Promise<T> {
  let start = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - start >= sliceMs) {
      await pause();
      start = performance.now();
    }
  }
}

// A message-channel turn: behind whatever is already queued (a worker's
// answer, input), unlike scheduler.yield(), which resumes ahead of it;
// setTimeout is clamped to 4 ms once nested, and requestAnimationFrame never
// fires in a hidden tab.
function pause(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
