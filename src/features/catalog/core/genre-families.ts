// The 114 genres of the Spotify Tracks Dataset grouped into 16 families, for
// browsing by family and for scoring near-misses (house vs deep-house) fairly.
//
// Grouped by what the genre's name means. Spotify's seed lists behind some
// names hold other music ('world-music' is mostly worship songs, 'j-dance' is
// mostly dancehall, 'dub' mostly melodic dubstep); the family follows the
// name, so a user finds 'dub' under reggae, and the classifier's confusion
// view shows where the content disagrees.

export const GENRE_FAMILIES = {
  pop: ['pop', 'indie-pop', 'power-pop', 'synth-pop', 'indie', 'dance'],
  'east-asian': ['j-pop', 'j-idol', 'j-dance', 'j-rock', 'k-pop', 'cantopop', 'mandopop', 'anime'],
  rock: [
    'rock', 'alt-rock', 'alternative', 'hard-rock', 'psych-rock', 'punk', 'punk-rock', 'grunge', 'emo',
    'garage', 'rock-n-roll', 'rockabilly', 'goth',
  ],
  metal: ['metal', 'heavy-metal', 'black-metal', 'death-metal', 'grindcore', 'metalcore', 'hardcore', 'industrial'],
  electronic: [
    'electronic', 'edm', 'electro', 'house', 'deep-house', 'chicago-house', 'progressive-house', 'techno',
    'detroit-techno', 'minimal-techno', 'trance', 'dubstep', 'drum-and-bass', 'breakbeat', 'hardstyle', 'idm',
    'club', 'trip-hop',
  ],
  'hip-hop & r&b': ['hip-hop', 'r-n-b'],
  'soul & funk': ['soul', 'funk', 'disco', 'gospel', 'groove'],
  latin: ['latin', 'latino', 'reggaeton', 'salsa', 'tango', 'spanish'],
  brazilian: ['brazil', 'mpb', 'pagode', 'samba', 'sertanejo', 'forro'],
  'reggae & ska': ['reggae', 'dancehall', 'dub', 'ska'],
  'jazz & blues': ['jazz', 'blues'],
  classical: ['classical', 'opera', 'piano'],
  'folk & country': [
    'folk', 'country', 'bluegrass', 'honky-tonk', 'acoustic', 'singer-songwriter', 'songwriter', 'guitar',
  ],
  'mood & ambient': ['ambient', 'new-age', 'chill', 'sleep', 'study', 'happy', 'sad', 'party', 'romance'],
  'kids & stage': ['children', 'kids', 'disney', 'comedy', 'show-tunes'],
  'world & regional': [
    'world-music', 'indian', 'iranian', 'turkish', 'malay', 'afrobeat', 'french', 'german', 'british', 'swedish',
    'pop-film',
  ],
} as const satisfies Record<string, readonly string[]>;

type GenreFamily = keyof typeof GENRE_FAMILIES | 'other';

/** Family names in display order, 'other' last (for genres not in the dataset's list). */
export const FAMILY_NAMES: GenreFamily[] = [...(Object.keys(GENRE_FAMILIES) as GenreFamily[]), 'other'];

const familyByGenre = new Map<string, GenreFamily>();
for (const [family, genres] of Object.entries(GENRE_FAMILIES)) {
  for (const g of genres) familyByGenre.set(g, family as GenreFamily);
}

/** The family of a genre name (case and surrounding spaces ignored); unknown genres → 'other'. */
export function familyOf(genre: string): GenreFamily {
  return familyByGenre.get(genre.trim().toLowerCase()) ?? 'other';
}

