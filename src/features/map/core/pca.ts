// The first two principal axes of a set of row vectors, and every row's
// coordinates on them: where the map's layout starts (as umap-learn starts
// from a spectral embedding, so that related regions begin near each other),
// and the eval's baseline layout.

/** The first two principal axes (power iteration with deflation). */
export function pca2(data: Float32Array, dim: number): Float32Array {
  const n = data.length / dim;
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += data[i * dim + j] / n;
  const cov = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) row[j] = data[i * dim + j] - mean[j];
    for (let a = 0; a < dim; a++) if (row[a] !== 0) for (let b = 0; b < dim; b++) cov[a * dim + b] += row[a] * row[b];
  }
  const axes: Float64Array[] = [];
  for (let c = 0; c < 2; c++) {
    let v = Float64Array.from({ length: dim }, (_, j) => 1 + j / dim);
    for (let it = 0; it < 200; it++) {
      const w = new Float64Array(dim);
      for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) w[a] += cov[a * dim + b] * v[b];
      for (const u of axes) {
        let d = 0;
        for (let j = 0; j < dim; j++) d += w[j] * u[j];
        for (let j = 0; j < dim; j++) w[j] -= d * u[j];
      }
      const norm = Math.hypot(...w) || 1;
      v = w.map((x) => x / norm);
    }
    axes.push(v);
  }
  const xy = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 2; c++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += (data[i * dim + j] - mean[j]) * axes[c][j];
      xy[2 * i + c] = s;
    }
  }
  return xy;
}

