// The community model ("listeners like you") as the app uses it: whatever was
// trained (EASE item weights by default, or ALS factors, e.g. loaded from
// another engine), seen through one interface, so the ranking and the eval
// never depend on which algorithm it is.
import type { Lastfm2k } from './lastfm2k.ts';
import { factorsFromIPC, factorsToIPC, type ItemFactors } from './factors-arrow.ts';
import { DEFAULT_ALS, foldInUser, gram, scoreItems, trainAls, type AlsConfig, type ImplicitMatrix, type TrainOptions, type UserRow } from './mf.ts';
import { DEFAULT_EASE, easeScores, trainEase, type EaseConfig, type EaseWeights } from './ease.ts';


/** ALS item factors, as stored before EASE (records without `kind` are this). */
interface AlsPayload {
  kind?: 'als';
  /** Item factors as Arrow IPC, so factors trained elsewhere load the same way. */
  factors: Uint8Array;
  training: { lambda: number; alpha: number; eps: number };
  /** The community listening itself, when it came as Last.fm 2K files: the
   *  artist model learns from which artists the same people play. */
  listening?: Lastfm2k;
}

/** EASE item × item weights over the artists with enough listeners. */
interface EasePayload {
  kind: 'ease';
  version: 1;
  /** Model items, as the community data spells them. */
  names: string[];
  weights: Omit<EaseWeights, 'items'>;
  training: EaseConfig;
  listening?: Lastfm2k;
}

/** How the community model is stored in IndexedDB (models registry, CF_MODEL). */
export type CfPayload = AlsPayload | EasePayload;

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
export function alsCommunity(items: ItemFactors, training: AlsPayload['training']): CommunityModel {
  const G = gram(items.vectors, items.k);
  return {
    kind: 'als',
    names: items.names,
    alpha: training.alpha,
    eps: training.eps,
    scoreUser: (row) => scoreItems(items.vectors, items.k, foldInUser(items.vectors, items.k, row, training.lambda, G)),
  };
}

/** EASE: the user's row times B. A played or liked item counts its confidence
 *  (the weight it had in training), a confident dislike the same, negated, so
 *  what its listeners play moves down. */
function easeCommunity(p: EasePayload): CommunityModel {
  const w = p.weights;
  return {
    kind: 'ease',
    names: p.names,
    alpha: p.training.alpha,
    eps: p.training.eps,
    scoreUser: (row) =>
      easeScores(
        w,
        row.items,
        Float32Array.from(row.confidence, (c, j) => (row.preference[j] > 0 ? c : -c)),
      ),
  };
}

export function communityFromPayload(p: CfPayload): CommunityModel {
  return p.kind === 'ease' ? easeCommunity(p) : alsCommunity(factorsFromIPC(p.factors), p.training);
}

/** The one training pipeline of the community model, shared by the models
 *  worker and the eval: community listening (users × artists, play counts) in,
 *  the model, what to store, and each model item's column in the matrix.
 *  `kind` 'als' trains the earlier ALS model. */
export async function trainCommunity(
  matrix: ImplicitMatrix,
  names: string[],
  opts: TrainOptions & { kind?: 'ease' | 'als'; config?: AlsConfig; ease?: Partial<EaseConfig>; ids?: Int32Array } = {},
): Promise<{ model: CommunityModel; payload: CfPayload; columns: Int32Array }> {
  if (opts.kind === 'als') {
    const config = opts.config ?? DEFAULT_ALS;
    const als = await trainAls(matrix, config, opts);
    const items: ItemFactors = { names, ids: opts.ids ?? Int32Array.from(names, (_, i) => i), k: als.factors, vectors: als.itemFactors };
    const training = { lambda: config.lambda, alpha: config.alpha, eps: config.eps };
    return { model: alsCommunity(items, training), payload: { factors: factorsToIPC(items), training }, columns: Int32Array.from(names, (_, i) => i) };
  }
  const training: EaseConfig = { ...DEFAULT_EASE, ...opts.ease };
  const { items, ...weights } = await trainEase(matrix, training, {
    signal: opts.signal,
    onStep: opts.onIteration && ((s) => opts.onIteration?.({ iteration: s.step, iterations: s.steps, ms: s.ms })),
  });
  const payload: EasePayload = { kind: 'ease', version: 1, names: Array.from(items, (c) => names[c]), weights, training };
  return { model: easeCommunity(payload), payload, columns: items };
}
