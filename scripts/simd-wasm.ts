// Assembles src/lib/simd.wat (wabt, a dev dependency) into the bytes that
// src/lib/simd.ts carries as base64: `npm run build:simd` rewrites them there,
// and simd.test.ts checks that the committed bytes are this file's.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

const WAT = fileURLToPath(new URL('../src/lib/simd.wat', import.meta.url));
const TS = fileURLToPath(new URL('../src/lib/simd.ts', import.meta.url));

/** simd.wat assembled, as base64. */
export async function assembledSimd(): Promise<string> {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('simd.wat', readFileSync(WAT, 'utf8'), { simd: true });
  try {
    return Buffer.from(mod.toBinary({}).buffer).toString('base64');
  } finally {
    mod.destroy();
  }
}

/** The base64 bytes simd.ts carries now. */
export const committedSimd = (): string => (readFileSync(TS, 'utf8').match(/const BYTES = '([^']+)'/) ?? [])[1] ?? '';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bytes = await assembledSimd();
  writeFileSync(TS, readFileSync(TS, 'utf8').replace(/const BYTES = '[^']+'/, `const BYTES = '${bytes}'`));
  console.log(`src/lib/simd.ts: ${Buffer.from(bytes, 'base64').length} bytes from simd.wat${bytes === committedSimd() ? '' : ' (changed)'}`);
}
