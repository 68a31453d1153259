// The artist index of the stored catalog: the one saved beside it at import,
// else (a catalog stored before that, or rewritten since) built from the
// catalog itself and saved for the next reload.
import { db, type DerivedRecord } from '../../platform/db.ts';
import { storedCatalog } from '../catalog/store.ts';
import { buildArtistIndex, type ArtistIndex } from './artists.ts';
import { packArtistIndex, unpackArtistIndex } from './packed.ts';

interface StoredArtistIndex {
  fingerprint: string;
  index: ArtistIndex;
}

/** For the catalog with this fingerprint, or (null) for whichever catalog is
 *  stored; null only when none is and none was asked for. */
export async function storedArtistIndex(fingerprint: string | null): Promise<StoredArtistIndex | null> {
  const database = db();
  // Kept apart from the catalog (a few MB against its tens): read without it.
  const saved = await database.derived.get('search');
  if (saved?.id === 'search' && (fingerprint === null || saved.fingerprint === fingerprint)) {
    return { fingerprint: saved.fingerprint, index: unpackArtistIndex(saved.index) };
  }
  const fp = fingerprint ?? (await database.catalog.get('current'))?.fingerprint;
  if (fp === undefined) return null;
  const index = buildArtistIndex(await storedCatalog(fp));
  await database
    .transaction('rw', database.catalog, database.derived, async () => {
      const record: DerivedRecord = { id: 'search', fingerprint: fp, index: packArtistIndex(index) };
      if ((await database.catalog.get('current'))?.fingerprint === fp) await database.derived.put(record);
    })
    .catch(() => undefined); // only a faster next reload is lost
  return { fingerprint: fp, index };
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
