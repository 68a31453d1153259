// The community model ("listeners like you") as the app uses it: whatever was
// trained (ALS factors today), seen through one interface, so the ranking and
// the eval never depend on which algorithm it is.
import type { Lastfm2k } from './lastfm2k.ts';
import { factorsFromIPC, factorsToIPC, type ItemFactors } from './factors-arrow.ts';
import { DEFAULT_ALS, foldInUser, gram, scoreItems, trainAls, type AlsConfig, type ImplicitMatrix, type TrainOptions, type UserRow } from './mf.ts';

export type { UserRow };

/** How the community model is stored in IndexedDB (models registry, CF_MODEL). */
export interface CfPayload {
  /** ALS item factors as Arrow IPC, so factors trained elsewhere load the same way. */
  factors: Uint8Array;
  training: { lambda: number; alpha: number; eps: number };
  /** The community listening itself, when it came as Last.fm 2K files: the
   *  artist model learns from which artists the same people play. */
  listening?: Lastfm2k;
}

export interface CommunityModel {
  /** The algorithm, for the Models page and the eval. */
  kind: string;
  /** The model's items: artist names as the community data spells them. */
  names: readonly string[];
  /** Confidence scale of the user's row (see foldInRow): c = 1 + alpha·|score|. */
  alpha: number;
  /** Play-count scale the model was trained with (confidence(plays, alpha, eps)). */
  eps: number;
  /** Scores of every model item for one user, folded in from their row (a few ms). */
  scoreUser(row: UserRow): Float32Array;
}

/** ALS item factors: the user is folded in exactly (closed form), then Y·x. */
export function alsCommunity(items: ItemFactors, training: CfPayload['training']): CommunityModel {
  const G = gram(items.vectors, items.k);
  return {
    kind: 'als',
    names: items.names,
    alpha: training.alpha,
    eps: training.eps,
    scoreUser: (row) => scoreItems(items.vectors, items.k, foldInUser(items.vectors, items.k, row, training.lambda, G)),
  };
}

export function communityFromPayload(p: CfPayload): CommunityModel {
  return alsCommunity(factorsFromIPC(p.factors), p.training);
}

/** The one training pipeline of the community model, shared by the models
 *  worker and the eval: community listening (users × artists, play counts) in,
 *  the model and what to store out. */
export async function trainCommunity(
  matrix: ImplicitMatrix,
  names: string[],
  opts: TrainOptions & { config?: AlsConfig; ids?: Int32Array } = {},
): Promise<{ model: CommunityModel; payload: Omit<CfPayload, 'listening'> }> {
  const config = opts.config ?? DEFAULT_ALS;
  const als = await trainAls(matrix, config, opts);
  const items: ItemFactors = { names, ids: opts.ids ?? Int32Array.from(names, (_, i) => i), k: als.factors, vectors: als.itemFactors };
  const training = { lambda: config.lambda, alpha: config.alpha, eps: config.eps };
  return { model: alsCommunity(items, training), payload: { factors: factorsToIPC(items), training } };
}
