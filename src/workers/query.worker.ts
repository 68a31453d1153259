// Everything that reads the whole catalog to answer the UI: artist search,
// insights, similar artists and recommendations. Each needs an index that
// takes a second or so to build, so they live here, off the UI thread, built
// once per catalog (and per model) and reused for every query.
import * as Comlink from 'comlink';
import type { Catalog } from '../features/catalog/core/catalog.ts';
import { storedCatalog } from '../features/catalog/store.ts';
import { searchArtists } from '../features/search/artists.ts';
import { artistIndex } from '../features/search/store.ts';
import { genreAudioProfiles, overview, trending } from '../features/insights/stats.ts';
import { storedArtistVectors, storedListening, storedModelVectors, type ArtistVectors } from '../features/artists/store.ts';
import { artistTraits } from '../features/artists/core/traits.ts';
import { catalogListening, similarArtists, similarIndex, type SimilarIndex } from '../features/artists/core/similar.ts';
import type { RankingIndex } from '../features/recommend/core/types.ts';
import { prepareRanking } from '../features/recommend/core/prepare.ts';
import { rankingVectors } from '../features/recommend/core/vectors.ts';
import type { CfModel } from '../features/recommend/core/cf-source.ts';
import { personalize, type PersonalContext, type PersonalRequest } from '../features/recommend/core/personalize.ts';
import { storedHindsight } from '../features/hindsight/store.ts';
import { storedCommunity } from '../features/recommend/store.ts';
import { currentTaste } from '../features/taste/store.ts';
import { catalogKeys, type CatalogKeys } from '../features/taste/core/exclusions.ts';
import { planPath, type PathRequest } from '../features/path/core/plan.ts';
import { pathExclusions } from '../features/path/core/exclude.ts';

/** Per-catalog indexes, built on first use; the model-built ones are dropped by modelChanged(). */
let s: {
  fingerprint: string;
  catalog: Catalog;
  keys?: CatalogKeys;
  vectors?: Promise<ArtistVectors>;
  modelVectors?: Promise<ArtistVectors | null>;
  similar?: Promise<SimilarIndex>;
  ranking?: Promise<RankingIndex>;
  cf?: Promise<CfModel | null>;
} | null = null;

async function open(fingerprint: string) {
  if (s?.fingerprint !== fingerprint) s = { fingerprint, catalog: await storedCatalog(fingerprint) };
  return s;
}

/** What personalize() needs for this catalog, built once. */
async function ranking(fingerprint: string) {
  const st = await open(fingerprint);
  const v = await (st.modelVectors ??= storedModelVectors(fingerprint));
  st.ranking ??= Promise.resolve(prepareRanking(st.catalog, v ? rankingVectors(st.catalog, v) : undefined));
  st.keys ??= catalogKeys(st.catalog);
  return { st, ix: await st.ranking, keys: st.keys, source: v?.source ?? ('fallback' as const) };
}

async function personalContext(fingerprint: string): Promise<{ ctx: PersonalContext; source: ArtistVectors['source'] }> {
  const { st, ix, keys, source } = await ranking(fingerprint);
  st.cf ??= storedCommunity(st.catalog);
  return { ctx: { ix, keys, cf: await st.cf }, source };
}

const api = {
  /** Reads the stored search index before the page knows its catalog; that catalog's fingerprint, or null. */
  prepareSearch: async () => (await artistIndex(null))?.fingerprint ?? null,
  async searchArtists(fingerprint: string, query: string, limit = 8) {
    const ix = await artistIndex(fingerprint);
    return ix ? searchArtists(ix.index, query, limit) : [];
  },
  insights: async (fingerprint: string) => overview((await open(fingerprint)).catalog),
  trending: async (fingerprint: string, genre?: string) => trending((await open(fingerprint)).catalog, 20, genre || undefined),
  genreProfiles: async (fingerprint: string, genres: string[]) => genreAudioProfiles((await open(fingerprint)).catalog, genres),

  /** Similar artists from co-listening and the artist vectors (artists/core/similar.ts). */
  async similarArtists(fingerprint: string, artist: number, k = 12) {
    const st = await open(fingerprint);
    const v = await (st.vectors ??= storedArtistVectors(st.catalog, fingerprint));
    st.similar ??= storedListening().then((lf) => similarIndex(st.catalog, v.data, v.dim, lf ? catalogListening(lf, st.catalog) : null));
    const ix = await st.similar;
    return { source: v.source, listening: ix.listening !== null, traits: artistTraits(st.catalog, artist), similar: similarArtists(ix, artist, k) };
  },

  /** Discover's lists, personalized by the user's taste (read from IndexedDB;
   *  `tasteVersion` says when it changed). */
  async recommend(fingerprint: string, request: PersonalRequest, tasteVersion = 0) {
    const { ctx, source } = await personalContext(fingerprint);
    return { ...personalize(ctx, await currentTaste(tasteVersion), request), vectors: source };
  },

  /** "How well do we know you" over the stored history (features/hindsight). */
  hindsight: async (fingerprint: string) => storedHindsight((await personalContext(fingerprint)).ctx),

  /** A sonic path over the ranking's index (features/path/core/plan.ts), leaving
   *  out what the taste hides and, in new-to-me mode, the user's known artists. */
  async path(fingerprint: string, request: PathRequest, newToMe: boolean, tasteVersion = 0) {
    const { st, ix, keys } = await ranking(fingerprint);
    return planPath(ix, request, pathExclusions(st.catalog, await currentTaste(tasteVersion), keys, newToMe));
  },

  /** Stored models changed: drop what was built on the old ones. */
  async modelChanged() {
    if (s) s = { fingerprint: s.fingerprint, catalog: s.catalog, keys: s.keys };
  },
};

export type QueryWorkerApi = typeof api;
Comlink.expose(api);
