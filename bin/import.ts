// `npm run import -- FILE [FILE...] [--json] [--playlist likes|seeds]`: the
// app's detection, importers and matcher, in Node, against the catalog at
// NB_SPOTIFY_CSV. Prints each file's match report; with --json, one JSON
// object per file as the last lines. Exits non-zero only when every file was refused.
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { SPOTIFY_CSV } from '../data/paths.ts';
import { loadCatalogFile } from '../data/load.ts';
import { buildMatcher, matchPlays, type MatchReport, type PlayMatcher } from '../src/features/history/core/match.ts';
import { nameRuleGains } from '../src/features/history/core/name-rules.ts';
import { readSources, type HistorySource, type PlaylistUse } from '../src/features/history/core/read.ts';
import { ImportError } from '../src/features/history/core/play.ts';

/** A file on disk, streamed in 1 MB chunks like File.stream() in the worker. */
export function diskSource(path: string): HistorySource {
  return {
    name: basename(path),
    size: statSync(path).size,
    async head(n) {
      const fd = openSync(path, 'r');
      try {
        const buf = new Uint8Array(n);
        return buf.subarray(0, readSync(fd, buf, 0, n, 0));
      } finally {
        closeSync(fd);
      }
    },
    async *chunks() {
      for await (const c of createReadStream(path, { highWaterMark: 1 << 20 })) yield new Uint8Array(c as Buffer);
    },
    bytes: async () => new Uint8Array(readFileSync(path)),
  };
}

export interface FileReport {
  file: string;
  format: string | null;
  read: number;
  kept: number;
  dropped: Record<string, number>;
  by_track_id: number;
  by_artist_title: number;
  by_artist: number;
  unmatched: number;
  match_rate: number | null;
  likes: number;
  error: string | null;
}

const refused = (file: string, error: string): FileReport => ({
  file, format: null, read: 0, kept: 0, dropped: {}, by_track_id: 0, by_artist_title: 0, by_artist: 0, unmatched: 0, match_rate: null, likes: 0, error,
});

export async function reportFile(path: string, matcher: PlayMatcher, playlistAs: PlaylistUse = 'likes'): Promise<{ report: FileReport; match?: MatchReport; names?: Map<string, number> }> {
  if (!existsSync(path)) return { report: refused(path, `${path}: no such file`) };
  try {
    const read = await readSources([diskSource(path)], { playlistAs });
    if (!Array.isArray(read))
      return { report: refused(path, `${path}: detection is not sure what this CSV is; map its columns on the app's History page`) };
    const [{ format, result: r }] = read;
    const rows = [...r.plays, ...r.likes];
    const { report: m } = matchPlays(matcher, rows);
    const names = new Map<string, number>();
    for (const p of rows) names.set(p.artist, (names.get(p.artist) ?? 0) + 1);
    return {
      match: m,
      names,
      report: {
        file: path,
        format,
        read: r.read,
        kept: r.listens + r.skips + r.likes.length,
        dropped: r.droppedByReason,
        by_track_id: m.byTrackId,
        by_artist_title: m.byArtistTitle,
        by_artist: m.byArtistOnly,
        unmatched: m.unmatched,
        match_rate: m.plays ? Number(m.matchRate.toFixed(4)) : null,
        likes: r.likes.length,
        error: null,
      },
    };
  } catch (e) {
    if (e instanceof ImportError) return { report: refused(path, e.message) };
    throw e;
  }
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const pi = argv.indexOf('--playlist');
  const playlistAs = (pi >= 0 ? argv[pi + 1] : 'likes') as PlaylistUse;
  const files = argv.filter((a, i) => !a.startsWith('--') && !(pi >= 0 && i === pi + 1));
  if (!files.length) {
    console.error('usage: npm run import -- FILE [FILE...] [--json] [--playlist likes|seeds]');
    return 2;
  }
  if (!existsSync(SPOTIFY_CSV)) {
    console.error(`The catalog is not at ${SPOTIFY_CSV}: set NB_SPOTIFY_CSV to the Spotify Tracks Dataset CSV.`);
    return 2;
  }
  const t0 = performance.now();
  const { catalog } = await loadCatalogFile(SPOTIFY_CSV);
  const t1 = performance.now();
  const matcher = buildMatcher(catalog);
  console.log(`catalog: ${catalog.size.toLocaleString('en')} tracks (${Math.round(t1 - t0)} ms); matcher built in ${Math.round(performance.now() - t1)} ms`);
  const reports: FileReport[] = [];
  for (const f of files) {
    const { report: r, match, names } = await reportFile(f, matcher, playlistAs);
    reports.push(r);
    if (r.error) {
      console.log(`\n${f}: refused — ${r.error}`);
      continue;
    }
    console.log(`\n${f}: ${r.format}, ${r.read} read, ${r.kept} kept${r.likes ? ` (${r.likes} likes)` : ''}, dropped ${JSON.stringify(r.dropped)}`);
    console.log(`  matched: ${r.by_track_id} by track id, ${r.by_artist_title} by artist and title, ${r.by_artist} by artist only, ${r.unmatched} not found (${((r.match_rate ?? 0) * 100).toFixed(1)}%)`);
    if (match?.multiArtist) console.log(`  several artists in one field: ${match.multiArtist}, of which ${match.multiArtistMatched} matched to two or more`);
    if (match?.unmatchedArtists.length) console.log(`  not in the catalog: ${match.unmatchedArtists.slice(0, 10).map((a) => `${a.artist} (${a.plays})`).join(', ')}`);
    if (names) {
      const g = nameRuleGains(catalog.artists, names);
      console.log(`  artist names matching as written: ${g.plain} of ${g.plays}; each rule adds: ${Object.entries(g.gains).map(([k, v]) => `${k} +${v}`).join(', ')}`);
    }
  }
  if (json) for (const r of reports) console.log(JSON.stringify(r));
  return reports.every((r) => r.error) ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
