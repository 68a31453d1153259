// What the recommend core reads from community listening data (Last.fm 2K):
// the stored model with its listeners and tags per artist, and a community
// user's plays as a taste, the app's way (for the eval and the weight fit).
import type { Lastfm2k } from '../../models/cf/lastfm2k.ts';
import { communityFromPayload, type CfPayload } from '../../models/cf/community.ts';
import { prepareCf, type CfModel } from './cf-source.ts';
import { tagVectors } from './tags.ts';
import { artistKey } from '../../../lib/keys.ts';
import { tasteFromCounts, type FeedbackEvent, type PlayCounts, type Taste } from '../../taste/core/feedback.ts';

/** Listeners per model item (by name; 0 for names the data lacks). */
function listenersPerArtist(lf: Lastfm2k, names: readonly string[]): Float32Array {
  const byName = new Map<string, number>();
  lf.artistName.forEach((name, a) => byName.set(name, lf.artistOffsets[a + 1] - lf.artistOffsets[a]));
  return Float32Array.from(names, (name) => byName.get(name) ?? 0);
}

/** A stored community model as the ranking uses it: indexed against this
 *  catalog's artists, with the listeners and tags its listening data holds. */
export function cfFromPayload(p: CfPayload, catalogArtists: readonly string[]): CfModel {
  const model = communityFromPayload(p);
  const l = p.listening;
  return prepareCf(model, catalogArtists, l ? { listeners: listenersPerArtist(l, model.names), tags: tagVectors(l, catalogArtists) } : {});
}

/** A community user's plays (artist names and play counts), and any feedback, as the app's taste. */
export function tasteFromArtistPlays(plays: Iterable<{ name: string; plays: number }>, events: FeedbackEvent[] = []): Taste {
  const artists: PlayCounts['artists'] = new Map();
  let usedPlays = 0;
  for (const p of plays) {
    const key = artistKey(p.name);
    const a = artists.get(key) ?? { name: p.name, listens: 0, skips: 0, lastListen: 0 };
    a.listens += p.plays;
    usedPlays += p.plays;
    artists.set(key, a);
  }
  return tasteFromCounts({ artists, tracks: new Map(), usedPlays, excludedPlays: 0, exclusionIds: '' }, events, 0);
}
