// Prompt radio's grammar (docs/prompt-radio.md): a typed prompt → the seeds
// and steering that Discover's own controls make. Pure: no network, no model;
// names are resolved against the catalog's artists and genres (a Lexicon).
//
//   artist:(Radiohead) artist:(Coldplay):-1 genre:(trip-hop) energy:<0.5 popularity:20-60 mode:new
//   Radiohead minus Coldplay, calm acoustic trip hop
import { artistKey } from '../../../lib/keys.ts';
import { STEERABLE, type Steerable } from '../../recommend/core/types.ts';
import { SEED_WEIGHTS, STEER_RANGE } from '../../recommend/core/steer.ts';
import type { DiscoverMode } from '../../recommend/core/personalize.ts';

/** The catalog's names by key (artistKey: case, accents, spaces and punctuation forgiven). */
export interface Lexicon {
  artists: Map<string, string>;
  genres: Map<string, string>;
  /** Words in the longest name, so a phrase is never tried longer than that. */
  maxWords: number;
}

export function lexicon(artists: Iterable<string>, genres: Iterable<string>): Lexicon {
  const lx: Lexicon = { artists: new Map(), genres: new Map(), maxWords: 1 };
  const put = (m: Map<string, string>, name: string) => {
    const k = artistKey(name);
    if (!k || m.has(k)) return;
    m.set(k, name);
    lx.maxWords = Math.max(lx.maxWords, Math.min(8, name.split(/\s+/).length));
  };
  for (const a of artists) put(lx.artists, a);
  for (const g of genres) put(lx.genres, g);
  return lx;
}

export type Effect =
  | { kind: 'seed'; seed: 'artist' | 'genre'; name: string; weight: number }
  | { kind: 'bound'; attribute: Steerable; min?: number; max?: number; target?: number }
  | { kind: 'discovery' | 'diversity'; value: number }
  | { kind: 'explicit'; value: boolean }
  | { kind: 'mode'; value: DiscoverMode };

export interface Term {
  /** The term in canonical form: parsing it alone gives this term again. */
  text: string;
  effects: Effect[];
}

export type Parsed = { ok: true; terms: Term[] } | { ok: false; word: string; at: number; message: string };

/** Plain words that steer (each also has a term form, shown in the docs). */
const WORDS: Record<string, Effect[]> = {
  calm: [{ kind: 'bound', attribute: 'energy', max: 0.4 }],
  upbeat: [
    { kind: 'bound', attribute: 'energy', min: 0.6 },
    { kind: 'bound', attribute: 'valence', min: 0.5 },
  ],
  energetic: [{ kind: 'bound', attribute: 'energy', min: 0.7 }],
  acoustic: [{ kind: 'bound', attribute: 'acousticness', min: 0.6 }],
  instrumental: [{ kind: 'bound', attribute: 'instrumentalness', min: 0.5 }],
  danceable: [{ kind: 'bound', attribute: 'danceability', min: 0.6 }],
  slow: [{ kind: 'bound', attribute: 'tempo', max: 100 }],
  fast: [{ kind: 'bound', attribute: 'tempo', min: 130 }],
  obscure: [{ kind: 'discovery', value: 1 }],
  mainstream: [{ kind: 'discovery', value: 0 }],
  varied: [{ kind: 'diversity', value: 1 }],
  clean: [{ kind: 'explicit', value: false }],
};
const NEGATE = new Set(['minus', 'without', 'except', 'not', 'no', '-', '−']);
const JOIN = new Set(['and', 'plus', 'with', '+', '&']);

/** Attribute names as typed → the steerable attribute. */
const ATTRIBUTE: Record<string, Steerable> = Object.fromEntries([
  ...STEERABLE.map((a) => [a.toLowerCase(), a]),
  ['duration', 'durationMs'],
  ['bpm', 'tempo'],
  ['mood', 'valence'],
  ['timesignature', 'timeSignature'],
  ['time-signature', 'timeSignature'],
  ['meter', 'timeSignature'],
]);
ATTRIBUTE.mode = 'mode';
const TAGS = ['artist', 'genre', 'tag', 'mode', 'discovery', 'diversity', 'explicit', ...Object.keys(ATTRIBUTE)];
const NUM = String.raw`-?(?:\d+\.?\d*|\.\d+)`;
const ONE = new RegExp(`^(<=?|>=?|=|~)?(${NUM})$`);
const RANGE = new RegExp(`^(${NUM})-(${NUM})$`);

type Token = { tag?: string; value: string; weight?: string; text: string; at: number };

class PromptError extends Error {
  constructor(
    readonly word: string,
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

export function parsePrompt(prompt: string, lx: Lexicon): Parsed {
  try {
    return { ok: true, terms: read(tokens(prompt), lx) };
  } catch (e) {
    if (e instanceof PromptError) return { ok: false, word: e.word, at: e.at, message: e.message };
    throw e;
  }
}

function tokens(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const stop = (j: number) => j >= s.length || /[\s,]/.test(s[j]);
  while (i < s.length) {
    if (/[\s,]/.test(s[i])) {
      i++;
      continue;
    }
    const at = i;
    const tag = /^([a-z][a-z_-]*):/i.exec(s.slice(i));
    if (tag && TAGS.includes(tag[1].toLowerCase())) {
      i += tag[0].length;
      let value: string;
      let weight: string | undefined;
      if (s[i] === '(') {
        const close = s.indexOf(')', i);
        if (close < 0) throw new PromptError(s.slice(at).split(/\s/)[0], at, `The “(” after ${tag[1]}: is never closed: write ${tag[1]}:(name).`);
        value = s.slice(i + 1, close).trim();
        i = close + 1;
        if (s[i] === ':') {
          const w0 = ++i;
          while (!stop(i)) i++;
          weight = s.slice(w0, i);
        } else if (!stop(i)) throw new PromptError(s.slice(at, i + 1), at, `Expected a space or “:weight” after ${s.slice(at, i)}.`);
      } else {
        const v0 = i;
        while (!stop(i)) i++;
        [value, weight] = s.slice(v0, i).split(/:(.*)/s) as [string, string | undefined];
      }
      out.push({ tag: tag[1].toLowerCase(), value, weight, text: s.slice(at, i), at });
    } else {
      while (!stop(i)) i++;
      out.push({ value: s.slice(at, i), text: s.slice(at, i), at });
    }
  }
  return out;
}

function read(toks: Token[], lx: Lexicon): Term[] {
  const terms: Term[] = [];
  /** Per term, the token it starts at (for errors). */
  const from: Token[] = [];
  let negate: Token | null = null;
  const push = (t: Term, tok: Token) => {
    if (negate) {
      const seed = t.effects[0];
      if (seed.kind !== 'seed') throw new PromptError(negate.text, negate.at, `“${negate.text}” subtracts an artist or genre, but “${tok.text}” is neither.`);
      t = seedTerm(seed.seed, seed.name, -Math.abs(seed.weight));
      tok = negate;
      negate = null;
    }
    terms.push(t);
    from.push(tok);
  };
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    if (tok.tag) {
      push(tagTerm(tok, lx), tok);
      continue;
    }
    // The longest run of plain words that names an artist or genre (genre first on a tie).
    let best: { seed: 'artist' | 'genre'; name: string; words: number } | null = null;
    for (let n = Math.min(lx.maxWords, toks.length - i); n >= 1 && !best; n--) {
      const run = toks.slice(i, i + n);
      // A run never starts or ends on bare punctuation ("Radiohead - Coldplay" is two names).
      if (run.some((t) => t.tag) || !artistKey(run[0].value) || !artistKey(run[n - 1].value)) continue;
      const k = artistKey(run.map((t) => t.value).join(' '));
      const g = lx.genres.get(k);
      const a = lx.artists.get(k);
      if (g !== undefined) best = { seed: 'genre', name: g, words: n };
      else if (a !== undefined) best = { seed: 'artist', name: a, words: n };
    }
    const word = tok.value.toLowerCase();
    if (best && best.words > 1) {
      push(seedTerm(best.seed, best.name, 1), tok);
      i += best.words - 1;
    } else if (NEGATE.has(word)) {
      if (negate) throw new PromptError(tok.text, tok.at, `“${negate.text} ${tok.text}”: one “minus” at a time.`);
      negate = tok;
    } else if (JOIN.has(word)) continue;
    else if (WORDS[word]) push({ text: word, effects: WORDS[word] }, tok);
    else if (best) push(seedTerm(best.seed, best.name, 1), tok);
    else if (/^[a-z][a-z_-]*:/i.test(tok.value)) {
      const name = tok.value.split(':')[0];
      throw new PromptError(tok.text, tok.at, `“${name}:” is not a term; the terms are artist:, genre:, mode:, discovery:, diversity:, explicit: and the sound attributes (energy:, tempo:, …).`);
    } else throw new PromptError(tok.text, tok.at, `“${tok.text}” is not an artist or genre in this catalog, nor a steering word (${Object.keys(WORDS).join(', ')}).`);
  }
  if (negate) throw new PromptError(negate.text, negate.at, `“${negate.text}” needs an artist or genre after it.`);
  checkBounds(terms, from);
  return terms;
}

function seedTerm(seed: 'artist' | 'genre', name: string, weight: number): Term {
  return { text: `${seed}:(${name})${weight === 1 ? '' : `:${weight}`}`, effects: [{ kind: 'seed', seed, name, weight }] };
}

function tagTerm(tok: Token, lx: Lexicon): Term {
  const tag = tok.tag === 'tag' ? 'genre' : tok.tag!;
  const fail = (why: string): never => {
    throw new PromptError(tok.text, tok.at, `${tok.text}: ${why}`);
  };
  if (tok.weight !== undefined && tag !== 'artist' && tag !== 'genre') fail('only artist: and genre: take a weight.');
  if (!tok.value) fail(`${tag}: needs a value.`);
  if (tag === 'artist' || tag === 'genre') {
    const name = (tag === 'artist' ? lx.artists : lx.genres).get(artistKey(tok.value));
    if (name === undefined) fail(`there is no ${tag} named “${tok.value}” in this catalog.`);
    let weight = 1;
    if (tok.weight !== undefined) {
      weight = Number(tok.weight);
      if (!(SEED_WEIGHTS as readonly number[]).includes(weight)) fail(`a seed's weight is one of ${SEED_WEIGHTS.join(', ')} (negative subtracts).`);
    }
    return seedTerm(tag, name!, weight);
  }
  const v = tok.value.toLowerCase();
  if (tag === 'mode' && (v === 'new' || v === 'familiar')) return { text: `mode:${v}`, effects: [{ kind: 'mode', value: v }] };
  if (tag === 'mode' && (v === 'major' || v === 'minor')) {
    const m = v === 'major' ? 1 : 0;
    return { text: `mode:${v}`, effects: [{ kind: 'bound', attribute: 'mode', min: m, max: m }] };
  }
  if (tag === 'mode') fail('mode is new, familiar, major or minor.');
  if (tag === 'explicit') {
    const on = ['yes', 'true', 'on'].includes(v) ? true : ['no', 'false', 'off'].includes(v) ? false : fail('explicit is yes or no.');
    return { text: `explicit:${on ? 'yes' : 'no'}`, effects: [{ kind: 'explicit', value: on }] };
  }
  if (tag === 'discovery' || tag === 'diversity') {
    const x = Number(v);
    if (!ONE.test(v) || /^[<>=~]/.test(v) || x < 0 || x > 1) fail(`${tag} is a number from 0 to 1.`);
    return { text: `${tag}:${x}`, effects: [{ kind: tag, value: x }] };
  }
  return { text: `${tag}:${v}`, effects: [bound(ATTRIBUTE[tag], tag, v, fail)] };
}

/** "<x", ">x", "a-b" or "x" (a target) for an attribute, in the Steer panel's units (duration in minutes). */
function bound(a: Steerable, name: string, v: string, fail: (why: string) => never): Effect {
  const scale = a === 'durationMs' ? 60_000 : 1;
  const r = STEER_RANGE[a];
  const unit = a === 'durationMs' ? ' minutes' : r.unit ? ` ${r.unit}` : '';
  const check = (x: number) => {
    const y = x * scale;
    if (y < r.min || y > r.max) fail(`${name} runs from ${r.min / scale} to ${r.max / scale}${unit}.`);
    if ((a === 'key' || a === 'mode' || a === 'timeSignature') && !Number.isInteger(x)) fail(`${name} is a whole number.`);
    return y;
  };
  const range = RANGE.exec(v);
  if (range) {
    const [lo, hi] = [check(Number(range[1])), check(Number(range[2]))];
    if (lo > hi) fail(`the range runs from low to high (${range[2]}-${range[1]}).`);
    return { kind: 'bound', attribute: a, min: lo, max: hi };
  }
  const one = ONE.exec(v);
  if (!one) return fail(`write ${name}:<x, ${name}:>x, ${name}:a-b or ${name}:x (a target).`);
  const x = check(Number(one[2]));
  const op = one[1] ?? '=';
  return op.startsWith('<') ? { kind: 'bound', attribute: a, max: x } : op.startsWith('>') ? { kind: 'bound', attribute: a, min: x } : { kind: 'bound', attribute: a, target: x };
}

/** Two terms that leave no room between them ("calm upbeat") are an error at the second. */
function checkBounds(terms: Term[], from: Token[]): void {
  const lo = new Map<Steerable, { x: number; by: string }>();
  const hi = new Map<Steerable, { x: number; by: string }>();
  terms.forEach((t, i) => {
    for (const e of t.effects) {
      if (e.kind !== 'bound') continue;
      if (e.min !== undefined) lo.set(e.attribute, { x: e.min, by: t.text });
      if (e.max !== undefined) hi.set(e.attribute, { x: e.max, by: t.text });
      const l = lo.get(e.attribute);
      const h = hi.get(e.attribute);
      if (l && h && l.x > h.x) {
        const other = l.by === t.text ? h : l;
        throw new PromptError(from[i].text, from[i].at, `“${from[i].text}” and “${other.by}” leave no ${e.attribute} between them.`);
      }
    }
  });
}

/** A chip's words: how the term was read. */
export function describe(t: Term): string {
  const parts = t.effects.map((e) => {
    switch (e.kind) {
      case 'seed':
        return `${e.seed} ${e.name}${e.weight < 0 ? ` minus${e.weight === -1 ? '' : ` ${-e.weight}×`}` : e.weight === 1 ? '' : ` ${e.weight}×`}`;
      case 'bound': {
        const label = STEER_RANGE[e.attribute].label.toLowerCase();
        const f = (x: number) => (e.attribute === 'durationMs' ? `${x / 60_000} min` : String(x));
        if (e.attribute === 'mode' && e.min === e.max) return e.min === 1 ? 'major key' : 'minor key';
        if (e.min !== undefined && e.max !== undefined) return `${label} ${f(e.min)}–${f(e.max)}`;
        if (e.min !== undefined) return `${label} ≥ ${f(e.min)}`;
        if (e.max !== undefined) return `${label} ≤ ${f(e.max)}`;
        return `${label} ≈ ${f(e.target!)}`;
      }
      case 'discovery':
      case 'diversity':
        return `${e.kind} ${e.value}`;
      case 'explicit':
        return e.value ? 'explicit allowed' : 'no explicit tracks';
      case 'mode':
        return e.value === 'new' ? 'new to me' : 'more of what I love';
    }
  });
  return WORDS[t.text] ? `${t.text}: ${parts.join(', ')}` : parts.join(', ');
}
