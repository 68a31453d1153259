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
import type { RankingIndex } from '../features/recommend/core/types.ts';
import { prepareRanking } from '../features/recommend/core/prepare.ts';
import { ARTIST_MODEL, CF_MODEL } from '../features/models/registry.ts';
import { communityFromPayload, type CfPayload } from '../features/models/cf/community.ts';
import { prepareCf, type CfModel } from '../features/recommend/core/cf-source.ts';
import { personalize, type PersonalRequest, type PersonalResult } from '../features/recommend/core/personalize.ts';
import { listenersPerArtist } from '../features/recommend/core/community-data.ts';
import { currentTaste } from '../features/taste/store.ts';
import { catalogKeys, type CatalogKeys } from '../features/taste/core/exclusions.ts';

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

/** The stored community model, indexed against this catalog's artists. Read
 *  once (the record is megabytes), again after modelChanged(). */
async function cfOf(s: NonNullable<typeof state>): Promise<CfModel | null> {
  if (s.cf === undefined) {
    const p = (await db().models.get(CF_MODEL))?.payload as CfPayload | undefined;
    const model = p && communityFromPayload(p);
    s.cf = model ? prepareCf(model, s.catalog.artists, p.listening ? listenersPerArtist(p.listening, model.names) : undefined) : null;
  }
  return s.cf;
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

  /** Discover's lists for the seeds, steering and mode, personalized by the
   *  user's taste (read from IndexedDB; `tasteVersion` says when it changed). */
  async recommend(fingerprint: string, request: PersonalRequest, tasteVersion = 0): Promise<PersonalResult & { vectors: ArtistVectors['source'] }> {
    const s = await open(fingerprint);
    const v = await vectorsOf(s);
    s.ranking ??= prepareRanking(s.catalog, rankingVectors(s.catalog, v));
    s.keys ??= catalogKeys(s.catalog);
    const result = personalize({ ix: s.ranking, keys: s.keys, cf: await cfOf(s) }, await currentTaste(tasteVersion), request);
    return { ...result, vectors: v.source };
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
