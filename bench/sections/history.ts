// History import throughput, per format: a generated 100k-play file in that
// format, from its bytes to rows stored, through the same runImport the
// worker runs (detection, importer, the catalog matcher, dedupe, the store
// transaction), against fake-indexeddb in Node (the app has the browser's
// IndexedDB). Beside each, the bare parse of the same bytes (uDSV for CSV,
// JSON.parse for JSON, per-line JSON.parse for JSON Lines) in the same run.
// Rates are given per wall second and per CPU second of this process (the
// dev machine is shared; CPU time is what the import itself costs).
// Plus the matcher build (once per catalog), the taste computation that runs
// on every feedback change, and a fold-in.
import 'fake-indexeddb/auto';
import { unzipSync } from 'fflate';
import { inferSchema, initParser } from 'udsv';
import type { BenchSection } from '../context.ts';
import { round } from '../context.ts';
import { FORMATS, genPlays } from '../history-files.ts';
import { hasSpotify, sayMissing, SPOTIFY_CSV } from '../../data/paths.ts';
import { generateCatalogCsv } from '../../data/generate.ts';
import { CatalogIngest } from '../../src/features/catalog/core/ingest.ts';
import { indexCatalog, type Catalog } from '../../src/features/catalog/core/catalog.ts';
import { NeuralBeatsDB } from '../../src/platform/db.ts';
import { matcherFor } from '../../src/features/history/core/match.ts';
import { runImport } from '../../src/features/history/import.ts';
import { readSources, type ReadChoices } from '../../src/features/history/core/read.ts';
import { prepareImport } from '../../src/features/history/core/prepare.ts';
import { dedupePlays } from '../../src/features/history/core/dedupe.ts';
import { bytesSource } from '../../test/history-sources.ts';
import { addPlays, playCount } from '../../src/features/history/plays.ts';
import { countPlays, tasteFromCounts, type FeedbackEvent } from '../../src/features/taste/core/feedback.ts';
import type { Play } from '../../src/features/history/core/play.ts';
import { foldInUser, gram } from '../../src/features/models/cf/mf.ts';
import { gaussian, rng } from '../../src/platform/random.ts';

const SEED = 11;
const PLAYS = 100_000;

async function catalog(): Promise<{ catalog: Catalog; source: string }> {
  if (hasSpotify()) {
    const { loadCatalogFile } = await import('../../data/load.ts');
    return { catalog: (await loadCatalogFile(SPOTIFY_CSV)).catalog, source: 'real' };
  }
  sayMissing('Spotify dataset', SPOTIFY_CSV, 'matching against a generated catalog of 114k tracks');
  const ingest = new CatalogIngest();
  ingest.push(generateCatalogCsv({ rows: 114_000, seed: SEED }).text);
  return { catalog: indexCatalog(ingest.end().columns), source: 'generated (114k rows)' };
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function time<T>(f: () => T): { ms: number; out: T } {
  const t0 = performance.now();
  const out = f();
  return { ms: performance.now() - t0, out };
}

const MAPPING: ReadChoices['mapping'] = { delimiter: ';', hasHeader: true, time: 0, artist: 1, title: 2, trackId: 3, duration: 4, durationUnit: 's', artistSeparator: '|' };

/** The bare parse of the same bytes: the floor any importer of that syntax sits on. */
function bareParse(name: string, bytes: Uint8Array): number {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const files = zip ? Object.entries(unzipSync(bytes)).map(([n, b]) => ({ n, text: new TextDecoder().decode(b) })) : [{ n: name, text: new TextDecoder().decode(bytes) }];
  let k = 0;
  for (const { n, text } of files) {
    if (/\.jsonl$|\.log$/.test(n)) for (const l of text.split('\n')) k += l && l[0] === '{' ? (JSON.parse(l), 1) : l ? 1 : 0;
    else if (n.endsWith('.json')) k += (JSON.parse(text) as unknown[]).length ?? 1;
    else {
      const p = initParser(inferSchema(text.slice(0, 10000), { header: () => [] }));
      p.chunk<string[]>(text, p.stringArrs, () => void k++);
      p.end();
    }
  }
  return k;
}

const section: BenchSection = {
  name: 'history',
  async run() {
    const rand = rng(SEED);
    const out: Record<string, number | string> = {};
    const rows: Record<string, unknown>[] = [];
    const rate = (n: number, ms: number): number => Math.round((n / ms) * 1000);
    const { catalog: c, source } = await catalog();
    let t = performance.now();
    const matcher = await matcherFor(`bench-${source}`, () => c);
    out.history_matcher_build_ms = Math.round(performance.now() - t);
    t = performance.now();
    await matcherFor(`bench-${source}`, () => c);
    const reuseMs = performance.now() - t;
    console.log(`\n## history: import, file bytes to rows stored (catalog: ${source}; store: fake-indexeddb)`);
    console.table({ matcher_build_ms_once_per_catalog: out.history_matcher_build_ms, matcher_reuse_ms_next_import: round(reuseMs, 3) });

    const plays = genPlays(c, PLAYS, SEED);
    const once = async (format: string, db: NeuralBeatsDB) => {
      const f = FORMATS[format](plays);
      const bytes = typeof f.text === 'string' ? new TextEncoder().encode(f.text) : f.text;
      const c0 = cpuMs();
      const t0 = performance.now();
      const r = await runImport(db, [bytesSource(f.name, bytes)], { playlistAs: 'likes', mapping: MAPPING }, async () => matcher);
      const ms = performance.now() - t0;
      const cpu = cpuMs() - c0;
      if ('needs' in r) throw new Error(`${format}: the bench file needs a ${r.needs}`);
      return { r, ms, cpu, bytes, name: f.name };
    };
    // Warm-up (JIT), not measured.
    const warm = new NeuralBeatsDB('bench-history-warmup');
    await once('lastfm-csv', warm);
    await warm.delete();
    // The store's floor: the same plays bulk-added one row per play (as before version 2), and as chunks.
    const floorDb = new NeuralBeatsDB('bench-history-floor');
    const floorRows = plays.map((x, i) => ({ id: `p${i}`, ts: x.ts, stamp: x.ts, precision: 's' as const, artist: x.artist, track: x.track, album: x.album, source: 'bench', importId: 'i' }));
    t = performance.now();
    await floorDb.transaction('rw', floorDb.plays, () => floorDb.plays.bulkAdd(floorRows));
    out.history_store_floor_bulkadd_rows_per_s = rate(PLAYS, performance.now() - t);
    t = performance.now();
    await floorDb.transaction('rw', floorDb.playChunks, () => addPlays(floorDb, 'i', floorRows));
    out.history_store_chunks_plays_per_s = rate(PLAYS, performance.now() - t);
    await floorDb.delete();
    for (const format of Object.keys(FORMATS)) {
      // The part that is ours alone: file bytes to rows ready for the store (read, match, dedupe).
      const f = FORMATS[format](plays);
      const fileBytes = typeof f.text === 'string' ? new TextEncoder().encode(f.text) : f.text;
      const tp = performance.now();
      const read = await readSources([bytesSource(f.name, fileBytes)], { playlistAs: 'likes', mapping: MAPPING });
      if (!Array.isArray(read)) throw new Error(`${format}: needs ${read.needs}`);
      const prep = prepareImport(read, matcher);
      dedupePlays(prep.plays, []);
      const pureMs = performance.now() - tp;
      const db = new NeuralBeatsDB(`bench-history-${format}`);
      const { r, ms, cpu, bytes, name } = await once(format, db);
      const t1 = performance.now();
      const bare = bareParse(name, bytes);
      const bareMs = performance.now() - t1;
      const stored = (await playCount(db)) + (await db.feedback.count());
      await db.delete();
      const key = format.replace(/-/g, '_');
      out[`history_import_${key}_plays_per_s`] = rate(r.read, ms);
      out[`history_import_${key}_plays_per_cpu_s`] = rate(r.read, cpu);
      out[`history_import_${key}_vs_bare_parse`] = round(ms / bareMs);
      out[`history_read_match_${key}_plays_per_s`] = rate(r.read, pureMs);
      rows.push({ format, mb: round(bytes.length / 2 ** 20, 1), read: r.read, stored, match_rate: r.match?.plays ? round(r.match.matchRate, 3) : round(r.likesMatch?.matchRate ?? 0, 3), ms: Math.round(ms), plays_per_s: out[`history_import_${key}_plays_per_s`], plays_per_cpu_s: out[`history_import_${key}_plays_per_cpu_s`], read_match_plays_per_s: out[`history_read_match_${key}_plays_per_s`], bare_parse_ms: Math.round(bareMs), bare_rows: bare, vs_bare: out[`history_import_${key}_vs_bare_parse`] });
    }
    console.table(rows);
    console.log(`store floor (fake-indexeddb, ${PLAYS} plays alone): one row per play ${out.history_store_floor_bulkadd_rows_per_s} rows/s; in chunks ${out.history_store_chunks_plays_per_s} plays/s`);

    // Taste: counting 100k plays (after an import or exclusion), then the per-feedback step with 200 events.
    const tastePlays: Play[] = plays.map((x, i) => ({ id: String(i), ts: x.ts, artist: x.artist, ...(x.artists.length > 1 ? { artists: x.artists } : {}), track: x.track, source: 'bench' }));
    const events: FeedbackEvent[] = tastePlays.slice(0, 200).map((p, i) => ({ id: `e${i}`, at: p.ts, type: i % 2 ? 'like' : 'dislike', target: { kind: 'artist', artist: p.artist } }));
    const now = Date.UTC(2030, 0, 1);
    const counts = time(() => countPlays(tastePlays, events));
    const first = time(() => tasteFromCounts(counts.out, events, now));
    // A new like: the per-feedback step once the counts' implicit part is cached.
    const more: FeedbackEvent[] = [...events, { id: 'new', at: now, type: 'like', target: { kind: 'artist', artist: tastePlays[500].artist } }];
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
