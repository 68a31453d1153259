// For tests, the import command and the bench: files and bytes as history sources.
import { openSync, readSync, closeSync, createReadStream, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { HistorySource } from '../src/features/history/core/read.ts';

/** A file on disk, streamed in chunks like File.stream() in the worker. */
export function diskSource(path: string, name = basename(path)): HistorySource {
  return {
    name,
    size: statSync(path).size,
    async head(n) {
      const fd = openSync(path, 'r');
      try {
        const buf = new Uint8Array(n);
        return buf.subarray(0, readSync(fd, buf, 0, n, 0));
      } finally {
        closeSync(fd);
      }
    },
    async *chunks() {
      for await (const c of createReadStream(path, { highWaterMark: 1 << 20 })) yield new Uint8Array(c as Buffer);
    },
    bytes: async () => new Uint8Array(readFileSync(path)),
  };
}

/** Bytes in memory, pushed in 1 MB chunks. */
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
