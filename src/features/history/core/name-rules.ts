// How much each spelling rule of the matcher recovers: artist names that do
// not match the catalog when compared as written (case and spaces aside) but
// do with that one rule applied to both sides. Reported by `npm run import`
// so the rules are kept for what they measurably find.
import { splitArtists } from './match.ts';

const TOPIC = /\s+-\s+Topic$/i;
const plain = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Each rule alone, on top of the plain comparison: how it rewrites a history's
 *  artist field, and a catalog name (the catalog's artists are single already:
 *  splitting applies to the history side only). */
const NAME_RULES: Record<string, { history: (s: string) => string[]; catalog: (s: string) => string }> = {
  'leading "The"': both((s) => plain(s).replace(/^the /, '')),
  '"&" vs "and"': both((s) => plain(s).replace(/\s*&\s*/g, ' and ')),
  // (splitArtists also drops "- Topic": that is the last rule's, not counted here.)
  'feat. / ft. / with / several artists': { history: (s) => (TOPIC.test(s) ? [plain(s)] : splitArtists(s).map(plain)), catalog: plain },
  punctuation: both((s) => plain(s.replace(/[^\p{L}\p{N}\s]+/gu, ' '))),
  diacritics: both((s) => plain(s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').normalize('NFC'))),
  '"- Topic" suffix': { history: (s) => [plain(s.replace(TOPIC, ''))], catalog: plain },
};

function both(f: (s: string) => string) {
  return { history: (s: string) => [f(s)], catalog: f };
}

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
  const sets = Object.fromEntries(Object.entries(NAME_RULES).map(([k, r]) => [k, new Set(catalogArtists.map(r.catalog))]));
  const gains: Record<string, number> = Object.fromEntries(Object.keys(NAME_RULES).map((k) => [k, 0]));
  let plainHits = 0;
  let plays = 0;
  for (const [name, n] of names) {
    plays += n;
    if (base.has(plain(name))) {
      plainHits += n;
      continue;
    }
    for (const [k, r] of Object.entries(NAME_RULES)) if (r.history(name).some((x) => sets[k].has(x))) gains[k] += n;
  }
  return { plain: plainHits, gains, plays };
}
