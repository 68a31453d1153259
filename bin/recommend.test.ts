// `npm run recommend` and the query worker's path (importer → play counts →
// taste → stored community payload → personalize) give the same lists for the
// same handwritten history, on a handwritten catalog and community.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../data/load.ts';
import type { CfPayload } from '../src/features/models/cf/community.ts';
import { cfFromPayload } from '../src/features/recommend/core/community-data.ts';
import { prepareRanking } from '../src/features/recommend/core/prepare.ts';
import { personalize } from '../src/features/recommend/core/personalize.ts';
import { catalogKeys } from '../src/features/taste/core/exclusions.ts';
import { countPlays, tasteFromCounts } from '../src/features/taste/core/feedback.ts';
import { importLastfmCsv } from '../src/features/history/core/lastfm.ts';

const dir = mkdtempSync(join(tmpdir(), 'nb-recommend-'));
const SCENES: Record<string, string[]> = {
  metal: ['Iron Anvil', 'Doom Hollow', 'Gravecrawl', 'Basement Riffs', 'Rust Saint'],
  folk: ['Willow Creek', 'Ada Lind', 'Moss and Fern', 'Quiet Porch', 'Linden'],
  dance: ['Neon Pulse', 'Club Kid', 'Strobe', 'Bedroom Beats', 'Glowstick'],
};
const SOUND: Record<string, number[]> = { metal: [0.35, 0.92, -5, 0.02, 150], folk: [0.45, 0.25, -14, 0.85, 95], dance: [0.85, 0.7, -6, 0.1, 124] };
const header = ',track_id,artists,album_name,track_name,popularity,duration_ms,explicit,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,time_signature,track_genre';
const rows: string[] = [header];
let n = 0;
for (const [genre, artists] of Object.entries(SCENES)) {
  artists.forEach((artist, i) => {
    for (let t = 0; t < 3; t++) {
      const [dance, energy, loud, acoustic, tempo] = SOUND[genre];
      rows.push(`${n},${String(n).padStart(22, 'x')},${artist},${artist} album,${artist} song ${t + 1},${80 - i * 12 - t},200000,False,${dance},${energy},${t},${loud},1,0.05,${acoustic},0.01,0.1,0.5,${tempo + t},4,${genre}`);
      n++;
    }
  });
}
writeFileSync(join(dir, 'dataset.csv'), `${rows.join('\n')}\n`);
// Community: 45 listeners, each within one scene.
const names = Object.values(SCENES).flat();
writeFileSync(join(dir, 'artists.dat'), `id\tname\turl\tpictureURL\n${names.map((a, i) => `${i + 1}\t${a}\t\t`).join('\n')}\n`);
const ua = ['userID\tartistID\tweight'];
for (let u = 0; u < 45; u++) {
  const scene = Object.values(SCENES)[u % 3];
  scene.forEach((a, j) => (u + j) % 5 !== 0 && ua.push(`${u + 1}\t${names.indexOf(a) + 1}\t${100 + 10 * j}`));
}
writeFileSync(join(dir, 'user_artists.dat'), `${ua.join('\n')}\n`);
// The user's scrobbles: metal mostly, a little folk; the last one after --before.
const scrobbles = [
  ...Array.from({ length: 8 }, (_, i) => `"Iron Anvil","","Iron Anvil song 1","0${i + 1} Jan 2024 10:00"`),
  ...Array.from({ length: 4 }, (_, i) => `"Doom Hollow","","Doom Hollow song 2","1${i} Jan 2024 10:00"`),
  `"Willow Creek","","Willow Creek song 1","20 Jan 2024 10:00"`,
  `"Glowstick","","Glowstick song 1","05 Mar 2024 10:00"`,
];
writeFileSync(join(dir, 'scrobbles.csv'), `${scrobbles.join('\n')}\n`);
const BEFORE = '2024-02-01T00:00:00Z';

describe('npm run recommend', () => {
  it('gives the lists the worker path gives for the same history', async () => {
    const env = { ...process.env, NB_SPOTIFY_CSV: join(dir, 'dataset.csv'), NB_CACHE_DIR: join(dir, 'cache') };
    const run = () =>
      execFileSync(process.execPath, ['--import', 'tsx', 'bin/recommend.ts', '--history', join(dir, 'scrobbles.csv'), '--before', BEFORE, '--community', dir, '--limit', '5', '--json'], { env, encoding: 'utf8' });
    const stdout = run();
    const printed = JSON.parse(stdout.trim().split('\n').at(-1)!);

    // The worker's path: the importer's plays (stored, then counted), the
    // stored community payload, personalize().
    const c = (await loadCatalogFile(join(dir, 'dataset.csv'))).catalog;
    const plays = importLastfmCsv(readFileSync(join(dir, 'scrobbles.csv')), { file: 'scrobbles.csv' }).plays.filter((p) => p.ts < Date.parse(BEFORE));
    const cacheFile = readdirSync(join(dir, 'cache')).find((f) => f.startsWith('community-'))!;
    const payload = deserialize(readFileSync(join(dir, 'cache', cacheFile))) as CfPayload;
    const cf = cfFromPayload(payload, c.artists);
    const now = Date.parse(BEFORE);
    const r = personalize({ ix: prepareRanking(c), keys: catalogKeys(c), cf, now }, tasteFromCounts(countPlays(plays, []), [], now), { seeds: [], limit: { artists: 5, tracks: 5 } });
    if (r.empty) throw new Error(r.message);

    expect(printed.seeds).toEqual(['Iron Anvil', 'Doom Hollow', 'Willow Creek']);
    expect(printed.artists.map((x: { name: string }) => x.name)).toEqual(r.artists.map((x) => c.artists[x.artist]));
    expect(printed.artists.map((x: { reason: string }) => x.reason)).toEqual(r.artists.map((x) => x.reason));
    expect(printed.tracks.map((x: { track_id: string }) => x.track_id)).toEqual(r.tracks.map((x) => c.trackId[x.track]));
    // New to me: none of the played artists, and the play after --before does not count.
    const shown = printed.artists.map((x: { name: string }) => x.name);
    for (const played of ['Iron Anvil', 'Doom Hollow', 'Willow Creek']) expect(shown).not.toContain(played);
    expect(SCENES.metal).toContain(shown[0]);
    // The second run reads the cached model and prints the same.
    expect(JSON.parse(run().trim().split('\n').at(-1)!)).toEqual(printed);
  });
});
