// The query worker's per-catalog indexes, built on first use and kept while the
// catalog stays; the ones built on models are dropped when a model changes.
import type { Catalog } from '../features/catalog/core/catalog.ts';
import { storedCatalog, storedDerived } from '../features/catalog/store.ts';
import { storedModelVectors, type ArtistVectors } from '../features/artists/store.ts';
import type { SimilarIndex } from '../features/artists/core/similar.ts';
import type { RankingIndex } from '../features/recommend/core/types.ts';
import { plainVectors, prepareRanking } from '../features/recommend/core/prepare.ts';
import { rankingVectors } from '../features/recommend/core/vectors.ts';
import type { CfModel } from '../features/recommend/core/cf-source.ts';
import type { PersonalContext } from '../features/recommend/core/personalize.ts';
import { storedCommunity } from '../features/recommend/store.ts';
import type { CatalogKeys } from '../features/taste/core/exclusions.ts';
import { storedKeys } from '../features/catalog/derived.ts';
import { lexicon, type Lexicon } from '../features/radio/core/prompt.ts';

/** Per-catalog indexes, built on first use; the model-built ones are dropped by dropModelIndexes(). */
let s: {
  fingerprint: string;
  catalog: Catalog;
  keys?: CatalogKeys;
  vectors?: Promise<ArtistVectors>;
  modelVectors?: Promise<ArtistVectors | null>;
  similar?: Promise<SimilarIndex>;
  ranking?: Promise<RankingIndex>;
  cf?: Promise<CfModel | null>;
  lexicon?: Lexicon;
} | null = null;

export async function open(fingerprint: string) {
  if (s?.fingerprint !== fingerprint) {
    const catalog = await storedCatalog(fingerprint);
    // Another call may have opened it meanwhile (the warm-up and the first list): keep its indexes.
    if (s?.fingerprint !== fingerprint) s = { fingerprint, catalog };
  }
  return s!;
}

/** What personalize() needs for this catalog, built once. */
export async function ranking(fingerprint: string) {
  const st = await open(fingerprint);
  // Built at import and stored beside the catalog (catalog/derived.ts); read while the model's vectors are.
  const [v, derived] = await Promise.all([(st.modelVectors ??= storedModelVectors(fingerprint)), storedDerived(fingerprint)]);
  st.ranking ??= Promise.resolve(prepareRanking(st.catalog, v ? rankingVectors(st.catalog, v, plainVectors(st.catalog, derived.ranking)) : undefined, derived.ranking));
  st.keys ??= storedKeys(st.catalog, derived);
  return { st, ix: await st.ranking, keys: st.keys, source: v?.source ?? ('fallback' as const) };
}

export async function personalContext(fingerprint: string): Promise<{ ctx: PersonalContext; source: ArtistVectors['source'] }> {
  const st = await open(fingerprint);
  st.cf ??= storedCommunity(st.catalog); // read while the ranking is prepared
  const { ix, keys, source } = await ranking(fingerprint);
  return { ctx: { ix, keys, cf: await st.cf }, source };
}

/** The prompt radio's names (some 30,000, normalized): built here, once per catalog, not on the UI thread. */
export async function promptLexicon(fingerprint: string): Promise<Lexicon> {
  const st = await open(fingerprint);
  return (st.lexicon ??= lexicon(st.catalog.artists, st.catalog.genres));
}

/** Stored models changed: drop what was built on the old ones. */
export function dropModelIndexes(): void {
  if (s) s = { fingerprint: s.fingerprint, catalog: s.catalog, keys: s.keys, lexicon: s.lexicon };
}
