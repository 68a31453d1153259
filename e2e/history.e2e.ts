// Issue: your listening history, your feedback, and listeners like you.
// Upload a scrobble export, see the match report, re-import (adds nothing),
// train the community model, like and dislike, see the list change, undo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { openApp, type Session } from './browser.ts';
import { importCatalog } from './catalog-file.ts';
import { LASTFM_DIR, hasLastfm, sayMissing } from '../data/paths.ts';
import { loadCatalogFile } from '../data/load.ts';
import { artistsOf } from '../src/features/catalog/core/catalog.ts';

let s: Session;
let real = false;
let catalogPath = '';
const SCROBBLES = 'data/fixtures/history/scrobbles.csv';

beforeAll(async () => {
  s = await openApp();
  ({ real, path: catalogPath } = await importCatalog(s.page, s.baseUrl));
});
afterAll(async () => s?.close());

const recArtists = () => s.page.getByTestId('rec-artists').locator('li a[href^="#/artist/"]').allTextContents();

describe('history and feedback', () => {
  it('imports a Last.fm scrobble export and reports what matched', async () => {
    await s.page.goto(`${s.baseUrl}#/history`);
    await s.page.getByTestId('history-files').setInputFiles(SCROBBLES);
    await s.page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(Number(await s.page.getByTestId('plays-added').textContent())).toBeGreaterThan(0);
    expect(await s.page.getByTestId('match-rate').textContent()).toMatch(/%$/);
  });

  it('adds nothing when the same file is imported again', async () => {
    const added = await s.page.getByTestId('plays-added').textContent();
    await s.page.getByTestId('history-files').setInputFiles(SCROBBLES);
    await expect.poll(() => s.page.getByTestId('plays-already').textContent(), { timeout: 60_000 }).toBe(added);
    expect(await s.page.getByTestId('plays-added').textContent()).toBe('0');
  });

  it('asks which column is which for any other CSV, with a preview', async () => {
    await s.page.getByTestId('history-files').setInputFiles('data/fixtures/history/custom.csv');
    const mapping = s.page.getByTestId('column-mapping');
    await mapping.waitFor();
    expect(await mapping.locator('tbody tr').count()).toBeGreaterThan(2);
    // The guess picks Performer as the artist; the user confirms.
    expect(await s.page.getByTestId('map-artist').locator('option:checked').textContent()).toBe('Performer');
    await mapping.getByRole('button', { name: 'Import with this mapping' }).click();
    await s.page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(Number(await s.page.getByTestId('plays-added').textContent())).toBeGreaterThan(0);
  });

  it('rejects a broken file with a clear message and keeps the history', async () => {
    await s.page.getByTestId('history-files').setInputFiles('data/fixtures/history/truncated.json');
    expect(await s.page.getByTestId('history-error').textContent()).toMatch(/truncated|JSON/i);
  });

  it('trains "listeners like you" on community data', async () => {
    if (!hasLastfm()) return sayMissing('Last.fm 2K', LASTFM_DIR, 'the community model is not trained in this test');
    await s.page.goto(`${s.baseUrl}#/models`);
    await s.page.getByTestId('cf-files').setInputFiles([join(LASTFM_DIR, 'artists.dat'), join(LASTFM_DIR, 'user_artists.dat')]);
    await s.page.getByTestId('cf-info').waitFor({ timeout: 240_000 });
    // The artist model, trained now, also learns from who plays what.
    await s.page.getByTestId('train-artist-autoencoder-epochs').fill('1');
    await s.page.getByTestId('train-artist-autoencoder-start').click();
    const pairs = s.page.getByTestId('artist-pairs');
    await pairs.getByText(/pairs from community listening/).waitFor({ timeout: 180_000 });
    const listeningPairs = Number((/and ([\d,]+) pairs from community/.exec(await pairs.innerText()) ?? ['', '0'])[1].replace(/,/g, ''));
    if (real) expect(listeningPairs).toBeGreaterThan(10_000);
    else expect(listeningPairs).toBe(0);
    await s.page.goto(`${s.baseUrl}#/`);
    // A generated catalog shares no artist with Last.fm: the section is there, with its note, but no list.
    const section = s.page.getByTestId('listeners-like-you');
    if (real) await section.locator('li').first().waitFor({ timeout: 60_000 });
    else await section.getByText(/community data/).waitFor({ timeout: 60_000 });
  });

  it('recommends from the history alone, and a dislike removes an artist at once; undo brings it back', async () => {
    if (!real) {
      // The hand-written history names real artists, absent from a generated
      // catalog: start from a seed instead.
      console.warn('[e2e] generated catalog: the history matches no artist, so a seed is added');
      await s.page.goto(`${s.baseUrl}#/artist/0`);
      await s.page.getByRole('button', { name: /^Add .* as a seed$/ }).first().click();
    }
    await s.page.goto(`${s.baseUrl}#/`);
    await s.page.getByTestId('rec-artists').locator('li').first().waitFor({ timeout: 60_000 });
    const before = await recArtists();
    const first = before[0];
    await s.page.getByRole('combobox', { name: `Feedback on ${first}` }).first().selectOption('dislike');
    await expect.poll(recArtists, { timeout: 30_000 }).not.toContain(first);

    await s.page.goto(`${s.baseUrl}#/history`);
    await s.page.getByRole('button', { name: `Undo: Disliked ${first}` }).click();
    await s.page.goto(`${s.baseUrl}#/`);
    await expect.poll(recArtists, { timeout: 30_000 }).toContain(first);
  });

  it('a like turns the artist into one of the history seeds, and is listed on the History page', async () => {
    await s.page.getByTestId('rec-artists').locator('li').first().waitFor({ timeout: 60_000 });
    const [name] = await recArtists();
    await s.page.getByRole('combobox', { name: `Feedback on ${name}` }).first().selectOption('like');
    // A liked artist is no longer new to the user: it leaves the default "New to me" list.
    await expect.poll(recArtists, { timeout: 30_000 }).not.toContain(name);
    if (real) expect(await s.page.getByText(/start from your history/).textContent()).toContain(name);
    await s.page.goto(`${s.baseUrl}#/history`);
    expect(await s.page.getByTestId('feedback-events').textContent()).toContain(`Liked ${name}`);
  });

  it('imports an Exportify liked-songs CSV as likes and a ListenBrainz export as plays; the report says so and the list changes', async () => {
    // Both files are written from the loaded catalog's own tracks (real or generated), in the exporters' formats:
    // likes of one artist's tracks, and listens to another's.
    const { catalog: c } = await loadCatalogFile(catalogPath);
    const byArtist = new Map<number, number[]>();
    for (let t = 0; t < c.size; t++) {
      const a = artistsOf(c, t)[0];
      const list = byArtist.get(a);
      if (list) list.push(t);
      else byArtist.set(a, [t]);
    }
    await s.page.goto(`${s.baseUrl}#/`);
    await s.page.getByTestId('rec-artists').locator('li').first().waitFor({ timeout: 60_000 });
    const before = await recArtists();
    // Two artists with many tracks that the list does not show now.
    const [liked, played] = [...byArtist].filter(([a, ts]) => ts.length >= 12 && !before.includes(c.artists[a])).sort((x, y) => c.artistPopularity[y[0]] - c.artistPopularity[x[0]]).slice(0, 2);
    const dir = mkdtempSync(join(tmpdir(), 'nb-e2e-history-'));
    const q = (x: string) => `"${x.replace(/"/g, '""')}"`;
    const exportify = [
      ['Track URI', 'Track Name', 'Artist URI(s)', 'Album Name', 'Artist Name(s)', 'Release Date', 'Duration (ms)', 'Popularity', 'Added By', 'Added At'].map(q).join(','),
      ...liked[1].slice(0, 12).map((t, i) => [`spotify:track:${c.trackId[t]}`, c.trackName[t], '', c.albumName[t], Array.from(artistsOf(c, t), (a) => c.artists[a]).join(','), '2020-01-01', '200000', '50', '', `2024-02-0${1 + (i % 9)}T10:00:00Z`].map(q).join(',')),
    ].join('\r\n');
    writeFileSync(join(dir, 'Liked_Songs.csv'), '\uFEFF' + exportify + '\r\n');
    const listens = played[1].slice(0, 12).flatMap((t, i) => [0, 1, 2].map((k) => JSON.stringify({ listened_at: 1706735700 + i * 600 + k * 200, track_metadata: { artist_name: c.artists[played[0]], track_name: c.trackName[t], additional_info: {} } })));
    writeFileSync(join(dir, 'listenbrainz_export.zip'), zipSync({ 'user.json': new TextEncoder().encode('{}'), 'listens/2024/2.jsonl': new TextEncoder().encode(listens.join('\n') + '\n') }));

    await s.page.goto(`${s.baseUrl}#/history`);
    await s.page.getByTestId('history-files').setInputFiles(join(dir, 'Liked_Songs.csv'));
    await s.page.getByTestId('import-report').getByText('Liked_Songs.csv').waitFor({ timeout: 60_000 });
    expect(await s.page.getByTestId('likes-added').textContent()).toBe('12');
    expect(await s.page.getByTestId('plays-added').textContent()).toBe('0');
    expect(await s.page.getByTestId('likes-match-rate').textContent()).toBe('100.0%');
    expect(await s.page.getByTestId('likes-match').textContent()).toMatch(/^Liked tracks: 12 by Spotify id/);
    expect(await s.page.getByTestId('feedback-events').textContent()).toContain(`Liked ${c.trackName[liked[1][0]]}`);

    await s.page.getByTestId('history-files').setInputFiles(join(dir, 'listenbrainz_export.zip'));
    await s.page.getByTestId('import-report').getByText('listenbrainz_export.zip').waitFor({ timeout: 60_000 });
    expect(await s.page.getByTestId('plays-added').textContent()).toBe('36');
    expect(await s.page.getByTestId('match-rate').textContent()).toBe('100.0%');
    expect(await s.page.getByTestId('plays-match').textContent()).toMatch(/0 by Spotify id, 36 by artist and title/);

    await s.page.goto(`${s.baseUrl}#/`);
    await expect.poll(recArtists, { timeout: 30_000 }).not.toEqual(before);

    // The same tracks as a playlist, taken as a seed list: they land in the seeds, in order.
    writeFileSync(join(dir, 'Road_Trip.csv'), exportify.split('\r\n').slice(0, 4).join('\n') + '\n');
    await s.page.goto(`${s.baseUrl}#/history`);
    await s.page.getByTestId('history-files').setInputFiles(join(dir, 'Road_Trip.csv'));
    await s.page.getByTestId('playlist-choice').getByRole('button', { name: 'As seeds' }).click();
    await s.page.getByTestId('import-report').getByText('Road_Trip.csv').waitFor({ timeout: 60_000 });
    expect(await s.page.getByTestId('seeds-added').textContent()).toBe('3');
    await s.page.goto(`${s.baseUrl}#/`);
    await expect.poll(() => s.page.getByTestId('seed-list').textContent(), { timeout: 30_000 }).toContain(c.trackName[liked[1][2]]);
  });

  it('asks about a playlist (likes or seeds) and a CSV it does not know (mapping), and Cancel imports nothing', async () => {
    await s.page.goto(`${s.baseUrl}#/history`);
    // The earlier tests stored plays: wait until the page has counted them.
    const stored = async () => Number((/([\d,]+) plays stored/.exec(await s.page.locator('main').innerText()) ?? ['', '0'])[1].replace(/,/g, ''));
    await expect.poll(stored, { timeout: 30_000 }).toBeGreaterThan(0);
    const plays = await stored();
    await s.page.getByTestId('history-files').setInputFiles('data/fixtures/history/exportify-playlist/Road_Trip.csv');
    const choice = s.page.getByTestId('playlist-choice');
    await choice.waitFor();
    await choice.getByRole('button', { name: 'Cancel' }).click();
    expect(await s.page.getByTestId('history-error').textContent()).toMatch(/cancelled. Nothing from it was stored/);
    await s.page.getByTestId('history-files').setInputFiles('data/fixtures/history/mapped/my-player-log.csv');
    const mapping = s.page.getByTestId('column-mapping');
    await mapping.waitFor();
    expect(await s.page.getByTestId('map-trackId').locator('option:checked').textContent()).toBe('Track URI');
    expect(await s.page.getByTestId('map-length').locator('option:checked').textContent()).toBe('Length (ms)');
    await mapping.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => s.page.getByTestId('column-mapping').count()).toBe(0);
    expect(await s.page.locator('main').innerText()).toContain(`${plays.toLocaleString('en')} plays stored`);
  });
});
