// Prompt radio's grammar: a table of prompts and how each must be read, and
// the errors that say which word could not be read and why.
import { describe, expect, it } from 'vitest';
import { lexicon, parsePrompt, describe as describeTerm, type Effect } from './prompt.ts';

const lx = lexicon(
  ['Radiohead', 'Coldplay', 'Massive Attack', 'Portishead', 'Florence + The Machine', 'Simon & Garfunkel', 'Minus the Bear', 'The Beatles', 'Sigur Rós', 'Björk', 'Calm Down Juliet', 'Massive'],
  ['trip-hop', 'hip-hop', 'acoustic', 'rock', 'indie-pop', 'sad', 'chill', 'drum-and-bass', 'k-pop'],
);

const A = (name: string, weight = 1): Effect => ({ kind: 'seed', seed: 'artist', name, weight });
const G = (name: string, weight = 1): Effect => ({ kind: 'seed', seed: 'genre', name, weight });
const B = (attribute: string, b: { min?: number; max?: number; target?: number }): Effect => ({ kind: 'bound', attribute, ...b }) as Effect;

// prompt → every effect, in order
const TABLE: [string, Effect[]][] = [
  ['artist:(Radiohead)', [A('Radiohead')]],
  ['artist:(Coldplay):-1', [A('Coldplay', -1)]],
  ['artist:(Radiohead) artist:(Coldplay):-1 genre:(trip-hop) energy:<0.5 popularity:20-60 mode:new', [A('Radiohead'), A('Coldplay', -1), G('trip-hop'), B('energy', { max: 0.5 }), B('popularity', { min: 20, max: 60 }), { kind: 'mode', value: 'new' }]],
  ['artist:Radiohead', [A('Radiohead')]],
  ['artist:Radiohead:2', [A('Radiohead', 2)]],
  ['artist:(massive attack):3', [A('Massive Attack', 3)]],
  ['artist:(radiohead):0.5', [A('Radiohead', 0.5)]],
  ['ARTIST:(RADIOHEAD)', [A('Radiohead')]],
  ['genre:(trip hop)', [G('trip-hop')]],
  ['tag:(hip-hop):2', [G('hip-hop', 2)]],
  ['genre:acoustic', [G('acoustic')]],
  ['Radiohead', [A('Radiohead')]],
  ['radiohead coldplay', [A('Radiohead'), A('Coldplay')]],
  ['Radiohead minus Coldplay', [A('Radiohead'), A('Coldplay', -1)]],
  ['Radiohead without Coldplay', [A('Radiohead'), A('Coldplay', -1)]],
  ['Radiohead - Coldplay', [A('Radiohead'), A('Coldplay', -1)]],
  ['Radiohead minus artist:(Coldplay):2', [A('Radiohead'), A('Coldplay', -2)]],
  ['Radiohead, Portishead and Björk', [A('Radiohead'), A('Portishead'), A('Björk')]],
  ['Radiohead plus Bjork', [A('Radiohead'), A('Björk')]],
  ['Massive Attack', [A('Massive Attack')]],
  ['massive', [A('Massive')]],
  ['Massive Attack Portishead', [A('Massive Attack'), A('Portishead')]],
  ['the beatles', [A('The Beatles')]],
  ['beatles', [A('The Beatles')]],
  ['sigur ros', [A('Sigur Rós')]],
  ['Simon and Garfunkel', [A('Simon & Garfunkel')]],
  ['simon & garfunkel', [A('Simon & Garfunkel')]],
  ['Florence and the Machine', []], // "+" is not "and": see the error table
  ['Minus the Bear', [A('Minus the Bear')]],
  ['Radiohead minus the bear', [A('Radiohead'), A('Minus the Bear')]],
  ['Calm Down Juliet', [A('Calm Down Juliet')]],
  ['trip hop', [G('trip-hop')]],
  ['trip-hop', [G('trip-hop')]],
  ['triphop', [G('trip-hop')]],
  ['sad chill', [G('sad'), G('chill')]],
  ['k-pop', [G('k-pop')]],
  ['drum and bass', [G('drum-and-bass')]],
  ['calm', [B('energy', { max: 0.4 })]],
  ['upbeat', [B('energy', { min: 0.6 }), B('valence', { min: 0.5 })]],
  ['acoustic', [B('acousticness', { min: 0.6 })]],
  ['instrumental', [B('instrumentalness', { min: 0.5 })]],
  ['obscure', [{ kind: 'discovery', value: 1 }]],
  ['mainstream', [{ kind: 'discovery', value: 0 }]],
  ['Calm Acoustic Radiohead', [B('energy', { max: 0.4 }), B('acousticness', { min: 0.6 }), A('Radiohead')]],
  ['obscure instrumental trip hop', [{ kind: 'discovery', value: 1 }, B('instrumentalness', { min: 0.5 }), G('trip-hop')]],
  ['danceable fast clean', [B('danceability', { min: 0.6 }), B('tempo', { min: 130 }), { kind: 'explicit', value: false }]],
  ['slow energetic varied', [B('tempo', { max: 100 }), B('energy', { min: 0.7 }), { kind: 'diversity', value: 1 }]],
  ['energy:>0.7', [B('energy', { min: 0.7 })]],
  ['energy:>=0.7', [B('energy', { min: 0.7 })]],
  ['energy:<=.3', [B('energy', { max: 0.3 })]],
  ['energy:0.5', [B('energy', { target: 0.5 })]],
  ['valence:~0.8', [B('valence', { target: 0.8 })]],
  ['mood:=0.2', [B('valence', { target: 0.2 })]],
  ['tempo:120-130', [B('tempo', { min: 120, max: 130 })]],
  ['bpm:>140', [B('tempo', { min: 140 })]],
  ['loudness:-12--6', [B('loudness', { min: -12, max: -6 })]],
  ['loudness:<-8', [B('loudness', { max: -8 })]],
  ['duration:<4', [B('durationMs', { max: 240_000 })]],
  ['duration:3-5', [B('durationMs', { min: 180_000, max: 300_000 })]],
  ['key:0', [B('key', { target: 0 })]],
  ['mode:major', [B('mode', { min: 1, max: 1 })]],
  ['mode:minor', [B('mode', { min: 0, max: 0 })]],
  ['mode:familiar', [{ kind: 'mode', value: 'familiar' }]],
  ['time-signature:3-3', [B('timeSignature', { min: 3, max: 3 })]],
  ['speechiness:<0.1 liveness:<0.3 danceability:>0.5', [B('speechiness', { max: 0.1 }), B('liveness', { max: 0.3 }), B('danceability', { min: 0.5 })]],
  ['discovery:0.8 diversity:0.2', [{ kind: 'discovery', value: 0.8 }, { kind: 'diversity', value: 0.2 }]],
  ['explicit:no', [{ kind: 'explicit', value: false }]],
  ['explicit:yes', [{ kind: 'explicit', value: true }]],
  ['popularity:<30 genre:(rock) minus genre:(indie-pop)', [B('popularity', { max: 30 }), G('rock'), G('indie-pop', -1)]],
  ['calm energy:<0.2', [B('energy', { max: 0.4 }), B('energy', { max: 0.2 })]],
  ['   ', []],
];

// prompt → the word the error names, and a phrase of its reason
const ERRORS: [string, string, RegExp][] = [
  ['Radiohead Muse', 'Muse', /not an artist or genre in this catalog/],
  ['Florence and the Machine', 'Florence', /not an artist or genre/],
  ['artist:(Muse)', 'artist:(Muse)', /no artist named “Muse”/],
  ['genre:(polka)', 'genre:(polka)', /no genre named “polka”/],
  ['artist:(Radiohead', 'artist:(Radiohead', /never closed/],
  ['artist:(Radiohead):5', 'artist:(Radiohead):5', /weight is one of -2, -1, 0.5, 1, 2, 3/],
  ['energy:<1.5', 'energy:<1.5', /energy runs from 0 to 1/],
  ['energy:high', 'energy:high', /write energy:<x/],
  ['tempo:140-120', 'tempo:140-120', /low to high/],
  ['key:1.5', 'key:1.5', /whole number/],
  ['duration:<20', 'duration:<20', /0 to 15 minutes/],
  ['mode:loud', 'mode:loud', /new, familiar, major or minor/],
  ['explicit:maybe', 'explicit:maybe', /yes or no/],
  ['discovery:2', 'discovery:2', /from 0 to 1/],
  ['energy:<0.5:2', 'energy:<0.5:2', /only artist: and genre: take a weight/],
  ['colour:(red)', 'colour:(red)', /“colour:” is not a term/],
  ['Radiohead minus', 'minus', /needs an artist or genre after it/],
  ['minus calm', 'minus', /subtracts an artist or genre, but “calm” is neither/],
  ['minus minus Coldplay', 'minus', /one “minus” at a time/],
  ['calm upbeat', 'upbeat', /“upbeat” and “calm” leave no energy between them/],
  ['energy:>0.8 energy:<0.2', 'energy:<0.2', /leave no energy/],
  ['artist:', 'artist:', /needs a value/],
];

describe('prompt radio grammar', () => {
  it(`reads all ${TABLE.length} prompts of the table as expected`, () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
    for (const [prompt, effects] of TABLE) {
      const r = parsePrompt(prompt, lx);
      if (!effects.length && prompt.trim()) {
        expect(r.ok, prompt).toBe(false);
        continue;
      }
      if (!r.ok) throw new Error(`${prompt}: ${r.message}`);
      expect(r.terms.flatMap((t) => t.effects), prompt).toEqual(effects);
    }
  });

  it('names the word it cannot read and why, and where it is', () => {
    for (const [prompt, word, why] of ERRORS) {
      const r = parsePrompt(prompt, lx);
      if (r.ok) throw new Error(`${prompt} should not parse`);
      expect(r.word, prompt).toBe(word);
      expect(r.message, prompt).toMatch(why);
      expect(prompt.slice(r.at, r.at + word.length), prompt).toBe(word);
    }
  });

  it('writes each term in a canonical form that reads back as the same term', () => {
    for (const [prompt, effects] of TABLE) {
      if (!effects.length) continue;
      const r = parsePrompt(prompt, lx);
      if (!r.ok) throw new Error(prompt);
      for (const t of r.terms) {
        const again = parsePrompt(t.text, lx);
        expect(again.ok && again.terms, t.text).toEqual([t]);
      }
    }
  });

  it('says in words how it read each term', () => {
    const r = parsePrompt('Radiohead minus Coldplay calm popularity:20-60 duration:<4 mode:new', lx);
    if (!r.ok) throw new Error(r.message);
    expect(r.terms.map(describeTerm)).toEqual(['artist Radiohead', 'artist Coldplay minus', 'calm: energy ≤ 0.4', 'popularity 20–60', 'duration ≤ 4 min', 'new to me']);
  });
});
