// The artist index of the stored catalog: the one saved beside it at import,
// else (a catalog stored before that) built from the catalog itself.
import { db } from '../../platform/db.ts';
import { storedCatalog } from '../catalog/store.ts';
import { buildArtistIndex, type ArtistIndex } from './artists.ts';
import { unpackArtistIndex } from './packed.ts';

interface StoredArtistIndex {
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

/** The search's index, kept apart from the worker's other per-catalog state: it
 *  is stored ready-made, so a search never waits for the catalog. */
let search: Promise<StoredArtistIndex | null> | null = null;

/** The index for this catalog (null: the stored one, or the one already read), reused while it is the one asked for. */
export function artistIndex(fingerprint: string | null): Promise<StoredArtistIndex | null> {
  const previous = search;
  return (search = (async () => {
    const have = await previous?.catch(() => null);
    return have && (fingerprint === null || have.fingerprint === fingerprint) ? have : storedArtistIndex(fingerprint);
  })());
}
