import { describe, expect, it } from 'vitest';
import { boundedDistance, buildArtistIndex, createArtistIndex, maxEdits, searchArtists } from './artists.ts';
import { tinyCatalog } from '../../../test/test-catalog.ts';
import { hasSpotify, sayMissing, SPOTIFY_CSV } from '../../../data/paths.ts';

// name, popularity, track count
const ARTISTS: [string, number, number][] = [
  ['Sam Smith', 90, 12],
  ['Sam Smithers', 40, 2],
  ['Beyoncé', 85, 20],
  ['Bad Bunny', 95, 30],
  ['AC/DC', 80, 15],
  ['Eminem', 88, 25],
  ['Taylor Swift', 99, 40],
  ['Taylor Swifty Tribute Band', 10, 1],
  ['Tyler, The Creator', 70, 8],
  ['宇多田ヒカル', 60, 5],
  ['Motörhead', 65, 9],
  ['The Beatles', 75, 10],
  ['Samantha Fish', 30, 3],
  ['Oasis', 70, 10],
  ['Basis', 20, 2],
  ['Lil Osama', 50, 4],
  ['Smith & Myers', 45, 3],
  ['!!!', 55, 6],
  ['Adele', 20, 2],
  ['Adele', 20, 5], // same name, more tracks: ranks first among equals
];

function index() {
  return createArtistIndex(
    ARTISTS.map((a) => a[0]),
    Uint8Array.from(ARTISTS, (a) => a[1]),
    Int32Array.from(ARTISTS, (a) => a[2]),
  );
}
const names = (q: string, limit = 10) => searchArtists(idx, q, limit).map((h) => h.name);
const idx = index();

describe('searchArtists', () => {
  it('ignores case, accents and punctuation', () => {
    expect(searchArtists(idx, 'sam smith')[0]).toMatchObject({ name: 'Sam Smith', match: 'exact', score: 1 });
    expect(names('beyonce')[0]).toBe('Beyoncé');
    expect(names('BEYONCÉ!')[0]).toBe('Beyoncé');
    expect(names('bad bunny')[0]).toBe('Bad Bunny');
    expect(names('acdc')[0]).toBe('AC/DC');
    expect(names('ac dc')[0]).toBe('AC/DC');
    expect(names('a.c.-d.c.')[0]).toBe('AC/DC');
    expect(names('motorhead')[0]).toBe('Motörhead');
    expect(names('tyler the creator')[0]).toBe('Tyler, The Creator');
  });

  it('tolerates typos, more of them in longer queries', () => {
    expect(searchArtists(idx, 'beyonse')[0]).toMatchObject({ name: 'Beyoncé', match: 'fuzzy' });
    expect(names('eminme')[0]).toBe('Eminem'); // a transposition is one edit
    expect(names('tylor swift')[0]).toBe('Taylor Swift');
    expect(names('teylor swfit')[0]).toBe('Taylor Swift'); // two edits, long query
    expect(names('beyonxe')[0]).toBe('Beyoncé');
    expect(names('bxyonxe')).not.toContain('Beyoncé'); // two edits is too many at 7 letters
    expect(names('swfit')).toContain('Taylor Swift'); // a typo in a later word
    expect(names('ixz')).toEqual([]); // short queries get no typo allowance
  });

  it('finds names while they are being typed, with or without a typo', () => {
    expect(names('t')[0]).toBe('Taylor Swift');
    expect(names('beyo')[0]).toBe('Beyoncé');
    expect(searchArtists(idx, 'beyom')[0]).toMatchObject({ name: 'Beyoncé', match: 'fuzzy' }); // typo mid-typing
    expect(names('tylor sw')[0]).toBe('Taylor Swift');
  });

  it('ranks exact, then name prefix, then word prefix, then fuzzy, then substring', () => {
    const hits = searchArtists(idx, 'sam smith');
    expect(hits.map((h) => h.match).slice(0, 2)).toEqual(['exact', 'prefix']);
    expect(hits[1].name).toBe('Sam Smithers');

    // "smith": Smith & Myers starts with it; the Sam Smiths have it as a word.
    expect(searchArtists(idx, 'smith').map((h) => [h.name, h.match])).toEqual([
      ['Smith & Myers', 'prefix'],
      ['Sam Smith', 'word'],
      ['Sam Smithers', 'word'],
    ]);

    // "asis": substring of Oasis and Basis (popularity decides), then fuzzy hits.
    const asis = searchArtists(idx, 'asis');
    expect(asis.slice(0, 2).map((h) => [h.name, h.match])).toEqual([
      ['Oasis', 'substring'],
      ['Basis', 'substring'],
    ]);
    for (let i = 1; i < asis.length; i++) expect(asis[i].score).toBeLessThanOrEqual(asis[i - 1].score);

    // "sam": prefix hits in popularity order, then the substring hit.
    expect(searchArtists(idx, 'sam').map((h) => [h.name, h.match])).toEqual([
      ['Sam Smith', 'prefix'],
      ['Sam Smithers', 'prefix'],
      ['Samantha Fish', 'prefix'],
      ['Lil Osama', 'substring'],
    ]);

    // Equal names and popularity: the one with more tracks first.
    const adele = searchArtists(idx, 'adele');
    expect(adele.map((h) => h.artist).slice(0, 2)).toEqual([ARTISTS.length - 1, ARTISTS.length - 2]);
  });

  it('puts fuzzy matches above substrings, and substrings across words last, however popular', () => {
    const i2 = createArtistIndex(
      ['Casa De Leones', 'Orquesta de Leopoldo Federico', 'Madeleine Peyroux', 'Adeline Verver', 'Adelitas Way', 'Adele'],
      Uint8Array.from([99, 98, 97, 40, 30, 20]),
    );
    expect(searchArtists(i2, 'adele').map((h) => [h.name, h.match])).toEqual([
      ['Adele', 'exact'],
      ['Adeline Verver', 'fuzzy'],
      ['Adelitas Way', 'fuzzy'],
      ['Madeleine Peyroux', 'substring'],
      ['Casa De Leones', 'substring'],
      ['Orquesta de Leopoldo Federico', 'substring'],
    ]);
    // A substring inside a word still outranks one across words.
    expect(searchArtists(i2, 'ade').map((h) => [h.name, h.match])).toEqual([
      ['Adeline Verver', 'prefix'],
      ['Adelitas Way', 'prefix'],
      ['Adele', 'prefix'],
      ['Madeleine Peyroux', 'substring'],
      ['Casa De Leones', 'substring'],
      ['Orquesta de Leopoldo Federico', 'substring'],
    ]);
    expect(searchArtists(i2, 'ade')[3].score).toBeGreaterThan(searchArtists(i2, 'ade')[4].score);
  });

  it('puts an exact match above a more popular prefix match', () => {
    const i2 = createArtistIndex(['Taylor Swift', 'Taylor'], Uint8Array.from([99, 5]));
    expect(searchArtists(i2, 'taylor').map((h) => h.name)).toEqual(['Taylor', 'Taylor Swift']);
  });

  it('respects the limit and handles empty and very long queries', () => {
    expect(searchArtists(idx, '')).toEqual([]);
    expect(searchArtists(idx, '   ... ')).toEqual([]);
    expect(searchArtists(idx, 'a', 3)).toHaveLength(3);
    expect(searchArtists(idx, 'sam', 0)).toEqual([]);
    expect(searchArtists(idx, 'taylor swift '.repeat(500))).toEqual([]);
    expect(searchArtists(idx, 'x'.repeat(10_000))).toEqual([]);
  });

  it('finds non-Latin names', () => {
    expect(names('宇多田ヒカル')[0]).toBe('宇多田ヒカル');
    expect(names('宇多田')[0]).toBe('宇多田ヒカル');
    expect(names('ヒカル')[0]).toBe('宇多田ヒカル'); // substring: no spaces between the words
  });

  it('finds a name made only of punctuation by its characters', () => {
    expect(names('!!!')).toEqual(['!!!']);
    expect(names('!!')[0]).toBe('!!!');
  });

  it('works on an empty index', () => {
    const empty = createArtistIndex([], new Uint8Array(0));
    expect(searchArtists(empty, 'anything')).toEqual([]);
  });

  it('builds from a catalog, breaking ties by popularity and track count', () => {
    // Three tracks: "Sam Smith;Sam Smithers" (pop 50), "Sam Smithers" (pop 50),
    // "Sam Smithy" (pop 60).
    const cat = tinyCatalog([
      { name: 'Track 0', artists: ['Sam Smith', 'Sam Smithers'], popularity: 50 },
      { name: 'Track 1', artists: ['Sam Smithers'], popularity: 50 },
      { name: 'Track 2', artists: ['Sam Smithy'], popularity: 60 },
    ]);
    const hits = searchArtists(buildArtistIndex(cat), 'sam smit');
    expect(hits.map((h) => h.name)).toEqual(['Sam Smithy', 'Sam Smithers', 'Sam Smith']);
  });
});

describe('boundedDistance', () => {
  const d = (q: string, t: string, k: number, start = 0) =>
    boundedDistance(Int32Array.from(q, (c) => c.charCodeAt(0)), t, start, k);
  it('measures whole and prefix Damerau distance up to k', () => {
    expect(d('eminme', 'eminem', 2)).toEqual({ whole: 1, prefix: 1 });
    expect(d('beyons', 'beyonce', 2)).toEqual({ whole: 2, prefix: 1 });
    expect(d('abc', 'abcdefgh', 1)).toEqual({ whole: 2, prefix: 0 }); // 2 = "more than k"
    expect(d('xyz', 'abc', 1)).toEqual({ whole: 2, prefix: 2 });
    expect(d('swift', 'taylorswift', 1, 6)).toEqual({ whole: 0, prefix: 0 });
  });
  it('allows edits by query length', () => {
    expect([2, 4, 7, 8, 20].map(maxEdits)).toEqual([0, 1, 1, 2, 2]);
  });
});

describe.skipIf(!hasSpotify())('searchArtists on the real catalog', () => {
  it('finds the obvious artist first', async () => {
    const { loadCatalogFile } = await import('../../../data/load.ts');
    const { catalog } = await loadCatalogFile(SPOTIFY_CSV);
    const real = buildArtistIndex(catalog);
    const first = (q: string) => searchArtists(real, q)[0]?.name;
    expect(first('sam smith')).toBe('Sam Smith');
    expect(first('beyonce')).toBe('Beyoncé');
    expect(first('bad bunny')).toBe('Bad Bunny');
    expect(first('acdc')).toBe('AC/DC');
    expect(first('eminme')).toBe('Eminem');
    expect(first('tylor swift')).toBe('Taylor Swift');
    expect(first('motorhead')).toBe('Motörhead');
    // Closer matches before names that only hold the letters across words.
    const adele = searchArtists(real, 'adele', 8).map((h) => h.name);
    expect(adele[0]).toBe('Adele');
    expect(adele).not.toContain('Casa De Leones');
    expect(adele).not.toContain('Orquesta de Leopoldo Federico');
  });
});
if (!hasSpotify()) sayMissing('Spotify dataset', SPOTIFY_CSV, 'skipping the real-catalog search test');

