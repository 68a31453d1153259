// How much each spelling rule of the matcher recovers: artist names that do
// not match the catalog when compared as written (case and spaces aside) but
// do with that one rule applied to both sides. Reported by `npm run import`
// so the rules are kept for what they measurably find.
import { splitArtists } from './match.ts';

const plain = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Each rule alone, on top of the plain comparison. */
const NAME_RULES: Record<string, (s: string) => string[]> = {
  'leading "The"': (s) => [plain(s).replace(/^the /, '')],
  '"&" vs "and"': (s) => [plain(s).replace(/\s*&\s*/g, ' and ')],
  'feat. / ft. / with / several artists': (s) => splitArtists(s).map(plain),
  punctuation: (s) => [plain(s.replace(/[^\p{L}\p{N}\s]+/gu, ' '))],
  diacritics: (s) => [plain(s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').normalize('NFC'))],
  '"- Topic" suffix': (s) => [plain(s.replace(/\s+-\s+Topic$/i, ''))],
};

interface RuleGains {
  /** Plays whose artist matches as written. */
  plain: number;
  /** Plays each rule alone adds. */
  gains: Record<string, number>;
  plays: number;
}

/** `names`: artist field → plays with it. */
export function nameRuleGains(catalogArtists: readonly string[], names: ReadonlyMap<string, number>): RuleGains {
  const base = new Set(catalogArtists.map(plain));
  const sets = Object.fromEntries(Object.entries(NAME_RULES).map(([k, f]) => [k, new Set(catalogArtists.flatMap(f))]));
  const gains: Record<string, number> = Object.fromEntries(Object.keys(NAME_RULES).map((k) => [k, 0]));
  let plainHits = 0;
  let plays = 0;
  for (const [name, n] of names) {
    plays += n;
    if (base.has(plain(name))) {
      plainHits += n;
      continue;
    }
    for (const [k, f] of Object.entries(NAME_RULES)) if (f(name).some((x) => sets[k].has(x))) gains[k] += n;
  }
  return { plain: plainHits, gains, plays };
}
