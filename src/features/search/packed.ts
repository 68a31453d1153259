// The artist index as it is stored beside the catalog: typed arrays and two
// joined strings, which IndexedDB stores and a worker reads back without
// building anything (a few ms, against a few hundred for buildArtistIndex on
// the real catalog). Built once by the catalog worker right after an import.
import type { ArtistIndex } from './artists.ts';

export interface PackedArtistIndex {
  /** The artist names and compact keys, joined, with their start offsets (n + 1). */
  names: string;
  nameOffsets: Int32Array;
  compact: string;
  compactOffsets: Int32Array;
  wordStartOffsets: Int32Array;
  wordStarts: Int32Array;
  rank: Int32Array;
  keyArtist: Int32Array;
  keyWord: Int32Array;
  /** Bigram codes, ascending, with each one's artists in CSR form. */
  bigramCodes: Uint32Array;
  bigramOffsets: Int32Array;
  bigramArtists: Int32Array;
}

/** Strings as one joined string and start offsets (n + 1): IndexedDB reads one string back far faster than thousands. */
export function join(xs: string[]): { text: string; offsets: Int32Array } {
  const offsets = new Int32Array(xs.length + 1);
  for (let i = 0; i < xs.length; i++) offsets[i + 1] = offsets[i] + xs[i].length;
  return { text: xs.join(''), offsets };
}

export function split(text: string, offsets: Int32Array): string[] {
  const out: string[] = new Array(offsets.length - 1);
  for (let i = 0; i < out.length; i++) out[i] = text.slice(offsets[i], offsets[i + 1]);
  return out;
}

export function packArtistIndex(ix: ArtistIndex): PackedArtistIndex {
  const names = join(ix.names);
  const compact = join(ix.compact);
  const codes = [...ix.bigrams.keys()].sort((a, b) => a - b);
  const bigramOffsets = new Int32Array(codes.length + 1);
  codes.forEach((c, i) => (bigramOffsets[i + 1] = bigramOffsets[i] + ix.bigrams.get(c)!.length));
  const bigramArtists = new Int32Array(bigramOffsets[codes.length]);
  codes.forEach((c, i) => bigramArtists.set(ix.bigrams.get(c)!, bigramOffsets[i]));
  return {
    names: names.text,
    nameOffsets: names.offsets,
    compact: compact.text,
    compactOffsets: compact.offsets,
    wordStartOffsets: ix.wordStartOffsets,
    wordStarts: ix.wordStarts,
    rank: ix.rank,
    keyArtist: ix.keyArtist,
    keyWord: ix.keyWord,
    bigramCodes: Uint32Array.from(codes),
    bigramOffsets,
    bigramArtists,
  };
}

export function unpackArtistIndex(p: PackedArtistIndex): ArtistIndex {
  const compact = split(p.compact, p.compactOffsets);
  const n = compact.length;
  // Each sorted key is a word-suffix of its artist's compact key.
  const keys: string[] = new Array(p.keyArtist.length);
  for (let i = 0; i < keys.length; i++) {
    const a = p.keyArtist[i];
    keys[i] = compact[a].slice(p.wordStarts[p.wordStartOffsets[a] + p.keyWord[i]]);
  }
  const bigrams = new Map<number, Int32Array>();
  for (let i = 0; i < p.bigramCodes.length; i++) bigrams.set(p.bigramCodes[i], p.bigramArtists.subarray(p.bigramOffsets[i], p.bigramOffsets[i + 1]));
  return {
    names: split(p.names, p.nameOffsets),
    compact,
    wordStartOffsets: p.wordStartOffsets,
    wordStarts: p.wordStarts,
    rank: p.rank,
    keys,
    keyArtist: p.keyArtist,
    keyWord: p.keyWord,
    bigrams,
    bestScore: new Float64Array(n),
    bigramHits: new Int32Array(n),
  };
}
