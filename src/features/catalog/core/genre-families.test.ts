import { describe, expect, it } from 'vitest';
import { FAMILY_NAMES, GENRE_FAMILIES, familyOf } from './genre-families.ts';

const KNOWN_GENRES: string[] = Object.values(GENRE_FAMILIES).flat();

// The track_genre values of the Spotify Tracks Dataset (114, read off the file's column).
const DATASET_GENRES = `acoustic afrobeat alt-rock alternative ambient anime black-metal bluegrass blues brazil breakbeat
british cantopop chicago-house children chill classical club comedy country dance dancehall death-metal deep-house
detroit-techno disco disney drum-and-bass dub dubstep edm electro electronic emo folk forro french funk garage german
gospel goth grindcore groove grunge guitar happy hard-rock hardcore hardstyle heavy-metal hip-hop honky-tonk house idm
indian indie indie-pop industrial iranian j-dance j-idol j-pop j-rock jazz k-pop kids latin latino malay mandopop metal
metalcore minimal-techno mpb new-age opera pagode party piano pop pop-film power-pop progressive-house psych-rock punk
punk-rock r-n-b reggae reggaeton rock rock-n-roll rockabilly romance sad salsa samba sertanejo show-tunes
singer-songwriter ska sleep songwriter soul spanish study swedish synth-pop tango techno trance trip-hop turkish
world-music`.split(/\s+/);

describe('genre families', () => {
  it('covers each of the 114 dataset genres exactly once', () => {
    expect(new Set(DATASET_GENRES).size).toBe(114);
    expect(KNOWN_GENRES).toHaveLength(114);
    expect([...KNOWN_GENRES].sort()).toEqual([...DATASET_GENRES].sort());
    for (const g of DATASET_GENRES) expect(familyOf(g)).not.toBe('other');
  });

  it('groups into about 15 families, none empty', () => {
    const families = Object.keys(GENRE_FAMILIES);
    expect(families.length).toBeGreaterThanOrEqual(12);
    expect(families.length).toBeLessThanOrEqual(18);
    for (const f of families) expect(GENRE_FAMILIES[f as keyof typeof GENRE_FAMILIES].length).toBeGreaterThan(0);
    expect(FAMILY_NAMES.at(-1)).toBe('other');
  });

  it('maps names as expected, ignoring case and spaces, unknown to other', () => {
    expect(familyOf('deep-house')).toBe('electronic');
    expect(familyOf(' Death-Metal ')).toBe('metal');
    expect(familyOf('sertanejo')).toBe('brazilian');
    expect(familyOf('polka')).toBe('other');
    expect(familyOf('')).toBe('other');
  });
});
