// Zip entries inflated as a stream (the archive itself is in memory, compressed):
// the history importers take the text in chunks, so no entry is ever one string.
// The entry is found through the central directory, which always has the sizes,
// and its deflate data inflated on its own: archives written as a stream (sizes
// only in a data descriptor after the data, as many servers write them) unpack
// like any other, with no scanning for signatures inside compressed bytes.
import { Inflate } from 'fflate';
import { ImportError } from './play.ts';

export const mb = (n: number): string => `${Math.round(n / 2 ** 20)} MB`;

const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);

/** The compressed bytes of `entry` and how they are stored (0 stored, 8 deflate). */
function locate(zip: Uint8Array, entry: string, name: string): { data: Uint8Array; method: number } {
  const bad = (why: string) => new ImportError('bad-archive', `could not unpack ${entry} (${why})`, name);
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  const stop = Math.max(0, zip.length - 22 - 0xffff);
  while (end >= stop && dv.getUint32(end, true) !== 0x06054b50) end--;
  if (end < stop) throw bad('no central directory');
  const count = dv.getUint16(end + 10, true);
  let p = dv.getUint32(end + 16, true);
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || dv.getUint32(p, true) !== 0x02014b50) throw bad('damaged central directory');
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    let size = dv.getUint32(p + 20, true);
    const usize = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    let offset = dv.getUint32(p + 42, true);
    const raw = zip.subarray(p + 46, p + 46 + nameLen);
    const entryName = flags & 0x800 ? new TextDecoder().decode(raw) : latin1(raw);
    if (entryName === entry) {
      // Zip64: the fields that overflowed are in extra field 0x0001, in this order.
      for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; x += 4 + dv.getUint16(x + 2, true)) {
        if (dv.getUint16(x, true) !== 1) continue;
        let at = x + 4;
        if (usize === 0xffffffff) at += 8;
        if (size === 0xffffffff) (size = Number(dv.getBigUint64(at, true))), (at += 8);
        if (offset === 0xffffffff) offset = Number(dv.getBigUint64(at, true));
      }
      if (offset + 30 > zip.length || dv.getUint32(offset, true) !== 0x04034b50) throw bad('damaged local header');
      const start = offset + 30 + dv.getUint16(offset + 26, true) + dv.getUint16(offset + 28, true);
      if (start + size > zip.length) throw bad('truncated');
      if (method !== 0 && method !== 8) throw bad(`compression method ${method}`);
      return { data: zip.subarray(start, start + size), method };
    }
    p += 46 + nameLen + extraLen + dv.getUint16(p + 32, true);
  }
  throw bad('not in the archive');
}

/** One entry of a zip, inflated as it is read (64 KB of the archive at a time),
 *  stopped when it inflates to more than `max` bytes (a header that lies). */
export function* inflateEntry(zip: Uint8Array, entry: string, max: number, name: string): Generator<Uint8Array> {
  const { data, method } = locate(zip, entry, name);
  let out: Uint8Array[] = [];
  let total = 0;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    out.push(chunk);
  });
  const STEP = 1 << 16;
  for (let i = 0; i < data.length || i === 0; i += STEP) {
    const part = data.subarray(i, i + STEP);
    const last = i + STEP >= data.length;
    if (method === 0) (total += part.length), out.push(part);
    else {
      try {
        inflate.push(part, last);
      } catch (e) {
        throw new ImportError('bad-archive', `could not unpack ${entry} (${(e as Error).message})`, name);
      }
    }
    if (total > max) throw new ImportError('archive-too-large', `${entry} unpacks to more than ${mb(max)}`, name);
    yield* out;
    out = [];
  }
}
