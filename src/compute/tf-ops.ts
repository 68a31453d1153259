// tfjs building blocks shared by the models, shaped by what the backends cost.
import type * as TF from '@tensorflow/tfjs-core';

type Tf = typeof TF;

/**
 * x · w, with a gradient that transposes explicitly for big batches: tfjs's
 * default gradient multiplies by transposed operands in place, which the WASM
 * backend runs about 10x slower than a transpose followed by a plain matmul
 * (measured: 17 ms vs 1.6 + 1.6 ms for [139 x 2048]·[2048 x 64]; a 256-wide
 * genre-classifier step went from ~330 ms to ~70 ms). For small batches (the
 * seed recipe's 16 rows) the extra transpose kernels cost more than they save
 * (2.1 vs 1.5 ms a step), so those keep tfjs's gradient. On WebGL/WebGPU
 * either way costs about the same.
 */
export function denseMatMul(tf: Tf, x: TF.Tensor, w: TF.Tensor): TF.Tensor2D {
  if (x.shape[0] < 256) return tf.matMul(x as TF.Tensor2D, w as TF.Tensor2D);
  const op = tf.customGrad((...args) => {
    const [a, b, save] = args as [TF.Tensor2D, TF.Tensor2D, TF.GradSaveFunc];
    save([a, b]);
    return {
      value: tf.matMul(a, b),
      gradFunc: (dy, [sa, sb]) => [tf.matMul(dy as TF.Tensor2D, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy as TF.Tensor2D)],
    };
  });
  return op(x, w) as TF.Tensor2D;
}
