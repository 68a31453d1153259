// Everything that reads the whole catalog to answer the UI: artist search,
// insights, similar artists and recommendations. Each of them needs an index
// that takes a second or so to build, so they live here, off the UI thread,
// built once per catalog (and per artist model) and reused for every query.
import * as Comlink from 'comlink';
import type { Catalog } from '../features/catalog/core/catalog.ts';
import { db } from '../platform/db.ts';
import { storedCatalog } from '../features/catalog/store.ts';
import { buildArtistIndex, searchArtists, type ArtistIndex } from '../features/search/artists.ts';
import { genreAudioProfiles, genrePopularityByMode, topArtists, topGenresByPopularity, trending } from '../features/insights/stats.ts';
import { artistFeatures, l2NormalizeRows, plainArtistVectors } from '../features/models/artist/artist-features.ts';
import { withPlain, type ArtistModel } from '../features/models/artist/autoencoder.ts';
import { plainArtistVectors as rankingPlainVectors } from '../features/recommend/core/vectors.ts';
import { artistTraits } from '../features/artists/core/traits.ts';
import { catalogListening, similarArtists, similarIndex, type SimilarArtist, type SimilarIndex } from '../features/artists/core/similar.ts';
import { prepareRanking, rank, type RankingIndex, type RankRequest, type RankResult } from '../features/recommend/core/rank.ts';
import { ARTIST_MODEL, CF_MODEL } from '../features/models/registry.ts';
import { communityFromPayload, type CfPayload } from '../features/models/cf/community.ts';
import { cfSource, prepareCf, userScores, type CfModel } from '../features/recommend/core/cf-source.ts';
import { catalogKeys, currentTaste, tasteExclusions, type CatalogKeys } from '../features/taste/taste.ts';

interface ArtistVectors {
  data: Float32Array;
  dim: number;
  source: 'model' | 'fallback';
  /** With a model: the width of its code, the first columns of each row. */
  codeDim?: number;
}

/** Per-catalog state, rebuilt when the fingerprint changes. */
let state: {
  fingerprint: string;
  catalog: Catalog;
  search?: ArtistIndex;
  vectors?: ArtistVectors;
  similar?: SimilarIndex;
  ranking?: RankingIndex;
  keys?: CatalogKeys;
  /** Undefined until read; null when there is none. */
  cf?: CfModel | null;
} | null = null;

/** How much the collaborative-filtering source counts against the content one. */
const CF_WEIGHT = 0.5;

/** The stored community model, indexed against this catalog's artists. Read
 *  once (the record is megabytes), again after modelChanged(). */
async function cfOf(s: NonNullable<typeof state>): Promise<CfModel | null> {
  if (s.cf === undefined) {
    const p = (await db().models.get(CF_MODEL))?.payload as CfPayload | undefined;
    s.cf = p ? prepareCf(communityFromPayload(p), s.catalog.artists) : null;
  }
  return s.cf;
}

export interface Personal {
  /** "Listeners like you also play" (catalog artists), when the user can be folded in. */
  listenersLikeYou: { artist: number; score: number }[];
  /** Why there is no such list, or what it is based on. */
  note: string;
  /** Seeds taken from the history when the seed list is empty. */
  seedsFromHistory: number[];
}

async function open(fingerprint: string) {
  if (state?.fingerprint !== fingerprint) state = { fingerprint, catalog: await storedCatalog(fingerprint) };
  return state;
}

/** The trained model's codes when one fits this catalog, else standardized features. */
async function vectorsOf(s: NonNullable<typeof state>): Promise<ArtistVectors> {
  if (s.vectors) return s.vectors;
  const stored = await db().models.get(ARTIST_MODEL);
  if (stored && stored.catalogFingerprint === s.fingerprint) {
    const { codes, dim, model } = stored.payload as { codes: Float32Array; dim: number; model: ArtistModel };
    s.vectors = { data: codes, dim, source: 'model', codeDim: model.weights.config.codeDim };
  } else {
    const features = artistFeatures(s.catalog);
    s.vectors = { data: plainArtistVectors(features), dim: features.dim, source: 'fallback' };
  }
  return s.vectors;
}

/**
 * The artist vectors the ranking scans. Without a model: none given, so the
 * ranking uses its own plain vectors (sparse genre profile, fast to scan).
 * With a model: the model's code joined with those same plain vectors, as the
 * model's own vector joins its code with its (dense, standardized) inputs —
 * same idea, but a scan reads 64 dense columns plus a few sparse ones instead
 * of 203 dense ones (p95 about 3× lower).
 */
function rankingVectors(c: Catalog, v: ArtistVectors): Float32Array | undefined {
  if (v.source !== 'model' || !v.codeDim) return undefined;
  const codes = new Float32Array(c.artists.length * v.codeDim);
  for (let a = 0; a < c.artists.length; a++) codes.set(v.data.subarray(a * v.dim, a * v.dim + v.codeDim), a * v.codeDim);
  const plain = rankingPlainVectors(c);
  return withPlain(l2NormalizeRows(codes, v.codeDim), v.codeDim, plain.data, plain.dim, 1).vectors;
}

const api = {
  async searchArtists(fingerprint: string, query: string, limit = 8) {
    const s = await open(fingerprint);
    s.search ??= buildArtistIndex(s.catalog);
    return searchArtists(s.search, query, limit);
  },

  async insights(fingerprint: string) {
    const { catalog } = await open(fingerprint);
    return {
      genres: topGenresByPopularity(catalog, 10),
      byMode: genrePopularityByMode(catalog, 10),
      artists: topArtists(catalog, 10),
    };
  },

  async trending(fingerprint: string, genre?: string) {
    return trending((await open(fingerprint)).catalog, 20, genre || undefined);
  },

  async genreProfiles(fingerprint: string, genres: string[]) {
    return genreAudioProfiles((await open(fingerprint)).catalog, genres);
  },

  /** Similar artists from co-listening (when the community data is loaded)
   *  and the artist vectors, blended by listener count (artists/core/similar.ts). */
  async similarArtists(fingerprint: string, artist: number, k = 12): Promise<{ source: ArtistVectors['source']; listening: boolean; traits: ReturnType<typeof artistTraits>; similar: SimilarArtist[] }> {
    const s = await open(fingerprint);
    const v = await vectorsOf(s);
    if (!s.similar) {
      const lf = ((await db().models.get(CF_MODEL))?.payload as CfPayload | undefined)?.listening;
      s.similar = similarIndex(s.catalog, v.data, v.dim, lf ? catalogListening(lf, s.catalog) : null);
    }
    return { source: v.source, listening: s.similar.listening !== null, traits: artistTraits(s.catalog, artist), similar: similarArtists(s.similar, artist, k) };
  },

  /**
   * Ranks for the seeds and steering, with the user's taste (plays and
   * feedback, read from IndexedDB; `tasteVersion` says when they changed)
   * applied: hidden and disliked things are left out, and when a community
   * model is trained the user is folded into it and its candidates blend in.
   */
  async recommend(fingerprint: string, request: RankRequest, tasteVersion = 0): Promise<RankResult & { vectors: ArtistVectors['source']; personal: Personal }> {
    const s = await open(fingerprint);
    const v = await vectorsOf(s);
    s.ranking ??= prepareRanking(s.catalog, rankingVectors(s.catalog, v));
    s.keys ??= catalogKeys(s.catalog);
    const cf = await cfOf(s);
    const taste = await currentTaste(tasteVersion, cf?.model.eps ?? 1);
    const ex = tasteExclusions(s.catalog, taste, s.keys);
    for (const a of request.exclude?.artists ?? []) ex.artists.add(a);
    for (const t of request.exclude?.tracks ?? []) ex.tracks.add(t);

    const liked = [...taste.artists.values()].filter((p) => p.score > 0).sort((a, b) => b.score - a.score);
    const likedIds = new Set(liked.flatMap((p) => s.keys!.artistsByKey.get(p.key) ?? []));
    const personal: Personal = { listenersLikeYou: [], note: '', seedsFromHistory: [] };
    let seeds = request.seeds;
    if (!seeds.length && liked.length) {
      personal.seedsFromHistory = liked.flatMap((p) => s.keys!.artistsByKey.get(p.key)?.[0] ?? []).filter((a) => !ex.artists.has(a)).slice(0, 5);
      seeds = personal.seedsFromHistory.map((id) => ({ kind: 'artist' as const, id }));
    }
    let sources = request.sources;
    if (!liked.length) personal.note = 'No listening history or likes yet: recommendations come from your seeds and the sound alone. Import your history on the History page.';
    else if (!cf) personal.note = 'Train "listeners like you" on the Models page to add what people with your taste play.';
    else {
      const u = userScores(cf, taste);
      if (!u) personal.note = 'None of the artists in your history are in the community data, so "listeners like you" has nothing to go on.';
      else {
        const source = cfSource(cf, u.scores);
        sources = [...(sources ?? [{ source: s.ranking.content, weight: 1 }]), { source, weight: CF_WEIGHT }];
        const allowed = new Uint8Array(s.catalog.artists.length);
        for (let a = 0; a < allowed.length; a++) allowed[a] = !ex.artists.has(a) && !likedIds.has(a) && s.catalog.artistTrackOffsets[a + 1] > s.catalog.artistTrackOffsets[a] ? 1 : 0;
        personal.listenersLikeYou = source
          .candidates({ seeds: [], trackAllowed: new Uint8Array(0), artistAllowed: allowed, artistHasTracks: allowed }, 20)
          .map((c) => ({ artist: c.id, score: c.score }));
        personal.note = `From ${u.knownArtists} of your artists found in the community data.`;
      }
    }
    const result = rank(s.ranking, { ...request, seeds, sources, exclude: ex });
    return { ...result, vectors: v.source, personal };
  },

  /** Stored models changed: drop what was built on the old ones. */
  async modelChanged() {
    if (state) {
      state.vectors = undefined;
      state.similar = undefined;
      state.ranking = undefined;
      state.cf = undefined;
    }
  },
};

export type QueryWorkerApi = typeof api;
Comlink.expose(api);
