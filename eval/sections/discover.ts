// Discover on Last.fm 2K (issue 17), through the app's personalize() with
// weights fitted on this seed's validation users (eval/discover-fit.ts), over
// every test user (the other 70% of the cf section's split, never fitted on):
//  - history users (their train plays, no seeds, "new to me"): recall@10/50
//    and NDCG@10 on held-out catalog artists, against the community list
//    alone (_cf), content similarity to the history (_content), most-listened
//    Last.fm artists not played (_lfpop), Spotify popularity, random;
//  - seed users (seeds: their three most-played train catalog artists, no
//    other history): the same against _cf (fold-in from the seeds), _content, _lfpop;
//  - discover_known_at20: played artists in the default mode's top 20;
//  - discover_seed_balance: over four named seed sets, the smallest
//    (share of the top 20 credited to one seed) × (number of seeds);
//  - discover_tracks_artist_recall_at50 (and _seeds_): the held-out artists
//    among the artists of the 50 tracks, against content alone and the former weight;
//  - discover_feedback_recall_at10: after one round of feedback on the first
//    10 (like those held out, dislike up to three others), the next 10 on the
//    held-out artists not yet shown; _none: items 11–20 of the first list.
import { readFileSync } from 'node:fs';
import type { EvalContext, EvalSection } from '../context.ts';
import { loadLastfm2k } from '../../data/load.ts';
import { rankMetrics } from '../../src/features/models/cf/cf-eval.ts';
import { rng, shuffle } from '../../src/platform/random.ts';
import { prepareRanking } from '../../src/features/recommend/core/prepare.ts';
import { personalize, pick, prepare, type PersonalContext, type PersonalRequest, type Prepared } from '../../src/features/recommend/core/personalize.ts';
import { catalogKeys } from '../../src/features/taste/core/exclusions.ts';
import { artistKey } from '../../src/lib/keys.ts';
import { topK } from '../../src/lib/vectors.ts';
import { discoverSplit, feedbackRound, fitDiscoverWeights, nextList, noTaste, seedRequest, trackArtistRecall } from '../discover-fit.ts';
import { rank } from '../../src/features/recommend/core/rank.ts';

const BALANCE_SETS = [
  ['Sam Smith', 'Beyoncé', 'Bad Bunny'],
  ['Radiohead', 'Daft Punk'],
  ['Adele', 'Metallica', 'Shakira'],
  ['Taylor Swift', 'Eminem'],
];
const LIST = { artists: 50, tracks: 0 };
const TRACKS = { artists: 0, tracks: 50 };
const r4 = (x: number) => Number(x.toFixed(4));

class Mean {
  private sums = new Map<string, number>();
  private counts = new Map<string, number>();
  add(key: string, v: number): void {
    this.sums.set(key, (this.sums.get(key) ?? 0) + v);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  all(): Record<string, number> {
    return Object.fromEntries([...this.sums].map(([k, s]) => [k, r4(s / this.counts.get(k)!)]));
  }
}

function score(m: Mean, prefix: string, suffix: string, list: number[], truth: Set<number>): void {
  const at10 = rankMetrics(list.slice(0, 10), truth, 10);
  m.add(`${prefix}recall_at10${suffix}`, at10.recall);
  m.add(`${prefix}recall_at50${suffix}`, rankMetrics(list.slice(0, 50), truth, 50).recall);
  m.add(`${prefix}ndcg_at10${suffix}`, at10.ndcg);
}

/** The track list (50) as shipped, with content similarity at the former
 *  hand-set half of a track's score (_sound_half), and the content source's
 *  tracks alone (_content): the held-out artists among their artists. */
function tracks(m: Mean, prefix: string, pc: PersonalContext, p: Prepared, req: PersonalRequest, truth: Set<number>): void {
  const c = pc.ix.catalog;
  const r = { ...req, limit: TRACKS };
  m.add(`${prefix}artist_recall_at50`, trackArtistRecall(c, pick(pc, p, r), truth));
  m.add(`${prefix}artist_recall_at50_sound_half`, trackArtistRecall(c, pick({ ...pc, weights: { ...pc.weights!, trackSound: 0.5 } }, p, r), truth));
  m.add(`${prefix}artist_recall_at50_content`, trackArtistRecall(c, rank(pc.ix, { seeds: p.seeds, exclude: p.exclude, limit: TRACKS }), truth));
}

const section: EvalSection = {
  name: 'discover',
  needs: ['spotify', 'lastfm'],
  async run(ctx: EvalContext) {
    const c = ctx.catalog!;
    const lf = loadLastfm2k(ctx.lastfmDir!);
    const ix = prepareRanking(c);
    const keys = catalogKeys(c);
    const ds = await discoverSplit(lf, c, ctx.seed);
    const t0 = performance.now();
    const weights = await fitDiscoverWeights({ ix, keys }, ds, ctx.seed);
    const fitS = (performance.now() - t0) / 1000;
    ctx.table(`discover: weights fitted on ${ds.validation.length} validation users (seed ${ctx.seed}), cf alone for history ${weights.cfAlone?.history}, seeds ${weights.cfAlone?.seeds}`, { bias: weights.bias, ...Object.fromEntries(weights.features.map((f, j) => [f, weights.weights[j]])) });
    const stored = JSON.parse(readFileSync(new URL('../../src/features/recommend/core/discover-weights.json', import.meta.url), 'utf8'));
    const pc: PersonalContext = { ix, keys, cf: ds.cf, weights };
    const cases = ds.test;
    const m = new Mean();
    const rand = rng(ctx.seed + 9);
    let known = 0;
    let seedUsers = 0;
    const ids = (r: ReturnType<typeof personalize>) => (r.empty ? [] : r.artists.map((x) => x.artist));
    for (const u of cases) {
      // History users.
      const hreq: PersonalRequest = { seeds: [], limit: LIST };
      const p = prepare(pc, u.taste, hreq);
      const first = ids(pick(pc, p, hreq));
      score(m, 'discover_', '', first, u.truth);
      known += first.slice(0, 20).filter((a) => u.played.has(a)).length;
      const s = p.u.signals;
      score(m, 'discover_', '_cf', topK(s.cf, p.allowed, 50), u.truth);
      score(m, 'discover_', '_content', topK(s.contentHistory, p.allowed, 50), u.truth);
      score(m, 'discover_', '_lfpop', topK(s.lfPop, p.allowed, 50), u.truth);
      score(m, 'discover_', '_spotifypop', topK(s.spotifyPop, p.allowed, 50), u.truth);
      tracks(m, 'discover_tracks_', pc, p, hreq, u.truth);
      const pool = shuffle(Int32Array.from(p.allowed.keys()).filter((a) => p.allowed[a] === 1), rand);
      score(m, 'discover_', '_random', Array.from(pool.subarray(0, 50)), u.truth);

      // One round of feedback on the first 10.
      const round = feedbackRound(c, u, first);
      if (round) {
        m.add('discover_feedback_recall_at10', rankMetrics(nextList(pc, u, round), round.rest, 10).recall);
        m.add('discover_feedback_recall_at10_none', rankMetrics(first.slice(10, 20), round.rest, 10).recall);
      }

      // Seed users.
      if (u.top3.length === 3) {
        seedUsers++;
        const req = { ...seedRequest(u.top3, u.played), limit: LIST };
        const q = prepare(pc, noTaste(), req);
        score(m, 'discover_seeds_', '', ids(pick(pc, q, req)), u.truth);
        score(m, 'discover_seeds_', '_cf', topK(q.u.signals.cf, q.allowed, 50), u.truth);
        score(m, 'discover_seeds_', '_content', topK(q.u.signals.contentSeeds, q.allowed, 50), u.truth);
        score(m, 'discover_seeds_', '_lfpop', topK(q.u.signals.lfPop, q.allowed, 50), u.truth);
        tracks(m, 'discover_seeds_tracks_', pc, q, req, u.truth);
      }
    }

    // Seed balance on named seed sets, with the community model.
    let balance = Infinity;
    const examples: Record<string, unknown>[] = [];
    for (const names of BALANCE_SETS) {
      const seeds = names.flatMap((n) => (keys.artistsByKey.get(artistKey(n)) ?? []).filter((a) => c.artistTrackOffsets[a + 1] > c.artistTrackOffsets[a]).slice(0, 1));
      if (seeds.length !== names.length) {
        console.log(`discover: seed set ${names.join(', ')} not all in the catalog; left out`);
        continue;
      }
      const r = personalize(pc, noTaste(), { seeds: seeds.map((id) => ({ kind: 'artist' as const, id })), limit: { artists: 20, tracks: 10 } });
      if (r.empty) continue;
      const share = names.map((_, s) => r.artists.filter((x) => x.seeds[0] === s).length / r.artists.length);
      balance = Math.min(balance, Math.min(...share) * names.length);
      for (const x of r.artists.slice(0, 5)) examples.push({ seeds: names.join(' + '), artist: c.artists[x.artist], reason: x.reason });
    }
    ctx.table('discover: top artists for named seed sets', examples);
    const history = cases[0];
    if (history) {
      const r = personalize(pc, history.taste, { seeds: [], limit: { artists: 8, tracks: 5 } });
      if (!r.empty) {
        ctx.table(`discover: user ${lf.userId[history.user]}'s history (${history.plays.slice(0, 5).map((p) => p.name).join(', ')}, …)`, [
          ...r.artists.map((x) => ({ artist: c.artists[x.artist], held_out: history.truth.has(x.artist), reason: x.reason })),
          ...r.tracks.map((x) => ({ track: c.trackName[x.track], reason: x.reason })),
        ]);
      }
    }

    const out: Record<string, number | string> = {
      ...m.all(),
      discover_known_at20: r4(known / Math.max(1, cases.length)),
      discover_seed_balance: r4(balance === Infinity ? 0 : balance),
      discover_users: cases.length,
      discover_seed_users: seedUsers,
      discover_fit_s: Math.round(fitS),
      discover_weights_match_file: Number(JSON.stringify(stored.weights) === JSON.stringify(weights.weights) && stored.bias === weights.bias),
    };
    ctx.table(`discover: ${cases.length} history users, ${seedUsers} seed users (seed ${ctx.seed})`, out);
    return out;
  },
};

export default section;
