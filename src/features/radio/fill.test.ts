// Every kind of prompt term leaves Discover exactly as the equivalent clicks
// do: the real seed list and Discover state (runes compiled, IndexedDB faked),
// driven once by the controls' own calls and once by fill().
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { seeds } from '../recommend/seeds.svelte.ts';
import { recommend } from '../recommend/state.svelte.ts';
import { setBound, toggleBound } from '../recommend/core/steer.ts';
import { defaultSteering } from '../recommend/core/types.ts';
import { lexicon, parsePrompt } from './core/prompt.ts';
import { fill, restore, snapshot } from './fill.ts';

const lx = lexicon(['Radiohead', 'Coldplay', 'Massive Attack'], ['trip-hop', 'rock']);
const s = recommend.steering;
const seedId = (kind: string, key: string) => seeds.list.find((x) => x.kind === kind && x.key === key)!.id;
const menu = (kind: string, key: string, w: number) => seeds.setWeight(seedId(kind, key), w);
/** Ticking a part's box, then moving its slider (SteeringPanel). */
const slide = (a: Parameters<typeof setBound>[1], part: 'min' | 'target' | 'max', v: number) => {
  toggleBound(s, a, part, true);
  setBound(s, a, part, v);
};

// prompt → the clicks that make the same Discover
const CASES: [string, () => Promise<void> | void][] = [
  ['Radiohead', () => seeds.add('artist', 'Radiohead', 'Radiohead')], // "+ seed" on the artist
  ['genre:(trip-hop)', () => seeds.add('genre', 'trip-hop', 'trip-hop')], // "Add a genre"
  [
    'Radiohead minus Coldplay',
    async () => {
      await seeds.add('artist', 'Radiohead', 'Radiohead');
      await seeds.add('artist', 'Coldplay', 'Coldplay');
      await menu('artist', 'Coldplay', -1); // the share menu's "minus"
    },
  ],
  [
    'artist:(Massive Attack):3 rock',
    async () => {
      await seeds.add('artist', 'Massive Attack', 'Massive Attack');
      await seeds.add('genre', 'rock', 'rock');
      await menu('artist', 'Massive Attack', 3);
    },
  ],
  ['energy:<0.5', () => slide('energy', 'max', 0.5)],
  ['popularity:20-60', () => (slide('popularity', 'min', 20), slide('popularity', 'max', 60))],
  ['tempo:120', () => slide('tempo', 'target', 120)],
  ['duration:<4', () => slide('durationMs', 'max', 240_000)],
  ['mode:major', () => (slide('mode', 'min', 1), slide('mode', 'max', 1))],
  ['calm', () => slide('energy', 'max', 0.4)],
  ['upbeat', () => (slide('energy', 'min', 0.6), slide('valence', 'min', 0.5))],
  ['acoustic', () => slide('acousticness', 'min', 0.6)],
  ['instrumental', () => slide('instrumentalness', 'min', 0.5)],
  ['obscure', () => void (s.discovery = 1)], // the discovery slider
  ['diversity:0.2', () => void (s.diversity = 0.2)],
  ['explicit:no', () => void (s.explicit = false)], // the explicit checkbox
  ['mode:familiar', () => void (recommend.mode = 'familiar')], // the mode radio
];

const blank = { seeds: [], steering: defaultSteering(), mode: 'new' as const };

describe('prompt radio fills Discover as the clicks do', () => {
  beforeEach(async () => {
    await seeds.load();
    await restore(blank, seeds, recommend);
  });

  for (const [prompt, clicks] of CASES) {
    it(prompt, async () => {
      await clicks();
      const byClicks = snapshot(seeds, recommend);
      expect(byClicks).not.toEqual(blank);
      await restore(blank, seeds, recommend);
      const r = parsePrompt(prompt, lx);
      if (!r.ok) throw new Error(r.message);
      await fill(r.terms, seeds, recommend);
      expect(snapshot(seeds, recommend)).toEqual(byClicks);
    });
  }

  it('a whole prompt at once, and undo puts back what was there', async () => {
    await seeds.add('artist', 'Coldplay', 'Coldplay');
    s.discovery = 0.9;
    const before = snapshot(seeds, recommend);
    const r = parsePrompt('artist:(Radiohead) artist:(Coldplay):-1 genre:(trip-hop) energy:<0.5 popularity:20-60 mode:familiar', lx);
    if (!r.ok) throw new Error(r.message);
    await fill(r.terms, seeds, recommend);
    expect(seeds.list.map((x) => x.id)).toEqual(['artist:Radiohead', 'artist:Coldplay', 'genre:trip-hop']);
    expect(seeds.list.map((x) => seeds.weightOf(x.id))).toEqual([1, -1, 1]);
    expect(recommend.steering.attributes).toEqual({ energy: { max: 0.5 }, popularity: { min: 20, max: 60 } });
    expect(recommend.steering.discovery).toBe(defaultSteering().discovery);
    expect(recommend.mode).toBe('familiar');
    await restore(before, seeds, recommend);
    expect(snapshot(seeds, recommend)).toEqual(before);
  });

  it('a subtracted seed stays subtracted after a reload', async () => {
    const r = parsePrompt('Radiohead minus Coldplay', lx);
    if (!r.ok) throw new Error(r.message);
    await fill(r.terms, seeds, recommend);
    seeds.list = [];
    await seeds.load();
    expect(seeds.list.map((x) => [x.label, seeds.weightOf(x.id)])).toEqual([
      ['Radiohead', 1],
      ['Coldplay', -1],
    ]);
  });
});
