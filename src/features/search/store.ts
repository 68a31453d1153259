// The artist index of the stored catalog: the one saved beside it at import,
// else (a catalog stored before that) built from the catalog itself.
import { db } from '../../platform/db.ts';
import { storedCatalog } from '../catalog/store.ts';
import { buildArtistIndex, type ArtistIndex } from './artists.ts';
import { unpackArtistIndex } from './packed.ts';

export interface StoredArtistIndex {
  fingerprint: string;
  index: ArtistIndex;
}

/** For the catalog with this fingerprint, or (null) for whichever catalog is
 *  stored; null only when none is and none was asked for. */
export async function storedArtistIndex(fingerprint: string | null): Promise<StoredArtistIndex | null> {
  const record = await db().catalog.get('current');
  if (!record && fingerprint === null) return null;
  if (record?.search && (fingerprint === null || record.fingerprint === fingerprint)) {
    return { fingerprint: record.fingerprint, index: unpackArtistIndex(record.search) };
  }
  const fp = fingerprint ?? record!.fingerprint;
  return { fingerprint: fp, index: buildArtistIndex(await storedCatalog(fp)) };
}
