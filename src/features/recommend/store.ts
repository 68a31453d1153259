// The stored community model, indexed against this catalog's artists, as the
// ranking uses it (null when none is trained or loaded).
import type { Catalog } from '../catalog/core/catalog.ts';
import { db } from '../../platform/db.ts';
import { CF_MODEL } from '../models/registry.ts';
import type { CfPayload } from '../models/cf/community.ts';
import type { CfModel } from './core/cf-source.ts';
import { cfFromPayload } from './core/community-data.ts';

export async function storedCommunity(c: Catalog): Promise<CfModel | null> {
  const p = (await db().models.get(CF_MODEL))?.payload as CfPayload | undefined;
  if (!p) return null;
  return cfFromPayload(p, c.artists);
}
