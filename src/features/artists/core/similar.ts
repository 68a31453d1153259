// Similar artists from the strongest evidence there is for each artist:
// co-listening (community data: which artists the same people play) where the
// artist has listeners, and its sound (the artist vectors) where it has few or
// none, blended by how many listeners it has rather than by a fixed weight.
//
// For query a with n_a listeners and candidate b:
//   listening(b) = shared(a,b) / n_b^β, scaled so a's best candidate is 1
//                  (β < ½ damps popular candidates less than a cosine does:
//                  the artists most of a's listeners play, not the ones most
//                  exclusive to them, yet not The Beatles for everyone);
//   sound(b)     = exp((cos(a,b) − best cos) / τ), 1 for the closest;
//   lent(b)      = Σ over a's closest sound-alikes c with listeners of
//                  sound(c) · listening_c(b), scaled so the best is 1: what
//                  the listeners of artists that sound like a play;
//   score(b)     = w·listening(b) + (1 − w)·(g·lent(b) + (1 − g)·sound(b)),
//                  w = n_a / (n_a + κ).
// An artist without listeners (w = 0) gets its sound-alikes and what their
// listeners play. Each neighbour says which part put it there.
import type { Catalog } from '../../catalog/core/catalog.ts';
import { dot, topK } from '../../../lib/vectors.ts';
import { matchCatalog, type Lastfm2k } from '../../models/cf/lastfm2k.ts';
import { soundsAlike } from './traits.ts';

/** Community listening per catalog artist, both ways (CSR). */
export interface Listening {
  /** Listeners of catalog artist a: users[offsets[a] .. offsets[a+1]]. */
  offsets: Int32Array;
  users: Int32Array;
  /** Catalog artists user u plays: userArtists[userOffsets[u] .. userOffsets[u+1]]. */
  userOffsets: Int32Array;
  userArtists: Int32Array;
}

/** Community listening (Last.fm 2K) mapped onto the catalog's artists by
 *  name, counting only users with `useUser[u]` (all when omitted): the eval
 *  learns from one half of the users. */
export function catalogListening(lf: Lastfm2k, c: Catalog, useUser?: Uint8Array): Listening {
  const toCatalog = matchCatalog(lf, c).toCatalog;
  const nArtists = c.artists.length;
  const nUsers = lf.userOffsets.length - 1;
  const userOffsets = new Int32Array(nUsers + 1);
  const ua: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    if (!useUser || useUser[u]) {
      for (let i = lf.userOffsets[u]; i < lf.userOffsets[u + 1]; i++) {
        const a = toCatalog[lf.userArtists[i]];
        if (a >= 0) ua.push(a);
      }
    }
    userOffsets[u + 1] = ua.length;
  }
  const userArtists = Int32Array.from(ua);
  const offsets = new Int32Array(nArtists + 1);
  for (const a of userArtists) offsets[a + 1]++;
  for (let a = 0; a < nArtists; a++) offsets[a + 1] += offsets[a];
  const fill = offsets.slice(0, nArtists);
  const users = new Int32Array(userArtists.length);
  for (let u = 0; u < nUsers; u++) for (let i = userOffsets[u]; i < userOffsets[u + 1]; i++) users[fill[userArtists[i]]++] = u;
  return { offsets, users, userOffsets, userArtists };
}

/** Listening with the given artists' own listeners removed (their plays are
 *  dropped): how the lists look for artists the community data does not know. */
export function withoutArtists(l: Listening, artists: Iterable<number>): Listening {
  const drop = new Uint8Array(l.offsets.length - 1);
  for (const a of artists) drop[a] = 1;
  const nUsers = l.userOffsets.length - 1;
  const userOffsets = new Int32Array(nUsers + 1);
  const ua: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    for (let i = l.userOffsets[u]; i < l.userOffsets[u + 1]; i++) if (!drop[l.userArtists[i]]) ua.push(l.userArtists[i]);
    userOffsets[u + 1] = ua.length;
  }
  const offsets = Int32Array.from(l.offsets);
  let removed = 0;
  for (let a = 0; a < drop.length; a++) {
    offsets[a] -= removed;
    if (drop[a]) removed += l.offsets[a + 1] - l.offsets[a];
  }
  offsets[drop.length] -= removed;
  const users = new Int32Array(offsets[drop.length]);
  for (let a = 0, o = 0; a < drop.length; a++) {
    if (drop[a]) continue;
    users.set(l.users.subarray(l.offsets[a], l.offsets[a + 1]), o);
    o += l.offsets[a + 1] - l.offsets[a];
  }
  return { offsets, users, userOffsets, userArtists: Int32Array.from(ua) };
}

/** The blend's constants, tuned on a validation split carved from the
 *  training half of the Last.fm users (NB_SIMILAR_TUNE=1 npm run eval --
 *  --only artists; see tuneSimilar in eval/sections/artists.ts). */
const SIMILAR = { beta: 0.4, kappa: 10, tau: 0.05, borrow: 0.9, soundNeighbours: 50 };
type SimilarParams = typeof SIMILAR;

export interface SimilarIndex {
  catalog: Catalog;
  /** Sound-and-genre vectors, L2-normalized rows (row = artist). */
  vectors: Float32Array;
  dim: number;
  listening: Listening | null;
  /** Artists that may be listed (have tracks). */
  allowed: Uint8Array;
  /** Listeners per artist (all 0 without community data). */
  listeners: Int32Array;
}

export function similarIndex(catalog: Catalog, vectors: Float32Array, dim: number, listening: Listening | null): SimilarIndex {
  const n = catalog.artists.length;
  const allowed = Uint8Array.from({ length: n }, (_, a) => (catalog.artistTrackOffsets[a + 1] > catalog.artistTrackOffsets[a] ? 1 : 0));
  const listeners = Int32Array.from({ length: n }, (_, a) => (listening ? listening.offsets[a + 1] - listening.offsets[a] : 0));
  return { catalog, vectors, dim, listening, allowed, listeners };
}

type Evidence = 'listening' | 'sound-alikes' | 'sound';

interface SimilarArtist {
  artist: number;
  score: number;
  /** Which evidence put it there: the query's own listeners, the listeners of
   *  artists that sound like the query, or the sound itself. */
  evidence: Evidence;
  /** Listeners of the query who also play this artist (0 without community data). */
  shared: number;
  why: string;
}

/** Adds, for each artist b, the listeners it shares with `a` into `shared`
 *  (which must be zero); returns the artists touched. */
function countShared(l: Listening, a: number, shared: Int32Array, touched: number[]): number[] {
  touched.length = 0;
  for (let i = l.offsets[a]; i < l.offsets[a + 1]; i++) {
    const u = l.users[i];
    for (let j = l.userOffsets[u]; j < l.userOffsets[u + 1]; j++) if (shared[l.userArtists[j]]++ === 0) touched.push(l.userArtists[j]);
  }
  return touched;
}

/** Listening score of the touched artists for `a` (shared / n_b^β), scaled
 *  so the best is `weight`, added into `out`. */
function addListening(ix: SimilarIndex, a: number, shared: Int32Array, touched: number[], weight: number, beta: number, out: Float32Array): void {
  let top = 0;
  for (const b of touched) if (b !== a) top = Math.max(top, shared[b] / Math.pow(ix.listeners[b], beta));
  if (top > 0) for (const b of touched) if (b !== a) out[b] += (weight * shared[b]) / Math.pow(ix.listeners[b], beta) / top;
}

interface SimilarParts {
  /** The blend, per artist. */
  score: Float32Array;
  /** Its three parts: own listening, sound-alikes' listening, sound. */
  listening: Float32Array;
  borrowed: Float32Array;
  sound: Float32Array;
  /** Listeners shared with the query, per artist. */
  shared: Int32Array;
  /** The sound-alikes whose listening was borrowed. */
  soundAlikes: number[];
}

/** Blended scores of every artist for query `a`, with the parts the reasons need. */
function similarScores(ix: SimilarIndex, a: number, p: SimilarParams = SIMILAR): SimilarParts {
  const n = ix.catalog.artists.length;
  const { vectors: v, dim, listening: l } = ix;
  const cos = new Float32Array(n);
  let best = -Infinity;
  for (let b = 0; b < n; b++) {
    if (b === a || !ix.allowed[b]) continue;
    cos[b] = dot(v, a * dim, v, b * dim, dim);
    if (cos[b] > best) best = cos[b];
  }
  const nA = ix.listeners[a];
  const w = nA / (nA + p.kappa);
  const sound = new Float32Array(n);
  for (let b = 0; b < n; b++) if (b !== a && ix.allowed[b]) sound[b] = Math.exp((cos[b] - best) / p.tau);
  const shared = new Int32Array(n);
  const listening = new Float32Array(n);
  const borrowed = new Float32Array(n);
  const touched: number[] = [];
  let soundAlikes: number[] = [];
  if (l) {
    if (nA > 0) addListening(ix, a, shared, countShared(l, a, shared, touched), w, p.beta, listening);
    // Artists that sound like `a` and have listeners lend it their listening
    // (their own listeners included, so a lender ranks high itself: that
    // share of its score counts as sound).
    const lend = Uint8Array.from({ length: n }, (_, b) => (b !== a && ix.allowed[b] && ix.listeners[b] > 0 ? 1 : 0));
    soundAlikes = topK(sound, lend, p.soundNeighbours);
    const buf = new Int32Array(n);
    for (const c of soundAlikes) {
      addListening(ix, a, buf, countShared(l, c, buf, touched), sound[c], p.beta, borrowed);
      for (const b of touched) buf[b] = 0;
    }
    let top = 0;
    for (let b = 0; b < n; b++) top = Math.max(top, borrowed[b]);
    const g = soundAlikes.length ? p.borrow : 0;
    const self = new Float32Array(n);
    for (const c of soundAlikes) self[c] = top > 0 ? ((1 - w) * g * sound[c]) / top : 0;
    for (let b = 0; b < n; b++) borrowed[b] = top > 0 ? ((1 - w) * g * borrowed[b]) / top - self[b] : 0;
    for (let b = 0; b < n; b++) sound[b] = sound[b] * (1 - w) * (1 - g) + self[b];
  } else {
    for (let b = 0; b < n; b++) sound[b] *= 1 - w;
  }
  const score = new Float32Array(n);
  for (let b = 0; b < n; b++) score[b] = listening[b] + borrowed[b] + sound[b];
  return { score, listening, borrowed, sound, shared, soundAlikes };
}

/** The k artists most similar to `a` (never a itself), best first: the ids alone. */
export function nearestArtists(ix: SimilarIndex, a: number, k: number, p: SimilarParams = SIMILAR): number[] {
  const allowed = Uint8Array.from(ix.allowed);
  allowed[a] = 0;
  return topK(similarScores(ix, a, p).score, allowed, k);
}

/** The k artists most similar to `a` (never a itself), best first, each with
 *  the evidence that put it there and a sentence saying so. */
export function similarArtists(ix: SimilarIndex, a: number, k: number, p: SimilarParams = SIMILAR): SimilarArtist[] {
  const parts = similarScores(ix, a, p);
  const allowed = Uint8Array.from(ix.allowed);
  allowed[a] = 0;
  const c = ix.catalog;
  return topK(parts.score, allowed, k).map((b) => {
    const evidence: Evidence =
      parts.listening[b] >= parts.borrowed[b] && parts.listening[b] >= parts.sound[b] ? 'listening' : parts.borrowed[b] >= parts.sound[b] ? 'sound-alikes' : 'sound';
    const shared = parts.shared[b];
    const why =
      evidence === 'listening'
        ? `${shared} listener${shared === 1 ? '' : 's'} of ${c.artists[a]} also play${shared === 1 ? 's' : ''} ${c.artists[b]}`
        : evidence === 'sound-alikes'
          ? lentBy(ix, parts.soundAlikes, b)
          : soundsAlike(c, a, b);
    return { artist: b, score: parts.score[b], evidence, shared, why };
  });
}

/** "Played by listeners of Foals and Bloc Party, who sound alike": the (at
 *  most two) sound-alikes sharing the most listeners with b. */
function lentBy(ix: SimilarIndex, soundAlikes: number[], b: number): string {
  const l = ix.listening!;
  const users = new Set(l.users.subarray(l.offsets[b], l.offsets[b + 1]));
  const by = soundAlikes
    .map((s) => {
      let n = 0;
      for (let i = l.offsets[s]; i < l.offsets[s + 1]; i++) n += users.has(l.users[i]) ? 1 : 0;
      return { s, n };
    })
    .filter((x) => x.n > 0 && x.s !== b)
    .sort((x, y) => y.n - x.n || x.s - y.s)
    .slice(0, 2)
    .map((x) => ix.catalog.artists[x.s]);
  return by.length ? `Played by listeners of ${by.join(' and ')}, who sound alike` : 'Played by listeners of artists that sound alike';
}
