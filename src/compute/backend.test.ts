import { describe, expect, it } from 'vitest';
import { nodeTf } from './tf-node.ts';
import { BACKEND_ORDER, chooseBackend, nextBackend, probeBackend, runWithFallback } from './backend.ts';

describe('backend choice', () => {
  it('falls back in the documented order', () => {
    expect(BACKEND_ORDER).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(nextBackend('webgpu')).toBe('webgl');
    expect(nextBackend('wasm')).toBe('cpu');
    expect(nextBackend('cpu')).toBeNull();
  });

  it('probes what starts in Node (no GPU) and picks the fastest measured', async () => {
    const tf = await nodeTf();
    const choice = await chooseBackend(tf);
    const gpu = choice.reports.filter((r) => r.name === 'webgpu' || r.name === 'webgl');
    expect(gpu.every((r) => !r.available)).toBe(true);
    const measured = choice.reports.filter((r) => r.probeMs !== undefined);
    expect(measured.map((r) => r.name).sort()).toEqual(['cpu', 'wasm']);
    const fastest = measured.reduce((a, b) => (b.probeMs! < a.probeMs! ? b : a));
    expect(choice.name).toBe(fastest.name);
    expect(tf.getBackend()).toBe(choice.name);
  });

  it('keeps a user override that starts', async () => {
    const tf = await nodeTf();
    const choice = await chooseBackend(tf, { override: 'cpu' });
    expect(choice).toMatchObject({ name: 'cpu', reason: 'chosen by you' });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('the probe runs a real training step', async () => {
    const tf = await nodeTf();
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    expect(await probeBackend(tf, 1)).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before); // nothing leaked
  });
});

describe('losing the backend mid-training', () => {
  it('moves to the next backend, finishes there, and says why', async () => {
    const tf = await nodeTf();
    await tf.setBackend('wasm');
    const runs: string[] = [];
    const result = await runWithFallback(tf, 'wasm', async (backend, fellBack) => {
      runs.push(backend);
      if (backend === 'wasm') throw new Error('device lost');
      // The retry really runs on the next backend.
      const sum = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0]);
      return { backend: tf.getBackend(), sum, fellBack };
    });
    expect(runs).toEqual(['wasm', 'cpu']);
    expect(result).toEqual({ backend: 'cpu', sum: 3, fellBack: 'wasm failed (device lost); continued on cpu' });
  });

  it('does not retry a cancelled run, and gives up after the last backend', async () => {
    const tf = await nodeTf();
    const abort = Object.assign(new Error('Cancelled'), { name: 'AbortError' });
    await expect(runWithFallback(tf, 'wasm', async () => Promise.reject(abort))).rejects.toBe(abort);
    await expect(runWithFallback(tf, 'cpu', async () => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
  });
});
