// The one table of audio features: every part of the app that reads, stores,
// shows, explains or transforms a track's sound takes its list from here (in
// this order, which is also the Spotify CSV's column order and the stored
// Arrow column order).

interface AudioFeatureSpec {
  /** The catalog column (CatalogColumns field). */
  column: string;
  /** The column's name in the Spotify Tracks CSV header. */
  csv: string;
  /** How the column is stored: 'float' features are continuous; the others
   *  are whole numbers with their own checks on import. */
  type: 'float' | 'int8' | 'uint32';
  /** Its name inside a sentence ("the tempo minimum"). */
  name: string;
  /** Its label on a control. */
  label: string;
  /** Words for a low and a high value in a reason ('' where none reads well). */
  low: string;
  high: string;
  /** The steering control: range, step and unit, in catalog units. */
  steer: { min: number; max: number; step: number; unit?: string };
  /** A fixed range that puts the feature on 0..1 for a profile (the same
   *  whatever catalog is loaded); absent for the categorical ones. */
  profile?: readonly [number, number];
  /** A transform that makes a skewed feature closer to symmetric, and the
   *  name of the result; identity where it is symmetric enough. Skewness of
   *  the track values on the Spotify Tracks data (raw -> transformed):
   *  speechiness 4.55 -> 0.12, liveness 2.06 -> 0.55, acousticness 0.66 ->
   *  0.13, instrumentalness 1.56 -> 0.73 (bimodal: mostly ~0 with a hump near
   *  0.9; no monotone transform makes it normal). Absent: not used as a
   *  distance (key, mode and time signature are categories). */
  transform?: { label: string; f: (x: number) => number };
}

const same = (label: string) => ({ label, f: (x: number) => x });
const UNIT = { min: 0, max: 1, step: 0.01 };

export const AUDIO_FEATURES = [
  { column: 'danceability', csv: 'danceability', type: 'float', name: 'danceability', label: 'Danceability', low: 'low danceability', high: 'high danceability', steer: UNIT, profile: [0, 1], transform: same('danceability') },
  { column: 'energy', csv: 'energy', type: 'float', name: 'energy', label: 'Energy', low: 'low energy', high: 'high energy', steer: UNIT, profile: [0, 1], transform: same('energy') },
  { column: 'key', csv: 'key', type: 'int8', name: 'key', label: 'Key (pitch class)', low: '', high: '', steer: { min: 0, max: 11, step: 1 } },
  { column: 'loudness', csv: 'loudness', type: 'float', name: 'loudness', label: 'Loudness', low: 'quiet', high: 'loud', steer: { min: -60, max: 5, step: 0.5, unit: 'dB' }, profile: [-60, 0], transform: same('loudness') },
  { column: 'mode', csv: 'mode', type: 'int8', name: 'mode', label: 'Mode (0 minor, 1 major)', low: '', high: '', steer: { min: 0, max: 1, step: 1 } },
  { column: 'speechiness', csv: 'speechiness', type: 'float', name: 'speechiness', label: 'Speechiness', low: '', high: 'lots of speech', steer: UNIT, profile: [0, 1], transform: { label: 'log speechiness', f: (x: number) => Math.log(x + 1e-4) } },
  { column: 'acousticness', csv: 'acousticness', type: 'float', name: 'acousticness', label: 'Acousticness', low: 'electric', high: 'acoustic', steer: UNIT, profile: [0, 1], transform: { label: 'sqrt acousticness', f: (x: number) => Math.sqrt(Math.max(0, x)) } },
  { column: 'instrumentalness', csv: 'instrumentalness', type: 'float', name: 'instrumentalness', label: 'Instrumentalness', low: 'vocal', high: 'instrumental', steer: UNIT, profile: [0, 1], transform: { label: 'log instrumentalness', f: (x: number) => Math.log(x + 1e-4) } },
  { column: 'liveness', csv: 'liveness', type: 'float', name: 'liveness', label: 'Liveness', low: '', high: 'live feel', steer: UNIT, profile: [0, 1], transform: { label: 'log liveness', f: (x: number) => Math.log(x + 1e-3) } },
  { column: 'valence', csv: 'valence', type: 'float', name: 'valence', label: 'Valence (mood)', low: 'sombre', high: 'cheerful', steer: UNIT, profile: [0, 1], transform: same('valence') },
  { column: 'tempo', csv: 'tempo', type: 'float', name: 'tempo', label: 'Tempo', low: 'slow', high: 'fast', steer: { min: 0, max: 250, step: 1, unit: 'BPM' }, profile: [0, 250], transform: same('tempo') },
  { column: 'timeSignature', csv: 'time_signature', type: 'int8', name: 'time signature', label: 'Time signature', low: '', high: '', steer: { min: 0, max: 7, step: 1 } },
  { column: 'durationMs', csv: 'duration_ms', type: 'uint32', name: 'duration', label: 'Duration', low: '', high: '', steer: { min: 0, max: 900_000, step: 15_000, unit: 'ms' }, transform: { label: 'log duration', f: (x: number) => Math.log(Math.max(1, x)) } },
] as const satisfies readonly AudioFeatureSpec[];

type AudioFeature = (typeof AUDIO_FEATURES)[number];

type FloatSpec = Extract<AudioFeature, { type: 'float' }>;
/** The continuous features, stored as Float32 columns. */
export type FloatFeature = FloatSpec['column'];
export const FLOAT_FEATURES = AUDIO_FEATURES.filter((f): f is FloatSpec => f.type === 'float').map((f) => f.column);

/** The features with a transform: what the artist features and the track
 *  vectors are built from, in table order. */
export const TRANSFORMED_FEATURES = AUDIO_FEATURES.filter((f): f is Extract<AudioFeature, { transform: object }> => 'transform' in f);

/** The features a genre profile shows, each put on 0..1 by its fixed range. */
export const PROFILE_FEATURES = AUDIO_FEATURES.filter((f): f is Extract<AudioFeature, { profile: object }> => 'profile' in f);
