import { describe, expect, it } from 'vitest';
import { hashString, StringIds } from './string-ids.ts';

describe('StringIds', () => {
  it('gives dense ids in first-seen order, the same id for the same string', () => {
    const ids = new StringIds();
    const names = ['Gen Hoshino', 'Ben Woodward', 'Gen Hoshino', 'Ingrid Michaelson', 'Ben Woodward', '', 'gen hoshino'];
    expect(names.map((n) => ids.idOf(n))).toEqual([0, 1, 0, 2, 1, 3, 4]);
    expect(ids.size).toBe(5);
    expect(ids.keys).toEqual(['Gen Hoshino', 'Ben Woodward', 'Ingrid Michaelson', '', 'gen hoshino']);
    expect(ids.find('Ben Woodward', hashString('Ben Woodward'))).toBe(1);
    expect(ids.find('Nobody', hashString('Nobody'))).toBe(-1);
  });

  it('matches a string against copies of it made elsewhere', () => {
    const ids = new StringIds();
    const text = 'x,5SuOikwiRyPMVoIQDJUgSV,y';
    expect(ids.idOf(text.slice(2, 24))).toBe(0);
    const copy = ['5SuOikwiRyPMVo', 'IQDJUgSV'].join('');
    expect(ids.find(copy, hashString(copy))).toBe(0);
    expect(ids.idOf(copy)).toBe(0);
    expect(ids.keys).toEqual(['5SuOikwiRyPMVoIQDJUgSV']);
  });

  it('keeps every id through many rehashes, with colliding low hash bits', () => {
    const ids = new StringIds();
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      expect(ids.idOf(`track-${i}`)).toBe(i);
    }
    for (let i = n - 1; i >= 0; i -= 7) expect(ids.find(`track-${i}`, hashString(`track-${i}`))).toBe(i);
    expect(ids.find('track-50000', hashString('track-50000'))).toBe(-1);
    // Same hash passed for different strings: told apart by the strings.
    const same = new StringIds();
    expect(same.add('a', 42)).toBe(0);
    expect(same.add('b', 42)).toBe(1);
    expect(same.find('b', 42)).toBe(1);
    expect(same.find('c', 42)).toBe(-1);
  });
});
