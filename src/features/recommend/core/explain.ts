// Reasons: one sentence per recommendation, naming the seed(s) it comes from.
import { tracksOf } from '../../catalog/core/catalog.ts';
import type { Steerable } from './types.ts';
import { ATTRIBUTE_LABEL } from './bounds.ts';
import { trackPopularity, type ScoreContext, type Scored } from './score.ts';

/** Features a reason may mention, with words for low and high values. */
const DESCRIBE: { attr: Steerable; low: string; high: string }[] = [
  { attr: 'energy', low: 'low energy', high: 'high energy' },
  { attr: 'danceability', low: 'low danceability', high: 'high danceability' },
  { attr: 'acousticness', low: 'electric', high: 'acoustic' },
  { attr: 'instrumentalness', low: 'vocal', high: 'instrumental' },
  { attr: 'valence', low: 'sombre', high: 'cheerful' },
  { attr: 'tempo', low: 'slow', high: 'fast' },
  { attr: 'speechiness', low: '', high: 'lots of speech' },
  { attr: 'loudness', low: 'quiet', high: 'loud' },
  { attr: 'liveness', low: '', high: 'live feel' },
];
/** A feature is mentioned when this many standard deviations from the mean. */
const DESCRIBE_Z = 0.75;

export function explain(ctx: ScoreContext, x: Scored, kind: 'track' | 'artist'): string {
  const c = ctx.ix.catalog;
  const names = joinNames(x.blend.seeds.map((s) => ctx.resolved[s].label));
  const genre = x.genre >= 0 ? c.genres[x.genre] : '';
  const p = (kind === 'track' ? trackPopularity(ctx, x.id, x.artists) : c.artistPopularity[x.id]) / 100;
  let lead: string;
  if (x.bySeedArtist) {
    const a = x.artists.find((y) => ctx.seedArtists.has(y))!;
    lead = ctx.ix.songPopularity[x.id] < c.artistPopularity[a] ? `a deeper cut from ${c.artists[a]}` : `more from ${c.artists[a]}`;
  } else if (genre && x.parts.genre > 0 && ctx.steer.discovery < 0.5 && p >= 0.6) {
    // "like", not "among artists like": a seed may be a track or a genre as well as an artist.
    lead = `popular in ${genre}, like ${names}`;
  } else if (genre && x.parts.genre > 0 && ctx.steer.discovery >= 0.5 && p < 0.35) {
    lead = `lesser-known ${genre}, ${(x.blend.phrase ?? x.blend.lead.phrase)(names)}`;
  } else lead = (x.blend.phrase ?? x.blend.lead.phrase)(names);
  const tracks = kind === 'track' ? [x.id] : Array.from(tracksOf(c, x.id));
  const details = !ctx.targets.length ? describe(ctx, tracks) : x.track >= 0 ? targetDetails(ctx, x.track) : '';
  return details ? `${lead}: ${details}` : lead;
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? 'your seeds';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The targeted attributes' values, e.g. "energy 0.31, tempo 92". */
function targetDetails(ctx: ScoreContext, t: number): string {
  return ctx.targets
    .slice(0, 2)
    .map((a) => `${ATTRIBUTE_LABEL[a]} ${formatValue(a, ctx.ix.attributes[a].values[t])}`)
    .join(', ');
}

function formatValue(a: Steerable, v: number): string {
  if (a === 'durationMs') return `${Math.floor(v / 60000)}:${String(Math.round((v % 60000) / 1000)).padStart(2, '0')}`;
  if (a === 'key') return ['C', 'C♯', 'D', 'D♯', 'E', 'F', 'F♯', 'G', 'G♯', 'A', 'A♯', 'B'][v] ?? 'none';
  if (a === 'mode') return v === 1 ? 'major' : 'minor';
  if (a === 'tempo' || a === 'popularity' || a === 'timeSignature') return String(Math.round(v));
  if (a === 'loudness') return `${v.toFixed(1)} dB`;
  return v.toFixed(2);
}

/** The two most distinctive features of these tracks (their mean), in words. */
function describe(ctx: ScoreContext, tracks: ArrayLike<number>): string {
  const found: { word: string; z: number }[] = [];
  for (const { attr, low, high } of DESCRIBE) {
    const st = ctx.ix.attributes[attr];
    let m = 0;
    for (let i = 0; i < tracks.length; i++) m += st.values[tracks[i]];
    const z = (m / Math.max(1, tracks.length) - st.mean) / st.sd;
    const word = z > 0 ? high : low;
    if (Math.abs(z) >= DESCRIBE_Z && word) found.push({ word, z: Math.abs(z) });
  }
  return found
    .sort((x, y) => y.z - x.z)
    .slice(0, 2)
    .map((f) => f.word)
    .join(', ');
}
