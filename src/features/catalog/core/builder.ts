// The growing catalog columns of an import: distinct tracks, their credits
// and genres, appended row by row into typed arrays that grow by doubling,
// and folded into the final CatalogColumns at the end.
import { CatalogFormatError, type CatalogColumns } from './catalog.ts';
import { FLOAT_FEATURES, type FloatFeature } from '../../../lib/features.ts';
import { hashString, StringIds } from './string-ids.ts';
import { trimmed } from './numbers.ts';

/** Typed-array column that grows by doubling. */
function grow<T extends Uint8Array | Int8Array | Uint16Array | Uint32Array | Int32Array | Float32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** One accepted row's values, checked, as CatalogBuilder.addTrack takes them. */
export interface TrackValues {
  popularity: number;
  durationMs: number;
  explicit: number;
  key: number;
  mode: number;
  timeSignature: number;
  /** In FLOAT_FEATURES order. */
  floats: Float64Array;
}

export class CatalogBuilder {
  /** Distinct track ids; a track's index is its id here. */
  private trackIds = new StringIds();
  private trackName: string[] = [];
  private albumName: string[] = [];
  private popularity = new Uint8Array(1024);
  private durationMs = new Uint32Array(1024);
  private explicit = new Uint8Array(1024);
  private key = new Int8Array(1024);
  private mode = new Int8Array(1024);
  private timeSignature = new Int8Array(1024);
  private floats: Float32Array[] = FLOAT_FEATURES.map(() => new Float32Array(1024));
  private artistOffsets = new Int32Array(1025);
  private artistIds = new Int32Array(2048);
  private nCredits = 0;
  private artistNames = new StringIds();
  // (track, genre) pairs in file order; folded into CSR at the end, because a
  // track's later genres arrive after other tracks.
  private pairTrack = new Int32Array(1024);
  private pairGenre = new Uint16Array(1024);
  private nPairs = 0;
  private genreNames = new StringIds();
  /** The artist ids of the last splitArtists. */
  private credits = new Int32Array(64);

  get tracks(): number {
    return this.trackIds.size;
  }
  get artists(): number {
    return this.artistNames.size;
  }
  get genres(): number {
    return this.genreNames.size;
  }

  /** The index of the track with this id (hashString(id) = h), or -1. */
  findTrack(id: string, h: number): number {
    return this.trackIds.find(id, h);
  }

  /** Splits a credit field ("A; B;A") into artist ids ([A, B]), kept for the
   *  next addTrack, and returns how many; 0 when it names nobody. Names not
   *  seen before get provisional ids (see pendingArtist). */
  splitArtists(field: string): number {
    this.nPending = 0;
    if (field.indexOf(';') === -1) {
      const name = trimmed(field);
      if (name === '') return 0;
      this.credits[0] = this.pendingArtist(name);
      return 1;
    }
    let n = 0;
    // As field.split(';'), without the array.
    for (let start = 0; start <= field.length; ) {
      let semi = field.indexOf(';', start);
      if (semi === -1) semi = field.length;
      const name = trimmed(field.slice(start, semi));
      start = semi + 1;
      if (name === '') continue;
      const a = this.pendingArtist(name);
      let seen = false;
      for (let j = 0; j < n; j++) if (this.credits[j] === a) seen = true;
      if (seen) continue;
      if (n === this.credits.length) this.credits = grow(this.credits, n + 1);
      this.credits[n++] = a;
    }
    return n;
  }

  // A new name gets id (artists so far) + its place in `pending`, and is only
  // registered when its row is kept as a new track: a rejected or duplicate
  // row must not add artists. Reused arrays with a count: no garbage per row.
  private pending: string[] = [];
  private pendingHashes: number[] = [];
  private nPending = 0;
  private pendingArtist(name: string): number {
    const h = hashString(name);
    const a = this.artistNames.find(name, h);
    if (a >= 0) return a;
    const known = this.artistNames.size;
    for (let p = 0; p < this.nPending; p++) if (this.pendingHashes[p] === h && this.pending[p] === name) return known + p;
    this.pending[this.nPending] = name;
    this.pendingHashes[this.nPending] = h;
    return known + this.nPending++;
  }

  /** Adds a new track (its id not seen before) credited to the nCredits
   *  artists of the last splitArtists; returns its index. */
  addTrack(id: string, idHash: number, name: string, album: string, v: TrackValues, nCredits: number): number {
    const t = this.trackIds.add(id, idHash);
    this.ensureTracks(t + 1);
    for (let p = 0; p < this.nPending; p++) this.artistNames.add(this.pending[p], this.pendingHashes[p]);
    this.trackName.push(name);
    this.albumName.push(album);
    this.popularity[t] = v.popularity;
    this.durationMs[t] = v.durationMs;
    this.explicit[t] = v.explicit;
    this.key[t] = v.key;
    this.mode[t] = v.mode;
    this.timeSignature[t] = v.timeSignature;
    const num = v.floats;
    for (let f = 0; f < num.length; f++) this.floats[f][t] = num[f];
    const c = this.nCredits;
    if (c + nCredits > this.artistIds.length) this.artistIds = grow(this.artistIds, c + nCredits);
    for (let j = 0; j < nCredits; j++) this.artistIds[c + j] = this.credits[j];
    this.nCredits = c + nCredits;
    this.artistOffsets[t + 1] = this.nCredits;
    return t;
  }

  private ensureTracks(n: number): void {
    if (n <= this.popularity.length) return;
    this.popularity = grow(this.popularity, n);
    this.durationMs = grow(this.durationMs, n);
    this.explicit = grow(this.explicit, n);
    this.key = grow(this.key, n);
    this.mode = grow(this.mode, n);
    this.timeSignature = grow(this.timeSignature, n);
    this.floats = this.floats.map((a) => grow(a, n));
    this.artistOffsets = grow(this.artistOffsets, this.popularity.length + 1);
  }

  /** The id of a genre name, new or known. */
  genreId(name: string): number {
    const h = hashString(name);
    const g = this.genreNames.find(name, h);
    if (g >= 0) return g;
    if (this.genreNames.size > 0xffff) throw new CatalogFormatError('The file has more than 65,535 distinct genres.');
    return this.genreNames.add(name, h);
  }

  addGenre(track: number, genre: number): void {
    if (this.nPairs === this.pairTrack.length) {
      this.pairTrack = grow(this.pairTrack, this.nPairs + 1);
      this.pairGenre = grow(this.pairGenre, this.nPairs + 1);
    }
    this.pairTrack[this.nPairs] = track;
    this.pairGenre[this.nPairs] = genre;
    this.nPairs++;
  }

  columns(): CatalogColumns {
    const n = this.trackIds.size;
    // Genre CSR by counting sort; keeps file order within a track, drops repeats.
    const genreOffsets = new Int32Array(n + 1);
    for (let i = 0; i < this.nPairs; i++) genreOffsets[this.pairTrack[i] + 1]++;
    for (let t = 0; t < n; t++) genreOffsets[t + 1] += genreOffsets[t];
    const fill = genreOffsets.slice(0, n);
    const all = new Uint16Array(this.nPairs);
    for (let i = 0; i < this.nPairs; i++) all[fill[this.pairTrack[i]]++] = this.pairGenre[i];
    const genreIds = new Uint16Array(this.nPairs);
    const offsets = new Int32Array(n + 1);
    let k = 0;
    for (let t = 0; t < n; t++) {
      const start = k;
      for (let j = genreOffsets[t]; j < genreOffsets[t + 1]; j++) {
        const g = all[j];
        let seen = false;
        for (let m = start; m < k; m++) if (genreIds[m] === g) seen = true;
        if (!seen) genreIds[k++] = g;
      }
      offsets[t + 1] = k;
    }
    const floats = {} as Record<FloatFeature, Float32Array>;
    FLOAT_FEATURES.forEach((name, f) => (floats[name] = this.floats[f].slice(0, n)));
    return {
      size: n,
      trackId: this.trackIds.keys,
      trackName: this.trackName,
      albumName: this.albumName,
      popularity: this.popularity.slice(0, n),
      durationMs: this.durationMs.slice(0, n),
      explicit: this.explicit.slice(0, n),
      ...floats,
      key: this.key.slice(0, n),
      mode: this.mode.slice(0, n),
      timeSignature: this.timeSignature.slice(0, n),
      artistOffsets: this.artistOffsets.slice(0, n + 1),
      artistIds: this.artistIds.slice(0, this.nCredits),
      artists: this.artistNames.keys,
      genreOffsets: offsets,
      genreIds: genreIds.slice(0, k),
      genres: this.genreNames.keys,
    };
  }
}
