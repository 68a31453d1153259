// The learned score of a candidate artist: a logistic regression over named
// signals (the community model, as trained and weighted by plays; the
// community's tags; content similarity to the seeds and to the history;
// popularity on both scales; genre match), fitted by
// `npm run fit-discover` on a validation split of Last.fm users and stored in
// discover-weights.json. The fit itself lives in fit.ts.
import stored from './discover-weights.json';
import type { FeedbackFold } from './cf-source.ts';

export const FEATURES = ['cf', 'cf_z', 'cf_weighted', 'tags', 'content_seeds', 'content_history', 'lf_pop', 'spotify_pop', 'genre'] as const;
export const NF = FEATURES.length;

export interface LearnedWeights {
  version: number;
  features: readonly string[];
  bias: number;
  /** One per feature, in FEATURES order. */
  weights: number[];
  /** Where the user has community scores, rank by the cf term alone, for lists
   *  from the history alone and for lists from seeds: each set when the blend
   *  did not beat the cf term on validation users (fit-discover decides). */
  cfAlone?: { history: boolean; seeds: boolean };
  /** Opinions on artists the user never played, in the community fold-in (cf-source.ts). */
  feedback?: FeedbackFold;
  /** Content similarity's weight in a track's score, next to its artist's
   *  learned score (1): fit-discover's pick on validation users. */
  trackSound?: number;
  /** How they were fitted (protocol, data, figures): for people, not code. */
  fit?: Record<string, unknown>;
}

function checked(w: LearnedWeights): LearnedWeights {
  if (w.features.join() !== FEATURES.join() || w.weights.length !== NF) {
    throw new Error(`discover weights: features ${w.features.join(', ')} do not match ${FEATURES.join(', ')}; rerun npm run fit-discover`);
  }
  return w;
}

/** The shipped weights. */
export const DISCOVER_WEIGHTS: LearnedWeights = checked(stored as LearnedWeights);

/** Per catalog artist, each signal on a 0..1-ish scale (0 = no evidence). */
export interface Signals {
  /** Rank in the community model's list for the user, as 1 − log(1+rank)/log(1+n). */
  cf: Float32Array;
  /** The same scores standardized over the catalog artists the model knows, /5, clipped. */
  cfZ: Float32Array;
  /** The rank feature again, folded in with much-played artists counting more. */
  cfWeighted: Float32Array;
  /** Rank feature of tag similarity to the user's artists and seeds (tags.ts). */
  tags: Float32Array;
  contentSeeds: Float32Array;
  contentHistory: Float32Array;
  /** log(1 + community listeners) / log(1 + most listeners). */
  lfPop: Float32Array;
  /** Spotify popularity / 100. */
  spotifyPop: Float32Array;
  /** How much the artist's genres are the seeds' (and the history's), 0..1. */
  genre: Float32Array;
}

/** Writes artist a's feature vector into out at o (FEATURES order). */
export function featureRow(s: Signals, a: number, out: Float64Array | number[], o = 0): void {
  out[o] = s.cf[a];
  out[o + 1] = s.cfZ[a];
  out[o + 2] = s.cfWeighted[a];
  out[o + 3] = s.tags[a];
  out[o + 4] = s.contentSeeds[a];
  out[o + 5] = s.contentHistory[a];
  out[o + 6] = s.lfPop[a];
  out[o + 7] = s.spotifyPop[a];
  out[o + 8] = s.genre[a];
}

/** The logit of the learned score, and each feature's share of it. */
export function learnedLogit(w: LearnedWeights, f: ArrayLike<number>, o = 0): number {
  let z = w.bias;
  for (let j = 0; j < NF; j++) z += w.weights[j] * f[o + j];
  return z;
}

/** The cf term's weight when it ranks alone: odds falling from 1 to e^-5 down
 *  the community's list, as steep as a fitted blend's, so that the pick's
 *  relative diversity penalty reorders neighbours and no more. */
const CF_ALONE = 5;

/** The weights a request ranks by: the cf term alone where `cfAlone` says so
 *  and the user has community scores, else the whole blend (content, popularity). */
export function effectiveWeights(w: LearnedWeights, hasCommunityScores: boolean, hasSeeds: boolean): LearnedWeights {
  const alone = hasSeeds ? w.cfAlone?.seeds : w.cfAlone?.history;
  return alone && hasCommunityScores ? { ...w, weights: w.weights.map((_, j) => (j === 0 ? CF_ALONE : 0)) } : w;
}
