// WorkerClient against a stand-in Worker: a MessageChannel with Comlink on
// both ends, so queueing, cancel, crash and idle behave as with a real one.
import { describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { AbortedError, WorkerClient, WorkerCrashedError } from './client.ts';

class FakeWorker extends EventTarget {
  static started = 0;
  terminated = false;
  private port: MessagePort;
  constructor(api: object) {
    super();
    FakeWorker.started++;
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(api, port2);
    this.port = port1;
  }
  postMessage(msg: unknown, transfer: Transferable[] = []) {
    this.port.postMessage(msg, transfer);
  }
  override addEventListener(type: string, fn: EventListenerOrEventListenerObject | null) {
    if (type === 'message') this.port.addEventListener('message', fn as EventListener), this.port.start();
    else super.addEventListener(type, fn);
  }
  override removeEventListener(type: string, fn: EventListenerOrEventListenerObject | null) {
    if (type === 'message') this.port.removeEventListener('message', fn as EventListener);
    else super.removeEventListener(type, fn);
  }
  terminate() {
    this.terminated = true;
    this.port.close();
  }
  crash(message: string) {
    const e = new Event('error') as Event & { message: string };
    e.message = message;
    this.dispatchEvent(e);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const api = {
  async echo(x: number, ms = 0) {
    await sleep(ms);
    return x;
  },
  async forever() {
    return new Promise<never>(() => {});
  },
};

function client(idleMs = 60_000) {
  const workers: FakeWorker[] = [];
  const c = new WorkerClient<typeof api>(() => {
    const w = new FakeWorker(api);
    workers.push(w);
    return w as unknown as Worker;
  }, idleMs);
  return { c, workers };
}

describe('WorkerClient', () => {
  it('runs calls one at a time, in order', async () => {
    const { c } = client();
    const order: number[] = [];
    await Promise.all([
      c.call((a) => a.echo(1, 30)).then((x) => order.push(x)),
      c.call((a) => a.echo(2, 0)).then((x) => order.push(x)),
    ]);
    expect(order).toEqual([1, 2]);
    c.terminate();
  });

  it('cancels a running call by ending its worker, and the next call gets a new one', async () => {
    const { c, workers } = client();
    const controller = new AbortController();
    const running = c.call((a) => a.forever(), controller.signal);
    await sleep(10);
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(AbortedError);
    expect(workers[0].terminated).toBe(true);
    expect(await c.call((a) => a.echo(7))).toBe(7);
    expect(workers).toHaveLength(2);
    c.terminate();
  });

  it('reports a crashed worker and recovers on the next call', async () => {
    const { c, workers } = client();
    const running = c.call((a) => a.forever());
    await sleep(10);
    workers[0].crash('out of memory');
    await expect(running).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect(running).rejects.toThrow(/out of memory/);
    expect(await c.call((a) => a.echo(3))).toBe(3);
    expect(workers).toHaveLength(2);
    c.terminate();
  });

  it('ends an idle worker', async () => {
    const { c, workers } = client(20);
    await c.call((a) => a.echo(1));
    await sleep(60);
    expect(workers[0].terminated).toBe(true);
  });
});
