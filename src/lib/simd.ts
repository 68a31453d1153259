// Inner loops in WebAssembly SIMD (f64x2), 1,487 bytes: EASE training's
// (tiles, axpy, gather8) and the artist scan of the content source (dots).
// Their source is simd.wat beside this file; `npm run build:simd` assembles it
// into BYTES below. Addresses are byte offsets into the memory the caller
// passes; every value is f64 unless said:
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
// dots(dn, nd, n, qp, m, out, offs, cols, vals, pts, d: i32)
//   For a < n, i < m: the dense part Σ_{c<nd} dense[a·nd + c] · q[i·nd + c]
//   (dense f32 at dn, promoted; q at qp), summed as lib/vectors.ts dot sums
//   (partial sums over c mod 4, the rest into the first, then added in
//   order), plus the sparse terms vals[j] · pts[i·d + cols[j]] for j in
//   offs[a] .. offs[a+1] (offs, cols i32; vals, pts f32), in order; written
//   to out[i·n + a] as f32. The same value to the bit as those JS loops.
//
// No fused multiply-add: each lane rounds as the plain JS loops it replaces.
const BYTES = 'AGFzbQEAAAABKQRgB39/f39/f38AYAR/f3x/AGAGf39/f39/AGALf39/f39/f39/f38AAgwBA2VudgNtZW0CAAEDBQQAAQIDByEEBXRpbGVzAAAEYXhweQABB2dhdGhlcjgAAgRkb3RzAAMK4QoEsgQCBH8LewJAA0AgBSAGTw0B/QwAAAAAAAAAAAAAAAAAAAAAIQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAAIQ79DAAAAAAAAAAAAAAAAAAAAAAhD/0MAAAAAAAAAAAAAAAAAAAAACEQ/QwAAAAAAAAAAAAAAAAAAAAAIRH9DAAAAAAAAAAAAAAAAAAAAAAhEiACIQcgAyAFIARsQSBsaiEIIAQhCQNAIAj9AAAAIRMgCP0AABAhFCAH/QoAACEVIAsgFSAT/fIB/fABIQsgDCAVIBT98gH98AEhDCAH/QoACCEVIA0gFSAT/fIB/fABIQ0gDiAVIBT98gH98AEhDiAH/QoAECEVIA8gFSAT/fIB/fABIQ8gECAVIBT98gH98AEhECAH/QoAGCEVIBEgFSAT/fIB/fABIREgEiAVIBT98gH98AEhEiAHQSBqIQcgCEEgaiEIIAlBAWsiCQ0ACyAAIAVBIGxqIQogCiAK/QAAACAL/fEB/QsAACAKIAr9AAAQIAz98QH9CwAQIAogAWohCiAKIAr9AAAAIA398QH9CwAAIAogCv0AABAgDv3xAf0LABAgCiABaiEKIAogCv0AAAAgD/3xAf0LAAAgCiAK/QAAECAQ/fEB/QsAECAKIAFqIQogCiAK/QAAACAR/fEB/QsAACAKIAr9AAAQIBL98QH9CwAQIAVBAWohBQwACwsLRgEBeyAC/RQhBAJAA0AgA0UNASAAIAD9AAAAIAQgAf0AAAD98gH98AH9CwAAIABBEGohACABQRBqIQEgA0EBayEDDAALCwumAgIDfwV7AkADQCAFRQ0BIAAoAgAhBiAAKAIEIQf9DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAAAAAAAAAAAAAAAAAAIQv9DAAAAAAAAAAAAAAAAAAAAAAhDAJAA0AgBiAHTg0BIAMgASAGQQJ0aigCAEEGdGohCCACIAZBA3Rq/QoAACENIAkgDSAI/QAAAP3yAf3wASEJIAogDSAI/QAAEP3yAf3wASEKIAsgDSAI/QAAIP3yAf3wASELIAwgDSAI/QAAMP3yAf3wASEMIAZBAWohBgwACwsgBCAJ/QsAACAEIAr9CwAQIAQgC/0LACAgBCAM/QsAMCAEQcAAaiEEIABBBGohACAFQQFrIQUMAAsLC7sDAwl/AXwDeyABQXxxIRBBACELAkADQCALIAJPDQEgACALIAFsQQJ0aiEOQQAhDAJAA0AgDCAETw0BIAMgDCABbEEDdGohD/0MAAAAAAAAAAAAAAAAAAAAACEV/QwAAAAAAAAAAAAAAAAAAAAAIRZBACENAkADQCANIBBPDQEgDiANQQJ0av0AAAAhFyAVIBf9XyAPIA1BA3Rq/QAAAP3yAf3wASEVIBYgFyAX/Q0ICQoLDA0ODwABAgMEBQYH/V8gDyANQQN0av0AABD98gH98AEhFiANQQRqIQ0MAAsLIBX9IQAhFAJAA0AgDSABTw0BIBQgDiANQQJ0aioCALsgDyANQQN0aisDAKKgIRQgDUEBaiENDAALCyAUIBX9IQGgIBb9IQCgIBb9IQGgIRQgBiALQQJ0aiERIBEoAgQhEiARKAIAIREgCSAMIApsQQJ0aiETAkADQCARIBJODQEgFCAIIBFBAnRqKgIAuyATIAcgEUECdGooAgBBAnRqKgIAu6KgIRQgEUEBaiERDAALCyAFIAwgAmwgC2pBAnRqIBS2OAIAIAxBAWohDAwACwsgC0EBaiELDAALCws=';

let compiled: WebAssembly.Module | undefined;

export interface Kernels {
  tiles(a: number, n8: number, qq: number, pp: number, b: number, jq: number, jq1: number): void;
  axpy(dst: number, src: number, y: number, pairs: number): void;
  gather8(colOff: number, colUser: number, colVal: number, W: number, S: number, n: number): void;
  dots(dn: number, nd: number, n: number, qp: number, m: number, out: number, offs: number, cols: number, vals: number, pts: number, d: number): void;
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
