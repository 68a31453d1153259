import type { Catalog } from '../src/features/catalog/core/catalog.ts';
import { tinyCatalog } from './test-catalog.ts';
import { rng } from '../src/platform/random.ts';

// A small catalog of three scenes that sound and are tagged apart: metal
// (loud, energetic), folk (quiet, acoustic) and dance (danceable, bright).
// Within each scene artists run from famous to unknown.
export interface Spec {
  name: string;
  artists: string[];
  genre: string;
  pop: number;
  explicit?: boolean;
  energy: number;
  acousticness: number;
  danceability: number;
  valence: number;
  tempo: number;
}

export const SCENES = {
  metal: { energy: 0.92, acousticness: 0.02, danceability: 0.35, valence: 0.3, tempo: 150 },
  folk: { energy: 0.25, acousticness: 0.85, danceability: 0.45, valence: 0.45, tempo: 95 },
  dance: { energy: 0.7, acousticness: 0.1, danceability: 0.85, valence: 0.8, tempo: 124 },
};
export type Scene = keyof typeof SCENES;
// name, scene, artist popularity, tracks
export const ARTISTS: [string, Scene, number, number][] = [
  ['Iron Anvil', 'metal', 85, 4],
  ['Doom Hollow', 'metal', 60, 4],
  ['Gravecrawl', 'metal', 30, 4],
  ['Basement Riffs', 'metal', 4, 4],
  ['Willow Creek', 'folk', 80, 4],
  ['Ada Lind', 'folk', 55, 4],
  ['Moss & Fern', 'folk', 25, 4],
  ['Quiet Porch', 'folk', 3, 4],
  ['Neon Pulse', 'dance', 90, 4],
  ['Club Kid', 'dance', 50, 4],
  ['Strobe', 'dance', 20, 4],
  ['Bedroom Beats', 'dance', 2, 4],
];

export function specs(): Spec[] {
  const rand = rng(3);
  const out: Spec[] = [];
  for (const [artist, scene, pop, n] of ARTISTS) {
    const base = SCENES[scene];
    for (let i = 0; i < n; i++) {
      const j = (x: number, s: number) => Math.min(1, Math.max(0, x + (rand() - 0.5) * s));
      out.push({
        name: `${artist} song ${i + 1}`,
        artists: [artist],
        genre: scene,
        pop: Math.max(0, pop - i * 8),
        explicit: scene === 'metal' && i % 2 === 0,
        energy: j(base.energy, 0.3),
        acousticness: j(base.acousticness, 0.2),
        danceability: j(base.danceability, 0.2),
        valence: j(base.valence, 0.3),
        tempo: base.tempo + (rand() - 0.5) * 30,
      });
    }
  }
  // One collaboration across scenes.
  out.push({ name: 'Unlikely Duet', artists: ['Iron Anvil', 'Willow Creek'], genre: 'folk', pop: 70, ...SCENES.folk });
  return out;
}

/** The scenes as a catalog, through the one test catalog builder. */
export function buildCatalog(list: Spec[]): Catalog {
  return tinyCatalog(
    list.map((s, i) => ({
      id: `id${String(i).padStart(20, '0')}`,
      name: s.name,
      artists: s.artists,
      genres: [s.genre],
      album: `${s.name} (album)`,
      popularity: s.pop,
      durationMs: 180_000 + i * 1000,
      explicit: s.explicit ?? false,
      danceability: s.danceability,
      energy: s.energy,
      loudness: -20 + 15 * s.energy,
      speechiness: 0.05,
      acousticness: s.acousticness,
      instrumentalness: s.genre === 'metal' ? 0.3 : 0.01,
      liveness: 0.12,
      valence: s.valence,
      tempo: s.tempo,
      key: i % 12,
      mode: i % 2,
    })),
  );
}
