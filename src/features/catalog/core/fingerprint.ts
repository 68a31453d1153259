// A fingerprint of the catalog's source bytes, used to tell whether models
// trained earlier were trained on this exact catalog. Streams: update() takes
// the bytes as they are read, in chunks of any size.
//
// Two 32-bit MurmurHash3-style lanes over little-endian 32-bit words, with
// different constants, give 64 bits. Not cryptographic; it only has to change
// whenever the file does. A word at a time keeps it to a few ms per 20 MB.

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export class Fingerprint {
  private h1 = 0x9747b28c;
  private h2 = 0x5bd1e995;
  private length = 0;
  /** Up to 3 bytes left over from the last chunk. */
  private tail = new Uint8Array(4);
  private nTail = 0;

  update(bytes: Uint8Array): this {
    let i = 0;
    const n = bytes.length;
    this.length += n;
    while (this.nTail > 0 && this.nTail < 4 && i < n) this.tail[this.nTail++] = bytes[i++];
    if (this.nTail === 4) {
      const t = this.tail;
      this.word(t[0] | (t[1] << 8) | (t[2] << 16) | (t[3] << 24));
      this.nTail = 0;
    }
    let h1 = this.h1;
    let h2 = this.h2;
    // Read whole words where the bytes are aligned (they are little-endian on
    // every platform a browser runs on, checked below); else byte by byte.
    const aligned = LITTLE_ENDIAN && (bytes.byteOffset + i) % 4 === 0;
    const words = aligned ? new Uint32Array(bytes.buffer, bytes.byteOffset + i, (n - i) >>> 2) : null;
    for (let w = 0; i + 4 <= n; i += 4, w++) {
      const k = words ? words[w] : bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
      let k1 = Math.imul(k, 0xcc9e2d51);
      k1 = Math.imul((k1 << 15) | (k1 >>> 17), 0x1b873593);
      h1 ^= k1;
      h1 = (Math.imul((h1 << 13) | (h1 >>> 19), 5) + 0xe6546b64) | 0;
      let k2 = Math.imul(k, 0x85ebca6b);
      k2 = Math.imul((k2 << 17) | (k2 >>> 15), 0xc2b2ae35);
      h2 ^= k2;
      h2 = (Math.imul((h2 << 11) | (h2 >>> 21), 9) + 0x7f4a7c15) | 0;
    }
    this.h1 = h1;
    this.h2 = h2;
    while (i < n) this.tail[this.nTail++] = bytes[i++];
    return this;
  }

  /** Mixes one word in (the loop in update() is this, inlined). */
  private word(k: number): void {
    let k1 = Math.imul(k, 0xcc9e2d51);
    k1 = Math.imul((k1 << 15) | (k1 >>> 17), 0x1b873593);
    this.h1 ^= k1;
    this.h1 = (Math.imul((this.h1 << 13) | (this.h1 >>> 19), 5) + 0xe6546b64) | 0;
    let k2 = Math.imul(k, 0x85ebca6b);
    k2 = Math.imul((k2 << 17) | (k2 >>> 15), 0xc2b2ae35);
    this.h2 ^= k2;
    this.h2 = (Math.imul((this.h2 << 11) | (this.h2 >>> 21), 9) + 0x7f4a7c15) | 0;
  }

  /** 16 hex digits. Does not change the state, so more bytes may follow. */
  digest(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    if (this.nTail > 0) {
      let k = 0;
      for (let j = this.nTail - 1; j >= 0; j--) k = (k << 8) | this.tail[j];
      h1 ^= Math.imul(k, 0x1b873593);
      h2 ^= Math.imul(k, 0xc2b2ae35);
    }
    // The length goes in as two 32-bit halves, so files of any size differ.
    const lo = this.length >>> 0;
    const hi = Math.floor(this.length / 2 ** 32) >>> 0;
    h1 ^= lo;
    h2 ^= hi ^ lo;
    h1 = fmix(h1 ^ Math.imul(h2, 0x27d4eb2d));
    h2 = fmix(h2 ^ Math.imul(h1, 0x165667b1));
    return hex(h1) + hex(h2);
  }
}


function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hex(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}
