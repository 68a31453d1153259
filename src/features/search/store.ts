// The artist index of the stored catalog: the one saved beside it at import,
// else (a catalog stored before that) built from the catalog itself.
import { db } from '../../platform/db.ts';
import { storedCatalog } from '../catalog/store.ts';
import { buildArtistIndex, type ArtistIndex } from './artists.ts';
import { unpackArtistIndex } from './packed.ts';

export async function storedArtistIndex(fingerprint: string): Promise<ArtistIndex> {
  const record = await db().catalog.get('current');
  if (record?.fingerprint === fingerprint && record.search) return unpackArtistIndex(record.search);
  return buildArtistIndex(await storedCatalog(fingerprint));
}
