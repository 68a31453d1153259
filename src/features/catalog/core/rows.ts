// One catalog row at a time: the header's column layout, and each row's
// fields checked and added to the builder as a new track or another genre of
// a known one, or rejected with a reason (counted, the first few with their
// line numbers).
import { CatalogFormatError, type CatalogSummary } from './catalog.ts';
import { AUDIO_FEATURES, FLOAT_FEATURES } from '../../../lib/features.ts';
import { CatalogBuilder, type TrackValues } from './builder.ts';
import { hashString } from './string-ids.ts';
import { isBlank, namesSomeone, toBool, toNumber, trimmed } from './numbers.ts';

const REQUIRED_COLUMNS = ['track_id', 'artists', 'track_name', ...AUDIO_FEATURES.map((f) => f.csv)];

/** The CSV names of the float columns, in FLOAT_FEATURES order. */
const FLOAT_CSV = AUDIO_FEATURES.filter((f) => f.type === 'float').map((f) => f.csv);

/** How many rejected rows keep their line number in the summary. */
const MAX_SAMPLES = 50;

interface Layout {
  trackId: number;
  artists: number;
  trackName: number;
  album: number;
  popularity: number;
  explicit: number;
  genre: number;
  durationMs: number;
  key: number;
  mode: number;
  timeSignature: number;
  floats: Int32Array;
}

export class CatalogRows {
  readonly builder = new CatalogBuilder();
  private layout: Layout | null = null;
  private duplicateRows = 0;
  private rejected = 0;
  readonly rejectedByReason: Record<string, number> = {};
  private rejectedSamples: { line: number; reason: string }[] = [];
  private lastGenre = '';
  private lastGenreId = -1;
  /** Scratch for one row's numbers before it is accepted. */
  private values: TrackValues = {
    popularity: 0,
    durationMs: 0,
    explicit: 0,
    key: 0,
    mode: 0,
    timeSignature: 0,
    floats: new Float64Array(FLOAT_FEATURES.length),
  };

  /** Takes the header: `header` is its text, `names` its fields (lower case,
   *  trimmed). Throws a CatalogFormatError when it is not a catalog's. */
  header(header: string, names: string[]): void {
    if (header.indexOf('\uFFFD') !== -1) {
      throw new CatalogFormatError('This file is not UTF-8 text (its header has bytes that are not valid text).');
    }
    const at = (name: string): number => names.indexOf(name);
    const missing = REQUIRED_COLUMNS.filter((c) => at(c) === -1);
    if (missing.length > 0) {
      for (const [sep, what] of [
        [';', 'semicolon'],
        ['\t', 'tab'],
      ] as const) {
        const parts = header.split(sep).map((s) => s.trim().replace(/^"|"$/g, '').toLowerCase());
        if (parts.includes('track_id') && parts.includes('artists')) {
          throw new CatalogFormatError(
            `This file is ${what}-separated; a catalog must be comma-separated CSV (as in the Spotify Tracks Dataset).`,
          );
        }
      }
      throw new CatalogFormatError(
        `The header is missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
      );
    }
    this.layout = {
      trackId: at('track_id'),
      artists: at('artists'),
      trackName: at('track_name'),
      album: at('album_name'),
      popularity: at('popularity'),
      explicit: at('explicit'),
      genre: at('track_genre'),
      durationMs: at('duration_ms'),
      key: at('key'),
      mode: at('mode'),
      timeSignature: at('time_signature'),
      floats: Int32Array.from(FLOAT_CSV, (f) => at(f)),
    };
  }

  reject(line: number, reason: string): void {
    this.rejected++;
    this.rejectedByReason[reason] = (this.rejectedByReason[reason] ?? 0) + 1;
    if (this.rejectedSamples.length < MAX_SAMPLES) this.rejectedSamples.push({ line, reason });
  }

  /** Checks a row and adds it as a new track or a genre of a known one, or
   *  rejects it. */
  add(row: string[], line: number): void {
    const L = this.layout!;
    const b = this.builder;
    const id = trimmed(row[L.trackId]);
    if (id === '') return this.reject(line, 'missing track_id');
    // A track seen before only adds its genre; its credits need no lookups.
    const idHash = hashString(id);
    const known = b.findTrack(id, idHash);
    const artistField = row[L.artists];
    const nCredits = known < 0 ? b.splitArtists(artistField) : namesSomeone(artistField) ? 1 : 0;
    if (nCredits === 0) return this.reject(line, 'missing artists');
    const name = row[L.trackName];
    if (isBlank(name)) return this.reject(line, 'missing track_name');

    const v = this.values;
    const num = v.floats;
    for (let f = 0; f < num.length; f++) {
      const x = toNumber(row[L.floats[f]]);
      if (!Number.isFinite(x)) return this.reject(line, `bad ${FLOAT_FEATURES[f]}`);
      num[f] = x;
    }
    const key = toNumber(row[L.key]);
    if (!(Number.isInteger(key) && key >= -1 && key <= 11)) return this.reject(line, 'bad key');
    const mode = toNumber(row[L.mode]);
    if (mode !== 0 && mode !== 1) return this.reject(line, 'bad mode');
    const ts = toNumber(row[L.timeSignature]);
    if (!(Number.isInteger(ts) && ts >= 0 && ts <= 127)) return this.reject(line, 'bad time_signature');
    const dur = toNumber(row[L.durationMs]);
    if (!(Number.isInteger(dur) && dur >= 0 && dur <= 0xffffffff)) return this.reject(line, 'bad duration_ms');
    let pop = 0;
    if (L.popularity >= 0) {
      pop = toNumber(row[L.popularity]);
      if (!(Number.isInteger(pop) && pop >= 0 && pop <= 100)) return this.reject(line, 'bad popularity');
    }
    let explicit = 0;
    if (L.explicit >= 0) {
      explicit = toBool(row[L.explicit]);
      if (explicit < 0) return this.reject(line, 'bad explicit');
    }
    let genre = -1;
    if (L.genre >= 0) {
      const g = row[L.genre];
      if (g === this.lastGenre && this.lastGenreId >= 0) genre = this.lastGenreId;
      else {
        const gt = g.trim();
        if (gt === '') return this.reject(line, 'missing track_genre');
        genre = b.genreId(gt);
        this.lastGenre = g;
        this.lastGenreId = genre;
      }
    }

    if (known >= 0) {
      // The same track listed under another genre: one track, more genres.
      this.duplicateRows++;
      if (genre >= 0) b.addGenre(known, genre);
      return;
    }
    v.popularity = pop;
    v.durationMs = dur;
    v.explicit = explicit;
    v.key = key;
    v.mode = mode;
    v.timeSignature = ts;
    const t = b.addTrack(id, idHash, name, L.album >= 0 ? row[L.album] : '', v, nCredits);
    if (genre >= 0) b.addGenre(t, genre);
  }

  summary(rowsRead: number): CatalogSummary {
    return {
      rowsRead,
      tracks: this.builder.tracks,
      artists: this.builder.artists,
      genres: this.builder.genres,
      duplicateRows: this.duplicateRows,
      rejected: this.rejected,
      rejectedByReason: { ...this.rejectedByReason },
      rejectedSamples: [...this.rejectedSamples],
      hasGenres: this.layout !== null && this.layout.genre >= 0,
    };
  }
}
