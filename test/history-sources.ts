// For tests and the bench: bytes in memory as a history source.
import type { HistorySource } from '../src/features/history/core/read.ts';

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
