// Importers for streaming services' own exports (besides Spotify's, in spotify.ts):
// Exportify CSVs (liked songs / playlists: likes, not plays), Apple Music's
// privacy export, YouTube Music's Takeout watch history, and Last.fm API
// `recenttracks` pages saved as JSON.
import { ImportError, SKIP_MS, spotifyTrackIdOf } from './play.ts';
import { column, csvImporter, jsonDocumentImporter, str, type ImporterOptions, type StreamingImporter } from './stream.ts';
import { parseUtcTime, precisionOf } from './time.ts';

const need = (file: string | undefined, what: string, cells: string[], cols: Record<string, number>): void => {
  const missing = Object.entries(cols).filter(([, i]) => i < 0).map(([k]) => k);
  if (missing.length)
    throw new ImportError('wrong-columns', `${what}: the header has no ${missing.join(', ')} column (found: ${cells.slice(0, 12).join(', ')})`, file);
};

/** Exportify (exportify.net) CSV: one row per track of a playlist or of Liked
 *  Songs, with `Track URI`, `Track Name`, `Artist Name(s)`, `Added At`. Each row
 *  becomes a like (the caller decides whether a playlist is likes or seeds). */
export function exportifyImporter(opts: ImporterOptions = {}): StreamingImporter {
  return csvImporter(
    {
      source: 'exportify',
      delimiter: ',',
      header(cells, keys) {
        const l = {
          uri: column(keys, 'trackuri', 'spotifyuri', 'uri'),
          track: column(keys, 'trackname', 'name'),
          artist: column(keys, 'artistnames', 'artistname'),
          artistUris: column(keys, 'artisturis', 'artisturi'),
          added: column(keys, 'addedat'),
        };
        need(opts.file, 'Exportify CSV', cells, { 'Track Name': l.track, 'Artist Name(s)': l.artist });
        return l;
      },
      row(f, l, where, t, drop) {
        const track = (f[l.track] ?? '').trim();
        const artist = (f[l.artist] ?? '').trim();
        const spotifyTrackId = l.uri >= 0 ? spotifyTrackIdOf(f[l.uri]) : undefined;
        if (!track || (!artist && !spotifyTrackId)) return drop('missing artist or track', where);
        const at = l.added >= 0 ? parseUtcTime(f[l.added] ?? '') : null;
        t.like({ artist, track, ...(spotifyTrackId ? { spotifyTrackId } : {}), ...(at !== null ? { at } : {}) });
      },
    },
    opts,
  );
}

/** Apple Music privacy export, "Apple Music - Play History Daily Tracks.csv":
 *  one row per track per day (`Track Description` "Artist - Title", `Date
 *  Played` YYYYMMDD, `Hours`, `Play Count`, `Skip Count`, `Play Duration
 *  Milliseconds`). Each counted play becomes one play at that day's first hour
 *  (minute precision, one minute apart). */
export function appleDailyImporter(opts: ImporterOptions = {}): StreamingImporter {
  return csvImporter(
    {
      source: 'apple-music',
      delimiter: ',',
      header(cells, keys) {
        const l = {
          desc: column(keys, 'trackdescription'),
          date: column(keys, 'dateplayed'),
          hours: column(keys, 'hours'),
          plays: column(keys, 'playcount'),
          skips: column(keys, 'skipcount'),
          ms: column(keys, 'playdurationmilliseconds'),
        };
        need(opts.file, 'Apple Music daily tracks', cells, { 'Track Description': l.desc, 'Date Played': l.date });
        return l;
      },
      row(f, l, where, t, drop) {
        const desc = (f[l.desc] ?? '').trim();
        const dash = desc.indexOf(' - ');
        if (dash <= 0) return drop('no "Artist - Title" in Track Description', where);
        const m = /^(\d{4})(\d{2})(\d{2})$/.exec((f[l.date] ?? '').trim());
        if (!m) return drop('bad time', where);
        const hour = Number(/\d+/.exec(l.hours >= 0 ? (f[l.hours] ?? '') : '')?.[0] ?? 0);
        const day = Date.UTC(+m[1], +m[2] - 1, +m[3], hour);
        const plays = Math.max(0, Math.round(Number(f[l.plays] ?? 1) || 0));
        const skips = Math.max(0, Math.round(Number(l.skips >= 0 ? f[l.skips] : 0) || 0));
        const total = Number(l.ms >= 0 ? f[l.ms] : NaN);
        if (plays + skips === 0) return drop('not played (0 plays)', where);
        const artist = desc.slice(0, dash).trim();
        const track = desc.slice(dash + 3).trim();
        // One row stands for several plays: count each as read, so read = kept + dropped still holds.
        t.result.read += plays + skips - 1;
        for (let i = 0; i < plays + skips; i++) {
          const ms = Number.isFinite(total) ? total / (plays + skips) : undefined;
          const ts = day + i * 60_000;
          t.keep({ ts, stamp: ts, precision: 'min', artist, track, ...(ms !== undefined ? { msPlayed: ms } : {}), ...(i >= plays ? { skipped: true } : {}), source: 'apple-music' });
        }
      },
    },
    opts,
  );
}

/** Apple Music privacy export, "Apple Music Play Activity.csv": one row per
 *  playback event (`Song Name`, `Event Start Timestamp`, `Play Duration
 *  Milliseconds`, `End Reason Type`). Recent exports have no artist column:
 *  those files are refused with a pointer to the Daily Tracks file. */
export function appleActivityImporter(opts: ImporterOptions = {}): StreamingImporter {
  return csvImporter(
    {
      source: 'apple-music',
      delimiter: ',',
      header(cells, keys) {
        const l = {
          song: column(keys, 'songname', 'contentname'),
          artist: column(keys, 'artistname', 'containerartistname'),
          album: column(keys, 'albumname', 'containeralbumname'),
          start: column(keys, 'eventstarttimestamp', 'eventtimestamp', 'eventendtimestamp'),
          ms: column(keys, 'playdurationmilliseconds'),
          end: column(keys, 'endreasontype'),
        };
        if (l.song >= 0 && l.artist < 0)
          throw new ImportError(
            'wrong-columns',
            'this Apple Music Play Activity file names no artists; import "Apple Music - Play History Daily Tracks.csv" from the same export instead',
            opts.file,
          );
        need(opts.file, 'Apple Music play activity', cells, { 'Song Name': l.song, 'Artist Name': l.artist, 'Event Start Timestamp': l.start });
        return l;
      },
      row(f, l, where, t, drop) {
        const track = (f[l.song] ?? '').trim();
        const artist = (f[l.artist] ?? '').trim();
        if (!track || !artist) return drop('missing artist or track', where);
        const raw = f[l.start] ?? '';
        const ts = parseUtcTime(raw);
        if (ts === null) return drop('bad time', where);
        const ms = Number(l.ms >= 0 ? f[l.ms] : NaN);
        if (Number.isFinite(ms) && ms <= 0) return drop('not played (0 ms)', where);
        const album = l.album >= 0 ? (f[l.album] ?? '').trim() : '';
        const skipped = Number.isFinite(ms) && ms < SKIP_MS && /SKIP/i.test(l.end >= 0 ? (f[l.end] ?? '') : '');
        t.keep({
          ts,
          stamp: ts,
          precision: precisionOf(raw),
          artist,
          track,
          ...(album ? { album } : {}),
          ...(Number.isFinite(ms) ? { msPlayed: ms } : {}),
          ...(skipped ? { skipped: true } : {}),
          source: 'apple-music',
        });
      },
    },
    opts,
  );
}

/** YouTube Music in Google Takeout, `watch-history.json`: a list of
 *  { header: "YouTube Music", title: "Watched <title>", subtitles: [{ name:
 *  "<Artist> - Topic" }], time }. Plain YouTube videos are dropped. */
export function youtubeMusicImporter(opts: ImporterOptions = {}): StreamingImporter {
  return jsonDocumentImporter(
    {
      source: 'youtube-music',
      arrays: [[]],
      notFound: 'expected a list of watch-history entries (a JSON array)',
      record(e, where, t, drop) {
        if (e.header !== 'YouTube Music') return drop('not YouTube Music (a video)', where);
        const track = str(e.title).replace(/^Watched\s+/, '');
        const sub = Array.isArray(e.subtitles) ? (e.subtitles[0] as Record<string, unknown> | undefined) : undefined;
        const artist = str(sub?.name).replace(/\s+-\s+Topic$/, '');
        if (!track || !artist || /^https?:/.test(track)) return drop('missing artist or track', where);
        const raw = str(e.time);
        const ts = parseUtcTime(raw);
        if (ts === null) return drop('bad time', where);
        t.keep({ ts, stamp: ts, precision: precisionOf(raw), artist, track, source: 'youtube-music' });
      },
    },
    opts,
  );
}

type Obj = Record<string, unknown>;
const text = (v: unknown): string => (v && typeof v === 'object' ? str((v as Obj)['#text'] ?? (v as Obj).name) : str(v));

/** Last.fm API `user.getRecentTracks` pages saved as JSON: one page
 *  { recenttracks: { track: [...] } } or a list of pages. The track playing
 *  now (no date) is dropped. */
export function lastfmJsonImporter(opts: ImporterOptions = {}): StreamingImporter {
  let pages = 0;
  return jsonDocumentImporter(
    {
      source: 'lastfm-json',
      // A list of pages, or one page (its "recenttracks" object).
      arrays: [[]],
      objects: [['recenttracks']],
      notFound: 'no Last.fm recenttracks pages in this JSON',
      records(value, at) {
        const rt = at === 0 ? (value && typeof value === 'object' ? (value as Obj).recenttracks : undefined) : value;
        if (!rt || typeof rt !== 'object') {
          if (!pages) throw new ImportError('wrong-columns', 'no Last.fm recenttracks pages in this JSON', opts.file);
          return [];
        }
        pages++;
        const list = (rt as Obj).track;
        return Array.isArray(list) ? list : list && typeof list === 'object' ? [list] : [];
      },
      record(e, where, t, drop) {
        const attr = e['@attr'] as Obj | undefined;
        if (attr?.nowplaying === 'true' || attr?.nowplaying === true) return drop('playing now (not a scrobble yet)', where);
        const artist = text(e.artist);
        const track = str(e.name);
        if (!artist || !track) return drop('missing artist or track', where);
        const date = e.date as Obj | undefined;
        const uts = str(date?.uts);
        const ts = parseUtcTime(uts || text(date));
        if (ts === null) return drop('bad time', where);
        const album = text(e.album);
        t.keep({ ts, stamp: ts, precision: uts ? 's' : 'min', artist, track, ...(album ? { album } : {}), source: 'lastfm-json' });
      },
    },
    opts,
  );
}
