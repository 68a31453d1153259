// The stored community model, indexed against this catalog's artists, as the
// ranking uses it (null when none is trained or loaded).
import type { Catalog } from '../catalog/core/catalog.ts';
import { db } from '../../platform/db.ts';
import { CF_MODEL } from '../models/registry.ts';
import { communityFromPayload, type CfPayload } from '../models/cf/community.ts';
import { prepareCf, type CfModel } from './core/cf-source.ts';
import { listenersPerArtist } from './core/community-data.ts';

export async function storedCommunity(c: Catalog): Promise<CfModel | null> {
  const p = (await db().models.get(CF_MODEL))?.payload as CfPayload | undefined;
  if (!p) return null;
  const model = communityFromPayload(p);
  return prepareCf(model, c.artists, p.listening ? listenersPerArtist(p.listening, model.names) : undefined);
}
