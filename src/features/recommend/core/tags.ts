// What the community calls each artist: the tags Last.fm users gave them
// (user_taggedartists.dat), as one TF-IDF vector per catalog artist. A user's
// tag profile (their artists' vectors, weighted by how much they like them)
// finds artists described alike — "trip-hop", "female vocalists" — which the
// audio features alone cannot tell, and which works for artists few people play.
import type { Lastfm2k } from '../../models/cf/lastfm2k.ts';
import { artistKey } from '../../../lib/keys.ts';

/** Each tagged community artist's tags and L2-normalized weights (CSR rows),
 *  found by name from the user's side and from the catalog's. */
export interface TagVectors {
  offsets: Int32Array;
  tags: Int32Array;
  weights: Float32Array;
  /** artistKey → row. */
  rowOfKey: Map<string, number>;
  /** Catalog artist → row, or -1 (untagged or not in the community data). */
  catalogRow: Int32Array;
}

/** Tag vectors of the community's artists, matched to the catalog by name.
 *  `skip(user, item)` leaves out one user's tags on one community artist (the
 *  eval hides a test user's tags on their held-out artists). Null without tag data. */
export function tagVectors(lf: Lastfm2k, catalogArtists: readonly string[], skip?: (user: number, item: number) => boolean): TagVectors | null {
  const t = lf.tags;
  if (!t) return null;
  // Per community artist: tag → count; then document frequency over artists.
  const counts: Map<number, number>[] = [];
  const df = new Map<number, number>();
  for (let j = 0; j < lf.artistName.length; j++) {
    const m = new Map<number, number>();
    for (let p = t.tagOffsets[j]; p < t.tagOffsets[j + 1]; p++) {
      if (skip && t.tagUsers[p] >= 0 && skip(t.tagUsers[p], j)) continue;
      m.set(t.tagIds[p], (m.get(t.tagIds[p]) ?? 0) + 1);
    }
    counts.push(m);
    for (const tag of m.keys()) df.set(tag, (df.get(tag) ?? 0) + 1);
  }
  const tagged = counts.filter((m) => m.size).length;
  const rowOfKey = new Map<string, number>();
  const offsets: number[] = [0];
  const tags: number[] = [];
  const weights: number[] = [];
  lf.artistName.forEach((name, j) => {
    const key = artistKey(name);
    if (!key || !counts[j].size || rowOfKey.has(key)) return;
    rowOfKey.set(key, offsets.length - 1);
    const row = [...counts[j]].map(([tag, n]) => [tag, Math.log1p(n) * Math.log(tagged / df.get(tag)!)] as const);
    const norm = Math.hypot(...row.map(([, w]) => w)) || 1;
    for (const [tag, w] of row.sort((x, y) => x[0] - y[0])) {
      tags.push(tag);
      weights.push(w / norm);
    }
    offsets.push(tags.length);
  });
  const catalogRow = Int32Array.from(catalogArtists, (name) => rowOfKey.get(artistKey(name)) ?? -1);
  return { offsets: Int32Array.from(offsets), tags: Int32Array.from(tags), weights: Float32Array.from(weights), rowOfKey, catalogRow };
}

/** Cosine-like similarity of every catalog artist to a profile of weighted
 *  artists (by artistKey; their tag vectors summed), into out; 0 for untagged artists. */
export function tagSimilarity(v: TagVectors, profile: Iterable<{ key: string; weight: number }>, out: Float32Array): void {
  const sum = new Map<number, number>();
  for (const { key, weight } of profile) {
    const r = v.rowOfKey.get(key);
    if (r === undefined) continue;
    for (let p = v.offsets[r]; p < v.offsets[r + 1]; p++) sum.set(v.tags[p], (sum.get(v.tags[p]) ?? 0) + weight * v.weights[p]);
  }
  out.fill(0);
  if (!sum.size) return;
  let norm = 0;
  for (const w of sum.values()) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  for (let a = 0; a < v.catalogRow.length; a++) {
    const r = v.catalogRow[a];
    if (r < 0) continue;
    let z = 0;
    for (let p = v.offsets[r]; p < v.offsets[r + 1]; p++) z += v.weights[p] * (sum.get(v.tags[p]) ?? 0);
    out[a] = z / norm;
  }
}
