// Seeded generator of Spotify-format catalog CSVs of any size, for tests and
// benchmarks (never for quality figures). Everything is invented: genre,
// artist, album and track names are built from syllables, ids are random.
//
// Shape, as in the real file: the unnamed index column first; each genre has
// its own audio-feature distribution; artists follow a Zipf-like spread
// (a few with many tracks, most with one or two); about a quarter of the
// tracks are collaborations ("A;B"); about a fifth of the rows list an earlier
// track again under another genre; names sometimes hold commas and quotes.
//
// CLI: npm run generate -- --rows N --seed S --out FILE [--malformed K]
import { openSync, writeSync, closeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gaussian, rng } from '../src/platform/random.ts';
import { AUDIO_FEATURES } from '../src/lib/features.ts';

export interface GenerateOptions {
  rows?: number;
  seed?: number;
  /** Rows made invalid on purpose (empty artists, bad number, missing field…). */
  malformed?: number;
  /** Number of genres; rows are split evenly between them. */
  genres?: number;
  /** Write the track_genre column (false: a catalog without genres). */
  withGenres?: boolean;
}

/** What was generated, for tests to check an import against. */
export interface GenerateStats {
  rows: number;
  tracks: number;
  duplicateRows: number;
  malformed: number;
  /** 1-based line numbers of the malformed rows. */
  malformedLines: number[];
  genres: number;
}

/** The dataset's header: a pandas index column, then duration_ms among the
 *  track facts and the other audio features in table order. */
export const HEADER = [
  '',
  'track_id',
  'artists',
  'album_name',
  'track_name',
  'popularity',
  'duration_ms',
  'explicit',
  ...AUDIO_FEATURES.filter((f) => f.csv !== 'duration_ms').map((f) => f.csv),
  'track_genre',
].join(',');

const SYLLABLES = [
  'ka', 'lo', 'mi', 'ra', 'ven', 'tor', 'sel', 'na', 'dri', 'mo', 'zan', 'pe', 'qui', 'lu', 'bar', 'fen',
  'go', 'ith', 'shu', 'vel', 'ar', 'os', 'ty', 'mer', 'cal', 'do', 'xen', 'ri', 'sa', 'pol', 'un', 'ek',
];
const WORDS = [
  'Harbor', 'Silver', 'Night', 'Echo', 'Paper', 'Velvet', 'Static', 'River', 'Glass', 'Ember', 'Orbit', 'Hollow',
  'Signal', 'Garden', 'Neon', 'Winter', 'Copper', 'Lantern', 'Tide', 'Motel', 'Violet', 'Engine', 'Cloud', 'Mirror',
];
const GENRE_HEADS = ['neo', 'deep', 'lo', 'hyper', 'dark', 'sun', 'street', 'chamber', 'acid', 'dream', 'tropic', 'iron'];
const GENRE_TAILS = ['wave', 'core', 'pop', 'step', 'folk', 'hop', 'jazz', 'gaze', 'house', 'soul'];
const ID_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

interface Track {
  id: string;
  artists: string;
  album: string;
  name: string;
  fields: string; // popularity … time_signature, already formatted
}

/** The CSV text, line by line (each without its newline), header first. */
export function* catalogCsvLines(opts: GenerateOptions = {}, stats?: GenerateStats): Generator<string> {
  const rows = opts.rows ?? 114_000;
  const nGenres = Math.max(1, Math.min(opts.genres ?? 114, rows));
  const withGenres = opts.withGenres ?? true;
  const rand = rng(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const word = (syllables: number) => {
    let w = '';
    for (let i = 0; i < syllables; i++) w += pick(SYLLABLES);
    return w[0].toUpperCase() + w.slice(1);
  };

  const genres = Array.from({ length: nGenres }, (_, g) => {
    const head = GENRE_HEADS[g % GENRE_HEADS.length];
    const tail = GENRE_TAILS[Math.floor(g / GENRE_HEADS.length) % GENRE_TAILS.length];
    const round = Math.floor(g / (GENRE_HEADS.length * GENRE_TAILS.length));
    return round === 0 ? `${head}-${tail}` : `${head}-${tail}-${round + 1}`;
  });
  // Per genre: a mean for each 0..1 feature, a tempo, a loudness.
  const profiles = genres.map(() => ({
    mean: Array.from({ length: 7 }, () => 0.1 + 0.8 * rand()),
    tempo: 70 + 100 * rand(),
    loudness: -20 + 17 * rand(),
    major: rand(),
  }));

  // Artists: a pool per genre; picks are Zipf-like (log-uniform rank).
  const perGenre = Math.max(4, Math.ceil(rows / nGenres / 3));
  const artistNames = new Map<string, string>();
  const artist = (g: number): string => {
    const rank = Math.floor(Math.exp(rand() * Math.log(perGenre + 1))) - 1;
    const key = `${g}:${rank}`;
    let name = artistNames.get(key);
    if (name === undefined) {
      const r = rand();
      name = r < 0.5 ? `${word(2)} ${word(2)}` : r < 0.8 ? word(3) : `The ${pick(WORDS)} ${word(1)}s`;
      artistNames.set(key, name);
    }
    return name;
  };
  const title = (): string => {
    const r = rand();
    const base = `${pick(WORDS)} ${pick(WORDS)}`;
    if (r < 0.03) return `${base}, ${word(2)}`; // a comma: needs quoting
    if (r < 0.04) return `${base} "${word(2)}"`; // quotes: doubled when written
    if (r < 0.06) return `${base} (${word(2)} Remix)`;
    return base;
  };
  // Written as Python prints floats: 0.0 and 1.0, not 0 and 1.
  const f3 = (x: number) => {
    const v = Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
    return Number.isInteger(v) ? v.toFixed(1) : String(v);
  };

  const newTrack = (g: number): Track => {
    let id = '';
    for (let i = 0; i < 22; i++) id += ID_CHARS[Math.floor(rand() * 62)];
    const credits = [artist(g)];
    if (rand() < 0.25) credits.push(artist(rand() < 0.7 ? g : Math.floor(rand() * nGenres)));
    if (rand() < 0.05) credits.push(artist(g));
    const p = profiles[g];
    const feat = p.mean.map((m) => f3(m + 0.12 * gaussian(rand)));
    const instrumental = rand() < 0.6 ? (rand() * 1e-4).toExponential(2).replace(/e-(\d)$/, 'e-0$1') : feat[4];
    const fields = [
      Math.max(0, Math.min(100, Math.round(35 + 20 * gaussian(rand)))),
      Math.max(30_000, Math.round(210_000 + 50_000 * gaussian(rand))),
      rand() < 0.1 ? 'True' : 'False',
      feat[0], // danceability
      feat[1], // energy
      Math.floor(rand() * 12),
      (p.loudness + 2.5 * gaussian(rand)).toFixed(3),
      rand() < p.major ? 1 : 0,
      f3(Number(feat[2]) * 0.3), // speechiness
      feat[3], // acousticness
      instrumental,
      f3(Number(feat[5]) * 0.5), // liveness
      feat[6], // valence
      (p.tempo + 12 * gaussian(rand)).toFixed(3),
      rand() < 0.9 ? 4 : 3,
    ].join(',');
    const album = rand() < 0.3 ? title() : `${pick(WORDS)} ${word(2)}`;
    return { id, artists: [...new Set(credits)].join(';'), album, name: title(), fields };
  };

  // Which rows are malformed, spread over the file (never the first row).
  const malformed = new Set<number>();
  const nBad = Math.min(opts.malformed ?? 0, Math.max(0, rows - 1));
  while (malformed.size < nBad) malformed.add(1 + Math.floor(rand() * (rows - 1)));

  const s: GenerateStats = stats ?? ({} as GenerateStats);
  Object.assign(s, { rows, tracks: 0, duplicateRows: 0, malformed: 0, malformedLines: [], genres: nGenres });
  const seen: Track[] = [];
  const seenGenres: Set<number>[] = [];
  yield withGenres ? HEADER : HEADER.slice(0, HEADER.lastIndexOf(','));
  for (let i = 0; i < rows; i++) {
    const g = Math.floor((i * nGenres) / rows);
    let t: Track;
    let isDup = false;
    // About a fifth of the rows list an earlier track under this genre too.
    if (seen.length > 0 && rand() < 0.2 && withGenres) {
      const k = Math.floor(rand() * seen.length);
      if (!seenGenres[k].has(g)) {
        t = seen[k];
        seenGenres[k].add(g);
        isDup = true;
      } else t = newTrack(g);
    } else t = newTrack(g);
    if (malformed.has(i)) {
      s.malformed++;
      s.malformedLines.push(i + 2);
      // A malformed row never introduces a track: its id is fresh.
      yield breakRow(i, t, genres[g], withGenres, Math.floor(rand() * 4));
      continue;
    }
    if (isDup) s.duplicateRows++;
    else {
      s.tracks++;
      seen.push(t);
      seenGenres.push(new Set([g]));
    }
    const cells = [i, t.id, csvField(t.artists), csvField(t.album), csvField(t.name), t.fields];
    if (withGenres) cells.push(genres[g]);
    yield cells.join(',');
  }
}

function breakRow(i: number, t: Track, genre: string, withGenres: boolean, how: number): string {
  const id = `BAD${String(i).padStart(19, '0')}`;
  const tail = withGenres ? `,${genre}` : '';
  switch (how) {
    case 0: // empty artists
      return `${i},${id},,${csvField(t.album)},${csvField(t.name)},${t.fields}${tail}`;
    case 1: // a feature that is not a number
      return `${i},${id},${csvField(t.artists)},${csvField(t.album)},${csvField(t.name)},${t.fields.replace(/,(True|False),[^,]*/, ',$1,n/a')}${tail}`;
    case 2: // a field missing
      return `${i},${id},${csvField(t.artists)},${csvField(t.name)},${t.fields}${tail}`;
    default: // empty track_id
      return `${i},,${csvField(t.artists)},${csvField(t.album)},${csvField(t.name)},${t.fields}${tail}`;
  }
}

/** Quotes a field the way pandas does: only when it holds a comma, quote or newline. */
export function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole CSV as one string (tests; small sizes). */
export function generateCatalogCsv(opts: GenerateOptions = {}): { text: string; stats: GenerateStats } {
  const stats = {} as GenerateStats;
  const text = [...catalogCsvLines(opts, stats)].join('\n') + '\n';
  return { text, stats };
}

/** Writes the CSV to a file in pieces, so a million rows never sit in memory. */
export function writeGeneratedCsv(path: string, opts: GenerateOptions = {}): GenerateStats {
  const stats = {} as GenerateStats;
  const fd = openSync(path, 'w');
  try {
    let buf: string[] = [];
    for (const line of catalogCsvLines(opts, stats)) {
      buf.push(line);
      if (buf.length === 10_000) {
        writeSync(fd, buf.join('\n') + '\n');
        buf = [];
      }
    }
    if (buf.length > 0) writeSync(fd, buf.join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
  return stats;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const out = arg('out');
  if (!out) {
    console.error('usage: npm run generate -- --rows N --seed S --out FILE [--malformed K] [--no-genres]');
    process.exit(2);
  }
  const stats = writeGeneratedCsv(out, {
    rows: Number(arg('rows') ?? 114_000),
    seed: Number(arg('seed') ?? 1),
    malformed: Number(arg('malformed') ?? 0),
    withGenres: !process.argv.includes('--no-genres'),
  });
  const { malformedLines, ...rest } = stats;
  console.log(`wrote ${out}:`, rest, malformedLines.length ? `malformed lines: ${malformedLines.slice(0, 20).join(', ')}` : '');
}
