// What the similar-artist lists read from storage: the trained artist model's
// codes when one fits this catalog (else the plain feature vectors), and the
// community listening loaded with the Last.fm 2K files.
import type { Catalog } from '../catalog/core/catalog.ts';
import { db } from '../../platform/db.ts';
import { ARTIST_MODEL, CF_MODEL } from '../models/registry.ts';
import { artistFeatures, plainArtistVectors } from '../models/artist/artist-features.ts';
import type { ArtistModel } from '../models/artist/autoencoder.ts';
import type { CfPayload } from '../models/cf/community.ts';
import type { Lastfm2k } from '../models/cf/lastfm2k.ts';

export interface ArtistVectors {
  data: Float32Array;
  dim: number;
  source: 'model' | 'fallback';
  /** With a model: the width of its code, the first columns of each row. */
  codeDim?: number;
}

/** The trained artist model's vectors when one fits this catalog, else null
 *  (the ranking then uses its own plain vectors: no fallback is computed). */
export async function storedModelVectors(fingerprint: string): Promise<ArtistVectors | null> {
  const stored = await db().models.get(ARTIST_MODEL);
  if (!stored || stored.catalogFingerprint !== fingerprint) return null;
  const { codes, dim, model } = stored.payload as { codes: Float32Array; dim: number; model: ArtistModel };
  return { data: codes, dim, source: 'model', codeDim: model.weights.config.codeDim };
}

export async function storedArtistVectors(c: Catalog, fingerprint: string): Promise<ArtistVectors> {
  const stored = await storedModelVectors(fingerprint);
  if (stored) return stored;
  const features = artistFeatures(c);
  return { data: plainArtistVectors(features), dim: features.dim, source: 'fallback' };
}

export async function storedListening(): Promise<Lastfm2k | undefined> {
  return ((await db().models.get(CF_MODEL))?.payload as CfPayload | undefined)?.listening;
}
