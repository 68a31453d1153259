// `npm run import`: the same detection, importers and matcher in Node, one
// JSON report per file, and an exit status that fails only when every file was refused.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HEADER } from '../data/generate.ts';
import { buildMatcher } from '../src/features/history/core/match.ts';
import { reportFile, type FileReport } from './import.ts';
import { tinyCatalog } from '../test/test-catalog.ts';

const F = 'data/fixtures/history';
const matcher = buildMatcher(
  tinyCatalog([
    { id: '6ie2Bw3xLj2JcGowOlcMhb', name: 'Airbag', artists: ['Radiohead'] },
    { id: '2Foc5Q5nqNiosCNqttzHof', name: 'Get Lucky (feat. Pharrell Williams & Nile Rodgers)', artists: ['Daft Punk', 'Pharrell Williams', 'Nile Rodgers'] },
    { id: 'T6', name: 'Jóga', artists: ['Björk'] },
  ]),
);

describe('the import command', () => {
  it('reports read, kept, dropped and how each play matched', async () => {
    const { report } = await reportFile(`${F}/listenbrainz/listens.jsonl`, matcher);
    expect(report).toEqual({
      file: `${F}/listenbrainz/listens.jsonl`,
      format: 'listenbrainz-jsonl',
      read: 6,
      kept: 4,
      dropped: { 'bad time': 1, 'not JSON': 1 },
      by_track_id: 1,
      by_artist_title: 2,
      by_artist: 0,
      unmatched: 1,
      match_rate: 0.75,
      likes: 0,
      error: null,
    } satisfies FileReport);
  });

  it('counts likes for Exportify files, and refuses what it cannot read with the reason', async () => {
    expect((await reportFile(`${F}/exportify-liked/Liked_Songs.csv`, matcher)).report).toMatchObject({ format: 'exportify-liked', likes: 3, kept: 3, by_track_id: 2, unmatched: 1 });
    expect((await reportFile(`${F}/binary.png`, matcher)).report.error).toMatch(/binary/);
    expect((await reportFile(`${F}/nope.csv`, matcher)).report.error).toMatch(/no such file/);
    expect((await reportFile(`${F}/mapped/my-player-log.csv`, matcher)).report.error).toMatch(/map its columns/);
  });

  it('prints one JSON object per file last, and exits non-zero only when every file was refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-import-'));
    const csv = join(dir, 'catalog.csv');
    writeFileSync(csv, `${HEADER}\n0,6ie2Bw3xLj2JcGowOlcMhb,Radiohead,OK Computer,Airbag,60,284373,False,0.5,0.5,0,-8,1,0.05,0.1,0.0,0.1,0.4,120,4,alt-rock\n`);
    const run = promisify(execFile);
    const cmd = (files: string[]) => run(process.execPath, ['--import', 'tsx', 'bin/import.ts', ...files, '--json'], { env: { ...process.env, NB_SPOTIFY_CSV: csv } });
    const ok = await cmd([`${F}/lastfm-csv/scrobbles.csv`, `${F}/binary.png`]);
    const lines = ok.stdout.trim().split('\n').slice(-2).map((l) => JSON.parse(l) as FileReport);
    expect(lines.map((l) => [l.format, l.error === null])).toEqual([['lastfm-csv', true], [null, false]]);
    expect(lines[0]).toMatchObject({ read: 5, kept: 4, by_artist_title: 1 });
    await expect(cmd([`${F}/binary.png`, `${F}/empty.csv`])).rejects.toMatchObject({ code: 1 });
  }, 60_000);
});
