import { describe, expect, it } from 'vitest';
import { runSliced, type Steps } from './steps.ts';
import { indexCatalog, indexSteps, tracksOf } from './catalog.ts';
import { arrowSteps, fromArrowIPC, toArrowIPC } from './arrow.ts';
import { ingestCsvText } from './ingest.ts';
import { generateCatalogCsv } from '../../../../data/generate.ts';

describe('steps', () => {
  it('run sliced, give what they give at once, on a catalog large enough to pause', async () => {
    const { columns } = ingestCsvText(generateCatalogCsv({ rows: 20_000, seed: 3 }).text);
    const ipc = toArrowIPC(columns);
    let pauses = 0;
    function* counted<T>(steps: Steps<T>): Steps<T> {
      for (;;) {
        const r = steps.next();
        if (r.done) return r.value;
        pauses++;
        yield;
      }
    }
    function* read(): Steps<ReturnType<typeof indexCatalog>> {
      return yield* indexSteps(yield* arrowSteps(ipc));
    }
    const sliced = await runSliced(counted(read()), 0);
    // Three string columns, each a pause every 4,096 tracks.
    expect(columns.size).toBeGreaterThan(8192);
    expect(pauses).toBeGreaterThanOrEqual(3 * Math.floor(columns.size / 4096));
    const direct = indexCatalog(fromArrowIPC(ipc));
    expect(sliced.trackName).toEqual(direct.trackName);
    expect(sliced.trackId).toEqual(columns.trackId);
    expect([...sliced.artistTracks]).toEqual([...direct.artistTracks]);
    expect([...tracksOf(sliced, 7)]).toEqual([...tracksOf(direct, 7)]);
    expect(sliced.trackIndex).toEqual(direct.trackIndex);
  });

  it('let other work run between slices', async () => {
    let ran = false;
    setTimeout(() => (ran = true), 0);
    function* waits(): Steps<boolean> {
      for (let i = 0; i < 100_000 && !ran; i++) yield;
      return ran;
    }
    expect(await runSliced(waits(), 0)).toBe(true);
  });
});
