// History import throughput (plays per second) on generated files, each beside
// a baseline measured in the same run: the bare parse of the same bytes (uDSV /
// Papa Parse for CSV, JSON.parse for Spotify JSON), so the ratio shows what the
// importer's own work (times, rules, ids) costs. Plus the taste computation
// that runs on every feedback change, and a fold-in.
import Papa from 'papaparse';
import { zipSync } from 'fflate';
import { inferSchema, initParser } from 'udsv';
import type { BenchSection } from '../context.ts';
import { round } from '../context.ts';
import { lastfmCsvImporter } from '../../src/features/history/core/lastfm.ts';
import { mappedCsvImporter } from '../../src/features/history/core/mapped-csv.ts';
import { importSpotifyFiles, importSpotifyZip } from '../../src/features/history/core/spotify.ts';
import { countPlays, tasteFromCounts, type FeedbackEvent } from '../../src/features/taste/core/feedback.ts';
import type { Play } from '../../src/features/history/core/play.ts';
import { foldInUser, gram } from '../../src/features/models/cf/mf.ts';
import { gaussian, rng } from '../../src/platform/random.ts';

const SEED = 11;
const CSV_ROWS = 400_000;
const JSON_ROWS = 200_000;
const CHUNK = 1 << 20;

function names(n: number, prefix: string, rand: () => number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix} ${i} ${['Blue', 'Night', 'Café', 'Rock & Roll', 'Echo'][Math.floor(rand() * 5)]}`);
}

function lastfmCsv(rows: number, rand: () => number): string {
  const artists = names(5000, 'Artist', rand);
  const out: string[] = [];
  const t0 = Date.UTC(2015, 0, 1);
  for (let i = 0; i < rows; i++) {
    const a = artists[Math.floor(rand() ** 2 * artists.length)];
    const ts = new Date(t0 + i * 180_000);
    const date = `${ts.getUTCDate()} ${ts.toUTCString().slice(8, 11)} ${ts.getUTCFullYear()} ${String(ts.getUTCHours()).padStart(2, '0')}:${String(ts.getUTCMinutes()).padStart(2, '0')}`;
    out.push(`"${a}","Album ${i % 911}","Song ${Math.floor(rand() * 20000)}, part ${i % 3}","${date}"`);
  }
  return out.join('\n') + '\n';
}

function extendedJson(rows: number, rand: () => number): string {
  const artists = names(5000, 'Artist', rand);
  const t0 = Date.UTC(2018, 0, 1);
  const entries = Array.from({ length: rows }, (_, i) => {
    const ms = Math.floor(rand() * 300_000);
    return {
      ts: new Date(t0 + i * 200_000).toISOString().replace('.000', ''),
      platform: 'android',
      ms_played: ms,
      conn_country: 'NL',
      master_metadata_track_name: `Song ${Math.floor(rand() * 20000)}`,
      master_metadata_album_artist_name: artists[Math.floor(rand() ** 2 * artists.length)],
      master_metadata_album_album_name: `Album ${i % 911}`,
      spotify_track_uri: `spotify:track:${(i % 99991).toString(36).padStart(22, '0')}`,
      episode_name: null,
      reason_start: 'trackdone',
      reason_end: ms < 30_000 ? 'fwdbtn' : 'trackdone',
      shuffle: false,
      skipped: ms < 30_000,
      offline: false,
      incognito_mode: rand() < 0.01,
    };
  });
  return JSON.stringify(entries);
}

function time<T>(f: () => T): { ms: number; out: T } {
  const t0 = performance.now();
  const out = f();
  return { ms: performance.now() - t0, out };
}

function pushChunks(imp: { push(c: Uint8Array): void }, bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i += CHUNK) imp.push(bytes.subarray(i, i + CHUNK));
}

const section: BenchSection = {
  name: 'history',
  async run() {
    const rand = rng(SEED);
    const enc = new TextEncoder();
    const rows: Record<string, unknown>[] = [];
    const out: Record<string, number | string> = {};
    const rate = (n: number, ms: number): number => Math.round((n / ms) * 1000);

    // Last.fm CSV, streamed in 1 MB chunks.
    const csvText = lastfmCsv(CSV_ROWS, rand);
    const csv = enc.encode(csvText);
    let n = 0;
    const lf = time(() => {
      const imp = lastfmCsvImporter({ onBatch: (b) => (n += b.length) });
      pushChunks(imp, csv);
      return imp.end();
    });
    const udsv = time(() => {
      const p = initParser(inferSchema(csvText.slice(0, 10000), { header: () => [] }));
      let k = 0;
      p.chunk<string[]>(csvText, p.stringArrs, () => void k++);
      p.end();
      return k;
    });
    const papa = time(() => Papa.parse<string[]>(csvText, { header: false }).data.length);
    out.history_lastfm_plays_per_s = rate(n, lf.ms);
    out.history_lastfm_vs_bare_udsv = round(lf.ms / udsv.ms);
    rows.push({ importer: 'Last.fm CSV (streamed, 1 MB chunks)', mb: round(csv.length / 2 ** 20, 1), plays: n, ms: Math.round(lf.ms), plays_per_s: out.history_lastfm_plays_per_s, bare_udsv_rows_per_s: rate(udsv.out, udsv.ms), bare_papaparse_rows_per_s: rate(papa.out, papa.ms) });

    // The same rows through the column-mapping importer.
    n = 0;
    const mapped = time(() => {
      const imp = mappedCsvImporter({ delimiter: ',', hasHeader: false, artist: 0, album: 1, title: 2, time: 3 }, { onBatch: (b) => (n += b.length) });
      pushChunks(imp, csv);
      return imp.end();
    });
    out.history_csv_plays_per_s = rate(n, mapped.ms);
    rows.push({ importer: 'mapped CSV (same file)', mb: round(csv.length / 2 ** 20, 1), plays: n, ms: Math.round(mapped.ms), plays_per_s: out.history_csv_plays_per_s });

    // Spotify extended history: 4 files, as JSON bytes, then as a zip.
    const files = Array.from({ length: 4 }, (_, i) => ({ name: `Streaming_History_Audio_${2020 + i}_${i}.json`, data: enc.encode(extendedJson(JSON_ROWS / 4, rand)) }));
    const jsonBytes = files.reduce((s, f) => s + f.data.length, 0);
    const sp = time(() => importSpotifyFiles(files));
    const bare = time(() => files.reduce((s, f) => s + (JSON.parse(new TextDecoder().decode(f.data)) as unknown[]).length, 0));
    const kept = sp.out.listens + sp.out.skips;
    out.history_spotify_json_plays_per_s = rate(sp.out.read, sp.ms);
    out.history_spotify_vs_bare_json_parse = round(sp.ms / bare.ms);
    rows.push({ importer: 'Spotify extended JSON (4 files)', mb: round(jsonBytes / 2 ** 20, 1), plays: kept, ms: Math.round(sp.ms), plays_per_s: out.history_spotify_json_plays_per_s, bare_json_parse_rows_per_s: rate(bare.out, bare.ms) });
    const zip = zipSync(Object.fromEntries(files.map((f) => [`MyData/${f.name}`, f.data])), { level: 6 });
    const z = time(() => importSpotifyZip(zip));
    out.history_spotify_zip_plays_per_s = rate(z.out.read, z.ms);
    rows.push({ importer: 'Spotify export .zip (same files)', mb: round(zip.length / 2 ** 20, 1), plays: z.out.listens + z.out.skips, ms: Math.round(z.ms), plays_per_s: out.history_spotify_zip_plays_per_s });
    console.log('\n## history: import throughput (generated files; speed only)');
    console.table(rows);

    // Taste: counting 100k plays (after an import or exclusion), then the per-feedback step with 200 events.
    const plays: Play[] = sp.out.plays.slice(0, 100_000);
    const events: FeedbackEvent[] = plays.slice(0, 200).map((p, i) => ({ id: `e${i}`, at: p.ts, type: i % 2 ? 'like' : 'dislike', target: { kind: 'artist', artist: p.artist } }));
    const now = Date.UTC(2030, 0, 1);
    const counts = time(() => countPlays(plays, events));
    const first = time(() => tasteFromCounts(counts.out, events, now));
    // A new like: the per-feedback step once the counts' implicit part is cached.
    const more: FeedbackEvent[] = [...events, { id: 'new', at: now, type: 'like', target: { kind: 'artist', artist: plays[500].artist } }];
    const taste = time(() => tasteFromCounts(counts.out, more, now));
    out.history_count_plays_100k_ms = Math.round(counts.ms);
    out.history_taste_first_ms = Math.round(first.ms);
    out.history_taste_per_feedback_ms = round(taste.ms, 1);

    // Fold-in against 17.6k items x 64 factors (the Last.fm 2K size).
    const k = 64;
    const items = 17_632;
    const Y = Float32Array.from({ length: items * k }, () => gaussian(rand) * 0.1);
    const G = time(() => gram(Y, k));
    const row = { items: Int32Array.from({ length: 50 }, (_, i) => i * 300), confidence: new Float32Array(50).fill(5), preference: new Float32Array(50).fill(1) };
    const reps = 50;
    const f = time(() => {
      for (let r = 0; r < reps; r++) foldInUser(Y, k, row, 5, G.out);
    });
    out.history_foldin_ms = round(f.ms / reps, 3);
    out.history_gram_ms = Math.round(G.ms);
    console.table({ count_plays_100k_ms_after_import: out.history_count_plays_100k_ms, taste_first_after_count_ms: out.history_taste_first_ms, taste_per_feedback_ms_201_events: out.history_taste_per_feedback_ms, foldin_ms_50_artists: out.history_foldin_ms, gram_ms_once_per_model: out.history_gram_ms });
    return out;
  },
};

export default section;
