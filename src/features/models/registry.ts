/** Keys of the stored models in IndexedDB (the `models` table). */
export const ARTIST_MODEL = 'artist-autoencoder';
export const GENRE_MODEL = 'genre-classifier';
export const CF_MODEL = 'collaborative';
/** The artist map's layout (features/map), kept with the vectors it was laid out from. */
export const MAP_MODEL = 'artist-map';
