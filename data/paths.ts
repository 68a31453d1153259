// Where tests, eval and benchmarks find the real data. The app never reads
// these: there the user brings the files.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SPOTIFY_CSV = resolve(process.env.NB_SPOTIFY_CSV ?? '../shared/data/spotify-tracks/dataset.csv');
export const LASTFM_DIR = resolve(process.env.NB_LASTFM_DIR ?? '../shared/data/lastfm-2k');

export const hasSpotify = (): boolean => existsSync(SPOTIFY_CSV);
export const hasLastfm = (): boolean => existsSync(resolve(LASTFM_DIR, 'user_artists.dat'));

/** Says plainly, once, what is missing and what runs instead. */
export function sayMissing(what: string, path: string, instead: string): void {
  console.warn(`[neural-beats] ${what} not found at ${path}: ${instead}`);
}
