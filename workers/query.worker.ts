// Everything that reads the whole catalog to answer the UI: artist search,
// insights, similar artists and recommendations. Each of them needs an index
// that takes a second or so to build, so they live here, off the UI thread,
// built once per catalog (and per artist model) and reused for every query.
import * as Comlink from 'comlink';
import type { Catalog } from '../src/catalog/catalog.ts';
import { db } from '../src/db/db.ts';
import { storedCatalog } from './stored-catalog.ts';
import { buildArtistIndex, searchArtists, type ArtistIndex } from '../src/search/artists.ts';
import { genreAudioProfiles, genrePopularityByMode, topArtists, topGenresByPopularity, trending } from '../src/insights/stats.ts';
import { artistFeatures, plainArtistVectors } from '../models/artist-features.ts';
import { artistTraits, reason, reasonText, topK } from '../models/neighbours.ts';
import { prepareRanking, rank, type RankingIndex, type RankRequest, type RankResult } from '../src/recommend/rank.ts';
import { ARTIST_MODEL } from '../models/names.ts';

interface ArtistVectors {
  data: Float32Array;
  dim: number;
  source: 'model' | 'fallback';
}

/** Per-catalog state, rebuilt when the fingerprint changes. */
let state: {
  fingerprint: string;
  catalog: Catalog;
  search?: ArtistIndex;
  vectors?: ArtistVectors;
  ranking?: RankingIndex;
} | null = null;

async function open(fingerprint: string) {
  if (state?.fingerprint !== fingerprint) state = { fingerprint, catalog: await storedCatalog(fingerprint) };
  return state;
}

/** The trained model's codes when one fits this catalog, else standardized features. */
async function vectorsOf(s: NonNullable<typeof state>): Promise<ArtistVectors> {
  if (s.vectors) return s.vectors;
  const stored = await db().models.get(ARTIST_MODEL);
  if (stored && stored.catalogFingerprint === s.fingerprint) {
    const { codes, dim } = stored.payload as { codes: Float32Array; dim: number };
    s.vectors = { data: codes, dim, source: 'model' };
  } else {
    const features = artistFeatures(s.catalog);
    s.vectors = { data: plainArtistVectors(features), dim: features.dim, source: 'fallback' };
  }
  return s.vectors;
}

export interface SimilarArtist {
  artist: number;
  score: number;
  why: string;
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

  async similarArtists(fingerprint: string, artist: number, k = 12): Promise<{ source: ArtistVectors['source']; traits: ReturnType<typeof artistTraits>; similar: SimilarArtist[] }> {
    const s = await open(fingerprint);
    const v = await vectorsOf(s);
    const c = s.catalog;
    const noTracks = (i: number) => c.artistTrackOffsets[i + 1] === c.artistTrackOffsets[i];
    const similar = topK(v.data, v.dim, artist, k, noTracks).map((n) => ({ artist: n.index, score: n.score, why: reasonText(reason(c, artist, n.index)) }));
    return { source: v.source, traits: artistTraits(c, artist), similar };
  },

  async recommend(fingerprint: string, request: RankRequest): Promise<RankResult & { vectors: ArtistVectors['source'] }> {
    const s = await open(fingerprint);
    const v = await vectorsOf(s);
    s.ranking ??= prepareRanking(s.catalog, v.data);
    return { ...rank(s.ranking, request), vectors: v.source };
  },

  /** A new artist model was stored: drop what was built on the old vectors. */
  async modelChanged() {
    if (state) {
      state.vectors = undefined;
      state.ranking = undefined;
    }
  },
};

export type QueryWorkerApi = typeof api;
Comlink.expose(api);
