// `npm run bench`: speed and memory, each figure printed beside a baseline
// measured in the same run. Not a test: nothing here fails on a slow machine.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import type { BenchSection } from './context.ts';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : null;
const result: Record<string, number | string> = {};
const files = readdirSync(join(here, 'sections')).filter((f) => f.endsWith('.ts')).sort();
for (const f of files) {
  const section = (await import(pathToFileURL(join(here, 'sections', f)).href)).default as BenchSection;
  if (only && !only.includes(section.name)) continue;
  Object.assign(result, await section.run());
}
console.log(JSON.stringify(result));
