// `npm run recommend -- [--history FILE...] [--before ISO-TIME] [--seeds "A;B"]
// [--mode new|familiar] [--limit N] [--community DIR] [--json]`: Discover's
// lists on the command line, from the same code as the app: the app's
// importers (in memory), its taste, its community model (trained once on
// --community, default NB_LASTFM_DIR, and cached under
// node_modules/.cache/neural-beats/), and personalize(). The JSON's
// `hindsight` is Discover's "how well do we know you" for the same plays.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { LASTFM_DIR, SPOTIFY_CSV, hasSpotify } from '../data/paths.ts';
import { loadCatalogFile, loadLastfm2k } from '../data/load.ts';
import { trainCommunity, type CfPayload } from '../src/features/models/cf/community.ts';
import type { CfModel } from '../src/features/recommend/core/cf-source.ts';
import { cfFromPayload } from '../src/features/recommend/core/community-data.ts';
import { prepareRanking } from '../src/features/recommend/core/prepare.ts';
import { personalize, type DiscoverMode } from '../src/features/recommend/core/personalize.ts';
import { catalogKeys } from '../src/features/taste/core/exclusions.ts';
import { tasteFrom } from '../src/features/taste/core/feedback.ts';
import { readSources } from '../src/features/history/core/read.ts';
import { prepareImport } from '../src/features/history/core/prepare.ts';
import type { Play } from '../src/features/history/core/play.ts';
import type { FeedbackEvent } from '../src/features/taste/core/feedback.ts';
import { diskSource } from './import.ts';
import { artistKey } from '../src/lib/keys.ts';
import type { Catalog } from '../src/features/catalog/core/catalog.ts';
import { playMatrix } from '../src/features/models/cf/lastfm2k.ts';
import { hindsight } from '../src/features/hindsight/core/hindsight.ts';

/** Where the trained community model is kept between runs (NB_CACHE_DIR overrides). */
const CACHE_DIR = resolve(process.env.NB_CACHE_DIR ?? 'node_modules/.cache/neural-beats');

function fail(message: string): never {
  console.error(`recommend: ${message}`);
  process.exit(2);
}

function args(argv: string[]) {
  const out = { history: [] as string[], before: undefined as number | undefined, seeds: [] as string[], mode: 'new' as DiscoverMode, limit: 20, community: LASTFM_DIR, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : fail(`${a} needs a value`));
    if (a === '--history') while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out.history.push(argv[++i]);
    else if (a === '--before') {
      const v = value();
      out.before = Date.parse(v);
      if (Number.isNaN(out.before)) fail(`--before ${v} is not a date and time (ISO 8601, e.g. 2024-01-31T00:00:00Z)`);
    } else if (a === '--seeds') out.seeds = value().split(';').map((s) => s.trim()).filter(Boolean);
    else if (a === '--mode') {
      const v = value();
      if (v !== 'new' && v !== 'familiar') fail(`--mode is new or familiar, not ${v}`);
      out.mode = v;
    } else if (a === '--limit') {
      out.limit = Number(value());
      if (!Number.isInteger(out.limit) || out.limit < 1) fail('--limit is a whole number ≥ 1');
    } else if (a === '--community') out.community = resolve(value());
    else if (a === '--json') out.json = true;
    else fail(`unknown option ${a}`);
  }
  return out;
}

/** The app's detection and importers, as the History page runs them (a
 *  playlist is read as likes); plays and the likes the file brings. */
async function importFile(path: string): Promise<{ plays: Play[]; likes: FeedbackEvent[] }> {
  if (!existsSync(path)) fail(`no such file: ${path}`);
  const read = await readSources([diskSource(path)], { playlistAs: 'likes' });
  if ('needs' in read) return fail(`${basename(path)} needs a column mapping, which only the History page offers`);
  const prepared = prepareImport(read, null);
  return { plays: prepared.plays, likes: prepared.likes };
}

/** The community model, trained once per data folder and cached. */
async function communityModel(dir: string, c: Catalog): Promise<CfModel | null> {
  const files = ['artists.dat', 'user_artists.dat'].map((f) => join(dir, f));
  if (!files.every(existsSync)) return null;
  const tagged = join(dir, 'user_taggedartists.dat');
  if (existsSync(tagged)) files.push(tagged);
  const key = createHash('sha1')
    .update(JSON.stringify(files.map((f) => [f, statSync(f).size, statSync(f).mtimeMs])))
    .digest('hex')
    .slice(0, 16);
  const cached = join(CACHE_DIR, `community-v2-${key}.v8`);
  let payload: CfPayload;
  if (existsSync(cached)) payload = deserialize(readFileSync(cached)) as CfPayload;
  else {
    const lf = loadLastfm2k(dir);
    console.error(`recommend: training the community model on ${dir} (once; cached in ${CACHE_DIR})`);
    payload = { ...(await trainCommunity(playMatrix(lf), lf.artistName, { ids: lf.artistId })).payload, listening: lf };
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(cached, serialize(payload));
  }
  return cfFromPayload(payload, c.artists);
}

function seedIds(c: Catalog, names: string[]): number[] {
  const keys = catalogKeys(c);
  return names.map((n) => {
    const a = (keys.artistsByKey.get(artistKey(n)) ?? []).find((x) => c.artistTrackOffsets[x + 1] > c.artistTrackOffsets[x]);
    return a ?? fail(`seed "${n}" is not an artist in the catalog`);
  });
}

const opts = args(process.argv.slice(2));
if (!hasSpotify()) fail(`the catalog is missing: ${SPOTIFY_CSV} (set NB_SPOTIFY_CSV)`);
const c = (await loadCatalogFile(SPOTIFY_CSV)).catalog;
const imported: { plays: Play[]; likes: FeedbackEvent[] }[] = [];
for (const f of opts.history) imported.push(await importFile(f));
// Only what happened before --before: plays, and likes dated by the file (an undated like counts).
const before = (t: number) => opts.before === undefined || t < opts.before;
const plays = imported.flatMap((x) => x.plays).filter((p) => before(p.ts));
const likes = imported.flatMap((x) => x.likes).filter((e) => before(e.at));
const cf = await communityModel(opts.community, c);
const taste = tasteFrom(plays, likes, opts.before ?? Date.now());
const seeds = seedIds(c, opts.seeds).map((id) => ({ kind: 'artist' as const, id }));
const ctx = { ix: prepareRanking(c), keys: catalogKeys(c), cf };
const r = personalize({ ...ctx, now: opts.before }, taste, { seeds, mode: opts.mode, limit: { artists: opts.limit, tracks: opts.limit } });
if (r.empty) fail(r.message);
// Discover's "how well do we know you" for the same plays: their last 20% hidden and predicted.
const h = hindsight(ctx, plays, likes);
const out = {
  artists: r.artists.map((x) => ({ name: c.artists[x.artist], score: Number(x.score.toFixed(4)), reason: x.reason })),
  tracks: r.tracks.map((x) => ({ track_id: c.trackId[x.track], title: c.trackName[x.track], artists: Array.from(c.artistIds.subarray(c.artistOffsets[x.track], c.artistOffsets[x.track + 1]), (a) => c.artists[a]), reason: x.reason })),
  seeds: (seeds.length ? seeds.map((s) => s.id) : r.personal.seedsFromHistory).map((a) => c.artists[a]),
  hindsight: h,
};
console.log(`${plays.length} plays; seeds: ${out.seeds.join(', ') || 'none'}; ${r.personal.note}`);
console.log('\nArtists');
out.artists.forEach((x, i) => console.log(`${String(i + 1).padStart(3)}. ${x.name} — ${x.reason}`));
console.log('\nTracks');
out.tracks.forEach((x, i) => console.log(`${String(i + 1).padStart(3)}. ${x.artists.join(', ')} – ${x.title} — ${x.reason}`));
console.log(
  h.empty
    ? `\nHow well do we know you: ${h.message}`
    : `\nHow well do we know you: last 20% of plays hidden (from ${new Date(h.split).toISOString()}); of ${h.newArtists} new artists the top 50 found ${(h.share * 100).toFixed(1)}% (${h.found.join(', ') || 'none'}), the 50 most popular ${(h.popularShare * 100).toFixed(1)}%`,
);
if (opts.json) console.log(JSON.stringify(out));
