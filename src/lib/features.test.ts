import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIO_FEATURES, FLOAT_FEATURES, PROFILE_FEATURES } from './features.ts';
import { ingestCsvText } from '../features/catalog/core/ingest.ts';
import { fromArrowIPC, toArrowIPC } from '../features/catalog/core/arrow.ts';

const basic = readFileSync(new URL('../../data/fixtures/basic.csv', import.meta.url), 'utf8');
const ARRAY = { float: Float32Array, int8: Int8Array, uint32: Uint32Array };

describe('the audio feature table', () => {
  it('is what an import reads and what a reload gives back, each column with its type', () => {
    const { columns } = ingestCsvText(basic);
    const back = fromArrowIPC(toArrowIPC(columns));
    for (const f of AUDIO_FEATURES) {
      expect(columns[f.column], f.column).toBeInstanceOf(ARRAY[f.type]);
      expect([...back[f.column]], f.column).toEqual([...columns[f.column]]);
    }
    expect(FLOAT_FEATURES).toEqual(AUDIO_FEATURES.filter((f) => f.type === 'float').map((f) => f.column));
  });

  it('names each feature once, and a missing CSV column by its table name', () => {
    expect(new Set(AUDIO_FEATURES.map((f) => f.csv)).size).toBe(AUDIO_FEATURES.length);
    const [header, ...rows] = basic.split('\n');
    const cut = (i: number) => (line: string) => line.split(',').filter((_, j) => j !== i).join(',');
    const at = header.split(',').indexOf('time_signature');
    expect(() => ingestCsvText([header, ...rows].map(cut(at)).join('\n'))).toThrow('The header is missing required column: time_signature.');
  });

  it('gives every profile feature a range that puts typical values inside 0..1', () => {
    for (const f of PROFILE_FEATURES) expect(f.profile[1], f.column).toBeGreaterThan(f.profile[0]);
    expect(PROFILE_FEATURES.map((f) => f.column)).toEqual(FLOAT_FEATURES);
  });
});
