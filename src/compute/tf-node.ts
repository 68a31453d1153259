// tfjs for Node scripts, tests and eval: the WASM backend (the same kernels the
// browser uses when it has no real GPU), falling back to plain-JS CPU. The
// @tensorflow/tfjs bundle (a dev dependency): its Node build carries the
// gradients that tf.ts registers from tfjs-core's ES modules, which Node
// cannot load.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

let ready: Promise<string> | null = null;

export function nodeTf(prefer: 'wasm' | 'cpu' = 'wasm'): Promise<typeof tf> {
  ready ??= (async () => {
    for (const name of prefer === 'wasm' ? ['wasm', 'cpu'] : ['cpu']) {
      try {
        if (await tf.setBackend(name)) {
          await tf.ready();
          return name;
        }
      } catch {
        /* next backend */
      }
    }
    throw new Error('no tfjs backend available');
  })();
  return ready.then(() => tf);
}
