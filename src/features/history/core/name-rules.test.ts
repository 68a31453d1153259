import { describe, expect, it } from 'vitest';
import { nameRuleGains } from './name-rules.ts';

describe('nameRuleGains', () => {
  it('counts, per rule alone, the plays it recovers that the plain comparison misses', () => {
    const catalog = ['The Beatles', 'Simon & Garfunkel', 'Daft Punk', 'Pharrell Williams', 'Björk', 'AC/DC', 'Radiohead'];
    const history = new Map([
      ['radiohead', 5], // plain (case)
      ['Beatles', 3], // leading "The"
      ['Simon and Garfunkel', 2], // "&" vs "and"
      ['Daft Punk feat. Pharrell Williams', 4], // credits
      ['Bjork', 1], // diacritics
      ['AC DC', 1], // punctuation
      ['Björk - Topic', 6], // video channel
      ['Nobody', 9],
    ]);
    const g = nameRuleGains(catalog, history);
    expect(g).toEqual({
      plain: 5,
      plays: 31,
      gains: { 'leading "The"': 3, '"&" vs "and"': 2, 'feat. / ft. / with / several artists': 4, punctuation: 1, diacritics: 1, '"- Topic" suffix': 6 },
    });
  });
});
