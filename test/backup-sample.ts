// Realistic records for every user table, for the backup and schema tests:
// the shapes the app writes (seeds.svelte.ts, feedback.svelte.ts, settings.ts,
// models.worker.ts, history import), with typed arrays in model payloads,
// Unicode names, optional fields present and absent, and a NaN loss.
import type { FeedbackRecord, ImportRecord, ModelRecord, PlayRecord, SeedRecord, SettingRecord } from '../src/platform/db.ts';
import { rng } from '../src/platform/random.ts';

export interface SampleData {
  settings: SettingRecord[];
  seeds: SeedRecord[];
  plays: PlayRecord[];
  imports: ImportRecord[];
  feedback: FeedbackRecord[];
  models: ModelRecord[];
}

const ARTISTS = ['Beyoncé', 'Sigur Rós', 'Bad Bunny', 'AC/DC', '坂本龍一', 'Motörhead', 'Sam Smith', 'Björk', '"Weird Al" Yankovic', 'Mø'];

export function sampleData(nPlays = 500, seed = 7): SampleData {
  const r = rng(seed);
  const t0 = Date.UTC(2024, 0, 1);
  const imports: ImportRecord[] = [
    { id: 'imp-lastfm', at: t0 + 1000, source: 'lastfm-csv', fileNames: ['scrobbles.csv'], added: 0, report: { read: 0, dropped: 2, droppedByReason: { 'bad time': 2 } } },
    { id: 'imp-spotify', at: t0 + 2000, source: 'spotify-extended', fileNames: ['Streaming_History_Audio_2023_0.json'], added: 0, report: { read: 0, skippedFiles: [] } },
  ];
  const plays: PlayRecord[] = [];
  for (let i = 0; i < nPlays; i++) {
    const imp = imports[i % 2];
    const p: PlayRecord = {
      id: `play-${i.toString(16).padStart(8, '0')}`,
      ts: t0 + Math.floor(r() * 365 * 86_400_000),
      artist: ARTISTS[i % ARTISTS.length],
      track: `Track ${i} — ${ARTISTS[(i * 7) % ARTISTS.length]}`,
      source: imp.source,
      importId: imp.id,
    };
    if (i % 3 === 0) p.album = `Album ${i % 17}`;
    if (imp.id === 'imp-spotify') {
      p.msPlayed = Math.floor(r() * 300_000);
      p.spotifyTrackId = `4iV5W9uYEdYUVa79Axb7R${i % 10}`;
      if (p.msPlayed < 30_000) p.skipped = true;
    }
    plays.push(p);
  }
  imports[0].added = plays.filter((p) => p.importId === 'imp-lastfm').length;
  imports[1].added = plays.length - imports[0].added;

  const seeds: SeedRecord[] = [
    { id: 'artist:Beyoncé', kind: 'artist', key: 'Beyoncé', label: 'Beyoncé', position: 0 },
    { id: 'track:5SuOikwiRyPMVoIQDJUgSV', kind: 'track', key: '5SuOikwiRyPMVoIQDJUgSV', label: 'Comedy', position: 1 },
    { id: 'genre:j-pop', kind: 'genre', key: 'j-pop', label: 'j-pop', position: 2 },
  ];
  const feedback: FeedbackRecord[] = [
    { id: 'fb-1', at: t0 + 10, type: 'dont-recommend', target: { kind: 'artist', artist: 'AC/DC' } },
    { id: 'fb-2', at: t0 + 20, type: 'rating', stars: 4, target: { kind: 'track', artist: 'Sam Smith', track: 'Unholy', trackId: '5SuOikwiRyPMVoIQDJUgSV' } },
    { id: 'fb-3', at: t0 + 30, type: 'not-now', target: { kind: 'track', artist: 'Björk', track: 'Jóga' }, undoneAt: t0 + 40 },
    { id: 'fb-4', at: t0 + 50, type: 'exclude-import', importId: 'imp-lastfm', note: 'a party playlist' },
    { id: 'fb-5', at: t0 + 60, type: 'exclude-range', from: t0, to: t0 + 86_400_000 },
    { id: 'fb-6', at: t0 + 70, type: 'love', target: { kind: 'artist', artist: 'Beyoncé' } },
  ];
  const settings: SettingRecord[] = [
    { key: 'backendOverride', value: null },
    { key: 'backendMeasured', value: 'wasm' },
    { key: 'steering', value: { discovery: 0.3, era: [1990, 2024], nested: { on: true } } },
  ];
  const floats = (n: number) => Float32Array.from({ length: n }, () => r() * 2 - 1);
  const models: ModelRecord[] = [
    {
      name: 'artist-autoencoder',
      catalogFingerprint: 'fp-123',
      backend: 'wasm',
      finalLoss: 0.0123,
      createdAt: t0 + 5000,
      trainMs: 4321,
      meta: { epochs: 12, codeDim: 4, artists: 6 },
      payload: {
        model: {
          weights: { enc: [{ w: floats(12), b: floats(4), shape: [3, 4] }], dec: [{ w: floats(12), b: floats(3), shape: [4, 3] }] },
          standardizer: { mean: Float64Array.from([1, 2, 3]), std: Float64Array.from([0.5, 1, 2]) },
        },
        codes: floats(24),
        dim: 4,
        ids: Int32Array.from([0, 1, -5, 2 ** 30]),
        flags: Uint8Array.from([0, 1, 255]),
      },
    },
    {
      name: 'genre-classifier',
      catalogFingerprint: 'fp-123',
      backend: 'webgpu',
      finalLoss: NaN,
      createdAt: t0 + 6000,
      trainMs: 999,
      meta: { heldOut: 'by artist', accuracy: 0.41, fellBack: undefined },
      payload: { kind: 'genre-mlp', classes: ['pop', 'rock'], members: [[{ w: floats(5), b: floats(2) }]], scaler: { mean: floats(3), std: floats(3) }, trainedOn: 100, trainMs: 999 },
    },
  ];
  return { settings, seeds, plays, imports, feedback, models };
}
