// The inner loops of EASE training as WebAssembly SIMD (f64x2), 1,020 bytes,
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
//
// No fused multiply-add: each lane rounds as the plain JS loops it replaces.
const BYTES = 'AGFzbQEAAAABGwNgB39/f39/f38AYAR/f3x/AGAGf39/f39/AAIMAQNlbnYDbWVtAgABAwQDAAECBxoDBXRpbGVzAAAEYXhweQABB2dhdGhlcjgAAgqkBwOyBAIEfwt7AkADQCAFIAZPDQH9DAAAAAAAAAAAAAAAAAAAAAAhC/0MAAAAAAAAAAAAAAAAAAAAACEM/QwAAAAAAAAAAAAAAAAAAAAAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDv0MAAAAAAAAAAAAAAAAAAAAACEP/QwAAAAAAAAAAAAAAAAAAAAAIRD9DAAAAAAAAAAAAAAAAAAAAAAhEf0MAAAAAAAAAAAAAAAAAAAAACESIAIhByADIAUgBGxBIGxqIQggBCEJA0AgCP0AAAAhEyAI/QAAECEUIAf9CgAAIRUgCyAVIBP98gH98AEhCyAMIBUgFP3yAf3wASEMIAf9CgAIIRUgDSAVIBP98gH98AEhDSAOIBUgFP3yAf3wASEOIAf9CgAQIRUgDyAVIBP98gH98AEhDyAQIBUgFP3yAf3wASEQIAf9CgAYIRUgESAVIBP98gH98AEhESASIBUgFP3yAf3wASESIAdBIGohByAIQSBqIQggCUEBayIJDQALIAAgBUEgbGohCiAKIAr9AAAAIAv98QH9CwAAIAogCv0AABAgDP3xAf0LABAgCiABaiEKIAogCv0AAAAgDf3xAf0LAAAgCiAK/QAAECAO/fEB/QsAECAKIAFqIQogCiAK/QAAACAP/fEB/QsAACAKIAr9AAAQIBD98QH9CwAQIAogAWohCiAKIAr9AAAAIBH98QH9CwAAIAogCv0AABAgEv3xAf0LABAgBUEBaiEFDAALCwtGAQF7IAL9FCEEAkADQCADRQ0BIAAgAP0AAAAgBCAB/QAAAP3yAf3wAf0LAAAgAEEQaiEAIAFBEGohASADQQFrIQMMAAsLC6YCAgN/BXsCQANAIAVFDQEgACgCACEGIAAoAgQhB/0MAAAAAAAAAAAAAAAAAAAAACEJ/QwAAAAAAAAAAAAAAAAAAAAAIQr9DAAAAAAAAAAAAAAAAAAAAAAhC/0MAAAAAAAAAAAAAAAAAAAAACEMAkADQCAGIAdODQEgAyABIAZBAnRqKAIAQQZ0aiEIIAIgBkEDdGr9CgAAIQ0gCSANIAj9AAAA/fIB/fABIQkgCiANIAj9AAAQ/fIB/fABIQogCyANIAj9AAAg/fIB/fABIQsgDCANIAj9AAAw/fIB/fABIQwgBkEBaiEGDAALCyAEIAn9CwAAIAQgCv0LABAgBCAL/QsAICAEIAz9CwAwIARBwABqIQQgAEEEaiEAIAVBAWshBQwACwsL';

let compiled: WebAssembly.Module | undefined;

export interface Kernels {
  tiles(a: number, n8: number, qq: number, pp: number, b: number, jq: number, jq1: number): void;
  axpy(dst: number, src: number, y: number, pairs: number): void;
  gather8(colOff: number, colUser: number, colVal: number, W: number, S: number, n: number): void;
}

/** The kernels over `mem` (1,020 bytes: compiled synchronously, once). */
export function kernels(mem: WebAssembly.Memory): Kernels {
  compiled ??= new WebAssembly.Module(Uint8Array.from(atob(BYTES), (ch) => ch.charCodeAt(0)));
  return new WebAssembly.Instance(compiled, { env: { mem } }).exports as unknown as Kernels;
}

/** A memory holding consecutive arrays of the given lengths (f64 or i32), each
 *  16-byte aligned: their views and byte offsets, in order. */
export function arena(parts: { f64?: number; i32?: number }[]): { mem: WebAssembly.Memory; at: number[]; f64: Float64Array[]; i32: Int32Array[] } {
  const at: number[] = [];
  let bytes = 0;
  for (const p of parts) {
    at.push(bytes);
    bytes += Math.ceil(((p.f64 ?? 0) * 8 + (p.i32 ?? 0) * 4) / 16) * 16;
  }
  const mem = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const f64 = parts.map((p, k) => new Float64Array(mem.buffer, at[k], p.f64 ?? 0));
  const i32 = parts.map((p, k) => new Int32Array(mem.buffer, at[k], p.i32 ?? 0));
  return { mem, at, f64, i32 };
}
