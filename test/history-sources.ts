// For tests and the bench: bytes in memory as a history source.
import type { HistorySource } from '../src/features/history/core/read.ts';
import type { StreamingImporter } from '../src/features/history/core/stream.ts';
import type { ImportResult } from '../src/features/history/core/play.ts';

/** Bytes in memory, handed over in 1 MB chunks like File.stream(). */
export function bytesSource(name: string, data: Uint8Array | string): HistorySource {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return {
    name,
    size: bytes.length,
    head: async (n) => bytes.subarray(0, n),
    async *chunks() {
      for (let i = 0; i < bytes.length; i += 1 << 20) yield bytes.subarray(i, i + (1 << 20));
    },
    bytes: async () => bytes,
  };
}

/** A whole input through a streaming importer, as one chunk. */
export function importAll(imp: StreamingImporter, input: string | Uint8Array): ImportResult {
  imp.push(input);
  return imp.end();
}
