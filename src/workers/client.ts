// One worker behind a small Comlink API, the way Squoosh does it: calls are
// queued (one at a time), each can be cancelled with an AbortSignal (the
// worker is terminated, which is the only way to stop work already running),
// a crashed worker is replaced on the next call, and an idle one is ended.
import * as Comlink from 'comlink';

export class AbortedError extends Error {
  override name = 'AbortError';
  constructor() {
    super('Cancelled');
  }
}

export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
}

export class WorkerClient<Api> {
  private worker: Worker | null = null;
  private api: Comlink.Remote<Api> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private crashed: ((e: Error) => void) | null = null;

  constructor(
    private readonly create: () => Worker,
    private readonly idleMs = 60_000,
  ) {}

  /** Runs `fn` against the worker's API once earlier calls are done. */
  call<R>(fn: (api: Comlink.Remote<Api>) => Promise<R>, signal?: AbortSignal): Promise<R> {
    const run = async (): Promise<R> => {
      if (signal?.aborted) throw new AbortedError();
      if (this.idleTimer) clearTimeout(this.idleTimer);
      const api = this.start();
      const stops: Promise<never>[] = [
        new Promise<never>((_, reject) => {
          this.crashed = reject;
        }),
      ];
      let onAbort: (() => void) | null = null;
      if (signal) {
        stops.push(
          new Promise<never>((_, reject) => {
            onAbort = () => {
              this.terminate();
              reject(new AbortedError());
            };
            signal.addEventListener('abort', onAbort, { once: true });
          }),
        );
      }
      try {
        return await Promise.race([fn(api), ...stops]);
      } finally {
        if (onAbort) signal!.removeEventListener('abort', onAbort);
        this.crashed = null;
        if (this.worker) this.idleTimer = setTimeout(() => this.terminate(), this.idleMs);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }

  private start(): Comlink.Remote<Api> {
    if (this.api) return this.api;
    const worker = this.create();
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.terminate();
      this.crashed?.(new WorkerCrashedError(`The background worker stopped unexpectedly${e.message ? `: ${e.message}` : ''}. It will restart on the next try.`));
    });
    this.worker = worker;
    this.api = Comlink.wrap<Api>(worker);
    return this.api;
  }
}
