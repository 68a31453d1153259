// The bad-input corpus: the small hand-written files in data/fixtures/bad/,
// plus the big and archive cases, generated at test time (never committed):
// a zip bomb, a zip whose directory lies about sizes, and 200 MB streams.
// And one runner per importer, each fed bytes the way the app feeds them.
import { Utf8Chunks } from '../src/platform/text.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { CatalogIngest } from '../src/features/catalog/core/ingest.ts';
import { importLastfmCsv } from '../src/features/history/core/lastfm.ts';
import { importSpotifyFiles, importSpotifyZip } from '../src/features/history/core/spotify.ts';
import { importMappedCsv } from '../src/features/history/core/mapped-csv.ts';
import { parseBackupFile } from '../src/features/backup/backup.ts';

export const BAD_DIR = join(import.meta.dirname, 'fixtures', 'bad');

export interface BadFile {
  name: string;
  bytes: Uint8Array;
}

/** The committed files (not the README). */
export function fixtureFiles(): BadFile[] {
  return readdirSync(BAD_DIR)
    .filter((n) => n !== 'README.md')
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(BAD_DIR, name))) }));
}

/** `mb` MB of zeros in a Spotify-named entry: compresses about 1000:1. */
export function zipBomb(mb = 64): BadFile {
  const bytes = zipSync({ 'MyData/Streaming_History_Audio_2024_0.json': new Uint8Array(mb * 2 ** 20) }, { level: 9 });
  return { name: 'bomb.zip', bytes };
}

/** A small zip whose central directory claims its history file unpacks to
 *  `claimMb` MB (a lying header; the real data is tiny). */
export function lyingZip(claimMb = 300): BadFile {
  const json = new TextEncoder().encode('[{"endTime": "2024-01-31 21:18", "artistName": "A", "trackName": "B", "msPlayed": 1000}]');
  const zip = zipSync({ 'StreamingHistory_music_0.json': json }, { level: 0 });
  const view = new DataView(zip.buffer);
  // Central directory entries start with PK\1\2; uncompressed size is at +24.
  for (let i = 0; i + 4 < zip.length; i++) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, claimMb * 2 ** 20, true);
  }
  return { name: 'lying.zip', bytes: zip };
}

/** A zip archive with no listening history in it. */
export function foreignZip(): BadFile {
  return { name: 'photos.zip', bytes: zipSync({ 'photo.png': new Uint8Array(100), 'notes.txt': new TextEncoder().encode('hello') }) };
}

/** A zip cut off half way. */
export function truncatedZip(): BadFile {
  const zip = zipSync({ 'StreamingHistory_music_0.json': new TextEncoder().encode('[{"endTime": "2024-01-31 21:18", "artistName": "A", "trackName": "B", "msPlayed": 1000}]'.repeat(50)) });
  return { name: 'truncated.zip', bytes: zip.subarray(0, zip.length >> 1) };
}

/** A stream of `totalBytes` made by repeating `chunk`, after `head`: a big
 *  file that never sits in memory. */
export function* repeatedChunks(head: string, chunk: string, totalBytes: number): Generator<string> {
  yield head;
  let sent = head.length;
  while (sent < totalBytes) {
    yield chunk;
    sent += chunk.length;
  }
}

// ---- one runner per importer ---------------------------------------------------

/** What an importer made of a file: a summary, or the message it refused it with. */
export type Outcome = { ok: true; summary: string; names: string[] } | { ok: false; message: string; error: string };

function outcome(run: () => { summary: string; names: string[] }): Outcome {
  try {
    return { ok: true, ...run() };
  } catch (e) {
    return { ok: false, message: (e as Error).message, error: (e as Error).name };
  }
}

/** As src/features/catalog/catalog.worker.ts: UTF-8 decoded in a stream, pushed chunk by chunk. */
export function runCatalog(f: BadFile): Outcome {
  return outcome(() => {
    const parser = new CatalogIngest();
    const decoder = new Utf8Chunks(f.name);
    for (let i = 0; i < f.bytes.length; i += 64 * 1024) parser.push(decoder.decode(f.bytes.subarray(i, i + 64 * 1024)));
    parser.push(decoder.end());
    const { columns, summary } = parser.end();
    return { summary: `${summary.tracks} tracks, ${summary.rejected} rejected`, names: [...columns.trackName, ...columns.artists] };
  });
}

type History = { plays: { artist: string; track: string }[]; listens: number; skips: number; dropped: number };
const historySummary = (r: History) => ({ summary: `${r.listens} listens, ${r.skips} skips, ${r.dropped} dropped`, names: r.plays.flatMap((p) => [p.artist, p.track]) });

export const runLastfm = (f: BadFile): Outcome => outcome(() => historySummary(importLastfmCsv(f.bytes, { file: f.name })));
export const runSpotifyFiles = (f: BadFile): Outcome => outcome(() => historySummary(importSpotifyFiles([{ name: f.name, data: f.bytes }])));
export const runSpotifyZip = (f: BadFile): Outcome => outcome(() => historySummary(importSpotifyZip(f.bytes, { file: f.name })));
/** The mapping a user would pick for a 4-column artist,album,track,date file. */
export const runMappedCsv = (f: BadFile): Outcome =>
  outcome(() => historySummary(importMappedCsv(f.bytes, { delimiter: ',', hasHeader: false, artist: 0, album: 1, title: 2, time: 3 }, { file: f.name })));

export async function runBackup(f: BadFile): Promise<Outcome> {
  try {
    const b = await parseBackupFile(new Blob([f.bytes as Uint8Array<ArrayBuffer>]));
    return { ok: true, summary: Object.keys(b.tables).join(','), names: [] };
  } catch (e) {
    return { ok: false, message: (e as Error).message, error: (e as Error).name };
  }
}
