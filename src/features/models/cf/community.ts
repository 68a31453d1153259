// The community model ("listeners like you") as the app uses it: whatever was
// trained (ALS factors today), seen through one interface, so the ranking and
// the eval never depend on which algorithm it is.
import type { Lastfm2k } from './lastfm2k.ts';
import { factorsFromIPC, type ItemFactors } from './factors-arrow.ts';
import { foldInUser, gram, scoreItems, type UserRow } from './mf.ts';

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
