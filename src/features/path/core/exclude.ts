// What a path leaves out for this user: what their taste rules out (hidden,
// disliked), and in new-to-me mode every artist they have played or rated, as
// Discover's "New to me" does.
import type { Catalog } from '../../catalog/core/catalog.ts';
import type { Taste } from '../../taste/core/feedback.ts';
import { knownArtists, tasteExclusions, type CatalogKeys } from '../../taste/core/exclusions.ts';
import type { Exclusions } from '../../recommend/core/types.ts';

export function pathExclusions(c: Catalog, taste: Taste, keys: CatalogKeys, newToMe: boolean): Exclusions {
  const ex = tasteExclusions(c, taste, keys);
  if (newToMe) for (const a of knownArtists(taste, keys)) ex.artists.add(a);
  return ex;
}
