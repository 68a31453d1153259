// Inner loops in WebAssembly SIMD (f64x2), 1,370 bytes: EASE training's
// (tiles, axpy, gather8) and the artist scan of the content source (dots);
// assembled by hand from this text (addresses are byte offsets into the
// memory the caller passes; every value is f64 unless said):
//
// tiles(a, n8, qq, pp, b, jq, jq1: i32)
//   For column quads jq ≤ q < jq1: the 4 × 4 tile of A at a + 32·q (row stride
//   n8 bytes) −= Σ_{c<b} QQ[4c + r] · PP[(q·b + c)·4 + x]  (rows r, columns x
//   < 4; QQ at qq, PP at pp: panels packed four rows at a time). 8 v128
//   accumulators; per c two v128 loads of PP and four load64_splat of QQ.
// axpy(dst, src: i32, y: f64, pairs: i32)
//   dst[k] += y · src[k] for k < 2·pairs, two at a time.
// gather8(colOff, colUser, colVal, W, S, n: i32)
//   For each column j < n (colOff: i32 offsets, colUser: i32 rows):
//   S[8j + r] = Σ_{p in column j} colVal[p] · W[8·colUser[p] + r], r < 8
//   (four v128 accumulators over W's interleaved rows).
// dots(dn, nd, n, qp, m, out: i32)
//   out[i·n + a] = Σ_{c<nd} dense[a·nd + c] · q[i·nd + c] for a < n, i < m, with
//   dense f32 at dn and q at qp: the f32 values promoted, summed as
//   lib/vectors.ts dot sums (partial sums over c mod 4, the rest into the
//   first, then added in order), so the result is the same to the bit.
//
// No fused multiply-add: each lane rounds as the plain JS loops it replaces.
const BYTES = 'AGFzbQEAAAABGwNgB39/f39/f38AYAR/f3x/AGAGf39/f39/AAIMAQNlbnYDbWVtAgABAwUEAAECAgchBAV0aWxlcwAABGF4cHkAAQdnYXRoZXI4AAIEZG90cwADCvoJBLIEAgR/C3sCQANAIAUgBk8NAf0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAAAAAAAAAAIQz9DAAAAAAAAAAAAAAAAAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ/9DAAAAAAAAAAAAAAAAAAAAAAhEP0MAAAAAAAAAAAAAAAAAAAAACER/QwAAAAAAAAAAAAAAAAAAAAAIRIgAiEHIAMgBSAEbEEgbGohCCAEIQkDQCAI/QAAACETIAj9AAAQIRQgB/0KAAAhFSALIBUgE/3yAf3wASELIAwgFSAU/fIB/fABIQwgB/0KAAghFSANIBUgE/3yAf3wASENIA4gFSAU/fIB/fABIQ4gB/0KABAhFSAPIBUgE/3yAf3wASEPIBAgFSAU/fIB/fABIRAgB/0KABghFSARIBUgE/3yAf3wASERIBIgFSAU/fIB/fABIRIgB0EgaiEHIAhBIGohCCAJQQFrIgkNAAsgACAFQSBsaiEKIAogCv0AAAAgC/3xAf0LAAAgCiAK/QAAECAM/fEB/QsAECAKIAFqIQogCiAK/QAAACAN/fEB/QsAACAKIAr9AAAQIA798QH9CwAQIAogAWohCiAKIAr9AAAAIA/98QH9CwAAIAogCv0AABAgEP3xAf0LABAgCiABaiEKIAogCv0AAAAgEf3xAf0LAAAgCiAK/QAAECAS/fEB/QsAECAFQQFqIQUMAAsLC0YBAXsgAv0UIQQCQANAIANFDQEgACAA/QAAACAEIAH9AAAA/fIB/fAB/QsAACAAQRBqIQAgAUEQaiEBIANBAWshAwwACwsLpgICA38FewJAA0AgBUUNASAAKAIAIQYgACgCBCEH/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAAAAAAAAAAIQwCQANAIAYgB04NASADIAEgBkECdGooAgBBBnRqIQggAiAGQQN0av0KAAAhDSAJIA0gCP0AAAD98gH98AEhCSAKIA0gCP0AABD98gH98AEhCiALIA0gCP0AACD98gH98AEhCyAMIA0gCP0AADD98gH98AEhDCAGQQFqIQYMAAsLIAQgCf0LAAAgBCAK/QsAECAEIAv9CwAgIAQgDP0LADAgBEHAAGohBCAAQQRqIQAgBUEBayEFDAALCwvUAgMHfwF8A3sgAUF8cSELQQAhBgJAA0AgBiACTw0BIAAgBiABbEECdGohCUEAIQcCQANAIAcgBE8NASADIAcgAWxBA3RqIQr9DAAAAAAAAAAAAAAAAAAAAAAhDv0MAAAAAAAAAAAAAAAAAAAAACEPQQAhCAJAA0AgCCALTw0BIAkgCEECdGr9AAAAIRAgDiAQ/V8gCiAIQQN0av0AAAD98gH98AEhDiAPIBAgEP0NCAkKCwwNDg8AAQIDBAUGB/1fIAogCEEDdGr9AAAQ/fIB/fABIQ8gCEEEaiEIDAALCyAO/SEAIQ0CQANAIAggAU8NASANIAkgCEECdGoqAgC7IAogCEEDdGorAwCioCENIAhBAWohCAwACwsgBSAHIAJsIAZqQQN0aiANIA79IQGgIA/9IQCgIA/9IQGgOQMAIAdBAWohBwwACwsgBkEBaiEGDAALCws=';

let compiled: WebAssembly.Module | undefined;

export interface Kernels {
  tiles(a: number, n8: number, qq: number, pp: number, b: number, jq: number, jq1: number): void;
  axpy(dst: number, src: number, y: number, pairs: number): void;
  gather8(colOff: number, colUser: number, colVal: number, W: number, S: number, n: number): void;
  dots(dn: number, nd: number, n: number, qp: number, m: number, out: number): void;
}

/** The kernels over `mem` (compiled synchronously, once: small enough for the main thread too). */
export function kernels(mem: WebAssembly.Memory): Kernels {
  compiled ??= new WebAssembly.Module(Uint8Array.from(atob(BYTES), (ch) => ch.charCodeAt(0)));
  return new WebAssembly.Instance(compiled, { env: { mem } }).exports as unknown as Kernels;
}

/** A memory holding consecutive arrays of the given lengths (f64, f32 or i32),
 *  each 16-byte aligned: their views and byte offsets, in order. */
export function arena(parts: { f64?: number; f32?: number; i32?: number }[]): { mem: WebAssembly.Memory; at: number[]; f64: Float64Array[]; f32: Float32Array[]; i32: Int32Array[] } {
  const at: number[] = [];
  let bytes = 0;
  for (const p of parts) {
    at.push(bytes);
    bytes += Math.ceil(((p.f64 ?? 0) * 8 + ((p.f32 ?? 0) + (p.i32 ?? 0)) * 4) / 16) * 16;
  }
  const mem = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const f64 = parts.map((p, k) => new Float64Array(mem.buffer, at[k], p.f64 ?? 0));
  const f32 = parts.map((p, k) => new Float32Array(mem.buffer, at[k], p.f32 ?? 0));
  const i32 = parts.map((p, k) => new Int32Array(mem.buffer, at[k], p.i32 ?? 0));
  return { mem, at, f64, f32, i32 };
}
