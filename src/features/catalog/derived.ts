// What the rank worker needs of a catalog besides the catalog itself: the
// ranking's model-free part (recommend/core/prepare.ts) and the taste's match
// keys (taste/core/exclusions.ts). Built once at import by the catalog worker
// and stored beside it (the derived table), so that a reload reads it back instead
// of building it before the first list. Keyed by the catalog's fingerprint: a
// catalog rewritten since (genres filled in by the classifier) or stored before
// this existed has none that fits, and the worker builds it and stores it then.
import type { Catalog } from './core/catalog.ts';
import { rankingBase, type RankingBase } from '../recommend/core/prepare.ts';
import { catalogKeys, type CatalogKeys } from '../taste/core/exclusions.ts';
import { join, split } from '../search/packed.ts';

/** Bumped when what is stored changes: a record of another version is rebuilt. */
const DERIVED_VERSION = 1;

export interface CatalogDerived {
  fingerprint: string;
  version: number;
  ranking: RankingBase;
  /** CatalogKeys' artistKeys and titleKeys, joined (search/packed.ts). */
  artistKeys: { text: string; offsets: Int32Array };
  titleKeys: { text: string; offsets: Int32Array };
}

export function buildDerived(c: Catalog, fingerprint: string): CatalogDerived {
  const keys = catalogKeys(c);
  return { fingerprint, version: DERIVED_VERSION, ranking: rankingBase(c), artistKeys: join(keys.artistKeys), titleKeys: join(keys.titleKeys) };
}

/** Whether a stored one was built on this catalog by this version. */
export const derivedFits = (d: CatalogDerived | undefined, fingerprint: string): d is CatalogDerived =>
  d?.fingerprint === fingerprint && d.version === DERIVED_VERSION;

/** The catalog's match keys from the stored ones. The title keys (one per
 *  track) are split out on first use: only a taste that hides tracks reads
 *  them, and the first list waits for whatever is done here. */
export function storedKeys(c: Catalog, d: CatalogDerived): CatalogKeys {
  const keys = catalogKeys(c, { artistKeys: split(d.artistKeys.text, d.artistKeys.offsets), titleKeys: [] });
  let titleKeys: string[] | null = null;
  return Object.defineProperty(keys, 'titleKeys', { get: () => (titleKeys ??= split(d.titleKeys.text, d.titleKeys.offsets)), enumerable: true });
}
