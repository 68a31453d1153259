// Zip entries inflated as a stream (the archive itself is in memory, compressed):
// the history importers take the text in chunks, so no entry is ever one string.
import { Unzip, UnzipInflate } from 'fflate';
import { ImportError } from './play.ts';

export const mb = (n: number): string => `${Math.round(n / 2 ** 20)} MB`;

/** One entry of a zip, inflated as it is read (64 KB of the archive at a time),
 *  stopped when it inflates to more than `max` bytes (a header that lies). */
export function* inflateEntry(zip: Uint8Array, entry: string, max: number, name: string): Generator<Uint8Array> {
  let out: Uint8Array[] = [];
  let total = 0;
  let failed: unknown = null;
  const uz = new Unzip((f) => {
    if (f.name !== entry) return;
    f.ondata = (err, data) => {
      if (err) return void (failed ??= err);
      total += data.length;
      out.push(data);
    };
    f.start();
  });
  uz.register(UnzipInflate);
  const STEP = 1 << 16;
  for (let i = 0; i < zip.length; i += STEP) {
    try {
      uz.push(zip.subarray(i, i + STEP), i + STEP >= zip.length);
    } catch (e) {
      failed ??= e;
    }
    if (failed) throw new ImportError('bad-archive', `could not unpack ${entry} (${(failed as Error).message})`, name);
    if (total > max) throw new ImportError('archive-too-large', `${entry} unpacks to more than ${mb(max)}`, name);
    yield* out;
    out = [];
  }
}

