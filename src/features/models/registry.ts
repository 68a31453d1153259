/** Keys of the stored models in IndexedDB (the `models` table). */
export const ARTIST_MODEL = 'artist-autoencoder';
export const GENRE_MODEL = 'genre-classifier';
export const CF_MODEL = 'collaborative';
