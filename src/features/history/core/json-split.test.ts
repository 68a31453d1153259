import { describe, expect, it } from 'vitest';
import { jsonArraySplitter, JsonSplitError } from './json-split.ts';

/** Splits `text` pushed in pieces of `size` characters; returns what came out. */
function split(text: string, paths: string[][], size = text.length, objects: string[][] = []) {
  const out: { value: unknown; path: number; n: number }[] = [];
  const s = jsonArraySplitter(paths, (value, path, n) => out.push({ value, path, n }), objects);
  for (let i = 0; i < text.length; i += size) s.push(text.slice(i, i + size));
  const found = s.end();
  return { out, found };
}

const doc = {
  maloja: { version: [3, 2], note: 'a "quoted" \\ back\\slash, ]} and {[ inside' },
  n: -1.5e3,
  ok: true,
  none: null,
  scrobbles: [
    { time: 1, track: { title: 'Jóga "live"', artists: ['Björk', 'A\\B'] } },
    { time: 2, track: { title: '\u00e9\u2603 \\u escape', artists: [] }, extra: [[1], { a: '}' }] },
    'a string record',
    42,
    null,
    { time: 3 },
  ],
  tail: { scrobbles: [{ not: 'this one' }] },
};

describe('jsonArraySplitter', () => {
  it('gives each element of the named array, the same as JSON.parse, at every chunk boundary', () => {
    const text = JSON.stringify(doc, null, 1);
    const want = doc.scrobbles.map((value, i) => ({ value, path: 0, n: i + 1 }));
    for (let size = 1; size <= text.length; size += size < 40 ? 1 : 37) expect(split(text, [['scrobbles']], size).out, `chunks of ${size}`).toEqual(want);
  });

  it('finds a root array, or says which paths it found', () => {
    expect(split('\uFEFF [ {"a":1} ,{"a":[2]}]', [['x'], []]).out).toEqual([
      { value: { a: 1 }, path: 1, n: 1 },
      { value: { a: [2] }, path: 1, n: 2 },
    ]);
    expect(split('{"payload":{"listens":[{"a":1}]}}', [[], ['payload', 'listens']]).found).toEqual(new Set([1]));
    expect(split('{"other":[1,2]}', [[], ['scrobbles']])).toEqual({ out: [], found: new Set() });
    // An object taken whole (one Last.fm page), beside a root array of them.
    const page = { track: [{ name: 'x' }], '@attr': { page: '1' } };
    expect(split(JSON.stringify({ recenttracks: page }), [[]], 5, [['recenttracks']]).out).toEqual([{ value: page, path: 1, n: 1 }]);
    expect(split(JSON.stringify([{ recenttracks: page }]), [[]], 5, [['recenttracks']]).out).toEqual([{ value: { recenttracks: page }, path: 0, n: 1 }]);
  });

  it('refuses what is not whole JSON, with the reason', () => {
    const fails = (text: string, kind: JsonSplitError['kind'], re: RegExp) => {
      let err: unknown;
      try {
        split(text, [[]], 3);
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(JsonSplitError);
      expect((err as JsonSplitError).kind, text).toBe(kind);
      expect((err as JsonSplitError).message, text).toMatch(re);
    };
    fails('', 'empty', /empty/);
    fails('[{"a":1},{"a":', 'truncated', /ends early/);
    fails('[{"a":"unterminated', 'truncated', /ends early/);
    fails('hello', 'invalid', /does not start with/);
    fails('[{"a":1} {"a":2}]', 'invalid', /comma is missing after record 1/);
    fails('{"a":1 x}', 'invalid', /unexpected "x"/);
    fails('[{"a":01}]', 'invalid', /record 1 is not valid JSON/);
    fails('[] []', 'invalid', /more after the end/);
    fails('{"a":1]', 'invalid', /stray \]/);
  });
});
