// Which tfjs backend runs the models, and why. One module holds the order and
// the rules (as transformers.js does for devices):
//   WebGPU → WebGL → WASM → CPU, each tried in turn; among those that start,
//   a short measured probe picks the fastest, because a software GPU adapter
//   (SwiftShader on a machine without a GPU) is far slower than WASM.
// The choice is remembered by the caller and the user may override it.
import type * as tfType from '@tensorflow/tfjs-core';

type Tf = typeof tfType;

export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

interface BackendReport {
  name: BackendName;
  available: boolean;
  /** Why it is or is not usable, in words for the user. */
  note: string;
  /** Median time of the probe workload, when it ran. */
  probeMs?: number;
  /** A software adapter: usable, but no GPU. */
  software?: boolean;
}

export interface BackendChoice {
  name: BackendName;
  reason: string;
  reports: BackendReport[];
  /** Threads tfjs-wasm runs its kernels on: more than 1 only in a cross-origin isolated page. */
  threads?: number;
}

/** The thread count of the WASM backend when it is the current one. */
function wasmThreads(tf: Tf): number | undefined {
  const b = tf.backend() as { wasm?: { tfjs?: { getThreadsCount?: () => number } } };
  return b.wasm?.tfjs?.getThreadsCount?.();
}

/** What the environment offers, before any backend is started. */
async function inspectGpu(): Promise<{ webgpu: string | null; software: boolean }> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } })?.gpu;
  if (!gpu) return { webgpu: null, software: false };
  try {
    const adapter = (await gpu.requestAdapter()) as {
      isFallbackAdapter?: boolean;
      info?: { vendor?: string; architecture?: string; description?: string };
    } | null;
    if (!adapter) return { webgpu: null, software: false };
    const info = adapter.info ?? {};
    const software = Boolean(adapter.isFallbackAdapter) || /swiftshader|llvmpipe|software/i.test(`${info.architecture} ${info.description} ${info.vendor}`);
    return { webgpu: [info.vendor, info.architecture].filter(Boolean).join(' ') || 'unknown adapter', software };
  } catch {
    return { webgpu: null, software: false };
  }
}

/**
 * A small, training-shaped workload: Adam steps of a 128-64-16-64-128 tanh
 * autoencoder on a batch of 256. Per-op overhead dominates real training of
 * our small models, so the probe has as many ops per step as they do.
 */
export async function probeBackend(tf: Tf, runs = 3): Promise<number> {
  const sizes = [128, 64, 16, 64, 128];
  const x = tf.randomNormal([256, 128], 0, 1, 'float32', 1);
  // tidy disposes each initial value once its variable holds a copy.
  const ws = sizes.slice(1).map((n, i) => tf.tidy(() => tf.variable(tf.randomNormal([sizes[i], n], 0, 0.1, 'float32', 2 + i))));
  const bs = sizes.slice(1).map((n) => tf.tidy(() => tf.variable(tf.zeros([n]))));
  const optimizer = tf.train.adam(1e-3);
  const step = () =>
    optimizer.minimize(() => {
      let h: tfType.Tensor2D = x as tfType.Tensor2D;
      ws.forEach((w, i) => {
        h = tf.add(tf.matMul(h, w), bs[i]) as tfType.Tensor2D;
        if (i < ws.length - 1) h = tf.tanh(h);
      });
      return tf.losses.meanSquaredError(x, h) as tfType.Scalar;
    }, true)!;
  const time = async (steps: number) => {
    const t0 = performance.now();
    let loss: tfType.Scalar | null = null;
    for (let i = 0; i < steps; i++) {
      loss?.dispose();
      loss = step();
    }
    await loss!.data();
    loss!.dispose();
    return performance.now() - t0;
  };
  try {
    // Warm-up (shader compilation, wasm start). A backend this slow to start
    // is measured once, not three times, to keep the first start short.
    const warm = await time(2);
    const times: number[] = [];
    for (let r = 0; r < (warm > 2000 ? 1 : runs); r++) times.push(await time(10));
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  } finally {
    optimizer.dispose();
    tf.dispose([x, ...ws, ...bs]);
  }
}

/** Starts `name`; false (with the reason) when it cannot run here. */
async function tryBackend(tf: Tf, name: BackendName): Promise<{ ok: boolean; note: string }> {
  if (!tf.findBackendFactory(name)) return { ok: false, note: 'not included in this build' };
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return { ok: false, note: 'could not start here' };
    await tf.ready();
    return { ok: true, note: 'started' };
  } catch (e) {
    return { ok: false, note: `failed to start: ${(e as Error).message}` };
  }
}

/**
 * Picks the backend: the user's override if it starts; else the remembered
 * choice if it starts; else probes every backend that starts and takes the
 * fastest. Falls down the order when one fails.
 */
export async function chooseBackend(
  tf: Tf,
  opts: { override?: BackendName | null; remembered?: BackendName | null } = {},
): Promise<BackendChoice> {
  const gpu = await inspectGpu();
  const reports: BackendReport[] = [];
  for (const pinned of [opts.override, opts.remembered]) {
    if (!pinned) continue;
    const started = await tryBackend(tf, pinned);
    if (started.ok) {
      const why = pinned === opts.override ? 'chosen by you' : 'fastest when measured at first start';
      return { name: pinned, reason: why, reports: [{ name: pinned, available: true, note: why }], threads: wasmThreads(tf) };
    }
    reports.push({ name: pinned, available: false, note: started.note });
  }
  for (const name of BACKEND_ORDER) {
    if (name === 'webgpu' && !gpu.webgpu) {
      reports.push({ name, available: false, note: 'this browser offers no WebGPU adapter' });
      continue;
    }
    if (name === 'webgpu' && gpu.software) {
      // Measured on a CPU-only machine: software WebGPU trains ~28x slower than WASM.
      reports.push({ name, available: false, software: true, note: `software adapter (${gpu.webgpu}): no real GPU, not used` });
      continue;
    }
    const started = await tryBackend(tf, name);
    if (!started.ok) {
      reports.push({ name, available: false, note: started.note });
      continue;
    }
    try {
      const probeMs = await probeBackend(tf);
      const software = name !== 'wasm' && name !== 'cpu' && gpu.software;
      reports.push({ name, available: true, probeMs, software, note: software ? `software adapter (${gpu.webgpu}): no real GPU` : 'started' });
    } catch (e) {
      reports.push({ name, available: false, note: `probe failed: ${(e as Error).message}` });
    }
  }
  const usable = reports.filter((r) => r.available && r.probeMs !== undefined);
  if (!usable.length) throw new Error('No tfjs backend could start in this browser.');
  const best = usable.reduce((a, b) => (b.probeMs! < a.probeMs! ? b : a));
  await tryBackend(tf, best.name);
  const others = usable.filter((r) => r !== best).map((r) => `${r.name} ${r.probeMs!.toFixed(0)} ms`);
  return {
    name: best.name,
    reason: `fastest in a measured probe (${best.probeMs!.toFixed(0)} ms${others.length ? `; ${others.join(', ')}` : ''})`,
    reports,
    threads: wasmThreads(tf),
  };
}

/** The next backend to fall back to after `failed` stopped working. */
export function nextBackend(failed: BackendName): BackendName | null {
  const i = BACKEND_ORDER.indexOf(failed);
  return i >= 0 && i < BACKEND_ORDER.length - 1 ? BACKEND_ORDER[i + 1] : null;
}

/**
 * Runs `work` on backend `start`; if it fails (a lost GPU device, a lost
 * WebGL context, a kernel the backend lacks), moves down the fallback order,
 * starts the next backend that works and runs `work` again from the start,
 * telling it why. Cancellation (AbortError) is never retried.
 */
export async function runWithFallback<T>(
  tf: Tf,
  start: BackendName,
  work: (backend: BackendName, fellBack?: string) => Promise<T>,
): Promise<T> {
  let name = start;
  let fellBack: string | undefined;
  for (;;) {
    try {
      return await work(name, fellBack);
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      let next = nextBackend(name);
      while (next && !(await tryBackend(tf, next)).ok) next = nextBackend(next);
      if (!next) throw e;
      fellBack = `${name} failed (${(e as Error).message}); continued on ${next}`;
      name = next;
    }
  }
}
