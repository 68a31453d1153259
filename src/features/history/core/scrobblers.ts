// Importers for scrobblers' exports, the formats ListenBrainz itself reads:
// ListenBrainz's own export (JSON / JSON Lines, or the .zip), Libre.fm CSV,
// Maloja JSON, Pano Scrobbler JSON Lines and the Audioscrobbler
// `.scrobbler.log` that Rockbox and portable players write.
import { unzipSync } from 'fflate';
import { ImportError, SKIP_MS, spotifyTrackIdOf, type ImportResult, type Play } from './play.ts';
import {
  column,
  csvImporter,
  jsonDocumentImporter,
  jsonLinesImporter,
  lineImporter,
  str,
  type ImporterOptions,
  type RecordSpec,
  type StreamingImporter,
} from './stream.ts';
import { parseUtcTime, precisionOf } from './time.ts';
import { inflateEntry } from './zip.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const names = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter(Boolean) : []);

// ListenBrainz: { listened_at: unix s, track_metadata: { artist_name, track_name,
// release_name, additional_info: { spotify_id, duration_ms, artist_names } } }.
const listenbrainz: RecordSpec = {
  source: 'listenbrainz',
  record(e, where, t, drop) {
    const m = obj(e.track_metadata);
    const info = obj(m.additional_info);
    const artist = str(m.artist_name);
    const track = str(m.track_name);
    if (!artist || !track) return drop('missing artist or track', where);
    const raw = e.listened_at as string | number;
    const ts = typeof raw === 'number' || typeof raw === 'string' ? parseUtcTime(raw) : null;
    if (ts === null) return drop('bad time', where);
    const album = str(m.release_name);
    const spotifyTrackId = spotifyTrackIdOf(str(info.spotify_id));
    const credits = names(info.artist_names);
    // Optional fields set after, not spread in: a spread costs a runtime call (once per play).
    const play: Omit<Play, 'id'> = { ts, stamp: ts, precision: precisionOf(raw), artist, track, source: 'listenbrainz' };
    if (credits.length > 1) play.artists = credits;
    if (album) play.album = album;
    if (spotifyTrackId) play.spotifyTrackId = spotifyTrackId;
    t.keep(play);
  },
};

export const listenbrainzJsonlImporter = (opts: ImporterOptions = {}): StreamingImporter => jsonLinesImporter(listenbrainz, opts);

/** The older export: one JSON array of listens (or { payload: { listens } } from the API). */
export const listenbrainzJsonImporter = (opts: ImporterOptions = {}): StreamingImporter =>
  jsonDocumentImporter(
    {
      ...listenbrainz,
      arrays: [[], ['payload', 'listens']],
      notFound: 'expected a list of ListenBrainz listens',
    },
    opts,
  );

/** ListenBrainz export .zip: listens/YYYY/M.jsonl (or listens.json) inside; user.json and feedback are skipped. */
export function importListenbrainzZip(zip: Uint8Array, opts: ImporterOptions = {}): ImportResult {
  const name = opts.file ?? 'listenbrainz.zip';
  const MAX = 512 * 2 ** 20;
  const files: string[] = [];
  const skipped: string[] = [];
  try {
    // The directory only (nothing inflated): which entries are listens.
    unzipSync(zip, {
      filter: (f) => {
        const ok = /(^|\/)listens[^/]*\.jsonl?$|(^|\/)listens\/.+\.jsonl?$/i.test(f.name) && !f.name.startsWith('__MACOSX/');
        if (!ok && !f.name.endsWith('/')) skipped.push(f.name);
        if (ok && f.originalSize > MAX) throw new ImportError('archive-too-large', `${f.name} would unpack to over 512 MB`, name);
        if (ok) files.push(f.name);
        return false;
      },
    });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('bad-archive', `the zip archive is damaged (${(e as Error).message})`, name);
  }
  files.sort();
  if (!files.length) throw new ImportError('unknown-format', 'no ListenBrainz listens inside (looked for listens/*.jsonl or listens.json)', name);
  let total: ImportResult | null = null;
  for (const f of files) {
    const imp = f.endsWith('.jsonl') ? listenbrainzJsonlImporter({ ...opts, file: f }) : listenbrainzJsonImporter({ ...opts, file: f });
    for (const chunk of inflateEntry(zip, f, MAX, name)) imp.push(chunk);
    let r: ImportResult;
    try {
      r = imp.end();
    } catch (e) {
      // A month with no listens is an empty file: not an error inside an export.
      if (e instanceof ImportError && e.code === 'empty') continue;
      throw e;
    }
    total = total ? mergeResults(total, r) : r;
  }
  if (!total) throw new ImportError('empty', 'the export holds no listens', name);
  total.skippedFiles.push(...skipped);
  return total;
}

/** Sums two results of one source (several files of one export). */
function mergeResults(a: ImportResult, b: ImportResult): ImportResult {
  const droppedByReason = { ...a.droppedByReason };
  for (const [k, v] of Object.entries(b.droppedByReason)) droppedByReason[k] = (droppedByReason[k] ?? 0) + v;
  const min = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.min(x, y));
  const max = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.max(x, y));
  return {
    source: a.source,
    read: a.read + b.read,
    listens: a.listens + b.listens,
    skips: a.skips + b.skips,
    dropped: a.dropped + b.dropped,
    droppedByReason,
    droppedSamples: [...a.droppedSamples, ...b.droppedSamples].slice(0, 20),
    firstTs: min(a.firstTs, b.firstTs),
    lastTs: max(a.lastTs, b.lastTs),
    files: [...a.files, ...b.files],
    skippedFiles: [...a.skippedFiles, ...b.skippedFiles],
    plays: a.plays.length ? (b.plays.length ? a.plays.concat(b.plays) : a.plays) : b.plays,
    likes: [...a.likes, ...b.likes],
  };
}

/** Libre.fm CSV export: a few '#' comment lines, then a header with (at least)
 *  time (Unix seconds), artist, track, and often album. */
export function librefmImporter(opts: ImporterOptions = {}): StreamingImporter {
  return csvImporter(
    {
      source: 'librefm-csv',
      delimiter: ',',
      comments: true,
      header(cells, keys) {
        const l = { time: column(keys, 'time'), artist: column(keys, 'artist'), track: column(keys, 'track'), album: column(keys, 'album') };
        if (l.time < 0 || l.artist < 0 || l.track < 0)
          throw new ImportError('wrong-columns', `a Libre.fm export has time, artist, track columns (found: ${cells.join(', ')})`, opts.file);
        return l;
      },
      row(f, l, where, t, drop) {
        const artist = (f[l.artist] ?? '').trim();
        const track = (f[l.track] ?? '').trim();
        if (!artist || !track) return drop('missing artist or track', where);
        const raw = f[l.time] ?? '';
        const ts = parseUtcTime(raw);
        if (ts === null) return drop('bad time', where);
        const album = l.album >= 0 ? (f[l.album] ?? '').trim() : '';
        t.keep({ ts, stamp: ts, precision: precisionOf(raw), artist, track, ...(album ? { album } : {}), source: 'librefm-csv' });
      },
    },
    opts,
  );
}

/** Maloja's JSON export: { scrobbles: [{ time, track: { artists, title, album,
 *  length }, duration }] } (v3), or flat { time, artists, title, album, duration } (v2). */
export function malojaImporter(opts: ImporterOptions = {}): StreamingImporter {
  return jsonDocumentImporter(
    {
      source: 'maloja-json',
      arrays: [[], ['scrobbles']],
      notFound: 'expected a Maloja export with a "scrobbles" list',
      record(e, where, t, drop) {
        const tr = obj(e.track);
        const credits = names(tr.artists ?? e.artists);
        const track = str(tr.title ?? e.title);
        if (!credits.length || !track) return drop('missing artist or track', where);
        const ts = typeof e.time === 'number' || typeof e.time === 'string' ? parseUtcTime(e.time) : null;
        if (ts === null) return drop('bad time', where);
        const alb = tr.album ?? e.album;
        const album = typeof alb === 'string' ? alb.trim() : str(obj(alb).albumtitle ?? obj(alb).name);
        const played = Number(e.duration);
        const length = Number(tr.length);
        // No skip flag in Maloja: under 30 s played of a longer track counts as a skip.
        const skipped = played > 0 && played * 1000 < SKIP_MS && !(length > 0 && played >= length);
        const play: Omit<Play, 'id'> = { ts, stamp: ts, precision: 's', artist: credits.join(', '), track, source: 'maloja-json' };
        if (credits.length > 1) play.artists = credits;
        if (album) play.album = album;
        // `duration` is the time played; `track.length` is the track's length (not stored).
        if (Number.isFinite(played) && played > 0) play.msPlayed = played * 1000;
        if (skipped) play.skipped = true;
        t.keep(play);
      },
    },
    opts,
  );
}

/** Pano Scrobbler's JSON Lines export: { timeMs, artist, track, album,
 *  albumArtist, durationMs (the track's length, not the time played) }. */
export function panoscrobblerImporter(opts: ImporterOptions = {}): StreamingImporter {
  return jsonLinesImporter(
    {
      source: 'panoscrobbler-jsonl',
      record(e, where, t, drop) {
        if (typeof e.event === 'string' && !/scrobble/i.test(e.event)) return drop(`not a scrobble (${e.event})`, where);
        const artist = str(e.artist);
        const track = str(e.track);
        if (!artist || !track) return drop('missing artist or track', where);
        const ts = typeof e.timeMs === 'number' || typeof e.timeMs === 'string' ? parseUtcTime(Number(e.timeMs)) : null;
        if (ts === null) return drop('bad time', where);
        const album = str(e.album);
        t.keep({ ts, stamp: ts, precision: 'ms', artist, track, ...(album ? { album } : {}), source: 'panoscrobbler-jsonl' });
      },
    },
    opts,
  );
}

/** Audioscrobbler 1.1 `.scrobbler.log`: '#' header lines (#TZ/UTC or UNKNOWN),
 *  then tab-separated ARTIST, ALBUM, TITLE, TRACKNUM, LENGTH (s), RATING (L
 *  listened / S skipped), TIMESTAMP (Unix s), MBID. UNKNOWN time zones are
 *  the player's local clock: read as UTC (the report says so). */
export function scrobblerLogImporter(opts: ImporterOptions = {}): StreamingImporter {
  let tzUnknown = false;
  const imp = lineImporter(
    {
      source: 'scrobbler-log',
      line(text, where, t, drop) {
        if (text.startsWith('#')) {
          if (/^#TZ\/UNKNOWN/i.test(text)) tzUnknown = true;
          return false;
        }
        const f = text.split('\t');
        if (f.length < 7) return drop('malformed row', where);
        const [artist, album, track, , , rating, raw] = f.map((x) => x.trim());
        if (!artist || !track) return drop('missing artist or track', where);
        const ts = parseUtcTime(raw);
        if (ts === null) return drop('bad time', where);
        t.keep({ ts, stamp: ts, precision: 's', artist, track, ...(album ? { album } : {}), ...(rating === 'S' ? { skipped: true } : {}), source: 'scrobbler-log' });
      },
    },
    opts,
  );
  return {
    get consumed() {
      return imp.consumed;
    },
    push: (c) => imp.push(c),
    end() {
      const r = imp.end();
      if (tzUnknown) r.skippedFiles.push('times read as UTC: the log says its time zone is unknown (#TZ/UNKNOWN)');
      return r;
    },
  };
}
