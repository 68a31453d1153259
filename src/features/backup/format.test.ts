import { describe, expect, it } from 'vitest';
import { BackupFormatError, decodeBackup, decodeValue, encodeBackup, encodeValue, fromBase64, sniffBackup, toBase64 } from './format.ts';
import { sampleData } from '../../../test/backup-sample.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('base64', () => {
  it('round-trips every length and byte value', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 255);
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    }
    const all = Uint8Array.from({ length: 256 * 20 }, (_, i) => i & 255);
    expect(fromBase64(toBase64(all))).toEqual(all);
    // Same text as the platform's encoder.
    expect(toBase64(all.subarray(0, 1000))).toBe(Buffer.from(all.subarray(0, 1000)).toString('base64'));
  });
  it('refuses damaged base64', () => {
    expect(() => fromBase64('abc')).toThrow(/length/);
    expect(() => fromBase64('ab!d')).toThrow(/not base64/);
  });
});

describe('encodeValue / decodeValue', () => {
  it('keeps typed arrays with their type, non-finite numbers, dates, maps, sets and marker-like keys', () => {
    const sub = new Float32Array([9, 8, 7, 6]).subarray(1, 3); // a view with an offset
    const value = {
      f32: Float32Array.from([1.5, -2.25, Math.PI]),
      f64: Float64Array.from([Math.E, -0]),
      i8: Int8Array.from([-128, 127]),
      u16: Uint16Array.from([65535]),
      i32: Int32Array.from([-(2 ** 31)]),
      big: BigInt64Array.from([-(2n ** 63n)]),
      sub,
      nums: [NaN, Infinity, -Infinity, 0.1],
      when: new Date(Date.UTC(2024, 1, 29)),
      map: new Map<unknown, unknown>([['a', 1], [2, Uint8Array.from([3])]]),
      set: new Set(['x', 'y']),
      tricky: { $nb: 'Float32Array', base64: 'not really' },
      nothing: undefined,
      nested: [{ deep: [Uint32Array.from([1, 2])] }],
    };
    const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(value)))) as typeof value;
    expect(back.f32).toBeInstanceOf(Float32Array);
    expect(back.f32).toEqual(value.f32);
    expect(back.f64).toEqual(value.f64);
    expect(Object.is(back.f64[1], -0)).toBe(true);
    expect(back.i8).toEqual(value.i8);
    expect(back.u16).toEqual(value.u16);
    expect(back.i32).toEqual(value.i32);
    expect(back.big).toEqual(value.big);
    expect(back.sub).toEqual(Float32Array.from([8, 7]));
    expect(back.nums).toEqual([NaN, Infinity, -Infinity, 0.1]);
    expect(back.when).toEqual(value.when);
    expect(back.map).toEqual(value.map);
    expect(back.set).toEqual(value.set);
    expect(back.tricky).toEqual(value.tricky);
    expect('nothing' in back).toBe(true);
    expect(back.nested[0].deep[0]).toBeInstanceOf(Uint32Array);
  });
});

describe('decodeBackup', () => {
  const data = sampleData(20);
  const good = encodeBackup(data, 1_700_000_000_000, '0.1.0');

  it('round-trips the sample tables', () => {
    const b = decodeBackup(good);
    expect(b.exportedAt).toBe(1_700_000_000_000);
    expect(b.tables.plays).toEqual(data.plays);
    expect(b.tables.models).toEqual(data.models);
    expect(b.tables.feedback).toEqual(data.feedback);
  });

  it('starts with the format header, so the first bytes tell', () => {
    expect(good.startsWith('{"format":"neural-beats-backup","version":1')).toBe(true);
    expect(sniffBackup(enc(good).subarray(0, 512))).toBeNull();
  });

  const cases: [string, string, RegExp][] = [
    ['empty', '', /empty/],
    ['whitespace', '  \n', /empty/],
    ['truncated', good.slice(0, Math.floor(good.length / 2)), /truncated|ends early/],
    ['not JSON', 'artist,track\nA,B\n', /not valid JSON/],
    ['an array', '[1,2]', /not a JSON object/],
    ['foreign JSON', '{"playlist":{"track":[]}}', /no "format": "neural-beats-backup"/],
    ['newer version', good.replace('"version":1', '"version":99'), /newer version/],
    ['no version', good.replace('"version":1', '"version":"1"'), /version/],
    ['unknown table', good.replace('"tables":{', '"tables":{"catalog":[],'), /unknown table "catalog"/],
    ['table not a list', good.replace(/"seeds":\[[^\]]*\]/, '"seeds":{}'), /"seeds".*not a list/],
    ['seed with bad kind', good.replace('"kind":"genre"', '"kind":"mood"'), /Record 3 of "seeds".*kind/],
    ['feedback with a bad target', good.replace('"target":{"kind":"artist","artist":"AC/DC"}', '"target":{"kind":"album"}'), /Record 1 of "feedback".*target kind/],
    ['play without ts', good.replace(/"ts":\d+,/, ''), /Record 1 of "plays".*time/],
    ['damaged typed array', good.replace(/"base64":"[^"]+"/, '"base64":"@@@@"'), /damaged/],
    ['unknown marker', good.replace(/"\$nb":"Float32Array"/, '"$nb":"Float16Thing"'), /unknown type/],
  ];
  for (const [what, text, message] of cases) {
    it(`refuses ${what} with a clear message`, () => {
      expect(() => decodeBackup(text)).toThrow(BackupFormatError);
      expect(() => decodeBackup(text)).toThrow(message);
    });
  }

  it('sniffs wrong files from their first bytes', () => {
    expect(sniffBackup(new Uint8Array())).toMatch(/empty/);
    expect(sniffBackup(Uint8Array.from([0x50, 0x4b, 3, 4]))).toMatch(/zip/);
    expect(sniffBackup(Uint8Array.from([0xff, 0xfe, 0x7b, 0]))).toMatch(/UTF-16/);
    expect(sniffBackup(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))).toMatch(/binary/);
    expect(sniffBackup(enc('track_id,artists\n'))).toMatch(/not a JSON object/);
    expect(sniffBackup(enc('{"playlist": {"title": "x", "track": [1, 2, 3]}}'))).toMatch(/no "format"/);
    expect(sniffBackup(enc('\uFEFF' + good.slice(0, 300)))).toBeNull();
  });
});
