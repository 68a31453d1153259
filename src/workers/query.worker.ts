// Everything that reads the whole catalog to answer the UI: artist search,
// insights, similar artists and recommendations. Each needs an index that
// takes a second or so to build, so they live here (query-indexes.ts), off the UI thread, built
// once per catalog (and per model) and reused for every query.
import * as Comlink from 'comlink';
import { searchArtists } from '../features/search/artists.ts';
import { artistIndex } from '../features/search/store.ts';
import { genreAudioProfiles, overview, trending } from '../features/insights/stats.ts';
import { storedArtistVectors, storedListening } from '../features/artists/store.ts';
import { artistTraits } from '../features/artists/core/traits.ts';
import { catalogListening, similarArtists, similarIndex } from '../features/artists/core/similar.ts';
import { personalize, type PersonalRequest } from '../features/recommend/core/personalize.ts';
import { storedHindsight } from '../features/hindsight/store.ts';
import { currentTaste } from '../features/taste/store.ts';
import { planPath, type PathRequest } from '../features/path/core/plan.ts';
import { pathExclusions } from '../features/path/core/exclude.ts';
import { parsePrompt } from '../features/radio/core/prompt.ts';
import { dropModelIndexes, open, personalContext, promptLexicon, ranking } from './query-indexes.ts';
import { preloadCatalog } from '../features/catalog/store.ts';

const api = {
  /** Reads the stored search index before the page knows its catalog; that catalog's fingerprint, or null. */
  prepareSearch: async () => (await artistIndex(null))?.fingerprint ?? null,
  async searchArtists(fingerprint: string, query: string, limit = 8) {
    const ix = await artistIndex(fingerprint);
    return ix ? searchArtists(ix.index, query, limit) : [];
  },
  /** Reads a prompt radio line (features/radio/core/prompt.ts) against this catalog's names. */
  parsePrompt: async (fingerprint: string, text: string) => parsePrompt(text, await promptLexicon(fingerprint)),
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

  /** Reads the stored catalog and builds its ranking index before the page has read its own copy. */
  async prepareRanking() {
    const fingerprint = await preloadCatalog();
    if (fingerprint) await personalContext(fingerprint);
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
  modelChanged: async () => dropModelIndexes(),
};

export type QueryWorkerApi = typeof api;
Comlink.expose(api);
