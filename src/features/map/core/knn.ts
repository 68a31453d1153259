// Exact k nearest neighbours by cosine over L2-normalized rows, as blocked
// matrix products and top-k on the tfjs backend (the GPU in the browser where
// there is one, WASM in Node): 30k artists × 124 dimensions took 19–43 s in
// Node's WASM on the shared 2-core machine (docs/experiments.md).
import type * as TF from '@tensorflow/tfjs-core';

export interface Knn {
  k: number;
  /** Row i's neighbours, nearest first: indices[i*k .. i*k+k], itself excluded. */
  indices: Int32Array;
  /** Cosine distances (1 − cos), same layout. */
  distances: Float32Array;
}

/** Rows per block: a block's score matrix is rows × n floats (60 MB at 30k). */
const BLOCK = 512;

export async function cosineKnn(tf: typeof TF, vectors: Float32Array, dim: number, k: number, onBlock?: (done: number, total: number) => void): Promise<Knn> {
  const n = vectors.length / dim;
  const kk = Math.min(k, n - 1);
  const indices = new Int32Array(n * kk);
  const distances = new Float32Array(n * kk);
  const all = tf.tensor2d(vectors, [n, dim]);
  // Transposed once: WASM's matMul with transposeB took 10x longer here (224 s in all).
  const allT = tf.transpose(all);
  try {
    for (let from = 0; from < n; from += BLOCK) {
      const rows = Math.min(BLOCK, n - from);
      const { values, indices: idx } = tf.tidy(() => {
        const q = all.slice([from, 0], [rows, dim]);
        return tf.topk(tf.matMul(q, allT), kk + 1);
      });
      const [v, ix] = await Promise.all([values.data(), idx.data()]);
      values.dispose();
      idx.dispose();
      for (let r = 0; r < rows; r++) {
        const i = from + r;
        let o = i * kk;
        // Drop the row itself (usually first; duplicates may tie with it).
        let skipped = false;
        for (let j = 0; j <= kk && o < (i + 1) * kk; j++) {
          const b = ix[r * (kk + 1) + j];
          if (b === i && !skipped) {
            skipped = true;
            continue;
          }
          indices[o] = b;
          distances[o++] = Math.max(0, 1 - v[r * (kk + 1) + j]);
        }
      }
      onBlock?.(Math.min(n, from + BLOCK), n);
    }
  } finally {
    all.dispose();
    allT.dispose();
  }
  return { k: kk, indices, distances };
}
