// The real Spotify Tracks Dataset, read as the app reads it. Numbers measured
// with this loader and checked against SOURCE.md (python csv module).
import { describe, expect, it } from 'vitest';
import { hasSpotify, sayMissing, SPOTIFY_CSV } from './paths.ts';
import { loadCatalogFile } from './load.ts';
import { fromArrowIPC, readArrowIPC, toArrowIPC } from '../src/features/catalog/core/arrow.ts';
import { artistsOf, genresOf } from '../src/features/catalog/core/catalog.ts';

if (!hasSpotify()) sayMissing('The Spotify Tracks Dataset', SPOTIFY_CSV, 'skipping the real-catalog load test');

describe.skipIf(!hasSpotify())('loadCatalogFile on the real dataset', () => {
  it('reads 114,000 rows into 89,740 tracks, rejecting the row with no artists', async () => {
    const { catalog: c, summary, fingerprint, ipc } = await loadCatalogFile(SPOTIFY_CSV, { ipc: true });
    expect(summary).toEqual({
      rowsRead: 114_000,
      // 89,741 distinct track ids, less the one rejected row (its id is not repeated).
      tracks: 89_740,
      artists: 29_858,
      genres: 114,
      duplicateRows: 24_259,
      rejected: 1,
      rejectedByReason: { 'missing artists': 1 },
      // Row 65900: header is line 1, row 0 is line 2.
      rejectedSamples: [{ line: 65_902, reason: 'missing artists' }],
      hasGenres: true,
    });
    expect(summary.tracks + summary.duplicateRows + summary.rejected).toBe(summary.rowsRead);
    expect(c.trackIndex.has('1kR4gIb7nGxHPI3D2ifs59')).toBe(false);
    const t = c.trackIndex.get('3nqQXoyQOWXiESFLlDF1hG')!;
    expect(c.trackName[t]).toBe('Unholy (feat. Kim Petras)');
    expect([...artistsOf(c, t)].map((a) => c.artists[a])).toEqual(['Sam Smith', 'Kim Petras']);
    expect([...genresOf(c, t)].map((g) => c.genres[g])).toEqual(['dance', 'pop']);
    expect(c.popularity[t]).toBe(100);
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    // Arrow round trip of the whole catalog.
    const back = fromArrowIPC(ipc!);
    expect(back.trackName).toEqual(c.trackName);
    expect(back.albumName).toEqual(c.albumName);
    expect(back.artists).toEqual(c.artists);
    expect(Array.from(back.tempo)).toEqual(Array.from(c.tempo));
    expect(Array.from(back.artistIds)).toEqual(Array.from(c.artistIds));
    expect(Array.from(back.genreOffsets)).toEqual(Array.from(c.genreOffsets));
    expect(readArrowIPC(toArrowIPC(c, { summary })).summary).toEqual(summary);
  });
});
