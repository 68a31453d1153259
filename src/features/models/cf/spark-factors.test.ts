// Spark ALS output as Spark writes it (data/spark-factors.ts wrote the
// fixtures: two itemFactors part files, _SUCCESS, a names table), through the
// models worker's job into the stored community model and recommendations.
import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPARK_FIXTURES } from '../../../../data/spark-factors.ts';
import { sparkFactors, type NamedBytes } from './spark-factors.ts';
import { loadFactorsJob } from './job.ts';
import { communityFromPayload, type CfPayload } from './community.ts';
import { storedPayload } from '../store.ts';
import { CF_MODEL } from '../registry.ts';

const read = (path: string): NamedBytes => {
  const b = readFileSync(join(SPARK_FIXTURES, path));
  return { name: path.slice(path.lastIndexOf('/') + 1), bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer };
};
const parts = () => readdirSync(join(SPARK_FIXTURES, 'item-factors')).map((f) => read(`item-factors/${f}`));
const asFile = (f: NamedBytes) => new File([f.bytes], f.name);

describe('factors from Spark', () => {
  it('reads the part files and a Parquet or CSV names table into factors ordered by id', async () => {
    for (const names of ['artists.parquet', 'artists.csv']) {
      const f = await sparkFactors([...parts(), read(names)]);
      expect(f.names).toEqual(['Radiohead', 'Muse', 'Coldplay', 'Miles Davis', 'John Coltrane', 'Bill Evans']);
      expect([...f.ids!]).toEqual([3, 7, 11, 19, 23, 31]);
      expect(f.k).toBe(4);
      expect(f.vectors[4 * 3 + 1]).toBeCloseTo(1.1, 6); // Miles Davis, second factor
    }
  });

  it('stores them as the community model, and a listener of two rock bands gets the third first', async () => {
    await loadFactorsJob([...parts(), read('artists.csv')].map(asFile), null);
    const model = communityFromPayload((await storedPayload<CfPayload>(CF_MODEL))!);
    expect(model.kind).toBe('als');
    const played = [0, 1]; // Radiohead, Muse
    const scores = model.scoreUser({ items: Int32Array.from(played), confidence: Float32Array.of(5, 5), preference: Float32Array.of(1, 1) });
    const ranked = [...scores.keys()].filter((i) => !played.includes(i)).sort((a, b) => scores[b] - scores[a]);
    expect(model.names[ranked[0]]).toBe('Coldplay');
    expect(ranked.slice(-3).map((i) => model.names[i]).sort()).toEqual(['Bill Evans', 'John Coltrane', 'Miles Davis']);
  });

  it('names what is wrong with bad files, and keeps the model the user had', async () => {
    await loadFactorsJob([...parts(), read('artists.parquet')].map(asFile), null);
    const before = await storedPayload<CfPayload>(CF_MODEL);
    const cases: [NamedBytes[], RegExp][] = [
      [[read('bad/wrong-columns.parquet'), read('artists.csv')], /wrong-columns\.parquet has columns artist, vec: expected Spark's itemFactors \(id, features\)/],
      [[read('bad/mixed-dimensions.parquet'), read('artists.csv')], /Mixed dimensions: id 31 in mixed-dimensions\.parquet has 3 factors, id 3 has 4/],
      [[...parts(), read('bad/artists-missing.csv')], /2 of 6 factor ids have no name in artists-missing\.csv \(e\.g\. 23, 31\)/],
      [parts(), /No names table beside part-00000-5f1c\.parquet, part-00001-5f1c\.parquet/],
      [[read('artists.csv')], /No item factors/],
      [[{ name: 'x.parquet', bytes: new TextEncoder().encode('id,features\n').buffer as ArrayBuffer }, read('artists.csv')], /x\.parquet is not a Parquet file/],
    ];
    for (const [files, message] of cases) {
      await expect(sparkFactors(files)).rejects.toThrow(message);
      await expect(loadFactorsJob(files.map(asFile), null)).rejects.toThrow(message);
    }
    expect(await storedPayload<CfPayload>(CF_MODEL)).toEqual(before);
  });
});
