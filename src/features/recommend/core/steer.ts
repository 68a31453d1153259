// The Discover controls' ranges (steering, seed shares) and the steering's two
// edits, shared by the Steer panel, the seed list and prompt radio, so a typed "energy:<0.5" is the same change as
// ticking "max" and dragging the slider.
import type { Steerable, Steering } from './types.ts';

export const STEER_RANGE: Record<Steerable, { min: number; max: number; step: number; unit?: string; label: string }> = {
  acousticness: { min: 0, max: 1, step: 0.01, label: 'Acousticness' },
  danceability: { min: 0, max: 1, step: 0.01, label: 'Danceability' },
  energy: { min: 0, max: 1, step: 0.01, label: 'Energy' },
  instrumentalness: { min: 0, max: 1, step: 0.01, label: 'Instrumentalness' },
  liveness: { min: 0, max: 1, step: 0.01, label: 'Liveness' },
  loudness: { min: -60, max: 5, step: 0.5, unit: 'dB', label: 'Loudness' },
  speechiness: { min: 0, max: 1, step: 0.01, label: 'Speechiness' },
  tempo: { min: 0, max: 250, step: 1, unit: 'BPM', label: 'Tempo' },
  valence: { min: 0, max: 1, step: 0.01, label: 'Valence (mood)' },
  popularity: { min: 0, max: 100, step: 1, label: 'Popularity' },
  durationMs: { min: 0, max: 900_000, step: 15_000, unit: 'ms', label: 'Duration' },
  key: { min: 0, max: 11, step: 1, label: 'Key (pitch class)' },
  mode: { min: 0, max: 1, step: 1, label: 'Mode (0 minor, 1 major)' },
  timeSignature: { min: 0, max: 7, step: 1, label: 'Time signature' },
};

/** A seed's share of the lists, as the seed list's menu offers it; negative subtracts (subtract.ts). */
export const SEED_WEIGHTS = [-2, -1, 0.5, 1, 2, 3] as const;

export type BoundPart = 'min' | 'target' | 'max';

/** Ticks (on) or clears one part of an attribute; a ticked part starts at its end of the range (a target mid-range). */
export function toggleBound(s: Steering, a: Steerable, part: BoundPart, on: boolean): void {
  const cur = { ...(s.attributes[a] ?? {}) };
  const r = STEER_RANGE[a];
  if (on) cur[part] = part === 'min' ? r.min : part === 'max' ? r.max : (r.min + r.max) / 2;
  else delete cur[part];
  s.attributes[a] = cur;
}

/** Moves one part's slider. */
export function setBound(s: Steering, a: Steerable, part: BoundPart, v: number): void {
  s.attributes[a] = { ...(s.attributes[a] ?? {}), [part]: v };
}
