// The HetRec 2011 Last.fm 2K data (artists.dat, user_artists.dat): who listened
// to which artist how often. Pure parsing of the file texts (the caller reads
// the files), dense indexes for users and artists, plays in CSR form both ways,
// and matching of Last.fm artists to catalog artists by `matchKey`.
//
// Used for the co-listening truth of the artist eval, and by collaborative
// filtering (history) as a ready-made user x artist play matrix.
import type { Catalog } from '../../catalog/core/catalog.ts';
import { matchKey } from '../../../lib/keys.ts';
import { shuffle } from '../../../platform/random.ts';
import { joinPairs } from '../artist/artist-features.ts';
import type { ImplicitMatrix } from './mf.ts';

export interface Lastfm2k {
  /** Dense artist index -> Last.fm artist id, and its name. */
  artistId: Int32Array;
  artistName: string[];
  /** Dense user index -> Last.fm user id. */
  userId: Int32Array;
  /** Plays by user (CSR): the artists user u listened to are
   *  userArtists[userOffsets[u] .. userOffsets[u+1]], with their play counts
   *  in userWeights at the same positions (largest first, as in the file). */
  userOffsets: Int32Array;
  userArtists: Int32Array;
  userWeights: Float32Array;
  /** The same plays by artist (CSR): listeners of artist a are
   *  artistUsers[artistOffsets[a] .. artistOffsets[a+1]], ascending. */
  artistOffsets: Int32Array;
  artistUsers: Int32Array;
  artistWeights: Float32Array;
  /** Tags people gave each artist (user_taggedartists.dat), when that file came along. */
  tags?: ArtistTags;
}

/** Tag assignments by artist (CSR): artist a was tagged tagIds[tagOffsets[a] ..
 *  tagOffsets[a+1]] by the users at the same positions (dense index, -1 for a
 *  user without plays). */
interface ArtistTags {
  tagOffsets: Int32Array;
  tagUsers: Int32Array;
  tagIds: Int32Array;
}

/** Rows of a tab-separated file with a header line; blank lines skipped. */
function tsvRows(text: string): string[][] {
  const lines = text.split(/\r?\n/);
  const rows: string[][] = [];
  for (let i = 1; i < lines.length; i++) if (lines[i].trim()) rows.push(lines[i].split('\t'));
  return rows;
}

/** artists.dat: `id  name  url  pictureURL`. */
export function parseArtistsDat(text: string): { id: number; name: string }[] {
  return tsvRows(text)
    .map((r) => ({ id: Number(r[0]), name: (r[1] ?? '').trim() }))
    .filter((a) => Number.isInteger(a.id) && a.name !== '');
}

/** Leading numeric fields of a tab-separated file with a header line: for each
 *  line with at least `min` fields (blank lines skipped), fields 0..cols-1 read
 *  as Number() reads them, column by column. Digit-only fields are read from
 *  the character codes: the files hold ~100k and ~186k lines, and splitting
 *  them into strings was most of the parse. */
function numberColumns(text: string, cols: number, min: number): Float64Array[] {
  let lines = 1;
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) lines++;
  const out = Array.from({ length: cols }, () => new Float64Array(lines));
  const row = new Float64Array(cols);
  let kept = 0;
  let p = text.indexOf('\n') + 1;
  if (p === 0) return out.map((c) => c.subarray(0, 0));
  while (p < text.length) {
    let end = text.indexOf('\n', p);
    if (end < 0) end = text.length;
    let fields = 0;
    let blank = true;
    let start = p;
    let value = 0;
    let digits = true;
    for (let q = p; q <= end; q++) {
      const ch = q < end ? text.charCodeAt(q) : 9;
      if (ch === 9) {
        if (fields < cols) row[fields] = digits && q > start ? value : Number(text.slice(start, q));
        fields++;
        start = q + 1;
        value = 0;
        digits = true;
        continue;
      }
      if (ch !== 32 && ch !== 13) blank = false;
      if (ch >= 48 && ch <= 57) value = value * 10 + (ch - 48);
      else digits = false;
    }
    if (!blank && fields >= min) {
      for (let c = 0; c < cols; c++) out[c][kept] = row[c];
      kept++;
    }
    p = end + 1;
  }
  return out.map((c) => c.subarray(0, kept));
}

/** user_artists.dat: `userID  artistID  weight` as triples of Last.fm ids. */
function parseUserArtistsDat(text: string): { user: Int32Array; artist: Int32Array; weight: Float32Array } {
  const [user, artist, weight] = numberColumns(text, 3, 3);
  return { user: Int32Array.from(user), artist: Int32Array.from(artist), weight: Float32Array.from(weight) };
}

/** Builds the dense indexes and both CSR views. Plays naming an artist missing
 *  from artists.dat are kept (with the name `#id`) so no listening is lost.
 *  Tag assignments (optional) naming an unknown artist are left out. */
export function buildLastfm2k(artistsText: string, userArtistsText: string, taggedText?: string): Lastfm2k {
  const artists = parseArtistsDat(artistsText);
  const plays = parseUserArtistsDat(userArtistsText);
  const aIndex = new Map<number, number>();
  const artistName: string[] = [];
  const artistIdList: number[] = [];
  for (const a of artists) {
    if (aIndex.has(a.id)) continue;
    aIndex.set(a.id, artistName.length);
    artistName.push(a.name);
    artistIdList.push(a.id);
  }
  const uIndex = new Map<number, number>();
  const userIdList: number[] = [];
  const n = plays.user.length;
  const pu = new Int32Array(n);
  const pa = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let u = uIndex.get(plays.user[i]);
    if (u === undefined) {
      u = userIdList.length;
      uIndex.set(plays.user[i], u);
      userIdList.push(plays.user[i]);
    }
    let a = aIndex.get(plays.artist[i]);
    if (a === undefined) {
      a = artistName.length;
      aIndex.set(plays.artist[i], a);
      artistName.push(`#${plays.artist[i]}`);
      artistIdList.push(plays.artist[i]);
    }
    pu[i] = u;
    pa[i] = a;
  }
  const byUser = csr(userIdList.length, pu, pa, plays.weight);
  const byArtist = csr(artistName.length, pa, pu, plays.weight);
  let tags: ArtistTags | undefined;
  if (taggedText) {
    // userID artistID tagID day month year
    const [user, artist, tag] = numberColumns(taggedText, 3, 3);
    const rows = Array.from(artist.keys()).filter((i) => aIndex.has(artist[i]));
    const ta = Int32Array.from(rows, (i) => aIndex.get(artist[i])!);
    const tu = Float32Array.from(rows, (i) => uIndex.get(user[i]) ?? -1);
    const tt = Int32Array.from(rows, (i) => tag[i]);
    const byTag = csr(artistName.length, ta, tt, tu);
    tags = { tagOffsets: byTag.offsets, tagIds: byTag.items, tagUsers: Int32Array.from(byTag.weights) };
  }
  return {
    artistId: Int32Array.from(artistIdList),
    artistName,
    userId: Int32Array.from(userIdList),
    userOffsets: byUser.offsets,
    userArtists: byUser.items,
    userWeights: byUser.weights,
    artistOffsets: byArtist.offsets,
    artistUsers: byArtist.items,
    artistWeights: byArtist.weights,
    ...(tags ? { tags } : {}),
  };
}

/** Groups (row, item, weight) triples by row, keeping their order within a row. */
function csr(rows: number, row: Int32Array, item: Int32Array, weight: Float32Array) {
  const offsets = new Int32Array(rows + 1);
  for (let i = 0; i < row.length; i++) offsets[row[i] + 1]++;
  for (let r = 0; r < rows; r++) offsets[r + 1] += offsets[r];
  const fill = offsets.slice(0, rows);
  const items = new Int32Array(row.length);
  const weights = new Float32Array(row.length);
  for (let i = 0; i < row.length; i++) {
    const p = fill[row[i]]++;
    items[p] = item[i];
    weights[p] = weight[i];
  }
  return { offsets, items, weights };
}

export interface ArtistMatch {
  /** Last.fm artist index -> catalog artist id, or -1. */
  toCatalog: Int32Array;
  /** Catalog artist id -> Last.fm artist index, or -1. */
  fromCatalog: Int32Array;
  /** Last.fm artists matched to a catalog artist. */
  matched: number;
}

/** Matches Last.fm artists to catalog artists whose names have the same
 *  `matchKey`. When several catalog artists share a key, the one with the
 *  highest `rank` (e.g. track count or popularity) wins; each catalog artist
 *  takes at most one Last.fm artist (the first listed). */
export function matchArtists(lastfm: Pick<Lastfm2k, 'artistName'>, catalogArtists: string[], rank?: ArrayLike<number>): ArtistMatch {
  const byKey = new Map<string, number>();
  catalogArtists.forEach((name, a) => {
    const k = matchKey(name);
    if (!k) return;
    const prev = byKey.get(k);
    if (prev === undefined || (rank && rank[a] > rank[prev])) byKey.set(k, a);
  });
  const toCatalog = new Int32Array(lastfm.artistName.length).fill(-1);
  const fromCatalog = new Int32Array(catalogArtists.length).fill(-1);
  let matched = 0;
  lastfm.artistName.forEach((name, i) => {
    const a = byKey.get(matchKey(name));
    if (a === undefined || fromCatalog[a] >= 0) return;
    toCatalog[i] = a;
    fromCatalog[a] = i;
    matched++;
  });
  return { toCatalog, fromCatalog, matched };
}

/** matchArtists against a catalog; where several catalog artists share a
 *  name, the one with the most tracks wins. */
export function matchCatalog(lf: Pick<Lastfm2k, 'artistName'>, c: Catalog): ArtistMatch {
  const tracks = Int32Array.from({ length: c.artists.length }, (_, a) => c.artistTrackOffsets[a + 1] - c.artistTrackOffsets[a]);
  return matchArtists(lf, c.artists, tracks);
}

/** Seeded split of the users into two disjoint halves: `inA[u]` is 1 for half A.
 *  Training signals taken from Last.fm must come from one half and truths
 *  from the other, or an eval measures memory. */
export function splitUsers(nUsers: number, rand: () => number): Uint8Array {
  const order = shuffle(Int32Array.from({ length: nUsers }, (_, i) => i), rand);
  const inA = new Uint8Array(nUsers);
  for (let i = 0; i < nUsers >> 1; i++) inA[order[i]] = 1;
  return inA;
}

/** For each query artist (Last.fm index), the `top` other artists sharing the
 *  most listeners with it, counting only users with `useUser[u]` (all when
 *  omitted) and only artists with `eligible[a]`. Ties go to the lower index.
 *  The co-listening truth of the artist eval. */
export function mostSharedListeners(
  lf: Lastfm2k,
  queries: ArrayLike<number>,
  top: number,
  eligible: (a: number) => boolean,
  useUser?: Uint8Array,
): Int32Array[] {
  const count = new Int32Array(lf.artistName.length);
  const touched: number[] = [];
  const out: Int32Array[] = [];
  for (let qi = 0; qi < queries.length; qi++) {
    const q = queries[qi];
    for (let i = lf.artistOffsets[q]; i < lf.artistOffsets[q + 1]; i++) {
      const u = lf.artistUsers[i];
      if (useUser && !useUser[u]) continue;
      for (let j = lf.userOffsets[u]; j < lf.userOffsets[u + 1]; j++) {
        const a = lf.userArtists[j];
        if (a === q || !eligible(a)) continue;
        if (count[a]++ === 0) touched.push(a);
      }
    }
    touched.sort((x, y) => count[y] - count[x] || x - y);
    out.push(Int32Array.from(touched.slice(0, top)));
    for (const a of touched) count[a] = 0;
    touched.length = 0;
  }
  return out;
}

/** Listeners of artist a among the users with `useUser[u]` (all when omitted). */
export function listenerCount(lf: Lastfm2k, a: number, useUser?: Uint8Array): number {
  if (!useUser) return lf.artistOffsets[a + 1] - lf.artistOffsets[a];
  let n = 0;
  for (let i = lf.artistOffsets[a]; i < lf.artistOffsets[a + 1]; i++) n += useUser[lf.artistUsers[i]];
  return n;
}

/** Catalog artists that the same people play: for each matched artist with
 *  ≥ minListeners listeners (among `useUser`, all when omitted), the `top`
 *  matched artists sharing the most listeners with it, as distinct unordered
 *  catalog-id pairs (flat [a0, b0, a1, b1, ...], a < b). The artist model's
 *  community positives; the eval takes them from one half of the users and
 *  its truth from the other. */
export function colisteningPairs(
  lf: Lastfm2k,
  toCatalog: Int32Array,
  opts: { top?: number; minListeners?: number; useUser?: Uint8Array } = {},
): Int32Array {
  const { top = 10, minListeners = 2, useUser } = opts;
  const queries: number[] = [];
  for (let a = 0; a < lf.artistName.length; a++) if (toCatalog[a] >= 0 && listenerCount(lf, a, useUser) >= minListeners) queries.push(a);
  const shared = mostSharedListeners(lf, queries, top, (a) => toCatalog[a] >= 0, useUser);
  const out: number[] = [];
  queries.forEach((q, i) => {
    for (const b of shared[i]) out.push(toCatalog[q], toCatalog[b]);
  });
  return joinPairs(Int32Array.from(out));
}

/** The plays as a users × artists matrix, for the community model. */
export function playMatrix(lf: Lastfm2k): ImplicitMatrix {
  return { nRows: lf.userId.length, nCols: lf.artistName.length, offsets: lf.userOffsets, cols: lf.userArtists, values: lf.userWeights };
}
